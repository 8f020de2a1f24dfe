/* Types from their syntax: type references, the types that declarations
 * define, specialization of generic declarations (spec "Type
 * specialization") and the unification that infers type arguments. */
#include "sema_internal.h"

#include <string.h>

static TypeList type_list(Checker *ck, int len)
{
    TypeList list = {.len = len};
    list.items = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(len ? len : 1));
    return list;
}

TypeSubst subst_new(Checker *ck, const NodeList *type_params)
{
    TypeSubst subst = {.len = type_params->len};
    subst.vars = arena_alloc(ck->arena, sizeof(Node *) * (size_t)(subst.len + 1));
    subst.types = arena_alloc(ck->arena, sizeof(Type *) * (size_t)(subst.len + 1));
    for (int i = 0; i < subst.len; i++)
        subst.vars[i] = type_params->items[i];
    return subst;
}

static int subst_index(const TypeSubst *subst, const Type *var)
{
    for (int i = 0; i < subst->len; i++)
        if (subst->vars[i] == var->decl)
            return i;
    return -1;
}

/* Whether T still mentions one of SUBST's variables: only those are open to
 * inference; type parameters of enclosing declarations are fixed types. */
bool subst_mentions(const TypeSubst *subst, const Type *t)
{
    if (!t || !type_contains_typevar(t))
        return false;
    if (t->kind == T_TYPEVAR)
        return subst_index(subst, t) >= 0;
    if (subst_mentions(subst, t->base) || subst_mentions(subst, t->ret))
        return true;
    for (int i = 0; i < t->args.len; i++)
        if (subst_mentions(subst, t->args.items[i]))
            return true;
    for (int i = 0; i < t->nfields; i++)
        if (subst_mentions(subst, t->fields[i].type))
            return true;
    for (int i = 0; i < t->nparams; i++)
        if (subst_mentions(subst, t->params[i].type))
            return true;
    return false;
}

Type *subst_apply(Checker *ck, const TypeSubst *subst, Type *t)
{
    return type_substitute(ck->arena, subst->vars, subst->types, subst->len, t);
}

/* The type a list expression stands for when nothing else says: a tuple. */
static Type *default_type(Checker *ck, Type *t)
{
    if (t->kind != T_LIST_EXPR)
        return t;
    Type *tuple = type_new(ck->arena, T_TUPLE);
    tuple->args = type_list(ck, t->args.len);
    for (int i = 0; i < t->args.len; i++)
        tuple->args.items[i] = default_type(ck, t->args.items[i]);
    return tuple;
}

static bool unify_params(Checker *ck, TypeSubst *subst, const Type *formal, const Type *actual)
{
    /* Trailing parameters with default values may be left out. */
    if (actual->nparams > formal->nparams)
        return false;
    for (int i = actual->nparams; i < formal->nparams; i++)
        if (!formal->params[i].has_default)
            return false;
    for (int i = 0; i < actual->nparams; i++) {
        if (formal->params[i].dir != actual->params[i].dir)
            return false;
        if (!unify(ck, subst, formal->params[i].type, actual->params[i].type))
            return false;
    }
    return true;
}

