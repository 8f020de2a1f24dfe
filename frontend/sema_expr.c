/* Typing of expressions (spec chapter "Expressions"): operators with their
 * width and signedness rules, implicit casts of `int` and serializable
 * enums, explicit casts, members, indexes and slices, list and struct
 * expressions typed by context. Calls are in sema_call.c. */
#include "sema_internal.h"

#include <stdlib.h>
#include <string.h>

static Type *set_type(Node *e, Type *t)
{
    e->ty = t;
    return t;
}

static Type *unknown(Node *e)
{
    return set_type(e, type_unknown());
}

static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN;
}

/* An unsized literal used where a fixed-width value is needed takes that
 * width (spec "Implicit casts"): its type becomes the target's, which the
 * backend and `--emit=typed-p4` use. Only for a real use (CONTEXT set),
 * not while the checker tries alternatives. */
static void settle_literal(Node *e, Type *to, const char *context)
{
    if (context && e && e->kind == N_INT && e->int_lit.width < 0 && e->ty &&
        e->ty->kind == T_INT && to->kind == T_BITS)
        e->ty = to;
}

/* Serializable enums act as their underlying type in arithmetic (spec
 * "Implicit casts"); newtypes do not. */
static Type *arith_view(Type *t)
{
    return t->kind == T_SERENUM && t->base ? t->base : t;
}

/* ---- names ---- */

static Type *value_type_of_decl(Checker *ck, Node *decl)
{
    switch (decl->kind) {
    case N_CONST: case N_VAR: case N_PARAM: case N_INSTANCE:
        return decl->ty ? decl->ty : type_unknown();
    case N_ACTION: case N_FUNCTION: case N_EXTERN_FUNCTION: case N_METHOD: case N_TABLE:
        return decl->ty ? decl->ty : type_unknown();
    case N_VALUE_SET:
        return decl->ty ? decl->ty : type_unknown();
    case N_STATE:
        return type_simple(T_STATE);
    case N_ENUM_MEMBER:
        return decl->ty ? decl->ty : type_simple(T_MATCH_KIND);
    default:
        (void)ck;
        return type_unknown();
    }
}

static Type *check_name(Checker *ck, Node *e)
{
    Binding *b = e->is_absolute ? env_lookup_local(ck->global, e->name)
                                : env_lookup(ck->env, e->name);
    if (!b) {
        ERROR_AT(ck, e, "'%s' is not declared", e->name);
        return unknown(e);
    }
    e->ref = b->decl;
    if (decl_is_type(b->decl)) {
        ERROR_AT(ck, e, "type '%s' cannot be used as a value", e->name);
        return unknown(e);
    }
    return set_type(e, value_type_of_decl(ck, b->decl));
}

/* ---- members ---- */

static Type *check_type_member(Checker *ck, Node *e, Type *t)
{
    switch (t->kind) {
    case T_ENUM: case T_SERENUM:
        for (int i = 0; i < t->decl->items.len; i++) {
            Node *m = t->decl->items.items[i];
            if (strcmp(m->name, e->name) == 0) {
                e->ref = m;
                return set_type(e, t);
            }
        }
        ERROR_AT(ck, e, "enum '%s' has no member '%s'", t->name, e->name);
        return unknown(e);
    case T_ERROR: {
        Binding *b = env_lookup_local(ck->errors, e->name);
        if (!b) {
            ERROR_AT(ck, e, "'error.%s' is not declared", e->name);
            return unknown(e);
        }
        e->ref = b->decl;
        return set_type(e, t);
    }
    default:
        ERROR_AT(ck, e, "type '%s' has no member '%s'", TYPE_NAME(ck, t), e->name);
        return unknown(e);
    }
}


/* NAME is a method of values of type BASE (spec "Operations on headers",
 * "... header stacks", "... header unions", the size methods, apply, and
 * an extern's own methods): naming it without a call is a different
 * mistake from naming a field that does not exist. */
static bool names_a_method(const Type *base, const char *name)
{
    static const char *const size_methods[] = {"minSizeInBits", "minSizeInBytes",
                                               "maxSizeInBits", "maxSizeInBytes"};
    for (size_t i = 0; i < sizeof size_methods / sizeof size_methods[0]; i++)
        if (strcmp(name, size_methods[i]) == 0 && (type_is_struct_like(base) || base->kind == T_STACK))
            return true;
    switch (base->kind) {
    case T_HEADER:
        return !strcmp(name, "isValid") || !strcmp(name, "setValid") || !strcmp(name, "setInvalid");
    case T_UNION:
        return !strcmp(name, "isValid");
    case T_STACK:
        return !strcmp(name, "push_front") || !strcmp(name, "pop_front");
    case T_TABLE: case T_PARSER: case T_CONTROL:
        return !strcmp(name, "apply");
    case T_EXTERN:
        if (!base->decl || base->decl->kind != N_EXTERN)
            return true;
        for (int i = 0; i < base->decl->items.len; i++) {
            const Node *m = base->decl->items.items[i];
            if (m->kind == N_METHOD && m->name && strcmp(m->name, name) == 0)
                return true;
        }
        return false;
    default:
        return false;
    }
}

