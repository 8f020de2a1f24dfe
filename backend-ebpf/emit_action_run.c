/* A switch on a table's action_run, fused into the table's dispatch.
 *
 * `switch (t.apply().action_run) { ... }` would switch twice on the same
 * action id: once to run the action, once to pick the arm. Fused, each
 * case of the dispatch runs its action and then its arm.
 *
 * Fused, an arm `if (c) X else Y` may also move ahead of its action A: in
 * a router, `forward` rewrites the MAC addresses and the arm then drops
 * the packet when its TTL expires, throwing the rewrite away. When X drops
 * the packet, nothing runs after the switch, c and X do not read what A
 * writes and A only assigns, the dispatch runs `if (c) X else { A; Y }`:
 * a dropped packet's bytes are never seen, so A's stores into it are dead
 * on the X path. Hand-written XDP code checks first in the same way. */
#include <string.h>

#include "emit.h"

/* ---- which arm an action selects ---- */

/* Whether S switches on the action_run of a table applied right there:
 * `switch (t.apply().action_run)`. */
bool switch_on_applied_table(const Node *s)
{
    const Node *e = s->expr;
    return e && e->kind == N_MEMBER && strcmp(e->name, "action_run") == 0 &&
           e->expr->kind == N_CALL && e->expr->ty && e->expr->ty->kind == T_APPLY_RESULT;
}

/* The body of the arm of switch SW that action A selects (A NULL: no
 * action ran), or NULL when none does. A label without a body falls
 * through to the next label's (spec "Switch statement"). */
static Node *arm_of(Emitter *em, const Node *sw, const IrAction *a)
{
    Node *fallback = NULL;
    bool matched = false;
    for (int i = 0; i < sw->items.len; i++) {
        Node *c = sw->items.items[i];
        if (c->expr->kind == N_DEFAULT) {
            fallback = c->body;
            if (matched && c->body)
                return c->body;
            continue;
        }
        if (!matched && a && c->expr->ref &&
            ir_find_action(em->ir, c->expr->ref) == a)
            matched = true;
        if (matched && c->body)
            return c->body;
    }
    return matched ? NULL : fallback;
}

/* ---- what code reads and writes, as places ---- */

enum { MAX_DEPTH = 8 };   /* actions calling actions followed */

typedef struct Paths {
    IrPlaceList places;
    bool unknown;   /* something not expressible as places: give up */
} Paths;

/* E, a name or a field of one, is read or written. */
static void add_path(Emitter *em, Paths *ps, const Node *e)
{
    IrPlace p;
    if (ir_place_of(em->ir, e, &p))
        ir_place_list_add(em->arena, &ps->places, &p);
    else
        ps->unknown = true;
}

static bool any_overlap(const Paths *a, const Paths *b)
{
    for (int i = 0; i < a->places.len; i++)
        for (int j = 0; j < b->places.len; j++)
            if (ir_places_overlap(&a->places.items[i], &b->places.items[j]))
                return true;
    return false;
}

static IrAction *called_action(Emitter *em, const Node *call)
{
    if (call->kind != N_CALL || !call->expr->ref || call->expr->ref->kind != N_ACTION)
        return NULL;
    return ir_find_action(em->ir, call->expr->ref);
}

static bool is_method_call(const Node *call, const char *method)
{
    return call->kind == N_CALL && call->expr->kind == N_MEMBER &&
           strcmp(call->expr->name, method) == 0;
}

/* The places expression E reads. Only names, fields, constants, operators
 * and isValid() are understood: anything else (calls, indexes) makes the
 * result unknown. */
static void expr_reads(Emitter *em, const Node *e, Paths *reads)
{
    if (!e || reads->unknown)
        return;
    if (e->ty && e->ty->kind == T_BITS && e->ty->width > 64) {
        reads->unknown = true;   /* wide values take temporaries first */
        return;
    }
    switch (e->kind) {
    case N_NAME:
        if (e->ref && (e->ref->kind == N_CONST || e->ref->kind == N_ENUM_MEMBER))
            return;
        add_path(em, reads, e);
        return;
    case N_MEMBER:
        if (e->expr->kind == N_TYPE_EXPR ||
            (e->expr->kind == N_NAME && e->expr->ref &&
             (e->expr->ref->kind == N_ENUM || e->expr->ref->kind == N_ERROR_DECL)))
            return;   /* a constant: xdp_action.XDP_DROP, error.NoMatch */
        add_path(em, reads, e);
        return;
    case N_INT: case N_BOOL:
        return;
    case N_UNARY: case N_CAST:
        expr_reads(em, e->expr, reads);
        return;
    case N_BINARY:
        expr_reads(em, e->lhs, reads);
        expr_reads(em, e->rhs, reads);
        return;
    case N_CALL:
        if (is_method_call(e, "isValid") && e->args.len == 0) {
            add_path(em, reads, e->expr->expr);
            return;
        }
        reads->unknown = true;
        return;
    default:
        reads->unknown = true;
        return;
    }
}

