/* C expressions for P4 expressions. A bit<W> value lives in the smallest
 * unsigned C integer that holds it and is kept reduced modulo 2^W: every
 * operation that can carry out of W bits is masked. An int<W> value lives in
 * the signed integer of that size, kept sign-extended. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

void bind_name(Emitter *em, const Node *decl, const char *c_expr)
{
    CBinding *b = ARENA_NEW(em->arena, CBinding);
    b->decl = decl;
    b->c_expr = c_expr;
    b->next = em->bindings;
    em->bindings = b;
}

static const char *lookup_binding(Emitter *em, const Node *decl)
{
    for (CBinding *b = em->bindings; b; b = b->next)
        if (b->decl == decl)
            return b->c_expr;
    return NULL;
}

const char *c_mask(int width)
{
    static const char *const masks[65] = {
        [1] = "0x1", [2] = "0x3", [3] = "0x7", [4] = "0xf", [5] = "0x1f", [6] = "0x3f",
        [7] = "0x7f", [8] = "0xff",
    };
    if (width >= 1 && width <= 8)
        return masks[width];
    return NULL;
}

static const char *mask_text(Emitter *em, int width)
{
    if (width >= 64)
        return "0xffffffffffffffffULL";
    if (width <= 8 && c_mask(width))
        return c_mask(width);
    return arena_printf(em->arena, "0x%llxULL", (1ULL << width) - 1);
}

static bool is_signed(const Type *t)
{
    if (t && (t->kind == T_SERENUM || t->kind == T_NEWTYPE))
        return is_signed(t->base);
    return t && t->kind == T_BITS && t->is_signed;
}

/* Reduces C expression X, computed in a wider integer, to a value of TYPE. */
static const char *reduce(Emitter *em, const char *x, const Type *type)
{
    int w = value_width(type);
    int c = c_container_bits(w);
    if (w <= 0 || c == 0)
        return x;
    if (is_signed(type)) {
        if (w == c)
            return arena_printf(em->arena, "((s%d)(%s))", c, x);
        return arena_printf(em->arena, "((s%d)((u%d)(%s) << %d) >> %d)", c, c, x, c - w, c - w);
    }
    if (w == c)
        return arena_printf(em->arena, "((u%d)(%s))", c, x);
    return arena_printf(em->arena, "((u%d)((%s) & %s))", c, x, mask_text(em, w));
}

static const char *literal(Emitter *em, Node *e)
{
    const ConstValue *v = e->value;
    const char *digits = v && v->kind == CV_INT ? v->digits : NULL;
    if (!digits) {
        /* A literal sema did not fold: evaluate its digits here. */
        unsigned long long n = strtoull(e->int_lit.digits, NULL, e->int_lit.base);
        digits = arena_printf(em->arena, "%llu", n);
    }
    int w = value_width(e->ty);
    if (w > 64)
        return emit_wide_const(em, e, digits);
    if (digits[0] == '-') {
        if (is_signed(e->ty) || w == 0)
            return arena_printf(em->arena, "(%sLL)", digits);
        return reduce(em, arena_printf(em->arena, "(%sLL)", digits), e->ty);
    }
    if (w == 0 || w == 64)
        return arena_printf(em->arena, "%sULL", digits);
    if (is_signed(e->ty))
        return arena_printf(em->arena, "((s%d)%sLL)", c_container_bits(w), digits);
    return arena_printf(em->arena, "%sU", digits);
}

