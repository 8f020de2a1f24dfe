/* C expressions for P4 expressions. A bit<W> value lives in the smallest
 * unsigned C integer that holds it and is kept reduced modulo 2^W: every
 * operation that can carry out of W bits is masked. An int<W> value lives in
 * the signed integer of that size, kept sign-extended.
 *
 * An expression's text is written left to right into one growing buffer
 * (CText), so each operand is written once: printing each operand's string
 * into its operator's would copy a chain of N operators N times. Leaves
 * (names, fields, constants) are returned as strings. */
#include "emit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

typedef struct CText {
    Arena *arena;
    char *data;
    size_t len, cap;
} CText;

static void reserve(CText *t, size_t more)
{
    if (t->len + more < t->cap)
        return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap <= t->len + more)
        cap *= 2;
    t->data = arena_realloc(t->arena, t->data, t->cap, cap);
    t->cap = cap;
}

static void put(CText *t, const char *s)
{
    size_t n = strlen(s);
    reserve(t, n);
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

static void putf(CText *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(CText *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    reserve(t, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(t->data + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static const char *text_of(const CText *t)
{
    return t->data ? t->data : "";
}

static void expr(Emitter *em, CText *out, Node *e);

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

/* The reduction of a value computed in a wider integer to a value of
 * TYPE: reduce_open writes what goes before the value, reduce_close what
 * goes after it. */
static void reduce_open(CText *out, const Type *type)
{
    int w = value_width(type);
    int c = c_container_bits(w);
    if (w <= 0 || c == 0)
        return;
    if (is_signed(type) && w == c)
        putf(out, "((s%d)(", c);
    else if (is_signed(type))
        putf(out, "((s%d)((u%d)(", c, c);
    else if (w == c)
        putf(out, "((u%d)(", c);
    else
        putf(out, "((u%d)((", c);
}

static void reduce_close(Emitter *em, CText *out, const Type *type)
{
    int w = value_width(type);
    int c = c_container_bits(w);
    if (w <= 0 || c == 0)
        return;
    if (w == c)
        put(out, "))");
    else if (is_signed(type))
        putf(out, ") << %d) >> %d)", c - w, c - w);
    else
        putf(out, ") & %s))", mask_text(em, w));
}

/* Reduces C expression X, computed in a wider integer, to a value of TYPE. */
static const char *reduce(Emitter *em, const char *x, const Type *type)
{
    CText out = {em->arena, NULL, 0, 0};
    reduce_open(&out, type);
    put(&out, x);
    reduce_close(em, &out, type);
    return text_of(&out);
}

static const char *literal(Emitter *em, Node *e)
{
    const ConstValue *v = e->value;
    const char *digits = v && v->kind == CV_INT ? v->digits : NULL;
    if (!digits) {
        /* A literal sema did not fold: evaluate its digits here. */
        uint64_t n = 0;
        if (!const_u64(e, &n))
            emit_error_at(em, e, "this literal does not fit in 64 bits here");
        digits = arena_printf(em->arena, "%llu", (unsigned long long)n);
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
            const char *local = parser_stack_index(em, e->expr);
            return arena_printf(em->arena, "((u32)(%s - 1))",
                                local ? local : arena_printf(em->arena, "%s_next", b));
        }
        const char *local = parser_stack_index(em, e->expr);
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
                if (w <= 0 || w > 56 || base->fields[i].type->kind == T_STRUCT) {
                    emit_error_at(em, e, "lookahead of this field is not supported by the XDP "
                                         "backend yet");
                    return "0";
                }
                em->lookahead_used = true;
                return arena_printf(em->arena, "p4cc_lookahead(data, data_end, pkt_off, %d, %d, "
                                               "%d, &lookahead_short)", bit, w,
                                    header_size_bits(base));
            }
            bit += packed_bits(base->fields[i].type);
        }
    }
    if (e->expr->kind == N_CALL)
        /* A field of a function's struct or header result. */
        return arena_printf(em->arena, "(%s).%s", emit_expr(em, e->expr), c_ident(em, e->name));
    return arena_printf(em->arena, "%s.%s", emit_lvalue(em, e->expr), c_ident(em, e->name));
}

/* The `+:` slices pass_constfold.c left (it made the others plain ones). */
static const char *plus_slice_error(Emitter *em, Node *e)
{
    emit_error_at(em, e, "a slice [L +: W] whose L is not known at compile time, or that runs "
                         "past its value's width, is not supported by the XDP backend yet");
    return "0";
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
    case N_PLUS_SLICE:
        return plus_slice_error(em, e);
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
/* `a == b` of varbit values (C lvalues A and B): the same size and bits. */
static void varbit_equal(CText *out, const char *a, const char *b, const Type *t)
{
    putf(out, "p4cc_varbit_eq(%s, %s_bits, %s, %s_bits, %d)", a, a, b, b, bytes_of_bits(t->width));
}

static void aggregate_equal(Emitter *em, CText *out, Node *at, Side a, Side b, const Type *t)
{
    if ((!a.node && !a.text) || (!b.node && !b.text)) {
        emit_error_at(em, at, "these values do not have the same elements");
        put(out, "0");
        return;
    }
    if (t->kind == T_VARBIT) {
        varbit_equal(out, a.text ? a.text : emit_lvalue(em, a.node),
                     b.text ? b.text : emit_lvalue(em, b.node), t);
        return;
    }
    if (!c_is_struct(t)) {
        if (value_width(t) > 64 || value_width(t) == 0) {
            emit_error_at(em, at, "comparing '%s' elements is not supported by the XDP backend "
                                  "yet", type_name(em->arena, t));
            put(out, "0");
            return;
        }
        put(out, "(");
        if (a.node)
            expr(em, out, a.node);
        else
            put(out, a.text);
        put(out, " == ");
        if (b.node)
            expr(em, out, b.node);
        else
            put(out, b.text);
        put(out, ")");
        return;
    }
    int n = t->kind == T_TUPLE ? t->args.len : t->nfields;
    bool header = t->kind == T_HEADER && a.text && b.text;
    if (header)
        putf(out, "(%s.ebpf_valid == %s.ebpf_valid && (!%s.ebpf_valid || (", a.text, b.text,
             a.text);
    else
        put(out, "(");
    put(out, "1");
    for (int i = 0; i < n; i++) {
        const Type *et = t->kind == T_TUPLE ? t->args.items[i] : t->fields[i].type;
        Side ea = element_of(em, a, t, i), eb = element_of(em, b, t, i);
        put(out, " && ");
        aggregate_equal(em, out, at, ea, eb, et);
    }
    put(out, header ? ")))" : ")");
}

/* OPEN lhs MID rhs CLOSE. */
static void infix(Emitter *em, CText *out, Node *e, const char *open, const char *mid,
                  const char *close)
{
    put(out, open);
    expr(em, out, e->lhs);
    put(out, mid);
    expr(em, out, e->rhs);
    put(out, close);
}

static bool is_plain(Emitter *em, const Node *e)
{
    return e->kind == N_NAME || e->kind == N_MEMBER || e->kind == N_INDEX || e->kind == N_INT ||
           e->kind == N_BOOL || wide_hoisted(em, e);
}

/* The operands of an operator whose C text names them more than once
 * (saturating arithmetic, a shift by a run-time amount). A C lvalue or
 * constant is repeated as it is; anything else is computed once, into a
 * temporary of a statement expression that OUT then holds (*OPENED), or
 * its text would double with each such operator nested in it, and a call
 * in it would run twice. The left operand then goes into a temporary too,
 * so that it is read before the right one runs (left to right, as the
 * spec says). */
static void operands_once(Emitter *em, CText *out, Node *e, const char **a, const char **b,
                          bool *opened)
{
    Node *sides[2] = {e->lhs, e->rhs};
    const char **names[2] = {a, b};
    bool once[2] = {!is_plain(em, e->rhs) || !is_plain(em, e->lhs), !is_plain(em, e->rhs)};
    *opened = once[0] || once[1];
    if (*opened)
        put(out, "({ ");
    for (int i = 0; i < 2; i++) {
        if (!once[i]) {
            *names[i] = emit_expr(em, sides[i]);
            continue;
        }
        *names[i] = new_temp(em, "operand");
        putf(out, "%s %s = ", is_signed(sides[i]->ty) ? "s64" : "u64", *names[i]);
        expr(em, out, sides[i]);
        put(out, "; ");
    }
}

static void saturating(Emitter *em, CText *out, Node *e)
{
    bool opened;
    const char *a, *b;
    operands_once(em, out, e, &a, &b, &opened);
    Type *t = e->ty;
    int w = value_width(t);
    bool add = e->op == OP_ADD_SAT;
    if (is_signed(t) && w == 64) {
        /* The exact result does not fit: the overflow's direction is the
         * sign of b (of -b for |-|). */
        const char *r = new_temp(em, "saturated");
        putf(out, "({ s64 %s; __builtin_%s_overflow((s64)%s, (s64)%s, &%s) ? ((s64)%s < 0 ? %s : %s) "
                  ": %s; })", r, add ? "add" : "sub", a, b, r, b,
             add ? "(-0x7fffffffffffffffLL - 1)" : "0x7fffffffffffffffLL",
             add ? "0x7fffffffffffffffLL" : "(-0x7fffffffffffffffLL - 1)", r);
    } else if (is_signed(t)) {
        /* In 64 bits the exact result fits; clamp it to int<W>. */
        long long max = (long long)((1ULL << (w - 1)) - 1), min = -max - 1;
        const char *exact = arena_printf(em->arena, "((s64)%s %s (s64)%s)", a, add ? "+" : "-", b);
        putf(out, "((s%d)(%s > %lldLL ? %lldLL : %s < %lldLL ? %lldLL : %s))",
             c_container_bits(w), exact, max, max, exact, min, min, exact);
    } else if (add && w == 64) {   /* the sum wraps: it is then below a */
        putf(out, "((u64)%s + (u64)%s < (u64)%s ? 0xffffffffffffffffULL : (u64)%s + (u64)%s)", a, b,
             a, a, b);
    } else if (add) {
        const char *max = mask_text(em, w);
        putf(out, "((u64)%s + (u64)%s > %s ? %s : %s + %s)", a, b, max, max, a, b);
    } else {
        putf(out, "(%s < %s ? 0 : %s - %s)", a, b, a, b);
    }
    if (opened)
        put(out, "; })");
}

static void shift(Emitter *em, CText *out, Node *e)
{
    Type *t = e->ty;
    int lw = value_width(e->lhs->ty);
    bool arithmetic = is_signed(t) && e->op == OP_SHR;
    if (e->rhs->kind == N_INT) {
        long n = const_long(e->rhs, LONG_MAX);
        if (n >= lw && !arithmetic) {
            emit_expr(em, e->lhs);   /* its diagnostics */
            put(out, "0");
        } else if (n >= lw) {
            put(out, "(");
            expr(em, out, e->lhs);
            putf(out, " >> %d)", lw - 1);
        } else {
            reduce_open(out, t);
            infix(em, out, e, e->op == OP_SHL ? "((u64)" : "(", e->op == OP_SHL ? " << " : " >> ",
                  ")");
            reduce_close(em, out, t);
        }
        return;
    }
    /* P4: shifting by the width or more gives 0 (or the sign). */
    bool opened;
    const char *a, *b;
    operands_once(em, out, e, &a, &b, &opened);
    reduce_open(out, t);
    putf(out, "((%s) >= %d ? ", b, lw);
    if (arithmetic)
        putf(out, "(%s >> %d)", a, lw - 1);
    else
        put(out, "0");
    if (e->op == OP_SHL)
        putf(out, " : ((u64)%s << %s))", a, b);
    else
        putf(out, " : (%s >> %s))", a, b);
    reduce_close(em, out, t);
    if (opened)
        put(out, "; })");
}

static void binary(Emitter *em, CText *out, Node *e)
{
    Type *lt = e->lhs->ty;
    if ((e->op == OP_EQ || e->op == OP_NE) && lt && c_is_struct(lt) && lt->kind != T_UNION) {
        Side a = side_of(em, e->lhs);
        Side b = side_of(em, e->rhs);
        put(out, e->op == OP_EQ ? "" : "(!");
        aggregate_equal(em, out, e, a, b, lt);
        put(out, e->op == OP_EQ ? "" : ")");
        return;
    }
    if ((e->op == OP_EQ || e->op == OP_NE) && lt && lt->kind == T_STACK && lt->size > 0) {
        /* Stacks: element by element (the arrays' addresses in C). */
        if (!lt->base || lt->base->kind != T_HEADER) {
            emit_error_at(em, e, "comparing '%s' values is not supported by the XDP backend yet",
                          type_name(em->arena, lt));
            put(out, "0");
            return;
        }
        const char *a = emit_lvalue(em, e->lhs), *b = emit_lvalue(em, e->rhs);
        put(out, e->op == OP_EQ ? "(1" : "(!(1");
        for (int i = 0; i < lt->size; i++) {
            put(out, " && ");
            aggregate_equal(em, out, e, (Side){NULL, arena_printf(em->arena, "%s[%d]", a, i)},
                            (Side){NULL, arena_printf(em->arena, "%s[%d]", b, i)}, lt->base);
        }
        put(out, e->op == OP_EQ ? ")" : "))");
        return;
    }
    if ((e->op == OP_EQ || e->op == OP_NE) && lt && lt->kind == T_VARBIT) {
        put(out, e->op == OP_EQ ? "" : "!");
        varbit_equal(out, emit_lvalue(em, e->lhs), emit_lvalue(em, e->rhs), lt);
        return;
    }
    Type *t = e->ty;
    switch (e->op) {
    case OP_AND:
        infix(em, out, e, "(", " && ", ")");
        return;
    case OP_OR:
        infix(em, out, e, "(", " || ", ")");
        return;
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
        if (lt && c_is_struct(lt)) {
            emit_error_at(em, e, "comparing '%s' values is not supported by the XDP backend yet",
                          type_name(em->arena, lt));
            put(out, "0");
            return;
        }
        int cw = value_width(lt) > value_width(e->rhs->ty) ? value_width(lt) : value_width(e->rhs->ty);
        if (cw > 64) {
            /* Wide values are byte arrays: compare their bytes, not the
             * arrays' addresses. */
            put(out, emit_wide_compare(em, e, cw));
            return;
        }
        /* int<W> against an untyped constant (a u64 literal in C) must
         * still compare as signed numbers. */
        const char *mid = arena_printf(em->arena, " %s %s", op_text(e->op),
                                       is_signed(lt) || is_signed(e->rhs->ty) ? "(s64)" : "");
        infix(em, out, e, is_signed(lt) || is_signed(e->rhs->ty) ? "((s64)" : "(", mid, ")");
        return;
    }
    case OP_ADD: case OP_SUB: case OP_MUL:
        reduce_open(out, t);
        infix(em, out, e, "((u64)", arena_printf(em->arena, " %s (u64)", op_text(e->op)), ")");
        reduce_close(em, out, t);
        return;
    case OP_DIV: case OP_MOD: {
        /* bit<W> only (sema refuses int<W>): unsigned 64-bit operands, so
         * clang emits BPF's unsigned div and mod. A run-time zero divisor
         * gives what those instructions give (x / 0 = 0, x % 0 = x), not
         * C's undefined behaviour. */
        const ConstValue *d = e->rhs->value;
        reduce_open(out, t);
        if (d && d->kind == CV_INT && strcmp(d->digits, "0") != 0)
            infix(em, out, e, "((u64)", arena_printf(em->arena, " %s (u64)", op_text(e->op)),
                  ")");
        else
            infix(em, out, e, "({ u64 p4cc_n = ", "; u64 p4cc_d = ",
                  arena_printf(em->arena, "; p4cc_d ? p4cc_n %s p4cc_d : %s; })", op_text(e->op),
                               e->op == OP_DIV ? "0" : "p4cc_n"));
        reduce_close(em, out, t);
        return;
    }
    case OP_BIT_AND: case OP_BIT_OR: case OP_BIT_XOR:
        reduce_open(out, t);
        infix(em, out, e, "(", arena_printf(em->arena, " %s ", op_text(e->op)), ")");
        reduce_close(em, out, t);
        return;
    case OP_SHL: case OP_SHR:
        shift(em, out, e);
        return;
    case OP_ADD_SAT: case OP_SUB_SAT:
        saturating(em, out, e);
        return;
    case OP_CONCAT: {
        int rw = value_width(e->rhs->ty);
        if (value_width(t) > 64) {
            emit_error_at(em, e, "values wider than 64 bits are not supported by the XDP "
                                 "backend yet");
            put(out, "0");
            return;
        }
        reduce_open(out, t);
        infix(em, out, e, "(((u64)", arena_printf(em->arena, " << %d) | (u64)(", rw),
              arena_printf(em->arena, " & %s))", mask_text(em, rw)));
        reduce_close(em, out, t);
        return;
    }
    default:
        emit_error_at(em, e, "operator '%s' is not supported by the XDP backend", op_text(e->op));
        put(out, "0");
        return;
    }
}

/* The operand of cast E, as a value of at most 64 bits. */
static void cast_operand(Emitter *em, CText *out, Node *e)
{
    if (value_width(e->expr->ty) > 64 && value_width(e->ty) <= 64)   /* the low bytes of a byte array */
        put(out, emit_wide_low64(em, emit_expr(em, e->expr), value_width(e->expr->ty)));
    else
        expr(em, out, e->expr);
}

static void cast(Emitter *em, CText *out, Node *e)
{
    const Type *to = e->ty, *from = e->expr->ty;
    if (to->kind == T_BOOL) {
        put(out, "(");
        cast_operand(em, out, e);
        put(out, " != 0)");
    } else if (from && from->kind == T_BOOL) {
        put(out, "((u8)(");
        cast_operand(em, out, e);
        put(out, "))");
    } else if (from && is_signed(from) && !is_signed(to) && value_width(to) > value_width(from)) {
        /* int<W> to a wider bit<X>: sign-extend first (the spec casts
         * through int<X>), then keep X bits. */
        reduce_open(out, to);
        put(out, "((s64)");
        cast_operand(em, out, e);
        put(out, ")");
        reduce_close(em, out, to);
    } else {
        reduce_open(out, to);
        cast_operand(em, out, e);
        reduce_close(em, out, to);
    }
}

/* A call of an extern function the program declares itself, implemented
 * in C (--extern-c): p4c-ebpf's convention, in arguments by value (structs
 * too), out and inout arguments by pointer. */
static void user_extern_call(Emitter *em, CText *out, Node *e, Node *decl)
{
    if (!em->has_extern_c) {
        emit_error_at(em, e, "extern function '%s' has no implementation: give its C code with "
                             "--extern-c FILE or --extern-dir DIR (DIR/%s.c)", decl->name,
                      decl->name);
        put(out, "0");
        return;
    }
    putf(out, "%s(", c_ident(em, decl->name));
    for (int i = 0; i < e->args.len; i++) {
        Node *arg = e->args.items[i]->expr;
        Direction dir = i < decl->params.len ? decl->params.items[i]->dir : DIR_IN;
        put(out, i ? ", " : "");
        if (dir == DIR_OUT || dir == DIR_INOUT)
            putf(out, "&%s", emit_lvalue(em, arg));
        else
            expr(em, out, arg);
    }
    put(out, ")");
}

/* The bits lookahead<T>() reads for T, or -1 when some part is not a
 * scalar of at most 64 bits (within headers, structs and header stacks). */
static int lookahead_bits(Emitter *em, const Type *t)
{
    if (t->kind == T_STRUCT || t->kind == T_HEADER) {
        int total = 0;
        for (int i = 0; i < t->nfields; i++) {
            int w = lookahead_bits(em, t->fields[i].type);
            if (w < 0)
                return -1;
            total += w;
        }
        return total;
    }
    if (t->kind == T_STACK) {
        /* Of headers, or of scalars (an array a header or struct holds). */
        int w = t->base && t->base->kind != T_STRUCT ? lookahead_bits(em, t->base) : -1;
        return w < 0 ? -1 : w * t->size;
    }
    int w = value_width(t);
    return w <= 0 || w > 64 || t->kind == T_VARBIT ? -1 : w;
}

/* The statements filling LV, of type T, from BIT bits on: scalars in
 * packet order, headers valid, a stack's elements all extracted (its
 * nextIndex past the last, as extracting them through `next` leaves it). */
static void lookahead_fill(Emitter *em, CText *out, const char *lv, const Type *t, int *bit,
                           int total)
{
    if (t->kind == T_STRUCT || t->kind == T_HEADER) {
        for (int i = 0; i < t->nfields; i++)
            lookahead_fill(em, out, arena_printf(em->arena, "%s.%s", lv,
                                                 c_ident(em, t->fields[i].name)),
                           t->fields[i].type, bit, total);
        if (t->kind == T_HEADER)
            putf(out, "%s.ebpf_valid = 1; ", lv);
        return;
    }
    if (t->kind == T_STACK) {
        for (int i = 0; i < t->size; i++)
            lookahead_fill(em, out, arena_printf(em->arena, "%s[%d]", lv, i), t->base, bit,
                           total);
        if (t->base->kind == T_HEADER)
            putf(out, "%s_next = %d; ", lv, t->size);
        return;
    }
    int w = value_width(t);
    putf(out, "%s = p4cc_lookahead(data, data_end, pkt_off, %d, %d, %d, &lookahead_short); ", lv,
         *bit, w, total);
    *bit += w;
}

/* lookahead<H>() of a header or struct H of fields of at most 64 bits
 * (also in nested headers, structs, header stacks and arrays): a statement
 * expression filling a copy field by field from the packet (one bounds
 * check for the whole type, as for a scalar lookahead). */
static void lookahead_aggregate(Emitter *em, CText *out, Node *e)
{
    const Type *t = e->ty;
    int total = lookahead_bits(em, t);
    if (total < 0) {
        emit_error_at(em, e, "lookahead of this type is not supported by the XDP backend yet "
                             "(fields of up to 64 bits are)");
        put(out, "0");
        return;
    }
    em->lookahead_used = true;
    const char *v = new_temp(em, "ahead");
    putf(out, "({ %s %s; __builtin_memset(&%s, 0, sizeof(%s)); ", c_type(em, t), v, v, v);
    int bit = 0;
    lookahead_fill(em, out, v, t, &bit, total);
    putf(out, "%s; })", v);
}

static void call_expr(Emitter *em, CText *out, Node *e)
{
    Node *callee = e->expr;
    const char *name = callee->kind == N_NAME ? callee->name
                     : callee->kind == N_MEMBER ? callee->name : "";
    if (callee->kind == N_MEMBER && strcmp(name, "isValid") == 0) {
        const Type *u = callee->expr->ty;
        const char *base = emit_lvalue(em, callee->expr);
        if (u && u->kind == T_UNION) {
            /* A union is valid when one of its headers is. */
            put(out, "(0");
            for (int i = 0; i < u->nfields; i++)
                putf(out, " || %s.%s.ebpf_valid", base, c_ident(em, u->fields[i].name));
            put(out, ")");
            return;
        }
        putf(out, "%s.ebpf_valid", base);
        return;
    }
    if (callee->kind == N_NAME && strcmp(name, "BPF_KTIME_GET_NS") == 0) {
        put(out, "((u32)bpf_ktime_get_ns())");
        return;
    }
    if (callee->kind == N_NAME && (strcmp(name, "csum_replace2") == 0 ||
                                   strcmp(name, "csum_replace4") == 0) && e->args.len == 3) {
        putf(out, "p4cc_%s(", name);
        for (int i = 0; i < 3; i++) {
            put(out, i ? ", " : "");
            expr(em, out, e->args.items[i]->expr);
        }
        put(out, ")");
        return;
    }
    if (callee->kind == N_NAME && strcmp(name, "ebpf_ipv4_checksum") == 0 && e->args.len == 11) {
        put(out, "p4cc_ipv4_checksum(");
        for (int i = 0; i < 11; i++) {
            put(out, i ? ", (u64)" : "(u64)");
            expr(em, out, e->args.items[i]->expr);
        }
        put(out, ")");
        return;
    }
    if (callee->kind == N_MEMBER && strcmp(name, "length") == 0 && e->args.len == 0) {
        put(out, "((u32)(data_end - data))");
        return;
    }
    if (callee->kind == N_MEMBER && strcmp(name, "lookahead") == 0 && e->ty &&
        (e->ty->kind == T_HEADER || e->ty->kind == T_STRUCT)) {
        lookahead_aggregate(em, out, e);
        return;
    }
    if (callee->kind == N_MEMBER && strcmp(name, "lookahead") == 0) {
        int w = value_width(e->ty);
        if (w <= 0 || w > 64) {
            emit_error_at(em, e, "lookahead of this type is not supported by the XDP backend yet");
            put(out, "0");
            return;
        }
        em->lookahead_used = true;
        putf(out, "p4cc_lookahead(data, data_end, pkt_off, 0, %d, %d, &lookahead_short)", w, w);
        return;
    }
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_EXTERN_FUNCTION) {
        user_extern_call(em, out, e, callee->ref);
        return;
    }
    const char *reg = emit_register_call(em, e);
    if (reg)
        put(out, reg);
    else if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_FUNCTION)
        put(out, emit_function_call(em, e, callee->ref));
    else {
        emit_error_at(em, e, "this call is not supported in an expression by the XDP backend yet");
        put(out, "0");
    }
}

