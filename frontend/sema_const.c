/* Compile-time evaluation (spec "Compile-time Evaluation") with GMP's
 * arbitrary-precision integers: widths, sizes, constants and folding, with
 * the spec's wrap-around rules for fixed-width values. */
#include "sema_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ConstValue *value_int(Checker *ck, const mpz_t v, Type *type)
{
    ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
    cv->kind = CV_INT;
    size_t len = mpz_sizeinbase(v, 10) + 2;
    char *digits = arena_alloc(ck->arena, len);
    mpz_get_str(digits, 10, v);
    cv->digits = digits;
    cv->type = type;
    return cv;
}

static ConstValue *value_bool(Checker *ck, bool b)
{
    ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
    cv->kind = CV_BOOL;
    cv->boolean = b;
    cv->type = type_simple(T_BOOL);
    return cv;
}

void wrap_to_type(mpz_t v, const Type *type)
{
    if (!type || type->kind != T_BITS)
        return;
    if (type->width == 0) {
        mpz_set_ui(v, 0);
        return;
    }
    mpz_fdiv_r_2exp(v, v, (mp_bitcnt_t)type->width);
    if (type->is_signed && mpz_tstbit(v, (mp_bitcnt_t)type->width - 1)) {
        mpz_t range;
        mpz_init(range);
        mpz_setbit(range, (mp_bitcnt_t)type->width);
        mpz_sub(v, v, range);
        mpz_clear(range);
    }
}

static bool fits(const mpz_t v, const Type *type)
{
    mpz_t w;
    mpz_init_set(w, v);
    wrap_to_type(w, type);
    bool same = mpz_cmp(w, v) == 0;
    mpz_clear(w);
    return same;
}

/* TEXT (a literal) as a message quotes it: a long one by its ends and its
 * length, not thousands of digits. */
static const char *shown_text(Checker *ck, const char *text)
{
    size_t len = strlen(text);
    if (len <= 40)
        return text;
    return arena_printf(ck->arena, "%.16s...%s (%zu characters)", text, text + len - 8, len);
}

/* The value of literal LIT, typed by its width prefix. */
static ConstValue *eval_literal(Checker *ck, Node *lit)
{
    mpz_t v;
    if (mpz_init_set_str(v, lit->int_lit.digits, lit->int_lit.base) != 0) {
        ERROR_AT(ck, lit, "invalid digits in integer literal '%s'", lit->text);
        mpz_clear(v);
        return NULL;
    }
    Type *type = type_simple(T_INT);
    if (lit->int_lit.width >= 0) {
        type = type_bits(ck->arena, lit->int_lit.width, lit->int_lit.is_signed);
        if (lit->int_lit.is_signed && lit->int_lit.width == 0) {
            ERROR_AT(ck, lit, "int<W> literal width must be positive");
        } else if (!fits(v, type) &&
                   !(lit->int_lit.is_signed && mpz_sizeinbase(v, 2) <= (size_t)type->width)) {
            diag_warning(ck->diag, lit->loc, "value of '%s' does not fit in %s; it wraps around",
                         shown_text(ck, lit->text), TYPE_NAME(ck, type));
        }
        wrap_to_type(v, type);
    }
    ConstValue *cv = value_int(ck, v, type);
    mpz_clear(v);
    return cv;
}

static void value_get(const ConstValue *cv, mpz_t out)
{
    mpz_set_str(out, cv->digits, 10);
}

/* The type two integer operands share, with int adapting to a fixed width. */
static Type *common_int_type(Type *a, Type *b)
{
    if (a->kind == T_SERENUM && a->base)
        a = a->base;
    if (b->kind == T_SERENUM && b->base)
        b = b->base;
    if (a->kind == T_BITS)
        return a;
    return b;
}

static bool values_equal(const ConstValue *a, const ConstValue *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case CV_INT: return strcmp(a->digits, b->digits) == 0;
    case CV_BOOL: return a->boolean == b->boolean;
    case CV_STRING: case CV_MEMBER: return strcmp(a->text, b->text) == 0;
    case CV_LIST:
        if (a->nelems != b->nelems)
            return false;
        for (int i = 0; i < a->nelems; i++)
            if (!values_equal(a->elems[i], b->elems[i]))
                return false;
        return true;
    }
    return false;
}

