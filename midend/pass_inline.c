/* Inlining (issue 4): a direct call of an action or of a function becomes
 * the callee's body, with the spec's calling convention ("Calling
 * convention: call by copy in/copy out") made explicit:
 *
 *   {
 *       T1 a_1 = arg1;          // in, inout and directionless arguments,
 *       T2 b_2;                 // out ones uninitialized, left to right
 *       { body with the parameters renamed to the locals }
 *       arg2 = b_2;             // copy-back of out and inout, left to right
 *   }
 *
 * An `in` (or directionless) argument whose copy cannot be observed is
 * used directly instead of through a local: a compile-time constant, or a
 * path (names, fields, constant indexes) that nothing in the body writes.
 * `return` becomes structured code: the rest of the body moves into the
 * branch of an `if` that does not return, or, where that would duplicate
 * code, runs under a flag that returns set; a value goes to a result local.
 * `exit` in an inlined action is kept (it still stops the control) and
 * preceded by the copy-back, which the spec requires also on exit.
 *
 * Out and inout arguments are evaluated once, before the body: their
 * run-time indexes go to locals first (saved_lvalue).
 *
 * Calls are inlined where they are statements, and where an assignment's
 * right side, an initializer, a condition or a returned value evaluates
 * them before anything else (the value through a local). Calls stay for the
 * backend (a C function, emit_stmt.c / emit_functions.c) when inlining is
 * not done yet: calls elsewhere in expressions; a `return` inside a loop;
 * parameters of tuple, varbit or wide (over 64 bits) type;
 * arguments that apply a table;
 * and actions without parameters (see parameterless_action). Callees are
 * inlined into before they are copied, so nested calls expand once. See
 * docs/ARCHITECTURE.md, "Midend". */
#include "copy.h"
#include "ir.h"

#include <string.h>

typedef struct Inliner {
    IrProgram *ir;
    Arena *arena;
    int fresh;              /* suffix of generated names */
    const void **done;      /* bodies and state lists already inlined into */
    int ndone, cap;
} Inliner;

static void inline_list(Inliner *in, NodeList *items);
static void inline_decl(Inliner *in, Node *decl);
static void inline_states(Inliner *in, NodeList *states);

/* ---- small builders ---- */

static Node *new_node(Inliner *in, NodeKind kind, const Node *at)
{
    return ast_new(in->arena, kind, at->loc);
}

static Node *name_of(Inliner *in, Node *var, const Node *at)
{
    Node *n = new_node(in, N_NAME, at);
    n->name = var->name;
    n->ref = var;
    n->ty = var->ty;
    return n;
}

static Node *assign(Inliner *in, Node *lhs, Node *rhs, const Node *at)
{
    Node *a = new_node(in, N_ASSIGN, at);
    a->op = OP_NONE;
    a->lhs = lhs;
    a->rhs = rhs;
    return a;
}

static Node *local(Inliner *in, const char *base, Node *type, Type *ty, Node *init,
                   const Node *at)
{
    Node *v = new_node(in, N_VAR, at);
    v->name = arena_printf(in->arena, "%s_%d", base, ++in->fresh);
    v->type = type;
    v->ty = ty;
    v->expr = init;
    return v;
}

static Node *block_of(Inliner *in, NodeList items, const Node *at)
{
    Node *b = new_node(in, N_BLOCK, at);
    b->items = items;
    return b;
}

static Node *bool_lit(Inliner *in, bool value, const Node *at)
{
    Node *b = new_node(in, N_BOOL, at);
    b->bool_value = value;
    b->ty = type_simple(T_BOOL);
    return b;
}

static void push(Inliner *in, NodeList *list, Node *n)
{
    node_list_push(in->arena, list, n);
}

static void push_all(Inliner *in, NodeList *list, Node *const *items, int n)
{
    for (int i = 0; i < n; i++)
        push(in, list, items[i]);
}

/* A bodies' list of what was already processed: action declarations and
 * sub-control bodies are shared between instances. */
static bool first_visit(Inliner *in, const void *key)
{
    for (int i = 0; i < in->ndone; i++)
        if (in->done[i] == key)
            return false;
    if (in->ndone == in->cap) {
        in->cap = in->cap ? 2 * in->cap : 32;
        const void **grown = arena_alloc(in->arena, sizeof *grown * (size_t)in->cap);
        if (in->ndone)
            memcpy(grown, in->done, sizeof *grown * (size_t)in->ndone);
        in->done = grown;
    }
    in->done[in->ndone++] = key;
    return true;
}

/* ---- what a body or an argument does ---- */

static bool stmt_has(const Node *s, NodeKind kind);

static bool list_has(const NodeList *items, NodeKind kind)
{
    for (int i = 0; i < items->len; i++)
        if (stmt_has(items->items[i], kind))
            return true;
    return false;
}

/* Whether statement S contains a statement of KIND (expressions have none). */
static bool stmt_has(const Node *s, NodeKind kind)
{
    if (!s)
        return false;
    if (s->kind == kind)
        return true;
    switch (s->kind) {
    case N_BLOCK: return list_has(&s->items, kind);
    case N_IF: return stmt_has(s->body, kind) || stmt_has(s->else_body, kind);
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            if (stmt_has(s->items.items[i]->body, kind))
                return true;
        return false;
    case N_FOR: case N_FOR_IN: return stmt_has(s->body, kind);
    default: return false;
    }
}

/* Whether a `return` sits inside a loop (it would need a `break` too). */
static bool return_in_loop(const Node *s)
{
    if (!s)
        return false;
    switch (s->kind) {
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            if (return_in_loop(s->items.items[i]))
                return true;
        return false;
    case N_IF: return return_in_loop(s->body) || return_in_loop(s->else_body);
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            if (return_in_loop(s->items.items[i]->body))
                return true;
        return false;
    case N_FOR: case N_FOR_IN: return stmt_has(s->body, N_RETURN);
    default: return false;
    }
}

/* Whether every path through S ends in `return` or `exit`. */
static bool always_ends(const Node *s)
{
    if (!s)
        return false;
    switch (s->kind) {
    case N_RETURN: case N_EXIT: return true;
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            if (always_ends(s->items.items[i]))
                return true;
        return false;
    case N_IF: return always_ends(s->body) && always_ends(s->else_body);
    default: return false;
    }
}

typedef struct CallScan {
    bool applies;   /* a table or control apply */
    bool effects;   /* some call that may change state */
} CallScan;

static bool is_method(const Node *call, const char *name)
{
    return call->expr->kind == N_MEMBER && strcmp(call->expr->name, name) == 0;
}

static bool scan_call(Node *n, void *ctx)
{
    CallScan *cs = ctx;
    if (n->kind == N_CALL) {
        const Type *base = n->expr->kind == N_MEMBER ? n->expr->expr->ty : NULL;
        if ((n->ty && n->ty->kind == T_APPLY_RESULT) ||
            (base && (base->kind == T_TABLE || base->kind == T_CONTROL)))
            cs->applies = true;
        else if (!is_method(n, "isValid"))
            cs->effects = true;
    }
    return true;
}

static CallScan scan_calls(Node *e)
{
    CallScan cs = {0};
    AstWalker w = {.pre = scan_call, .ctx = &cs};
    ast_walk(e, &w);
    return cs;
}

static bool is_constant_index(const Node *e)
{
    return e && (e->kind == N_INT || e->value);
}

/* A location named by fields and constant indexes of a variable or
 * parameter: evaluating it has no effect, and it names the same place
 * until its variable is written. */