/* E's C text when E is a leaf (a name, field, constant, hoisted wide value
 * or an error), else NULL. */
static const char *leaf(Emitter *em, Node *e)
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
            return NULL;   /* its expression */
        emit_error_at(em, e, "'%s' is not supported here by the XDP backend", e->name);
        return "0";
    }
    case N_MEMBER: case N_INDEX: {
        /* A field of a read-through header: from the packet (emit.h). */
        int slot = -1;
        IrPlace header;
        if (e->kind == N_MEMBER && em->nwrite_through && !em->in_parser && e->expr->ty &&
            e->expr->ty->kind == T_HEADER && ir_place_of(em->ir, e->expr, &header))
            slot = write_through_slot(em, &header);
        const char *read = slot >= 0 && em->read_through[slot]
                           ? read_through_field(em, slot, emit_lvalue(em, e->expr), e->expr->ty,
                                                e->name)
                           : NULL;
        return read ? read : emit_lvalue(em, e);
    }
    case N_INTRINSIC:
        return emit_intrinsic(em, e);
    case N_SLICE: case N_UNARY: case N_BINARY: case N_TERNARY: case N_CAST: case N_CALL:
        return NULL;
    case N_PLUS_SLICE:
        return plus_slice_error(em, e);
    default:
        emit_error_at(em, e, "this expression is not supported by the XDP backend yet");
        return "0";
    }
}

