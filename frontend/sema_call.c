/* Calls (spec "Method invocations and function calls", "Constructor
 * invocations", "Calling convention"): choosing among overloads, binding
 * positional and named arguments to parameters, defaults and @optional,
 * directions and l-values, and inferring type arguments by unification. */
#include "sema_internal.h"

#include <string.h>

static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN;
}

static Type *set_type(Node *e, Type *t)
{
    e->ty = t;
    return t;
}

/* Something that can be called, with its generic bindings. */
typedef struct Callee {
    const char *what;       /* for messages: "function 'f'", "method 'm' of 'E'" */
    Node *decl;
    Param *params;
    int nparams;
    Type *ret;
    TypeSubst subst;        /* type parameters in scope: the extern's and the callee's */
} Callee;

/* Which parameter each argument goes to; -1 when the arguments cannot be
 * bound (with REPORT, the reason is reported). */
static bool bind_args(Checker *ck, Node *call, const Callee *c, int *param_of_arg, bool report)
{
    NodeList *args = &call->args;
    bool named = args->len > 0 && args->items[0]->name;
    bool *taken = arena_alloc(ck->arena, sizeof(bool) * (size_t)(c->nparams + 1));
    for (int i = 0; i < args->len; i++) {
        Node *arg = args->items[i];
        if ((arg->name != NULL) != named) {
            if (report)
                ERROR_AT(ck, arg, "arguments of a call must be either all named or all positional");
            return false;
        }
        int p = -1;
        if (named) {
            for (int j = 0; j < c->nparams; j++)
                if (strcmp(c->params[j].name, arg->name) == 0)
                    p = j;
            if (p < 0) {
                if (report)
                    ERROR_AT(ck, arg, "%s has no parameter named '%s'", c->what, arg->name);
                return false;
            }
            if (taken[p]) {
                if (report)
                    ERROR_AT(ck, arg, "parameter '%s' is given twice", arg->name);
                return false;
            }
        } else {
            p = i;
            if (p >= c->nparams) {
                if (report)
                    ERROR_AT(ck, arg, "too many arguments to %s (it takes %d)", c->what, c->nparams);
                return false;
            }
        }
        taken[p] = true;
        param_of_arg[i] = p;
    }
    for (int j = 0; j < c->nparams; j++) {
        if (taken[j] || c->params[j].has_default)
            continue;
        if (report)
            ERROR_AT(ck, call, "missing argument for parameter '%s' of %s", c->params[j].name,
                     c->what);
        return false;
    }
    return true;
}

/* Checks the arguments against the parameters, inferring type arguments.
 * Returns false after reporting. */
static bool check_args(Checker *ck, Node *call, Callee *c, const int *param_of_arg)
{
    bool ok = true;
    for (int i = 0; i < call->args.len; i++) {
        Node *arg = call->args.items[i];
        Param *p = &c->params[param_of_arg[i]];
        Type *formal = subst_apply(ck, &c->subst, p->type);
        Node *value = arg->expr;
        if (value->kind == N_DONTCARE) {
            if (p->dir != DIR_OUT) {
                ERROR_AT(ck, arg, "'_' may only be passed for an out parameter");
                ok = false;
            }
            value->ty = formal;
            arg->ty = formal;
            continue;
        }
        Type *want = type_contains_typevar(formal) ? NULL : formal;
        Type *actual = check_expr(ck, value, want);
        arg->ty = actual;
        if (is_unknown(actual)) {
            ok = false;
            continue;
        }
        if (actual->kind == T_TABLE) {
            /* Spec appendix "Restrictions on compile-time and run-time calls":
             * tables are neither run-time nor constructor parameters. */
            ERROR_AT(ck, value, "a table cannot be passed as an argument (to parameter '%s' "
                                "of %s)", p->name, c->what);
            ok = false;
            continue;
        }
        if (!unify(ck, &c->subst, formal, actual)) {
            ERROR_AT(ck, value, "argument '%s' of %s: expected '%s', not '%s'", p->name, c->what,
                     TYPE_NAME(ck, subst_apply(ck, &c->subst, formal)), TYPE_NAME(ck, actual));
            ok = false;
            continue;
        }
        Type *bound = subst_apply(ck, &c->subst, formal);
        if (p->dir != DIR_NONE && (bound->kind == T_STRING || bound->kind == T_EXTERN)) {
            /* Only reachable through a type variable: the declaration was checked. */
            ERROR_AT(ck, value, "argument '%s' of %s: a value of type '%s' can only be "
                                "passed to a directionless parameter", p->name, c->what,
                     TYPE_NAME(ck, bound));
            ok = false;
            continue;
        }
        if (p->type->kind == T_TYPEVAR && (bound->kind == T_PARSER || bound->kind == T_CONTROL ||
                                           bound->kind == T_PACKAGE)) {
            /* Only constructor parameters can be parsers, controls or packages. */
            ERROR_AT(ck, value, "argument '%s' of %s cannot be a %s", p->name, c->what,
                     bound->kind == T_PARSER ? "parser" : bound->kind == T_CONTROL ? "control"
                                                                                   : "package");
            ok = false;
            continue;
        }
        if (!subst_mentions(&c->subst, bound) &&
            !check_assignable(ck, value, actual, bound, "argument"))
            ok = false;
        if (p->dir == DIR_NONE && c->decl && c->decl->kind != N_ACTION &&
            !is_compile_time_known(ck, value)) {
            /* Spec "Calling convention": outside actions, directionless
             * parameters take compile-time known values. */
            ERROR_AT(ck, value, "argument for directionless parameter '%s' of %s must be "
                                "compile-time known", p->name, c->what);
            ok = false;
        }
        if (p->dir == DIR_OUT || p->dir == DIR_INOUT) {
            if (!is_lvalue(ck, value)) {
                ERROR_AT(ck, value, "argument for %s parameter '%s' must be an l-value",
                         p->dir == DIR_OUT ? "out" : "inout", p->name);
                ok = false;
            } else if (actual->kind == T_INT && !type_equal(bound, actual)) {
                ERROR_AT(ck, value, "an int value cannot be passed to %s parameter '%s'",
                         p->dir == DIR_OUT ? "out" : "inout", p->name);
                ok = false;
            }
        }
    }
    return ok;
}

