/* PNA's extern functions (pna.p4) as plain code, so the backend knows
 * none by name; PNA's extern objects (Counter, Register, Hash, ...) are
 * PSA's and pass_psa.c, which runs next, rewrites them:
 *
 *   send_to_port(p)             p4cc_pna_dest = 1; p4cc_pna_port = (bit<32>)p
 *   drop_packet()               p4cc_pna_dest = 2
 *   recirculate()               p4cc_pna_recirc = 1
 *   SelectByDirection(d, a, b)  d == NET_TO_HOST ? a : b
 *   set_entry_expire_time(..),  nothing, with a warning: entries never
 *   restart_expire_timer()      expire (no idle timeout on this target)
 *
 * p4cc_pna_dest and p4cc_pna_port are variables of the main control
 * block, so they live in the per-packet state; the backend reads them
 * after the main control (emit_pna.c): 0 (neither called) passes the
 * packet to the host's stack, 1 sends it to the port, 2 drops it
 * (docs/RUNTIME.md, "PNA"). The last call wins, as pna.p4 says.
 *
 * p4cc_pna_recirc is declared only in programs that recirculate (the
 * backend's tail call is there only then).
 *
 * add_entry in the default action of a table with `add_on_miss = true`
 * (an exact-match table) fills the table's learn variables
 * (IrTable.learn_action, learn_call); the backend inserts the entry after
 * the miss (emit_tables.c).
 *
 * mirror_packet, add_entry elsewhere and allocate_flow_id are located
 * errors. The pre-control shares the main parser's headers and metadata
 * in the state (midend/arch.c): their types must match. Runs before
 * inlining, like pass_psa.c. */
#include "ir.h"

#include <string.h>

#include "build.h"

typedef struct Pna {
    IrProgram *ir;
    Arena *arena;
    IrBlock *main;
    Node *dest, *port;      /* the main control's variables above */
    Node *recirc;           /* made on the first recirculate() */
    bool ok;
} Pna;

static Node *mk(Pna *p, NodeKind kind, const Node *at, Type *ty)
{
    return ir_node(p->arena, kind, at, ty);
}

static Node *lit(Pna *p, unsigned long long v, Type *ty, const Node *at)
{
    return ir_int(p->arena, v, ty, at);
}

static Node *cast(Pna *p, Node *e, Type *to, const Node *at)
{
    return ir_cast(p->arena, e, to, at);
}

static Node *ref(Pna *p, Node *decl, const Node *at)
{
    return ir_name(p->arena, decl, at);
}

static Node *assign(Pna *p, Node *var, Node *rhs, const Node *at)
{
    Node *a = mk(p, N_ASSIGN, at, NULL);
    a->op = OP_NONE;
    a->lhs = ref(p, var, at);
    a->rhs = rhs;
    return a;
}

/* A variable of the main control block, in the per-packet state. */
static Node *state_var_of(Pna *p, IrBlock *main, const char *name, Type *ty)
{
    Node *var = mk(p, N_VAR, main->decl, ty);
    var->name = name;
    var->type = ast_new(p->arena, N_TYPE_NAME, main->decl->loc);
    var->type->name = type_name(p->arena, ty);
    var->type->ty = ty;
    if (ty->kind == T_BITS)
        var->expr = lit(p, 0, ty, main->decl);
    node_list_push(p->arena, &main->locals, var);
    return var;
}

static Node *state_var(Pna *p, IrBlock *main, const char *name, int width)
{
    return state_var_of(p, main, name, type_bits(p->arena, width, false));
}

static Node *arg(Node *call, int i)
{
    return i < call->args.len ? call->args.items[i]->expr : NULL;
}

/* A value of a new type (PortId_t) as its bits. */
static Node *as_bits(Pna *p, Node *e)
{
    Type *t = e->ty;
    while (t && t->kind == T_NEWTYPE && t->base)
        t = t->base;
    return t && t != e->ty ? cast(p, e, t, e) : e;
}

/* d == NET_TO_HOST ? a : b; the enum's member compared as the backend
 * numbers it (its position). */
