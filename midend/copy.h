/* Deep copies of AST subtrees, for the passes that duplicate code: the
 * inliner copies a callee's body per call (pass_inline.c), specialization a
 * generic declaration per list of type arguments (pass_specialize.c).
 *
 * A copy is made in two steps. copy_tree duplicates the nodes, asking the
 * hooks about each one, and records every declaration it copies; then
 * copy_relink points the copy's names and types, which still refer to the
 * original declarations, at their copies. Between the two, the caller may
 * adjust the copy's root. Annotations are always shared with the original. */
#ifndef P4CC_COPY_H
#define P4CC_COPY_H

#include "ast.h"

typedef struct Copier Copier;
struct Copier {
    Arena *arena;
    /* Also copy type syntax and parameter lists (type, type_params,
     * type_args, params, ctor_params); without it they are shared. */
    bool signatures;
    /* What stands for N in the copy, used as it is; NULL: copy N. */
    Node *(*replace)(Copier *cp, Node *n);
    /* Called on each fresh copy before its children are copied. */
    void (*adjust)(Copier *cp, Node *copy);
    void *ctx;
    NodeList from, to;  /* declarations copied and their copies */
};

Node *copy_tree(Copier *cp, Node *n);
void copy_relink(Copier *cp, Node *copy);
/* A copy of N without hooks or relinking (an argument, an expression). */
Node *copy_plain(Arena *arena, Node *n);

#endif