/* Explicit type arguments `f<T>(...)` bind the callee's own type parameters. */
static bool bind_type_args(Checker *ck, Node *call, Callee *c, const NodeList *own_type_params)
{
    if (call->type_args.len == 0)
        return true;
    if (call->type_args.len != own_type_params->len) {
        ERROR_AT(ck, call, "%s takes %d type argument%s, not %d", c->what, own_type_params->len,
                 own_type_params->len == 1 ? "" : "s", call->type_args.len);
        return false;
    }
    for (int i = 0; i < call->type_args.len; i++) {
        Type *t = resolve_type(ck, call->type_args.items[i]);
        if (t->kind == T_VOID) {
            ERROR_AT(ck, call->type_args.items[i], "'void' cannot be a type argument");
            return false;
        }
        for (int j = 0; j < c->subst.len; j++)
            if (c->subst.vars[j] == own_type_params->items[i])
                c->subst.types[j] = t;
    }
    return true;
}

/* Type parameters of both the enclosing extern (bound from the instance's
 * type arguments) and the callee itself. */
static TypeSubst callee_subst(Checker *ck, const NodeList *outer, const TypeList *outer_args,
                              const NodeList *own)
{
    NodeList all = {0};
    for (int i = 0; outer && i < outer->len; i++)
        node_list_push(ck->arena, &all, outer->items[i]);
    for (int i = 0; own && i < own->len; i++)
        node_list_push(ck->arena, &all, own->items[i]);
    TypeSubst subst = subst_new(ck, &all);
    for (int i = 0; outer_args && i < outer_args->len && i < subst.len; i++)
        subst.types[i] = outer_args->items[i];
    return subst;
}

static Callee callee_of(Checker *ck, Node *decl, const char *what, const NodeList *outer,
                        const TypeList *outer_args)
{
    Callee c = {.what = what, .decl = decl};
    Type *t = decl->ty;
    if (t) {
        c.params = t->params;
        c.nparams = t->nparams;
        c.ret = t->ret;
    }
    c.subst = callee_subst(ck, outer, outer_args, &decl->type_params);
    return c;
}

/* Picks among the overloads in CANDIDATES (a Binding chain) the one whose
 * parameters the arguments fit; reports when none or several do. */
static Node *choose_overload(Checker *ck, Node *call, Binding *candidates, const char *name,
                             const NodeList *outer, const TypeList *outer_args)
{
    if (!candidates->overload)
        return candidates->decl;
    Node *chosen = NULL;
    int matches = 0;
    int *slots = arena_alloc(ck->arena, sizeof(int) * (size_t)(call->args.len + 1));
    for (Binding *b = candidates; b; b = b->overload) {
        Callee c = callee_of(ck, b->decl, name, outer, outer_args);
        if (bind_args(ck, call, &c, slots, false)) {
            if (!chosen)
                chosen = b->decl;
            matches++;
        }
    }
    if (matches == 0) {
        ERROR_AT(ck, call, "no declaration of '%s' takes these %d argument%s", name,
                 call->args.len, call->args.len == 1 ? "" : "s");
        for (Binding *b = candidates; b; b = b->overload)
            diag_note(ck->diag, b->decl->loc, "candidate declared here");
        return NULL;
    }
    if (matches > 1 && chosen->kind == N_METHOD) {
        /* Overloads differ by arity or parameter names (spec "Overloading").
         * (Functions: a later overload may call an earlier one of its arity.) */
        ERROR_AT(ck, call, "call of %s is ambiguous: %d declarations take these arguments", name,
                 matches);
        for (Binding *b = candidates; b; b = b->overload) {
            Callee c = callee_of(ck, b->decl, name, outer, outer_args);
            if (bind_args(ck, call, &c, slots, false))
                diag_note(ck->diag, b->decl->loc, "candidate declared here");
        }
        return NULL;
    }
    return chosen;
}

