/* Dead-code removal: `if` with a constant condition keeps only the branch
 * that runs, and statements after `exit`/`return` in a block are dropped. */
#include "ir.h"

static void prune(Arena *arena, Node *stmt);

static void prune_list(Arena *arena, NodeList *items)
{
    int kept = 0;
    for (int i = 0; i < items->len; i++) {
        Node *s = items->items[i];
        if (s->kind == N_CALL_STMT && (s->expr->kind == N_BOOL || s->expr->kind == N_INT))
            continue;   /* a call constfold evaluated (static_assert): nothing to run */
        prune(arena, s);
        items->items[kept++] = s;
        if (s->kind == N_EXIT || s->kind == N_RETURN)
            break;
    }
    items->len = kept;
}

static void prune(Arena *arena, Node *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case N_BLOCK:
        prune_list(arena, &s->items);
        break;
    case N_IF:
        prune(arena, s->body);
        prune(arena, s->else_body);
        if (s->expr->kind == N_BOOL) {
            /* Keep the statement a block so its position stays valid. */
            Node *taken = s->expr->bool_value ? s->body : s->else_body;
            s->kind = N_BLOCK;
            s->items = (NodeList){0};
            if (taken)
                node_list_push(arena, &s->items, taken);
            s->expr = NULL;
            s->body = NULL;
            s->else_body = NULL;
        }
        break;
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            prune(arena, s->items.items[i]->body);
        break;
    case N_FOR: case N_FOR_IN:
        prune(arena, s->body);
        break;
    case N_EXIT_SCOPE:
        prune(arena, s->body);
        prune(arena, s->else_body);
        break;
    default:
        break;
    }
}

static void prune_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ctx;
    if (code->kind == N_STATE)
        prune_list(ir->arena, &code->items);
    else
        prune(ir->arena, code);
}

bool pass_dead_code(IrProgram *ir)
{
    ir_walk_code(ir, prune_code, NULL);
    return true;
}
