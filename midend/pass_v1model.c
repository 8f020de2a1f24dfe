/* v1model's extern functions as plain statements over standard_metadata
 * and intrinsics (N_INTRINSIC) the backend computes, so the backend knows
 * no v1model function by name (v1model.p4; BMv2's simple_switch is the
 * reference for what each does):
 *
 *   mark_to_drop(sm)                 sm.egress_spec = 511; sm.mcast_grp = 0;
 *   update_checksum(c, data, x, a)   if (c) x = @hash.a(fields of data);
 *   verify_checksum(c, data, x, a)   if (c && x != @hash.a(...)) std.checksum_error = 1;
 *   hash(r, a, base, data, max)      r = base + @hash.a(...) % max   (max 0: r = base)
 *   random(r, lo, hi)                r = @random(lo, hi)
 *   assert(c), assume(c)             if (!c) @abort()   (the packet is dropped, XDP_ABORTED)
 *   log_msg(...)                     nothing
 *   digest<T>(receiver, data)        @digest(each field of data)   (digests.c)
 *   clone(t, s)                      @clone((bit<32>)s, 0)
 *   clone_preserving_field_list(t, s, i)   @clone((bit<32>)s, L)   (L: field list id)
 *   resubmit_preserving_field_list(i)      @resubmit(L)
 *   recirculate_preserving_field_list(i)   @recirculate(L)
 *   clone3(t, s, data), resubmit(data), recirculate(data)   the same, L the
 *                                    places data names (midend/clone.c)
 *   truncate(n)                      @truncate((bit<32>)n)
 *
 * and the methods of v1model's extern objects as intrinsics over the
 * instance (its name is the intrinsic's first operand), with indexes as
 * bit<32> and cells as bit<W> (the backend's maps hold those):
 *
 *   r.read(x, i)                     x = (T)@register_read(r, i, (bit<W>)x)
 *   r.write(i, v)                    @register_write(r, i, (bit<W>)v)
 *   c.count(i)                       @counter_count(c, i)
 *   d.count()                        nothing (a hit of the table counts)
 *   m.execute_meter(i, x)            x = @meter_execute(m, i, x)
 *   dm.read(x)                       x = @direct_meter_read(dm, x)
 *
 * The last operand of a read is what it gives when there is nothing to
 * read (an index past the end; a table that missed): the destination
 * unchanged, as in BMv2. An extern object may reach a control instance
 * through a parameter: the methods then name the object its applies pass.
 * A table whose implementation is an
 * action_selector gets the hash of its selector fields
 * (IrTable.selector_hash), with the selector's algorithm.
 *
 * A clone is made at the end of the block that asked for it (ingress:
 * I2E, egress: E2E, whatever the call's CloneType says, as in BMv2), and
 * keeps field list L (midend/clone.c; 0: none).
 * The _with_payload checksums are @hash_with_payload: the packet's bytes
 * after the parsed headers follow the fields.
 * Runs before inlining, so what it writes is inlined like the rest. */
#include "ir.h"

#include <string.h>

#include "constvalue.h"
#include "build.h"
#include "copy.h"

typedef struct Lowering {
    IrProgram *ir;
    Arena *arena;
    Node *std;          /* the ingress's standard_metadata parameter: the packet's one */
    const Type *meta;   /* the user metadata's type */
    const IrExternBindings *bindings;   /* extern objects passed to parameters */
    bool outside_ingress;   /* the code being lowered runs outside ingress */
    int fresh;              /* numbers the temporaries it declares */
    bool ok;
} Lowering;

static Node *node(Lowering *lw, NodeKind kind, const Node *at, Type *ty)
{
    return ir_node(lw->arena, kind, at, ty);
}

/* standard_metadata_t, as the ingress's parameter has it. */
static const Type *std_type(const Lowering *lw)
{
    return lw->std ? lw->std->ty : NULL;
}

static Node *member(Lowering *lw, Node *base, const char *name, const Node *at)
{
    return ir_member(lw->arena, base, name, at);
}

static Node *name_of(Lowering *lw, Node *decl, const Node *at)
{
    return ir_name(lw->arena, decl, at);
}

