/* Hashed namespaces for the parser's type-name table. */
#include "scope.h"

#include <string.h>

static unsigned hash_name(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static Namespace *new_namespace(Arena *arena, Namespace *parent, unsigned buckets)
{
    Namespace *ns = ARENA_NEW(arena, Namespace);
    ns->parent = parent;
    ns->buckets = arena_alloc(arena, sizeof(Symbol *) * buckets);
    ns->mask = buckets - 1;
    return ns;
}

void scope_init(Scope *scope, Arena *arena)
{
    scope->arena = arena;
    scope->root = new_namespace(arena, NULL, 1024);
    scope->current = scope->root;
}

void scope_push(Scope *scope, Symbol *owner)
{
    Namespace *ns = new_namespace(scope->arena, scope->current, 16);
    if (owner)
        owner->members = ns;
    scope->current = ns;
}

void scope_pop(Scope *scope)
{
    if (scope->current->parent)
        scope->current = scope->current->parent;
}

static Symbol *find_in(const Namespace *ns, const char *name, unsigned hash)
{
    for (Symbol *sym = ns->buckets[hash & ns->mask]; sym; sym = sym->next)
        if (sym->hash == hash && strcmp(sym->name, name) == 0)
            return sym;
    return NULL;
}

Symbol *scope_declare(Scope *scope, const char *name, bool is_type)
{
    unsigned hash = hash_name(name);
    Namespace *ns = scope->current;
    Symbol *sym = find_in(ns, name, hash);
    if (!sym) {
        sym = ARENA_NEW(scope->arena, Symbol);
        sym->name = name;
        sym->hash = hash;
        sym->next = ns->buckets[hash & ns->mask];
        ns->buckets[hash & ns->mask] = sym;
    }
    /* A type keeps its members when redeclared (extern overloads, or a
     * forward type declaration followed by the full one); an overloaded
     * function or method takes type arguments when one overload does. */
    if (is_type || sym->is_type)
        sym->is_template = false;
    sym->is_type = is_type;
    sym->type_name = NULL;
    return sym;
}

Symbol *scope_lookup(const Scope *scope, const char *name)
{
    unsigned hash = hash_name(name);
    for (const Namespace *ns = scope->current; ns; ns = ns->parent) {
        Symbol *sym = find_in(ns, name, hash);
        if (sym)
            return sym;
    }
    return NULL;
}

Symbol *scope_lookup_root(const Scope *scope, const char *name)
{
    return find_in(scope->root, name, hash_name(name));
}

Symbol *scope_lookup_member(const Scope *scope, const Symbol *sym, const char *name)
{
    if (!sym)
        return NULL;
    if (!sym->is_type) {
        if (!sym->type_name)
            return NULL;
        sym = scope_lookup(scope, sym->type_name);
        if (!sym || !sym->is_type)
            return NULL;
    }
    if (!sym->members)
        return NULL;
    return find_in(sym->members, name, hash_name(name));
}
