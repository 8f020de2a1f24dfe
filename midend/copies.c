/* Which copies a v1model program can ask the traffic manager for
 * (docs/RUNTIME.md, "Traffic manager: copies"). The backend emits the
 * copy machinery (the egress function, the group maps) only for programs
 * that can use it, so programs that never copy compile to the same C as
 * before. */
#include "ir.h"

#include <string.h>

typedef struct CopySearch {
    const Type *std;    /* standard_metadata_t */
    bool multicast;     /* something may write a non-zero mcast_grp */
} CopySearch;

static bool is_zero(const Node *e)
{
    return e && e->kind == N_INT && e->int_lit.digits && strspn(e->int_lit.digits, "0") ==
           strlen(e->int_lit.digits);
}

/* Whether writing the place E may change standard_metadata.mcast_grp: the
 * field itself (or a slice of it), or the whole struct. */
static bool writes_mcast_grp(const CopySearch *cs, const Node *e)
{
    while (e && (e->kind == N_SLICE || e->kind == N_PLUS_SLICE))
        e = e->expr;
    if (!e)
        return false;
    if (e->ty && type_equal(e->ty, cs->std))
        return true;
    return e->kind == N_MEMBER && strcmp(e->name, "mcast_grp") == 0 && e->expr &&
           e->expr->ty && type_equal(e->expr->ty, cs->std);
}

static bool find_copies(Node *n, void *ctx)
{
    CopySearch *cs = ctx;
    if (cs->multicast)
        return false;
    /* mark_to_drop's `mcast_grp = 0` (pass_v1model.c) asks for no copy. */
    if (n->kind == N_ASSIGN && writes_mcast_grp(cs, n->lhs) &&
        !(n->op == OP_NONE && is_zero(n->rhs)))
        cs->multicast = true;
    /* An extern function given the field or the struct to write. */
    if (n->kind == N_CALL && n->expr && n->expr->ty) {
        const Type *f = n->expr->ty;
        for (int i = 0; i < n->args.len; i++) {
            const Node *a = n->args.items[i];
            const Param *p = NULL;
            for (int k = 0; k < f->nparams && !p; k++)
                if (a->name ? strcmp(a->name, f->params[k].name) == 0 : k == i)
                    p = &f->params[k];
            if (p && (p->dir == DIR_OUT || p->dir == DIR_INOUT) && writes_mcast_grp(cs, a->expr))
                cs->multicast = true;
        }
    }
    return !cs->multicast;
}

static void visit(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_copies, .ctx = ctx};
    ast_walk(code, &w);
}

bool ir_v1model_multicasts(IrProgram *ir)
{
    IrBlock *ingress = ir->arch == ARCH_V1MODEL ? ir_block(ir, "ingress") : NULL;
    if (!ingress || ingress->params.len < 3)
        return false;
    CopySearch cs = {.std = ingress->params.items[2]->ty};
    ir_walk_code(ir, visit, &cs);
    return cs.multicast;
}