/* A slice of at most 56 bits of a lookahead wider than 64 bits, which
 * slice() reads from the packet without the wide value. */
bool is_wide_lookahead_slice(const Node *e)
{
    if (e->kind != N_SLICE)
        return false;
    const Node *base = e->expr;
    long hi = const_long(e->lhs, -1), lo = const_long(e->rhs, -1);
    return hi >= lo && lo >= 0 && hi - lo + 1 <= 56 &&
           base->kind == N_CALL && base->expr->kind == N_MEMBER &&
           strcmp(base->expr->name, "lookahead") == 0 && base->ty && base->ty->kind == T_BITS &&
           value_width(base->ty) > 64;
}

static void slice(Emitter *em, CText *out, Node *e)
{
    long hi = const_long(e->lhs, 0), lo = const_long(e->rhs, 0);
    int bw = value_width(e->expr->ty);
    const Type *t = e->ty ? e->ty : type_bits(em->arena, (int)(hi - lo + 1), false);
    if (is_wide_lookahead_slice(e)) {
        /* A slice of a wide lookahead (`lookahead<bit<112>>()[111:96]`,
         * corpus issue356-bmv2): read just the bits sliced, the whole
         * width still having to be in the packet. */
        em->lookahead_used = true;
        putf(out, "p4cc_lookahead(data, data_end, pkt_off, %ld, %ld, %d, &lookahead_short)",
             bw - 1 - hi, hi - lo + 1, bw);
        return;
    }
    if (bw > 64) {
        /* A wide value is a byte array in network order: gather the
         * bytes holding bits hi..lo (at most 64 of them). */
        if (hi - lo + 1 > 64) {
            emit_error_at(em, e, "this slice of a value wider than 64 bits is not supported "
                                 "by the XDP backend yet");
            put(out, "0");
            return;
        }
        const char *arr = emit_lvalue(em, e->expr);
        reduce_open(out, t);
        put(out, "(0");
        for (long j = lo / 8; j <= hi / 8; j++) {
            long idx = bytes_of_bits(bw) - 1 - j, sh = 8 * j - lo;   /* right-aligned */
            if (sh >= 0)
                putf(out, " | ((u64)%s[%ld] << %ld)", arr, idx, sh);
            else
                putf(out, " | ((u64)%s[%ld] >> %ld)", arr, idx, -sh);
        }
        put(out, ")");
        reduce_close(em, out, t);
        return;
    }
    reduce_open(out, t);
    put(out, "(");
    expr(em, out, e->expr);
    putf(out, " >> %ld)", lo);
    reduce_close(em, out, t);
}