static const char *member(Emitter *em, Node *e)
{
    if (e->expr->kind == N_TYPE_EXPR) {
        Type *t = e->expr->ty;
        if (t && t->kind == T_TYPE)
            t = t->base;
        if (t && t->kind == T_ERROR)
            return arena_printf(em->arena, "error_%s", e->name);
        if (t && (t->kind == T_ENUM || t->kind == T_SERENUM))
            return arena_printf(em->arena, "%s_%s", c_ident(em, t->name), e->name);
        emit_error_at(em, e, "this member is not supported by the XDP backend");
        return "0";
    }
    Type *base = e->expr->ty;
    if (base && base->kind == T_APPLY_RESULT) {
        Node *call = e->expr;
        Node *table = call->expr->ref;
        IrTable *t = table ? ir_find_table(em->ir, table) : NULL;
        if (!t) {
            emit_error_at(em, e, "cannot find the table of this apply");
            return "0";
        }
        if (strcmp(e->name, "hit") == 0)
            return arena_printf(em->arena, "%s_hit", t->c_name);
        if (strcmp(e->name, "miss") == 0)
            return arena_printf(em->arena, "(!%s_hit)", t->c_name);
        return arena_printf(em->arena, "%s_action_run", t->c_name);
    }
    if (base && base->kind == T_STACK) {
        const char *b = emit_lvalue(em, e->expr);
        if (strcmp(e->name, "size") == 0)
            return arena_printf(em->arena, "%dU", base->size);
        if (strcmp(e->name, "lastIndex") == 0) {
            const char *local = parser_stack_index(em, b);
            return arena_printf(em->arena, "((u32)(%s - 1))",
                                local ? local : arena_printf(em->arena, "%s_next", b));
        }
        const char *local = parser_stack_index(em, b);
        if (strcmp(e->name, "nextIndex") == 0)
            return local ? local : arena_printf(em->arena, "%s_next", b);
        if (local) {
            const char *i = strcmp(e->name, "next") == 0 ? local
                          : arena_printf(em->arena, "(%s - 1)", local);
            return arena_printf(em->arena, "%s[p4cc_clamp(%s, %d)]", b, i, base->size);
        }
        /* next / last: the element at the stack's index. The parser checks
         * the index before it extracts; the clamp keeps the access in
         * bounds for the verifier. */
        const char *index = strcmp(e->name, "next") == 0
                            ? arena_printf(em->arena, "%s_next", b)
                            : arena_printf(em->arena, "(%s_next - 1)", b);
        return arena_printf(em->arena, "%s[p4cc_clamp(%s, %d)]", b, index, base->size);
    }
    if (e->expr->kind == N_CALL && e->expr->expr->kind == N_MEMBER &&
        strcmp(e->expr->expr->name, "lookahead") == 0 && base && type_is_struct_like(base)) {
        /* A field of a looked-ahead header: read just that field. */
        int bit = 0;
        for (int i = 0; i < base->nfields; i++) {
            int w = value_width(base->fields[i].type);
            if (strcmp(base->fields[i].name, e->name) == 0) {
                if (w <= 0 || w > 56) {
                    emit_error_at(em, e, "lookahead of this field is not supported by the XDP "
                                         "backend yet");
                    return "0";
                }
                em->lookahead_used = true;
                return arena_printf(em->arena, "p4cc_lookahead(data, data_end, pkt_off, %d, %d, "
                                               "%d, &lookahead_short)", bit, w,
                                    header_size_bits(base));
            }
            bit += w;
        }
    }
    if (e->expr->kind == N_CALL)
        /* A field of a function's struct or header result. */
        return arena_printf(em->arena, "(%s).%s", emit_expr(em, e->expr), c_ident(em, e->name));
    return arena_printf(em->arena, "%s.%s", emit_lvalue(em, e->expr), c_ident(em, e->name));
}

const char *emit_lvalue(Emitter *em, Node *e)
{
    const char *wide = wide_hoisted(em, e);
    if (wide)
        return wide;
    switch (e->kind) {
    case N_NAME: {
        const char *c = e->ref ? lookup_binding(em, e->ref) : NULL;
        if (c)
            return c;
        emit_error_at(em, e, "'%s' is not supported here by the XDP backend", e->name);
        return "0";
    }
    case N_MEMBER:
        return member(em, e);
    case N_INDEX: {
        Type *t = e->expr->ty;
        int size = t && t->kind == T_STACK ? t->size : 0;
        const char *base = emit_lvalue(em, e->expr);
        if (t && t->kind == T_TUPLE)   /* a constant index (spec "Tuple types") */
            return arena_printf(em->arena, "%s.f%s", base,
                                e->lhs->value ? e->lhs->value->digits : "0");
        if (e->lhs->kind == N_INT)
            return arena_printf(em->arena, "%s[%s]", base, e->lhs->text);
        /* A run-time index: clamp it, so the verifier sees the access in bounds. */
        return arena_printf(em->arena, "%s[p4cc_clamp(%s, %d)]", base, emit_expr(em, e->lhs), size);
    }
    default:
        if (value_width(e->ty) > 64)
            emit_error_at(em, e, "this expression of type bit<%d> is not supported here by the "
                                 "XDP backend (values wider than 64 bits)", value_width(e->ty));
        else
            emit_error_at(em, e, "this expression cannot be assigned to");
        return "0";
    }
}