static bool stable_path(const Node *e)
{
    switch (e->kind) {
    case N_NAME:
        return e->ref && (e->ref->kind == N_VAR || e->ref->kind == N_PARAM ||
                          e->ref->kind == N_CONST);
    case N_MEMBER:
        return e->ty && e->ty->kind != T_FUNCTION && stable_path(e->expr);
    case N_INDEX:
        return is_constant_index(e->lhs) && stable_path(e->expr);
    case N_SLICE:
        return stable_path(e->expr);
    default:
        return false;
    }
}

/* A place named by fields, indexes and slices of a variable or parameter:
 * an l-value, whose run-time indexes saved_lvalue can fix. */
static bool lvalue_path(const Node *e)
{
    switch (e->kind) {
    case N_NAME:
        return stable_path(e);
    case N_MEMBER:
        return e->ty && e->ty->kind != T_FUNCTION && lvalue_path(e->expr);
    case N_INDEX: case N_SLICE:
        return lvalue_path(e->expr);
    default:
        return false;
    }
}

static Node *root_decl(Node *e)
{
    while (e && (e->kind == N_MEMBER || e->kind == N_INDEX || e->kind == N_SLICE ||
                 e->kind == N_PLUS_SLICE))
        e = e->expr;
    return e && e->kind == N_NAME ? e->ref : NULL;
}

/* The variables a body may write (by their declarations); `unknown` when
 * a call could write what the walk cannot see. */
typedef struct Writes {
    Inliner *in;
    NodeList roots;
    bool unknown;
} Writes;

static void note_write(Writes *w, Node *lvalue)
{
    Node *root = root_decl(lvalue);
    if (root)
        push(w->in, &w->roots, root);
    else
        w->unknown = true;
}

static const NodeList *params_of(const Node *call)
{
    const Node *d = call->expr->ref;
    if (d && (d->kind == N_FUNCTION || d->kind == N_EXTERN_FUNCTION || d->kind == N_METHOD ||
              d->kind == N_ACTION))
        return &d->params;
    return NULL;
}

static void note_call_writes(Writes *w, Node *call)
{
    const Node *callee = call->expr;
    if (callee->ref && callee->ref->kind == N_ACTION)
        w->unknown = true;   /* a call left to the backend: control state */
    if (callee->kind == N_MEMBER && (is_method(call, "setValid") || is_method(call, "setInvalid") ||
                                     is_method(call, "push_front") || is_method(call, "pop_front"))) {
        note_write(w, callee->expr);
        return;
    }
    if (is_method(call, "isValid"))
        return;
    const NodeList *params = params_of(call);
    if (!params) {
        w->unknown = true;
        return;
    }
    for (int i = 0; i < call->args.len; i++) {
        const Node *p = NULL;
        for (int j = 0; j < params->len && !p; j++)
            if (call->args.items[i]->name ? strcmp(params->items[j]->name,
                                                   call->args.items[i]->name) == 0 : j == i)
                p = params->items[j];
        if (!p || p->dir == DIR_OUT || p->dir == DIR_INOUT)
            note_write(w, call->args.items[i]->expr);
    }
}

static bool find_writes(Node *n, void *ctx)
{
    Writes *w = ctx;
    if (n->kind == N_ASSIGN)
        note_write(w, n->lhs);
    else if (n->kind == N_CALL)
        note_call_writes(w, n);
    return true;
}

static bool written(const Writes *w, const Node *decl)
{
    for (int i = 0; i < w->roots.len; i++)
        if (w->roots.items[i] == decl)
            return true;
    return false;
}

/* Parameter types the inlined form handles like the backend's calls do. */
static bool type_ok(const Type *t)
{
    if (!t)
        return false;
    switch (t->kind) {
    case T_BITS: return true;
    case T_BOOL: case T_ENUM: case T_ERROR: return true;
    case T_SERENUM: case T_NEWTYPE: return type_ok(t->base);
    case T_HEADER: return true;
    case T_STACK: return t->base && t->base->kind == T_HEADER && t->size > 0;
    case T_STRUCT: case T_UNION:
        for (int i = 0; i < t->nfields; i++)
            if (t->fields[i].type->kind == T_STACK || t->fields[i].type->kind == T_VARBIT ||
                t->fields[i].type->kind == T_TUPLE ||
                (type_is_struct_like(t->fields[i].type) && !type_ok(t->fields[i].type)))
                return false;
        return true;
    default: return false;
    }
}

/* ---- copying a body ---- */

/* Callee parameters and what stands for each in a copy of the body. */
typedef struct StandIns {
    NodeList params, nodes;
} StandIns;

/* A name of a parameter becomes a copy of its stand-in; type syntax stays
 * shared with the callee. */
static Node *replace_param(Copier *cp, Node *n)
{
    const StandIns *s = cp->ctx;
    for (int i = 0; n->kind == N_NAME && n->ref && i < s->params.len; i++)
        if (s->params.items[i] == n->ref)
            return copy_plain(cp->arena, s->nodes.items[i]);
    return NULL;
}

static Node *copy_body(Inliner *in, StandIns *s, Node *body)
{
    Copier cp = {.arena = in->arena, .replace = replace_param, .ctx = s};
    Node *k = copy_tree(&cp, body);
    copy_relink(&cp, k);
    return k;
}

/* ---- return as structured code ---- */

typedef struct Returns {
    Inliner *in;
    Node *result;       /* N_VAR receiving the value, NULL for void */
    Node *flag;         /* N_VAR set by every return, NULL: none needed */
    bool flag_needed;
} Returns;

static NodeList structure(Returns *r, Node *const *items, int n);

/* S's statements (S may be a block, a statement or NULL), then REST. */
static NodeList structure_joined(Returns *r, Node *s, Node *const *rest, int nrest)
{
    NodeList all = {0};
    if (s && s->kind == N_BLOCK)
        push_all(r->in, &all, s->items.items, s->items.len);
    else if (s)
        push(r->in, &all, s);
    push_all(r->in, &all, rest, nrest);
    return structure(r, all.items, all.len);
}

static Node *structured_return(Returns *r, Node *ret)
{
    NodeList out = {0};
    if (!(r->result && ret->expr) && !r->flag)
        return NULL;
    if (r->result && ret->expr)
        push(r->in, &out, assign(r->in, name_of(r->in, r->result, ret), ret->expr, ret));
    if (r->flag)
        push(r->in, &out, assign(r->in, name_of(r->in, r->flag, ret), bool_lit(r->in, true, ret),
                                  ret));
    return block_of(r->in, out, ret);
}

/* S may return and is followed by REST: keep REST from running after a
 * return without copying it twice. */
static void structure_stmt(Returns *r, Node *s, Node *const *rest, int nrest, NodeList *out)
{
    Inliner *in = r->in;
    if (s->kind == N_BLOCK) {
        push(in, out, block_of(in, structure_joined(r, s, rest, nrest), s));
        return;
    }
    bool then_ends = always_ends(s->body), else_ends = always_ends(s->else_body);
    if (s->kind == N_IF && (nrest == 0 || then_ends || else_ends)) {
        Node *k = new_node(in, N_IF, s);
        k->expr = s->expr;
        k->body = block_of(in, structure_joined(r, s->body, rest, then_ends ? 0 : nrest), s);
        NodeList other = structure_joined(r, s->else_body, rest, else_ends ? 0 : nrest);
        k->else_body = other.len || s->else_body ? block_of(in, other, s) : NULL;
        push(in, out, k);
        return;
    }
    /* A switch, or an if whose two branches may both fall through. */
    r->flag_needed = true;
    Node *k = s;
    if (s->kind == N_IF) {
        k = new_node(in, N_IF, s);
        k->expr = s->expr;
        k->body = block_of(in, structure_joined(r, s->body, NULL, 0), s);
        k->else_body = s->else_body ? block_of(in, structure_joined(r, s->else_body, NULL, 0), s)
                                    : NULL;
    } else if (s->kind == N_SWITCH) {
        k = new_node(in, N_SWITCH, s);
        *k = *s;
        k->items = (NodeList){0};
        for (int i = 0; i < s->items.len; i++) {
            Node *c = new_node(in, N_SWITCH_CASE, s->items.items[i]);
            *c = *s->items.items[i];
            if (c->body)
                c->body = block_of(in, structure_joined(r, c->body, NULL, 0), c);
            push(in, &k->items, c);
        }
    }
    push(in, out, k);
    if (nrest == 0 || !r->flag)
        return;
    Node *guard = new_node(in, N_IF, s);
    guard->expr = new_node(in, N_UNARY, s);
    guard->expr->op = OP_NOT;
    guard->expr->expr = name_of(in, r->flag, s);
    guard->expr->ty = type_simple(T_BOOL);
    guard->body = block_of(in, structure(r, rest, nrest), s);
    push(in, out, guard);
}

