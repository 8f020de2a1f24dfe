/* Semantic analysis (spec chapters "P4 data types" through "Annotations"):
 * name resolution, type checking and compile-time evaluation. On return
 * every expression node carries its type (Node.ty) and every name the
 * declaration it refers to (Node.ref). */
#ifndef P4CC_SEMA_H
#define P4CC_SEMA_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Returns true when the program has no errors. */
bool sema_check(Arena *arena, Diag *diag, Node *program);

#endif
