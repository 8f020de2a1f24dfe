/* The IR checked between passes (ir.h, ir_verify): what every stage
 * guarantees, and, once the passes that establish it have run, the
 * backend's input contract, so that the backend never has to cope with a
 * form a pass should have removed (docs/ARCHITECTURE.md, "Backend input").
 * A violation is a p4cc bug: it is reported at the node as an internal
 * error and stops the compilation. */
#include "ir.h"

#include <string.h>

typedef struct Verifier {
    IrProgram *ir;
    const char *pass;
    bool emits_expanded;   /* pass_emits has run */
    bool folded;        /* constfold has run */
    bool pruned;        /* dead-code has run */
    bool table_call;    /* checking a table's entry or default call: data, not a call */
    bool failed;
} Verifier;

static void violation(Verifier *v, const Node *at, const char *what)
{
    if (v->failed)
        return;   /* one report: the rest follows from it */
    v->failed = true;
    diag_error(v->ir->diag, at->loc, "internal error: after %s%s, %s (a p4cc bug; please report "
               "it with this program)", v->pass ? "the midend pass " : "lowering",
               v->pass ? v->pass : "", what);
}

static bool is_out(const Param *p)
{
    return p->dir == DIR_OUT || p->dir == DIR_INOUT;
}

/* An argument the backend can pass by address: a fresh local that only
 * the call's copy-in and copy-back use. */
static bool is_local_name(const Node *e)
{
    return e->kind == N_NAME && e->ref && e->ref->kind == N_VAR;
}

static void check_call(Verifier *v, Node *call)
{
    Node *callee = call->expr;
    if (v->emits_expanded && ir_is_packet_method(call, "emit") && call->args.len == 1 &&
        call->args.items[0]->expr->ty && call->args.items[0]->expr->ty->kind != T_HEADER) {
        violation(v, call, "an emit of something other than a header is left (pass_emits.c "
                           "expands them)");
        return;
    }
    if (callee->kind == N_MEMBER && strcmp(callee->name, "apply") == 0 && callee->expr->ref &&
        callee->expr->ref->kind == N_INSTANCE && v->ir->inlined) {
        violation(v, call, "a parser or control instance is still applied here (pass_inline.c "
                           "inlines them)");
        return;
    }
    if (callee->kind == N_MEMBER && callee->expr->ty && callee->expr->ty->kind == T_TABLE &&
        !ir_find_table(v->ir, callee->expr->ty->decl)) {
        violation(v, call, "this table apply names no table of the IR");
        return;
    }
    Node *d = callee->kind == N_NAME ? callee->ref : NULL;
    if (!d || (d->kind != N_ACTION && d->kind != N_FUNCTION) || !d->ty)
        return;
    if (!v->ir->inlined || v->table_call)
        return;
    if (d->kind == N_ACTION && !ir_find_action(v->ir, d)) {
        violation(v, call, "this call names an action the IR does not have");
        return;
    }
    for (int i = 0; i < call->args.len && i < d->ty->nparams; i++) {
        Node *arg = call->args.items[i]->expr;
        if (call->args.items[i]->name) {
            violation(v, call, "a call the midend left still has named arguments");
            return;
        }
        if (is_out(&d->ty->params[i]) && arg->kind != N_DONTCARE && !is_local_name(arg)) {
            violation(v, arg, "an out or inout argument of a call is not a local of the "
                              "call's copy-in/copy-out");
            return;
        }
    }
}

static bool check_node(Node *n, void *ctx)
{
    Verifier *v = ctx;
    switch (n->kind) {
    case N_NAME:
        if (!n->ref)
            violation(v, n, "a name refers to no declaration");
        break;
    case N_CALL:
        check_call(v, n);
        break;
    case N_CALL_STMT:
        if (v->pruned && n->expr->kind != N_CALL && n->expr->kind != N_INTRINSIC)
            violation(v, n, "a call statement holds no call");
        break;
    case N_EXIT_SCOPE:
        if (!n->body || !n->else_body || n->else_body->kind != N_BLOCK)
            violation(v, n, "an exit scope has no body or no handler block");
        break;
    case N_INT: case N_BOOL:
        break;
    default:
        /* After folding, a compile-time value is a literal (spec
         * "Compile-time known values"), except enum and error members. */
        if (v->folded && n->value && n->ty &&
            (n->ty->kind == T_BITS || n->ty->kind == T_INT || n->ty->kind == T_BOOL) &&
            n->kind != N_PARAM && n->kind != N_VAR && n->kind != N_CONST && n->kind != N_ARG &&
            n->kind != N_KV && n->kind != N_TUPLE_KEYSET)
            violation(v, n, "a compile-time known value was not folded to a literal");
        break;
    }
    return !v->failed;
}

static void verify_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    Verifier *v = ctx;
    /* A table's default action or an entry's action, with its arguments:
     * what the table runs, not a call in the code. */
    v->table_call = code->kind == N_CALL || code->kind == N_ACTION_REF;
    AstWalker w = {.pre = check_node, .ctx = ctx};
    ast_walk(code, &w);
}

bool ir_verify(IrProgram *ir, const char *pass)
{
    Verifier v = {.ir = ir, .pass = pass};
    for (int i = 0; pass && i < ir_npasses; i++) {
        if (strcmp(ir_passes[i].name, "constfold") == 0)
            v.folded = true;   /* constfold ran at or before PASS */
        if (strcmp(ir_passes[i].name, "emits") == 0)
            v.emits_expanded = true;
        if (strcmp(ir_passes[i].name, "dead-code") == 0)
            v.pruned = true;
        if (strcmp(ir_passes[i].name, pass) == 0)
            break;
    }
    ir_walk_code(ir, verify_code, &v);
    return !v.failed;
}