static NodeList structure(Returns *r, Node *const *items, int n)
{
    NodeList out = {0};
    for (int i = 0; i < n; i++) {
        Node *s = items[i];
        if (s->kind == N_RETURN) {
            Node *set = structured_return(r, s);
            if (set)
                push(r->in, &out, set);
            break;   /* what follows never runs */
        }
        if (!stmt_has(s, N_RETURN)) {
            push(r->in, &out, s);
            continue;
        }
        structure_stmt(r, s, items + i + 1, n - i - 1, &out);
        break;
    }
    return out;
}

/* BODY without return statements; adds the flag's declaration to DECLS
 * when the structure needs one. */
static Node *remove_returns(Inliner *in, Node *body, Node *result, NodeList *decls)
{
    if (!stmt_has(body, N_RETURN))
        return body;
    Returns r = {.in = in, .result = result};
    NodeList items = structure(&r, body->items.items, body->items.len);
    if (r.flag_needed) {
        Node *type = new_node(in, N_TYPE_BOOL, body);
        r.flag = local(in, "returned", type, type_simple(T_BOOL), bool_lit(in, false, body), body);
        r.flag_needed = false;
        items = structure(&r, body->items.items, body->items.len);
        push(in, decls, r.flag);
    }
    return block_of(in, items, body);
}

/* ---- exit: copy-back first ---- */

typedef enum CallKind { CALL_ACTION, CALL_FUNCTION, CALL_CONTROL } CallKind;

typedef struct Call {
    Inliner *in;
    Node *call;
    CallKind kind;
    Node *callee;           /* N_ACTION, N_FUNCTION, or the instance's N_CONTROL */
    NodeList *params;       /* the callee's N_PARAMs */
    Node *body;
    IrInstance *instance;   /* CALL_CONTROL: the instance applied */
    Node **arg_of;          /* per parameter: the argument (or default) */
    int *order;             /* parameter indexes in argument order */
    int nparams;
    NodeList locals;        /* per parameter: the variable the body uses for it, or
                               NULL where the argument itself stands for it */
    NodeList prologue;
} Call;

static bool is_out(const Node *param)
{
    return param->dir == DIR_OUT || param->dir == DIR_INOUT;
}

static NodeList copy_back(Call *c, const Node *at)
{
    NodeList out = {0};
    for (int k = 0; k < c->nparams; k++) {
        int p = c->order[k];
        Node *param = c->params->items[p], *arg = c->arg_of[p];
        if (!is_out(param) || arg->kind == N_DONTCARE || !c->locals.items[p])
            continue;
        push(c->in, &out, assign(c->in, copy_plain(c->in->arena, arg),
                                 name_of(c->in, c->locals.items[p], at), at));
    }
    return out;
}

static bool find_exit(Node *n, void *ctx)
{
    bool *exits = ctx;
    if (n->kind == N_EXIT)
        *exits = true;
    else if (n->kind == N_CALL && n->expr->kind == N_NAME && n->expr->ref &&
             n->expr->ref->kind == N_ACTION)
        *exits = true;   /* an action left as a call */
    else if (n->kind == N_CALL && n->expr->kind == N_MEMBER && n->expr->expr->ty &&
             (n->expr->expr->ty->kind == T_TABLE || n->expr->expr->ty->kind == T_CONTROL))
        *exits = true;   /* a table's action, or a control's body */
    return !*exits;
}

/* Whether running BODY may end in an exit, its own or one of an action it
 * runs. */
static bool may_exit(Node *body)
{
    bool exits = false;
    AstWalker w = {.pre = find_exit, .ctx = &exits};
    ast_walk(body, &w);
    return exits;
}

/* BODY then the copy-back of the out and inout arguments, pushed to
 * ITEMS: in an exit scope, whose copy-back also runs when BODY exits (the
 * spec, "Exit statement"), when BODY can exit; one copy of the copy-back
 * either way. */
static void then_copy_back(Call *c, Node *body, NodeList *items)
{
    NodeList back = copy_back(c, c->call);
    if (back.len && may_exit(body)) {
        Node *scope = new_node(c->in, N_EXIT_SCOPE, body);
        scope->body = body;
        scope->else_body = block_of(c->in, back, body);
        push(c->in, items, scope);
        return;
    }
    push(c->in, items, body);
    push_all(c->in, items, back.items, back.len);
}

/* ---- one call ---- */

static Node *callee_of(const Node *call)
{
    Node *d = call->expr->kind == N_NAME ? call->expr->ref : NULL;
    if (!d || (d->kind != N_ACTION && d->kind != N_FUNCTION) || !d->body ||
        d->type_params.len || !d->ty)
        return NULL;
    return d;
}

/* The control instance CALL applies (`c.apply(...)`), or NULL. */
static IrInstance *applied_instance(Inliner *in, const Node *call, NodeKind kind)
{
    const Node *callee = call->expr;
    if (call->kind != N_CALL || callee->kind != N_MEMBER || strcmp(callee->name, "apply") != 0 ||
        !callee->expr->ref ||
        callee->expr->ref->kind != N_INSTANCE)
        return NULL;
    IrInstance *inst = ir_find_instance(in->ir, callee->expr->ref);
    return inst && inst->control->kind == kind ? inst : NULL;
}

/* An action without parameters has nothing to copy or propagate: its
 * call stays a call, which clang inlines. Inlined here, the same
 * statements made clang lay out ipip_tunnel's control worse (353 -> 401
 * BPF instructions in the object, the C differing only by the call: with
 * the call, clang's early passes see an edge to the exit label that the
 * inlined statements do not have; with the state struct in a map the two
 * objects are the same size). */
static bool parameterless_action(const Node *callee)
{
    return callee->kind == N_ACTION && callee->params.len == 0;
}

/* Which argument goes to which parameter; defaults fill the gaps. */
static bool bind_args(Call *c)
{
    NodeList *params = c->params;
    int k = 0;
    for (int i = 0; i < c->call->args.len; i++) {
        Node *arg = c->call->args.items[i];
        int p = arg->name ? -1 : i;
        for (int j = 0; arg->name && j < params->len; j++)
            if (strcmp(params->items[j]->name, arg->name) == 0)
                p = j;
        if (p < 0 || p >= params->len || c->arg_of[p])
            return false;
        c->arg_of[p] = arg->expr;
        c->order[k++] = p;
    }
    for (int p = 0; p < params->len; p++) {
        if (c->arg_of[p])
            continue;
        if (!params->items[p]->expr || is_out(params->items[p]))
            return false;   /* @optional without a value */
        c->arg_of[p] = params->items[p]->expr;
        c->order[k++] = p;
    }
    return true;
}