bool unify(Checker *ck, TypeSubst *subst, Type *formal, Type *actual)
{
    if (!formal || !actual)
        return false;
    if (actual->kind == T_UNKNOWN && formal->kind == T_TYPEVAR && subst_index(subst, formal) >= 0 &&
        !subst->types[subst_index(subst, formal)]) {
        subst->types[subst_index(subst, formal)] = actual;   /* after an error: no cascade */
        return true;
    }
    if (formal->kind == T_UNKNOWN || actual->kind == T_UNKNOWN)
        return true;
    if (formal->kind == T_TYPEVAR) {
        int i = subst_index(subst, formal);
        if (i < 0 && actual->kind != T_TYPEVAR)
            return true;   /* a type parameter bound elsewhere (a generic default value) */
        if (i >= 0) {
            if (!subst->types[i]) {
                subst->types[i] = default_type(ck, actual);
                return true;
            }
            Type *bound = subst->types[i];
            if (bound->kind == T_INT && actual->kind == T_BITS) {
                subst->types[i] = actual;   /* a later argument fixes the width */
                return true;
            }
            return unify(ck, subst, bound, actual);
        }
    }
    if (formal->kind == T_DONTCARE || actual->kind == T_DONTCARE)
        return true;
    if (actual->kind == T_TYPEVAR && formal->kind == T_TYPEVAR)
        return formal->decl == actual->decl || subst_index(subst, actual) >= 0;
    if (actual->kind == T_TYPEVAR && subst_index(subst, actual) < 0)
        return true;   /* a type parameter of a generic argument: bound by this use */
    if (actual->kind == T_SERENUM && actual->base && formal->kind == T_BITS)
        return type_equal(actual->base, formal);
    /* Literals and untyped expressions adapt to the formal type; a bit<W>
     * value converts to int without loss (p4c's extern-int-arg1.p4). */
    if (actual->kind == T_INT && (formal->kind == T_BITS || formal->kind == T_INT))
        return true;
    if (formal->kind == T_INT && actual->kind == T_BITS)
        return true;
    if (actual->kind == T_LIST_EXPR) {
        if (formal->kind == T_TUPLE || formal->kind == T_LIST_EXPR) {
            if (formal->args.len != actual->args.len)
                return false;
            for (int i = 0; i < formal->args.len; i++)
                if (!unify(ck, subst, formal->args.items[i], actual->args.items[i]))
                    return false;
            return true;
        }
        if (formal->kind == T_LIST) {
            for (int i = 0; i < actual->args.len; i++)
                if (!unify(ck, subst, formal->base, actual->args.items[i]))
                    return false;
            return true;
        }
        if (type_is_struct_like(formal) || formal->kind == T_STACK)
            return true;   /* checked field by field where the value is used */
        return false;
    }
    if (actual->kind == T_STRUCT_EXPR)
        return type_is_struct_like(formal) || formal->kind == T_STRUCT_EXPR;
    if (formal->kind != actual->kind)
        return false;
    switch (formal->kind) {
    case T_STACK:
        return (formal->size < 0 || actual->size < 0 || formal->size == actual->size) &&
               unify(ck, subst, formal->base, actual->base);
    case T_LIST: case T_SET: case T_TYPE:
        return unify(ck, subst, formal->base, actual->base);
    case T_TUPLE: case T_LIST_EXPR:
        if (formal->args.len != actual->args.len)
            return false;
        for (int i = 0; i < formal->args.len; i++)
            if (!unify(ck, subst, formal->args.items[i], actual->args.items[i]))
                return false;
        return true;
    case T_HEADER: case T_STRUCT: case T_UNION: case T_EXTERN:
        if (formal->decl != actual->decl)
            return false;
        if (formal->args.len != actual->args.len)
            return formal->args.len == 0 || actual->args.len == 0;
        for (int i = 0; i < formal->args.len; i++)
            if (!unify(ck, subst, formal->args.items[i], actual->args.items[i]))
                return false;
        return true;
    case T_PARSER: case T_CONTROL:
        return unify_params(ck, subst, formal, actual);
    case T_PACKAGE:
        return formal->decl == actual->decl && unify_params(ck, subst, formal, actual);
    default:
        return type_equal(formal, actual);
    }
}

/* ---- declarations ---- */

/* Spec "Type nesting rules", note [2]: a struct in a header (also a
 * nested one) holds only bit<W>, int<W>, serializable enums and bool; or
 * arrays of them, which the table allows in headers and p4c in such
 * structs (p4c's array3.p4). */
static bool struct_in_header_ok(const Type *t)
{
    for (int i = 0; i < t->nfields; i++) {
        const Type *f = t->fields[i].type;
        while ((f->kind == T_NEWTYPE || f->kind == T_STACK) && f->base)
            f = f->base;
        bool ok = f->kind == T_BITS || f->kind == T_SERENUM || f->kind == T_BOOL ||
                  f->kind == T_UNKNOWN || f->kind == T_TYPEVAR ||
                  (f->kind == T_STRUCT && struct_in_header_ok(f));
        if (!ok)
            return false;
    }
    return true;
}