static ConstValue *eval_binary(Checker *ck, Node *e, ConstValue *l, ConstValue *r)
{
    if ((e->op == OP_EQ || e->op == OP_NE) && l->kind == r->kind &&
        (l->kind == CV_MEMBER || l->kind == CV_LIST || l->kind == CV_STRING))
        return value_bool(ck, values_equal(l, r) == (e->op == OP_EQ));
    if (l->kind == CV_BOOL && r->kind == CV_BOOL) {
        switch (e->op) {
        case OP_AND: return value_bool(ck, l->boolean && r->boolean);
        case OP_OR: return value_bool(ck, l->boolean || r->boolean);
        case OP_EQ: return value_bool(ck, l->boolean == r->boolean);
        case OP_NE: return value_bool(ck, l->boolean != r->boolean);
        default: return NULL;
        }
    }
    if (l->kind == CV_STRING && r->kind == CV_STRING && e->op == OP_CONCAT) {
        ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
        cv->kind = CV_STRING;
        cv->text = arena_printf(ck->arena, "%s%s", l->text, r->text);
        cv->type = type_simple(T_STRING);
        return cv;
    }
    if (l->kind != CV_INT || r->kind != CV_INT)
        return NULL;
    mpz_t a, b, res;
    mpz_inits(a, b, res, NULL);
    value_get(l, a);
    value_get(r, b);
    Type *type = common_int_type(l->type, r->type);
    ConstValue *out = NULL;
    bool is_cmp = false, cmp = false;
    /* An int operand next to a bit<W> or int<W> one is converted to that
     * type first (spec "Implicit casts"): 8w255 == -1 compares 255 with
     * 255. Shift amounts and concatenation keep their own types. */
    if (type->kind == T_BITS && type->width > 0 && e->op != OP_SHL && e->op != OP_SHR &&
        e->op != OP_CONCAT) {
        wrap_to_type(a, type);
        wrap_to_type(b, type);
    }
    switch (e->op) {
    case OP_ADD: mpz_add(res, a, b); break;
    case OP_SUB: mpz_sub(res, a, b); break;
    case OP_MUL: mpz_mul(res, a, b); break;
    case OP_DIV: case OP_MOD:
        if (mpz_sgn(b) == 0) {
            ERROR_AT(ck, e, "division by zero");
            goto done;
        }
        if (mpz_sgn(a) < 0 || mpz_sgn(b) < 0) {
            ERROR_AT(ck, e, "%s is not defined for negative values",
                     e->op == OP_DIV ? "division" : "modulo");
            goto done;
        }
        if (e->op == OP_DIV)
            mpz_tdiv_q(res, a, b);
        else
            mpz_tdiv_r(res, a, b);
        break;
    case OP_ADD_SAT: case OP_SUB_SAT: {
        if (e->op == OP_ADD_SAT)
            mpz_add(res, a, b);
        else
            mpz_sub(res, a, b);
        if (type->kind == T_BITS && type->width > 0) {
            mpz_t lo, hi;
            mpz_inits(lo, hi, NULL);
            if (type->is_signed) {
                mpz_setbit(hi, (mp_bitcnt_t)type->width - 1);
                mpz_neg(lo, hi);
                mpz_sub_ui(hi, hi, 1);
            } else {
                mpz_setbit(hi, (mp_bitcnt_t)type->width);
                mpz_sub_ui(hi, hi, 1);
            }
            if (mpz_cmp(res, hi) > 0)
                mpz_set(res, hi);
            if (mpz_cmp(res, lo) < 0)
                mpz_set(res, lo);
            mpz_clears(lo, hi, NULL);
        }
        break;
    }
    case OP_SHL: case OP_SHR:
        type = l->type;
        if (mpz_sgn(b) < 0) {
            ERROR_AT(ck, e, "shift amount must not be negative");
            goto done;
        }
        if (!mpz_fits_ulong_p(b) || mpz_get_ui(b) > 1u << 20) {
            ERROR_AT(ck, e, "shift amount is too large");
            goto done;
        }
        if (e->op == OP_SHL)
            mpz_mul_2exp(res, a, mpz_get_ui(b));
        else
            mpz_fdiv_q_2exp(res, a, mpz_get_ui(b));
        break;
    case OP_BIT_AND: mpz_and(res, a, b); break;
    case OP_BIT_OR: mpz_ior(res, a, b); break;
    case OP_BIT_XOR: mpz_xor(res, a, b); break;
    case OP_CONCAT:
        if (common_int_type(l->type, l->type)->kind != T_BITS ||
            common_int_type(r->type, r->type)->kind != T_BITS)
            goto done;
        {
            Type *lt = common_int_type(l->type, l->type), *rt = common_int_type(r->type, r->type);
            Type *wide = type_bits(ck->arena, lt->width + rt->width, lt->is_signed);
            mpz_t low;
            mpz_init_set(low, b);
            mpz_fdiv_r_2exp(low, low, (mp_bitcnt_t)rt->width);
            mpz_mul_2exp(res, a, (mp_bitcnt_t)rt->width);
            mpz_ior(res, res, low);
            mpz_clear(low);
            wrap_to_type(res, wide);
            out = value_int(ck, res, wide);
        }
        goto done;
    case OP_EQ: is_cmp = true; cmp = mpz_cmp(a, b) == 0; break;
    case OP_NE: is_cmp = true; cmp = mpz_cmp(a, b) != 0; break;
    case OP_LT: is_cmp = true; cmp = mpz_cmp(a, b) < 0; break;
    case OP_LE: is_cmp = true; cmp = mpz_cmp(a, b) <= 0; break;
    case OP_GT: is_cmp = true; cmp = mpz_cmp(a, b) > 0; break;
    case OP_GE: is_cmp = true; cmp = mpz_cmp(a, b) >= 0; break;
    default:
        goto done;
    }
    if (is_cmp) {
        out = value_bool(ck, cmp);
    } else {
        wrap_to_type(res, type);
        out = value_int(ck, res, type);
    }
done:
    mpz_clears(a, b, res, NULL);
    return out;
}