static bool is_extern_param(const Node *param)
{
    return param->ty && param->ty->kind == T_EXTERN;
}

static bool args_ok(Call *c, bool *effects)
{
    for (int p = 0; p < c->nparams; p++) {
        Node *param = c->params->items[p], *arg = c->arg_of[p];
        if (c->kind == CALL_CONTROL ? !param->ty : !type_ok(param->ty))
            return false;
        CallScan cs = scan_calls(arg);
        if (cs.applies)
            return false;   /* the backend hoists applies out of statements, not locals */
        *effects = *effects || cs.effects;
        if (is_out(param) && arg->kind != N_DONTCARE && !lvalue_path(arg) &&
            !is_extern_param(param))
            return false;
    }
    return true;
}

/* Whether the argument can stand for an in parameter itself: reading it
 * in the body gives what a copy made at the call would hold. */
static bool passed_directly(const Node *param, Node *arg, const Writes *w, bool effects)
{
    if (is_out(param) || !type_equal(arg->ty, param->ty))
        return false;
    if (arg->kind == N_INT || arg->kind == N_BOOL || arg->value)
        return true;
    return !effects && !w->unknown && stable_path(arg) && !written(w, root_decl(arg));
}

/* Type syntax naming T, for a local the midend declares. */
static Node *type_syntax(Inliner *in, Type *t, const Node *at)
{
    Node *n = new_node(in, N_TYPE_NAME, at);
    n->name = type_name(in->arena, t);
    n->ty = t;
    return n;
}

/* L-value E with each run-time index saved in a fresh local first (pushed
 * to OUT), outermost base first, as reading E evaluates them: the spec's
 * calling convention evaluates an out or inout argument once, before the
 * call, so the copy-back must write the place the copy-in named even when
 * the body changes the index's variable. */
static Node *saved_lvalue(Inliner *in, Node *e, NodeList *out)
{
    if (e->kind != N_MEMBER && e->kind != N_INDEX && e->kind != N_SLICE)
        return e;
    Node *base = saved_lvalue(in, e->expr, out);
    Node *index = e->lhs;
    if (e->kind == N_INDEX && !is_constant_index(index)) {
        Node *v = local(in, "index", type_syntax(in, index->ty, index), index->ty,
                        copy_plain(in->arena, index), index);
        push(in, out, v);
        index = name_of(in, v, index);
    }
    if (base == e->expr && index == e->lhs)
        return e;
    Node *k = new_node(in, e->kind, e);
    *k = *e;
    k->expr = base;
    if (e->kind == N_INDEX)
        k->lhs = index;
    return k;
}

static Node *int_literal(Inliner *in, int value, const Node *at)
{
    Node *n = new_node(in, N_INT, at);
    n->text = arena_printf(in->arena, "%d", value);
    n->int_lit = (IntLiteral){.width = -1, .base = 10, .digits = n->text};
    n->ty = type_simple(T_INT);
    return n;
}

/* Statements that make every header in LV (of type T) invalid: what an
 * out parameter holds before the callee writes it (spec "Calling
 * convention"; other values are unspecified and stay as they are). */
static void invalidate(Inliner *in, Node *lv, Type *t, const Node *at, NodeList *out)
{
    switch (t ? t->kind : T_UNKNOWN) {
    case T_HEADER: {
        Node *none = new_node(in, N_INVALID, at);
        none->ty = t;
        push(in, out, assign(in, lv, none, at));
        break;
    }
    case T_STRUCT: case T_UNION:
        for (int i = 0; i < t->nfields; i++) {
            Node *m = new_node(in, N_MEMBER, at);
            m->expr = copy_plain(in->arena, lv);
            m->name = t->fields[i].name;
            m->ty = t->fields[i].type;
            invalidate(in, m, t->fields[i].type, at, out);
        }
        break;
    case T_STACK:
        for (int i = 0; i < t->size; i++) {
            Node *e = new_node(in, N_INDEX, at);
            e->expr = copy_plain(in->arena, lv);
            e->lhs = int_literal(in, i, at);
            e->ty = t->base;
            invalidate(in, e, t->base, at, out);
        }
        break;
    default:
        break;
    }
}

/* An action's or function's parameters become fresh locals (or the
 * arguments themselves, passed_directly). */
static bool find_mention(Node *n, void *ctx)
{
    const Node **decl = ctx;
    if (n->kind == N_NAME && n->ref == *decl)
        *decl = NULL;
    return *decl != NULL;
}

/* Whether CODE names the variable DECL. */
static bool mentions(Node *code, const Node *decl)
{
    const Node *look = decl;
    AstWalker walker = {.pre = find_mention, .ctx = &look};
    ast_walk(code, &walker);
    return look == NULL;
}

/* Whether inout argument P can stand for its parameter itself, the body
 * reading and writing the argument's place instead of a copy: nothing
 * else in the call reaches that place's variable (the body, another
 * argument, a call left to the backend, which may write control state),
 * so no one can tell the copy from the place. Saves a copy in and a copy
 * back of what are often whole structs of headers, which do not fit the
 * stack (p4c's dash pipeline). */
static bool passed_by_reference(Call *c, int p, const Writes *w, bool effects)
{
    Node *param = c->params->items[p], *arg = c->arg_of[p];
    if (param->dir != DIR_INOUT || effects || w->unknown || !type_equal(arg->ty, param->ty) ||
        !stable_path(arg))
        return false;
    Node *root = root_decl(arg);
    if (!root || mentions(c->body, root))
        return false;
    for (int k = 0; k < c->nparams; k++)
        if (k != p && mentions(c->arg_of[k], root))
            return false;
    return true;
}

static void bind_locals(Call *c, const Writes *w, bool effects)
{
    Inliner *in = c->in;
    for (int k = 0; k < c->nparams; k++) {
        int p = c->order[k];
        Node *param = c->params->items[p], *arg = c->arg_of[p];
        if (is_out(param) && arg->kind != N_DONTCARE)
            arg = c->arg_of[p] = saved_lvalue(in, arg, &c->prologue);
        if (passed_directly(param, arg, w, effects) || passed_by_reference(c, p, w, effects)) {
            c->locals.items[p] = NULL;
            continue;
        }
        Node *init = NULL;
        if (param->dir != DIR_OUT)
            init = copy_plain(in->arena, arg);
        Node *v = local(in, param->name, param->type, param->ty, init, c->call);
        c->locals.items[p] = v;
        push(in, &c->prologue, v);
    }
}

/* A control instance's parameters are its own variables (the backend
 * keeps them in the per-packet state, where the instance's actions reach
 * them too): the arguments are assigned to them, out ones invalidated. A
 * packet or other extern argument stands for its parameter. */
static void bind_instance_params(Call *c)
{
    Inliner *in = c->in;
    for (int k = 0; k < c->nparams; k++) {
        int p = c->order[k];
        Node *param = c->params->items[p], *arg = c->arg_of[p];
        /* An int parameter is a compile-time value (spec "Infinite-precision
         * integers"): the argument stands for it, as an extern does. */
        if (is_extern_param(param) || (param->ty && param->ty->kind == T_INT)) {
            c->locals.items[p] = NULL;
            continue;
        }
        if (is_out(param) && arg->kind != N_DONTCARE)
            arg = c->arg_of[p] = saved_lvalue(in, arg, &c->prologue);
        c->locals.items[p] = param;
        if (param->dir == DIR_OUT)
            invalidate(in, name_of(in, param, c->call), param->ty, c->call, &c->prologue);
        else
            push(in, &c->prologue, assign(in, name_of(in, param, c->call),
                                          copy_plain(in->arena, arg), c->call));
    }
    /* The instance's variables start from their initializers on every
     * apply. */
    for (int i = 0; i < c->instance->locals.len; i++) {
        Node *v = c->instance->locals.items[i];
        if (v->kind == N_VAR && v->expr)
            push(in, &c->prologue, assign(in, name_of(in, v, v), copy_plain(in->arena, v->expr),
                                          v));
    }
}