/* A type variable bound only by an int literal has no width to stand for
 * (p4c: "could not infer a width"), one bound by a structure-valued
 * expression no struct type, and a don't-care type argument (`E<_>()`)
 * learns nothing from an int; reports at the first such argument. */
static bool widths_inferred(Checker *ck, Node *call, Callee *c, const int *param_of_arg)
{
    for (int i = 0; i < call->args.len; i++) {
        Node *arg = call->args.items[i];
        Type *formal = c->params[param_of_arg[i]].type;
        if (formal->kind != T_TYPEVAR || !arg->ty || arg->expr->kind == N_DONTCARE)
            continue;
        Type *bound = subst_apply(ck, &c->subst, formal);
        if (arg->ty->kind == T_INT && (bound->kind == T_INT || bound->kind == T_DONTCARE)) {
            ERROR_AT(ck, arg->expr, "cannot infer a width for type '%s' from an int value; give "
                                    "the value a width such as bit<8>", formal->name);
            return false;
        }
        if (arg->ty->kind == T_STRUCT_EXPR && bound->kind == T_STRUCT_EXPR) {
            ERROR_AT(ck, arg->expr, "cannot infer a struct type for type '%s' from a "
                                    "structure-valued expression; cast it to a struct type",
                     formal->name);
            return false;
        }
    }
    return true;
}

/* Spec "Method invocations and function calls": `_` for an out argument
 * stands for a value of the parameter's type, which must then follow from
 * the other arguments or the type arguments (p4c: "could not infer a type
 * for variable T"). The dontcare arguments were given the formal type. */
static bool dontcares_inferred(Checker *ck, Node *call, Callee *c, const int *param_of_arg)
{
    for (int i = 0; i < call->args.len; i++) {
        Node *arg = call->args.items[i];
        if (arg->expr->kind != N_DONTCARE)
            continue;
        Type *t = subst_apply(ck, &c->subst, c->params[param_of_arg[i]].type);
        if (!subst_mentions(&c->subst, t))
            continue;
        arg->ty = arg->expr->ty = t;
        ERROR_AT(ck, arg, "cannot infer the type of '_' for parameter '%s' of %s; give the "
                          "type arguments", c->params[param_of_arg[i]].name, c->what);
        return false;
    }
    return true;
}

/* The type of a generic function at one call: its parameters and result
 * with the inferred type arguments put in, and those arguments, in the
 * order of its type parameters, in args (T_DONTCARE where none was
 * inferred). The midend specializes the function from it. */
static Type *instantiated_type(Checker *ck, Node *decl, const TypeSubst *subst)
{
    Type *inst = type_copy(ck->arena, subst_apply(ck, subst, decl->ty));
    inst->args.len = decl->type_params.len;
    inst->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)inst->args.len);
    for (int i = 0; i < inst->args.len; i++) {
        Type *t = NULL;
        for (int j = 0; j < subst->len; j++)
            if (subst->vars[j] == decl->type_params.items[i])
                t = subst->types[j];
        inst->args.items[i] = t ? t : type_simple(T_DONTCARE);
    }
    return inst;
}

/* Spec "Optional parameters": with both @optional parameters and default
 * values, which argument is left out is only clear by name. */
static bool names_needed(Checker *ck, Node *call, const Callee *c)
{
    bool optional = false, defaults = false;
    for (int i = 0; i < c->nparams; i++) {
        optional = optional || c->params[i].is_optional;
        defaults = defaults || (c->params[i].has_default && !c->params[i].is_optional);
    }
    if (!optional || !defaults || call->args.len == 0 || call->args.items[0]->name)
        return true;
    ERROR_AT(ck, call, "%s has both @optional parameters and default values, so its arguments "
                       "must be named", c->what);
    return false;
}

