/* Numeric control-plane IDs (docs/RUNTIME.md, "IDs"): P4Runtime-style, a
 * kind byte on top and 24 bits from a hash of the fully qualified name, so
 * an unchanged program gets the same IDs on every compile. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#define ID_LOW_MASK 0xffffffu

/* FNV-1a, folded to 24 bits. */
static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return ((h >> 24) ^ h) & ID_LOW_MASK;
}

/* The value of an @id(N) annotation on DECL, or -1 (also when malformed). */
static long annotated_id(const Node *decl)
{
    for (int i = 0; decl && i < decl->annotations.len; i++) {
        const Node *a = decl->annotations.items[i];
        if (strcmp(a->name, "id") != 0 || a->items.len != 1)
            continue;
        char *end;
        const char *text = a->items.items[0]->text;
        unsigned long v = strtoul(text, &end, 0);
        if (*end || end == text || v == 0 || v > 0xffffffffUL)
            return -1;
        return (long)v;
    }
    return -1;
}

typedef struct {
    const char *name;
    const Node *decl;
    uint32_t *slot;
} IdRequest;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const IdRequest *)a)->name, ((const IdRequest *)b)->name);
}

/* Assigns ids of kind KIND to the N requests: @id(N) first (N's low 24
 * bits under the kind byte), then the others by name, each at its hash or
 * the next free value above it. USED holds ids taken so far (all kinds),
 * *NUSED of them. */
static void assign_kind(IrProgram *ir, IdRequest *req, int n, uint32_t kind, uint32_t *used,
                        int *nused)
{
    qsort(req, (size_t)n, sizeof *req, by_name);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            long anno = annotated_id(req[i].decl);
            if ((pass == 0) != (anno > 0))
                continue;
            uint32_t id = kind << 24 | (anno > 0 ? (uint32_t)anno & ID_LOW_MASK
                                                  : name_hash(req[i].name));
            for (bool clash = true; clash;) {
                clash = (id & ID_LOW_MASK) == 0;
                for (int k = 0; k < *nused && !clash; k++)
                    clash = used[k] == id;
                if (clash && anno > 0) {
                    diag_warning(ir->diag, req[i].decl->loc,
                                 "@id(%ld) of '%s' is taken; a generated id is used instead",
                                 anno, req[i].name);
                    anno = -1;
                    id = kind << 24 | name_hash(req[i].name);
                } else if (clash) {
                    id = kind << 24 | ((id + 1) & ID_LOW_MASK);
                }
            }
            used[(*nused)++] = id;
            *req[i].slot = id;
        }
    }
}

P4Ids p4ids_assign(IrProgram *ir)
{
    P4Ids ids;
    ids.tables = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(ir->ntables + 1));
    ids.actions = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(ir->nactions + 1));
    ids.externs = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(ir->nexterns + 1));
    ids.value_sets = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(ir->nvalue_sets + 1));
    ids.digests = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(ir->ndigests + 1));
    int total = ir->ntables + ir->nactions + ir->nexterns + ir->nvalue_sets + ir->ndigests;
    int nused = 0;
    uint32_t *used = arena_alloc(ir->arena, sizeof(uint32_t) * (size_t)(total + 1));
    IdRequest *req = arena_alloc(ir->arena, sizeof(IdRequest) * (size_t)(total + 1));
    int n = 0;
    for (int i = 0; i < ir->nactions; i++)
        req[n++] = (IdRequest){ir->actions[i]->name, ir->actions[i]->decl, &ids.actions[i]};
    assign_kind(ir, req, n, P4ID_ACTION, used, &nused);
    n = 0;
    for (int i = 0; i < ir->ntables; i++)
        req[n++] = (IdRequest){ir->tables[i]->name, ir->tables[i]->decl, &ids.tables[i]};
    assign_kind(ir, req, n, P4ID_TABLE, used, &nused);
    n = 0;
    for (int i = 0; i < ir->nvalue_sets; i++)
        req[n++] = (IdRequest){ir->value_sets[i]->name, ir->value_sets[i]->decl,
                               &ids.value_sets[i]};
    assign_kind(ir, req, n, P4ID_VALUE_SET, used, &nused);
    static const uint32_t id_kinds[] = {P4ID_COUNTER, P4ID_REGISTER, P4ID_DIRECT_COUNTER,
                                        P4ID_METER, P4ID_DIRECT_METER, P4ID_ACTION_PROFILE};
    for (size_t kind = 0; kind < sizeof id_kinds / sizeof id_kinds[0]; kind++) {
        n = 0;
        for (int i = 0; i < ir->nexterns; i++)
            if (p4ids_extern_kind(ir->externs[i]) == id_kinds[kind])
                req[n++] = (IdRequest){ir->externs[i]->name, ir->externs[i]->decl,
                                       &ids.externs[i]};
        assign_kind(ir, req, n, id_kinds[kind], used, &nused);
    }
    n = 0;
    for (int i = 0; i < ir->ndigests; i++)
        req[n++] = (IdRequest){ir->digests[i]->name, ir->digests[i]->decl, &ids.digests[i]};
    assign_kind(ir, req, n, P4ID_DIGEST, used, &nused);
    return ids;
}

uint32_t p4ids_extern_kind(const IrExtern *x)
{
    switch (x->kind) {
    case EXTERN_COUNTER_ARRAY: case EXTERN_COUNTER: return P4ID_COUNTER;
    case EXTERN_REGISTER: return P4ID_REGISTER;
    case EXTERN_DIRECT_COUNTER: return P4ID_DIRECT_COUNTER;
    case EXTERN_METER: return P4ID_METER;
    case EXTERN_DIRECT_METER: return P4ID_DIRECT_METER;
    case EXTERN_ACTION_PROFILE: case EXTERN_ACTION_SELECTOR: return P4ID_ACTION_PROFILE;
    }
    return 0;
}

uint32_t p4ids_action(const P4Ids *ids, const IrProgram *ir, const IrAction *a)
{
    for (int i = 0; i < ir->nactions; i++)
        if (ir->actions[i] == a)
            return ids->actions[i];
    return 0;
}