static Type *check_member(Checker *ck, Node *e)
{
    if (e->expr->kind == N_TYPE_EXPR) {
        Type *t = resolve_type(ck, e->expr->type);
        e->expr->ty = t;
        if (is_unknown(t))
            return unknown(e);
        return check_type_member(ck, e, t);
    }
    Type *base = check_expr(ck, e->expr, NULL);
    if (is_unknown(base))
        return unknown(e);
    switch (base->kind) {
    case T_HEADER: case T_STRUCT: case T_UNION: case T_STRUCT_EXPR: {
        const Field *f = type_field(base, e->name);
        if (f) {
            e->ref = f->decl;
            return set_type(e, f->type);
        }
        break;
    }
    case T_STACK:
        if (strcmp(e->name, "lastIndex") == 0 && !ck->parser)
            ERROR_AT(ck, e, "'lastIndex' of a header stack is only allowed in a parser");
        if (strcmp(e->name, "size") == 0 || strcmp(e->name, "lastIndex") == 0)
            return set_type(e, strcmp(e->name, "size") == 0 ? type_simple(T_INT)
                                                            : type_bits(ck->arena, 32, false));
        if (strcmp(e->name, "next") == 0 || strcmp(e->name, "last") == 0) {
            if (!ck->parser)
                ERROR_AT(ck, e, "'%s' of a header stack is only allowed in a parser", e->name);
            return set_type(e, base->base);
        }
        if (strcmp(e->name, "nextIndex") == 0)
            return set_type(e, type_bits(ck->arena, 32, false));
        break;
    case T_APPLY_RESULT:
        if (strcmp(e->name, "hit") == 0 || strcmp(e->name, "miss") == 0)
            return set_type(e, type_simple(T_BOOL));
        if (strcmp(e->name, "action_run") == 0) {
            if (ck->switch_expr != e) {
                /* Spec "Exit statement": it can only appear as the entire
                 * expression of a switch. */
                ERROR_AT(ck, e, "'action_run' can only be the expression of a switch");
                return unknown(e);
            }
            Type *t = type_new(ck->arena, T_ACTION_ENUM);
            Node *call = e->expr;
            Node *callee = call->kind == N_CALL ? call->expr : NULL;
            Node *table = callee && callee->expr ? callee->expr->ref : NULL;
            t->decl = table;
            t->name = table ? table->name : NULL;
            return set_type(e, t);
        }
        break;
    default:
        break;
    }
    /* Methods are typed by the call that uses them. */
    if (e->name && names_a_method(base, e->name)) {
        ERROR_AT(ck, e, "'%s' of '%s' must be called", e->name, TYPE_NAME(ck, base));
        return unknown(e);
    }
    ERROR_AT(ck, e, "'%s' has no member named '%s'", TYPE_NAME(ck, base), e->name);
    return unknown(e);
}

/* ---- indexes and slices ---- */

static bool check_index_type(Checker *ck, Node *index)
{
    Type *t = check_expr(ck, index, NULL);
    if (is_unknown(t))
        return true;
    t = arith_view(t);
    if (t->kind != T_INT && t->kind != T_BITS) {
        ERROR_AT(ck, index, "an index must be an integer, not '%s'", TYPE_NAME(ck, t));
        return false;
    }
    return true;
}

static Type *check_index(Checker *ck, Node *e)
{
    Type *base = check_expr(ck, e->expr, NULL);
    bool index_ok = check_index_type(ck, e->lhs);
    if (is_unknown(base) || !index_ok)
        return unknown(e);
    if (base->kind == T_STACK) {
        ConstValue *v = const_eval(ck, e->lhs);
        if (v && v->kind == CV_INT && base->size > 0) {
            long n = strtol(v->digits, NULL, 10);
            if (v->digits[0] == '-' || n >= base->size) {
                ERROR_AT(ck, e->lhs, "index %s is out of bounds for '%s'", v->digits,
                         TYPE_NAME(ck, base));
                return unknown(e);
            }
        }
        return set_type(e, base->base);
    }
    if (base->kind == T_TUPLE || base->kind == T_LIST_EXPR) {
        long n;
        if (!const_small_int(ck, e->lhs, "a tuple index", &n))
            return unknown(e);
        if (n < 0 || n >= base->args.len) {
            ERROR_AT(ck, e->lhs, "index %ld is out of bounds for '%s'", n, TYPE_NAME(ck, base));
            return unknown(e);
        }
        return set_type(e, base->args.items[n]);
    }
    ERROR_AT(ck, e, "'%s' cannot be indexed", TYPE_NAME(ck, base));
    return unknown(e);
}

/* A known start of `[s +: w]` must leave the w bits inside the value. */
static bool plus_slice_start_ok(Checker *ck, Node *e, Type *view, long width)
{
    ConstValue *v = const_eval(ck, e->lhs);
    if (!v || v->kind != CV_INT)
        return true;
    mpz_t start;
    mpz_init(start);
    const_int(ck, e->lhs, start);
    bool ok = false;
    if (mpz_sgn(start) < 0)
        ERROR_AT(ck, e->lhs, "slice start %s is negative", v->digits);
    else if (view->kind == T_BITS && mpz_cmp_si(start, view->width - width) > 0)
        ERROR_AT(ck, e->lhs, "slice [%s +: %ld] is out of range for '%s'", v->digits, width,
                 TYPE_NAME(ck, view));
    else
        ok = true;
    mpz_clear(start);
    return ok;
}