static Type *finish_call(Checker *ck, Node *call, Callee *c)
{
    int *slots = arena_alloc(ck->arena, sizeof(int) * (size_t)(call->args.len + 1));
    if (!names_needed(ck, call, c))
        return set_type(call, type_unknown());
    if (!bind_args(ck, call, c, slots, true)) {
        for (int i = 0; i < call->args.len; i++)
            if (call->args.items[i]->expr->kind != N_DONTCARE)
                check_expr(ck, call->args.items[i]->expr, NULL);
        return set_type(call, type_unknown());
    }
    if (!check_args(ck, call, c, slots) || !widths_inferred(ck, call, c, slots) ||
        !dontcares_inferred(ck, call, c, slots))
        return set_type(call, type_unknown());
    Type *ret = c->ret ? subst_apply(ck, &c->subst, c->ret) : type_simple(T_VOID);
    if (type_contains_typevar(ret) && c->subst.len) {
        /* A type variable only the return type mentions must be given. */
        bool unbound = false;
        for (int i = 0; i < c->subst.len; i++)
            unbound = unbound || !c->subst.types[i];
        if (unbound && ret->kind == T_TYPEVAR) {
            ERROR_AT(ck, call, "cannot infer the result type of %s; give the type arguments",
                     c->what);
            return set_type(call, type_unknown());
        }
    }
    return set_type(call, ret);
}

/* ---- methods of built-in types ---- */

/* Size in bits of a value of type T; varbit fields count as 0 (minimum) or
 * their bound (maximum). -1 when T has no size. */
static long type_size_bits(const Type *t, bool max)
{
    long total = 0;
    switch (t->kind) {
    case T_BITS: return t->width;
    case T_BOOL: return 1;
    case T_VARBIT: return max ? t->width : 0;
    case T_SERENUM: case T_NEWTYPE: return t->base ? type_size_bits(t->base, max) : -1;
    case T_ENUM: case T_ERROR: return 32;
    case T_STACK:
        return t->size >= 0 && type_size_bits(t->base, max) >= 0
               ? t->size * type_size_bits(t->base, max) : -1;
    case T_HEADER: case T_STRUCT:
        for (int i = 0; i < t->nfields; i++) {
            long w = type_size_bits(t->fields[i].type, max);
            if (w < 0)
                return -1;
            total += w;
        }
        return total;
    case T_UNION:
        for (int i = 0; i < t->nfields; i++) {
            long w = type_size_bits(t->fields[i].type, max);
            if (w < 0)
                return -1;
            if ((max && w > total) || (!max && (i == 0 || w < total)))
                total = w;
        }
        return total;
    default:
        return -1;
    }
}

/* Whether the size methods apply to T: the serializable types (not enums
 * without a representation, errors or int), and type variables, sized
 * where they are bound. */
static bool sized(const Type *t)
{
    switch (t->kind) {
    case T_ENUM: case T_ERROR: case T_INT: case T_BOOL: case T_MATCH_KIND: case T_STRING:
        return t->kind == T_BOOL;
    case T_SERENUM: case T_NEWTYPE: case T_STACK:
        return !t->base || sized(t->base);
    case T_HEADER: case T_STRUCT: case T_UNION:
        for (int i = 0; i < t->nfields; i++)
            if (!sized(t->fields[i].type))
                return false;
        return true;
    case T_TUPLE:
        for (int i = 0; i < t->args.len; i++)
            if (!sized(t->args.items[i]))
                return false;
        return true;
    default:
        return true;
    }
}

static Type *size_method(Checker *ck, Node *call, const char *name, Type *of)
{
    bool bits = strstr(name, "Bits") != NULL, max = strncmp(name, "max", 3) == 0;
    if (call->args.len) {
        ERROR_AT(ck, call, "'%s' takes no arguments", name);
        return set_type(call, type_unknown());
    }
    /* Sizes of fixed-size types fold to constants here. */
    long total = type_size_bits(of, max);
    bool known = total >= 0;
    if (!sized(of)) {
        /* Spec "Compile-time size determination": serializable types only. */
        ERROR_AT(ck, call, "'%s' is not defined on values of type '%s'", name, TYPE_NAME(ck, of));
        return set_type(call, type_unknown());
    }
    if (known) {
        mpz_t v;
        mpz_init_set_si(v, bits ? total : (total + 7) / 8);
        call->value = value_int(ck, v, type_simple(T_INT));
        mpz_clear(v);
    }
    return set_type(call, type_simple(T_INT));
}

static bool is_size_method(const char *name)
{
    return strcmp(name, "minSizeInBits") == 0 || strcmp(name, "minSizeInBytes") == 0 ||
           strcmp(name, "maxSizeInBits") == 0 || strcmp(name, "maxSizeInBytes") == 0;
}

static Type *no_args(Checker *ck, Node *call, const char *name, Type *ret)
{
    if (call->args.len) {
        ERROR_AT(ck, call, "'%s' takes no arguments", name);
        return set_type(call, type_unknown());
    }
    return set_type(call, ret);
}

static Type *header_method(Checker *ck, Node *call, Node *callee, Type *base)
{
    const char *m = callee->name;
    if (strcmp(m, "isValid") == 0)
        return no_args(ck, call, m, type_simple(T_BOOL));
    if (base->kind == T_HEADER && (strcmp(m, "setValid") == 0 || strcmp(m, "setInvalid") == 0)) {
        if (!is_lvalue(ck, callee->expr))
            ERROR_AT(ck, callee->expr, "'%s' needs a header that can be modified", m);
        return no_args(ck, call, m, type_simple(T_VOID));
    }
    if (is_size_method(m))
        return size_method(ck, call, m, base);
    ERROR_AT(ck, callee, "'%s' has no method '%s'", TYPE_NAME(ck, base), m);
    return set_type(call, type_unknown());
}

