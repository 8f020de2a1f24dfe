/* Emits of aggregates, expanded (spec "Packet emission"): emitting a
 * header stack emits its elements in order, a header union its members
 * (only a valid one writes anything), a struct its fields in order; so the
 * backend's deparser only ever emits headers. */
#include "ir.h"

#include <string.h>

typedef struct Expander {
    IrProgram *ir;
} Expander;

static bool is_emit(const Node *s)
{
    if (s->kind != N_CALL_STMT || s->expr->kind != N_CALL || s->expr->args.len != 1)
        return false;
    return ir_is_packet_method(s->expr, "emit");
}

static Node *emit_of(Expander *x, const Node *emit, Node *part)
{
    Node *stmt = ast_new(x->ir->arena, N_CALL_STMT, emit->loc);
    Node *call = ast_new(x->ir->arena, N_CALL, emit->expr->loc);
    *call = *emit->expr;
    call->args = (NodeList){0};
    Node *arg = ast_new(x->ir->arena, N_ARG, part->loc);
    arg->expr = part;
    arg->ty = part->ty;
    node_list_push(x->ir->arena, &call->args, arg);
    stmt->expr = call;
    return stmt;
}

/* The emits of the headers in TARGET, in order, appended to OUT. */
static void expand_target(Expander *x, const Node *emit, Node *target, NodeList *out)
{
    Arena *a = x->ir->arena;
    const Type *t = target->ty;
    switch (t ? t->kind : T_UNKNOWN) {
    case T_STRUCT: case T_UNION:
        for (int i = 0; i < t->nfields; i++) {
            Node *m = ast_new(a, N_MEMBER, target->loc);
            m->expr = target;
            m->name = t->fields[i].name;
            m->ty = t->fields[i].type;
            expand_target(x, emit, m, out);
        }
        return;
    case T_STACK:
        for (int i = 0; i < t->size; i++) {
            Node *index = ast_new(a, N_INT, target->loc);
            index->text = arena_printf(a, "%d", i);
            index->int_lit = (IntLiteral){.width = -1, .base = 10, .digits = index->text};
            index->ty = type_simple(T_INT);
            Node *elem = ast_new(a, N_INDEX, target->loc);
            elem->expr = target;
            elem->lhs = index;
            elem->ty = t->base;
            expand_target(x, emit, elem, out);
        }
        return;
    default:
        node_list_push(a, out, emit_of(x, emit, target));
        return;
    }
}

static void expand_list(Expander *x, NodeList *items);
static void expand_stmt(Expander *x, Node *s);

/* A statement position that holds one statement (`if (c) b.emit(s);`):
 * an aggregate's emit there becomes a block of the expanded emits. */
static void expand_single(Expander *x, Node **slot)
{
    Node *s = *slot;
    if (!s)
        return;
    if (is_emit(s) && s->expr->args.items[0]->expr->ty &&
        s->expr->args.items[0]->expr->ty->kind != T_HEADER) {
        Node *block = ast_new(x->ir->arena, N_BLOCK, s->loc);
        node_list_push(x->ir->arena, &block->items, s);
        *slot = block;
        s = block;
    }
    expand_stmt(x, s);
}

static void expand_stmt(Expander *x, Node *s)
{
    switch (s->kind) {
    case N_BLOCK:
        expand_list(x, &s->items);
        break;
    case N_IF:
        expand_single(x, &s->body);
        expand_single(x, &s->else_body);
        break;
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            expand_single(x, &s->items.items[i]->body);
        break;
    case N_FOR: case N_FOR_IN:
        expand_single(x, &s->body);
        break;
    case N_EXIT_SCOPE:
        expand_single(x, &s->body);
        expand_single(x, &s->else_body);
        break;
    default:
        break;
    }
}

static void expand_list(Expander *x, NodeList *items)
{
    NodeList out = {0};
    for (int i = 0; i < items->len; i++) {
        Node *s = items->items[i];
        const Type *t = is_emit(s) ? s->expr->args.items[0]->expr->ty : NULL;
        if (t && t->kind != T_HEADER) {
            expand_target(x, s, s->expr->args.items[0]->expr, &out);
            continue;
        }
        expand_stmt(x, s);
        node_list_push(x->ir->arena, &out, s);
    }
    *items = out;
}

static void expand_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    if (code->kind == N_STATE || code->kind == N_BLOCK)
        expand_list(ctx, &code->items);
}

bool pass_emits(IrProgram *ir)
{
    Expander x = {ir};
    ir_walk_code(ir, expand_code, &x);
    return true;
}