static Node *select_by_direction(Pna *p, Node *call)
{
    Node *d = arg(call, 0);
    const Node *decl = d && d->ty && d->ty->kind == T_ENUM ? d->ty->decl : NULL;
    int pos = -1;
    for (int i = 0; decl && i < decl->items.len; i++)
        if (strcmp(decl->items.items[i]->name, "NET_TO_HOST") == 0)
            pos = i;
    if (pos < 0) {
        diag_error(p->ir->diag, call->loc, "SelectByDirection's direction must be pna.p4's %s",
                   "PNA_Direction_t");
        p->ok = false;
        return NULL;
    }
    Node *eq = mk(p, N_BINARY, call, type_simple(T_BOOL));
    eq->op = OP_EQ;
    eq->lhs = d;
    eq->rhs = cast(p, lit(p, (unsigned long long)pos, type_bits(p->arena, 32, false), call),
                   d->ty, call);
    Node *t = mk(p, N_TERNARY, call, call->ty);
    t->expr = eq;
    t->lhs = arg(call, 1);
    t->rhs = arg(call, 2);
    return t;
}

/* The extern function CALL names, or NULL. */
static const char *function_of(const Node *call)
{
    const Node *callee = call->expr;
    return callee->kind == N_NAME && callee->ref && callee->ref->kind == N_EXTERN_FUNCTION
           ? callee->name : NULL;
}

static bool unsupported(Pna *p, const Node *call, const char *f)
{
    static const char *const names[] = {"mirror_packet", "allocate_flow_id"};
    if (strcmp(f, "add_entry") == 0) {
        diag_error(p->ir->diag, call->loc, "the XDP backend supports add_entry only in the "
                   "default action of a table with 'add_on_miss = true'%s", "");
        p->ok = false;
        return true;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(f, names[i]) == 0) {
            diag_error(p->ir->diag, call->loc, "'%s' (pna.p4) is not supported by the XDP "
                                               "backend yet", f);
            p->ok = false;
            return true;
        }
    return false;
}

/* The statement replacing call statement S, or NULL to keep it. */
static Node *statement(Pna *p, Node *s)
{
    Node *call = s->expr;
    const char *f = function_of(call);
    if (!f)
        return NULL;
    if (strcmp(f, "drop_packet") == 0)
        return assign(p, p->dest, lit(p, 2, p->dest->ty, s), s);
    if (strcmp(f, "send_to_port") == 0) {
        Node *b = mk(p, N_BLOCK, s, NULL);
        node_list_push(p->arena, &b->items, assign(p, p->dest, lit(p, 1, p->dest->ty, s), s));
        node_list_push(p->arena, &b->items,
                       assign(p, p->port, cast(p, as_bits(p, arg(call, 0)), p->port->ty, s), s));
        return b;
    }
    if (strcmp(f, "recirculate") == 0) {
        if (!p->recirc)
            p->recirc = state_var(p, p->main, "p4cc_pna_recirc", 8);
        return assign(p, p->recirc, lit(p, 1, p->recirc->ty, s), s);
    }
    if (strcmp(f, "set_entry_expire_time") == 0 || strcmp(f, "restart_expire_timer") == 0) {
        diag_warning(p->ir->diag, call->loc, "'%s' is ignored by the XDP backend: its table "
                                             "entries never expire", f);
        return mk(p, N_EMPTY_STMT, s, NULL);
    }
    return NULL;
}

static bool visit(Node *n, void *ctx);

/* add_entry(action_name, action_params, expire_time_profile_id) in the
 * default action of add-on-miss table T: the action's data into T's
 * learn variables and the flag set (IrTable.learn_action); the backend
 * inserts the entry after the miss. The expiry profile is ignored (no
 * entry expires). */