static Type *check_slice(Checker *ck, Node *e)
{
    Type *base = check_expr(ck, e->expr, NULL);
    Type *view = arith_view(base);
    bool hi_ok = check_index_type(ck, e->lhs), lo_ok = check_index_type(ck, e->rhs);
    if (is_unknown(base) || !hi_ok || !lo_ok)
        return unknown(e);
    if (view->kind != T_BITS && view->kind != T_INT) {
        ERROR_AT(ck, e, "only bit<W>, int<W> and int values can be sliced, not '%s'",
                 TYPE_NAME(ck, base));
        return unknown(e);
    }
    if (e->kind == N_PLUS_SLICE) {
        long width;
        if (!const_small_int(ck, e->rhs, "the width of a slice", &width))
            return unknown(e);
        if (width <= 0 || (view->kind == T_BITS && width > view->width)) {
            ERROR_AT(ck, e->rhs, "slice width %ld is out of range for '%s'", width,
                     TYPE_NAME(ck, base));
            return unknown(e);
        }
        if (!plus_slice_start_ok(ck, e, view, width))
            return unknown(e);
        return set_type(e, type_bits(ck->arena, (int)width, false));
    }
    long hi, lo;
    if (!const_small_int(ck, e->lhs, "a slice bound", &hi) ||
        !const_small_int(ck, e->rhs, "a slice bound", &lo))
        return unknown(e);
    if (lo < 0 || hi < lo || (view->kind == T_BITS && hi >= view->width)) {
        ERROR_AT(ck, e, "slice [%ld:%ld] is out of range for '%s'", hi, lo, TYPE_NAME(ck, base));
        return unknown(e);
    }
    return set_type(e, type_bits(ck->arena, (int)(hi - lo + 1), false));
}

/* ---- operators ---- */

/* The common type of two operands of an arithmetic or comparison operator:
 * `int` adapts to the other side's fixed width. NULL when they differ. */
static Type *unify_operands(Type *a, Type *b)
{
    a = arith_view(a);
    b = arith_view(b);
    if (a->kind == T_INT && b->kind == T_BITS)
        return b;
    if (b->kind == T_INT && a->kind == T_BITS)
        return a;
    return type_equal(a, b) ? a : NULL;
}

static Type *mismatch(Checker *ck, Node *e, Type *l, Type *r)
{
    ERROR_AT(ck, e, "operands of '%s' have different types: '%s' and '%s'", op_text(e->op),
             TYPE_NAME(ck, l), TYPE_NAME(ck, r));
    return unknown(e);
}

enum { MAX_INT_BITS = 2048 };

static bool is_negative(const ConstValue *v)
{
    return v && v->kind == CV_INT && v->digits[0] == '-';
}

/* `/` and `%` (spec "Operations on arbitrary-precision integers"): defined
 * on non-negative values and a non-zero divisor. With both operands known
 * the folding reports what is wrong (an assignment would not fold it);
 * otherwise a known operand is checked here, and bit<W> values divide at
 * run time. */
static bool check_division(Checker *ck, Node *e)
{
    ConstValue *a = const_eval(ck, e->lhs), *b = const_eval(ck, e->rhs);
    const char *what = e->op == OP_DIV ? "division" : "modulo";
    if (a && b) {
        int errors = ck->diag->errors;
        const_eval(ck, e);
        return ck->diag->errors == errors;
    }
    if (b && b->kind == CV_INT && strcmp(b->digits, "0") == 0) {
        ERROR_AT(ck, e, "%s by zero", what);
        return false;
    }
    if (is_negative(a) || is_negative(b)) {
        ERROR_AT(ck, is_negative(a) ? e->lhs : e->rhs, "%s is not defined for negative values",
                 what);
        return false;
    }
    return true;
}

static Type *check_arith(Checker *ck, Node *e, Type *l, Type *r)
{
    Type *t = unify_operands(l, r);
    if (t && t->kind == T_BITS) {
        settle_literal(e->lhs, t, "operand");
        settle_literal(e->rhs, t, "operand");
        warn_if_wraps(ck, arith_view(l)->kind == T_INT ? e->lhs : e->rhs, t);
    }
    if (!t)
        return mismatch(ck, e, l, r);
    if (t->kind != T_BITS && t->kind != T_INT) {
        ERROR_AT(ck, e, "'%s' needs integer operands, not '%s'", op_text(e->op), TYPE_NAME(ck, t));
        return unknown(e);
    }
    bool saturating = e->op == OP_ADD_SAT || e->op == OP_SUB_SAT;
    bool bitwise = e->op == OP_BIT_AND || e->op == OP_BIT_OR || e->op == OP_BIT_XOR;
    if ((saturating || (bitwise && !(const_eval(ck, e->lhs) && const_eval(ck, e->rhs)))) &&
        t->kind == T_INT) {
        ERROR_AT(ck, e, "'%s' is not defined on int values without a width; give one operand "
                        "a type such as bit<W>", op_text(e->op));
        return unknown(e);
    }
    if ((e->op == OP_DIV || e->op == OP_MOD) && t->kind == T_BITS && t->is_signed) {
        ERROR_AT(ck, e, "'%s' is not defined on signed int<W> values", op_text(e->op));
        return unknown(e);
    }
    if ((e->op == OP_DIV || e->op == OP_MOD) && !check_division(ck, e))
        return unknown(e);
    return set_type(e, t);
}

static Type *check_shift(Checker *ck, Node *e, Type *l, Type *r)
{
    Type *lv = arith_view(l), *rv = arith_view(r);
    if (lv->kind != T_BITS && lv->kind != T_INT) {
        ERROR_AT(ck, e, "left operand of '%s' must be an integer, not '%s'", op_text(e->op),
                 TYPE_NAME(ck, l));
        return unknown(e);
    }
    if (rv->kind != T_BITS && rv->kind != T_INT) {
        ERROR_AT(ck, e, "shift amount must be an integer, not '%s'", TYPE_NAME(ck, r));
        return unknown(e);
    }
    if (rv->kind == T_BITS && rv->is_signed && !const_eval(ck, e->rhs)) {
        /* A known signed amount is a number like any other (p4c). */
        ERROR_AT(ck, e->rhs, "shift amount must be unsigned or a compile-time known value, "
                             "not a run-time '%s'", TYPE_NAME(ck, r));
        return unknown(e);
    }
    if (lv->kind == T_INT && !const_eval(ck, e->rhs)) {
        ERROR_AT(ck, e, "shifting an int value needs a compile-time known shift amount; "
                        "give the left operand a width");
        return unknown(e);
    }
    ConstValue *amount = const_eval(ck, e->rhs);
    if (amount && amount->kind == CV_INT && amount->digits[0] == '-') {
        ERROR_AT(ck, e->rhs, "shift amount must not be negative");
        return unknown(e);
    }
    /* An int shifted left grows without bound; like p4c, stop at values
     * of MAX_INT_BITS bits rather than compute enormous ones. */
    if (lv->kind == T_INT && e->op == OP_SHL && amount && amount->kind == CV_INT &&
        (strlen(amount->digits) > 9 || strtol(amount->digits, NULL, 10) > MAX_INT_BITS)) {
        ERROR_AT(ck, e, "shifting an int value left by %s bits makes a value wider than the "
                        "%d bits supported", amount->digits, MAX_INT_BITS);
        return unknown(e);
    }
    return set_type(e, lv);
}

