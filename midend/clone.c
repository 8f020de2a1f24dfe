/* v1model's clones (docs/RUNTIME.md, "Clone sessions"): which programs
 * clone, and the field lists a clone keeps. A field list is the user
 * metadata fields annotated @field_list(..., N, ...), N the index the
 * clone_preserving_field_list call gives (a number or an enum member, as
 * p4c reads it); a struct field annotated goes whole, and fields inside
 * an unannotated struct are looked for in turn. The older calls that
 * pass the data itself (clone3, resubmit, recirculate) get a list of
 * the places it names. */
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

enum { MAX_DEPTH = 16 };

/* Place SLOT.PATH (NPATH names) appended to L, whose room is *CAP. */
static void push_field(IrProgram *ir, IrFieldList *l, int *cap, const char *slot,
                       const char **path, int npath)
{
    if (l->nfields == *cap) {
        int more = *cap ? *cap * 2 : 4;
        l->fields = arena_realloc(ir->arena, l->fields, sizeof *l->fields * (size_t)*cap,
                                  sizeof *l->fields * (size_t)more);
        *cap = more;
    }
    const char **copy = arena_alloc(ir->arena, sizeof *copy * (size_t)npath);
    memcpy(copy, path, sizeof *copy * (size_t)npath);
    l->fields[l->nfields++] = (IrBridgeField){.slot = slot, .path = copy, .npath = npath};
}

/* The fields of struct T (below PATH) in list KEY, appended to L. */
static void collect(IrProgram *ir, const Type *t, const char **path, int npath,
                    const IndexKey *key, IrFieldList *l, int *cap)
{
    for (int i = 0; t && i < t->nfields && npath < MAX_DEPTH; i++) {
        const Field *f = &t->fields[i];
        path[npath] = f->name;
        if (annotated(ir, f->decl, key)) {
            push_field(ir, l, cap, "meta", path, npath + 1);
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
    const char *path[MAX_DEPTH];
    int cap = 0;
    collect(ir, meta && meta->kind == T_STRUCT ? meta : NULL, path, 0, &key, l, &cap);
    return ir->nfield_lists;
}

/* Whether place A is place B or inside it. */
static bool within(const IrBridgeField *a, const IrBridgeField *b)
{
    if (strcmp(a->slot, b->slot) != 0 || a->npath < b->npath)
        return false;
    for (int i = 0; i < b->npath; i++)
        if (strcmp(a->path[i], b->path[i]) != 0)
            return false;
    return true;
}

/* Place SLOT.PATH into L unless a place there already holds it; places
 * inside it leave. */
static void add_place(IrProgram *ir, IrFieldList *l, int *cap, const char *slot,
                      const char **path, int npath)
{
    if (ir_v1model_set_for_copies(slot, path, npath))
        return;
    IrBridgeField f = {.slot = slot, .path = path, .npath = npath};
    int kept = 0;
    for (int i = 0; i < l->nfields; i++) {
        if (within(&f, &l->fields[i]))
            return;
        if (!within(&l->fields[i], &f))
            l->fields[kept++] = l->fields[i];
    }
    l->nfields = kept;
    push_field(ir, l, cap, slot, path, npath);
}

/* Element E of clone3's (resubmit's, recirculate's) data into L: a place
 * rooted at a parameter of the user metadata's or standard_metadata's
 * type; the whole parameter stands for each of its fields. */
static bool add_data_place(IrProgram *ir, IrFieldList *l, int *cap, Node *e, const Type *meta,
                           const Type *std)
{
    const char *rev[MAX_DEPTH];
    int n = 0;
    Node *root = e;
    while (root->kind == N_MEMBER && root->expr && n < MAX_DEPTH) {
        rev[n++] = root->name;
        root = root->expr;
    }
    const char *slot = NULL;
    if (root->kind == N_NAME && root->ref && root->ref->kind == N_PARAM && root->ty)
        slot = meta && type_equal(root->ty, meta) ? "meta"
               : std && type_equal(root->ty, std) ? "std" : NULL;
    if (!slot) {
        diag_error(ir->diag, e->loc, "the data a clone, resubmit or recirculate keeps must be "
                                     "fields of the user metadata or of standard_metadata");
        return false;
    }
    const char **path = arena_alloc(ir->arena, sizeof *path * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        path[i] = rev[n - 1 - i];
    if (n > 0) {
        add_place(ir, l, cap, slot, path, n);
        return true;
    }
    for (int i = 0; i < root->ty->nfields; i++) {
        const char **one = arena_alloc(ir->arena, sizeof *one);
        one[0] = root->ty->fields[i].name;
        add_place(ir, l, cap, slot, one, 1);
    }
    return true;
}

int ir_v1model_data_list(IrProgram *ir, Node *data, const Type *meta, const Type *std)
{
    IrFieldList l = {.key = arena_printf(ir->arena, "data at %d:%d", data->loc.line,
                                         data->loc.col)};
    int cap = 0;
    bool ok = true;
    if (data->kind == N_LIST_EXPR || data->kind == N_STRUCT_EXPR) {
        for (int i = 0; i < data->items.len; i++) {
            Node *e = data->items.items[i];
            ok = add_data_place(ir, &l, &cap, e->kind == N_KV ? e->expr : e, meta, std) && ok;
        }
    } else {
        ok = add_data_place(ir, &l, &cap, data, meta, std);
    }
    if (!ok)
        return -1;
    if (!l.nfields)
        return 0;
    ir->field_lists = arena_realloc(ir->arena, ir->field_lists,
                                    sizeof *ir->field_lists * (size_t)ir->nfield_lists,
                                    sizeof *ir->field_lists * (size_t)(ir->nfield_lists + 1));
    ir->field_lists[ir->nfield_lists++] = l;
    return ir->nfield_lists;
}

bool ir_v1model_clones(IrProgram *ir)
{
    /* PSA: its output metadata's clone, in ingress or egress. */
    if (ir->arch == ARCH_PSA)
        return ir_psa_may_set(ir, "ingress", "clone") || ir_psa_may_set(ir, "egress", "clone");
    return ir->arch == ARCH_V1MODEL && ir_uses_intrinsic(ir, "clone");
}

bool ir_v1model_recirculates(IrProgram *ir)
{
    return ir->arch == ARCH_V1MODEL &&
           (ir_uses_intrinsic(ir, "resubmit") || ir_uses_intrinsic(ir, "recirculate"));
}
