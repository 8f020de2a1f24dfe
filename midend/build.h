/* Building typed AST nodes in the midend's lowering passes (pass_v1model.c,
 * pass_psa.c, pass_pna.c): each node placed at AT, in ARENA. */
#ifndef P4CC_MIDEND_BUILD_H
#define P4CC_MIDEND_BUILD_H

#include "ast.h"
#include "types.h"

Node *ir_node(Arena *arena, NodeKind kind, const Node *at, Type *ty);
Node *ir_name(Arena *arena, Node *decl, const Node *at);        /* a name of DECL */
Node *ir_int(Arena *arena, unsigned long long v, Type *ty, const Node *at);
Node *ir_cast(Arena *arena, Node *e, Type *to, const Node *at); /* E itself if already TO */
Node *ir_unary(Arena *arena, Op op, Node *e, Type *ty, const Node *at);
Node *ir_binary(Arena *arena, Op op, Node *l, Node *r, Type *ty, const Node *at);
Node *ir_member(Arena *arena, Node *base, const char *name, const Node *at);
Node *ir_assign(Arena *arena, Node *lhs, Node *rhs, const Node *at);

#endif