static Type *check_compare(Checker *ck, Node *e, Type *l, Type *r)
{
    bool ordered = e->op == OP_LT || e->op == OP_LE || e->op == OP_GT || e->op == OP_GE;
    if (l->kind == T_STRUCT_EXPR && r->kind == T_STRUCT_EXPR) {
        /* Spec "Operations on structure-valued expressions": the type
         * comes from the context, and here there is none. */
        ERROR_AT(ck, e, "cannot compare two structure-valued expressions whose types are "
                        "unknown; cast one of them to a struct type");
        return unknown(e);
    }
    Type *t = unify_operands(l, r);
    if (!t && !ordered) {
        /* Equality also compares headers, structs, tuples, enums, errors... */
        if ((l->kind == T_LIST_EXPR || l->kind == T_STRUCT_EXPR) &&
            check_assignable(ck, e->lhs, l, r, NULL))
            t = r;
        else if ((r->kind == T_LIST_EXPR || r->kind == T_STRUCT_EXPR) &&
                 check_assignable(ck, e->rhs, r, l, NULL))
            t = l;
    }
    if (!t)
        return mismatch(ck, e, l, r);
    if (t->kind == T_BITS)
        warn_if_wraps(ck, arith_view(l)->kind == T_INT ? e->lhs : e->rhs, t);
    if (ordered && t->kind != T_BITS && t->kind != T_INT) {
        ERROR_AT(ck, e, "'%s' needs integer operands, not '%s'", op_text(e->op), TYPE_NAME(ck, t));
        return unknown(e);
    }
    if (!ordered && t->kind == T_APPLY_RESULT) {
        ERROR_AT(ck, e, "the results of table applies cannot be compared");
        return unknown(e);
    }
    if (!ordered && (t->kind == T_EXTERN || t->kind == T_TABLE || t->kind == T_PARSER ||
                     t->kind == T_CONTROL || t->kind == T_PACKAGE || t->kind == T_VOID ||
                     t->kind == T_TYPEVAR)) {
        /* A type variable may stand for a type without equality. */
        ERROR_AT(ck, e, "values of type '%s' cannot be compared", TYPE_NAME(ck, t));
        return unknown(e);
    }
    return set_type(e, type_simple(T_BOOL));
}

static Type *check_binary(Checker *ck, Node *e, Type *expected)
{
    bool logical = e->op == OP_AND || e->op == OP_OR;
    Type *want = logical ? type_simple(T_BOOL) : NULL;
    (void)expected;
    Type *l, *r;
    bool untyped_left = e->lhs->kind == N_INVALID || e->lhs->kind == N_LIST_EXPR ||
                        e->lhs->kind == N_STRUCT_EXPR;
    if (untyped_left && (e->op == OP_EQ || e->op == OP_NE)) {
        r = check_expr(ck, e->rhs, want);
        if (is_unknown(r) && e->lhs->kind == N_INVALID && e->rhs->kind == N_INVALID) {
            e->lhs->ty = type_unknown();   /* `{#} == {#}`: one mistake, reported once */
            return unknown(e);
        }
        l = check_expr(ck, e->lhs, is_unknown(r) ? NULL : r);
    } else {
        l = check_expr(ck, e->lhs, want);
        r = check_expr(ck, e->rhs, e->op == OP_EQ || e->op == OP_NE ? l : want);
    }
    if (is_unknown(l) || is_unknown(r))
        return unknown(e);
    switch (e->op) {
    case OP_AND: case OP_OR:
        if (l->kind != T_BOOL || r->kind != T_BOOL) {
            ERROR_AT(ck, e, "operands of '%s' must be bool, not '%s' and '%s'", op_text(e->op),
                     TYPE_NAME(ck, l), TYPE_NAME(ck, r));
            return unknown(e);
        }
        return set_type(e, l);
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        return check_compare(ck, e, l, r);
    case OP_SHL: case OP_SHR:
        return check_shift(ck, e, l, r);
    case OP_CONCAT: {
        Type *lv = arith_view(l), *rv = arith_view(r);
        if (l->kind == T_STRING && r->kind == T_STRING)
            return set_type(e, l);
        if (lv->kind != T_BITS || rv->kind != T_BITS) {
            ERROR_AT(ck, e, "operands of '++' must have fixed widths, not '%s' and '%s'",
                     TYPE_NAME(ck, l), TYPE_NAME(ck, r));
            return unknown(e);
        }
        return set_type(e, type_bits(ck->arena, lv->width + rv->width, lv->is_signed));
    }
    default:
        return check_arith(ck, e, l, r);
    }
}