static Type *stack_method(Checker *ck, Node *call, Node *callee, Type *base)
{
    const char *m = callee->name;
    if (strcmp(m, "push_front") == 0 || strcmp(m, "pop_front") == 0) {
        if (call->args.len != 1) {
            ERROR_AT(ck, call, "'%s' takes one argument, the number of elements", m);
            return set_type(call, type_unknown());
        }
        long n;
        Node *arg = call->args.items[0]->expr;
        check_expr(ck, arg, type_simple(T_INT));
        if (const_small_int(ck, arg, "the count", &n) && n <= 0)
            ERROR_AT(ck, arg, "the count must be positive");
        if (!is_lvalue(ck, callee->expr))
            ERROR_AT(ck, callee->expr, "'%s' needs a header stack that can be modified", m);
        return set_type(call, type_simple(T_VOID));
    }
    if (is_size_method(m))
        return size_method(ck, call, m, base);
    ERROR_AT(ck, callee, "'%s' has no method '%s'", TYPE_NAME(ck, base), m);
    return set_type(call, type_unknown());
}

/* Spec appendix "Restrictions on compile time and run time calls": where
 * parsers, controls and tables run, and where nothing may be called. */
static bool in_parser_state(const Checker *ck)
{
    return ck->parser && ck->in_body && !ck->function && !ck->action;
}

static bool in_apply_block(const Checker *ck)
{
    return ck->control && ck->in_body && !ck->function && !ck->action;
}

/* ---- extern methods ---- */

/* The methods NAME (or the constructors, NAME NULL) of extern EXT, as an
 * overload chain for choose_overload. */
static Binding *extern_members(Checker *ck, Node *ext, NodeKind kind, const char *name)
{
    Binding *chain = NULL, *last = NULL;
    for (int i = 0; i < ext->items.len; i++) {
        Node *m = ext->items.items[i];
        if (m->kind != kind || (name && strcmp(m->name, name) != 0))
            continue;
        Binding *b = ARENA_NEW(ck->arena, Binding);
        b->name = m->name;
        b->decl = m;
        if (last)
            last->overload = b;
        else
            chain = b;
        last = b;
    }
    return chain;
}

static Type *extern_method(Checker *ck, Node *call, Node *callee, Type *base)
{
    Node *ext = base->decl;
    Binding *chain = extern_members(ck, ext, N_METHOD, callee->name);
    if (!chain) {
        if (is_size_method(callee->name)) {
            ERROR_AT(ck, callee, "'%s' is not defined on extern objects", callee->name);
            return set_type(call, type_unknown());
        }
        ERROR_AT(ck, callee, "extern '%s' has no method '%s'", ext->name, callee->name);
        diag_note(ck->diag, ext->loc, "'%s' is declared here", ext->name);
        return set_type(call, type_unknown());
    }
    const char *what = arena_printf(ck->arena, "method '%s' of '%s'", callee->name, ext->name);
    Node *decl = choose_overload(ck, call, chain, what, &ext->type_params, &base->args);
    if (!decl)
        return set_type(call, type_unknown());
    callee->ref = decl;
    Callee c = callee_of(ck, decl, what, &ext->type_params, &base->args);
    if (!bind_type_args(ck, call, &c, &decl->type_params))
        return set_type(call, type_unknown());
    Type *t = finish_call(ck, call, &c);
    if (!is_unknown(t) && !check_packet_method(ck, call, ext, decl))
        return set_type(call, type_unknown());
    return t;
}

/* `p.apply(...)` of a parser or control instance, or `T.apply(...)`. */
static Type *apply_call(Checker *ck, Node *call, Type *t, const char *name)
{
    Callee c = {.what = arena_printf(ck->arena, "'%s.apply'", name ? name : "?"),
                .params = t->params, .nparams = t->nparams};
    if (ck->action)
        ERROR_AT(ck, call, "%s cannot be called from an action", c.what);
    else if (t->kind == T_PARSER && !in_parser_state(ck))
        ERROR_AT(ck, call, "%s: a parser can only be applied in a parser state", c.what);
    else if (t->kind == T_CONTROL && !in_apply_block(ck))
        ERROR_AT(ck, call, "%s: a control can only be applied in a control's apply block",
                 c.what);
    return finish_call(ck, call, &c);
}