static Node *learn_call(Pna *p, IrTable *t, Node *s)
{
    Node *call = s->expr, *name = arg(call, 0), *data = arg(call, 1);
    IrAction *a = NULL;
    for (int i = 0; name && name->kind == N_STRING && i < t->nactions; i++)
        if (strcmp(t->actions[i].action->decl->name, name->text) == 0)
            a = t->actions[i].action;
    if (!a) {
        diag_error(p->ir->diag, (name ? name : call)->loc, "add_entry needs the name of an "
                   "action of table '%s' here", t->name);
        return NULL;
    }
    if (t->learn_action && t->learn_action != a) {
        diag_error(p->ir->diag, call->loc, "the XDP backend's add_entry inserts one action "
                   "per table ('%s' and '%s')", t->learn_action->name, a->name);
        return NULL;
    }
    const Type *at = a->decl->ty;
    int n = at ? at->nparams : 0;
    NodeList values = {0};
    if (data && (data->kind == N_LIST_EXPR || data->kind == N_STRUCT_EXPR)) {
        for (int i = 0; i < data->items.len; i++) {
            Node *e = data->items.items[i];
            node_list_push(p->arena, &values, e->kind == N_KV ? e->expr : e);
        }
    } else if (data && data->ty && data->ty->kind == T_STRUCT) {
        for (int i = 0; i < data->ty->nfields; i++) {
            Node *m = mk(p, N_MEMBER, data, data->ty->fields[i].type);
            m->expr = data;
            m->name = data->ty->fields[i].name;
            node_list_push(p->arena, &values, m);
        }
    } else if (data) {
        node_list_push(p->arena, &values, data);
    }
    if (values.len != n) {
        diag_error(p->ir->diag, (data ? data : call)->loc, "add_entry gives %d value%s for the "
                   "%d parameter%s of action '%s'", values.len, values.len == 1 ? "" : "s", n,
                   n == 1 ? "" : "s", a->name);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        if (at->params[i].dir != DIR_NONE || type_width_bits(at->params[i].type) > 64 ||
            type_width_bits(at->params[i].type) <= 0) {
            diag_error(p->ir->diag, call->loc, "add_entry of action '%s' is supported by the "
                       "XDP backend for directionless parameters of up to 64 bits ('%s' is "
                       "not)", a->name, at->params[i].name);
            return NULL;
        }
    if (!t->learn_action) {
        t->learn_action = a;
        t->learn_flag = state_var(p, p->main, arena_printf(p->arena, "p4cc_learn_%s",
                                                           t->c_name), 8);
        t->learn_params = arena_alloc(p->arena, sizeof(Node *) * (size_t)(n + 1));
        for (int i = 0; i < n; i++)
            t->learn_params[i] = state_var_of(p, p->main,
                                              arena_printf(p->arena, "p4cc_learn_%s_%s",
                                                           t->c_name, at->params[i].name),
                                              at->params[i].type);
    }
    Node *b = mk(p, N_BLOCK, s, NULL);
    node_list_push(p->arena, &b->items,
                   assign(p, t->learn_flag, lit(p, 1, t->learn_flag->ty, s), s));
    for (int i = 0; i < n; i++)
        node_list_push(p->arena, &b->items,
                       assign(p, t->learn_params[i],
                              cast(p, values.items[i], t->learn_params[i]->ty, s), s));
    return b;
}

typedef struct Learn {
    Pna *p;
    IrTable *t;
} Learn;

static bool visit_learn(Node *n, void *ctx)
{
    Learn *l = ctx;
    if (n->kind != N_BLOCK)
        return true;
    for (int i = 0; i < n->items.len; i++) {
        Node *s = n->items.items[i];
        /* A call statement, or `ok = add_entry(...)`: the insertion
         * happens after the action, so the result it gives is true. */
        Node *call = s->kind == N_CALL_STMT ? s->expr
                     : s->kind == N_ASSIGN && s->op == OP_NONE ? s->rhs : NULL;
        const char *f = call && call->kind == N_CALL ? function_of(call) : NULL;
        if (f && strcmp(f, "add_entry") == 0) {
            Node *cs = mk(l->p, N_CALL_STMT, s, NULL);
            cs->expr = call;
            Node *r = learn_call(l->p, l->t, cs);
            if (r && s->kind == N_ASSIGN) {
                Node *t = mk(l->p, N_BOOL, s, type_simple(T_BOOL));
                t->bool_value = true;
                Node *set = mk(l->p, N_ASSIGN, s, NULL);
                set->op = OP_NONE;
                set->lhs = s->lhs;
                set->rhs = t;
                node_list_push(l->p->arena, &r->items, set);
            }
            if (!r)
                l->p->ok = false;
            else
                n->items.items[i] = r;
        }
    }
    return true;
}

/* Table T's `add_on_miss = true`, or NULL. */
static const Node *adds_on_miss(const IrTable *t)
{
    for (int i = 0; i < t->decl->items.len; i++) {
        const Node *prop = t->decl->items.items[i];
        if (prop->kind == N_PROP_OTHER && prop->name && strcmp(prop->name, "add_on_miss") == 0)
            return prop->expr && prop->expr->kind == N_BOOL && prop->expr->bool_value ? prop
                                                                                      : NULL;
    }
    return NULL;
}

/* The add_entry calls of add-on-miss tables' default actions; any other
 * add_entry is an error (the walk after this). A hash table only: the
 * others' entries are not keyed by the lookup key alone. */
static void learn(Pna *p)
{
    for (int i = 0; i < p->ir->ntables; i++) {
        IrTable *t = p->ir->tables[i];
        const Node *prop = adds_on_miss(t);
        if (!prop || !t->default_action)
            continue;
        if (t->kind != TABLE_HASH || t->cache_size || t->implementation || t->entries_const) {
            diag_error(p->ir->diag, prop->loc, "add-on-miss is supported by the XDP backend "
                       "for tables of exact keys without const entries only ('%s')", t->name);
            p->ok = false;
            continue;
        }
        /* One action's add_entry fills one table's variables. */
        for (int j = 0; j < i; j++)
            if (p->ir->tables[j]->default_action == t->default_action &&
                adds_on_miss(p->ir->tables[j])) {
                diag_error(p->ir->diag, prop->loc, "the XDP backend needs a default action of "
                           "its own for each add-on-miss table ('%s' shares '%s')", t->name,
                           t->default_action->name);
                p->ok = false;
            }
        Learn l = {p, t};
        ast_walk(t->default_action->decl->body, &(AstWalker){.pre = visit_learn, .ctx = &l});
    }
}

static void rewrite(Pna *p, Node **slot, bool stmt)
{
    Node *s = *slot;
    if (!s)
        return;
    if (stmt && s->kind == N_CALL_STMT && s->expr->kind == N_CALL) {
        Node *r = statement(p, s);
        if (r) {
            *slot = r;
            return;
        }
    }
    ast_walk(s, &(AstWalker){.pre = visit, .ctx = p});
}

/* Statement lists and branches through rewrite; expressions in place. */
static bool visit(Node *n, void *ctx)
{
    Pna *p = ctx;
    switch (n->kind) {
    case N_BLOCK: case N_STATE:
        for (int i = 0; i < n->items.len; i++)
            rewrite(p, &n->items.items[i], true);
        if (n->kind == N_STATE && n->body)
            rewrite(p, &n->body, false);
        return false;
    case N_IF:
        rewrite(p, &n->expr, false);
        rewrite(p, &n->body, true);
        rewrite(p, &n->else_body, true);
        return false;
    case N_SWITCH:
        rewrite(p, &n->expr, false);
        for (int i = 0; i < n->items.len; i++)
            rewrite(p, &n->items.items[i]->body, true);
        return false;
    case N_CALL: {
        const char *f = function_of(n);
        if (!f || unsupported(p, n, f))
            return true;
        if (strcmp(f, "SelectByDirection") == 0) {
            Node *r = select_by_direction(p, n);
            if (r)
                *n = *r;
            return true;   /* the arguments may hold more */
        }
        if (strcmp(f, "send_to_port") == 0 || strcmp(f, "drop_packet") == 0 ||
            strcmp(f, "recirculate") == 0 ||
            strcmp(f, "set_entry_expire_time") == 0 || strcmp(f, "restart_expire_timer") == 0) {
            diag_error(p->ir->diag, n->loc, "'%s' must be a statement of its own for the XDP "
                                            "backend", f);
            p->ok = false;
        }
        return true;
    }
    default:
        return true;
    }
}

static void rewrite_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    ast_walk(code, &(AstWalker){.pre = visit, .ctx = ctx});
}

