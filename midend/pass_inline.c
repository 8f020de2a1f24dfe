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
 * Calls are inlined where they are statements, and where an assignment's
 * right side, an initializer, a condition or a returned value evaluates
 * them before anything else (the value through a local). Calls stay for the
 * backend (a C function, emit_stmt.c / emit_functions.c) when inlining is
 * not done yet: calls elsewhere in expressions; a `return` inside a loop;
 * parameters of header stack, tuple, varbit or wide (over 64 bits) type;
 * out/inout arguments with run-time indexes; arguments that apply a table;
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
    case T_BITS: return t->width <= 64;
    case T_BOOL: case T_ENUM: case T_ERROR: return true;
    case T_SERENUM: case T_NEWTYPE: return type_ok(t->base);
    case T_HEADER: return true;
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

typedef struct Call {
    Inliner *in;
    Node *call;
    Node *callee;
    Node **arg_of;          /* per parameter: the argument (or default) */
    int *order;             /* parameter indexes in argument order */
    int nparams;
    NodeList locals;        /* per parameter: its local, or NULL */
    NodeList prologue;
} Call;

static NodeList copy_back(Call *c, const Node *at)
{
    NodeList out = {0};
    for (int k = 0; k < c->nparams; k++) {
        int p = c->order[k];
        Node *param = c->callee->params.items[p], *arg = c->arg_of[p];
        if ((param->dir != DIR_OUT && param->dir != DIR_INOUT) || arg->kind == N_DONTCARE)
            continue;
        push(c->in, &out, assign(c->in, copy_plain(c->in->arena, arg),
                                 name_of(c->in, c->locals.items[p], at), at));
    }
    return out;
}

static void exits_copy_back(Call *c, Node *s);

static Node *exit_stmt(Call *c, Node *s)
{
    if (s && s->kind == N_EXIT) {
        NodeList items = copy_back(c, s);
        push(c->in, &items, s);
        return block_of(c->in, items, s);
    }
    exits_copy_back(c, s);
    return s;
}

static void exits_copy_back(Call *c, Node *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            s->items.items[i] = exit_stmt(c, s->items.items[i]);
        break;
    case N_IF:
        s->body = exit_stmt(c, s->body);
        s->else_body = exit_stmt(c, s->else_body);
        break;
    case N_SWITCH:
        for (int i = 0; i < s->items.len; i++)
            s->items.items[i]->body = exit_stmt(c, s->items.items[i]->body);
        break;
    case N_FOR: case N_FOR_IN:
        s->body = exit_stmt(c, s->body);
        break;
    default:
        break;
    }
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
    NodeList *params = &c->callee->params;
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
        if (!params->items[p]->expr || params->items[p]->dir == DIR_OUT ||
            params->items[p]->dir == DIR_INOUT)
            return false;   /* @optional without a value */
        c->arg_of[p] = params->items[p]->expr;
        c->order[k++] = p;
    }
    return true;
}

static bool args_ok(Call *c, bool *effects)
{
    for (int p = 0; p < c->nparams; p++) {
        Node *param = c->callee->params.items[p], *arg = c->arg_of[p];
        if (!type_ok(param->ty))
            return false;
        CallScan cs = scan_calls(arg);
        if (cs.applies)
            return false;   /* the backend hoists applies out of statements, not locals */
        *effects = *effects || cs.effects;
        bool out = param->dir == DIR_OUT || param->dir == DIR_INOUT;
        if (out && arg->kind != N_DONTCARE && !stable_path(arg))
            return false;
    }
    return true;
}

/* Whether the argument can stand for an in parameter itself: reading it
 * in the body gives what a copy made at the call would hold. */
static bool passed_directly(const Node *param, Node *arg, const Writes *w, bool effects)
{
    if (param->dir == DIR_OUT || param->dir == DIR_INOUT || !type_equal(arg->ty, param->ty))
        return false;
    if (arg->kind == N_INT || arg->kind == N_BOOL || arg->value)
        return true;
    return !effects && !w->unknown && stable_path(arg) && !written(w, root_decl(arg));
}