static Node *inlined_body(Call *c, Node *result, NodeList *decls)
{
    StandIns s = {0};
    for (int p = 0; p < c->nparams; p++) {
        Node *v = c->locals.items[p];
        if (v == c->params->items[p])
            continue;   /* the parameter is the variable */
        push(c->in, &s.params, c->params->items[p]);
        push(c->in, &s.nodes, v ? name_of(c->in, v, c->call) : c->arg_of[p]);
    }
    Node *body = copy_body(c->in, &s, c->body);
    return remove_returns(c->in, body, result, decls);
}

static Call new_call(Inliner *in, Node *call, CallKind kind, Node *callee, NodeList *params,
                     Node *body)
{
    int n = params->len;
    Call c = {.in = in, .call = call, .kind = kind, .callee = callee, .params = params,
              .body = body, .nparams = n,
              .arg_of = arena_alloc(in->arena, sizeof(Node *) * (size_t)(n + 1)),
              .order = arena_alloc(in->arena, sizeof(int) * (size_t)(n + 1))};
    for (int p = 0; p < n; p++)
        push(in, &c.locals, NULL);
    return c;
}

/* The block that replaces CALL, or NULL when it stays a call. TARGET, if
 * not NULL, receives the function's result after the copy-back. */
static Node *inline_call(Inliner *in, Node *call, Node *target)
{
    Node *callee = callee_of(call);
    if (!callee || return_in_loop(callee->body) || parameterless_action(callee))
        return NULL;
    inline_decl(in, callee);
    Call c = new_call(in, call, callee->kind == N_ACTION ? CALL_ACTION : CALL_FUNCTION, callee,
                      &callee->params, callee->body);
    bool effects = false;
    Type *ret = callee->ty->ret;
    bool returns_value = callee->kind == N_FUNCTION && ret && ret->kind != T_VOID;
    if (!bind_args(&c) || !args_ok(&c, &effects) || (returns_value && !type_ok(ret)))
        return NULL;
    Writes w = {.in = in};
    AstWalker walker = {.pre = find_writes, .ctx = &w};
    ast_walk(callee->body, &walker);
    bind_locals(&c, &w, effects);
    inline_list(in, &c.prologue);   /* calls in arguments */
    Node *result = returns_value ? local(in, "result", callee->type, ret, NULL, call) : NULL;
    NodeList items = c.prologue;
    if (result)
        push(in, &items, result);
    NodeList decls = {0};
    Node *body = inlined_body(&c, result, &decls);
    push_all(in, &items, decls.items, decls.len);
    then_copy_back(&c, body, &items);
    if (result && target)
        push(in, &items, assign(in, target, name_of(in, result, call), call));
    return block_of(in, items, call);
}

/* `c.apply(args)` of a control instance: the instance's body in place,
 * between the copy-in and the copy-back of its parameters. */
static Node *inline_control_apply(Inliner *in, Node *call, IrInstance *inst)
{
    Node *control = inst->control;
    if (!control->body)
        return NULL;
    if (first_visit(in, control->body))
        inline_list(in, &control->body->items);   /* its own applies and calls, once */
    Call c = new_call(in, call, CALL_CONTROL, control, &control->type->params, control->body);
    c.instance = inst;
    bool effects = false;
    if (!bind_args(&c) || !args_ok(&c, &effects))
        return NULL;
    bind_instance_params(&c);
    inline_list(in, &c.prologue);
    NodeList items = c.prologue, decls = {0};
    Node *body = inlined_body(&c, NULL, &decls);
    push_all(in, &items, decls.items, decls.len);
    then_copy_back(&c, body, &items);
    return block_of(in, items, call);
}

/* ---- parser instances ---- */

/* A parser being flattened: its state list as it grows, and the list of
 * its variables (the per-packet state) that values living across states
 * move to, since each state is a scope of its own in the backend's C. */
typedef struct Flattening {
    NodeList states;
    NodeList *vars;
} Flattening;

static bool state_named(const Flattening *f, const NodeList *more, const char *name)
{
    for (int i = 0; i < f->states.len; i++)
        if (strcmp(f->states.items[i]->name, name) == 0)
            return true;
    for (int i = 0; more && i < more->len; i++)
        if (strcmp(more->items[i]->name, name) == 0)
            return true;
    return false;
}

/* A state name no state of the parser has, from BASE. */
static const char *fresh_state_name(Inliner *in, const Flattening *f, const NodeList *more,
                                    const char *base)
{
    const char *name;
    do
        name = arena_printf(in->arena, "%s_%d", base, ++in->fresh);
    while (state_named(f, more, name));
    return name;
}

/* Declarations among ITEMS become the parser's variables (renamed to stay
 * unique there), their initializers assignments in place. */
static NodeList hoist_declarations(Inliner *in, Flattening *f, NodeList items)
{
    NodeList out = {0};
    for (int i = 0; i < items.len; i++) {
        Node *v = items.items[i];
        if (v->kind != N_VAR) {
            push(in, &out, v);
            continue;
        }
        v->name = arena_printf(in->arena, "%s_%d", v->name, ++in->fresh);
        push(in, f->vars, v);
        if (v->expr) {
            push(in, &out, assign(in, name_of(in, v, v), v->expr, v));
            v->expr = NULL;
        }
    }
    return out;
}

static void transition_to(Inliner *in, Node *state, Node *target)
{
    Node *t = new_node(in, N_TRANSITION, state);
    t->expr = name_of(in, target, state);
    state->body = t;
}

/* Points the copied states' transitions to `accept` at CONT. */
static void accept_goes_to(Node *state, Node *cont)
{
    Node *t = state->body;
    if (!t)
        return;
    if (t->expr->kind == N_NAME) {
        if (t->expr->ref && strcmp(t->expr->ref->name, "accept") == 0) {
            t->expr->ref = cont;
            t->expr->name = cont->name;
        }
        return;
    }
    for (int c = 0; c < t->expr->items.len; c++) {
        Node *sc = t->expr->items.items[c];
        if (sc->ref && strcmp(sc->ref->name, "accept") == 0) {
            sc->ref = cont;
            sc->name = cont->name;
        }
    }
}

static void flatten_state(Inliner *in, Flattening *f, Node *state);
static void flatten_parser(Inliner *in, NodeList *states, NodeList *vars);

/* `p.apply(args)`, statement J of STATE: STATE ends with the copy-in and
 * goes to a copy of the instance's states, whose accept goes on in a new
 * state holding the copy-back and the rest of STATE. */