static bool allowed_in_header(const Type *t)
{
    switch (t->kind) {
    case T_BITS: case T_VARBIT: case T_SERENUM: case T_BOOL: case T_UNKNOWN: case T_TYPEVAR:
        return true;
    case T_NEWTYPE:
        return t->base && allowed_in_header(t->base);
    case T_STACK:
        return t->base && !type_is_header_like(t->base) && allowed_in_header(t->base);
    case T_STRUCT:
        return struct_in_header_ok(t);
    default:
        return false;
    }
}

/* What no struct, tuple or header field can be (spec "Type nesting rules"):
 * values without a size or a representation, and objects. */
static bool never_a_field(const Type *t)
{
    switch (t->kind) {
    case T_DONTCARE: case T_VOID: case T_EXTERN: case T_PARSER: case T_CONTROL: case T_PACKAGE:
    case T_STRING: case T_INT: case T_MATCH_KIND: case T_LIST:
        return true;
    default:
        return false;
    }
}

/* Spec "Type nesting rules": what a field of OWNER (a struct, header or
 * header_union declaration) may be; reports at AT. Checked where declared
 * and again for each specialization of a generic declaration. */
bool check_field_type(Checker *ck, const Node *owner, const Type *ft, Node *at)
{
    if (never_a_field(ft)) {
        ERROR_AT(ck, at, "a field cannot have type '%s'", TYPE_NAME(ck, ft));
        return false;
    }
    if (owner->kind == N_HEADER && !allowed_in_header(ft)) {
        if (ft->kind == T_STRUCT || (ft->kind == T_STACK && ft->base->kind == T_STRUCT))
            ERROR_AT(ck, at, "a header field cannot have type '%s': a struct in a header holds "
                             "only bit<W>, int<W>, serializable enum and bool fields (or arrays "
                             "of them)",
                     TYPE_NAME(ck, ft));
        else
            ERROR_AT(ck, at, "a header field cannot have type '%s'", TYPE_NAME(ck, ft));
        return false;
    }
    if (owner->kind == N_HEADER_UNION && ft->kind != T_HEADER && ft->kind != T_TYPEVAR) {
        ERROR_AT(ck, at, "a header_union field must be a header, not '%s'", TYPE_NAME(ck, ft));
        return false;
    }
    return true;
}

/* Spec "Type nesting rules", arrays and header stacks: an array of
 * headers or header unions is a header stack; other arrays hold values
 * with a representation (arrays too), or extern instances. */
static bool check_array_type(Checker *ck, Node *ref, Type *t)
{
    const Type *e = t->base;
    if (type_is_header_like(e))
        return true;   /* a size of 0, which p4c accepts, too (corpus minsize.p4) */
    bool ok = !never_a_field(e) || e->kind == T_EXTERN;
    ok = ok && e->kind != T_ERROR && e->kind != T_TUPLE &&
         !(e->kind == T_STACK && e->base && type_is_header_like(e->base));
    if (!ok)
        ERROR_AT(ck, ref->type, "an array cannot hold values of type '%s'", TYPE_NAME(ck, e));
    return ok;
}

static Param *make_params(Checker *ck, const NodeList *params)
{
    Param *out = arena_alloc(ck->arena, sizeof(Param) * (size_t)(params->len ? params->len : 1));
    for (int i = 0; i < params->len; i++) {
        Node *p = params->items[i];
        out[i].name = p->name;
        out[i].decl = p;
        out[i].dir = p->dir;
        out[i].type = p->ty ? p->ty : (p->ty = resolve_type(ck, p->type));
        out[i].has_default = p->expr != NULL;
        for (int j = 0; j < p->annotations.len; j++)
            if (strcmp(p->annotations.items[j]->name, "optional") == 0)
                out[i].is_optional = out[i].has_default = true;
    }
    return out;
}

static TypeList type_params_of(Checker *ck, const NodeList *type_params)
{
    TypeList list = type_list(ck, type_params->len);
    for (int i = 0; i < type_params->len; i++)
        list.items[i] = decl_type(ck, type_params->items[i]);
    return list;
}

