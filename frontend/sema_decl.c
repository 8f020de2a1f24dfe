/* Declarations: types, externs, functions, actions, parsers and their
 * states, controls, tables and instantiations (spec chapters "P4 data
 * types", "Packet parsing", "Control blocks", "Parameterization"). Each is
 * declared in the current environment when it is checked, so a use before
 * the declaration is an error, as the spec requires. */
#include "sema_internal.h"

#include <stdlib.h>
#include <string.h>

#include "key_name.h"

static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN;
}

/* Constructor parameters are compile-time known, but their values are only
 * known per instance; expressions using them are accepted as constant. */
static bool refers_to_parameter_visit(Node *n, void *ctx)
{
    bool *found = ctx;
    if ((n->kind == N_NAME && n->ref && n->ref->kind == N_PARAM && n->ref->dir == DIR_NONE) ||
        (n->kind == N_CALL && n->ty && n->ty->kind != T_UNKNOWN && !n->value))
        *found = true;
    return !*found && ast_for_each_child(n, refers_to_parameter_visit, ctx);
}

static bool refers_to_parameter(Checker *ck, Node *e)
{
    (void)ck;
    bool found = false;
    refers_to_parameter_visit(e, &found);
    return found;
}

static bool instance_known_visit(Node *n, void *ctx)
{
    bool *found = ctx;
    if ((n->kind == N_NAME && n->ref && n->ref->kind == N_PARAM && n->ref->dir == DIR_NONE) ||
        (n->kind == N_CALL && n->expr && n->expr->kind == N_TYPE_EXPR))
        *found = true;
    return !*found && ast_for_each_child(n, instance_known_visit, ctx);
}

/* Instantiations and constructor parameters are compile-time known
 * without a folded value: default values may use them. */
static bool instance_known(Node *e)
{
    bool found = false;
    instance_known_visit(e, &found);
    return found;
}

static void declare_type_params(Checker *ck, NodeList *type_params)
{
    for (int i = 0; i < type_params->len; i++) {
        Node *tp = type_params->items[i];
        for (int j = 0; j < i; j++)
            if (strcmp(type_params->items[j]->name, tp->name) == 0)
                ERROR_AT(ck, tp, "type parameter '%s' is declared twice", tp->name);
        decl_type(ck, tp);
        env_declare(ck, tp->name, tp);
    }
}

static bool has_annotation(const Node *decl, const char *name)
{
    for (int i = 0; i < decl->annotations.len; i++)
        if (strcmp(decl->annotations.items[i]->name, name) == 0)
            return true;
    return false;
}

void check_param_list(Checker *ck, NodeList *params, bool declare)
{
    for (int i = 0; i < params->len; i++) {
        Node *p = params->items[i];
        check_annotations(ck, &p->annotations);
        for (int j = 0; j < i; j++)
            if (strcmp(params->items[j]->name, p->name) == 0) {
                ERROR_AT(ck, p, "parameter '%s' is declared twice", p->name);
                diag_note(ck->diag, params->items[j]->loc, "the first one is here");
            }
        if (!p->ty)
            p->ty = resolve_type(ck, p->type);
        if (p->ty->kind == T_DONTCARE)
            ERROR_AT(ck, p->type, "a parameter cannot have type '_'");
        if (p->expr && has_annotation(p, "optional"))
            /* Spec "Optional parameters". */
            ERROR_AT(ck, p->expr, "an @optional parameter cannot have a default value");
        else if (p->expr) {
            Type *t = check_expr(ck, p->expr, p->ty);
            if (!is_unknown(t) && check_assignable(ck, p->expr, t, p->ty, "default value") &&
                !const_eval(ck, p->expr) && !instance_known(p->expr))
                ERROR_AT(ck, p->expr, "the default value of parameter '%s' must be compile-time "
                                      "known", p->name);
            if (p->dir == DIR_OUT || p->dir == DIR_INOUT)
                ERROR_AT(ck, p->expr, "an %s parameter cannot have a default value",
                         p->dir == DIR_OUT ? "out" : "inout");
        }
        if (declare)
            env_declare(ck, p->name, p);
    }
}

/* What a parameter list belongs to: which parameter types it may have. */
typedef enum ParamsOf {
    PARAMS_APPLY,        /* parser or control apply parameters */
    PARAMS_CTOR,         /* constructor parameters of a parser or control */
    PARAMS_PACKAGE,      /* constructor parameters of a package */
    PARAMS_EXTERN_CTOR,  /* constructor parameters of an extern */
    PARAMS_ACTION,
    PARAMS_FUNCTION,     /* declared functions */
    PARAMS_EXTERN_FUNCTION, /* extern functions and methods */
} ParamsOf;


/* The spec's rules on what parameters can be ("Parameterization",
 * "Calling convention"): only the constructor parameters of parsers,
 * controls and packages can be parsers or controls, extern objects and
 * strings are directionless, actions take no extern objects, and
 * @optional is for extern functions and methods. */
static void check_param_kind(Checker *ck, Node *p, ParamsOf of)
{
    Type *t = p->ty;
    Node *named = p->type->kind == N_TYPE_SPECIALIZED ? p->type->type : p->type;
    bool modules_ok = of == PARAMS_CTOR || of == PARAMS_PACKAGE;
    if (has_annotation(p, "optional") &&
        (of == PARAMS_CTOR || of == PARAMS_ACTION || of == PARAMS_FUNCTION))
        ERROR_AT(ck, p, "parameter '%s' cannot be @optional: only parameters of packages, "
                        "parser and control types and externs can", p->name);
    else if (modules_ok && p->dir != DIR_NONE)
        /* Spec "Parameterization": they are evaluated at compile time. */
        ERROR_AT(ck, p, "constructor parameters have no direction");
    else if (is_unknown(t))
        return;
    else if (named->ref && (named->ref->kind == N_PARSER || named->ref->kind == N_CONTROL)) {
        ERROR_AT(ck, p->type, "'%s' is a %s, not a type; a parameter cannot have its type",
                 named->ref->name, named->ref->kind == N_PARSER ? "parser" : "control");
        diag_note(ck->diag, named->ref->loc, "'%s' is declared here", named->ref->name);
    } else if (p->dir != DIR_NONE && (t->kind == T_EXTERN || t->kind == T_STRING))
        ERROR_AT(ck, p, "a parameter of type '%s' cannot have a direction", TYPE_NAME(ck, t));
    else if ((t->kind == T_PARSER || t->kind == T_CONTROL) && (!modules_ok || p->dir != DIR_NONE))
        ERROR_AT(ck, p->type, "parameter '%s' cannot have %s type '%s': only directionless "
                              "constructor parameters of parsers, controls and packages can",
                 p->name, t->kind == T_PARSER ? "parser" : "control", TYPE_NAME(ck, t));
    else if (t->kind == T_PACKAGE && of != PARAMS_PACKAGE)
        ERROR_AT(ck, p->type, "only packages can have parameters of package type '%s'",
                 TYPE_NAME(ck, t));
    else if (of == PARAMS_ACTION && t->kind == T_EXTERN)
        ERROR_AT(ck, p->type, "an action parameter cannot have extern type '%s'",
                 TYPE_NAME(ck, t));
    else if (of == PARAMS_ACTION && t->kind == T_INT)
        ERROR_AT(ck, p->type, "an action parameter cannot have type 'int': its value may come "
                              "from the control plane, which needs a width");
    else if (t->kind == T_INT && p->dir != DIR_NONE &&
             (of == PARAMS_APPLY || of == PARAMS_FUNCTION))
        /* Spec "Arbitrary-precision integers": int values are compile-time
         * known, so only directionless parameters can take them. */
        ERROR_AT(ck, p, "parameter '%s' of type 'int' cannot have a direction", p->name);
}

static void check_param_kinds(Checker *ck, NodeList *params, ParamsOf of)
{
    for (int i = 0; i < params->len; i++)
        check_param_kind(ck, params->items[i], of);
}

/* ---- types ---- */

static bool check_not_self(Checker *ck, Node *type_ref, const Type *t, const Node *decl)
{
    if (!type_refers_to(t, decl))
        return true;
    ERROR_AT(ck, type_ref, "type '%s' cannot refer to itself", decl->name);
    diag_note(ck->diag, decl->loc, "'%s' is declared here", decl->name);
    return false;
}

static void check_struct_like(Checker *ck, Node *decl)
{
    env_declare(ck, decl->name, decl);
    env_push(ck);
    declare_type_params(ck, &decl->type_params);
    Type *t = make_struct_type(ck, decl, NULL);
    int varbits = 0;
    (void)varbits;
    for (int i = 0; i < decl->items.len; i++) {
        Node *f = decl->items.items[i];
        check_annotations(ck, &f->annotations);
        check_length_annotation(ck, decl, i);
        for (int j = 0; j < i; j++)
            if (strcmp(decl->items.items[j]->name, f->name) == 0) {
                ERROR_AT(ck, f, "field '%s' is declared twice", f->name);
                diag_note(ck->diag, decl->items.items[j]->loc, "the first one is here");
            }
        Type *ft = t->fields[i].type;
        if (is_unknown(ft))
            continue;
        if (!check_not_self(ck, f->type, ft, decl)) {
            /* Cut the cycle, or every later walk of the type recurses forever. */
            t->fields[i].type = type_unknown();
            continue;
        }
        check_field_type(ck, decl, ft, f->type);
        varbits += ft->kind == T_VARBIT;
    }
    env_pop(ck);
}

