/* Control-plane names of table keys (spec "Control plane names", "Keys"). */
#ifndef P4CC_KEY_NAME_H
#define P4CC_KEY_NAME_H

#include "arena.h"
#include "ast.h"

/* The name of key element EL (N_KEY_ELEMENT of a checked table): its
 * `@name`, else one derived from the expression's text as p4c derives it
 * (names, fields, constants, indexes, slices, `&` and isValid()); NULL
 * when the expression is too complex to name, and needs a @name. */
const char *key_control_plane_name(Arena *arena, const Node *el);

#endif