static Node *int_lit(Lowering *lw, unsigned long long v, Type *ty, const Node *at)
{
    return ir_int(lw->arena, v, ty, at);
}

static Node *assign(Lowering *lw, Node *lhs, Node *rhs, const Node *at)
{
    return ir_assign(lw->arena, lhs, rhs, at);
}

static Node *binary(Lowering *lw, Op op, Node *l, Node *r, Type *ty, const Node *at)
{
    return ir_binary(lw->arena, op, l, r, ty, at);
}

static Node *cast(Lowering *lw, Node *e, Type *to, const Node *at)
{
    return ir_cast(lw->arena, e, to, at);
}

static Node *if_then(Lowering *lw, Node *cond, Node *then, const Node *at)
{
    Node *i = node(lw, N_IF, at, NULL);
    i->expr = cond;
    i->body = ast_new(lw->arena, N_BLOCK, at->loc);
    node_list_push(lw->arena, &i->body->items, then);
    return i;
}

static Node *arg(Node *call, int i)
{
    return i < call->args.len ? call->args.items[i]->expr : NULL;
}

/* The fields DATA stands for, in order: a list's or struct
 * expression's elements, a struct's or header's fields, each flattened,
 * appended to OUT as expressions of bit or bool type. */
static bool flatten_fields(Lowering *lw, Node *data, NodeList *out)
{
    const Type *t = data->ty;
    if (data->kind == N_LIST_EXPR || data->kind == N_STRUCT_EXPR) {
        for (int i = 0; i < data->items.len; i++) {
            Node *e = data->items.items[i];
            if (!flatten_fields(lw, e->kind == N_KV ? e->expr : e, out))
                return false;
        }
        return true;
    }
    if (t && (t->kind == T_STRUCT || t->kind == T_HEADER)) {
        for (int i = 0; i < t->nfields; i++)
            if (!flatten_fields(lw, member(lw, data, t->fields[i].name, data), out))
                return false;
        return true;
    }
    /* A new type may be of another new type: down to the bits. */
    while (t && (t->kind == T_SERENUM || t->kind == T_NEWTYPE) && t->base)
        t = t->base;
    if (t && t != data->ty)
        data = cast(lw, data, (Type *)t, data);
    /* A varbit goes in too: the backend takes one, last (emit_intrinsics.c). */
    if (!data->ty || (data->ty->kind != T_BITS && data->ty->kind != T_BOOL &&
                      data->ty->kind != T_VARBIT)) {
        diag_error(lw->ir->diag, data->loc, "a field of type '%s' in a hash or checksum is not "
                   "supported by the XDP backend (bit<W> fields are)",
                   data->ty ? type_name(lw->arena, data->ty) : "?");
        return false;
    }
    node_list_push(lw->arena, out, data);
    return true;
}

/* @hash.ALGO(fields of DATA) of type bit<WIDTH>; NULL after an error. */
static Node *hash_of(Lowering *lw, Node *algo, Node *data, Type *ty, const Node *at)
{
    const char *name = algo && algo->kind == N_MEMBER ? algo->name : NULL;
    static const char *const known[] = {"csum16", "crc16", "crc32", "identity", "xor16"};
    /* BMv2's crc16_custom and crc32_custom start with crc16's and crc32's
     * parameters, which only its control plane can change. */
    if (name && strcmp(name, "crc16_custom") == 0)
        name = "crc16";
    else if (name && strcmp(name, "crc32_custom") == 0)
        name = "crc32";
    bool ok = false;
    for (size_t i = 0; name && i < sizeof known / sizeof known[0]; i++)
        ok = ok || strcmp(name, known[i]) == 0;
    if (!ok) {
        diag_error(lw->ir->diag, (algo ? algo : at)->loc, "the hash algorithm '%s' is not "
                   "supported by the XDP backend yet (csum16, crc16, crc32, their _custom "
                   "forms with default parameters, identity and xor16 are)", name ? name : "?");
        return NULL;
    }
    Node *h = node(lw, N_INTRINSIC, at, ty);
    h->name = "hash";
    h->text = name;
    if (!flatten_fields(lw, data, &h->args))
        return NULL;
    return h;
}