static Type *method_call(Checker *ck, Node *call, Node *callee)
{
    if (callee->expr->kind == N_TYPE_EXPR) {
        Type *t = resolve_type(ck, callee->expr->type);
        callee->expr->ty = t;
        if (is_unknown(t))
            return set_type(call, t);
        if ((t->kind == T_PARSER || t->kind == T_CONTROL) && strcmp(callee->name, "apply") == 0)
            return apply_call(ck, call, t, t->name);
        if (is_size_method(callee->name))
            return size_method(ck, call, callee->name, t);
        ERROR_AT(ck, callee, "type '%s' has no method '%s'", TYPE_NAME(ck, t), callee->name);
        return set_type(call, type_unknown());
    }
    Type *base = check_expr(ck, callee->expr, NULL);
    if (is_unknown(base))
        return set_type(call, base);
    switch (base->kind) {
    case T_HEADER: case T_UNION:
        return header_method(ck, call, callee, base);
    case T_STRUCT:
        if (is_size_method(callee->name))
            return size_method(ck, call, callee->name, base);
        break;
    case T_STACK:
        return stack_method(ck, call, callee, base);
    case T_EXTERN:
        return extern_method(ck, call, callee, base);
    case T_TABLE:
        if (strcmp(callee->name, "apply") == 0) {
            if (ck->action)
                ERROR_AT(ck, call, "a table cannot be applied from an action");
            else if (!in_apply_block(ck) && !ck->table)
                /* Keys (and action arguments, reported apart) of a table
                 * are evaluated where it is applied. */
                ERROR_AT(ck, call, "a table can only be applied in a control's apply block");
            callee->ref = base->decl;
            return no_args(ck, call, "apply", type_simple(T_APPLY_RESULT));
        }
        break;
    case T_PARSER: case T_CONTROL:
        if (strcmp(callee->name, "apply") == 0)
            return apply_call(ck, call, base, callee->expr->ref ? callee->expr->ref->name : NULL);
        break;
    case T_BITS: case T_INT: case T_BOOL: case T_VARBIT: case T_SERENUM: case T_ENUM:
    case T_ERROR: case T_NEWTYPE:
        if (is_size_method(callee->name))
            return size_method(ck, call, callee->name, base);
        break;
    default:
        break;
    }
    ERROR_AT(ck, callee, "'%s' has no method '%s'", TYPE_NAME(ck, base), callee->name);
    return set_type(call, type_unknown());
}

/* ---- named callees: functions, extern functions, actions ---- */

static Type *action_call(Checker *ck, Node *call, Node *action)
{
    if (!ck->control && !ck->action && !ck->parser) {
        ERROR_AT(ck, call, "action '%s' can only be called from a control", action->name);
        return set_type(call, type_unknown());
    }
    if (ck->parser) {
        ERROR_AT(ck, call, "action '%s' cannot be called from a parser", action->name);
        return set_type(call, type_unknown());
    }
    if (ck->action == action) {
        /* Spec appendix on calls: "There may not be any recursion". */
        ERROR_AT(ck, call, "action '%s' cannot call itself", action->name);
        return set_type(call, type_unknown());
    }
    Callee c = callee_of(ck, action, arena_printf(ck->arena, "action '%s'", action->name), NULL,
                         NULL);
    return finish_call(ck, call, &c);
}

/* The innermost declaration of NAME that the call's arguments fit: an
 * action `hash()` does not hide the extern function `hash(...)` it calls. */
static Binding *lookup_callable(Checker *ck, Node *call, Node *callee)
{
    if (callee->is_absolute)
        return env_lookup_local(ck->global, callee->name);
    Binding *first = env_lookup(ck->env, callee->name);
    int *slots = arena_alloc(ck->arena, sizeof(int) * (size_t)(call->args.len + 1));
    for (Env *env = ck->env; env; env = env->parent) {
        Binding *b = env_lookup_local(env, callee->name);
        if (!b)
            continue;
        for (Binding *o = b; o; o = o->overload) {
            Node *d = o->decl;
            if (d->kind != N_ACTION && d->kind != N_FUNCTION && d->kind != N_EXTERN_FUNCTION)
                return first;
            Callee c = {.what = d->name, .decl = d};
            if (d->ty) {
                c.params = d->ty->params;
                c.nparams = d->ty->nparams;
            }
            if (bind_args(ck, call, &c, slots, false))
                return b;
        }
    }
    return first;
}

