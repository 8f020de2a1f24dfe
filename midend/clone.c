/* v1model's clones (docs/RUNTIME.md, "Clone sessions"): which programs
 * clone, and the field lists a clone keeps. A field list is the user
 * metadata fields annotated @field_list(..., N, ...), N the index the
 * clone_preserving_field_list call gives (a number or an enum member, as
 * p4c reads it); a struct field annotated goes whole, and fields inside
 * an unannotated struct are looked for in turn. */
#include "constvalue.h"
#include "ir.h"

#include <stdlib.h>
#include <string.h>

/* The index as the program writes it ("Lists.mirror", "0") and its
 * number when it has one. */
typedef struct IndexKey {
    const char *text;
    bool has_value;
    uint64_t value;
} IndexKey;

/* A number as an annotation token gives it: 0x1f, 12, 8w1. */
static bool token_number(const char *s, uint64_t *v)
{
    const char *w = strchr(s, 'w');
    if (w && w != s && strspn(s, "0123456789") == (size_t)(w - s))
        s = w + 1;
    char *end;
    unsigned long long n = strtoull(s, &end, 0);
    if (end == s || *end)
        return false;
    *v = n;
    return true;
}

/* The value of ELEM when it names a member of a serializable enum the
 * program uses ("Lists.mirror"). */
static bool enum_member_value(const IrProgram *ir, const char *elem, uint64_t *v)
{
    const char *dot = strchr(elem, '.');
    for (int i = 0; dot && i < ir->types.len; i++) {
        const Node *e = ir->types.items[i];
        if (e->kind != N_ENUM || !e->name || strlen(e->name) != (size_t)(dot - elem) ||
            strncmp(e->name, elem, (size_t)(dot - elem)) != 0)
            continue;
        for (int m = 0; m < e->items.len; m++) {
            const Node *member = e->items.items[m];
            if (member->expr && strcmp(member->name, dot + 1) == 0)
                return const_u64(member->expr, v);
        }
    }
    return false;
}

/* Whether annotation A (@field_list(e1, e2, ...)) lists KEY: by the text
 * the call writes, or by value (a number, or an enum member's). */
static bool lists_key(IrProgram *ir, const Node *a, const IndexKey *key)
{
    Arena *arena = ir->arena;
    const char *elem = "";
    for (int i = 0; i <= a->items.len; i++) {
        const char *tok = i < a->items.len ? a->items.items[i]->text : ",";
        if (tok && strcmp(tok, ",") != 0) {
            elem = arena_printf(arena, "%s%s", elem, tok);
            continue;
        }
        uint64_t v;
        if (strcmp(elem, key->text) == 0 ||
            (key->has_value && (token_number(elem, &v) || enum_member_value(ir, elem, &v)) &&
             v == key->value))
            return true;
        elem = "";
    }
    return false;
}

static bool annotated(IrProgram *ir, const Node *decl, const IndexKey *key)
{
    for (int i = 0; decl && i < decl->annotations.len; i++) {
        const Node *a = decl->annotations.items[i];
        if (strcmp(a->name, "field_list") == 0 && lists_key(ir, a, key))
            return true;
    }
    return false;
}

/* The fields of struct T (below PATH) in list KEY, appended to L. */
static void collect(IrProgram *ir, const Type *t, const char **path, int npath,
                    const IndexKey *key, IrFieldList *l, int *cap)
{
    enum { MAX_DEPTH = 16 };
    for (int i = 0; t && i < t->nfields && npath < MAX_DEPTH; i++) {
        const Field *f = &t->fields[i];
        path[npath] = f->name;
        if (annotated(ir, f->decl, key)) {
            if (l->nfields == *cap) {
                int more = *cap ? *cap * 2 : 4;
                l->fields = arena_realloc(ir->arena, l->fields, sizeof *l->fields * (size_t)*cap,
                                          sizeof *l->fields * (size_t)more);
                *cap = more;
            }
            const char **copy = arena_alloc(ir->arena, sizeof *copy * (size_t)(npath + 1));
            memcpy(copy, path, sizeof *copy * (size_t)(npath + 1));
            l->fields[l->nfields++] = (IrBridgeField){.slot = "meta", .path = copy,
                                                      .npath = npath + 1};
        } else if (f->type && f->type->kind == T_STRUCT) {
            collect(ir, f->type, path, npath + 1, key, l, cap);
        }
    }
}

int ir_v1model_field_list(IrProgram *ir, Node *index, const Type *meta)
{
    IndexKey key = {0};
    key.has_value = const_u64(index, &key.value);
    /* An enum member passed for bit<8> comes cast (implicitly, or as the
     * program writes it): the member names the list. */
    while (index->kind == N_CAST && index->expr)
        index = index->expr;
    if (!key.has_value)
        key.has_value = const_u64(index, &key.value);
    if (index->kind == N_MEMBER && index->expr && index->expr->kind == N_TYPE_NAME)
        key.text = arena_printf(ir->arena, "%s.%s", index->expr->name, index->name);
    else if (index->kind == N_MEMBER && index->expr && index->expr->kind == N_NAME)
        key.text = arena_printf(ir->arena, "%s.%s", index->expr->name, index->name);
    else if (key.has_value)
        key.text = arena_printf(ir->arena, "%llu", (unsigned long long)key.value);
    if (!key.text) {
        diag_error(ir->diag, index->loc, "a field list's index must be a compile-time constant "
                                         "(the number or enum member its @field_list names)");
        return -1;
    }
    for (int i = 0; i < ir->nfield_lists; i++)
        if (strcmp(ir->field_lists[i].key, key.text) == 0)
            return i + 1;
    ir->field_lists = arena_realloc(ir->arena, ir->field_lists,
                                    sizeof *ir->field_lists * (size_t)ir->nfield_lists,
                                    sizeof *ir->field_lists * (size_t)(ir->nfield_lists + 1));
    IrFieldList *l = &ir->field_lists[ir->nfield_lists++];
    *l = (IrFieldList){.key = key.text};
    const char *path[16];
    int cap = 0;
    collect(ir, meta && meta->kind == T_STRUCT ? meta : NULL, path, 0, &key, l, &cap);
    return ir->nfield_lists;
}

typedef struct Search {
    const char *a, *b;  /* intrinsics looked for */
    bool found;
} Search;

static bool find_intrinsic(Node *n, void *ctx)
{
    Search *s = ctx;
    if (n->kind == N_INTRINSIC && (strcmp(n->name, s->a) == 0 || strcmp(n->name, s->b) == 0))
        s->found = true;
    return !s->found;
}

static void visit(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_intrinsic, .ctx = ctx};
    ast_walk(code, &w);
}

static bool uses(IrProgram *ir, const char *a, const char *b)
{
    Search s = {a, b, false};
    if (ir->arch == ARCH_V1MODEL)
        ir_walk_code(ir, visit, &s);
    return s.found;
}

bool ir_v1model_clones(IrProgram *ir)
{
    /* PSA: its output metadata's clone, in ingress or egress. */
    if (ir->arch == ARCH_PSA)
        return ir_psa_may_set(ir, "ingress", "clone") || ir_psa_may_set(ir, "egress", "clone");
    return uses(ir, "clone", "clone");
}

bool ir_v1model_recirculates(IrProgram *ir)
{
    return uses(ir, "resubmit", "recirculate");
}