/* One side of an aggregate comparison: a list or struct expression, or a
 * C lvalue (what emit_lvalue names, or an element of it). */
typedef struct Side {
    Node *node;         /* a list or struct expression, or a scalar */
    const char *text;   /* else the C lvalue */
} Side;

/* N as a side: a struct-valued operand that is not a literal is named once,
 * by its C lvalue; literals and scalars stay expressions. */
static Side side_of(Emitter *em, Node *n)
{
    bool literal = n && (n->kind == N_LIST_EXPR || n->kind == N_STRUCT_EXPR);
    if (n && !literal && n->ty && c_is_struct(n->ty))
        return (Side){NULL, emit_lvalue(em, n)};
    return (Side){n, NULL};
}

static Side element_of(Emitter *em, Side s, const Type *t, int i)
{
    if (s.text)
        return (Side){NULL, arena_printf(em->arena, "%s.%s", s.text,
                                         t->kind == T_TUPLE ? arena_printf(em->arena, "f%d", i)
                                                            : c_ident(em, t->fields[i].name))};
    if (s.node->kind == N_LIST_EXPR)
        return side_of(em, i < s.node->items.len ? s.node->items.items[i] : NULL);
    for (int j = 0; j < s.node->items.len; j++)
        if (strcmp(s.node->items.items[j]->name, t->fields[i].name) == 0)
            return side_of(em, s.node->items.items[j]->expr);
    return (Side){NULL, NULL};
}

/* `a == b` of structs, headers and tuples (spec "Operations on
 * structs/headers/tuples"): element by element; headers are equal when
 * both are invalid or both valid with equal fields. */
static const char *aggregate_equal(Emitter *em, Node *at, Side a, Side b, const Type *t)
{
    if ((!a.node && !a.text) || (!b.node && !b.text)) {
        emit_error_at(em, at, "these values do not have the same elements");
        return "0";
    }
    if (!c_is_struct(t)) {
        if (value_width(t) > 64 || value_width(t) == 0) {
            emit_error_at(em, at, "comparing '%s' elements is not supported by the XDP backend "
                                  "yet", type_name(em->arena, t));
            return "0";
        }
        return arena_printf(em->arena, "(%s == %s)", a.node ? emit_expr(em, a.node) : a.text,
                            b.node ? emit_expr(em, b.node) : b.text);
    }
    int n = t->kind == T_TUPLE ? t->args.len : t->nfields;
    const char *all = "1";
    for (int i = 0; i < n; i++) {
        const Type *et = t->kind == T_TUPLE ? t->args.items[i] : t->fields[i].type;
        all = arena_printf(em->arena, "%s && %s", all,
                           aggregate_equal(em, at, element_of(em, a, t, i),
                                           element_of(em, b, t, i), et));
    }
    if (t->kind == T_HEADER && a.text && b.text)
        return arena_printf(em->arena, "(%s.ebpf_valid == %s.ebpf_valid && (!%s.ebpf_valid || (%s)))",
                            a.text, b.text, a.text, all);
    return arena_printf(em->arena, "(%s)", all);
}