static ConstValue *eval_unary(Checker *ck, Node *e, ConstValue *v)
{
    if (e->op == OP_NOT)
        return v->kind == CV_BOOL ? value_bool(ck, !v->boolean) : NULL;
    if (v->kind != CV_INT)
        return NULL;
    mpz_t a;
    mpz_init(a);
    value_get(v, a);
    switch (e->op) {
    case OP_NEGATE: mpz_neg(a, a); break;
    case OP_COMPLEMENT: mpz_com(a, a); break;
    case OP_UNARY_PLUS: break;
    default: break;
    }
    wrap_to_type(a, v->type);
    ConstValue *out = value_int(ck, a, v->type);
    mpz_clear(a);
    return out;
}

static ConstValue *eval_cast(Checker *ck, Node *e, ConstValue *v)
{
    Type *to = e->ty && e->ty->kind != T_UNKNOWN ? e->ty : resolve_type(ck, e->type);
    while (to->kind == T_NEWTYPE && to->base)
        to = to->base;
    if (to->kind == T_BOOL) {
        if (v->kind == CV_BOOL)
            return v;
        if (v->kind == CV_INT)
            return value_bool(ck, strcmp(v->digits, "0") != 0);
        return NULL;
    }
    if (to->kind == T_BITS || to->kind == T_INT || to->kind == T_SERENUM) {
        Type *num = to->kind == T_SERENUM ? to->base : to;
        mpz_t a;
        mpz_init(a);
        if (v->kind == CV_BOOL)
            mpz_set_ui(a, v->boolean);
        else if (v->kind == CV_INT)
            value_get(v, a);
        else {
            mpz_clear(a);
            return NULL;
        }
        wrap_to_type(a, num);
        ConstValue *out = value_int(ck, a, to);
        mpz_clear(a);
        return out;
    }
    return NULL;
}