/* The pre-control's headers and metadata are the main pipeline's in the
 * state: a program with other types for them is refused. */
static bool check_pre_control(Pna *p)
{
    IrBlock *pre = ir_block(p->ir, "preControl"), *main = ir_block(p->ir, "mainControl");
    for (int i = 0; i < 2 && pre && main && i < pre->params.len && i < main->params.len; i++) {
        Node *a = pre->params.items[i], *b = main->params.items[i];
        if (a->ty && b->ty && !type_equal(a->ty, b->ty)) {
            diag_error(p->ir->diag, a->loc, "the XDP backend needs the pre-control's parameter "
                       "'%s' to have the main control's type '%s' (pna.p4's PH and PM the same "
                       "as MH and MM)", a->name, type_name(p->arena, b->ty));
            return false;
        }
    }
    return true;
}

bool pass_pna(IrProgram *ir)
{
    if (ir->arch != ARCH_PNA)
        return true;
    Pna p = {.ir = ir, .arena = ir->arena, .ok = true};
    if (!check_pre_control(&p))
        return false;
    p.main = ir_block(ir, "mainControl");
    p.dest = state_var(&p, p.main, "p4cc_pna_dest", 8);
    p.port = state_var(&p, p.main, "p4cc_pna_port", 32);
    learn(&p);
    ir_walk_code(ir, rewrite_code, &p);
    return p.ok;
}
