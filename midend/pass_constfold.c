/* Constant folding: every expression whose value semantic analysis computed
 * (Node.value, with the spec's wrap-around rules already applied) becomes a
 * literal of its type, so later passes and the backend see constants. */
#include "ir.h"

#include "constvalue.h"

static void fold(ConstFolder *folder, Node *e)
{
    const ConstValue *v = e->value ? e->value : const_folder_eval(folder, e);
    if (!v || !e->ty || e->kind == N_INT || e->kind == N_BOOL)
        return;
    bool scalar = e->ty->kind == T_BITS || e->ty->kind == T_INT || e->ty->kind == T_BOOL;
    if (v->kind == CV_LIST && v->nelems == 1 && scalar) {
        /* `{ x }` where a key of x's type stands: its one value (a struct
         * `{ { ... } }` keeps its list: its one member is not the struct). */
        e->value = v->elems[0];
        v = e->value;
    }
    if (v->kind == CV_INT && (e->ty->kind == T_BITS || e->ty->kind == T_INT)) {
        NodeKind was = e->kind;
        (void)was;
        e->kind = N_INT;
        e->text = v->digits;
        e->int_lit.width = e->ty->kind == T_BITS ? e->ty->width : -1;
        e->int_lit.is_signed = e->ty->kind == T_BITS && e->ty->is_signed;
        e->int_lit.base = 10;
        e->int_lit.digits = v->digits;
        e->expr = e->lhs = e->rhs = NULL;
        e->args = (NodeList){0};
    } else if (v->kind == CV_BOOL && e->ty->kind == T_BOOL) {
        e->kind = N_BOOL;
        e->bool_value = v->boolean;
        e->expr = e->lhs = e->rhs = NULL;
        e->args = (NodeList){0};
    }
}

static bool visit(Node *n, void *ctx)
{
    ConstFolder *folder = ctx;
    /* Children first: a parent folds to a literal and loses them anyway. */
    ast_for_each_child(n, visit, ctx);
    switch (n->kind) {
    case N_UNARY: case N_BINARY: case N_TERNARY: case N_CAST: case N_NAME: case N_MEMBER:
    case N_SLICE: case N_CALL: case N_LIST_EXPR:
        if (n->kind == N_MEMBER && n->ty && n->ty->kind != T_BITS && n->ty->kind != T_INT &&
            n->ty->kind != T_BOOL)
            break;   /* enum and error members stay symbolic */
        fold(folder, n);
        break;
    default:
        break;
    }
    return true;
}

static void fold_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    visit(code, ctx);
}

bool pass_constfold(IrProgram *ir)
{
    ConstFolder *folder = const_folder_new(ir->arena);
    ir_walk_code(ir, fold_code, folder);
    const_folder_free(folder);
    return true;
}