static ConstValue *eval_slice(Checker *ck, Node *e)
{
    ConstValue *base = const_eval(ck, e->expr);
    long hi, lo;
    if (!base || base->kind != CV_INT || !const_small_int(ck, e->lhs, "a slice bound", &hi) ||
        !const_small_int(ck, e->rhs, "a slice bound", &lo) || hi < lo || lo < 0)
        return NULL;
    mpz_t a;
    mpz_init(a);
    value_get(base, a);
    mpz_fdiv_q_2exp(a, a, (mp_bitcnt_t)lo);
    Type *type = type_bits(ck->arena, (int)(hi - lo + 1), false);
    wrap_to_type(a, type);
    ConstValue *out = value_int(ck, a, type);
    mpz_clear(a);
    return out;
}

static ConstValue *eval_name(Checker *ck, Node *e)
{
    Node *decl = e->ref;
    if (!decl) {
        Binding *b = e->is_absolute ? env_lookup_local(ck->global, e->name)
                                    : env_lookup(ck->env, e->name);
        if (!b)
            return NULL;
        decl = b->decl;
    }
    if (decl->kind == N_ENUM_MEMBER && decl->expr && decl->ty && decl->ty->kind == T_SERENUM) {
        /* A member of the enum being declared, used by a later member. */
        return const_eval(ck, decl->expr);
    }
    if (decl->kind == N_ENUM_MEMBER) {
        ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
        cv->kind = CV_MEMBER;
        cv->text = decl->name;
        cv->member = decl;
        cv->type = decl->ty;
        return cv;
    }
    if (decl->kind != N_CONST)
        return NULL;
    if (decl->value)
        return decl->value;
    if (!decl->expr)
        return NULL;
    ConstValue *v = const_eval(ck, decl->expr);
    if (v && v->kind == CV_INT && decl->ty && decl->ty->kind == T_BITS && v->type->kind == T_INT) {
        mpz_t a;
        mpz_init(a);
        value_get(v, a);
        wrap_to_type(a, decl->ty);
        v = value_int(ck, a, decl->ty);
        mpz_clear(a);
    }
    decl->value = v;
    return v;
}

/* `E.member` of a serializable enum: its value. */
static ConstValue *eval_member(Checker *ck, Node *e)
{
    if (e->expr->kind != N_TYPE_EXPR)
        return NULL;
    Type *t = e->expr->ty ? e->expr->ty : resolve_type(ck, e->expr->type);
    if (t->kind == T_TYPE)
        t = t->base;
    if (t->kind != T_SERENUM && t->kind != T_ENUM && t->kind != T_ERROR)
        return NULL;
    if (t->kind == T_SERENUM) {
        for (int i = 0; i < t->decl->items.len; i++) {
            Node *m = t->decl->items.items[i];
            if (strcmp(m->name, e->name) != 0 || !m->expr)
                continue;
            ConstValue *v = const_eval(ck, m->expr);
            if (!v || v->kind != CV_INT)
                return NULL;
            mpz_t a;
            mpz_init(a);
            value_get(v, a);
            wrap_to_type(a, t->base);
            ConstValue *out = value_int(ck, a, t);
            mpz_clear(a);
            return out;
        }
        return NULL;
    }
    ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
    cv->kind = CV_MEMBER;
    cv->text = e->name;
    cv->type = t;
    return cv;
}

/* `{a, b}` and `{x = a, y = b}` whose parts are all compile-time known. */
static ConstValue *eval_list(Checker *ck, Node *e)
{
    ConstValue *cv = ARENA_NEW(ck->arena, ConstValue);
    cv->kind = CV_LIST;
    cv->nelems = e->items.len;
    cv->elems = arena_alloc(ck->arena, sizeof(ConstValue *) * (size_t)(e->items.len + 1));
    if (e->kind == N_STRUCT_EXPR)
        cv->names = arena_alloc(ck->arena, sizeof(char *) * (size_t)(e->items.len + 1));
    for (int i = 0; i < e->items.len; i++) {
        Node *item = e->items.items[i];
        Node *value = e->kind == N_STRUCT_EXPR ? item->expr : item;
        if (!(cv->elems[i] = const_eval(ck, value)))
            return NULL;
        if (cv->names)
            cv->names[i] = item->name;
    }
    cv->type = e->ty;
    return cv;
}