static bool split_at_apply(Inliner *in, Flattening *f, Node *state, int j, IrInstance *inst)
{
    Node *call = state->items.items[j]->expr;
    Node *sub = inst->control;
    inline_states(in, &sub->items);   /* its calls, once */
    if (first_visit(in, &sub->items))
        flatten_parser(in, &sub->items, &inst->locals);   /* its own applies, once */
    Call c = new_call(in, call, CALL_CONTROL, sub, &sub->type->params, NULL);
    c.instance = inst;
    bool effects = false;
    if (!bind_args(&c) || !args_ok(&c, &effects))
        return false;
    bind_instance_params(&c);
    inline_list(in, &c.prologue);
    StandIns stand_ins = {0};
    for (int p = 0; p < c.nparams; p++)
        if (!c.locals.items[p]) {
            push(in, &stand_ins.params, c.params->items[p]);
            push(in, &stand_ins.nodes, c.arg_of[p]);
        }
    Copier cp = {.arena = in->arena, .replace = replace_param, .ctx = &stand_ins};
    NodeList copies = {0};
    for (int i = 0; i < sub->items.len; i++)
        push(in, &copies, copy_tree(&cp, sub->items.items[i]));
    Node *cont = new_node(in, N_STATE, state);
    cont->name = fresh_state_name(in, f, &copies, arena_printf(in->arena, "%s_after_%s",
                                                                state->name, inst->decl->name));
    for (int i = 0; i < copies.len; i++) {
        Node *k = copies.items[i];
        copy_relink(&cp, k);
        k->name = fresh_state_name(in, f, &copies, arena_printf(in->arena, "%s_%s", inst->c_name,
                                                                 sub->items.items[i]->name));
        accept_goes_to(k, cont);
    }
    Node *start = NULL;
    for (int i = 0; i < copies.len; i++)
        if (strcmp(sub->items.items[i]->name, "start") == 0)
            start = copies.items[i];
    if (!start)
        return false;
    NodeList before = {0}, after = copy_back(&c, call);
    push_all(in, &before, state->items.items, j);
    push_all(in, &before, c.prologue.items, c.prologue.len);
    push_all(in, &after, state->items.items + j + 1, state->items.len - j - 1);
    cont->items = after;
    cont->body = state->body;
    state->items = hoist_declarations(in, f, before);
    cont->items = hoist_declarations(in, f, cont->items);
    transition_to(in, state, start);
    push_all(in, &f->states, copies.items, copies.len);
    flatten_state(in, f, cont);
    return true;
}

static void flatten_state(Inliner *in, Flattening *f, Node *state)
{
    push(in, &f->states, state);
    for (int j = 0; j < state->items.len; j++) {
        Node *s = state->items.items[j];
        IrInstance *inst = s->kind == N_CALL_STMT ? applied_instance(in, s->expr, N_PARSER) : NULL;
        if (inst && split_at_apply(in, f, state, j, inst))
            return;
    }
}

/* The parser's states with every sub-parser apply replaced by the
 * sub-parser's states (spec "Invoking a parser from another parser"). */
static void flatten_parser(Inliner *in, NodeList *states, NodeList *vars)
{
    Flattening f = {.vars = vars};
    for (int i = 0; i < states->len; i++)
        flatten_state(in, &f, states->items[i]);
    *states = f.states;
}

/* ---- calls that stay calls ---- */

/* CALL, a direct call the inliner leaves as a call, with its out and inout
 * arguments through fresh locals (copied in, in argument order, run-time
 * indexes saved first, and copied back after), its arguments in parameter
 * order, and arguments with calls in them computed into locals first: the
 * backend then passes the locals by address. Statements before the call go
 * to PROLOGUE; the copy-back is returned. */
static NodeList explicit_copies(Inliner *in, Node *call, NodeList *prologue)
{
    Node *callee = call->expr->ref;
    Call c = new_call(in, call, callee->kind == N_ACTION ? CALL_ACTION : CALL_FUNCTION, callee,
                      &callee->params, NULL);
    NodeList back = {0};
    if (!bind_args(&c))
        return back;   /* an @optional parameter without a value: left as written */
    for (int k = 0; k < c.nparams; k++) {
        int p = c.order[k];
        Node *param = c.params->items[p], *arg = c.arg_of[p];
        if (arg->kind == N_DONTCARE)
            continue;
        if (is_out(param))
            arg = saved_lvalue(in, arg, &c.prologue);
        else if (!scan_calls(arg).effects)
            continue;
        Node *v = local(in, param->name, param->type, param->ty,
                        param->dir == DIR_OUT ? NULL : copy_plain(in->arena, arg), call);
        push(in, &c.prologue, v);
        c.locals.items[p] = v;
        c.arg_of[p] = arg;
    }
    NodeList args = {0};
    for (int p = 0; p < c.nparams; p++) {
        Node *a = new_node(in, N_ARG, call);
        a->expr = c.locals.items[p] ? name_of(in, c.locals.items[p], call) : c.arg_of[p];
        a->ty = a->expr->ty;
        push(in, &args, a);
    }
    call->args = args;
    inline_list(in, &c.prologue);
    push_all(in, prologue, c.prologue.items, c.prologue.len);
    return copy_back(&c, call);
}

/* The statements that run STMT, whose direct call CALL (the statement's
 * call, or the value it assigns) stays a call: see explicit_copies. An
 * action's exit copies back too. */
static Node *call_with_copies(Inliner *in, Node *stmt, Node *call)
{
    NodeList items = {0};
    NodeList back = explicit_copies(in, call, &items);
    Node *run = stmt;
    if (back.len && call->expr->ref->kind == N_ACTION) {
        run = new_node(in, N_EXIT_SCOPE, stmt);
        NodeList body = {0};
        push(in, &body, stmt);
        run->body = block_of(in, body, stmt);
        run->else_body = block_of(in, back, stmt);
    }
    if (!items.len && !back.len)
        return stmt;
    push(in, &items, run);
    if (run == stmt)
        push_all(in, &items, back.items, back.len);
    return block_of(in, items, stmt);
}

/* ---- evaluation order ---- */

static bool find_direct_call(Node *n, void *ctx);

static bool has_direct_call(Node *e)
{
    bool found = false;
    AstWalker w = {.pre = find_direct_call, .ctx = &found};
    ast_walk(e, &w);
    return found;
}

static Node *direct_call(Node *e)
{
    return e && e->kind == N_CALL && callee_of(e) ? e : NULL;
}

static bool find_direct_call(Node *n, void *ctx)
{
    bool *found = ctx;
    if (direct_call(n))
        *found = true;
    return !*found;
}

/* *E, a direct call, computed into a fresh local (declared in OUT, the
 * call inlined or run with explicit copies after it), which then stands
 * in *E. */
static void via_temp(Inliner *in, Node **e, NodeList *out)
{
    Node *call = *e;
    Node *callee = callee_of(call);
    Node *temp = local(in, "value", callee->type, call->ty, NULL, call);
    push(in, out, temp);
    Node *block = inline_call(in, call, name_of(in, temp, call));
    if (!block)
        block = call_with_copies(in, assign(in, name_of(in, temp, call), call, call), call);
    push(in, out, block);
    *e = name_of(in, temp, call);
}

/* *SLOT's value kept in a local declared in OUT, when a call evaluated
 * after it might change what it reads. */
static void save_operand(Inliner *in, Node **slot, NodeList *out)
{
    Node *e = *slot;
    if (!e || e->kind == N_INT || e->kind == N_BOOL || e->value || !e->ty ||
        e->ty->kind == T_INT || e->ty->kind == T_UNKNOWN || e->ty->kind == T_STRING)
        return;
    Node *temp = local(in, "operand", type_syntax(in, e->ty, e), e->ty, e, e);
    push(in, out, temp);
    *slot = name_of(in, temp, e);
}

static void lift_calls(Inliner *in, Node **slot, NodeList *out);