static const char *binary(Emitter *em, Node *e)
{
    Type *lt = e->lhs->ty;
    if ((e->op == OP_EQ || e->op == OP_NE) && lt && c_is_struct(lt) && lt->kind != T_UNION) {
        const char *eq = aggregate_equal(em, e, side_of(em, e->lhs), side_of(em, e->rhs), lt);
        return e->op == OP_EQ ? eq : arena_printf(em->arena, "(!%s)", eq);
    }
    const char *a = emit_expr(em, e->lhs), *b = emit_expr(em, e->rhs);
    Type *t = e->ty;
    int w = value_width(t);
    switch (e->op) {
    case OP_AND: return arena_printf(em->arena, "(%s && %s)", a, b);
    case OP_OR: return arena_printf(em->arena, "(%s || %s)", a, b);
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
        if (lt && c_is_struct(lt)) {
            emit_error_at(em, e, "comparing '%s' values is not supported by the XDP backend yet",
                          type_name(em->arena, lt));
            return "0";
        }
        int cw = value_width(lt) > value_width(e->rhs->ty) ? value_width(lt) : value_width(e->rhs->ty);
        if (cw > 64) {
            /* Wide values are byte arrays: compare their bytes, not the
             * arrays' addresses. */
            return emit_wide_compare(em, e, cw);
        }
        /* int<W> against an untyped constant (a u64 literal in C) must
         * still compare as signed numbers. */
        if (is_signed(lt) || is_signed(e->rhs->ty))
            return arena_printf(em->arena, "((s64)%s %s (s64)%s)", a, op_text(e->op), b);
        return arena_printf(em->arena, "(%s %s %s)", a, op_text(e->op), b);
    }
    case OP_ADD: case OP_SUB: case OP_MUL:
        return reduce(em, arena_printf(em->arena, "((u64)%s %s (u64)%s)", a, op_text(e->op), b), t);
    case OP_DIV: case OP_MOD:
        return reduce(em, arena_printf(em->arena, "(%s %s %s)", a, op_text(e->op), b), t);
    case OP_BIT_AND: case OP_BIT_OR: case OP_BIT_XOR:
        return reduce(em, arena_printf(em->arena, "(%s %s %s)", a, op_text(e->op), b), t);
    case OP_SHL: case OP_SHR: {
        int lw = value_width(e->lhs->ty);
        const char *shifted = e->op == OP_SHL
            ? arena_printf(em->arena, "((u64)%s << %s)", a, b)
            : arena_printf(em->arena, "(%s >> %s)", a, b);
        if (e->rhs->kind == N_INT) {
            long n = strtol(e->rhs->value ? e->rhs->value->digits : e->rhs->int_lit.digits, NULL,
                            e->rhs->value ? 10 : e->rhs->int_lit.base);
            if (n >= lw && !(is_signed(t) && e->op == OP_SHR))
                return "0";
            if (n >= lw)
                return arena_printf(em->arena, "(%s >> %d)", a, lw - 1);
            return reduce(em, shifted, t);
        }
        /* P4: shifting by the width or more gives 0 (or the sign). */
        return reduce(em, arena_printf(em->arena, "((%s) >= %d ? %s : %s)", b, lw,
                                       is_signed(t) && e->op == OP_SHR
                                           ? arena_printf(em->arena, "(%s >> %d)", a, lw - 1)
                                           : "0", shifted), t);
    }
    case OP_ADD_SAT: case OP_SUB_SAT: {
        if (is_signed(t)) {
            /* In 64 bits the exact result fits; clamp it to int<W>. */
            long long max = (long long)((1ULL << (w - 1)) - 1), min = -max - 1;
            const char *exact = arena_printf(em->arena, "((s64)%s %s (s64)%s)", a,
                                             e->op == OP_ADD_SAT ? "+" : "-", b);
            return arena_printf(em->arena, "((s%d)(%s > %lldLL ? %lldLL : %s < %lldLL ? %lldLL : %s))",
                                c_container_bits(w), exact, max, max, exact, min, min, exact);
        }
        const char *max = mask_text(em, w);
        if (e->op == OP_ADD_SAT)
            return arena_printf(em->arena, "((u64)%s + (u64)%s > %s ? %s : %s + %s)", a, b, max,
                                max, a, b);
        return arena_printf(em->arena, "(%s < %s ? 0 : %s - %s)", a, b, a, b);
    }
    case OP_CONCAT: {
        int rw = value_width(e->rhs->ty);
        if (w > 64) {
            emit_error_at(em, e, "values wider than 64 bits are not supported by the XDP "
                                 "backend yet");
            return "0";
        }
        return reduce(em, arena_printf(em->arena, "(((u64)%s << %d) | (u64)(%s & %s))", a, rw,
                                       b, mask_text(em, rw)), t);
    }
    default:
        emit_error_at(em, e, "operator '%s' is not supported by the XDP backend", op_text(e->op));
        return "0";
    }
}

static const char *cast(Emitter *em, Node *e)
{
    const char *x = emit_expr(em, e->expr);
    const Type *to = e->ty, *from = e->expr->ty;
    if (value_width(from) > 64 && value_width(to) <= 64)   /* the low bytes of a byte array */
        x = emit_wide_low64(em, x, value_width(from));
    if (to->kind == T_BOOL)
        return arena_printf(em->arena, "(%s != 0)", x);
    if (from && from->kind == T_BOOL)
        return arena_printf(em->arena, "((u8)(%s))", x);
    if (from && is_signed(from) && !is_signed(to) && value_width(to) > value_width(from)) {
        /* int<W> to a wider bit<X>: sign-extend first (the spec casts
         * through int<X>), then keep X bits. */
        return reduce(em, arena_printf(em->arena, "((s64)%s)", x), to);
    }
    if (value_width(to) == 0)
        return x;
    return reduce(em, x, to);
}