/* A field of a compile-time known struct value: by name, or by position
 * when the value was written as a list. */
static ConstValue *eval_field(Checker *ck, Node *e)
{
    ConstValue *base = const_eval(ck, e->expr);
    if (!base || base->kind != CV_LIST)
        return NULL;
    if (base->names) {
        for (int i = 0; i < base->nelems; i++)
            if (strcmp(base->names[i], e->name) == 0)
                return base->elems[i];
        return NULL;
    }
    Type *t = e->expr->ty;
    if (!t || !type_is_struct_like(t))
        return NULL;
    for (int i = 0; i < t->nfields && i < base->nelems; i++)
        if (strcmp(t->fields[i].name, e->name) == 0)
            return base->elems[i];
    return NULL;
}

static ConstValue *eval_element(Checker *ck, Node *e)
{
    ConstValue *base = const_eval(ck, e->expr);
    mpz_t i;
    mpz_init(i);
    ConstValue *out = NULL;
    if (base && base->kind == CV_LIST && const_int(ck, e->lhs, i) && mpz_sgn(i) >= 0 &&
        mpz_cmp_si(i, base->nelems) < 0)
        out = base->elems[mpz_get_si(i)];
    mpz_clear(i);
    return out;
}

/* static_assert(cond[, message]) is folded where it is called. */
static ConstValue *eval_call(Checker *ck, Node *e)
{
    Node *callee = e->expr;
    if (callee->kind != N_NAME || strcmp(callee->name, "static_assert") != 0 || e->args.len < 1)
        return NULL;
    ConstValue *c = const_eval(ck, e->args.items[0]->expr);
    if (!c || c->kind != CV_BOOL)
        return NULL;
    if (!c->boolean) {
        ConstValue *msg = e->args.len > 1 ? const_eval(ck, e->args.items[1]->expr) : NULL;
        ERROR_AT(ck, e, "static assertion failed%s%s", msg && msg->kind == CV_STRING ? ": " : "",
                 msg && msg->kind == CV_STRING ? msg->text : "");
    }
    return value_bool(ck, c->boolean);
}

static unsigned node_slot(const NodeSet *set, const Node *n)
{
    return (unsigned)(((uintptr_t)n >> 4) * 2654435761u) & set->mask;
}

static bool node_set_has(const NodeSet *set, const Node *n)
{
    if (!set->slots)
        return false;
    for (unsigned i = node_slot(set, n);; i = (i + 1) & set->mask) {
        if (!set->slots[i])
            return false;
        if (set->slots[i] == n)
            return true;
    }
}

static void node_set_add(Arena *arena, NodeSet *set, const Node *n)
{
    if (2 * (set->count + 1) > set->mask + 1) {
        NodeSet grown = {NULL, set->slots ? 2 * set->mask + 1 : 63, 0};
        grown.slots = arena_alloc(arena, sizeof *grown.slots * (grown.mask + 1));
        for (unsigned i = 0; set->slots && i <= set->mask; i++)
            if (set->slots[i])
                node_set_add(arena, &grown, set->slots[i]);
        *set = grown;
    }
    unsigned i = node_slot(set, n);
    while (set->slots[i])
        i = (i + 1) & set->mask;
    set->slots[i] = n;
    set->count++;
}