/* `a && b` or `a || b` with a call in b: b runs only when a lets it. */
static void lift_short_circuit(Inliner *in, Node **slot, NodeList *out)
{
    Node *e = *slot;
    lift_calls(in, &e->lhs, out);
    Node *flag = local(in, "cond", type_syntax(in, e->ty, e), e->ty, e->lhs, e);
    push(in, out, flag);
    NodeList then = {0};
    Node *rhs = e->rhs;
    lift_calls(in, &rhs, &then);
    push(in, &then, assign(in, name_of(in, flag, e), rhs, e));
    Node *iff = new_node(in, N_IF, e);
    iff->expr = name_of(in, flag, e);
    if (e->op == OP_OR) {
        Node *not = new_node(in, N_UNARY, e);
        not->op = OP_NOT;
        not->expr = iff->expr;
        not->ty = e->ty;
        iff->expr = not;
    }
    iff->body = block_of(in, then, e);
    push(in, out, iff);
    *slot = name_of(in, flag, e);
}

/* `c ? a : b` with a call in a or b: only the chosen one runs. */
static void lift_conditional(Inliner *in, Node **slot, NodeList *out)
{
    Node *e = *slot;
    lift_calls(in, &e->expr, out);
    Node *value = local(in, "choice", type_syntax(in, e->ty, e), e->ty, NULL, e);
    push(in, out, value);
    NodeList then = {0}, other = {0};
    Node *a = e->lhs, *b = e->rhs;
    lift_calls(in, &a, &then);
    push(in, &then, assign(in, name_of(in, value, e), a, e));
    lift_calls(in, &b, &other);
    push(in, &other, assign(in, name_of(in, value, e), b, e));
    Node *iff = new_node(in, N_IF, e);
    iff->expr = e->expr;
    iff->body = block_of(in, then, e);
    iff->else_body = block_of(in, other, e);
    push(in, out, iff);
    *slot = name_of(in, value, e);
}

/* Operands in order: each one before a later operand's call is saved. */
static void lift_in_order(Inliner *in, Node **slots[], int n, NodeList *out)
{
    for (int i = 0; i < n; i++) {
        lift_calls(in, slots[i], out);
        bool later_call = false;
        for (int j = i + 1; j < n && !later_call; j++)
            later_call = has_direct_call(*slots[j]);
        if (later_call)
            save_operand(in, slots[i], out);
    }
}

/* Every direct call in expression *SLOT computed before the statement, in
 * the spec's order ("Expression evaluation": left to right; `&&`, `||` and
 * `?:` evaluate their later operands only when needed), so that the
 * inliner sees each call as a statement of its own. */
static void lift_calls(Inliner *in, Node **slot, NodeList *out)
{
    Node *e = *slot;
    if (!e || !has_direct_call(e))
        return;
    if (direct_call(e)) {
        via_temp(in, slot, out);
        return;
    }
    switch (e->kind) {
    case N_BINARY:
        if ((e->op == OP_AND || e->op == OP_OR) && has_direct_call(e->rhs)) {
            lift_short_circuit(in, slot, out);
        } else {
            Node **ops[] = {&e->lhs, &e->rhs};
            lift_in_order(in, ops, 2, out);
        }
        return;
    case N_TERNARY:
        if (has_direct_call(e->lhs) || has_direct_call(e->rhs))
            lift_conditional(in, slot, out);
        else
            lift_calls(in, &e->expr, out);
        return;
    case N_UNARY: case N_CAST: case N_MEMBER: case N_SLICE:
        lift_calls(in, &e->expr, out);
        return;
    case N_INDEX: {
        Node **ops[] = {&e->expr, &e->lhs};
        lift_in_order(in, ops, 2, out);
        return;
    }
    case N_CALL: case N_LIST_EXPR: case N_STRUCT_EXPR: {
        NodeList *items = e->kind == N_CALL ? &e->args : &e->items;
        Node ***ops = arena_alloc(in->arena, sizeof(Node **) * (size_t)(items->len + 2));
        int n = 0;
        /* A method's receiver comes first: `f().isValid()`. Only one that
         * calls: an lvalue receiver must stay itself (`s.push_front(f())`). */
        if (e->kind == N_CALL && e->expr->kind == N_MEMBER && has_direct_call(e->expr->expr))
            ops[n++] = &e->expr->expr;
        for (int i = 0; i < items->len; i++)
            ops[n++] = items->items[i]->kind == N_ARG || items->items[i]->kind == N_KV
                           ? &items->items[i]->expr : &items->items[i];
        lift_in_order(in, ops, n, out);
        return;
    }
    default:
        return;
    }
}

/* ---- statements ---- */

/* A statement position that holds one statement. */
static Node *inline_single(Inliner *in, Node *s)
{
    if (!s || s->kind == N_BLOCK) {
        if (s)
            inline_list(in, &s->items);
        return s;
    }
    NodeList items = {0};
    push(in, &items, s);
    inline_list(in, &items);
    return items.len == 1 ? items.items[0] : block_of(in, items, s);
}

static void inline_nested(Inliner *in, Node *s)
{
    switch (s->kind) {
    case N_BLOCK:
        inline_list(in, &s->items);
        break;
    case N_IF:
        s->body = inline_single(in, s->body);
        s->else_body = inline_single(in, s->else_body);
        break;
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            s->items.items[i]->body = inline_single(in, s->items.items[i]->body);
        break;
    case N_FOR: case N_FOR_IN:
        s->body = inline_single(in, s->body);
        break;
    default:
        break;
    }
}

static void expand(Inliner *in, Node *s, NodeList *out)
{
    inline_nested(in, s);
    Node *block = NULL;
    switch (s->kind) {
    case N_CALL_STMT: {
        IrInstance *inst = applied_instance(in, s->expr, N_CONTROL);
        if (inst) {
            block = inline_control_apply(in, s->expr, inst);
        } else if (direct_call(s->expr)) {
            block = inline_call(in, s->expr, NULL);
            if (!block)
                block = call_with_copies(in, s, s->expr);
        } else {
            lift_calls(in, &s->expr, out);
        }
        break;
    }
    case N_ASSIGN:
        if (!has_direct_call(s->rhs) && !has_direct_call(s->lhs))
            break;
        /* The left side's place is fixed before the right side runs (its
         * indexes' calls inlined like any other). */
        if (has_direct_call(s->lhs)) {
            NodeList saved = {0};
            s->lhs = saved_lvalue(in, s->lhs, &saved);
            inline_list(in, &saved);
            push_all(in, out, saved.items, saved.len);
        } else {
            s->lhs = saved_lvalue(in, s->lhs, out);
        }
        if (s->op != OP_NONE) {
            /* x op= e is x = x op e, x read before e's calls. */
            Node *op = new_node(in, N_BINARY, s);
            op->op = s->op;
            op->lhs = copy_plain(in->arena, s->lhs);
            op->rhs = s->rhs;
            op->ty = s->lhs->ty;
            s->op = OP_NONE;
            s->rhs = op;
        }
        if (direct_call(s->rhs)) {
            block = inline_call(in, s->rhs, s->lhs);
            if (!block)
                via_temp(in, &s->rhs, out);
        } else {
            lift_calls(in, &s->rhs, out);
        }
        break;
    case N_VAR:
        if (direct_call(s->expr)) {
            Node *call = s->expr;
            block = inline_call(in, call, name_of(in, s, call));
            if (block) {
                s->expr = NULL;
                push(in, out, s);
            } else {
                via_temp(in, &s->expr, out);
            }
        } else {
            lift_calls(in, &s->expr, out);
        }
        break;
    case N_IF: case N_RETURN: case N_SWITCH:
        lift_calls(in, &s->expr, out);
        break;
    default:
        break;
    }
    push(in, out, block ? block : s);
}

static void inline_list(Inliner *in, NodeList *items)
{
    NodeList out = {0};
    for (int i = 0; i < items->len; i++)
        expand(in, items->items[i], &out);
    *items = out;
}