/* Spec "Enumeration types": a member's value must be representable in
 * the underlying type, not wrap around into it. */
static void check_member_range(Checker *ck, Node *m, const Type *base)
{
    mpz_t v, w;
    mpz_inits(v, w, NULL);
    if (base->kind == T_BITS && const_int(ck, m->expr, v)) {
        mpz_set(w, v);
        wrap_to_type(w, base);
        if (mpz_cmp(v, w) != 0)
            ERROR_AT(ck, m->expr, "the value of '%s' does not fit in '%s'", m->name,
                     TYPE_NAME(ck, base));
    }
    mpz_clears(v, w, NULL);
}

static void check_enum(Checker *ck, Node *decl)
{
    env_declare(ck, decl->name, decl);
    Type *t = decl_type(ck, decl);
    env_push(ck);   /* later member values may name earlier members */
    if (t->kind == T_SERENUM && !is_unknown(t->base) && t->base->kind != T_BITS) {
        ERROR_AT(ck, decl->type, "the type of a serializable enum must be bit<W> or int<W>, "
                                 "not '%s'", TYPE_NAME(ck, t->base));
        t->base = type_unknown();
    }
    for (int i = 0; i < decl->items.len; i++) {
        Node *m = decl->items.items[i];
        m->ty = t;
        bool twice = false;
        for (int j = 0; j < i && !twice; j++)
            twice = strcmp(decl->items.items[j]->name, m->name) == 0;
        if (twice)
            ERROR_AT(ck, m, "enum member '%s' is declared twice", m->name);
        if (!m->expr)
            continue;
        Type *vt = check_expr(ck, m->expr, t->base);
        if (vt->kind == T_SERENUM && vt->decl == decl)
            vt = t->base;
        if (is_unknown(vt) || is_unknown(t->base))
            continue;
        if (!const_eval(ck, m->expr)) {
            ERROR_AT(ck, m->expr, "the value of an enum member must be compile-time known");
        } else {
            no_wrap_warning(ck, m->expr);   /* check_member_range's error says it */
            if (check_assignable(ck, m->expr, vt, t->base, "enum member"))
                check_member_range(ck, m, t->base);
        }
        if (t->kind == T_SERENUM && !twice)
            env_declare(ck, m->name, m);
    }
    env_pop(ck);
}

static void check_member_list(Checker *ck, Node *decl, Env *env, Type *type)
{
    Env *saved = ck->env;
    ck->env = env;
    for (int i = 0; i < decl->items.len; i++) {
        Node *m = decl->items.items[i];
        m->ty = type;
        if (env_lookup_local(env, m->name) && decl->kind == N_ERROR_DECL) {
            ERROR_AT(ck, m, "error '%s' is declared twice", m->name);
            continue;
        }
        if (env_lookup_local(env, m->name) && decl->kind == N_MATCH_KIND_DECL) {
            ERROR_AT(ck, m, "match kind '%s' is declared twice", m->name);
            continue;
        }
        env_declare(ck, m->name, m);
    }
    ck->env = saved;
}

/* ---- externs and callables ---- */

/* Spec appendix "Restrictions on compile time and run time calls": calls
 * return values, or extern objects (p4c's factories), never parsers,
 * controls or packages. */
static bool returnable(const Type *t)
{
    return t->kind != T_PARSER && t->kind != T_CONTROL && t->kind != T_PACKAGE;
}

static void check_method(Checker *ck, Node *ext, Node *m)
{
    env_push(ck);
    if (m->kind == N_CONSTRUCTOR) {
        if (strcmp(m->name, ext->name) != 0)
            ERROR_AT(ck, m, "a constructor of '%s' must be named '%s'", ext->name, ext->name);
        check_param_list(ck, &m->params, true);
        check_param_kinds(ck, &m->params, PARAMS_EXTERN_CTOR);
        for (int i = 0; i < m->params.len; i++)
            if (m->params.items[i]->dir != DIR_NONE)
                ERROR_AT(ck, m->params.items[i], "constructor parameters have no direction");
        m->ty = callable_type(ck, T_FUNCTION, m, &m->params, NULL);
    } else {
        declare_type_params(ck, &m->type_params);
        Type *ret = resolve_type(ck, m->type);
        if (ret->kind == T_INT || ret->kind == T_STRING || !returnable(ret))
            ERROR_AT(ck, m->type, "a method cannot return '%s'", TYPE_NAME(ck, ret));
        check_param_list(ck, &m->params, true);
        check_param_kinds(ck, &m->params, PARAMS_EXTERN_FUNCTION);
        m->ty = callable_type(ck, T_FUNCTION, m, &m->params, ret);
        if (strcmp(m->name, ext->name) == 0)
            ERROR_AT(ck, m, "a method cannot have the name of its extern; constructors have "
                            "no return type");
        else if (m->type)
            check_not_self(ck, m->type, ret, ext);
    }
    for (int i = 0; i < m->params.len; i++) {
        Node *p = m->params.items[i];
        if (!check_not_self(ck, p->type, p->ty, ext))
            break;
    }
    env_pop(ck);
}

static void check_extern(Checker *ck, Node *decl)
{
    env_declare(ck, decl->name, decl);
    env_push(ck);
    declare_type_params(ck, &decl->type_params);
    decl_type(ck, decl);
    Node *saved = ck->extern_decl;
    ck->extern_decl = decl;
    for (int i = 0; i < decl->items.len; i++) {
        Node *m = decl->items.items[i];
        check_method(ck, decl, m);
        for (int j = 0; j < i; j++) {
            Node *o = decl->items.items[j];
            if (o->kind == m->kind && strcmp(o->name, m->name) == 0 &&
                o->params.len == m->params.len) {
                bool same_names = true;
                for (int k = 0; k < m->params.len && same_names; k++)
                    same_names = strcmp(o->params.items[k]->name, m->params.items[k]->name) == 0;
                if (same_names && m->kind == N_CONSTRUCTOR)
                    ERROR_AT(ck, m, "constructor of '%s' with these parameters is declared twice",
                             decl->name);
            }
            if (o->kind == N_METHOD && m->kind == N_METHOD && strcmp(o->name, m->name) == 0 &&
                (o->is_abstract || m->is_abstract)) {
                /* Spec "Extern objects": an implementation is matched to its
                 * abstract method by name alone. */
                ERROR_AT(ck, m, "abstract method '%s' of '%s' cannot be overloaded", m->name,
                         decl->name);
                break;
            }
        }
    }
    ck->extern_decl = saved;
    env_pop(ck);
}

static void check_function_like(Checker *ck, Node *decl)
{
    env_push(ck);
    declare_type_params(ck, &decl->type_params);
    Type *ret = resolve_type(ck, decl->type);
    if (!returnable(ret))
        ERROR_AT(ck, decl->type, "a function cannot return '%s'", TYPE_NAME(ck, ret));
    check_param_list(ck, &decl->params, true);
    check_param_kinds(ck, &decl->params,
                      decl->kind == N_FUNCTION ? PARAMS_FUNCTION : PARAMS_EXTERN_FUNCTION);
    decl->ty = callable_type(ck, T_FUNCTION, decl, &decl->params, ret);
    env_pop(ck);
    env_declare(ck, decl->name, decl);
    if (decl->kind != N_FUNCTION)
        return;
    /* The body sees the parameters in a scope of its own. */
    env_push(ck);
    declare_type_params(ck, &decl->type_params);
    for (int i = 0; i < decl->params.len; i++)
        env_declare(ck, decl->params.items[i]->name, decl->params.items[i]);
    Node *saved_fn = ck->function, *saved_parser = ck->parser, *saved_control = ck->control;
    Type *saved_ret = ck->return_type;
    ck->function = decl;
    ck->parser = ck->control = NULL;
    ck->return_type = ret;
    check_statement(ck, decl->body);
    if (!is_unknown(ret) && ret->kind != T_VOID && !always_returns(decl->body))
        ERROR_AT(ck, decl, "function '%s' does not return a value on all paths", decl->name);
    ck->function = saved_fn;
    ck->parser = saved_parser;
    ck->control = saved_control;
    ck->return_type = saved_ret;
    env_pop(ck);
}

