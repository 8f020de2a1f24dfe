/* v1model's digests (docs/RUNTIME.md, "Digests"): the types a program
 * sends to the control plane with digest<T>(receiver, data), each
 * registered once whatever the number of calls, with T's fields flattened
 * into the named values the control plane receives; and a call's data as
 * one expression per field, which pass_v1model.c hands to the backend as
 * `@digest(values...)`. The backend writes the values into the digest's
 * ring buffer where the call is, so a digest holds the values at the time
 * of the call (p4c copies BMv2's into temporaries there for the same
 * reason). */
#include "ir.h"

#include <string.h>

#include "copy.h"

typedef struct Flat {
    IrProgram *ir;
    IrDigest *digest;       /* being registered: its fields are added */
    int next;               /* registered already: the field the next value is for */
    Node *intrinsic;        /* the values go into its args */
    bool ok;
} Flat;

/* `@name("...")` of DECL without the quotes (and a leading '.'), or NULL. */
static const char *name_annotation(Arena *arena, const Node *decl)
{
    for (int i = 0; decl && i < decl->annotations.len; i++) {
        const Node *a = decl->annotations.items[i];
        if (strcmp(a->name, "name") != 0 || a->is_structured || a->items.len != 1)
            continue;
        const char *t = a->items.items[0]->text;
        size_t n = t ? strlen(t) : 0;
        if (n < 2 || t[0] != '"')
            continue;
        int skip = t[1] == '.' ? 2 : 1;
        return arena_printf(arena, "%.*s", (int)n - skip - 1, t + skip);
    }
    return NULL;
}

IrDigest *ir_find_digest(const IrProgram *ir, const char *name)
{
    for (int i = 0; i < ir->ndigests; i++)
        if (strcmp(ir->digests[i]->name, name) == 0)
            return ir->digests[i];
    return NULL;
}

static Node *member_of(Arena *arena, Node *base, const Field *f)
{
    Node *m = ast_new(arena, N_MEMBER, base->loc);
    m->expr = copy_plain(arena, base);
    m->name = f->name;
    m->ty = f->type;
    return m;
}

/* BASE.isValid(), of a header. */
static Node *is_valid(Arena *arena, Node *base)
{
    Node *m = ast_new(arena, N_MEMBER, base->loc);
    m->expr = copy_plain(arena, base);
    m->name = "isValid";
    Node *call = ast_new(arena, N_CALL, base->loc);
    call->expr = m;
    call->ty = type_simple(T_BOOL);
    return call;
}

/* The value E gives field F of a struct or header: an item of a list or
 * struct expression, else E.F. */
static Node *field_value(Arena *arena, Node *e, const Type *t, int i)
{
    const Field *f = &t->fields[i];
    if (e->kind == N_LIST_EXPR)
        return i < e->items.len ? e->items.items[i] : NULL;
    if (e->kind == N_STRUCT_EXPR) {
        for (int k = 0; k < e->items.len; k++) {
            Node *kv = e->items.items[k];
            if (kv->kind == N_KV && kv->name && strcmp(kv->name, f->name) == 0)
                return kv->expr;
        }
        return NULL;
    }
    return member_of(arena, e, f);
}

static void add_value(Flat *fl, const char *name, IrDigestKind kind, Type *t, int width,
                      bool is_signed, Node *value)
{
    Arena *arena = fl->ir->arena;
    IrDigest *d = fl->digest;
    if (d) {
        d->fields = arena_realloc(arena, d->fields, sizeof *d->fields * (size_t)d->nfields,
                                  sizeof *d->fields * (size_t)(d->nfields + 1));
        d->fields[d->nfields++] = (IrDigestField){name, kind, t, width, is_signed};
    }
    node_list_push(arena, &fl->intrinsic->args, value);
}

static const char *path(Arena *arena, const char *prefix, const char *name)
{
    return prefix ? arena_printf(arena, "%s.%s", prefix, name) : name;
}

static bool find_call(Node *n, void *ctx)
{
    bool *found = ctx;
    if (n->kind == N_CALL && !(n->expr->kind == N_MEMBER && strcmp(n->expr->name, "isValid") == 0))
        *found = true;
    return !*found;
}

/* Whether E calls something: its value is then read once per field. */
static bool calls(Node *e)
{
    bool found = false;
    AstWalker w = {.pre = find_call, .ctx = &found};
    ast_walk(e, &w);
    return found;
}