static Type *bits(Lowering *lw, int width)
{
    return type_bits(lw->arena, width, false);
}

/* @NAME(INSTANCE, ...) of type TY: an operation on an extern object. */
/* @NAME(INSTANCE, ...) of type TY: an operation on an extern object, the
 * instance declaration INSTANCE. */
static Node *extern_op(Lowering *lw, const char *name, Node *instance, Type *ty, const Node *at)
{
    Node *op = node(lw, N_INTRINSIC, at, ty);
    op->name = name;
    node_list_push(lw->arena, &op->args, name_of(lw, instance, at));
    return op;
}

static Node *call_stmt(Lowering *lw, Node *e, const Node *at)
{
    Node *stmt = node(lw, N_CALL_STMT, at, NULL);
    stmt->expr = e;
    return stmt;
}

/* A struct register's cell: V's fields (nested ones flattened) packed
 * into one bit<W>, the first most significant (lower.c checked them). */
static Node *pack(Lowering *lw, Node *v, const Node *at)
{
    NodeList leaves = {0};
    if (!flatten_fields(lw, v, &leaves))
        return NULL;
    Node *packed = NULL;
    for (int i = 0; i < leaves.len; i++) {
        Node *leaf = cast(lw, leaves.items[i], bits(lw, type_width_bits(leaves.items[i]->ty)), at);
        packed = !packed ? leaf
                 : binary(lw, OP_CONCAT, packed, leaf,
                          bits(lw, packed->ty->width + leaf->ty->width), at);
    }
    return packed;
}

/* An untyped integer constant with its value, as sema leaves one. */
static Node *int_const(Lowering *lw, int v, const Node *at)
{
    Node *n = int_lit(lw, (unsigned long long)v, type_simple(T_INT), at);
    n->value = ARENA_NEW(lw->arena, ConstValue);
    n->value->kind = CV_INT;
    n->value->digits = n->text;
    n->value->type = n->ty;
    return n;
}

static Node *slice(Lowering *lw, Node *base, int hi, int lo, const Node *at)
{
    Node *s = node(lw, N_SLICE, at, bits(lw, hi - lo + 1));
    s->expr = base;
    s->lhs = int_const(lw, hi, at);
    s->rhs = int_const(lw, lo, at);
    return s;
}

/* Assignments to DST's fields (nested flattened) from CELL, bits TOP-1
 * down, in pack's order; returns the bits left below them. */
static int unpack(Lowering *lw, Node *dst, Node *cell, int top, NodeList *out, const Node *at)
{
    const Type *t = dst->ty;
    for (int i = 0; i < t->nfields; i++) {
        Node *f = member(lw, copy_plain(lw->arena, dst), t->fields[i].name, at);
        if (f->ty && f->ty->kind == T_STRUCT) {
            top = unpack(lw, f, cell, top, out, at);
            continue;
        }
        int w = type_width_bits(f->ty);
        Node *bitsv = slice(lw, copy_plain(lw->arena, cell), top - 1, top - w, at);
        Type *base = f->ty;
        while (base && (base->kind == T_SERENUM || base->kind == T_NEWTYPE) && base->base)
            base = base->base;
        node_list_push(lw->arena, out, assign(lw, f, cast(lw, cast(lw, bitsv, base, at), f->ty,
                                                          at), at));
        top -= w;
    }
    return top;
}

/* r.read(result, i) of a struct register: the cell into a temporary, read
 * once, then its slices into RESULT's fields. */
static Node *read_struct(Lowering *lw, Node *r, Node *result, int width, const Node *at)
{
    Node *packed = pack(lw, copy_plain(lw->arena, result), at);
    if (!packed)
        return NULL;
    node_list_push(lw->arena, &r->args, packed);
    Node *var = node(lw, N_VAR, at, bits(lw, width));
    var->name = arena_printf(lw->arena, "register_cell_%d", ++lw->fresh);
    var->type = ast_new(lw->arena, N_TYPE_NAME, at->loc);
    var->type->name = type_name(lw->arena, var->ty);
    var->type->ty = var->ty;
    var->expr = r;
    Node *block = node(lw, N_BLOCK, at, NULL);
    node_list_push(lw->arena, &block->items, var);
    unpack(lw, result, name_of(lw, var, at), width, &block->items, at);
    return block;
}

