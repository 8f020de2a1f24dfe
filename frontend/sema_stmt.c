/* Statements (spec chapter "Statements"): assignments and their l-values,
 * conditions, return and exit where they are allowed, switch on
 * `action_run` and on values, and loops. */
#include "sema_internal.h"

#include <string.h>

static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN;
}

static void check_assign(Checker *ck, Node *s)
{
    Type *lhs = check_expr(ck, s->lhs, NULL);
    if (!is_unknown(lhs) && !is_lvalue(ck, s->lhs))
        ERROR_AT(ck, s->lhs, "cannot assign to this expression: it is not an l-value");
    if (s->op == OP_NONE) {
        Type *rhs = check_expr(ck, s->rhs, is_unknown(lhs) ? NULL : lhs);
        if (!is_unknown(lhs) && !is_unknown(rhs))
            check_assignable(ck, s->rhs, rhs, lhs, "assignment");
        return;
    }
    /* `a op= b` types as `a = a op b`. */
    Node op = {.kind = N_BINARY, .loc = s->loc, .op = s->op, .lhs = s->lhs, .rhs = s->rhs};
    Type *result = check_expr(ck, &op, lhs);
    if (!is_unknown(lhs) && !is_unknown(result))
        check_assignable(ck, s->rhs, result, lhs, "compound assignment");
}

static void check_return(Checker *ck, Node *s)
{
    if (ck->parser) {
        ERROR_AT(ck, s, "'return' is not allowed in a parser");
        return;
    }
    Type *want = ck->return_type;
    if (!s->expr) {
        if (want && want->kind != T_VOID)
            ERROR_AT(ck, s, "'return' needs a value of type '%s'", TYPE_NAME(ck, want));
        return;
    }
    if (!want || want->kind == T_VOID) {
        check_expr(ck, s->expr, NULL);
        ERROR_AT(ck, s->expr, "this %s does not return a value",
                 ck->function ? "function" : ck->action ? "action" : "block");
        return;
    }
    Type *t = check_expr(ck, s->expr, want);
    if (!is_unknown(t))
        check_assignable(ck, s->expr, t, want, "return value");
}

/* Switch on `t.apply().action_run`: labels are the table's actions. */
static void check_action_switch(Checker *ck, Node *s, Type *t)
{
    Node *table = t->decl;
    for (int i = 0; i < s->items.len; i++) {
        Node *c = s->items.items[i];
        if (c->expr->kind == N_DEFAULT)
            continue;
        if (c->expr->kind != N_NAME) {
            ERROR_AT(ck, c->expr, "a case of a switch on action_run must name an action");
            continue;
        }
        Binding *b = env_lookup(ck->env, c->expr->name);
        if (!b || b->decl->kind != N_ACTION) {
            ERROR_AT(ck, c->expr, "'%s' is not an action", c->expr->name);
            continue;
        }
        c->expr->ref = b->decl;
        c->expr->ty = t;
        if (!table)
            continue;
        bool listed = false;
        for (int p = 0; p < table->items.len && !listed; p++) {
            Node *prop = table->items.items[p];
            if (prop->kind != N_PROP_ACTIONS)
                continue;
            for (int a = 0; a < prop->items.len; a++)
                listed = listed || prop->items.items[a]->expr->ref == b->decl;
        }
        if (!listed)
            ERROR_AT(ck, c->expr, "action '%s' is not in the actions of table '%s'",
                     c->expr->name, table->name);
    }
}

static bool same_label(Checker *ck, Node *a, Node *b)
{
    if (a->ref && a->ref == b->ref)
        return true;
    ConstValue *x = const_eval(ck, a), *y = const_eval(ck, b);
    if (!x || !y || x->kind != y->kind)
        return false;
    if (x->kind == CV_INT)
        return strcmp(x->digits, y->digits) == 0;
    if (x->kind == CV_MEMBER)
        return strcmp(x->text, y->text) == 0;
    if (x->kind == CV_BOOL)
        return x->boolean == y->boolean;
    return false;
}

static void check_switch(Checker *ck, Node *s)
{
    const Node *saved = ck->switch_expr;
    ck->switch_expr = s->expr;
    Type *t = check_expr(ck, s->expr, NULL);
    ck->switch_expr = saved;
    bool on_actions = t->kind == T_ACTION_ENUM;
    if (on_actions) {
        check_action_switch(ck, s, t);
    } else if (!is_unknown(t)) {
        Type *v = t->kind == T_SERENUM ? t->base : t;
        if (v->kind != T_BITS && t->kind != T_ENUM && t->kind != T_ERROR && t->kind != T_SERENUM) {
            ERROR_AT(ck, s->expr, "cannot switch on a value of type '%s'", TYPE_NAME(ck, t));
            t = type_unknown();
        }
        for (int i = 0; i < s->items.len; i++) {
            Node *label = s->items.items[i]->expr;
            if (label->kind == N_DEFAULT)
                continue;
            Type *lt = check_expr(ck, label, is_unknown(t) ? NULL : t);
            if (is_unknown(lt) || is_unknown(t))
                continue;
            if (!const_eval(ck, label))
                ERROR_AT(ck, label, "a switch label must be a compile-time known value");
            else
                check_assignable(ck, label, lt, t, "switch label");
        }
    }
    for (int i = 0; i < s->items.len; i++) {
        Node *c = s->items.items[i];
        if (c->expr->kind == N_DEFAULT && i != s->items.len - 1)
            ERROR_AT(ck, c->expr, "'default' must be the last label of a switch");
        for (int j = 0; j < i; j++) {
            Node *prev = s->items.items[j]->expr;
            if ((prev->kind == N_DEFAULT && c->expr->kind == N_DEFAULT) ||
                (prev->kind != N_DEFAULT && c->expr->kind != N_DEFAULT &&
                 same_label(ck, prev, c->expr))) {
                ERROR_AT(ck, c->expr, "duplicate switch label");
                diag_note(ck->diag, prev->loc, "the same label is here");
                break;
            }
        }
        if (c->body)
            check_statement(ck, c->body);
    }
}