/* The places statement S reads and writes. S may only assign (directly or
 * through actions it calls with directionless arguments): anything else
 * (exit, return, loops, extern or method calls but isValid, setValid and
 * setInvalid) makes WRITES unknown. */
static void stmt_effects(Emitter *em, const Node *s, Paths *reads, Paths *writes, int depth)
{
    if (!s || reads->unknown || writes->unknown)
        return;
    if (depth > MAX_DEPTH) {
        writes->unknown = true;
        return;
    }
    switch (s->kind) {
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            stmt_effects(em, s->items.items[i], reads, writes, depth);
        return;
    case N_EMPTY_STMT:
        return;
    case N_ASSIGN:
        if (s->op != OP_NONE)
            expr_reads(em, s->lhs, reads);
        expr_reads(em, s->rhs, reads);
        add_path(em, writes, s->lhs);
        return;
    case N_IF:
        expr_reads(em, s->expr, reads);
        stmt_effects(em, s->body, reads, writes, depth);
        stmt_effects(em, s->else_body, reads, writes, depth);
        return;
    case N_CALL_STMT: {
        const Node *call = s->expr;
        if ((is_method_call(call, "setValid") || is_method_call(call, "setInvalid")) &&
            call->args.len == 0) {
            add_path(em, writes, call->expr->expr);
            return;
        }
        IrAction *a = called_action(em, call);
        const Type *at = a ? a->decl->ty : NULL;
        if (!at) {
            writes->unknown = true;
            return;
        }
        for (int i = 0; i < call->args.len; i++) {
            if (i >= at->nparams || at->params[i].dir != DIR_NONE) {
                writes->unknown = true;
                return;
            }
            expr_reads(em, call->args.items[i]->expr, reads);
        }
        stmt_effects(em, a->decl->body, reads, writes, depth + 1);
        return;
    }
    default:
        writes->unknown = true;   /* exit, return, loops, switches, ... */
        return;
    }
}

/* ---- whether code drops the packet ---- */

static bool is_drop_verdict(const Node *e)
{
    return e->kind == N_MEMBER && e->ty && e->ty->kind == T_ENUM &&
           (strcmp(e->name, "XDP_DROP") == 0 || strcmp(e->name, "XDP_ABORTED") == 0);
}

typedef struct VerdictScan {
    const Node *xout;   /* the xdp control's xdp_output parameter */
    IrPlace xout_place;
    bool dropped;       /* the verdict so far is drop */
    bool unknown;
} VerdictScan;

static bool find_exit(Node *n, void *ctx)
{
    bool *found = ctx;
    if (n->kind == N_EXIT || n->kind == N_RETURN)
        *found = true;
    return !*found;
}

/* Whether N may leave the control or an action part way. */
static bool may_leave(Node *n)
{
    bool found = false;
    AstWalker w = {.pre = find_exit, .ctx = &found};
    ast_walk(n, &w);
    return found;
}

/* Follows S in order, setting vs->dropped as assignments to
 * xout.output_action go; returns false where S ends the control (exit, or
 * return outside an action). Statements that may set the verdict in ways
 * not followed here make it unknown. */
static bool scan_verdict(Emitter *em, Node *s, VerdictScan *vs, bool in_action, int depth)
{
    if (!s || vs->unknown)
        return true;
    switch (s->kind) {
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++) {
            Node *item = s->items.items[i];
            if (in_action && item->kind == N_RETURN)
                return true;   /* the action ends, its caller goes on */
            if (!scan_verdict(em, item, vs, in_action, depth))
                return false;
        }
        return true;
    case N_EXIT:
        return false;
    case N_RETURN:
        return in_action;
    case N_ASSIGN: {
        IrPlace p;
        if (!ir_place_of(em->ir, s->lhs, &p)) {
            if (ast_refers_to(s->lhs, vs->xout))
                vs->unknown = true;
        } else if (ir_place_within(&p, &vs->xout_place)) {
            if (p.len == 0)
                vs->dropped = false;   /* a whole xdp_output: not followed */
            else if (p.steps[0].field && strcmp(p.steps[0].field, "output_action") == 0)
                vs->dropped = p.len == 1 && is_drop_verdict(s->rhs);
        }
        return true;
    }
    case N_CALL_STMT: {
        IrAction *a = called_action(em, s->expr);
        if (a && depth < MAX_DEPTH && a->decl->ty &&
            !ast_refers_to(s->expr, vs->xout)) {
            /* Arguments cannot name xout; the action's body may. */
            if (!scan_verdict(em, a->decl->body, vs, true, depth + 1))
                vs->unknown = true;   /* exit inside an action */
            return true;
        }
        if (ast_refers_to(s, vs->xout) || a)
            vs->unknown = true;
        return true;
    }
    default:
        /* An exit here would leave with the verdict of the moment, which
         * the action not run first might have set. */
        if (ast_refers_to(s, vs->xout) || may_leave(s))
            vs->unknown = true;
        return true;
    }
}