/* An index operand: bit<32>, what the maps take (lowering refused wider
 * index types). */
static Node *index_of(Lowering *lw, Node *index, const Node *at)
{
    return cast(lw, index, bits(lw, 32), at);
}

/* The colour of a meter goes into a bit<W> (v1model.p4: W >= 2), or a
 * serializable enum of one (p4c's MeterColor_t): the type the colour is
 * computed in, NULL after an error. */
static Type *colour_type(Lowering *lw, Node *result, const Node *at)
{
    Type *t = result ? result->ty : NULL;
    Type *bits_type = t && t->kind == T_SERENUM ? t->base : t;
    if (bits_type && bits_type->kind == T_BITS && !bits_type->is_signed &&
        bits_type->width >= 2 && bits_type->width <= 64)
        return bits_type;
    diag_error(lw->ir->diag, (result ? result : at)->loc, "a meter's colour goes into a bit<W> "
               "with W from 2 to 64 (or a serializable enum of one) in the XDP backend, not '%s'",
               t ? type_name(lw->arena, t) : "?");
    return NULL;
}

/* A method call of one of v1model's extern objects (X, declared by INST)
 * as statements over intrinsics; S when it is none; NULL after an error. */
static Node *lower_method(Lowering *lw, Node *s, IrExtern *x, Node *inst, const char *m)
{
    Node *call = s->expr;
    switch (x->kind) {
    case EXTERN_REGISTER: {
        Type *cell = bits(lw, x->width);
        if (strcmp(m, "read") == 0) {
            Node *result = arg(call, 0);
            Node *r = extern_op(lw, "register_read", inst, cell, s);
            node_list_push(lw->arena, &r->args, index_of(lw, arg(call, 1), s));
            if (x->is_struct)
                return read_struct(lw, r, result, x->width, s);
            node_list_push(lw->arena, &r->args, cast(lw, copy_plain(lw->arena, result), cell, s));
            return assign(lw, result, cast(lw, r, result->ty, s), s);
        }
        if (strcmp(m, "write") == 0) {
            Node *w = extern_op(lw, "register_write", inst, type_simple(T_VOID), s);
            node_list_push(lw->arena, &w->args, index_of(lw, arg(call, 0), s));
            Node *v = x->is_struct ? pack(lw, arg(call, 1), s) : cast(lw, arg(call, 1), cell, s);
            if (!v)
                return NULL;
            node_list_push(lw->arena, &w->args, v);
            return call_stmt(lw, w, s);
        }
        break;
    }
    case EXTERN_COUNTER:
        if (strcmp(m, "count") == 0) {
            Node *c = extern_op(lw, "counter_count", inst, type_simple(T_VOID), s);
            node_list_push(lw->arena, &c->args, index_of(lw, arg(call, 0), s));
            return call_stmt(lw, c, s);
        }
        break;
    case EXTERN_DIRECT_COUNTER:
        if (strcmp(m, "count") == 0)
            return node(lw, N_EMPTY_STMT, s, NULL);
        break;
    case EXTERN_METER:
        if (strcmp(m, "execute_meter") == 0) {
            Node *result = arg(call, 1);
            Type *colour = colour_type(lw, result, s);
            if (!colour)
                return NULL;
            Node *e = extern_op(lw, "meter_execute", inst, colour, s);
            node_list_push(lw->arena, &e->args, index_of(lw, arg(call, 0), s));
            node_list_push(lw->arena, &e->args, cast(lw, copy_plain(lw->arena, result), colour, s));
            return assign(lw, result, cast(lw, e, result->ty, s), s);
        }
        break;
    case EXTERN_DIRECT_METER:
        if (strcmp(m, "read") == 0) {
            Node *result = arg(call, 0);
            Type *colour = colour_type(lw, result, s);
            if (!colour)
                return NULL;
            Node *r = extern_op(lw, "direct_meter_read", inst, colour, s);
            node_list_push(lw->arena, &r->args, cast(lw, copy_plain(lw->arena, result), colour, s));
            return assign(lw, result, cast(lw, r, result->ty, s), s);
        }
        break;
    default:
        return s;
    }
    return s;
}