/* Inlines the calls in an action's or function's body, once. */
static void inline_decl(Inliner *in, Node *decl)
{
    if (decl->body && first_visit(in, decl->body))
        inline_list(in, &decl->body->items);
}

/* A state's statements with the blocks among them spliced in: the
 * backend's parser statements are a flat list (a block scopes nothing the
 * declarations' own references do not). */
static void splice_blocks(Inliner *in, NodeList *items)
{
    bool any = false;
    for (int i = 0; i < items->len && !any; i++)
        any = items->items[i]->kind == N_BLOCK;
    if (!any)
        return;
    NodeList out = {0};
    for (int i = 0; i < items->len; i++) {
        Node *s = items->items[i];
        if (s->kind == N_BLOCK) {
            splice_blocks(in, &s->items);
            push_all(in, &out, s->items.items, s->items.len);
        } else {
            push(in, &out, s);
        }
    }
    *items = out;
}

static void inline_states(Inliner *in, NodeList *states)
{
    for (int i = 0; i < states->len; i++)
        if (first_visit(in, states->items[i])) {
            splice_blocks(in, &states->items[i]->items);
            inline_list(in, &states->items[i]->items);
        }
}

/* A block's variables whose initializers call an action or function are
 * assigned where the block starts instead (where the backend initializes
 * them), so that the call is inlined like any other. */
static void initialize_in_body(Inliner *in, IrBlock *b)
{
    NodeList *first = b->body ? &b->body->items : NULL;
    for (int i = 0; !first && i < b->states.len; i++)
        if (strcmp(b->states.items[i]->name, "start") == 0)
            first = &b->states.items[i]->items;
    if (!first)
        return;
    NodeList inits = {0};
    for (int i = 0; i < b->locals.len; i++) {
        Node *v = b->locals.items[i];
        if (v->kind == N_VAR && v->expr && has_direct_call(v->expr)) {
            push(in, &inits, assign(in, name_of(in, v, v), v->expr, v));
            v->expr = NULL;
        }
    }
    if (!inits.len)
        return;
    push_all(in, &inits, first->items, first->len);
    *first = inits;
}

/* ---- table actions with bound arguments ---- */

/* The action table T runs for TA, whose actions-list entry binds the
 * first arguments: an action of the same name and id whose parameters are
 * the remaining ones (the action data) and whose body calls TA's action
 * with the bound arguments and those parameters. */
static IrAction *bound_wrapper(Inliner *in, const IrTable *t, IrTableAction *ta)
{
    IrAction *a = ta->action;
    Node *decl = a->decl, *ref = ta->ref;
    int nbound = ref->args.len, n = decl->ty->nparams;
    Node *w = new_node(in, N_ACTION, decl);
    w->name = decl->name;
    w->ty = type_copy(in->arena, decl->ty);
    w->ty->decl = w;
    w->ty->params = arena_alloc(in->arena, sizeof(Param) * (size_t)(n - nbound + 1));
    w->ty->nparams = n - nbound;
    Node *call = new_node(in, N_CALL, ref);
    call->expr = new_node(in, N_NAME, ref);
    call->expr->name = decl->name;
    call->expr->ref = decl;
    call->expr->ty = decl->ty;
    call->ty = type_simple(T_VOID);
    for (int p = 0; p < n; p++) {
        Node *arg = new_node(in, N_ARG, ref);
        if (p < nbound) {
            arg->expr = copy_plain(in->arena, ref->args.items[p]->expr);
        } else {
            Node *param = copy_plain(in->arena, decl->ty->params[p].decl);
            push(in, &w->params, param);
            w->ty->params[p - nbound] = decl->ty->params[p];
            w->ty->params[p - nbound].decl = param;
            arg->expr = name_of(in, param, ref);
        }
        push(in, &call->args, arg);
    }
    Node *stmt = new_node(in, N_CALL_STMT, ref);
    stmt->expr = call;
    NodeList body = {0};
    push(in, &body, stmt);
    w->body = block_of(in, body, decl);
    IrAction *run = ARENA_NEW(in->arena, IrAction);
    *run = *a;
    run->decl = w;
    run->c_name = arena_printf(in->arena, "%s__%s", a->c_name, t->c_name);
    return run;
}

static void wrap_bound_actions(Inliner *in)
{
    for (int i = 0; i < in->ir->ntables; i++) {
        IrTable *t = in->ir->tables[i];
        for (int k = 0; k < t->nactions; k++)
            if (t->actions[k].ref->args.len && t->actions[k].action->decl->ty) {
                t->actions[k].run = bound_wrapper(in, t, &t->actions[k]);
                inline_decl(in, t->actions[k].run->decl);
            }
    }
}

/* ---- functions no code calls any more ---- */

typedef struct Uses {
    NodeList *functions;
    bool *used;
    bool grew;
} Uses;

static bool note_use(Node *n, void *ctx)
{
    Uses *u = ctx;
    for (int i = 0; n->kind == N_NAME && n->ref && i < u->functions->len; i++)
        if (n->ref == u->functions->items[i] && !u->used[i]) {
            u->used[i] = true;
            u->grew = true;
        }
    return true;
}

/* Leaves in IrProgram.functions only the functions some code still calls,
 * so the backend need not assume that a function writes headers. */
static void drop_unused_functions(IrProgram *ir)
{
    Uses u = {.functions = &ir->functions,
              .used = arena_alloc(ir->arena, sizeof(bool) * (size_t)(ir->functions.len + 1))};
    AstWalker w = {.pre = note_use, .ctx = &u};
    for (int i = 0; i < ir->nblocks; i++)
        ast_walk(ir->blocks[i].decl, &w);
    for (int i = 0; i < ir->ninstances; i++)
        ast_walk(ir->instances[i]->control, &w);
    for (int i = 0; i < ir->nactions; i++)
        ast_walk(ir->actions[i]->decl, &w);
    while (u.grew) {
        u.grew = false;
        for (int i = 0; i < ir->functions.len; i++)
            if (u.used[i])
                ast_walk(ir->functions.items[i]->body, &w);
    }
    NodeList kept = {0};
    for (int i = 0; i < ir->functions.len; i++)
        if (u.used[i])
            node_list_push(ir->arena, &kept, ir->functions.items[i]);
    ir->functions = kept;
}

bool pass_inline(IrProgram *ir)
{
    Inliner in = {.ir = ir, .arena = ir->arena};
    for (int i = 0; i < ir->functions.len; i++)
        inline_decl(&in, ir->functions.items[i]);
    for (int i = 0; i < ir->nactions; i++)
        inline_decl(&in, ir->actions[i]->decl);
    wrap_bound_actions(&in);
    for (int b = 0; b < ir->nblocks; b++)
        initialize_in_body(&in, &ir->blocks[b]);
    /* Every parser of the architecture (PSA has two). */
    for (int b = 0; b < ir->nblocks; b++)
        if (ir->blocks[b].kind == BLOCK_PARSER) {
            inline_states(&in, &ir->blocks[b].states);
            flatten_parser(&in, &ir->blocks[b].states, &ir->blocks[b].locals);
        }
    for (int b = 0; b < ir->nblocks; b++)
        if (ir->blocks[b].body && first_visit(&in, ir->blocks[b].body))
            inline_list(&in, &ir->blocks[b].body->items);
    for (int i = 0; i < ir->ninstances; i++) {
        Node *block = ir->instances[i]->control;
        if (block->kind == N_PARSER)
            inline_states(&in, &block->items);
        else if (block->body && first_visit(&in, block->body))
            inline_list(&in, &block->body->items);
    }
    drop_unused_functions(ir);
    ir->inlined = true;
    return true;
}
