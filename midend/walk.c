/* Every piece of code the program runs, for the passes that work on all
 * of it (ir.h, ir_walk_code): each pass sees the same roots, so nothing
 * a pass normalizes in one block stays unnormalized in another. */
#include "ir.h"

#include <string.h>

static void walk_vars(IrProgram *ir, NodeList *vars, IrCodeVisitor visit, void *ctx)
{
    for (int i = 0; i < vars->len; i++)
        if (vars->items[i]->expr)
            visit(ir, vars->items[i], ctx);
}

static void walk_block(IrProgram *ir, IrBlock *b, IrCodeVisitor visit, void *ctx)
{
    walk_vars(ir, &b->locals, visit, ctx);
    for (int i = 0; i < b->states.len; i++)
        visit(ir, b->states.items[i], ctx);
    if (b->body)
        visit(ir, b->body, ctx);
}

static void walk_table(IrProgram *ir, IrTable *t, IrCodeVisitor visit, void *ctx)
{
    for (int k = 0; k < t->nkeys; k++)
        visit(ir, t->keys[k].expr, ctx);
    if (t->selector_hash)
        visit(ir, t->selector_hash, ctx);
    for (int a = 0; a < t->nactions; a++)
        if (t->actions[a].run != t->actions[a].action && t->actions[a].run->decl->body)
            visit(ir, t->actions[a].run->decl->body, ctx);
    for (int e = 0; e < t->nentries; e++) {
        visit(ir, t->entries[e].keyset, ctx);
        if (t->entries[e].priority)
            visit(ir, t->entries[e].priority, ctx);
        if (t->entries[e].call)
            visit(ir, t->entries[e].call, ctx);
    }
    if (t->default_call)
        visit(ir, t->default_call, ctx);
}

void ir_walk_code(IrProgram *ir, IrCodeVisitor visit, void *ctx)
{
    for (int i = 0; i < ir->nblocks; i++)
        walk_block(ir, &ir->blocks[i], visit, ctx);
    /* An instance's body runs where the midend inlines it; its variables'
     * initializers are copied there too, but the originals still give
     * the state's layout. */
    for (int i = 0; i < ir->ninstances; i++) {
        walk_vars(ir, &ir->instances[i]->locals, visit, ctx);
        if (!ir->inlined) {
            Node *b = ir->instances[i]->control;
            for (int s = 0; s < b->items.len; s++)
                if (b->kind == N_PARSER)
                    visit(ir, b->items.items[s], ctx);
            if (b->body)
                visit(ir, b->body, ctx);
        }
    }
    for (int i = 0; i < ir->functions.len; i++)
        if (ir->functions.items[i]->body)
            visit(ir, ir->functions.items[i]->body, ctx);
    for (int i = 0; i < ir->nactions; i++)
        if (ir->actions[i]->decl->body)
            visit(ir, ir->actions[i]->decl->body, ctx);
    for (int i = 0; i < ir->ntables; i++)
        walk_table(ir, ir->tables[i], visit, ctx);
}

typedef struct IntrinsicSearch {
    const char *name;
    bool found;
} IntrinsicSearch;

static bool find_intrinsic(Node *n, void *ctx)
{
    IntrinsicSearch *s = ctx;
    if (n->kind == N_INTRINSIC && strcmp(n->name, s->name) == 0)
        s->found = true;
    return !s->found;
}

static void search_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_intrinsic, .ctx = ctx};
    ast_walk(code, &w);
}

bool ir_uses_intrinsic(IrProgram *ir, const char *name)
{
    IntrinsicSearch s = {name, false};
    ir_walk_code(ir, search_code, &s);
    return s.found;
}
