/* The parser's table of names in scope, which the lexer asks whether an
 * identifier names a type (TYPE_IDENTIFIER) and whether `<` after it opens
 * type arguments. This is the spec's answer to the type-name / identifier
 * ambiguity of the grammar (section "Grammar" and appendix "P4 grammar"). */
#ifndef P4CC_SCOPE_H
#define P4CC_SCOPE_H

#include <stdbool.h>

#include "arena.h"

typedef struct Namespace Namespace;

typedef struct Symbol {
    const char *name;
    unsigned hash;
    bool is_type;
    bool is_template;          /* has type parameters: `<` after it opens type arguments */
    const char *type_name;     /* for objects: the name of their type, if simple */
    Namespace *members;        /* for types with members (externs): their methods */
    struct Symbol *next;
} Symbol;

struct Namespace {
    Namespace *parent;
    Symbol **buckets;
    unsigned mask;
};

typedef struct Scope {
    Arena *arena;
    Namespace *root;
    Namespace *current;
} Scope;

void scope_init(Scope *scope, Arena *arena);
/* Opens a nested namespace; when OWNER is given it becomes OWNER's members. */
void scope_push(Scope *scope, Symbol *owner);
void scope_pop(Scope *scope);
/* Declares NAME in the current namespace (replacing an earlier entry there). */
Symbol *scope_declare(Scope *scope, const char *name, bool is_type);
/* Innermost declaration of NAME, or NULL. */
Symbol *scope_lookup(const Scope *scope, const char *name);
/* NAME among the members of the type (or the type of the object) SYM. */
Symbol *scope_lookup_member(const Scope *scope, const Symbol *sym, const char *name);
Symbol *scope_lookup_root(const Scope *scope, const char *name);

#endif