static void check_action(Checker *ck, Node *decl)
{
    env_declare(ck, decl->name, decl);
    env_push(ck);
    check_param_list(ck, &decl->params, true);
    check_param_kinds(ck, &decl->params, PARAMS_ACTION);
    bool seen_directionless = false;
    for (int i = 0; i < decl->params.len; i++) {
        Node *p = decl->params.items[i];
        if (p->dir == DIR_NONE)
            seen_directionless = true;
        else if (seen_directionless)
            ERROR_AT(ck, p, "parameters with a direction must come before directionless ones");
    }
    decl->ty = callable_type(ck, T_ACTION, decl, &decl->params, type_simple(T_VOID));
    Node *saved = ck->action;
    Type *saved_ret = ck->return_type;
    ck->action = decl;
    ck->return_type = type_simple(T_VOID);
    check_statement(ck, decl->body);
    ck->action = saved;
    ck->return_type = saved_ret;
    env_pop(ck);
}

/* ---- parsers ---- */

/* Spec "Select expressions": keys are bit<W>, int<W>, bool, enums and
 * errors, or tuples of these; structs and headers are not. */
static bool select_type_ok(const Type *t)
{
    switch (t->kind) {
    case T_TUPLE: case T_LIST_EXPR:
        for (int i = 0; i < t->args.len; i++)
            if (!select_type_ok(t->args.items[i]))
                return false;
        return true;
    case T_NEWTYPE:
        return t->base && select_type_ok(t->base);
    case T_BITS: case T_INT: case T_BOOL: case T_ENUM: case T_SERENUM:
    case T_ERROR: case T_UNKNOWN: case T_DONTCARE: case T_TYPEVAR:
        return true;
    default:
        return false;
    }
}

static Type *check_select_key(Checker *ck, Node *e)
{
    Type *t = check_expr(ck, e, NULL);
    if (!select_type_ok(t)) {
        ERROR_AT(ck, e, "a select expression cannot have type '%s'", TYPE_NAME(ck, t));
        return type_unknown();
    }
    return t;
}

/* A call in a select keyset (p4c allows only built-in methods such as
 * isValid() there: the keysets are evaluated without side effects). */
static bool find_call_visit(Node *n, void *ctx)
{
    Node **found = ctx;
    if (n->kind == N_CALL && !(n->expr->kind == N_MEMBER && n->expr->expr->ty &&
                               (type_is_header_like(n->expr->expr->ty) ||
                                n->expr->expr->kind == N_TYPE_EXPR)))
        *found = n;
    return !*found && ast_for_each_child(n, find_call_visit, ctx);
}

/* What p4c requires of select keysets: no calls, and compile-time known
 * range bounds (targets match ranges with constants). */
static void check_select_keyset(Checker *ck, Node *k)
{
    switch (k->kind) {
    case N_DEFAULT: case N_DONTCARE:
        return;
    case N_TUPLE_KEYSET: case N_LIST_EXPR:
        for (int i = 0; i < k->items.len; i++)
            check_select_keyset(ck, k->items.items[i]);
        return;
    case N_RANGE:
        for (Node *b = k->lhs; b; b = b == k->lhs ? k->rhs : NULL)
            if (!is_unknown(b->ty) && !const_eval(ck, b) &&
                !(b->kind == N_NAME && b->ref && b->ref->kind == N_PARAM &&
                  b->ref->dir == DIR_NONE)) {
                ERROR_AT(ck, b, "the bounds of a range in a select must be compile-time known");
                return;
            }
        return;
    default: {
        Node *call = NULL;
        find_call_visit(k, &call);
        if (call)
            ERROR_AT(ck, call, "a select keyset cannot call functions or methods");
        return;
    }
    }
}

/* A select on a compile-time known key is decided at compile time, so its
 * keysets must be known too (p4c folds such selects). */
static void check_known_keyset(Checker *ck, Node *k)
{
    switch (k->kind) {
    case N_DEFAULT: case N_DONTCARE:
        return;
    case N_TUPLE_KEYSET: case N_LIST_EXPR:
        for (int i = 0; i < k->items.len; i++)
            check_known_keyset(ck, k->items.items[i]);
        return;
    case N_MASK: case N_RANGE:
        check_known_keyset(ck, k->lhs);
        check_known_keyset(ck, k->rhs);
        return;
    default:
        if (!is_unknown(k->ty) && !const_eval(ck, k) && !(k->ty && k->ty->kind == T_SET))
            ERROR_AT(ck, k, "the select key is compile-time known, so this keyset must be "
                            "compile-time known too");
        return;
    }
}

static void check_transition(Checker *ck, Node *state)
{
    Node *t = state->body;
    if (!t)
        return;
    if (t->expr->kind == N_NAME) {
        Binding *b = env_lookup(ck->env, t->expr->name);
        if (!b || b->decl->kind != N_STATE) {
            ERROR_AT(ck, t->expr, "'%s' is not a state", t->expr->name);
            return;
        }
        t->expr->ref = b->decl;
        return;
    }
    Node *sel = t->expr;
    for (int i = 0; i + 1 < sel->args.len; i++)
        if (sel->args.items[i]->kind == N_DOTS) {
            ERROR_AT(ck, sel->args.items[i], "'...' must be the last element");
            return;
        }
    Type *key;
    if (sel->args.len == 1) {
        key = check_select_key(ck, sel->args.items[0]);
    } else {
        key = type_new(ck->arena, T_TUPLE);
        key->args.len = sel->args.len;
        key->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(sel->args.len + 1));
        for (int i = 0; i < sel->args.len; i++)
            key->args.items[i] = check_select_key(ck, sel->args.items[i]);
    }
    sel->ty = key;
    bool known_key = true;
    for (int i = 0; i < sel->args.len; i++)
        known_key = known_key && const_eval(ck, sel->args.items[i]);
    for (int i = 0; i < sel->items.len; i++) {
        Node *c = sel->items.items[i];
        check_keyset(ck, c->expr, is_unknown(key) ? NULL : key);
        check_select_keyset(ck, c->expr);
        if (known_key)
            check_known_keyset(ck, c->expr);
        Binding *b = env_lookup(ck->env, c->name);
        if (!b || b->decl->kind != N_STATE)
            ERROR_AT(ck, c, "'%s' is not a state", c->name);
        else
            c->ref = b->decl;
    }
}

static Node *builtin_state(Checker *ck, const char *name, SrcRange loc)
{
    Node *s = ast_new(ck->arena, N_STATE, loc);
    s->name = name;
    return s;
}

/* Marks the states reachable from S in SEEN (indexed as DECL's items);
 * true when one of them ends the parser: accept, reject, or reject by
 * default (no transition, or a select no case may match). */
static bool reaches_end(Node *decl, Node *s, bool *seen)
{
    int i = 0;
    while (i < decl->items.len && decl->items.items[i] != s)
        i++;
    if (i == decl->items.len)
        return s && (strcmp(s->name, "accept") == 0 || strcmp(s->name, "reject") == 0);
    if (seen[i])
        return false;
    seen[i] = true;
    Node *t = s->body;
    if (!t || t->expr->kind != N_NAME)
        return true;
    return !t->expr->ref || reaches_end(decl, t->expr->ref, seen);
}

static void check_parser_ends(Checker *ck, Node *decl)
{
    Node *start = NULL;
    for (int i = 0; i < decl->items.len; i++)
        if (strcmp(decl->items.items[i]->name, "start") == 0)
            start = decl->items.items[i];
    bool *seen = arena_alloc(ck->arena, sizeof(bool) * (size_t)(decl->items.len + 1));
    if (start && !reaches_end(decl, start, seen))
        ERROR_AT(ck, decl, "parser '%s' never reaches the accept or reject state: its states "
                           "from 'start' on form a loop", decl->name);
}

/* Parsers and controls: declare the name, open the scope of the type
 * parameters and check the apply and constructor parameters. */
static void open_block_declaration(Checker *ck, Node *decl)
{
    Node *type = decl->type;
    env_declare(ck, decl->name, decl);
    env_push(ck);
    declare_type_params(ck, &type->type_params);
    check_param_list(ck, &type->params, true);
    check_param_kinds(ck, &type->params, PARAMS_APPLY);
    check_param_list(ck, &decl->ctor_params, true);
    check_param_kinds(ck, &decl->ctor_params, PARAMS_CTOR);
    for (int i = 0; i < decl->ctor_params.len; i++) {
        /* Spec appendix on calls: controls do not call parsers, nor
         * parsers controls, so neither takes the other as a parameter. */
        Node *p = decl->ctor_params.items[i];
        TypeKind other = decl->kind == N_PARSER ? T_CONTROL : T_PARSER;
        if (p->ty && p->ty->kind == other)
            ERROR_AT(ck, p->type, "a %s cannot have a %s as a constructor parameter",
                     decl->kind == N_PARSER ? "parser" : "control",
                     other == T_PARSER ? "parser" : "control");
    }
    decl_type(ck, decl);
}