static void check_for(Checker *ck, Node *s)
{
    env_push(ck);
    for (int i = 0; i < s->locals.len; i++)
        check_statement(ck, s->locals.items[i]);
    Type *c = check_expr(ck, s->expr, type_simple(T_BOOL));
    if (!is_unknown(c) && c->kind != T_BOOL)
        ERROR_AT(ck, s->expr, "loop condition must be bool, not '%s'", TYPE_NAME(ck, c));
    for (int i = 0; i < s->items.len; i++)
        check_statement(ck, s->items.items[i]);
    ck->loop_depth++;
    check_statement(ck, s->body);
    ck->loop_depth--;
    env_pop(ck);
}

static void check_for_in(Checker *ck, Node *s)
{
    env_push(ck);
    Node *var = s->lhs;
    Type *vt = resolve_type(ck, var->type);
    var->ty = vt;
    Node *coll = s->expr;
    if (coll->kind == N_RANGE) {
        Type *a = check_expr(ck, coll->lhs, vt);
        Type *b = check_expr(ck, coll->rhs, vt);
        if (!is_unknown(a))
            check_assignable(ck, coll->lhs, a, vt, "loop range");
        if (!is_unknown(b))
            check_assignable(ck, coll->rhs, b, vt, "loop range");
    } else {
        Type *t = check_expr(ck, coll, NULL);
        Type *elem = t->kind == T_STACK || t->kind == T_LIST ? t->base : NULL;
        if (!is_unknown(t) && !elem && t->kind != T_LIST_EXPR && t->kind != T_TUPLE)
            ERROR_AT(ck, coll, "cannot iterate over a value of type '%s'", TYPE_NAME(ck, t));
        else if (elem)
            check_assignable(ck, coll, elem, vt, "loop variable");
    }
    env_declare(ck, var->name, var);
    ck->loop_depth++;
    check_statement(ck, s->body);
    ck->loop_depth--;
    env_pop(ck);
}

/* Whether every way through S ends in `return` or `exit` (spec
 * "Functions": a function with a result returns a value on all paths). */
bool always_returns(const Node *s)
{
    if (!s)
        return false;
    switch (s->kind) {
    case N_RETURN: case N_EXIT:
        return true;
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            if (always_returns(s->items.items[i]))
                return true;
        return false;
    case N_IF:
        return always_returns(s->body) && always_returns(s->else_body);
    case N_SWITCH: {
        bool has_default = false;
        for (int i = 0; i < s->items.len; i++) {
            const Node *c = s->items.items[i];
            has_default = has_default || c->expr->kind == N_DEFAULT;
            if (c->body && !always_returns(c->body))
                return false;
        }
        return has_default;
    }
    default:
        return false;
    }
}

void check_block_items(Checker *ck, NodeList *items)
{
    for (int i = 0; i < items->len; i++)
        check_statement(ck, items->items[i]);
}

void check_statement(Checker *ck, Node *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case N_ASSIGN:
        check_assign(ck, s);
        break;
    case N_CALL_STMT:
        check_expr(ck, s->expr, NULL);
        break;
    case N_EMPTY_STMT:
        break;
    case N_BLOCK:
        env_push(ck);
        check_block_items(ck, &s->items);
        env_pop(ck);
        break;
    case N_IF: {
        Type *c = check_expr(ck, s->expr, type_simple(T_BOOL));
        if (!is_unknown(c) && c->kind != T_BOOL)
            ERROR_AT(ck, s->expr, "condition must be bool, not '%s'", TYPE_NAME(ck, c));
        env_push(ck);
        check_statement(ck, s->body);
        env_pop(ck);
        env_push(ck);
        check_statement(ck, s->else_body);
        env_pop(ck);
        break;
    }
    case N_RETURN:
        check_return(ck, s);
        break;
    case N_EXIT:
        if (ck->parser)
            ERROR_AT(ck, s, "'exit' is not allowed in a parser");
        else if (ck->function)
            ERROR_AT(ck, s, "'exit' is not allowed in a function");
        break;
    case N_BREAK: case N_CONTINUE:
        if (ck->loop_depth == 0)
            ERROR_AT(ck, s, "'%s' is only allowed in a loop", s->kind == N_BREAK ? "break"
                                                                                   : "continue");
        break;
    case N_SWITCH:
        if (ck->parser)
            ERROR_AT(ck, s, "'switch' is not allowed in a parser");
        check_switch(ck, s);
        break;
    case N_FOR:
        check_for(ck, s);
        break;
    case N_FOR_IN:
        check_for_in(ck, s);
        break;
    case N_CONST: case N_VAR:
        ck->in_statement = true;
        check_declaration(ck, s);
        ck->in_statement = false;
        break;
    case N_INSTANCE:
        ERROR_AT(ck, s, "instantiations are not allowed inside a block; declare '%s' before "
                        "the apply block or state", s->name);
        break;
    default:
        ERROR_AT(ck, s, "expected a statement");
        break;
    }
}
