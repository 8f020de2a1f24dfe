/* Typed AST nodes for the lowering passes (build.h): one place for what
 * v1model's, PSA's and PNA's passes all write. */
#include "build.h"

Node *ir_node(Arena *arena, NodeKind kind, const Node *at, Type *ty)
{
    Node *n = ast_new(arena, kind, at->loc);
    n->ty = ty;
    return n;
}

Node *ir_name(Arena *arena, Node *decl, const Node *at)
{
    Node *n = ir_node(arena, N_NAME, at, decl->ty);
    n->name = decl->name;
    n->ref = decl;
    return n;
}

Node *ir_int(Arena *arena, unsigned long long v, Type *ty, const Node *at)
{
    Node *n = ir_node(arena, N_INT, at, ty);
    n->text = arena_printf(arena, "%llu", v);
    n->int_lit = (IntLiteral){.width = ty && ty->kind == T_BITS ? ty->width : -1, .base = 10,
                              .digits = n->text};
    return n;
}

Node *ir_cast(Arena *arena, Node *e, Type *to, const Node *at)
{
    if (type_equal(e->ty, to))
        return e;
    Node *c = ir_node(arena, N_CAST, at, to);
    c->expr = e;
    c->type = ast_new(arena, N_TYPE_NAME, at->loc);
    c->type->name = type_name(arena, to);
    c->type->ty = to;
    return c;
}

Node *ir_unary(Arena *arena, Op op, Node *e, Type *ty, const Node *at)
{
    Node *u = ir_node(arena, N_UNARY, at, ty);
    u->op = op;
    u->expr = e;
    return u;
}

Node *ir_binary(Arena *arena, Op op, Node *l, Node *r, Type *ty, const Node *at)
{
    Node *b = ir_node(arena, N_BINARY, at, ty);
    b->op = op;
    b->lhs = l;
    b->rhs = r;
    return b;
}

Node *ir_member(Arena *arena, Node *base, const char *name, const Node *at)
{
    const Field *f = base->ty ? type_field(base->ty, name) : NULL;
    Node *m = ir_node(arena, N_MEMBER, at, f ? f->type : NULL);
    m->expr = base;
    m->name = name;
    return m;
}

Node *ir_assign(Arena *arena, Node *lhs, Node *rhs, const Node *at)
{
    Node *a = ir_node(arena, N_ASSIGN, at, NULL);
    a->op = OP_NONE;
    a->lhs = lhs;
    a->rhs = rhs;
    return a;
}