ConstValue *const_eval(Checker *ck, Node *e)
{
    if (!e)
        return NULL;
    if (e->value)
        return e->value;
    if (node_set_has(&ck->no_value, e))
        return NULL;
    ConstValue *v = NULL;
    switch (e->kind) {
    case N_INT:
        v = eval_literal(ck, e);
        break;
    case N_BOOL:
        v = value_bool(ck, e->bool_value);
        break;
    case N_STRING:
        v = ARENA_NEW(ck->arena, ConstValue);
        v->kind = CV_STRING;
        v->text = e->text;
        v->type = type_simple(T_STRING);
        break;
    case N_NAME:
        v = eval_name(ck, e);
        break;
    case N_MEMBER:
        v = e->expr->kind == N_TYPE_EXPR ? eval_member(ck, e) : eval_field(ck, e);
        break;
    case N_INDEX:
        v = eval_element(ck, e);
        break;
    case N_LIST_EXPR: case N_STRUCT_EXPR:
        v = eval_list(ck, e);
        break;
    case N_UNARY: {
        ConstValue *a = const_eval(ck, e->expr);
        v = a ? eval_unary(ck, e, a) : NULL;
        break;
    }
    case N_BINARY: {
        ConstValue *a = const_eval(ck, e->lhs);
        ConstValue *b = a ? const_eval(ck, e->rhs) : NULL;
        v = a && b ? eval_binary(ck, e, a, b) : NULL;
        break;
    }
    case N_TERNARY: {
        ConstValue *c = const_eval(ck, e->expr);
        if (c && c->kind == CV_BOOL)
            v = const_eval(ck, c->boolean ? e->lhs : e->rhs);
        break;
    }
    case N_CAST: {
        ConstValue *a = const_eval(ck, e->expr);
        v = a ? eval_cast(ck, e, a) : NULL;
        break;
    }
    case N_SLICE:
        v = eval_slice(ck, e);
        break;
    case N_CALL:
        /* minSizeInBits() and friends are folded by the expression checker,
         * which knows the operand's type; it leaves the value on the call. */
        v = eval_call(ck, e);
        break;
    default:
        break;
    }
    /* Literals are re-evaluated rather than cached, so a warning about them
     * is given once per use site; everything else is cached. */
    if (v && e->kind != N_INT)
        e->value = v;
    else if (v)
        e->value = v;
    else if (e->ty)   /* checked: its parts are resolved, so it stays without a value */
        node_set_add(ck->arena, &ck->no_value, e);
    return v;
}

void no_wrap_warning(Checker *ck, Node *expr)
{
    if (!node_set_has(&ck->wrap_warned, expr))
        node_set_add(ck->arena, &ck->wrap_warned, expr);
}

void warn_if_wraps(Checker *ck, Node *expr, const Type *to)
{
    if (!expr || !to || to->kind != T_BITS || node_set_has(&ck->wrap_warned, expr))
        return;
    ConstValue *cv = const_eval(ck, expr);
    if (!cv || cv->kind != CV_INT || !cv->type || cv->type->kind != T_INT)
        return;
    mpz_t v;
    mpz_init_set_str(v, cv->digits, 10);
    /* int<W>: outside [-2^(W-1), 2^(W-1) - 1], as p4c has it. bit<W>: a
     * magnitude of more than W bits; p4c also warns about any negative
     * value, but -1 for all ones is too common an idiom to warn about. */
    bool wraps;
    if (to->is_signed) {
        mpz_t w;
        mpz_init_set(w, v);
        wrap_to_type(w, to);
        wraps = mpz_cmp(w, v) != 0;
        mpz_clear(w);
    } else {
        wraps = mpz_sgn(v) != 0 && mpz_sizeinbase(v, 2) > (size_t)to->width;
    }
    if (wraps) {
        node_set_add(ck->arena, &ck->wrap_warned, expr);
        if (expr->kind == N_INT)
            diag_warning(ck->diag, expr->loc, "value of '%s' does not fit in %s; it wraps around",
                         shown_text(ck, expr->text), TYPE_NAME(ck, to));
        else
            diag_warning(ck->diag, expr->loc, "value %s does not fit in %s; it wraps around",
                         shown_text(ck, cv->digits), TYPE_NAME(ck, to));
    }
    mpz_clear(v);
}

bool const_int(Checker *ck, Node *expr, mpz_t out)
{
    ConstValue *v = const_eval(ck, expr);
    if (!v || v->kind != CV_INT)
        return false;
    value_get(v, out);
    return true;
}

bool const_small_int(Checker *ck, Node *expr, const char *what, long *out)
{
    mpz_t v;
    mpz_init(v);
    bool ok = const_int(ck, expr, v);
    if (!ok) {
        ERROR_AT(ck, expr, "%s must be a compile-time known integer", what);
    } else if (!mpz_fits_slong_p(v) || mpz_cmpabs_ui(v, INT_MAX / 2) > 0) {
        ERROR_AT(ck, expr, "%s is too large", what);
        ok = false;
    } else {
        *out = mpz_get_si(v);
    }
    mpz_clear(v);
    return ok;
}