Type *callable_type(Checker *ck, TypeKind kind, Node *decl, const NodeList *params, Type *ret)
{
    Type *t = type_new(ck->arena, kind);
    t->decl = decl;
    t->name = decl->name;
    t->params = make_params(ck, params);
    t->nparams = params->len;
    t->ret = ret;
    t->type_params = type_params_of(ck, &decl->type_params);
    return t;
}

Type *make_struct_type(Checker *ck, Node *decl, const TypeList *type_args)
{
    TypeKind kind = decl->kind == N_HEADER ? T_HEADER : decl->kind == N_HEADER_UNION ? T_UNION
                                                                                     : T_STRUCT;
    Type *generic = decl->ty;
    if (!generic) {
        generic = type_new(ck->arena, kind);
        generic->decl = decl;
        generic->name = decl->name;
        generic->type_params = type_params_of(ck, &decl->type_params);
        decl->ty = generic;   /* before the fields: a field may not name its own struct */
        generic->nfields = decl->items.len;
        generic->fields = arena_alloc(ck->arena, sizeof(Field) * (size_t)(decl->items.len + 1));
        for (int i = 0; i < decl->items.len; i++) {
            Node *f = decl->items.items[i];
            generic->fields[i].name = f->name;
            generic->fields[i].decl = f;
            generic->fields[i].type = f->ty = resolve_type(ck, f->type);
        }
    }
    if (!type_args || type_args->len == 0)
        return generic;
    TypeSubst subst = subst_new(ck, &decl->type_params);
    for (int i = 0; i < subst.len && i < type_args->len; i++)
        subst.types[i] = type_args->items[i];
    Type *t = subst_apply(ck, &subst, generic);
    if (t == generic) {
        t = type_copy(ck->arena, generic);
    }
    t->args = *type_args;
    t->type_params = (TypeList){0};
    return t;
}

Type *decl_type(Checker *ck, Node *decl)
{
    if (decl->ty && decl->kind != N_PARSER && decl->kind != N_CONTROL)
        return decl->ty;
    Type *t;
    switch (decl->kind) {
    case N_HEADER: case N_STRUCT: case N_HEADER_UNION:
        return make_struct_type(ck, decl, NULL);
    case N_ENUM:
        t = type_new(ck->arena, decl->type ? T_SERENUM : T_ENUM);
        t->decl = decl;
        t->name = decl->name;
        decl->ty = t;
        if (decl->type)
            t->base = resolve_type(ck, decl->type);
        return t;
    case N_TYPEDEF:
        if (decl->type->kind == N_HEADER || decl->type->kind == N_STRUCT ||
            decl->type->kind == N_HEADER_UNION || decl->type->kind == N_ENUM) {
            check_declaration(ck, decl->type);
            t = decl_type(ck, decl->type);
        } else {
            t = resolve_type(ck, decl->type);
        }
        return decl->ty = t;
    case N_NEWTYPE:
        t = type_new(ck->arena, T_NEWTYPE);
        t->decl = decl;
        t->name = decl->name;
        decl->ty = t;
        t->base = resolve_type(ck, decl->type);
        return t;
    case N_EXTERN:
        t = type_new(ck->arena, T_EXTERN);
        t->decl = decl;
        t->name = decl->name;
        t->type_params = type_params_of(ck, &decl->type_params);
        return decl->ty = t;
    case N_TYPE_PARAM:
        t = type_new(ck->arena, T_TYPEVAR);
        t->decl = decl;
        t->name = decl->name;
        return decl->ty = t;
    case N_PARSER_TYPE:
        return decl->ty = callable_type(ck, T_PARSER, decl, &decl->params, NULL);
    case N_CONTROL_TYPE:
        return decl->ty = callable_type(ck, T_CONTROL, decl, &decl->params, NULL);
    case N_PACKAGE_TYPE:
        return decl->ty = callable_type(ck, T_PACKAGE, decl, &decl->params, NULL);
    case N_PARSER: case N_CONTROL:
        /* The type of a parser or control is that of its apply signature. */
        if (!decl->type->ty)
            decl->type->ty = callable_type(ck, decl->kind == N_PARSER ? T_PARSER : T_CONTROL,
                                           decl->type, &decl->type->params, NULL);
        return decl->type->ty;
    default:
        return type_unknown();
    }
}