/* The statement that replaces the call statement S, or S; NULL after an
 * error. */
/* Puts named arguments (`update_checksum(condition = true, ...)`) in the
 * order of FN's parameters, which the lowering reads by position; left
 * as they are when an optional parameter in between has no argument. */
static void order_named_args(Lowering *lw, Node *call, const Type *fn)
{
    bool named = false;
    for (int i = 0; i < call->args.len; i++)
        named = named || call->args.items[i]->name;
    if (!named || !fn || fn->kind != T_FUNCTION || call->args.len > fn->nparams)
        return;
    Node **slot = arena_alloc(lw->arena, sizeof(Node *) * (size_t)(fn->nparams + 1));
    memset(slot, 0, sizeof(Node *) * (size_t)(fn->nparams + 1));
    for (int i = 0; i < call->args.len; i++) {
        Node *a = call->args.items[i];
        int p = i;
        for (int j = 0; a->name && j < fn->nparams; j++)
            if (fn->params[j].name && strcmp(fn->params[j].name, a->name) == 0)
                p = j;
        if (slot[p])
            return;
        slot[p] = a;
    }
    for (int i = 0; i < call->args.len; i++)
        if (!slot[i])
            return;
    for (int i = 0; i < call->args.len; i++)
        call->args.items[i] = slot[i];
}