/* For passes after semantic analysis: the value of E if it is compile-time
 * known, computed with the rules above. Names are already resolved
 * (Node.ref). Errors were reported by the checker where they matter, so
 * none are reported again here: they go to a buffer, and an evaluation
 * that reports one has no value. */
struct ConstFolder {
    Checker ck;
    Diag diag;
    FILE *quiet;
    char *sink;
    size_t sink_len;
};

ConstFolder *const_folder_new(Arena *arena)
{
    ConstFolder *f = ARENA_NEW(arena, ConstFolder);
    f->quiet = open_memstream(&f->sink, &f->sink_len);
    if (!f->quiet)
        return NULL;
    diag_init(&f->diag, arena, f->quiet);
    f->diag.show_source = false;
    f->diag.max_errors = 0;
    f->ck = (Checker){.arena = arena, .diag = &f->diag};
    f->ck.global = env_new(&f->ck, NULL, 1);
    f->ck.env = f->ck.global;
    f->ck.errors = f->ck.global;
    return f;
}

ConstValue *const_folder_eval(ConstFolder *f, Node *e)
{
    if (!f)
        return NULL;
    int errors = f->diag.errors;
    ConstValue *v = const_eval(&f->ck, e);
    return f->diag.errors > errors ? NULL : v;
}

void const_folder_free(ConstFolder *f)
{
    if (!f)
        return;
    fclose(f->quiet);
    free(f->sink);
}

ConstValue *fold_constant(Arena *arena, Node *e)
{
    ConstFolder *f = const_folder_new(arena);
    ConstValue *v = const_folder_eval(f, e);
    const_folder_free(f);
    return v;
}

static bool name_known(const Node *decl)
{
    switch (decl->kind) {
    case N_PARAM:
        return decl->dir == DIR_NONE;   /* action data too, as in p4c */
    case N_CONST: case N_INSTANCE: case N_ENUM_MEMBER: case N_PARSER: case N_CONTROL:
    case N_TABLE: case N_VALUE_SET:
        return true;
    default:
        return false;
    }
}

static bool all_known(Checker *ck, const NodeList *items)
{
    for (int i = 0; i < items->len; i++)
        if (!is_compile_time_known(ck, items->items[i]))
            return false;
    return true;
}

/* Spec "Compile-time known and local compile-time known values": literals,
 * constants, enum and error members, directionless parameters (action
 * data too, as p4c), instances and instantiations, and what the operators,
 * casts, member and index accesses and calls build from them. */
bool is_compile_time_known(Checker *ck, Node *e)
{
    if (!e || e->value || const_eval(ck, e))
        return true;
    switch (e->kind) {
    case N_NAME:
        return !e->ref || name_known(e->ref);
    case N_THIS: case N_INVALID: case N_TYPE_EXPR: case N_STRING: case N_DONTCARE:
        return true;
    case N_MEMBER: case N_UNARY: case N_CAST: case N_KV: case N_ARG:
        return is_compile_time_known(ck, e->expr);
    case N_INDEX: case N_SLICE:
        return is_compile_time_known(ck, e->expr) && is_compile_time_known(ck, e->lhs);
    case N_BINARY:
        return is_compile_time_known(ck, e->lhs) && is_compile_time_known(ck, e->rhs);
    case N_TERNARY:
        return is_compile_time_known(ck, e->expr) && is_compile_time_known(ck, e->lhs) &&
               is_compile_time_known(ck, e->rhs);
    case N_LIST_EXPR: case N_STRUCT_EXPR:
        return all_known(ck, &e->items);
    case N_CALL:
        /* Instantiations, factories and pure functions of known values. */
        return (e->expr->kind != N_MEMBER || is_compile_time_known(ck, e->expr->expr)) &&
               all_known(ck, &e->args);
    default:
        return false;
    }
}