/* The fields of a value E of type T (named PREFIX.field), in order. */
static void flatten(Flat *fl, Node *e, Type *t, const char *prefix, const Node *at)
{
    Arena *arena = fl->ir->arena;
    while (t && t->kind == T_NEWTYPE)
        t = t->base;
    switch (t ? t->kind : T_UNKNOWN) {
    case T_STRUCT: case T_HEADER:
        if (e->kind != N_LIST_EXPR && e->kind != N_STRUCT_EXPR && calls(e)) {
            diag_error(fl->ir->diag, e->loc, "a digest of a value that calls something is not "
                       "supported by the XDP backend yet (each field would call it again): "
                       "put the value in a variable first");
            fl->ok = false;
            return;
        }
        for (int i = 0; i < t->nfields && fl->ok; i++) {
            Node *v = field_value(arena, e, t, i);
            if (!v) {
                diag_error(fl->ir->diag, e->loc, "internal error: no value for the digest's "
                           "field '%s' (a p4cc bug; please report it)", t->fields[i].name);
                fl->ok = false;
                return;
            }
            flatten(fl, v, t->fields[i].type, path(arena, prefix, t->fields[i].name), at);
        }
        /* A header's fields mean nothing without its validity. */
        if (t->kind == T_HEADER && fl->ok) {
            Node *valid = e->kind == N_LIST_EXPR || e->kind == N_STRUCT_EXPR
                          ? NULL : is_valid(arena, e);
            if (!valid) {
                valid = ast_new(arena, N_BOOL, e->loc);
                valid->bool_value = true;
                valid->ty = type_simple(T_BOOL);
            }
            add_value(fl, path(arena, prefix, "$valid"), DIGEST_BOOL, type_simple(T_BOOL), 1,
                      false, valid);
        }
        return;
    case T_BITS:
        add_value(fl, prefix, DIGEST_BITS, t, t->width, t->is_signed, e);
        return;
    case T_BOOL:
        add_value(fl, prefix, DIGEST_BOOL, t, 1, false, e);
        return;
    case T_ENUM:
        add_value(fl, prefix, DIGEST_ENUM, t, 32, false, e);
        return;
    case T_ERROR:
        add_value(fl, prefix, DIGEST_ERROR, t, 32, false, e);
        return;
    case T_SERENUM:
        if (t->base && t->base->kind == T_BITS) {
            add_value(fl, prefix, DIGEST_SERENUM, t, t->base->width, t->base->is_signed, e);
            return;
        }
        break;
    default:
        break;
    }
    diag_error(fl->ir->diag, (e ? e : at)->loc, "a digest field of type '%s' is not supported "
               "by the XDP backend yet (bit<W>, int<W>, bool, enums, errors, and structs and "
               "headers of them are)", t ? type_name(arena, t) : "?");
    fl->ok = false;
}

/* T's digest, registered when new (its fields come with the values). */
static IrDigest *digest_of(IrProgram *ir, Type *t, const Node *at, bool *is_new)
{
    *is_new = false;
    if (!t || (t->kind != T_STRUCT && t->kind != T_HEADER)) {
        diag_error(ir->diag, at->loc, "a digest of '%s' is not supported by the XDP backend: "
                   "its type must be a struct or header (the control plane knows a digest by "
                   "its type's name), as in digest<S>(receiver, {...})",
                   t ? type_name(ir->arena, t) : "?");
        return NULL;
    }
    if (!t->nfields) {
        diag_error(ir->diag, at->loc, "a digest of '%s', which has no fields, carries nothing",
                   type_name(ir->arena, t));
        return NULL;
    }
    const char *name = name_annotation(ir->arena, t->decl);
    if (!name)
        name = t->args.len ? type_name(ir->arena, t) : t->name;
    IrDigest *d = ir_find_digest(ir, name);
    if (d) {
        if (!type_equal(d->type, t)) {
            diag_error(ir->diag, at->loc, "two digest types are named '%s'; the control plane "
                       "needs one type per name", name);
            return NULL;
        }
        return d;
    }
    const char *c_name = ir_c_identifier(ir->arena, name);
    for (int i = 0; i < ir->ndigests; i++)
        if (strcmp(ir->digests[i]->c_name, c_name) == 0) {
            diag_error(ir->diag, at->loc, "the digests '%s' and '%s' would share the ring buffer "
                       "p4cc_digest_%s; rename one (@name)", ir->digests[i]->name, name, c_name);
            return NULL;
        }
    d = ARENA_NEW(ir->arena, IrDigest);
    d->name = name;
    d->c_name = c_name;
    d->type = t;
    d->decl = t->decl;
    ir->digests = arena_realloc(ir->arena, ir->digests, sizeof *ir->digests * (size_t)ir->ndigests,
                                sizeof *ir->digests * (size_t)(ir->ndigests + 1));
    /* Kept sorted by name, so p4info lists them in an order that does not
     * depend on where the calls are. */
    int slot = ir->ndigests++;
    while (slot > 0 && strcmp(ir->digests[slot - 1]->name, name) > 0) {
        ir->digests[slot] = ir->digests[slot - 1];
        slot--;
    }
    ir->digests[slot] = d;
    for (int i = 0; i < ir->ndigests; i++)
        ir->digests[i]->index = i;
    *is_new = true;
    return d;
}