static Type *check_unary(Checker *ck, Node *e, Type *expected)
{
    Type *t = check_expr(ck, e->expr, e->op == OP_NOT ? type_simple(T_BOOL) : expected);
    if (is_unknown(t))
        return unknown(e);
    Type *v = arith_view(t);
    switch (e->op) {
    case OP_NOT:
        if (t->kind != T_BOOL) {
            ERROR_AT(ck, e, "operand of '!' must be bool, not '%s'", TYPE_NAME(ck, t));
            return unknown(e);
        }
        return set_type(e, t);
    case OP_COMPLEMENT:
        if (v->kind != T_BITS) {
            ERROR_AT(ck, e, "operand of '~' must have a fixed width, not '%s'", TYPE_NAME(ck, t));
            return unknown(e);
        }
        return set_type(e, v);
    default:
        if (v->kind != T_BITS && v->kind != T_INT) {
            ERROR_AT(ck, e, "operand of '%s' must be an integer, not '%s'", op_text(e->op),
                     TYPE_NAME(ck, t));
            return unknown(e);
        }
        return set_type(e, v);
    }
}

static Type *check_ternary(Checker *ck, Node *e, Type *expected)
{
    Type *c = check_expr(ck, e->expr, type_simple(T_BOOL));
    if (!is_unknown(c) && c->kind != T_BOOL)
        ERROR_AT(ck, e->expr, "condition must be bool, not '%s'", TYPE_NAME(ck, c));
    Type *a = check_expr(ck, e->lhs, expected);
    Type *b = check_expr(ck, e->rhs, expected);
    if (is_unknown(a) || is_unknown(b))
        return unknown(e);
    Type *t = unify_operands(a, b);
    if (!t && expected && check_assignable(ck, e->lhs, a, expected, NULL) &&
        check_assignable(ck, e->rhs, b, expected, NULL))
        t = expected;
    if (!t) {
        ERROR_AT(ck, e, "the two arms of '?:' have different types: '%s' and '%s'",
                 TYPE_NAME(ck, a), TYPE_NAME(ck, b));
        return unknown(e);
    }
    if (t->kind == T_INT && !const_eval(ck, e->expr)) {
        ERROR_AT(ck, e, "the width of '?:' cannot be inferred: give an arm a type such as bit<W>");
        return unknown(e);
    }
    return set_type(e, t);
}

/* ---- casts (spec "Explicit casts") ---- */

static Type *strip_newtype(Type *t)
{
    return t->kind == T_NEWTYPE && t->base ? t->base : t;
}

static bool cast_allowed(Checker *ck, Node *operand, Type *from, Type *to)
{
    if (type_equal(from, to))
        return true;
    if (to->kind == T_NEWTYPE && type_equal(to->base, from))
        return true;
    if (from->kind == T_NEWTYPE && type_equal(from->base, to))
        return true;
    if (from->kind == T_INT && to->kind == T_NEWTYPE)
        return cast_allowed(ck, operand, from, to->base);   /* a literal takes its width */
    if (to->kind == T_NEWTYPE || from->kind == T_NEWTYPE)
        return false;   /* spec "Explicit casts": only to and from the original type */
    Type *f = strip_newtype(from), *t = strip_newtype(to);
    if (f->kind == T_SERENUM && f->base)
        f = f->base;
    if (t->kind == T_SERENUM && t->base)
        return f->kind == T_BITS || f->kind == T_INT ? cast_allowed(ck, operand, f, t->base) : false;
    switch (t->kind) {
    case T_BOOL:
        if (f->kind == T_BITS)
            return f->width == 1 && !f->is_signed;
        if (f->kind == T_INT) {
            ConstValue *v = const_eval(ck, operand);
            return !v || (v->kind == CV_INT && (strcmp(v->digits, "0") == 0 ||
                                                strcmp(v->digits, "1") == 0));
        }
        return f->kind == T_BOOL;
    case T_BITS:
        if (f->kind == T_BOOL)
            return t->width == 1 && !t->is_signed;
        if (f->kind == T_INT)
            return true;
        if (f->kind == T_BITS)
            return f->is_signed == t->is_signed || f->width == t->width;
        return false;
    case T_INT:
        return f->kind == T_BITS || f->kind == T_INT;
    case T_HEADER: case T_STRUCT: case T_UNION: case T_TUPLE: case T_STACK:
        return f->kind == T_STRUCT_EXPR || f->kind == T_LIST_EXPR ||
               (f->kind == t->kind && type_equal(f, t));
    default:
        return false;
    }
}

static Type *check_cast(Checker *ck, Node *e)
{
    Type *to = resolve_type(ck, e->type);
    if (is_unknown(to)) {
        check_expr(ck, e->expr, NULL);
        return unknown(e);
    }
    Type *from = check_expr(ck, e->expr, to);
    if (is_unknown(from))
        return unknown(e);
    if (from->kind == T_STRUCT_EXPR || from->kind == T_LIST_EXPR) {
        if (!check_assignable(ck, e->expr, from, to, "cast"))
            return unknown(e);
        return set_type(e, to);
    }
    if (!cast_allowed(ck, e->expr, from, to)) {
        ERROR_AT(ck, e, "cannot cast '%s' to '%s'", TYPE_NAME(ck, from), TYPE_NAME(ck, to));
        return unknown(e);
    }
    return set_type(e, to);
}

/* ---- list and struct expressions ---- */

static Type *check_list_expr(Checker *ck, Node *e, Type *expected)
{
    Type *t = type_new(ck->arena, T_LIST_EXPR);
    t->args.len = e->items.len;
    t->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(e->items.len + 1));
    for (int i = 0; i < e->items.len; i++) {
        Type *want = NULL;
        if (expected && (expected->kind == T_TUPLE || expected->kind == T_LIST_EXPR) &&
            i < expected->args.len)
            want = expected->args.items[i];
        else if (expected && (expected->kind == T_STACK || expected->kind == T_LIST))
            want = expected->base;
        else if (expected && type_is_struct_like(expected) && i < expected->nfields)
            want = expected->fields[i].type;
        t->args.items[i] = check_expr(ck, e->items.items[i], want);
    }
    if (expected && (expected->kind == T_TUPLE || expected->kind == T_STACK ||
                     expected->kind == T_LIST || type_is_struct_like(expected)) &&
        check_assignable(ck, e, t, expected, NULL))
        return set_type(e, expected);
    return set_type(e, t);
}

