/* Dead-state removal: parser states no transition can reach from `start`
 * are dropped, so the backend neither emits nor verifies them. */
#include "ir.h"

#include <string.h>

static int state_index(const NodeList *states, const Node *state)
{
    for (int i = 0; i < states->len; i++)
        if (states->items[i] == state)
            return i;
    return -1;
}

static void mark(const NodeList *states, bool *reachable, int i);

static void mark_target(const NodeList *states, bool *reachable, const Node *target)
{
    int j = target ? state_index(states, target) : -1;
    if (j >= 0)
        mark(states, reachable, j);
}

static void mark(const NodeList *states, bool *reachable, int i)
{
    if (reachable[i])
        return;
    reachable[i] = true;
    Node *t = states->items[i]->body;
    if (!t)
        return;
    if (t->expr->kind == N_NAME) {
        mark_target(states, reachable, t->expr->ref);
        return;
    }
    for (int c = 0; c < t->expr->items.len; c++)
        mark_target(states, reachable, t->expr->items.items[c]->ref);
}

static void drop_dead_states(IrProgram *ir, NodeList *states)
{
    bool *reachable = arena_alloc(ir->arena, sizeof(bool) * (size_t)(states->len + 1));
    int start = -1;
    for (int i = 0; i < states->len; i++)
        if (strcmp(states->items[i]->name, "start") == 0)
            start = i;
    if (start < 0)
        return;
    mark(states, reachable, start);
    /* Keep `start` first: the backend enters the graph there. */
    NodeList kept = {0};
    node_list_push(ir->arena, &kept, states->items[start]);
    for (int i = 0; i < states->len; i++)
        if (reachable[i] && i != start)
            node_list_push(ir->arena, &kept, states->items[i]);
    *states = kept;
}

bool pass_dead_states(IrProgram *ir)
{
    for (int b = 0; b < ir->nblocks; b++)
        if (ir->blocks[b].kind == BLOCK_PARSER)
            drop_dead_states(ir, &ir->blocks[b].states);
    return true;
}