static Type *named_call(Checker *ck, Node *call, Node *callee)
{
    Binding *b = lookup_callable(ck, call, callee);
    if (!b) {
        ERROR_AT(ck, callee, "'%s' is not declared", callee->name);
        for (int i = 0; i < call->args.len; i++)
            if (call->args.items[i]->expr->kind != N_DONTCARE)
                check_expr(ck, call->args.items[i]->expr, NULL);
        return set_type(call, type_unknown());
    }
    Node *decl = b->decl;
    switch (decl->kind) {
    case N_ACTION:
        callee->ref = decl;
        callee->ty = decl->ty;
        return action_call(ck, call, decl);
    case N_FUNCTION: case N_EXTERN_FUNCTION: case N_METHOD: {
        const char *what = arena_printf(ck->arena, "function '%s'", callee->name);
        decl = choose_overload(ck, call, b, what, NULL, NULL);
        if (!decl)
            return set_type(call, type_unknown());
        callee->ref = decl;
        callee->ty = decl->ty;
        if (decl->kind == N_EXTERN_FUNCTION && strcmp(decl->name, "verify") == 0 &&
            !ck->parser) {
            /* Spec "The verify statement": it may only be invoked in parsers. */
            ERROR_AT(ck, call, "'verify' can only be called in a parser");
            return set_type(call, type_unknown());
        }
        if (decl->kind == N_FUNCTION && ck->function == decl) {
            ERROR_AT(ck, call, "function '%s' cannot call itself", decl->name);
            return set_type(call, type_unknown());
        }
        Callee c = callee_of(ck, decl, what, NULL, NULL);
        if (!bind_type_args(ck, call, &c, &decl->type_params))
            return set_type(call, type_unknown());
        Type *result = finish_call(ck, call, &c);
        if (decl->type_params.len && !is_unknown(result))
            callee->ty = instantiated_type(ck, decl, &c.subst);
        return result;
    }
    default: {
        Type *t = check_expr(ck, callee, NULL);
        if ((t->kind == T_PARSER || t->kind == T_CONTROL))
            ERROR_AT(ck, callee, "call '%s.apply(...)' to run it", callee->name);
        else if (!is_unknown(t))
            ERROR_AT(ck, callee, "'%s' is not a function", callee->name);
        return set_type(call, type_unknown());
    }
    }
}

/* ---- constructors ---- */

/* Whether the type variable VAR needs a binding: a parameter that is not
 * @optional mentions it (a left-out optional argument binds nothing). The
 * type parameters of an extern are needed by its methods even when no
 * constructor parameter mentions them. */
static bool var_needed(const Callee *c, Node *var, bool needed_if_unmentioned)
{
    TypeSubst one = {.vars = &var, .len = 1};
    bool mentioned = false;
    for (int i = 0; i < c->nparams; i++) {
        if (!subst_mentions(&one, c->params[i].type))
            continue;
        if (!c->params[i].is_optional)
            return true;
        mentioned = true;
    }
    return !mentioned && needed_if_unmentioned;
}

/* Type arguments left out of an instantiation must follow from the
 * constructor's arguments (spec "Instantiations"). */
static bool type_args_inferred(Checker *ck, Node *call, const Callee *c, Node *decl)
{
    const TypeSubst *subst = &c->subst;
    for (int i = 0; i < subst->len && i < decl->type_params.len; i++) {
        if (subst->types[i] || !var_needed(c, decl->type_params.items[i],
                                           decl->kind == N_EXTERN))
            continue;
        Node *var = decl->type_params.items[i];
        ERROR_AT(ck, call, "cannot infer type argument '%s' of '%s' from the arguments; give "
                           "the type arguments", var->name, decl->name);
        diag_note(ck->diag, var->loc, "'%s' is declared here", var->name);
        return false;
    }
    return true;
}

/* Parsers and controls may be declared several times with different
 * constructor parameters (p4c); pick the declaration the arguments fit. */
static Node *choose_constructor(Checker *ck, Node *call, Node *first)
{
    Binding *b = env_lookup(ck->env, first->name);
    if (!b || !b->overload)
        return first;
    int *slots = arena_alloc(ck->arena, sizeof(int) * (size_t)(call->args.len + 1));
    for (; b; b = b->overload) {
        Node *d = b->decl;
        if (d->kind != first->kind)
            continue;
        Type *ctor = callable_type(ck, T_FUNCTION, d, &d->ctor_params, NULL);
        Callee c = {.what = d->name, .decl = d, .params = ctor->params, .nparams = ctor->nparams};
        if (bind_args(ck, call, &c, slots, false))
            return d;
    }
    return first;
}