static Type *check_struct_expr(Checker *ck, Node *e, Type *expected)
{
    Type *t = type_new(ck->arena, T_STRUCT_EXPR);
    t->nfields = e->items.len;
    t->fields = arena_alloc(ck->arena, sizeof(Field) * (size_t)(e->items.len + 1));
    for (int i = 0; i < e->items.len; i++) {
        Node *kv = e->items.items[i];
        for (int j = 0; j < i; j++)
            if (strcmp(e->items.items[j]->name, kv->name) == 0)
                ERROR_AT(ck, kv, "field '%s' is given twice", kv->name);
        const Field *f = expected && type_is_struct_like(expected) ? type_field(expected, kv->name)
                                                                   : NULL;
        t->fields[i].name = kv->name;
        t->fields[i].decl = kv;
        t->fields[i].type = check_expr(ck, kv->expr, f ? f->type : NULL);
        kv->ty = t->fields[i].type;
    }
    if (expected && type_is_struct_like(expected) && !e->has_dots &&
        check_assignable(ck, e, t, expected, NULL))
        return set_type(e, expected);
    return set_type(e, t);
}

/* ---- assignability ---- */

static bool struct_expr_fits(Checker *ck, Node *expr, Type *from, Type *to, const char *context)
{
    if (!type_is_struct_like(to))
        return false;
    bool partial = expr && expr->kind == N_STRUCT_EXPR && expr->has_dots;
    for (int i = 0; i < from->nfields; i++) {
        const Field *f = type_field(to, from->fields[i].name);
        if (!f) {
            if (context)
                ERROR_AT(ck, expr, "'%s' has no field named '%s'", TYPE_NAME(ck, to),
                         from->fields[i].name);
            return false;
        }
        Node *value = from->fields[i].decl ? from->fields[i].decl->expr : NULL;
        if (!check_assignable(ck, value ? value : expr, from->fields[i].type, f->type, context))
            return false;
    }
    if (!partial && from->nfields != to->nfields) {
        if (context) {
            for (int i = 0; i < to->nfields; i++) {
                bool given = false;
                for (int j = 0; j < from->nfields; j++)
                    given = given || strcmp(from->fields[j].name, to->fields[i].name) == 0;
                if (!given) {
                    ERROR_AT(ck, expr, "no value for field '%s' of '%s'", to->fields[i].name,
                             TYPE_NAME(ck, to));
                    break;
                }
            }
        }
        return false;
    }
    return true;
}

static bool list_expr_fits(Checker *ck, Node *expr, Type *from, Type *to, const char *context)
{
    Node *elem_expr = NULL;
    if (expr && expr->kind == N_LIST_EXPR && expr->items.len &&
        expr->items.items[expr->items.len - 1]->kind == N_DOTS) {
        /* `...` stands for further elements: only of tuples, stacks, lists
         * and structs (spec "Structure-valued expressions"). */
        if (to->kind != T_TUPLE && to->kind != T_STACK && to->kind != T_LIST &&
            !type_is_struct_like(to))
            return false;
        int n = from->args.len - 1;
        int need = to->kind == T_STACK ? to->size : type_is_struct_like(to) ? to->nfields
                 : to->kind == T_TUPLE ? to->args.len : n;
        if (n > need && need >= 0)
            goto count_mismatch;
        for (int i = 0; i < n; i++) {
            Type *want = to->kind == T_TUPLE ? to->args.items[i]
                       : type_is_struct_like(to) ? to->fields[i].type : to->base;
            if (!want || !check_assignable(ck, expr->items.items[i], from->args.items[i], want,
                                           context))
                return false;
        }
        return true;
    }
    if (to->kind == T_TUPLE || to->kind == T_LIST_EXPR) {
        if (from->args.len != to->args.len)
            goto count_mismatch;
        for (int i = 0; i < from->args.len; i++) {
            elem_expr = expr && expr->kind == N_LIST_EXPR ? expr->items.items[i] : expr;
            if (!check_assignable(ck, elem_expr, from->args.items[i], to->args.items[i], context))
                return false;
        }
        return true;
    }
    if (to->kind == T_STACK || to->kind == T_LIST) {
        if (to->kind == T_STACK && to->size >= 0 && from->args.len != to->size)
            goto count_mismatch;
        for (int i = 0; i < from->args.len; i++) {
            elem_expr = expr && expr->kind == N_LIST_EXPR ? expr->items.items[i] : expr;
            if (!check_assignable(ck, elem_expr, from->args.items[i], to->base, context))
                return false;
        }
        return true;
    }
    if (type_is_struct_like(to)) {
        if (from->args.len != to->nfields)
            goto count_mismatch;
        for (int i = 0; i < from->args.len; i++) {
            elem_expr = expr && expr->kind == N_LIST_EXPR ? expr->items.items[i] : expr;
            if (!check_assignable(ck, elem_expr, from->args.items[i], to->fields[i].type, context))
                return false;
        }
        return true;
    }
    return false;
count_mismatch:
    if (context)
        ERROR_AT(ck, expr, "%d values given where '%s' needs %d", from->args.len,
                 TYPE_NAME(ck, to), to->kind == T_STACK ? to->size
                                                        : type_is_struct_like(to) ? to->nfields
                                                                                  : to->args.len);
    return false;
}