/* A call of an extern function the program declares itself, implemented
 * in C (--extern-c): p4c-ebpf's convention, in arguments by value (structs
 * too), out and inout arguments by pointer. */
static const char *user_extern_call(Emitter *em, Node *e, Node *decl)
{
    if (!em->has_extern_c) {
        emit_error_at(em, e, "extern function '%s' has no implementation: give its C code with "
                             "--extern-c FILE or --extern-dir DIR (DIR/%s.c)", decl->name,
                      decl->name);
        return "0";
    }
    const char *args = "";
    for (int i = 0; i < e->args.len; i++) {
        Node *arg = e->args.items[i]->expr;
        Direction dir = i < decl->params.len ? decl->params.items[i]->dir : DIR_IN;
        const char *text = dir == DIR_OUT || dir == DIR_INOUT
                           ? arena_printf(em->arena, "&%s", emit_lvalue(em, arg))
                           : emit_expr(em, arg);
        args = arena_printf(em->arena, "%s%s%s", args, i ? ", " : "", text);
    }
    return arena_printf(em->arena, "%s(%s)", c_ident(em, decl->name), args);
}

static const char *call_expr(Emitter *em, Node *e)
{
    Node *callee = e->expr;
    const char *name = callee->kind == N_NAME ? callee->name
                     : callee->kind == N_MEMBER ? callee->name : "";
    if (callee->kind == N_MEMBER && strcmp(name, "isValid") == 0) {
        const Type *u = callee->expr->ty;
        const char *base = emit_lvalue(em, callee->expr);
        if (u && u->kind == T_UNION) {
            /* A union is valid when one of its headers is. */
            const char *any = "0";
            for (int i = 0; i < u->nfields; i++)
                any = arena_printf(em->arena, "%s || %s.%s.ebpf_valid", any, base,
                                   c_ident(em, u->fields[i].name));
            return arena_printf(em->arena, "(%s)", any);
        }
        return arena_printf(em->arena, "%s.ebpf_valid", base);
    }
    if (callee->kind == N_NAME && strcmp(name, "BPF_KTIME_GET_NS") == 0)
        return "((u32)bpf_ktime_get_ns())";
    if (callee->kind == N_NAME && (strcmp(name, "csum_replace2") == 0 ||
                                   strcmp(name, "csum_replace4") == 0) && e->args.len == 3) {
        return arena_printf(em->arena, "p4cc_%s(%s, %s, %s)", name,
                            emit_expr(em, e->args.items[0]->expr),
                            emit_expr(em, e->args.items[1]->expr),
                            emit_expr(em, e->args.items[2]->expr));
    }
    if (callee->kind == N_NAME && strcmp(name, "ebpf_ipv4_checksum") == 0 && e->args.len == 11) {
        const char *args = "";
        for (int i = 0; i < 11; i++)
            args = arena_printf(em->arena, "%s%s(u64)%s", args, i ? ", " : "",
                                emit_expr(em, e->args.items[i]->expr));
        return arena_printf(em->arena, "p4cc_ipv4_checksum(%s)", args);
    }
    if (callee->kind == N_MEMBER && strcmp(name, "length") == 0 && e->args.len == 0)
        return "((u32)(data_end - data))";
    if (callee->kind == N_MEMBER && strcmp(name, "lookahead") == 0) {
        int w = value_width(e->ty);
        if (w <= 0 || w > 64) {
            emit_error_at(em, e, "lookahead of this type is not supported by the XDP backend yet");
            return "0";
        }
        em->lookahead_used = true;
        return arena_printf(em->arena, "p4cc_lookahead(data, data_end, pkt_off, 0, %d, %d, "
                                       "&lookahead_short)", w, w);
    }
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_EXTERN_FUNCTION)
        return user_extern_call(em, e, callee->ref);
    const char *reg = emit_register_call(em, e);
    if (reg)
        return reg;
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_FUNCTION)
        return emit_function_call(em, e, callee->ref);
    emit_error_at(em, e, "this call is not supported in an expression by the XDP backend yet");
    return "0";
}

