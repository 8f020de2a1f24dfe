/* Deep copies of AST subtrees with hooks (see copy.h). */
#include "copy.h"

#include "types.h"

static NodeList copy_list(Copier *cp, NodeList list)
{
    NodeList out = {0};
    for (int i = 0; i < list.len; i++)
        node_list_push(cp->arena, &out, copy_tree(cp, list.items[i]));
    return out;
}

/* The declarations that code in a copy can name or whose types it can
 * hold: those get relinked to their copies. An inlined body declares only
 * variables and constants (sema rejects instantiations in blocks, and
 * parameters are not copied), and only names refer to those. */
static bool is_declaration(NodeKind kind)
{
    switch (kind) {
    case N_PARAM: case N_VAR: case N_CONST: case N_ACTION: case N_TABLE: case N_INSTANCE:
    case N_STATE: case N_VALUE_SET: case N_PARSER: case N_CONTROL:
        return true;
    default:
        return false;
    }
}

/* C's lists of type and parameter declarations, which an inlined body
 * shares with its callee. */
static void copy_signature(Copier *cp, Node *c)
{
    c->type_params = copy_list(cp, c->type_params);
    c->type_args = copy_list(cp, c->type_args);
    c->params = copy_list(cp, c->params);
    c->ctor_params = copy_list(cp, c->ctor_params);
}

Node *copy_tree(Copier *cp, Node *n)
{
    if (!n)
        return NULL;
    Node *r = cp->replace ? cp->replace(cp, n) : NULL;
    if (r)
        return r;
    Node *c = ARENA_NEW(cp->arena, Node);
    *c = *n;
    if (cp->adjust)
        cp->adjust(cp, c);
    if (cp->signatures)
        c->type = copy_tree(cp, n->type);
    c->expr = copy_tree(cp, n->expr);
    c->lhs = copy_tree(cp, n->lhs);
    c->rhs = copy_tree(cp, n->rhs);
    c->body = copy_tree(cp, n->body);
    c->else_body = copy_tree(cp, n->else_body);
    if (cp->signatures)
        copy_signature(cp, c);
    c->args = copy_list(cp, n->args);
    c->locals = copy_list(cp, n->locals);
    c->items = copy_list(cp, n->items);
    if (is_declaration(n->kind)) {
        node_list_push(cp->arena, &cp->from, n);
        node_list_push(cp->arena, &cp->to, c);
    }
    return c;
}

Node *copy_plain(Arena *arena, Node *n)
{
    Copier cp = {.arena = arena};
    return copy_tree(&cp, n);
}

static Node *copied(const Copier *cp, const Node *decl)
{
    for (int i = 0; decl && i < cp->from.len; i++)
        if (cp->from.items[i] == decl)
            return cp->to.items[i];
    return NULL;
}

/* The parameters of a callable's type name their N_PARAM declarations. */
static void relink_params(const Copier *cp, Node *n)
{
    Type *t = n->ty;
    bool moved = false;
    for (int i = 0; t && i < t->nparams && !moved; i++)
        moved = copied(cp, t->params[i].decl) != NULL;
    if (!moved)
        return;
    n->ty = type_copy(cp->arena, t);
    n->ty->params = arena_alloc(cp->arena, sizeof(Param) * (size_t)t->nparams);
    for (int i = 0; i < t->nparams; i++) {
        n->ty->params[i] = t->params[i];
        Node *p = copied(cp, t->params[i].decl);
        if (p)
            n->ty->params[i].decl = p;
    }
}

static bool relink(Node *n, void *ctx)
{
    const Copier *cp = ctx;
    Node *to = copied(cp, n->ref);
    if (to)
        n->ref = to;
    to = n->ty ? copied(cp, n->ty->decl) : NULL;
    if (to) {
        n->ty = type_copy(cp->arena, n->ty);
        n->ty->decl = to;
    }
    relink_params(cp, n);
    return true;
}

/* Names in COPY, and the types of its declarations, still refer to the
 * original declarations. */
void copy_relink(Copier *cp, Node *copy)
{
    AstWalker walker = {.pre = relink, .ctx = cp};
    ast_walk(copy, &walker);
}