bool check_assignable(Checker *ck, Node *expr, Type *from, Type *to, const char *context)
{
    if (is_unknown(from) || is_unknown(to) || to->kind == T_DONTCARE || from->kind == T_DONTCARE)
        return true;
    if (type_equal(from, to))
        return true;
    if (from->kind == T_INT && (to->kind == T_BITS || to->kind == T_INT)) {
        settle_literal(expr, to, context);
        if (context)
            warn_if_wraps(ck, expr, to);
        return true;
    }
    if (from->kind == T_SERENUM && from->base && type_equal(from->base, to))
        return true;
    if (from->kind == T_BITS && to->kind == T_INT)
        return true;   /* p4c accepts; the value converts without loss */
    if (from->kind == T_INT && to->kind == T_NEWTYPE && to->base && type_is_integer(to->base))
        return true;
    if (from->kind == T_EXTERN && to->kind == T_EXTERN) {
        TypeSubst none = {0};
        if (unify(ck, &none, to, from))
            return true;
    }
    if ((from->kind == T_TYPEVAR || to->kind == T_TYPEVAR) && from->kind == to->kind &&
        from->decl == to->decl)
        return true;
    if ((from->kind == T_STRUCT_EXPR || from->kind == T_LIST_EXPR) && to->kind == T_UNION) {
        /* Spec "Operations on header unions": a union cannot be initialized
         * (one of its headers is assigned instead). */
        if (context)
            ERROR_AT(ck, expr, "%s: a header union cannot be initialized from a list or "
                               "structure; assign one of its headers", context);
        return false;
    }
    if (from->kind == T_STRUCT_EXPR) {
        if (struct_expr_fits(ck, expr, from, to, context))
            return true;
        if (context && type_is_struct_like(to))
            return false;   /* the field-level error is out */
    }
    if (from->kind == T_LIST_EXPR) {
        if (list_expr_fits(ck, expr, from, to, context))
            return true;
        if (context && (to->kind == T_TUPLE || to->kind == T_STACK || to->kind == T_LIST ||
                        type_is_struct_like(to)))
            return false;
    }
    if (from->kind == T_TUPLE && (to->kind == T_TUPLE || to->kind == T_LIST_EXPR) &&
        from->args.len == to->args.len) {
        bool ok = true;
        for (int i = 0; i < from->args.len && ok; i++)
            ok = check_assignable(ck, expr, from->args.items[i], to->args.items[i], NULL);
        if (ok)
            return true;
    }
    if (from->kind == T_STACK && to->kind == T_STACK && from->size == to->size &&
        type_equal(from->base, to->base))
        return true;
    if ((from->kind == T_PARSER || from->kind == T_CONTROL || from->kind == T_PACKAGE) &&
        from->kind == to->kind) {
        TypeSubst none = {0};
        if (unify(ck, &none, to, from))
            return true;
    }
    if (context)
        ERROR_AT(ck, expr, "%s: expected a value of type '%s', not '%s'", context,
                 TYPE_NAME(ck, to), TYPE_NAME(ck, from));
    return false;
}

bool is_lvalue(Checker *ck, Node *e)
{
    switch (e->kind) {
    case N_NAME: {
        Node *d = e->ref;
        if (!d)
            return true;   /* already reported */
        if (d->kind == N_VAR)
            return true;
        if (d->kind == N_PARAM)
            return d->dir == DIR_OUT || d->dir == DIR_INOUT;
        return false;
    }
    case N_MEMBER:
        if (e->expr->ty && e->expr->ty->kind == T_STACK)   /* `last` never is (spec) */
            return strcmp(e->name, "next") == 0 ? is_lvalue(ck, e->expr) : false;
        if (e->expr->kind == N_TYPE_EXPR)
            return false;
        return e->expr->ty && type_is_struct_like(e->expr->ty) && is_lvalue(ck, e->expr);
    case N_INDEX: case N_SLICE: case N_PLUS_SLICE:
        return is_lvalue(ck, e->expr);
    default:
        return false;
    }
}

/* ---- keysets (select cases, table entries) ---- */

/* A value set of structs matches a tuple key field by field (p4c). */
static void flatten_fields(Checker *ck, Type *t, TypeList *out)
{
    if (t->kind != T_STRUCT) {
        out->items = arena_realloc(ck->arena, out->items, sizeof(Type *) * (size_t)out->len,
                                   sizeof(Type *) * (size_t)(out->len + 1));
        out->items[out->len++] = t;
        return;
    }
    for (int i = 0; i < t->nfields; i++)
        flatten_fields(ck, t->fields[i].type, out);
}

static bool set_matches_key(Checker *ck, Type *elem, Type *key)
{
    if (elem->kind != T_STRUCT)
        return false;
    TypeList leaves = {0};
    flatten_fields(ck, elem, &leaves);
    if (key->kind != T_TUPLE && key->kind != T_LIST_EXPR)
        return leaves.len == 1 && check_assignable(ck, NULL, leaves.items[0], key, NULL);
    if (leaves.len != key->args.len)
        return false;
    for (int i = 0; i < leaves.len; i++)
        if (!check_assignable(ck, NULL, leaves.items[i], key->args.items[i], NULL))
            return false;
    return true;
}