static Type *lookup_type_name(Checker *ck, Node *ref)
{
    Binding *b = ref->is_absolute ? env_lookup_local(ck->global, ref->name)
                                  : env_lookup(ck->env, ref->name);
    if (!b) {
        ERROR_AT(ck, ref, "unknown type '%s'", ref->name);
        return type_unknown();
    }
    if (!decl_is_type(b->decl)) {
        ERROR_AT(ck, ref, "'%s' is not a type", ref->name);
        diag_note(ck->diag, b->decl->loc, "'%s' is declared here", ref->name);
        return type_unknown();
    }
    ref->ref = b->decl;
    return decl_type(ck, b->decl);
}

/* Whether T is or is built from (element, type argument) the type DECL
 * declares: types cannot contain themselves (p4c: "Self-referencing types
 * not supported"), as their values or sizes would be infinite. */
bool type_refers_to(const Type *t, const Node *decl)
{
    if (!t)
        return false;
    if (t->decl == decl)
        return true;
    if ((t->kind == T_STACK || t->kind == T_LIST) && type_refers_to(t->base, decl))
        return true;
    for (int i = 0; i < t->args.len; i++)
        if (type_refers_to(t->args.items[i], decl))
            return true;
    return false;
}

/* The fields of a specialized generic struct or header follow the nesting
 * rules too (spec "Type nesting rules"): `H<int>` is no header. */
static Type *specialized_fields_ok(Checker *ck, Node *ref, const Type *generic, Type *t)
{
    for (int i = 0; i < t->nfields && i < generic->nfields; i++) {
        if (!type_contains_typevar(generic->fields[i].type) ||
            t->fields[i].type->kind == T_UNKNOWN || t->fields[i].type->kind == T_DONTCARE)
            continue;   /* `S<_>`: where it may stand is checked by its user */
        if (!check_field_type(ck, generic->decl, t->fields[i].type, ref)) {
            diag_note(ck->diag, generic->fields[i].decl->loc, "field '%s' of '%s' is declared "
                      "here", generic->fields[i].name, generic->name);
            return type_unknown();
        }
    }
    return t;
}

static Type *specialize(Checker *ck, Node *ref)
{
    Type *base = ref->type->kind == N_TYPE_NAME ? lookup_type_name(ck, ref->type)
                                                : resolve_type(ck, ref->type);
    ref->type->ty = base;
    if (base->kind == T_UNKNOWN)
        return base;
    TypeList args = type_list(ck, ref->type_args.len);
    for (int i = 0; i < ref->type_args.len; i++)
        args.items[i] = resolve_type(ck, ref->type_args.items[i]);
    if (base->type_params.len == 0) {
        ERROR_AT(ck, ref, "type '%s' has no type parameters", TYPE_NAME(ck, base));
        return type_unknown();
    }
    if (base->type_params.len != args.len) {
        ERROR_AT(ck, ref, "type '%s' takes %d type argument%s, not %d", TYPE_NAME(ck, base),
                 base->type_params.len, base->type_params.len == 1 ? "" : "s", args.len);
        return type_unknown();
    }
    for (int i = 0; i < args.len; i++)
        if (type_refers_to(args.items[i], base->decl)) {
            /* p4c: a type contains itself (h<h<bit>>) only through recursion. */
            ERROR_AT(ck, ref->type_args.items[i], "'%s' cannot be its own type argument",
                     base->name);
            return type_unknown();
        }
    switch (base->kind) {
    case T_HEADER: case T_STRUCT: case T_UNION:
        return specialized_fields_ok(ck, ref, base, make_struct_type(ck, base->decl, &args));
    default:
        break;
    }
    TypeSubst subst = subst_new(ck, &base->decl->type_params);
    for (int i = 0; i < args.len; i++)
        subst.types[i] = args.items[i];
    Type *t = subst_apply(ck, &subst, base);
    if (t == base) {
        t = type_copy(ck->arena, base);
    }
    t->args = args;
    t->type_params = (TypeList){0};
    return t;
}