static void unary(Emitter *em, CText *out, Node *e)
{
    switch (e->op) {
    case OP_NOT:
        put(out, "(!");
        expr(em, out, e->expr);
        put(out, ")");
        return;
    case OP_COMPLEMENT: case OP_NEGATE:
        reduce_open(out, e->ty);
        put(out, e->op == OP_COMPLEMENT ? "(~" : "(-(s64)");
        expr(em, out, e->expr);
        put(out, ")");
        reduce_close(em, out, e->ty);
        return;
    default:
        expr(em, out, e->expr);
        return;
    }
}

/* E, not a leaf. */
static void compound(Emitter *em, CText *out, Node *e)
{
    switch (e->kind) {
    case N_NAME:   /* a constant without a folded value */
        expr(em, out, e->ref->expr);
        return;
    case N_SLICE:
        slice(em, out, e);
        return;
    case N_UNARY:
        unary(em, out, e);
        return;
    case N_BINARY:
        binary(em, out, e);
        return;
    case N_TERNARY:
        put(out, "(");
        expr(em, out, e->expr);
        put(out, " ? ");
        expr(em, out, e->lhs);
        put(out, " : ");
        expr(em, out, e->rhs);
        put(out, ")");
        return;
    case N_CAST:
        cast(em, out, e);
        return;
    case N_CALL:
        call_expr(em, out, e);
        return;
    default:
        return;
    }
}

static void expr(Emitter *em, CText *out, Node *e)
{
    const char *text = leaf(em, e);
    if (text)
        put(out, text);
    else
        compound(em, out, e);
}

const char *emit_expr(Emitter *em, Node *e)
{
    const char *text = leaf(em, e);
    if (text)
        return text;
    CText out = {em->arena, NULL, 0, 0};
    compound(em, &out, e);
    return text_of(&out);
}