Type *check_constructor_call(Checker *ck, Node *call, Type *t, Node *type_ref)
{
    if (is_unknown(t))
        return set_type(call, t);
    Node *decl = t->decl;
    switch (t->kind) {
    case T_EXTERN: {
        Binding *chain = extern_members(ck, decl, N_CONSTRUCTOR, NULL);
        if (!chain) {
            ERROR_AT(ck, call, "extern '%s' has no constructor", decl->name);
            return set_type(call, type_unknown());
        }
        const char *what = arena_printf(ck->arena, "constructor of '%s'", decl->name);
        Node *ctor = choose_overload(ck, call, chain, what, &decl->type_params, &t->args);
        if (!ctor)
            return set_type(call, type_unknown());
        Callee c = callee_of(ck, ctor, what, &decl->type_params, &t->args);
        c.ret = NULL;
        if (finish_call(ck, call, &c)->kind == T_UNKNOWN)
            return set_type(call, type_unknown());
        if (t->type_params.len && t->args.len == 0) {
            /* Type arguments inferred from the constructor's arguments. */
            Type *inst = type_copy(ck->arena, t);
            inst->type_params = (TypeList){0};
            inst->args.len = decl->type_params.len;
            inst->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(inst->args.len + 1));
            if (!type_args_inferred(ck, call, &c, decl))
                return set_type(call, type_unknown());
            for (int i = 0; i < inst->args.len; i++)
                inst->args.items[i] = c.subst.types[i] ? c.subst.types[i]
                                                       : type_simple(T_DONTCARE);
            return set_type(call, inst);
        }
        return set_type(call, t);
    }
    case T_PARSER: case T_CONTROL: {
        if (decl && (decl->kind == N_PARSER_TYPE || decl->kind == N_CONTROL_TYPE)) {
            /* The type of a declared parser or control is that of its header;
             * find the declaration that owns it. */
            Node *owner = type_ref ? type_ref->ref : NULL;
            if (owner && (owner->kind == N_PARSER || owner->kind == N_CONTROL))
                owner = choose_constructor(ck, call, owner);
            if (owner && (owner == ck->parser || owner == ck->control)) {
                /* Spec appendix on calls: "There may not be any recursion". */
                ERROR_AT(ck, call, "%s '%s' cannot instantiate itself",
                         owner->kind == N_PARSER ? "parser" : "control", owner->name);
                return set_type(call, type_unknown());
            }
            if (owner && (owner->kind == N_PARSER || owner->kind == N_CONTROL)) {
                Callee c = {.what = arena_printf(ck->arena, "constructor of '%s'", owner->name),
                            .decl = owner, .subst = subst_new(ck, &owner->type->type_params)};
                Type *ctor = callable_type(ck, T_FUNCTION, owner, &owner->ctor_params, NULL);
                c.params = ctor->params;
                c.nparams = ctor->nparams;
                if (finish_call(ck, call, &c)->kind == T_UNKNOWN)
                    return set_type(call, type_unknown());
                return set_type(call, t);
            }
            ERROR_AT(ck, call, "'%s' is a %s type, which cannot be instantiated", decl->name,
                     t->kind == T_PARSER ? "parser" : "control");
            return set_type(call, type_unknown());
        }
        return set_type(call, t);
    }
    case T_PACKAGE: {
        Callee c = {.what = arena_printf(ck->arena, "package '%s'", decl->name), .decl = decl,
                    .params = t->params, .nparams = t->nparams};
        c.subst = subst_new(ck, &decl->type_params);
        if (t->args.len)
            for (int i = 0; i < t->args.len && i < c.subst.len; i++)
                c.subst.types[i] = t->args.items[i];
        if (finish_call(ck, call, &c)->kind == T_UNKNOWN ||
            !type_args_inferred(ck, call, &c, decl))
            return set_type(call, type_unknown());
        Type *inst = type_copy(ck->arena, subst_apply(ck, &c.subst, t));
        inst->type_params = (TypeList){0};
        inst->args.len = c.subst.len;
        inst->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(c.subst.len + 1));
        for (int i = 0; i < c.subst.len; i++)
            inst->args.items[i] = c.subst.types[i] ? c.subst.types[i] : type_simple(T_DONTCARE);
        return set_type(call, inst);
    }
    default:
        ERROR_AT(ck, call, "type '%s' cannot be constructed", TYPE_NAME(ck, t));
        return set_type(call, type_unknown());
    }
}

static bool has_abstract_methods(const Node *ext)
{
    for (int i = 0; i < ext->items.len; i++)
        if (ext->items.items[i]->kind == N_METHOD && ext->items.items[i]->is_abstract)
            return true;
    return false;
}

Type *check_call(Checker *ck, Node *call, Type *expected)
{
    (void)expected;
    Node *callee = call->expr;
    switch (callee->kind) {
    case N_MEMBER:
        return method_call(ck, call, callee);
    case N_NAME:
        return named_call(ck, call, callee);
    case N_TYPE_EXPR: {
        Type *t = resolve_type(ck, callee->type);
        callee->ty = t;
        if (t->kind == T_EXTERN && has_abstract_methods(t->decl)) {
            ERROR_AT(ck, call, "extern '%s' has abstract methods: instantiate it in a "
                               "declaration with an initializer that implements them", t->name);
            return set_type(call, type_unknown());
        }
        Node *ref = callee->type->kind == N_TYPE_SPECIALIZED ? callee->type->type : callee->type;
        return check_constructor_call(ck, call, t, ref);
    }
    default: {
        Type *t = check_expr(ck, callee, NULL);
        if (!is_unknown(t))
            ERROR_AT(ck, callee, "expression of type '%s' cannot be called", TYPE_NAME(ck, t));
        return set_type(call, type_unknown());
    }
    }
}