/* Tuples hold what structs hold (spec "Type nesting rules"), but for int,
 * match_kind and list elements, which p4c accepts (corpus list3.p4,
 * issue3091.p4). */
static Type *tuple_element(Checker *ck, Node *ref)
{
    Type *t = resolve_type(ck, ref);
    if (never_a_field(t) && t->kind != T_INT && t->kind != T_MATCH_KIND && t->kind != T_LIST) {
        ERROR_AT(ck, ref, "a tuple element cannot have type '%s'", TYPE_NAME(ck, t));
        return type_unknown();
    }
    return t;
}

Type *resolve_type(Checker *ck, Node *ref)
{
    if (!ref)
        return type_unknown();
    Type *t;
    long n;
    switch (ref->kind) {
    case N_TYPE_BOOL: t = type_simple(T_BOOL); break;
    case N_TYPE_ERROR: t = type_simple(T_ERROR); break;
    case N_TYPE_MATCH_KIND: t = type_simple(T_MATCH_KIND); break;
    case N_TYPE_STRING: t = type_simple(T_STRING); break;
    case N_TYPE_INT: t = type_simple(T_INT); break;
    case N_TYPE_VOID: t = type_simple(T_VOID); break;
    case N_TYPE_DONTCARE: t = type_simple(T_DONTCARE); break;
    case N_TYPE_BIT:
        if (!ref->expr) {
            t = type_bits(ck->arena, 1, false);
        } else if (!const_small_int(ck, ref->expr, "a width", &n)) {
            t = type_unknown();
        } else if (n < 0 || (ref->is_signed && n == 0)) {
            ERROR_AT(ck, ref->expr, "%s width must be %s, not %ld",
                     ref->is_signed ? "int<W>" : "bit<W>", ref->is_signed ? "positive"
                                                                          : "non-negative", n);
            t = type_unknown();
        } else {
            t = type_bits(ck->arena, (int)n, ref->is_signed);
        }
        break;
    case N_TYPE_VARBIT:
        if (!const_small_int(ck, ref->expr, "a width", &n)) {
            t = type_unknown();
        } else if (n < 0) {
            ERROR_AT(ck, ref->expr, "varbit width must not be negative, not %ld", n);
            t = type_unknown();
        } else {
            t = type_new(ck->arena, T_VARBIT);
            t->width = (int)n;
        }
        break;
    case N_TYPE_NAME:
        t = lookup_type_name(ck, ref);
        if (type_is_struct_like(t) && t->type_params.len) {
            /* Spec "Generic data types": only a specialization is a type. */
            ERROR_AT(ck, ref, "generic type '%s' needs type arguments", ref->name);
            t = type_unknown();
        }
        break;
    case N_TYPE_SPECIALIZED:
        t = specialize(ck, ref);
        break;
    case N_TYPE_STACK: {
        Type *elem = resolve_type(ck, ref->type);
        t = type_new(ck->arena, T_STACK);
        t->base = elem;
        if (const_small_int(ck, ref->expr, "an array size", &n)) {
            if (n < 0) {
                ERROR_AT(ck, ref->expr, "array size must not be negative");
                n = 0;
            }
            t->size = (int)n;
        }
        if (elem->kind != T_UNKNOWN && !check_array_type(ck, ref, t))
            t = type_unknown();
        break;
    }
    case N_TYPE_TUPLE:
        t = type_new(ck->arena, T_TUPLE);
        t->args = type_list(ck, ref->type_args.len);
        for (int i = 0; i < ref->type_args.len; i++)
            t->args.items[i] = tuple_element(ck, ref->type_args.items[i]);
        break;
    case N_TYPE_LIST:
        t = type_new(ck->arena, T_LIST);
        t->base = resolve_type(ck, ref->type);
        break;
    default:
        ERROR_AT(ck, ref, "expected a type");
        t = type_unknown();
        break;
    }
    ref->ty = t;
    return t;
}