static void check_parser(Checker *ck, Node *decl)
{
    open_block_declaration(ck, decl);
    Node *saved = ck->parser;
    ck->parser = decl;
    env_push(ck);
    for (int i = 0; i < decl->locals.len; i++)
        check_declaration(ck, decl->locals.items[i]);
    /* States may be used before they are declared. */
    env_declare(ck, "accept", builtin_state(ck, "accept", decl->loc));
    env_declare(ck, "reject", builtin_state(ck, "reject", decl->loc));
    bool has_start = false;
    for (int i = 0; i < decl->items.len; i++) {
        Node *s = decl->items.items[i];
        if (strcmp(s->name, "accept") == 0 || strcmp(s->name, "reject") == 0) {
            ERROR_AT(ck, s, "state '%s' is built in and cannot be declared", s->name);
            continue;
        }
        has_start = has_start || strcmp(s->name, "start") == 0;
        env_declare(ck, s->name, s);
    }
    if (!has_start)
        ERROR_AT(ck, decl, "parser '%s' has no 'start' state", decl->name);
    ck->in_body = true;
    for (int i = 0; i < decl->items.len; i++) {
        Node *s = decl->items.items[i];
        env_push(ck);
        check_block_items(ck, &s->items);
        check_transition(ck, s);
        env_pop(ck);
    }
    ck->in_body = false;
    check_parser_ends(ck, decl);
    ck->parser = saved;
    env_pop(ck);
    env_pop(ck);
}

/* ---- tables ---- */

static bool has_name_annotation(const Node *el)
{
    for (int i = 0; i < el->annotations.len; i++)
        if (strcmp(el->annotations.items[i]->name, "name") == 0)
            return true;
    return false;
}

static bool find_table_apply_visit(Node *n, void *ctx)
{
    Node **found = ctx;
    if (n->kind == N_CALL && n->expr->kind == N_MEMBER && strcmp(n->expr->name, "apply") == 0 &&
        n->expr->expr->ty && n->expr->expr->ty->kind == T_TABLE)
        *found = n;
    return !*found && ast_for_each_child(n, find_table_apply_visit, ctx);
}

/* Spec "Actions": applying tables is forbidden in action arguments. */
static void check_no_table_apply(Checker *ck, Node *arg)
{
    Node *found = NULL;
    find_table_apply_visit(arg, &found);
    if (found)
        ERROR_AT(ck, found, "a table cannot be applied in an action argument");
}

/* An action named in `actions`, `default_action` or an entry: resolve it
 * and check the arguments it binds. With FULL, every parameter needs one. */
static Node *check_action_ref(Checker *ck, Node *name, NodeList *args, bool full, Node *at)
{
    Binding *b = name->is_absolute ? env_lookup_local(ck->global, name->name)
                                   : env_lookup(ck->env, name->name);
    if (!b) {
        ERROR_AT(ck, name, "'%s' is not declared", name->name);
        return NULL;
    }
    if (b->decl->kind != N_ACTION) {
        ERROR_AT(ck, name, "'%s' is not an action", name->name);
        return NULL;
    }
    Node *action = b->decl;
    name->ref = action;
    name->ty = action->ty;
    Type *t = action->ty;
    if (!t)
        return action;
    if (args->len > t->nparams) {
        ERROR_AT(ck, at, "too many arguments for action '%s'", action->name);
        return action;
    }
    for (int i = 0; i < args->len; i++) {
        Node *arg = args->items[i];
        Param *p = &t->params[i];
        if (arg->name && strcmp(arg->name, p->name) != 0) {
            ERROR_AT(ck, arg, "argument '%s' does not match parameter '%s' of action '%s'",
                     arg->name, p->name, action->name);
            continue;
        }
        if (!full && p->dir == DIR_NONE) {
            /* Spec "Actions" (table property): entries supply action data. */
            ERROR_AT(ck, arg, "the actions list cannot bind action data parameter '%s' of "
                              "action '%s'; entries and the default action give it",
                     p->name, action->name);
            continue;
        }
        Type *at_ = check_expr(ck, arg->expr, p->type);
        if (!is_unknown(at_))
            check_assignable(ck, arg->expr, at_, p->type, "action argument");
        check_no_table_apply(ck, arg->expr);
        if ((p->dir == DIR_OUT || p->dir == DIR_INOUT) && !is_lvalue(ck, arg->expr))
            ERROR_AT(ck, arg->expr, "argument for %s parameter '%s' must be an l-value",
                     p->dir == DIR_OUT ? "out" : "inout", p->name);
        /* Spec "The default_action": arguments for directionless
         * parameters are evaluated at compile time. */
        else if (full && p->dir == DIR_NONE && !is_unknown(at_) &&
                 arg->expr->kind != N_DOTS && !is_compile_time_known(ck, arg->expr))
            ERROR_AT(ck, arg->expr, "the argument for action data parameter '%s' must be "
                                    "compile-time known", p->name);
    }
    for (int i = args->len; i < t->nparams; i++) {
        if (t->params[i].dir != DIR_NONE) {
            ERROR_AT(ck, at, "action '%s' needs an argument for parameter '%s'", action->name,
                     t->params[i].name);
            break;
        }
        if (full) {
            ERROR_AT(ck, at, "action '%s' needs an argument for parameter '%s'", action->name,
                     t->params[i].name);
            break;
        }
    }
    return action;
}

static bool in_action_list(Node *actions, Node *action)
{
    if (!actions)
        return true;
    for (int i = 0; i < actions->items.len; i++)
        if (actions->items.items[i]->expr->ref == action)
            return true;
    return false;
}

/* A compile-time value or a path such as `hdr.h.f`: what bound arguments
 * are compared as (others, such as calls, are not compared). */
static bool comparable_argument(Checker *ck, Node *e)
{
    if (const_eval(ck, e) || e->kind == N_NAME)
        return true;
    if (e->kind == N_MEMBER)
        return comparable_argument(ck, e->expr);
    if (e->kind == N_INDEX)
        return comparable_argument(ck, e->expr) && comparable_argument(ck, e->lhs);
    if (e->kind == N_CALL) {
        for (int i = 0; i < e->args.len; i++)
            if (!comparable_argument(ck, e->args.items[i]->expr))
                return false;
        return comparable_argument(ck, e->expr);
    }
    if (e->kind == N_STRUCT_EXPR || e->kind == N_LIST_EXPR) {
        for (int i = 0; i < e->items.len; i++) {
            Node *x = e->items.items[i];
            if (!comparable_argument(ck, x->kind == N_KV ? x->expr : x))
                return false;
        }
        return !e->has_dots;
    }
    return false;
}

static bool same_argument(Checker *ck, Node *a, Node *b);

/* `{f = x, ...}`: the same fields with the same values, in any order. */
static bool same_struct_expr(Checker *ck, Node *a, Node *b)
{
    if (a->items.len != b->items.len)
        return false;
    for (int i = 0; i < a->items.len; i++) {
        Node *x = a->items.items[i], *y = NULL;
        for (int j = 0; j < b->items.len && !y; j++)
            if (strcmp(b->items.items[j]->name, x->name) == 0)
                y = b->items.items[j];
        if (!y || !same_argument(ck, x->expr, y->expr))
            return false;
    }
    return true;
}

static bool same_arguments(Checker *ck, NodeList *a, NodeList *b)
{
    if (a->len != b->len)
        return false;
    for (int i = 0; i < a->len; i++) {
        Node *x = a->items[i], *y = b->items[i];
        if (x->kind == N_ARG && y->kind == N_ARG) {
            if ((x->name || y->name) && (!x->name || !y->name || strcmp(x->name, y->name)))
                return false;
            x = x->expr;
            y = y->expr;
        }
        if (!same_argument(ck, x, y))
            return false;
    }
    return true;
}

/* Whether two action arguments denote the same value: the same
 * compile-time value or the same path. */
static bool same_argument(Checker *ck, Node *a, Node *b)
{
    ConstValue *x = const_eval(ck, a), *y = const_eval(ck, b);
    if (x || y)
        return x && y && x->kind == CV_INT && y->kind == CV_INT &&
               strcmp(x->digits, y->digits) == 0;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case N_NAME:
        return a->ref && a->ref == b->ref;
    case N_MEMBER:
        return strcmp(a->name, b->name) == 0 && same_argument(ck, a->expr, b->expr);
    case N_INDEX:
        return same_argument(ck, a->expr, b->expr) && same_argument(ck, a->lhs, b->lhs);
    case N_CALL:
        return same_argument(ck, a->expr, b->expr) && same_arguments(ck, &a->args, &b->args);
    case N_STRUCT_EXPR:
        return same_struct_expr(ck, a, b);
    case N_LIST_EXPR:
        return same_arguments(ck, &a->items, &b->items);
    default:
        return false;
    }
}

/* Spec "Actions": @defaultonly actions are only default actions, and
 * @tableonly actions never are. */
static void check_action_scope(Checker *ck, Node *actions, Node *action, Node *use,
                               bool as_default)
{
    const char *banned = as_default ? "tableonly" : "defaultonly";
    for (int i = 0; actions && i < actions->items.len; i++) {
        Node *listed = actions->items.items[i];
        if (listed->expr->ref != action || !has_annotation(listed, banned))
            continue;
        ERROR_AT(ck, use, "action '%s' is listed @%s, so it cannot be %s",
                 action->name, banned, as_default ? "the default action" : "an entry's action");
        diag_note(ck->diag, listed->loc, "it is listed here");
        return;
    }
}