static Node *lower_call(Lowering *lw, Node *s)
{
    Node *call = s->expr;
    Node *callee = call->expr;
    order_named_args(lw, call, callee->ty);
    Node *target = callee->kind == N_MEMBER && callee->expr->kind == N_NAME
                   ? ir_bound_extern(lw->bindings, callee->expr->ref) : NULL;
    if (target && target->kind == N_INSTANCE) {
        IrExtern *x = ir_find_extern(lw->ir, target);
        const Type *t = target->ty;
        /* ebpf_model's Register keeps its own methods (emit_registers.c). */
        if (x && t && t->kind == T_EXTERN && strcmp(t->name, "Register") != 0)
            return lower_method(lw, s, x, target, callee->name);
        return s;
    }
    if (callee->kind != N_NAME || !callee->ref || callee->ref->kind != N_EXTERN_FUNCTION)
        return s;
    const char *f = callee->name;
    if (strcmp(f, "mark_to_drop") == 0) {
        Node *sm = call->args.len ? arg(call, 0) : lw->std ? name_of(lw, lw->std, s) : NULL;
        if (!sm)
            return s;
        Node *b = node(lw, N_BLOCK, s, NULL);
        Node *spec = member(lw, sm, "egress_spec", s);
        node_list_push(lw->arena, &b->items, assign(lw, spec, int_lit(lw, 511, spec->ty, s), s));
        Node *mcast = member(lw, sm, "mcast_grp", s);
        node_list_push(lw->arena, &b->items, assign(lw, mcast, int_lit(lw, 0, mcast->ty, s), s));
        return b;
    }
    bool payload = strcmp(f, "update_checksum_with_payload") == 0 ||
                   strcmp(f, "verify_checksum_with_payload") == 0;
    if (strcmp(f, "update_checksum") == 0 || strcmp(f, "verify_checksum") == 0 || payload) {
        Node *cond = arg(call, 0), *data = arg(call, 1), *sum = arg(call, 2);
        Node *h = hash_of(lw, arg(call, 3), data, sum->ty, s);
        if (!h)
            return NULL;
        /* The payload: the packet's bytes after what the parser took. */
        if (payload)
            h->name = "hash_with_payload";
        if (f[0] == 'u')
            return if_then(lw, cond, assign(lw, sum, h, s), s);
        if (!lw->std)
            return s;
        Node *bad = binary(lw, OP_NE, sum, h, type_simple(T_BOOL), s);
        Node *err = member(lw, name_of(lw, lw->std, s), "checksum_error", s);
        return if_then(lw, binary(lw, OP_AND, cond, bad, type_simple(T_BOOL), s),
                       assign(lw, err, int_lit(lw, 1, err->ty, s), s), s);
    }
    if (strcmp(f, "hash") == 0) {
        Node *result = arg(call, 0), *base = arg(call, 2), *max = arg(call, 4);
        Node *h = hash_of(lw, arg(call, 1), arg(call, 3), bits(lw, 64), s);
        if (!h)
            return NULL;
        Type *u64 = bits(lw, 64);
        /* BMv2 takes max as a 64-bit number, and 0 as 1: the result is
         * then base (also for a max of 2^64, say). */
        Node *offset;
        uint64_t max_value;
        if (const_u64(max, &max_value) && max_value == 0) {
            offset = int_lit(lw, 0, u64, s);
        } else {
            offset = node(lw, N_TERNARY, s, u64);
            offset->expr = binary(lw, OP_NE, cast(lw, copy_plain(lw->arena, max), u64, s),
                                  int_lit(lw, 0, u64, s), type_simple(T_BOOL), s);
            offset->lhs = binary(lw, OP_MOD, h, cast(lw, max, u64, s), u64, s);
            offset->rhs = int_lit(lw, 0, u64, s);
        }
        Node *sum = binary(lw, OP_ADD, cast(lw, base, u64, s), offset, u64, s);
        return assign(lw, result, cast(lw, sum, result->ty, s), s);
    }
    if (strcmp(f, "random") == 0) {
        Node *result = arg(call, 0);
        Node *r = node(lw, N_INTRINSIC, s, result->ty);
        r->name = "random";
        node_list_push(lw->arena, &r->args, arg(call, 1));
        node_list_push(lw->arena, &r->args, arg(call, 2));
        return assign(lw, result, r, s);
    }
    if (strcmp(f, "assert") == 0 || strcmp(f, "assume") == 0) {
        Node *not = node(lw, N_UNARY, s, type_simple(T_BOOL));
        not->op = OP_NOT;
        not->expr = arg(call, 0);
        Node *abort = node(lw, N_INTRINSIC, s, type_simple(T_VOID));
        abort->name = "abort";
        Node *stmt = node(lw, N_CALL_STMT, s, NULL);
        stmt->expr = abort;
        return if_then(lw, not, stmt, s);
    }
    if (strcmp(f, "log_msg") == 0)
        return node(lw, N_EMPTY_STMT, s, NULL);
    if (strcmp(f, "digest") == 0) {
        if (!lw->outside_ingress)
            return ir_digest_call(lw->ir, s);
        /* BMv2 sends the digest a call asked for at the end of ingress:
         * later calls send nothing. */
        diag_warning(lw->ir->diag, s->loc, "digest outside ingress sends nothing (as in BMv2); "
                     "the call is left out");
        return node(lw, N_EMPTY_STMT, s, NULL);
    }
    if (strcmp(f, "clone") == 0 || strcmp(f, "clone_preserving_field_list") == 0 ||
        strcmp(f, "clone3") == 0) {
        int list = 0;
        if (call->args.len > 2 &&
            (list = f[5] == '3' ? ir_v1model_data_list(lw->ir, arg(call, 2), lw->meta, std_type(lw))
                                : ir_v1model_field_list(lw->ir, arg(call, 2), lw->meta)) < 0)
            return NULL;
        Node *c = node(lw, N_INTRINSIC, s, type_simple(T_VOID));
        c->name = "clone";
        node_list_push(lw->arena, &c->args, cast(lw, arg(call, 1), bits(lw, 32), s));
        node_list_push(lw->arena, &c->args, int_lit(lw, (unsigned long long)list, bits(lw, 8), s));
        return call_stmt(lw, c, s);
    }
    if (strcmp(f, "resubmit_preserving_field_list") == 0 ||
        strcmp(f, "recirculate_preserving_field_list") == 0 || strcmp(f, "resubmit") == 0 ||
        strcmp(f, "recirculate") == 0) {
        bool by_index = strstr(f, "_preserving_field_list") != NULL;
        int list = by_index ? ir_v1model_field_list(lw->ir, arg(call, 0), lw->meta)
                            : ir_v1model_data_list(lw->ir, arg(call, 0), lw->meta, std_type(lw));
        if (list < 0)
            return NULL;
        Node *c = node(lw, N_INTRINSIC, s, type_simple(T_VOID));
        c->name = f[1] == 'e' && f[2] == 's' ? "resubmit" : "recirculate";
        node_list_push(lw->arena, &c->args, int_lit(lw, (unsigned long long)list, bits(lw, 8), s));
        return call_stmt(lw, c, s);
    }
    if (strcmp(f, "truncate") == 0) {
        Node *c = node(lw, N_INTRINSIC, s, type_simple(T_VOID));
        c->name = "truncate";
        node_list_push(lw->arena, &c->args, cast(lw, arg(call, 0), bits(lw, 32), s));
        return call_stmt(lw, c, s);
    }
    return s;
}