static bool drops_packet(Emitter *em, Node *s)
{
    if (em->ir->arch != ARCH_XDP || em->ir->control->params.len < 3)
        return false;
    VerdictScan vs = {.xout = em->ir->control->params.items[2]};
    ir_place_root(em->ir, vs.xout, &vs.xout_place);
    scan_verdict(em, s, &vs, false, 0);
    return vs.dropped && !vs.unknown;
}

/* ---- where the switch stands ---- */

/* Whether S is the last thing BODY runs: its last statement, or last in
 * a branch of an if that is. */
static bool runs_last(const Node *body, const Node *s)
{
    if (!body)
        return false;
    if (body == s)
        return true;
    if (body->kind == N_BLOCK)
        return body->items.len && runs_last(body->items.items[body->items.len - 1], s);
    if (body->kind == N_IF)
        return runs_last(body->body, s) || runs_last(body->else_body, s);
    return false;
}

static bool only_emits(Node *n, void *ctx)
{
    bool *pure = ctx;
    if (n->kind == N_CALL && !is_method_call(n, "emit") && !is_method_call(n, "isValid"))
        *pure = false;
    return *pure;
}

/* Whether a dropped packet would make switch SW's actions' writes
 * unobservable: SW ends the top control and the deparser does nothing but
 * emit headers. */
static bool switch_ends_control(Emitter *em, const Node *sw)
{
    if (em->instance || em->ir->arch != ARCH_XDP || !runs_last(em->ir->control->body, sw))
        return false;
    bool pure = true;
    AstWalker w = {.pre = only_emits, .ctx = &pure};
    ast_walk(em->ir->deparser->body, &w);
    return pure;
}

/* ---- emission ---- */

static Node *only_statement(Node *s)
{
    while (s && s->kind == N_BLOCK && s->items.len == 1)
        s = s->items.items[0];
    return s;
}

static void emit_call_then(Emitter *em, const char *call, Node *arm)
{
    emit_line(em, "if (%s)", call);
    emit_line(em, "    %s", exit_jump(em));
    if (arm)
        emit_statement(em, arm);
}

/* Emits `if (c) X else { A; Y }` for ARM when that is what it means (see
 * the top of the file). */
static bool emit_guard_first(Emitter *em, const Node *sw, IrAction *a, const char *call,
                             Node *arm)
{
    Node *iff = only_statement(arm);
    if (!iff || iff->kind != N_IF || !switch_ends_control(em, sw))
        return false;
    bool then_drops = drops_packet(em, iff->body);
    bool else_drops = !then_drops && iff->else_body && drops_packet(em, iff->else_body);
    if (!then_drops && !else_drops)
        return false;
    Paths action_reads = {0}, action_writes = {0}, guard_reads = {0}, drop_writes = {0};
    stmt_effects(em, a->decl->body, &action_reads, &action_writes, 0);
    expr_reads(em, iff->expr, &guard_reads);
    stmt_effects(em, then_drops ? iff->body : iff->else_body, &guard_reads, &drop_writes, 0);
    if (action_reads.unknown || action_writes.unknown || guard_reads.unknown ||
        drop_writes.unknown || any_overlap(&action_writes, &guard_reads))
        return false;
    emit_line_directive(em, iff);
    emit_line(em, "if (%s) {", emit_expr(em, iff->expr));
    em->indent++;
    if (then_drops)
        emit_statement(em, iff->body);
    else
        emit_call_then(em, call, iff->body);
    em->indent--;
    emit_line(em, "} else {");
    em->indent++;
    if (else_drops)
        emit_statement(em, iff->else_body);
    else
        emit_call_then(em, call, iff->else_body);
    em->indent--;
    emit_line(em, "}");
    return true;
}

void emit_action_and_arm(Emitter *em, const Node *sw, IrAction *a, IrAction *run,
                         const char *call)
{
    Node *arm = sw ? arm_of(em, sw, a) : NULL;
    if (!a) {
        if (arm)
            emit_statement(em, arm);
        return;
    }
    if (arm && emit_guard_first(em, sw, run, call, arm))
        return;
    emit_call_then(em, call, arm);
}