/* Arguments an entry or default action gives for parameters the actions
 * list already binds must be those same arguments (p4c). */
static void check_bound_args(Checker *ck, Node *actions, Node *action, NodeList *args)
{
    for (int i = 0; actions && i < actions->items.len; i++) {
        Node *listed = actions->items.items[i];
        if (listed->expr->ref != action)
            continue;
        for (int j = 0; j < listed->args.len && j < args->len; j++) {
            Node *want = listed->args.items[j]->expr, *have = args->items[j]->expr;
            if (is_unknown(want->ty) || is_unknown(have->ty) || !comparable_argument(ck, want) ||
                !comparable_argument(ck, have) || same_argument(ck, want, have))
                continue;
            ERROR_AT(ck, have, "this argument differs from the one the actions list binds");
            diag_note(ck->diag, want->loc, "the actions list binds this argument");
            return;
        }
        return;
    }
}

static Type *table_key_type(Checker *ck, Node *key)
{
    if (!key)
        return NULL;
    if (key->items.len == 1)
        return key->items.items[0]->expr->ty;
    Type *t = type_new(ck->arena, T_TUPLE);
    t->args.len = key->items.len;
    t->args.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(key->items.len + 1));
    for (int i = 0; i < key->items.len; i++)
        t->args.items[i] = key->items.items[i]->expr->ty;
    return t;
}

/* Spec "Entry priorities": largest_priority_wins is a boolean,
 * priority_delta a positive integer, both compile-time known. */
static void check_priority_property(Checker *ck, Node *prop)
{
    bool is_bool = strcmp(prop->name, "largest_priority_wins") == 0;
    Type *t = check_expr(ck, prop->expr, is_bool ? type_simple(T_BOOL) : type_simple(T_INT));
    if (is_unknown(t))
        return;
    if (is_bool ? t->kind != T_BOOL : !type_is_integer(t)) {
        ERROR_AT(ck, prop->expr, "'%s' must be %s, not '%s'", prop->name,
                 is_bool ? "a bool" : "an integer", TYPE_NAME(ck, t));
        return;
    }
    ConstValue *v = const_eval(ck, prop->expr);
    if (!v)
        ERROR_AT(ck, prop->expr, "'%s' must be compile-time known", prop->name);
    else if (!is_bool && v->kind == CV_INT && (v->digits[0] == '-' || strcmp(v->digits, "0") == 0))
        ERROR_AT(ck, prop->expr, "'priority_delta' must be positive, not %s", v->digits);
}

static void check_entry_priority(Checker *ck, Node *entries, Node *e)
{
    Type *pt = check_expr(ck, e->lhs, type_simple(T_INT));
    if (is_unknown(pt))
        return;
    /* Spec "Entries": const entries are ordered by the program alone. */
    if (entries->is_const)
        ERROR_AT(ck, e->lhs, "entries of 'const entries' cannot have a priority; their order "
                             "is their priority");
    else if (!const_eval(ck, e->lhs))
        ERROR_AT(ck, e->lhs, "an entry priority must be compile-time known");
}

/* The part of entry E's keyset for key element I of KEY, or NULL. */
static Node *entry_component(Node *key, Node *e, int i)
{
    Node *ks = e->expr;
    if (ks->kind == N_TUPLE_KEYSET)
        return ks->items.len == key->items.len ? ks->items.items[i] : NULL;
    return key->items.len == 1 ? ks : NULL;
}

/* Spec "Match-kind types": an lpm mask is ones followed by zeros within
 * the key's width. */
static void check_lpm_mask(Checker *ck, Node *el, Node *c)
{
    const Type *t = el->expr->ty;
    int w = type_width_bits(t);
    mpz_t m, rest;
    if (c->kind != N_MASK || w <= 0 || is_unknown(c->rhs->ty))
        return;
    mpz_inits(m, rest, NULL);
    if (const_int(ck, c->rhs, m)) {
        mpz_fdiv_r_2exp(m, m, (mp_bitcnt_t)w);
        mpz_setbit(rest, (mp_bitcnt_t)w);
        mpz_sub_ui(rest, rest, 1);
        mpz_xor(rest, rest, m);          /* the zeros of the mask */
        mpz_add_ui(m, rest, 1);
        mpz_and(m, m, rest);
        if (mpz_sgn(m) != 0)
            ERROR_AT(ck, c->rhs, "the mask of an lpm key must be a prefix: ones followed by "
                                 "zeros");
    }
    mpz_clears(m, rest, NULL);
}

/* The value of entry E's key I, reduced to the key's type; false when it
 * is not a single compile-time integer. */
static bool entry_key_value(Checker *ck, Node *key, Node *e, int i, mpz_t out)
{
    Node *c = entry_component(key, e, i);
    const Type *t = key->items.items[i]->expr->ty;
    if (!c || c->kind == N_MASK || c->kind == N_RANGE || c->kind == N_DONTCARE ||
        c->kind == N_DEFAULT || !t || t->kind != T_BITS || !const_int(ck, c, out))
        return false;
    wrap_to_type(out, t);
    return true;
}

/* Entry E's key as text (each value reduced to its key's type, in hex,
 * ',' between them), or NULL when a part is not a single compile-time
 * integer. */
static const char *exact_key_text(Checker *ck, Node *key, Node *e)
{
    mpz_t v;
    mpz_init(v);
    const char *text = NULL;
    for (int i = 0; i < key->items.len; i++) {
        if (!entry_key_value(ck, key, e, i, v)) {
            text = NULL;
            break;
        }
        char *digits = arena_alloc(ck->arena, mpz_sizeinbase(v, 16) + 2);
        mpz_get_str(digits, 16, v);
        text = i ? arena_printf(ck->arena, "%s,%s", text, digits) : digits;
    }
    mpz_clear(v);
    return text;
}

typedef struct EntryKey {
    const char *text;
    int index;          /* the entry's position */
} EntryKey;

