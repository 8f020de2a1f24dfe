/* Extern objects passed to control instances' parameters (`c.apply(hdr,
 * r)` for `control C(inout H h, register<bit<8>> p)`): the passes that
 * turn extern methods into intrinsics (pass_v1model.c, pass_psa.c) need
 * the object a method's receiver stands for, and a parameter has one
 * object whatever the apply (the XDP backend keeps no extern handles at
 * run time). */
#include "ir.h"

#include <string.h>

typedef struct ExternBinding {
    Node *param;
    Node *bound;    /* an instance, or the parameter of an outer control */
} ExternBinding;

struct IrExternBindings {
    IrProgram *ir;
    ExternBinding *items;
    int len, room;
};

/* Records what an apply of a control instance passes to its parameters of
 * extern type: one extern object each, whatever the apply. */
static bool bind_params(Node *n, void *ctx)
{
    IrExternBindings *eb = ctx;
    if (n->kind != N_CALL || n->expr->kind != N_MEMBER || strcmp(n->expr->name, "apply") != 0 ||
        n->expr->expr->kind != N_NAME || !n->expr->expr->ref ||
        n->expr->expr->ref->kind != N_INSTANCE)
        return true;
    IrInstance *inst = ir_find_instance(eb->ir, n->expr->expr->ref);
    NodeList *params = inst ? &inst->control->type->params : NULL;
    for (int i = 0; params && i < params->len && i < n->args.len; i++) {
        Node *p = params->items[i], *a = n->args.items[i]->expr;
        if (!p->ty || p->ty->kind != T_EXTERN)
            continue;
        Node *bound = a->kind == N_NAME ? a->ref : NULL;
        for (int b = 0; b < eb->len; b++)
            if (eb->items[b].param == p && eb->items[b].bound != bound) {
                diag_error(eb->ir->diag, a->loc, "'%s' is applied here with another extern "
                           "object for its parameter '%s' than before; the XDP backend needs one "
                           "object per parameter", inst->name, p->name);
                return true;
            }
        if (!bound)
            continue;
        if (eb->len == eb->room) {
            int room = eb->room * 2 + 4;
            eb->items = arena_realloc(eb->ir->arena, eb->items,
                                      sizeof *eb->items * (size_t)eb->room,
                                      sizeof *eb->items * (size_t)room);
            eb->room = room;
        }
        eb->items[eb->len++] = (ExternBinding){p, bound};
    }
    return true;
}

static void bind_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = bind_params, .ctx = ctx};
    ast_walk(code, &w);
}

IrExternBindings *ir_bind_extern_params(IrProgram *ir)
{
    IrExternBindings *eb = ARENA_NEW(ir->arena, IrExternBindings);
    eb->ir = ir;
    ir_walk_code(ir, bind_code, eb);
    return eb;
}

Node *ir_bound_extern(const IrExternBindings *eb, Node *decl)
{
    for (int depth = 0; decl && decl->kind == N_PARAM && depth <= eb->len; depth++) {
        Node *next = NULL;
        for (int i = 0; i < eb->len && !next; i++)
            if (eb->items[i].param == decl)
                next = eb->items[i].bound;
        if (!next)
            break;
        decl = next;
    }
    return decl;
}
