/* Environments: the declarations visible at a point of the program, one
 * hashed table per scope (spec section "Name resolution"). */
#include "sema_internal.h"

#include <string.h>

static unsigned hash_name(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

Env *env_new(Checker *ck, Env *parent, unsigned buckets)
{
    Env *env = ARENA_NEW(ck->arena, Env);
    env->parent = parent;
    env->buckets = arena_alloc(ck->arena, sizeof(Binding *) * buckets);
    env->mask = buckets - 1;
    return env;
}

void env_push(Checker *ck)
{
    ck->env = env_new(ck, ck->env, 16);
}

void env_pop(Checker *ck)
{
    if (ck->env->parent)
        ck->env = ck->env->parent;
}

Binding *env_lookup_local(const Env *env, const char *name)
{
    unsigned hash = hash_name(name);
    for (Binding *b = env->buckets[hash & env->mask]; b; b = b->next)
        if (b->hash == hash && strcmp(b->name, name) == 0)
            return b;
    return NULL;
}

Binding *env_lookup(const Env *env, const char *name)
{
    for (; env; env = env->parent) {
        Binding *b = env_lookup_local(env, name);
        if (b)
            return b;
    }
    return NULL;
}

bool decl_is_type(const Node *decl)
{
    switch (decl->kind) {
    case N_HEADER: case N_HEADER_UNION: case N_STRUCT: case N_ENUM: case N_TYPEDEF:
    case N_NEWTYPE: case N_EXTERN: case N_PARSER_TYPE: case N_CONTROL_TYPE:
    case N_PACKAGE_TYPE: case N_PARSER: case N_CONTROL: case N_TYPE_PARAM:
        return true;
    default:
        return false;
    }
}

/* Functions, extern functions, methods and constructors may share a name
 * when their parameter lists differ (spec: overloading by arity and by
 * parameter names); so may an extern object type and its declarations. */
static bool overloadable(const Node *decl)
{
    return decl->kind == N_FUNCTION || decl->kind == N_EXTERN_FUNCTION ||
           decl->kind == N_METHOD || decl->kind == N_CONSTRUCTOR || decl->kind == N_ACTION ||
           decl->kind == N_PARSER || decl->kind == N_CONTROL || decl->kind == N_PACKAGE_TYPE;
}

static const char *decl_kind_word(const Node *decl)
{
    switch (decl->kind) {
    case N_CONST: return "constant";
    case N_VAR: return "variable";
    case N_PARAM: return "parameter";
    case N_INSTANCE: return "instance";
    case N_ACTION: return "action";
    case N_TABLE: return "table";
    case N_FUNCTION: case N_EXTERN_FUNCTION: return "function";
    case N_STATE: return "state";
    case N_VALUE_SET: return "value set";
    default: return decl_is_type(decl) ? "type" : "declaration";
    }
}

void env_declare(Checker *ck, const char *name, Node *decl)
{
    Env *env = ck->env;
    Binding *old = env_lookup_local(env, name);
    if (old) {
        if (overloadable(old->decl) && overloadable(decl) && old->decl->kind == decl->kind) {
            Binding *b = ARENA_NEW(ck->arena, Binding);
            b->name = name;
            b->hash = old->hash;
            b->decl = decl;
            b->overload = old->overload;
            old->overload = b;
            return;
        }
        diag_error(ck->diag, decl->loc, "redeclaration of %s '%s'", decl_kind_word(old->decl), name);
        diag_note(ck->diag, old->decl->loc, "previous declaration of '%s' is here", name);
        return;
    }
    /* A new name that hides an outer one: warn only for hidden values, as
     * p4c does; hiding a type or a state is routine in P4 code. */
    Binding *outer = env->parent ? env_lookup(env->parent, name) : NULL;
    if (outer && outer->decl->kind == N_PARAM && ck->in_statement) {
        /* p4c makes this an error: the parameter could no longer be read or
         * written. Declarations directly in a parser or control only warn. */
        diag_error(ck->diag, decl->loc, "declaration of '%s' hides parameter '%s'", name, name);
        diag_note(ck->diag, outer->decl->loc, "the parameter is declared here");
        outer = NULL;
    }
    if (outer && !decl_is_type(outer->decl) && !decl_is_type(decl) &&
        outer->decl->kind != N_STATE && outer->decl->kind != N_ACTION &&
        outer->decl->kind != N_TABLE && outer->decl->kind != N_FUNCTION &&
        outer->decl->kind != N_EXTERN_FUNCTION && outer->decl->kind != N_ENUM_MEMBER &&
        decl->kind != N_METHOD && decl->kind != N_CONSTRUCTOR) {
        diag_warning(ck->diag, decl->loc, "'%s' shadows a %s of the same name", name,
                     decl_kind_word(outer->decl));
        diag_note(ck->diag, outer->decl->loc, "the shadowed declaration is here");
    }
    unsigned hash = hash_name(name);
    Binding *b = ARENA_NEW(ck->arena, Binding);
    b->name = name;
    b->hash = hash;
    b->decl = decl;
    b->next = env->buckets[hash & env->mask];
    env->buckets[hash & env->mask] = b;
}