static int compare_entry_keys(const void *a, const void *b)
{
    const EntryKey *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Spec "Entry priorities": when all keys are exact, duplicate keys are
 * not allowed. Each entry is reported against the first with its key;
 * sorting the keys finds those in n log n (tables of thousands of
 * entries are generated programs' business). */
static void check_duplicate_entries(Checker *ck, Node *key, Node *entries)
{
    for (int i = 0; i < key->items.len; i++)
        if (strcmp(key->items.items[i]->name, "exact") != 0)
            return;
    int n = entries->items.len, nkeys = 0;
    EntryKey *keys = arena_alloc(ck->arena, sizeof *keys * (size_t)(n + 1));
    for (int k = 0; k < n; k++) {
        const char *text = exact_key_text(ck, key, entries->items.items[k]);
        if (text)
            keys[nkeys++] = (EntryKey){text, k};
    }
    qsort(keys, (size_t)nkeys, sizeof *keys, compare_entry_keys);
    int *first = arena_alloc(ck->arena, sizeof *first * (size_t)(n + 1));
    for (int k = 0; k < n; k++)
        first[k] = -1;
    for (int i = 1; i < nkeys; i++)
        if (strcmp(keys[i].text, keys[i - 1].text) == 0)
            first[keys[i].index] = first[keys[i - 1].index] >= 0 ? first[keys[i - 1].index]
                                                                 : keys[i - 1].index;
    for (int k = 0; k < n; k++)
        if (first[k] >= 0) {
            ERROR_AT(ck, entries->items.items[k]->expr, "this entry has the same key as an "
                                                        "earlier one");
            diag_note(ck->diag, entries->items.items[first[k]]->expr->loc, "the earlier entry");
        }
}

static void check_entry_keys(Checker *ck, Node *key, Node *entries)
{
    for (int k = 0; k < entries->items.len; k++)
        for (int i = 0; i < key->items.len; i++) {
            Node *el = key->items.items[i], *c = entry_component(key, entries->items.items[k], i);
            if (c && strcmp(el->name, "lpm") == 0)
                check_lpm_mask(ck, el, c);
        }
    check_duplicate_entries(ck, key, entries);
}

static void check_entries(Checker *ck, Node *table, Node *entries, Type *key_type, Node *actions)
{
    for (int k = 0; k < entries->items.len; k++) {
        Node *e = entries->items.items[k];
        if (e->lhs)
            check_entry_priority(ck, entries, e);
        check_keyset(ck, e->expr, key_type);
        Node *ref = e->body;
        Node *a = check_action_ref(ck, ref->expr, &ref->args, true, ref);
        if (a && !in_action_list(actions, a))
            ERROR_AT(ck, ref, "action '%s' is not in the actions of table '%s'", a->name,
                     table->name);
        else if (a) {
            check_bound_args(ck, actions, a, &ref->args);
            check_action_scope(ck, actions, a, ref, false);
        }
    }
}

static Node *table_prop(Node *table, const char *name)
{
    for (int i = 0; i < table->items.len; i++) {
        Node *p = table->items.items[i];
        if (p->kind == N_PROP_OTHER && strcmp(p->name, name) == 0)
            return p;
    }
    return NULL;
}

/* Spec "Entry priorities": with only exact and lpm keys there is no
 * reason for priorities, so giving one is an error. */
static bool priorities_allowed(Checker *ck, Node *table, Node *key, Node *e)
{
    for (int i = 0; i < key->items.len; i++) {
        const char *mk = key->items.items[i]->name;
        if (strcmp(mk, "exact") != 0 && strcmp(mk, "lpm") != 0)
            return true;
    }
    ERROR_AT(ck, e->lhs, "the keys of table '%s' are all exact or lpm, so its entries "
                         "cannot have priorities", table->name);
    return false;
}

/* The step between consecutive computed priorities: -priority_delta when
 * largest_priority_wins, else +priority_delta (spec "Entry priorities"). */
static void priority_step(Checker *ck, Node *table, mpz_t step)
{
    Node *delta = table_prop(table, "priority_delta");
    Node *largest = table_prop(table, "largest_priority_wins");
    ConstValue *lw = largest ? const_eval(ck, largest->expr) : NULL;
    if (!delta || !const_int(ck, delta->expr, step) || mpz_sgn(step) <= 0)
        mpz_set_ui(step, 1);
    if (!lw || lw->kind != CV_BOOL || lw->boolean)
        mpz_neg(step, step);
}

/* Spec "Entry priorities": once any entry has a priority, the first one
 * must, and the priorities computed for the others must not be negative. */
static void check_entry_priorities(Checker *ck, Node *table, Node *key, Node *entries)
{
    Node *given = NULL;
    for (int k = 0; k < entries->items.len && !given; k++)
        if (entries->items.items[k]->lhs)
            given = entries->items.items[k];
    if (!given || entries->is_const || !priorities_allowed(ck, table, key, given))
        return;
    Node *first = entries->items.items[0];
    if (!first->lhs) {
        ERROR_AT(ck, first->expr, "this entry must have a priority, since others of table "
                                  "'%s' have one", table->name);
        return;
    }
    mpz_t p, step;
    mpz_inits(p, step, NULL);
    priority_step(ck, table, step);
    for (int k = 0; k < entries->items.len; k++) {
        Node *e = entries->items.items[k];
        if (e->lhs && !const_int(ck, e->lhs, p))
            break;
        if (!e->lhs)
            mpz_add(p, p, step);
        if (mpz_sgn(p) < 0) {
            char v[80] = "too small";
            if (mpz_sizeinbase(p, 10) < sizeof v - 2)
                mpz_get_str(v, 10, p);
            ERROR_AT(ck, e->lhs ? e->lhs : e->expr, "the priority of this entry is negative (%s)",
                     v);
            break;
        }
    }
    mpz_clears(p, step, NULL);
}

/* Spec "Tables": without a default_action property the default action is
 * NoAction (from core.p4), which must then be an action. */
static void check_implicit_default(Checker *ck, Node *table)
{
    Binding *b = env_lookup(ck->global, "NoAction");
    if (!b)
        ERROR_AT(ck, table, "table '%s' has no default_action, and 'NoAction' is not "
                            "declared; did you include core.p4?", table->name);
    else if (b->decl->kind != N_ACTION || b->decl->params.len) {
        ERROR_AT(ck, table, "table '%s' has no default_action, so its default action is "
                            "'NoAction', but that is not an action without parameters; did you "
                            "include core.p4?", table->name);
        diag_note(ck->diag, b->decl->loc, "'NoAction' is declared here");
    }
}

/* The entries and the default action name actions of the list, which p4c
 * checks them against as it meets them: the list must come first. */
static bool actions_before(Checker *ck, Node *table, Node *prop, Node *actions, bool after)
{
    if (!actions || !after)
        return true;
    ERROR_AT(ck, prop, "the %s of table '%s' must come after its actions",
             prop->kind == N_PROP_ENTRIES ? "entries" : "default_action", table->name);
    diag_note(ck->diag, actions->loc, "the actions are here");
    return false;
}

static void check_table(Checker *ck, Node *decl)
{
    env_declare(ck, decl->name, decl);
    Type *tt = type_new(ck->arena, T_TABLE);
    tt->decl = decl;
    tt->name = decl->name;
    decl->ty = tt;
    Node *saved = ck->table;
    ck->table = decl;
    Node *key = NULL, *actions = NULL;
    int key_index = -1, actions_index = -1;
    for (int i = 0; i < decl->items.len; i++) {
        Node *p = decl->items.items[i];
        for (int j = 0; j < i; j++) {
            Node *q = decl->items.items[j];
            bool same = p->kind == q->kind && (p->kind != N_PROP_OTHER ||
                                               strcmp(p->name, q->name) == 0);
            if (same) {
                ERROR_AT(ck, p, "table property is given twice");
                break;
            }
        }
        switch (p->kind) {
        case N_PROP_KEY:
            key = p;
            key_index = i;
            for (int k = 0; k < p->items.len; k++) {
                Node *el = p->items.items[k];
                Type *t = check_expr(ck, el->expr, NULL);
                if (!is_unknown(t) && (t->kind == T_EXTERN || t->kind == T_VOID ||
                                       t->kind == T_TABLE || t->kind == T_STRUCT_EXPR ||
                                       t->kind == T_LIST_EXPR || t->kind == T_STRING))
                    ERROR_AT(ck, el->expr, "a table key cannot have type '%s'", TYPE_NAME(ck, t));
                else if (!is_unknown(t) && !has_name_annotation(el) &&
                         !key_control_plane_name(ck->arena, el))
                    /* Spec "Keys" (control-plane names): what the compiler
                     * cannot name needs @name. */
                    ERROR_AT(ck, el->expr, "this key needs a @name annotation: its control-plane "
                                           "name is derived only from names, fields, constants, "
                                           "indexes, slices, '&' and isValid()");
                Binding *mk = env_lookup(ck->env, el->name);
                if (!mk || mk->decl->kind != N_ENUM_MEMBER ||
                    !mk->decl->ty || mk->decl->ty->kind != T_MATCH_KIND)
                    ERROR_AT(ck, el, "'%s' is not a match kind", el->name);
                else
                    el->ref = mk->decl;
            }
            break;
        case N_PROP_ACTIONS:
            actions = p;
            actions_index = i;
            for (int k = 0; k < p->items.len; k++) {
                Node *ref = p->items.items[k];
                Node *a = check_action_ref(ck, ref->expr, &ref->args, false, ref);
                for (int j = 0; a && j < k; j++) {
                    Node *other = p->items.items[j]->expr->ref;
                    if (other == a)
                        ERROR_AT(ck, ref, "action '%s' is listed twice", a->name);
                    else if (other && strcmp(other->name, a->name) == 0)
                        /* Spec "Actions" (table): `{ a; .a; }` is illegal. */
                        ERROR_AT(ck, ref, "table '%s' lists two actions named '%s'",
                                 decl->name, a->name);
                }
            }
            break;
        default:
            break;
        }
    }
    Type *key_type = table_key_type(ck, key);
    for (int i = 0; i < decl->items.len; i++) {
        Node *p = decl->items.items[i];
        if (p->kind == N_PROP_ENTRIES) {
            if ((!key || key->items.len == 0) && p->items.len > 0) {
                ERROR_AT(ck, p, "table '%s' has no key, so it cannot have entries", decl->name);
                continue;
            }
            if (!key)
                continue;
            if (key_index > i) {
                ERROR_AT(ck, p, "the entries of table '%s' must come after its key", decl->name);
                diag_note(ck->diag, key->loc, "the key is here");
                continue;
            }
            if (!actions_before(ck, decl, p, actions, actions_index > i))
                continue;
            check_entries(ck, decl, p, key_type, actions);
            check_entry_keys(ck, key, p);
        } else if (p->kind == N_PROP_OTHER) {
            if (strcmp(p->name, "default_action") == 0) {
                Node *v = p->expr;
                if (!actions_before(ck, decl, p, actions, actions_index > i))
                    continue;
                NodeList none = {0};
                Node *name = v->kind == N_CALL ? v->expr : v;
                if (name->kind != N_NAME) {
                    ERROR_AT(ck, v, "default_action must name an action");
                    continue;
                }
                Node *a = check_action_ref(ck, name, v->kind == N_CALL ? &v->args : &none, true, v);
                if (a && !in_action_list(actions, a))
                    ERROR_AT(ck, v, "default action '%s' is not in the actions of table '%s'",
                             a->name, decl->name);
                else if (a && v->kind == N_CALL)
                    check_bound_args(ck, actions, a, &v->args);
                if (a)
                    check_action_scope(ck, actions, a, v, true);
                v->ty = type_simple(T_VOID);
            } else if (strcmp(p->name, "size") == 0) {
                Type *t = check_expr(ck, p->expr, type_simple(T_INT));
                long n;
                if (!is_unknown(t) && !refers_to_parameter(ck, p->expr) &&
                    const_small_int(ck, p->expr, "a table size", &n) && n < 0)
                    ERROR_AT(ck, p->expr, "a table size must not be negative");
            } else if (strcmp(p->name, "largest_priority_wins") == 0 ||
                       strcmp(p->name, "priority_delta") == 0) {
                check_priority_property(ck, p);
            } else {
                check_expr(ck, p->expr, NULL);
            }
        }
    }
    if (!table_prop(decl, "default_action"))
        check_implicit_default(ck, decl);
    for (int i = 0; key && key_index >= 0 && i < decl->items.len; i++)
        if (decl->items.items[i]->kind == N_PROP_ENTRIES && key_index < i)
            check_entry_priorities(ck, decl, key, decl->items.items[i]);
    if (!actions)
        ERROR_AT(ck, decl, "table '%s' has no actions property", decl->name);
    ck->table = saved;
}

/* ---- controls ---- */

static void check_control(Checker *ck, Node *decl)
{
    open_block_declaration(ck, decl);
    Node *saved = ck->control;
    ck->control = decl;
    env_push(ck);
    for (int i = 0; i < decl->locals.len; i++)
        check_declaration(ck, decl->locals.items[i]);
    Type *saved_ret = ck->return_type;
    ck->return_type = type_simple(T_VOID);
    ck->in_body = true;
    check_statement(ck, decl->body);
    ck->in_body = false;
    ck->return_type = saved_ret;
    ck->control = saved;
    env_pop(ck);
    env_pop(ck);
}

/* ---- instances ---- */

/* `E() e[2][3]`: the object type wrapped as the declarator's dimensions say. */
static Type *instance_array_type(Checker *ck, Node *type_ref, Type *elem)
{
    if (type_ref->kind != N_TYPE_STACK)
        return elem;
    Type *inner = instance_array_type(ck, type_ref->type, elem);
    Type *arr = type_new(ck->arena, T_STACK);
    arr->base = inner;
    long n;
    arr->size = const_small_int(ck, type_ref->expr, "an array size", &n) ? (int)n : -1;
    return arr;
}

static Node *extern_method(Node *ext, const char *name)
{
    for (int i = 0; i < ext->items.len; i++) {
        Node *m = ext->items.items[i];
        if (m->kind == N_METHOD && strcmp(m->name, name) == 0)
            return m;
    }
    return NULL;
}

static const char *direction_words(Direction dir)
{
    switch (dir) {
    case DIR_IN: return "an in parameter";
    case DIR_OUT: return "an out parameter";
    case DIR_INOUT: return "an inout parameter";
    default: return "directionless";
    }
}

/* IMPL, from an instance initializer, against the abstract method M with
 * the instance's type arguments in SUBST. */
static void check_method_impl(Checker *ck, Node *impl, Node *m, const TypeSubst *subst)
{
    Type *want = m->ty, *have = impl->ty;
    if (!want || !have || m->type_params.len || impl->type_params.len)
        return;
    Type *ret = subst_apply(ck, subst, want->ret);
    if (!is_unknown(ret) && !is_unknown(have->ret) && !type_equal(ret, have->ret)) {
        ERROR_AT(ck, impl->type, "'%s' must return '%s', as its abstract method does",
                 impl->name, TYPE_NAME(ck, ret));
        diag_note(ck->diag, m->loc, "the abstract method is declared here");
        return;
    }
    /* Trailing @optional parameters may be left out. */
    int need = want->nparams;
    while (need > have->nparams && want->params[need - 1].is_optional)
        need--;
    if (need != have->nparams) {
        ERROR_AT(ck, impl, "'%s' must take %d parameter%s, as its abstract method does",
                 impl->name, want->nparams, want->nparams == 1 ? "" : "s");
        diag_note(ck->diag, m->loc, "the abstract method is declared here");
        return;
    }
    for (int i = 0; i < need; i++) {
        Type *pt = subst_apply(ck, subst, want->params[i].type);
        Param *hp = &have->params[i];
        if (hp->dir == want->params[i].dir &&
            (is_unknown(pt) || is_unknown(hp->type) || type_equal(pt, hp->type)))
            continue;
        if (hp->dir != want->params[i].dir)
            ERROR_AT(ck, hp->decl, "parameter '%s' of '%s' must be %s, as in the abstract method",
                     hp->name, impl->name, direction_words(want->params[i].dir));
        else
            ERROR_AT(ck, hp->decl, "parameter '%s' of '%s' must have type '%s', as in the "
                                   "abstract method", hp->name, impl->name, TYPE_NAME(ck, pt));
        diag_note(ck->diag, want->params[i].decl->loc, "the abstract method's parameter is here");
        return;
    }
}

/* Spec "Abstract methods": an instance implements exactly the abstract
 * methods of its extern, in its initializer. */
static void check_abstract_methods(Checker *ck, Node *inst, Type *obj)
{
    if (obj->kind != T_EXTERN || !obj->decl)
        return;
    Node *ext = obj->decl;
    TypeSubst subst = subst_new(ck, &ext->type_params);
    for (int i = 0; i < subst.len && obj->args.len == subst.len; i++)
        subst.types[i] = obj->args.items[i];
    for (int i = 0; i < inst->items.len; i++) {
        Node *impl = inst->items.items[i];
        if (impl->kind != N_FUNCTION)
            continue;
        Node *m = extern_method(ext, impl->name);
        if (!m || !m->is_abstract) {
            ERROR_AT(ck, impl, "'%s' is not an abstract method of '%s'", impl->name, ext->name);
            diag_note(ck->diag, m ? m->loc : ext->loc, "'%s' is declared here",
                      m ? m->name : ext->name);
            continue;
        }
        check_method_impl(ck, impl, m, &subst);
    }
    for (int i = 0; i < ext->items.len; i++) {
        Node *m = ext->items.items[i];
        if (m->kind != N_METHOD || !m->is_abstract || has_annotation(m, "optional"))
            continue;
        bool done = false;
        for (int j = 0; j < inst->items.len && !done; j++)
            done = inst->items.items[j]->kind == N_FUNCTION &&
                   strcmp(inst->items.items[j]->name, m->name) == 0;
        if (!done) {
            ERROR_AT(ck, inst, "instance '%s' does not implement abstract method '%s' of '%s'",
                     inst->name, m->name, ext->name);
            diag_note(ck->diag, m->loc, "'%s' is declared here", m->name);
        }
    }
}

/* Spec appendix "Restrictions on compile time and run time calls", where
 * instantiations may be: parsers only in parsers, controls only in
 * controls, packages only at the top level (and as arguments). */
static void check_instance_place(Checker *ck, Node *decl, const Type *obj)
{
    while (obj->kind == T_STACK && obj->base)
        obj = obj->base;
    const char *what = obj->kind == T_PARSER ? "parser" : obj->kind == T_CONTROL ? "control"
                     : obj->kind == T_PACKAGE ? "package" : NULL;
    if (!what)
        return;
    const char *place = ck->parser ? "in a parser" : ck->control ? "in a control"
                                                                 : "at the top level";
    bool ok = obj->kind == T_PARSER ? ck->parser != NULL
            : obj->kind == T_CONTROL ? ck->control != NULL
                                     : !ck->parser && !ck->control;
    if (!ok)
        ERROR_AT(ck, decl, "a %s cannot be instantiated %s", what, place);
}

static void check_instance(Checker *ck, Node *decl)
{
    Node *type_ref = decl->type;
    int dims = 0;
    while (type_ref->kind == N_TYPE_STACK) {
        type_ref = type_ref->type;
        dims++;
    }
    Type *t = resolve_type(ck, type_ref);
    Node call = {.kind = N_CALL, .loc = decl->loc, .args = decl->args};
    Node *ref = type_ref->kind == N_TYPE_SPECIALIZED ? type_ref->type : type_ref;
    Type *obj = check_constructor_call(ck, &call, t, ref);
    if (dims && !is_unknown(obj))
        obj = instance_array_type(ck, decl->type, obj);
    decl->ty = obj;
    if (decl->has_initializer && !is_unknown(obj) && obj->kind != T_EXTERN) {
        /* Spec "Instantiations": initializers implement abstract methods. */
        ERROR_AT(ck, decl, "only extern instances can have an initializer, not '%s'",
                 TYPE_NAME(ck, obj));
    } else if (decl->has_initializer) {
        env_push(ck);
        Type *saved = ck->this_type;
        ck->this_type = obj;
        for (int i = 0; i < decl->items.len; i++)
            check_declaration(ck, decl->items.items[i]);
        ck->this_type = saved;
        env_pop(ck);
    }
    if (!dims && !is_unknown(obj))
        check_abstract_methods(ck, decl, obj);
    if ((ck->action || ck->function) && !is_unknown(obj))
        ERROR_AT(ck, decl, "objects cannot be instantiated in an action or function");
    else if (!is_unknown(obj))
        check_instance_place(ck, decl, obj);
    env_declare(ck, decl->name, decl);
}

/* ---- constants, variables, value sets ---- */


/* '_' stands for a type only where one is inferred (type arguments of
 * calls and instances); the type of a variable or constant is complete. */
static bool mentions_dontcare(const Type *t)
{
    if (!t)
        return false;
    if (t->kind == T_DONTCARE)
        return true;
    if ((t->kind == T_STACK || t->kind == T_LIST) && mentions_dontcare(t->base))
        return true;
    for (int i = 0; i < t->args.len; i++)
        if (mentions_dontcare(t->args.items[i]))
            return true;
    return false;
}

/* A call at run time (spec appendix "Restrictions on compile time and run
 * time calls"): of a function, an extern function or a method; not
 * static_assert and not an extern function that makes an extern object
 * (p4c's factories, as in corpus factory2.p4), which run at compile time. */
static bool find_run_time_call_visit(Node *n, void *ctx)
{
    Node **found = ctx;
    if (n->kind == N_CALL && n->ty && n->ty->kind != T_UNKNOWN && n->ty->kind != T_EXTERN) {
        Node *callee = n->expr;
        Node *d = callee->ref;
        bool run_time = callee->kind == N_MEMBER && d && d->kind == N_METHOD;
        run_time = run_time || (d && (d->kind == N_FUNCTION || d->kind == N_EXTERN_FUNCTION) &&
                                strcmp(d->name, "static_assert") != 0);
        if (run_time)
            *found = n;
    }
    return !*found && ast_for_each_child(n, find_run_time_call_visit, ctx);
}

/* A value the evaluator folds, or a cast of a struct, header or list of
 * such values (p4c's generic-struct.p4: `(Header<S>){ data = {b = 0} }`). */
static bool locally_known(Checker *ck, Node *e)
{
    if (const_eval(ck, e) || e->kind == N_INVALID)
        return true;
    switch (e->kind) {
    case N_CAST:
        return locally_known(ck, e->expr);
    case N_STRUCT_EXPR: case N_LIST_EXPR:
        for (int i = 0; i < e->items.len; i++) {
            Node *x = e->items.items[i];
            if (!locally_known(ck, x->kind == N_KV ? x->expr : x))
                return false;
        }
        return true;
    default:
        return false;
    }
}

static void check_variable(Checker *ck, Node *decl)
{
    Type *t = resolve_type(ck, decl->type);
    decl->ty = t;
    if (!is_unknown(t) && (mentions_dontcare(t) || t->kind == T_VOID || t->kind == T_EXTERN ||
                           t->kind == T_PARSER || t->kind == T_CONTROL ||
                           t->kind == T_PACKAGE || (t->type_params.len && t->args.len == 0))) {
        ERROR_AT(ck, decl->type, "a %s cannot have type '%s'",
                 decl->kind == N_CONST ? "constant" : "variable", TYPE_NAME(ck, t));
        t = decl->ty = type_unknown();
    }
    if (decl->kind == N_VAR && t->kind == T_STRING) {
        /* Spec "Strings": strings are compile-time constants. */
        ERROR_AT(ck, decl->type, "a variable cannot have type 'string'; declare a constant");
        t = decl->ty = type_unknown();
    }
    if (decl->kind == N_VAR && t->kind == T_INT) {
        /* Spec "Operations on arbitrary-precision integers": int values
         * are compile-time known, which a variable's value is not. */
        ERROR_AT(ck, decl->type, "a variable cannot have type 'int'; declare a constant or "
                                 "give the variable a width");
        t = decl->ty = type_unknown();
    }
    if (decl->expr) {
        Type *vt = check_expr(ck, decl->expr, is_unknown(t) ? NULL : t);
        if (!is_unknown(vt) && !is_unknown(t))
            check_assignable(ck, decl->expr, vt, t, "initializer");
        Node *call = NULL;
        if (!ck->parser && !ck->control && !ck->function && !ck->action)
            find_run_time_call_visit(decl->expr, &call);
        if (call)
            ERROR_AT(ck, call, "nothing can be called at run time at the top level of the "
                               "program");
        /* An evaluation that failed with its own error (division by zero)
         * needs no second one. */
        int errors = ck->diag->errors;
        if (decl->kind == N_CONST && !is_unknown(vt) && !is_unknown(t) &&
            decl->expr->kind != N_DOTS && !locally_known(ck, decl->expr) &&
            ck->diag->errors == errors && !refers_to_parameter(ck, decl->expr))
            ERROR_AT(ck, decl->expr, "the value of constant '%s' must be compile-time known",
                     decl->name);
    } else if (decl->kind == N_CONST) {
        ERROR_AT(ck, decl, "constant '%s' needs a value", decl->name);
    }
    env_declare(ck, decl->name, decl);
}

static void check_value_set(Checker *ck, Node *decl)
{
    if (!ck->parser)
        ERROR_AT(ck, decl, "value sets can only be declared in a parser");
    Type *elem = resolve_type(ck, decl->type);
    /* Spec "Select expressions" (value sets), as p4c reads it: what a key
     * can be matched as (enums and bool too), or structs and tuples. */
    Type *e = elem->kind == T_NEWTYPE && elem->base ? elem->base : elem;
    if (e->kind != T_UNKNOWN && e->kind != T_BITS && e->kind != T_SERENUM && e->kind != T_BOOL &&
        e->kind != T_ENUM && e->kind != T_STRUCT && e->kind != T_TUPLE)
        ERROR_AT(ck, decl->type, "a value set cannot hold values of type '%s'",
                 TYPE_NAME(ck, elem));
    Type *t = type_new(ck->arena, T_SET);
    t->base = elem;
    decl->ty = t;
    long n;
    check_expr(ck, decl->expr, type_simple(T_INT));
    if (const_small_int(ck, decl->expr, "the size of a value set", &n) && n <= 0)
        ERROR_AT(ck, decl->expr, "the size of a value set must be positive");
    env_declare(ck, decl->name, decl);
}

void check_declaration(Checker *ck, Node *decl)
{
    check_annotations(ck, &decl->annotations);
    if ((decl->kind == N_PARSER || decl->kind == N_CONTROL) && decl->type)
        check_annotations(ck, &decl->type->annotations);
    switch (decl->kind) {
    case N_CONST: case N_VAR:
        check_variable(ck, decl);
        break;
    case N_HEADER: case N_STRUCT: case N_HEADER_UNION:
        check_struct_like(ck, decl);
        break;
    case N_ENUM:
        check_enum(ck, decl);
        break;
    case N_ERROR_DECL:
        check_member_list(ck, decl, ck->errors, type_simple(T_ERROR));
        break;
    case N_MATCH_KIND_DECL:
        check_member_list(ck, decl, ck->global, type_simple(T_MATCH_KIND));
        break;
    case N_TYPEDEF: case N_NEWTYPE: {
        Type *t = decl_type(ck, decl);
        if (decl->kind == N_NEWTYPE && !is_unknown(t->base) &&
            t->base->kind != T_BITS && t->base->kind != T_BOOL && t->base->kind != T_NEWTYPE)
            ERROR_AT(ck, decl->type, "'type' can only introduce a new name for bit<W>, int<W>, "
                                     "bool or another such type, not '%s'",
                     TYPE_NAME(ck, t->base));
        if (decl->kind == N_TYPEDEF && (t->kind == T_DONTCARE || t->kind == T_STRING ||
                                        t->kind == T_MATCH_KIND))
            /* Spec "Type nesting rules", the typedef table. */
            ERROR_AT(ck, decl->type, "a typedef cannot name '%s'", TYPE_NAME(ck, t));
        env_declare(ck, decl->name, decl);
        break;
    }
    case N_EXTERN:
        check_extern(ck, decl);
        break;
    case N_EXTERN_FUNCTION: case N_FUNCTION:
        check_function_like(ck, decl);
        break;
    case N_ACTION:
        check_action(ck, decl);
        break;
    case N_PARSER_TYPE: case N_CONTROL_TYPE: case N_PACKAGE_TYPE:
        env_declare(ck, decl->name, decl);
        env_push(ck);
        declare_type_params(ck, &decl->type_params);
        check_param_list(ck, &decl->params, false);
        check_param_kinds(ck, &decl->params,
                          decl->kind == N_PACKAGE_TYPE ? PARAMS_PACKAGE : PARAMS_APPLY);
        decl_type(ck, decl);
        env_pop(ck);
        break;
    case N_PARSER:
        check_parser(ck, decl);
        break;
    case N_CONTROL:
        check_control(ck, decl);
        break;
    case N_TABLE:
        check_table(ck, decl);
        break;
    case N_INSTANCE:
        check_instance(ck, decl);
        break;
    case N_VALUE_SET:
        check_value_set(ck, decl);
        break;
    default:
        ERROR_AT(ck, decl, "unexpected declaration");
        break;
    }
}