Type *check_keyset(Checker *ck, Node *k, Type *key)
{
    switch (k->kind) {
    case N_DEFAULT: case N_DONTCARE:
        return set_type(k, type_simple(T_DONTCARE));
    case N_MASK: case N_RANGE: {
        Type *a = check_expr(ck, k->lhs, key);
        Type *b = check_expr(ck, k->rhs, key);
        if (!is_unknown(a) && !is_unknown(b)) {
            Type *t = unify_operands(a, b);
            if (t && key && key->kind == T_SERENUM && key->base && type_is_integer(t) &&
                check_assignable(ck, k, t, key->base, NULL))
                t = key;
            else if (!t || (t->kind != T_BITS && t->kind != T_INT)) {
                ERROR_AT(ck, k, "operands of '%s' must be integers of one type, not '%s' and '%s'",
                         k->kind == N_MASK ? "&&&" : "..", TYPE_NAME(ck, a), TYPE_NAME(ck, b));
                return unknown(k);
            }
            if (key && t != key)
                check_assignable(ck, k, t, key, "keyset");
        }
        Type *set = type_new(ck->arena, T_SET);
        set->base = key ? key : a;
        return set_type(k, set);
    }
    case N_TUPLE_KEYSET: {
        Type *t = type_new(ck->arena, T_TUPLE);
        t->args.len = k->items.len;
        t->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(k->items.len + 1));
        bool ok = !key || ((key->kind == T_TUPLE || key->kind == T_LIST_EXPR) &&
                           key->args.len == k->items.len);
        if (!ok)
            ERROR_AT(ck, k, "keyset has %d elements but the key has %d", k->items.len,
                     key->kind == T_TUPLE || key->kind == T_LIST_EXPR ? key->args.len : 1);
        for (int i = 0; i < k->items.len; i++)
            t->args.items[i] = check_keyset(ck, k->items.items[i],
                                            ok && key ? key->args.items[i] : NULL);
        return set_type(k, t);
    }
    case N_LIST_EXPR:
        if (key && key->kind != T_TUPLE && key->kind != T_LIST_EXPR && k->items.len == 1) {
            /* `{e}` for a single key field. */
            Type *t = check_keyset(ck, k->items.items[0], key);
            return set_type(k, t);
        }
        if (key && (key->kind == T_TUPLE || key->kind == T_LIST_EXPR)) {
            Node tuple = *k;
            tuple.kind = N_TUPLE_KEYSET;
            Type *t = check_keyset(ck, &tuple, key);
            return set_type(k, t);
        }
        return check_expr(ck, k, key);
    default: {
        Type *t = check_expr(ck, k, key);
        if (is_unknown(t) || !key)
            return t;
        if (t->kind == T_SET) {
            if (!type_equal(t->base, key) && !set_matches_key(ck, t->base, key))
                check_assignable(ck, k, t->base, key, "keyset");
            return t;
        }
        if (key->kind == T_SERENUM && key->base && type_is_integer(arith_view(t))) {
            check_assignable(ck, k, t, key->base, "keyset");
            return t;
        }
        if ((key->kind == T_TUPLE || key->kind == T_LIST_EXPR) && t->kind != T_TUPLE &&
            t->kind != T_LIST_EXPR && t->kind != T_DONTCARE) {
            ERROR_AT(ck, k, "keyset has 1 element but the key has %d", key->args.len);
            return unknown(k);
        }
        check_assignable(ck, k, t, key, "keyset");
        return t;
    }
    }
}

/* ---- dispatch ---- */

Type *check_expr(Checker *ck, Node *e, Type *expected)
{
    if (!e)
        return type_unknown();
    switch (e->kind) {
    case N_INT: {
        Type *t = e->int_lit.width >= 0 ? type_bits(ck->arena, e->int_lit.width, e->int_lit.is_signed)
                                        : type_simple(T_INT);
        const_eval(ck, e);
        if (e->int_lit.is_signed && e->int_lit.width == 0)
            return unknown(e);   /* reported by the evaluation */
        return set_type(e, t);
    }
    case N_BOOL:
        return set_type(e, type_simple(T_BOOL));
    case N_STRING:
        return set_type(e, type_simple(T_STRING));
    case N_NAME:
        return check_name(ck, e);
    case N_THIS:
        if (!ck->this_type) {
            ERROR_AT(ck, e, "'this' is only allowed in the initializer of an instance");
            return unknown(e);
        }
        return set_type(e, ck->this_type);
    case N_DOTS:
        return set_type(e, type_simple(T_DONTCARE));
    case N_INVALID:
        if (expected && type_is_header_like(expected))
            return set_type(e, expected);
        ERROR_AT(ck, e, "the type of '{#}' cannot be inferred here; cast it to a header type");
        return unknown(e);
    case N_TYPE_EXPR: {
        Type *t = type_new(ck->arena, T_TYPE);
        t->base = resolve_type(ck, e->type);
        return set_type(e, t);
    }
    case N_MEMBER:
        return check_member(ck, e);
    case N_INDEX:
        return check_index(ck, e);
    case N_SLICE: case N_PLUS_SLICE:
        return check_slice(ck, e);
    case N_UNARY:
        return check_unary(ck, e, expected);
    case N_BINARY:
        return check_binary(ck, e, expected);
    case N_TERNARY:
        return check_ternary(ck, e, expected);
    case N_CAST:
        return check_cast(ck, e);
    case N_CALL:
        return check_call(ck, e, expected);
    case N_LIST_EXPR:
        return check_list_expr(ck, e, expected);
    case N_STRUCT_EXPR:
        return check_struct_expr(ck, e, expected);
    case N_MASK: case N_RANGE: case N_DEFAULT: case N_DONTCARE:
        if (ck->table || e->kind == N_DONTCARE || e->kind == N_DEFAULT)
            return check_keyset(ck, e, expected);
        ERROR_AT(ck, e, "'%s' is only allowed in a keyset", e->kind == N_MASK ? "&&&" : "..");
        return unknown(e);
    default:
        ERROR_AT(ck, e, "expected an expression");
        return unknown(e);
    }
}