static void bind_params(Call *c, const Writes *w, bool effects)
{
    Inliner *in = c->in;
    for (int k = 0; k < c->nparams; k++) {
        int p = c->order[k];
        Node *param = c->callee->params.items[p], *arg = c->arg_of[p];
        if (passed_directly(param, arg, w, effects)) {
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

static Node *inlined_body(Call *c, Node *result, NodeList *decls)
{
    StandIns s = {0};
    for (int p = 0; p < c->nparams; p++) {
        Node *v = c->locals.items[p];
        push(c->in, &s.params, c->callee->params.items[p]);
        push(c->in, &s.nodes, v ? name_of(c->in, v, c->call) : c->arg_of[p]);
    }
    Node *body = copy_body(c->in, &s, c->callee->body);
    body = remove_returns(c->in, body, result, decls);
    exits_copy_back(c, body);
    return body;
}

/* The block that replaces CALL, or NULL when it stays a call. TARGET, if
 * not NULL, receives the function's result after the copy-back. */
static Node *inline_call(Inliner *in, Node *call, Node *target)
{
    Node *callee = callee_of(call);
    if (!callee || return_in_loop(callee->body) || parameterless_action(callee))
        return NULL;
    inline_decl(in, callee);
    int n = callee->params.len;
    Call c = {.in = in, .call = call, .callee = callee, .nparams = n,
              .arg_of = arena_alloc(in->arena, sizeof(Node *) * (size_t)(n + 1)),
              .order = arena_alloc(in->arena, sizeof(int) * (size_t)(n + 1))};
    bool effects = false;
    Type *ret = callee->ty->ret;
    bool returns_value = callee->kind == N_FUNCTION && ret && ret->kind != T_VOID;
    if (!bind_args(&c) || !args_ok(&c, &effects) || (returns_value && !type_ok(ret)))
        return NULL;
    Writes w = {.in = in};
    AstWalker walker = {.pre = find_writes, .ctx = &w};
    ast_walk(callee->body, &walker);
    for (int p = 0; p < n; p++)
        push(in, &c.locals, NULL);
    bind_params(&c, &w, effects);
    inline_list(in, &c.prologue);   /* calls in arguments */
    Node *result = returns_value ? local(in, "result", callee->type, ret, NULL, call) : NULL;
    NodeList items = c.prologue;
    if (result)
        push(in, &items, result);
    NodeList decls = {0};
    Node *body = inlined_body(&c, result, &decls);
    push_all(in, &items, decls.items, decls.len);
    push(in, &items, body);
    NodeList back = copy_back(&c, call);
    push_all(in, &items, back.items, back.len);
    if (result && target)
        push(in, &items, assign(in, target, name_of(in, result, call), call));
    return block_of(in, items, call);
}

/* ---- statements ---- */

static Node *direct_call(Node *e)
{
    return e && e->kind == N_CALL && callee_of(e) ? e : NULL;
}

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

/* *E, a direct call, inlined into a fresh local (both pushed to OUT, before
 * the statement), which then stands in *E; false when the call stays. */
static bool via_temp(Inliner *in, Node **e, NodeList *out)
{
    Node *call = *e;
    Node *callee = callee_of(call);
    if (!callee || !call->ty || !callee->type)
        return false;
    Node *temp = local(in, "value", callee->type, call->ty, NULL, call);
    Node *block = inline_call(in, call, name_of(in, temp, call));
    if (!block)
        return false;
    push(in, out, temp);
    push(in, out, block);
    *e = name_of(in, temp, call);
    return true;
}

/* The slot of the direct call that expression *SLOT evaluates first, before
 * anything else in it: computing that call before the statement keeps the
 * spec's left-to-right order. */
static Node **first_call(Node **slot)
{
    Node *e = *slot;
    if (!e)
        return NULL;
    if (direct_call(e))
        return slot;
    switch (e->kind) {
    case N_BINARY:
        return first_call(&e->lhs);
    case N_UNARY: case N_CAST: case N_MEMBER: case N_SLICE: case N_INDEX: case N_TERNARY:
        return first_call(&e->expr);
    default:
        return NULL;
    }
}

static void hoist_first_call(Inliner *in, Node **slot, NodeList *out)
{
    Node **call = first_call(slot);
    if (call)
        via_temp(in, call, out);
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
    case N_CALL_STMT:
        block = direct_call(s->expr) ? inline_call(in, s->expr, NULL) : NULL;
        break;
    case N_ASSIGN:
        if (s->op != OP_NONE || !stable_path(s->lhs))
            break;   /* the left side is evaluated first */
        if (direct_call(s->rhs))
            block = inline_call(in, s->rhs, s->lhs);
        else
            hoist_first_call(in, &s->rhs, out);
        break;
    case N_VAR:
        if (direct_call(s->expr)) {
            Node *call = s->expr;
            block = inline_call(in, call, name_of(in, s, call));
            if (block) {
                s->expr = NULL;
                push(in, out, s);
            }
        } else {
            hoist_first_call(in, &s->expr, out);
        }
        break;
    case N_IF: case N_RETURN:
        hoist_first_call(in, &s->expr, out);
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

static void inline_states(Inliner *in, NodeList *states)
{
    for (int i = 0; i < states->len; i++)
        if (first_visit(in, states->items[i]))
            inline_list(in, &states->items[i]->items);
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
    Node *blocks[] = {ir->parser.decl, ir->control.decl, ir->has_deparser ? ir->deparser.decl : NULL};
    for (int i = 0; i < 3; i++)
        if (blocks[i])
            ast_walk(blocks[i], &w);
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
    inline_states(&in, &ir->parser.states);
    IrBlock *controls[] = {&ir->control, &ir->deparser};
    for (int b = 0; b < 2; b++)
        if (controls[b]->body && first_visit(&in, controls[b]->body))
            inline_list(&in, &controls[b]->body->items);
    for (int i = 0; i < ir->ninstances; i++) {
        Node *block = ir->instances[i]->control;
        if (block->kind == N_PARSER)
            inline_states(&in, &block->items);
        else if (block->body && first_visit(&in, block->body))
            inline_list(&in, &block->body->items);
    }
    drop_unused_functions(ir);
    return true;
}
