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

/* `e[L +: W]` with L known: the slice `e[L+W-1 : L]` (spec "Operations on
 * fixed-width bit types"), which the backend reads and assigns. One that
 * runs past e's width, or with L known only at run time, stays (a
 * located error in the backend). */
static void plus_slice_to_slice(Arena *arena, Node *e)
{
    uint64_t lo, width;
    int base = e->expr->ty ? type_width_bits(e->expr->ty) : -1;
    if (!e->ty || !const_u64(e->lhs, &lo) || !const_u64(e->rhs, &width) || base <= 0 ||
        lo + width > (uint64_t)base || width == 0)
        return;
    Node *hi = ast_new(arena, N_INT, e->lhs->loc);
    hi->text = arena_printf(arena, "%llu",
                            (unsigned long long)(lo + width - 1));
    hi->int_lit = (IntLiteral){.width = -1, .base = 10, .digits = hi->text};
    hi->ty = type_simple(T_INT);
    e->rhs = e->lhs;
    e->lhs = hi;
    e->kind = N_SLICE;
}

typedef struct Folding {
    ConstFolder *folder;
    Arena *arena;
} Folding;

static bool visit(Node *n, void *ctx)
{
    ConstFolder *folder = ((Folding *)ctx)->folder;
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
    case N_PLUS_SLICE:
        fold(folder, n);
        if (n->kind == N_PLUS_SLICE)
            plus_slice_to_slice(((Folding *)ctx)->arena, n);
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
    Folding f = {const_folder_new(ir->arena), ir->arena};
    ir_walk_code(ir, fold_code, &f);
    const_folder_free(f.folder);
    return true;
}