Node *ir_digest_call(IrProgram *ir, Node *s)
{
    Node *call = s->expr;
    Node *data = call->args.len == 2 ? call->args.items[1]->expr : NULL;
    if (!data)
        return NULL;   /* sema reported it */
    const Type *f = call->expr->ty;
    Type *t = f && f->kind == T_FUNCTION && f->nparams == 2 ? f->params[1].type : NULL;
    if (!t || t->kind == T_TYPEVAR)
        t = data->ty;
    bool is_new;
    IrDigest *d = digest_of(ir, t, data, &is_new);
    if (!d)
        return NULL;
    Node *op = ast_new(ir->arena, N_INTRINSIC, s->loc);
    op->name = "digest";
    op->text = d->name;
    op->ty = type_simple(T_VOID);
    Flat fl = {.ir = ir, .digest = is_new ? d : NULL, .intrinsic = op, .ok = true};
    flatten(&fl, data, t, NULL, data);
    if (!fl.ok)
        return NULL;   /* compilation stops: the digest may stay registered */
    if (!is_new && op->args.len != d->nfields) {
        diag_error(ir->diag, data->loc, "internal error: this digest of '%s' has %d values, "
                   "not %d (a p4cc bug; please report it)", d->name, op->args.len, d->nfields);
        return NULL;
    }
    /* The receiver is BMv2's to ignore, and so ours. */
    Node *stmt = ast_new(ir->arena, N_CALL_STMT, s->loc);
    stmt->expr = op;
    return stmt;
}

/* The block whose control declares DECL (an action or an instance), or
 * NULL (declared at the top level). */
static const IrBlock *declaring_block(const IrProgram *ir, const Node *decl)
{
    for (int b = 0; b < ir->nblocks; b++) {
        const Node *c = ir->blocks[b].decl;
        for (int i = 0; c && i < c->locals.len; i++)
            if (c->locals.items[i] == decl)
                return &ir->blocks[b];
    }
    return NULL;
}

static const IrBlock *instance_block(const IrProgram *ir, const IrInstance *inst)
{
    while (inst->parent)
        inst = inst->parent;
    return declaring_block(ir, inst->decl);
}

static bool outside(const IrBlock *b)
{
    return b && strcmp(b->role, "ingress") != 0;
}

bool ir_code_outside_ingress(const IrProgram *ir, const Node *code)
{
    for (int b = 0; b < ir->nblocks; b++) {
        const IrBlock *blk = &ir->blocks[b];
        if (code == blk->body)
            return outside(blk);
        for (int i = 0; i < blk->states.len; i++)
            if (code == blk->states.items[i])
                return outside(blk);
    }
    for (int i = 0; i < ir->nactions; i++) {
        const IrAction *a = ir->actions[i];
        if (code == a->decl->body)
            return outside(a->owner ? instance_block(ir, a->owner) : declaring_block(ir, a->decl));
    }
    for (int i = 0; i < ir->ninstances; i++) {
        const Node *c = ir->instances[i]->control;
        bool here = code == c->body;
        for (int s = 0; c->kind == N_PARSER && s < c->items.len; s++)
            here = here || code == c->items.items[s];
        if (here)
            return outside(instance_block(ir, ir->instances[i]));
    }
    return false;
}