static void lower_list(Lowering *lw, NodeList *items);
static void lower_nested(Lowering *lw, Node *s);

/* The statement *SLOT (a list's item, an if's branch, a loop's body): a
 * call statement is replaced in place, anything else lowered inside. */
static void lower_slot(Lowering *lw, Node **slot)
{
    Node *s = *slot;
    if (s && s->kind == N_CALL_STMT && s->expr->kind == N_CALL) {
        Node *k = lower_call(lw, s);
        if (!k)
            lw->ok = false;
        else
            *slot = k;
        return;
    }
    lower_nested(lw, s);
}

static void lower_nested(Lowering *lw, Node *s)
{
    switch (s ? s->kind : N_EMPTY_STMT) {
    case N_BLOCK:
        lower_list(lw, &s->items);
        break;
    case N_IF:
        lower_slot(lw, &s->body);
        lower_slot(lw, &s->else_body);
        break;
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            lower_slot(lw, &s->items.items[i]->body);
        break;
    case N_FOR: case N_FOR_IN:
        lower_slot(lw, &s->body);
        break;
    default:
        break;
    }
}

static void lower_list(Lowering *lw, NodeList *items)
{
    for (int i = 0; i < items->len; i++)
        lower_slot(lw, &items->items[i]);
}

static void lower_code(IrProgram *ir, Node *code, void *ctx)
{
    Lowering *lw = ctx;
    lw->outside_ingress = ir_code_outside_ingress(ir, code);
    if (code->kind == N_STATE || code->kind == N_BLOCK)
        lower_list(lw, &code->items);
}

/* The hash an action selector's table computes over its selector fields
 * to choose a member of a group: the selector's algorithm, as hash()
 * computes it. */
static bool lower_selector(Lowering *lw, IrTable *t)
{
    Node *at = t->selector_keys[0].expr;
    Node *fields = node(lw, N_LIST_EXPR, at, NULL);
    for (int k = 0; k < t->nselector_keys; k++)
        node_list_push(lw->arena, &fields->items, t->selector_keys[k].expr);
    t->selector_hash = hash_of(lw, t->implementation->algorithm, fields, bits(lw, 64), at);
    return t->selector_hash != NULL;
}

bool pass_v1model(IrProgram *ir)
{
    if (ir->arch != ARCH_V1MODEL)
        return true;
    Lowering lw = {.ir = ir, .arena = ir->arena, .ok = true};
    IrBlock *ingress = ir_block(ir, "ingress");
    if (ingress && ingress->params.len == 3) {
        lw.std = ingress->params.items[2];
        lw.meta = ingress->params.items[1]->ty;
    }
    lw.bindings = ir_bind_extern_params(ir);
    ir_walk_code(ir, lower_code, &lw);
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i]->implementation &&
            ir->tables[i]->implementation->kind == EXTERN_ACTION_SELECTOR)
            lw.ok = lower_selector(&lw, ir->tables[i]) && lw.ok;
    return lw.ok;
}