const char *emit_expr(Emitter *em, Node *e)
{
    const char *wide = wide_hoisted(em, e);
    if (wide)
        return wide;
    if (value_width(e->ty) > 64 && (e->kind == N_BINARY || e->kind == N_UNARY || e->kind == N_CAST ||
                                 e->kind == N_SLICE || e->kind == N_TERNARY)) {
        /* Statements compute these beforehand (emit_wide.c); other places cannot. */
        emit_error_at(em, e, "computing a value of type bit<%d> here is not supported by the XDP "
                             "backend (values wider than 64 bits)", value_width(e->ty));
        return "0";
    }
    switch (e->kind) {
    case N_INT:
        return literal(em, e);
    case N_BOOL:
        return e->bool_value ? "1" : "0";
    case N_NAME: {
        const char *c = e->ref ? lookup_binding(em, e->ref) : NULL;
        if (c)
            return c;
        if (e->ref && e->ref->kind == N_CONST && e->ref->value && e->ref->value->kind == CV_INT) {
            Node lit = *e;
            lit.kind = N_INT;
            lit.value = e->ref->value;
            return literal(em, &lit);
        }
        if (e->ref && e->ref->kind == N_CONST && e->ref->expr)
            return emit_expr(em, e->ref->expr);
        emit_error_at(em, e, "'%s' is not supported here by the XDP backend", e->name);
        return "0";
    }
    case N_MEMBER: case N_INDEX: {
        /* A field of a read-through header: from the packet (emit.h). */
        int slot = -1;
        const char *header = NULL;
        if (e->kind == N_MEMBER && em->nwrite_through && !em->in_parser && e->expr->ty &&
            e->expr->ty->kind == T_HEADER) {
            header = emit_lvalue(em, e->expr);
            slot = write_through_slot(em, header);
        }
        const char *read = slot >= 0 && em->read_through[slot]
                           ? read_through_field(em, slot, header, e->expr->ty, e->name) : NULL;
        return read ? read : emit_lvalue(em, e);
    }
    case N_SLICE: {
        long hi = strtol(e->lhs->value ? e->lhs->value->digits : "0", NULL, 10);
        long lo = strtol(e->rhs->value ? e->rhs->value->digits : "0", NULL, 10);
        int bw = value_width(e->expr->ty);
        if (bw > 64) {
            /* A wide value is a byte array in network order: gather the
             * bytes holding bits hi..lo (at most 64 of them). */
            if (bw % 8 || hi - lo + 1 > 64) {
                emit_error_at(em, e, "this slice of a value wider than 64 bits is not supported "
                                     "by the XDP backend yet");
                return "0";
            }
            const char *arr = emit_lvalue(em, e->expr);
            const char *v = "0";
            for (long j = lo / 8; j <= hi / 8; j++) {
                long idx = bw / 8 - 1 - j, sh = 8 * j - lo;
                v = sh >= 0 ? arena_printf(em->arena, "%s | ((u64)%s[%ld] << %ld)", v, arr, idx, sh)
                            : arena_printf(em->arena, "%s | ((u64)%s[%ld] >> %ld)", v, arr, idx, -sh);
            }
            return reduce(em, arena_printf(em->arena, "(%s)", v),
                          e->ty ? e->ty : type_bits(em->arena, (int)(hi - lo + 1), false));
        }
        return reduce(em, arena_printf(em->arena, "(%s >> %ld)", emit_expr(em, e->expr), lo),
                      e->ty ? e->ty : type_bits(em->arena, (int)(hi - lo + 1), false));
    }
    case N_UNARY: {
        const char *x = emit_expr(em, e->expr);
        switch (e->op) {
        case OP_NOT: return arena_printf(em->arena, "(!%s)", x);
        case OP_COMPLEMENT: return reduce(em, arena_printf(em->arena, "(~%s)", x), e->ty);
        case OP_NEGATE: return reduce(em, arena_printf(em->arena, "(-(s64)%s)", x), e->ty);
        default: return x;
        }
    }
    case N_BINARY:
        return binary(em, e);
    case N_TERNARY:
        return arena_printf(em->arena, "(%s ? %s : %s)", emit_expr(em, e->expr),
                            emit_expr(em, e->lhs), emit_expr(em, e->rhs));
    case N_CAST:
        return cast(em, e);
    case N_CALL:
        return call_expr(em, e);
    case N_INTRINSIC:
        return emit_intrinsic(em, e);
    default:
        emit_error_at(em, e, "this expression is not supported by the XDP backend yet");
        return "0";
    }
}
