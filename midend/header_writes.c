/* What the program writes into headers (ir_find_header_writes): the header
 * fields the parser's statements and the controls assign, the headers
 * setValid() and setInvalid() are called on, the stacks whose elements
 * change validity. The backend's deparser writes back only assigned fields
 * of headers still where the parser found them, and stores assignments
 * straight into the packet where every write is a plain one; both read
 * this, keyed by places (midend/place.c). Writes the walk cannot follow (a
 * whole header assigned or passed out, code in sub-controls and functions
 * that names headers through parameters) set `unknown`. */
#include "ir.h"

#include <string.h>

static bool is_scalar(const Type *t)
{
    return t && (t->kind == T_BITS || t->kind == T_BOOL || t->kind == T_SERENUM ||
                 t->kind == T_ENUM || t->kind == T_ERROR || t->kind == T_NEWTYPE ||
                 t->kind == T_VARBIT || t->kind == T_INT);
}

Node *ir_enclosing_header(Node *lvalue, Node **field)
{
    Node *n = lvalue;
    *field = NULL;
    while (n && n->ty && n->ty->kind != T_HEADER &&
           (n->kind == N_MEMBER || n->kind == N_INDEX || n->kind == N_SLICE ||
            n->kind == N_PLUS_SLICE)) {
        *field = n;
        n = n->expr;
    }
    return n && n->ty && n->ty->kind == T_HEADER && n != lvalue ? n : NULL;
}

/* Whether LVALUE is (in) a local variable: a header there is never
 * deparsed. */
static bool in_local_variable(const Node *lvalue)
{
    while (lvalue->kind == N_MEMBER || lvalue->kind == N_INDEX)
        lvalue = lvalue->expr;
    return lvalue->kind == N_NAME && lvalue->ref && lvalue->ref->kind == N_VAR;
}

/* Whether LVALUE goes through a run-time index: a header stack element,
 * which the deparser writes whole. */
static bool runtime_indexed(const Node *lvalue)
{
    for (; lvalue->kind == N_MEMBER || lvalue->kind == N_INDEX || lvalue->kind == N_SLICE;
         lvalue = lvalue->expr)
        if (lvalue->kind == N_INDEX && !(lvalue->lhs->kind == N_INT || lvalue->lhs->value))
            return true;
    return false;
}

/* The innermost place that holds LVALUE (a stack, for `s[i]` or `s.last`),
 * in *OUT; false when there is none (a call's result). */
static bool enclosing_place(const IrProgram *ir, const Node *lvalue, IrPlace *out)
{
    for (; !ir_place_of(ir, lvalue, out); lvalue = lvalue->expr)
        if (lvalue->kind != N_MEMBER && lvalue->kind != N_INDEX)
            return false;
    return true;
}

typedef struct WritesWalk {
    const IrProgram *ir;
    IrHeaderWrites *w;
} WritesWalk;

static void note_written(WritesWalk *ww, Node *lvalue, bool by_call)
{
    IrHeaderWrites *w = ww->w;
    if (in_local_variable(lvalue))
        return;   /* never deparsed */
    if (runtime_indexed(lvalue)) {
        /* A stack element's fields: it is deparsed whole. The element
         * itself: its validity too is written, which is not followed. */
        if (!is_scalar(lvalue->ty))
            w->unknown = true;
        return;
    }
    Node *field, *header = ir_enclosing_header(lvalue, &field);
    if (!header) {
        /* Not in a header (a local variable, metadata) unless the whole of
         * a header, stack, union or struct of them is assigned. */
        if (!is_scalar(lvalue->ty))
            w->unknown = true;
        return;
    }
    if (field->kind != N_MEMBER) {
        w->unknown = true;
        return;
    }
    IrPlace place;
    if (!ir_place_of(ww->ir, header, &place))
        return;   /* a stack's next or last: no extraction offset, deparsed whole */
    if (w->n == w->room) {
        size_t old = (size_t)w->room;
        w->room = w->room ? 2 * w->room : 16;
        w->items = arena_realloc(ww->ir->arena, w->items, sizeof *w->items * old,
                                 sizeof *w->items * (size_t)w->room);
    }
    w->items[w->n++] = (IrHeaderWrite){place, field->name, by_call};
}

static const NodeList *callee_params(Node *call)
{
    Node *callee = call->expr;
    Node *decl = callee->ref;
    if (decl && (decl->kind == N_ACTION || decl->kind == N_FUNCTION ||
                 decl->kind == N_EXTERN_FUNCTION || decl->kind == N_METHOD))
        return &decl->params;
    if (callee->kind == N_MEMBER && callee->expr->ty &&
        callee->expr->ty->kind == T_CONTROL && callee->expr->ty->decl)
        return &callee->expr->ty->decl->params;   /* a sub-control's apply */
    return NULL;
}

/* setValid, setInvalid, push_front or pop_front on TARGET: only validity
 * is written (stack elements are always written back whole). */
static void note_validity(WritesWalk *ww, const char *method, Node *target)
{
    IrHeaderWrites *w = ww->w;
    Arena *arena = ww->ir->arena;
    w->validity = true;
    IrPlace place;
    bool exact = !runtime_indexed(target) && ir_place_of(ww->ir, target, &place);
    if (exact && strcmp(method, "setValid") == 0)
        ir_place_list_add(arena, &w->made_valid, &place);
    else if (exact && strcmp(method, "setInvalid") == 0)
        ir_place_list_add(arena, &w->made_invalid, &place);
    else if (enclosing_place(ww->ir, target, &place))
        ir_place_list_add(arena, &w->changed_within, &place);   /* a stack's elements */
    else
        w->unknown = true;
}

static bool find_writes(Node *n, void *ctx)
{
    WritesWalk *ww = ctx;
    if (n->kind == N_CALL && n->expr->kind == N_MEMBER && in_local_variable(n->expr->expr) &&
        (strcmp(n->expr->name, "setValid") == 0 || strcmp(n->expr->name, "setInvalid") == 0))
        return true;
    if (n->kind == N_ASSIGN)
        note_written(ww, n->lhs, false);
    if (n->kind == N_CALL && n->expr->kind == N_MEMBER) {
        const char *m = n->expr->name;
        if (strcmp(m, "setValid") == 0 || strcmp(m, "setInvalid") == 0 ||
            strcmp(m, "push_front") == 0 || strcmp(m, "pop_front") == 0) {
            note_validity(ww, m, n->expr->expr);
            return true;
        }
        /* The parser's extract reads the header where it is. */
        if (ir_is_packet_method(n, "extract"))
            return true;
    }
    if (n->kind == N_CALL) {
        const NodeList *params = callee_params(n);
        for (int i = 0; i < n->args.len; i++) {
            Direction dir = params && i < params->len ? params->items[i]->dir : DIR_INOUT;
            if (!params && n->expr->kind == N_MEMBER && n->expr->expr->ty &&
                type_is_header_like(n->expr->expr->ty))
                continue;   /* isValid() and friends */
            if (dir == DIR_OUT || dir == DIR_INOUT)
                note_written(ww, n->args.items[i]->expr, true);
        }
    }
    return ast_for_each_child(n, find_writes, ctx);
}

const IrHeaderWrites *ir_find_header_writes(IrProgram *ir)
{
    IrHeaderWrites *w = ARENA_NEW(ir->arena, IrHeaderWrites);
    WritesWalk ww = {ir, w};
    for (int b = 0; b < ir->nblocks; b++)
        if (ir->blocks[b].kind == BLOCK_PARSER)
            for (int i = 0; i < ir->blocks[b].states.len; i++)
                find_writes(ir->blocks[b].states.items[i], &ww);
    for (int b = 0; b < ir->nblocks; b++)
        if (ir->blocks[b].body)
            find_writes(ir->blocks[b].body, &ww);
    for (int i = 0; i < ir->ninstances; i++)
        if (ir->instances[i]->control->body)
            find_writes(ir->instances[i]->control->body, &ww);
    for (int i = 0; i < ir->nactions; i++)
        find_writes(ir->actions[i]->decl->body, &ww);
    /* The wrappers that run actions with arguments bound in a table's
     * actions list: their copy-back writes. */
    for (int i = 0; i < ir->ntables; i++)
        for (int k = 0; k < ir->tables[i]->nactions; k++) {
            IrTableAction *ta = &ir->tables[i]->actions[k];
            if (ta->run != ta->action)
                find_writes(ta->run->decl->body, &ww);
        }
    for (int i = 0; i < ir->functions.len; i++)
        find_writes(ir->functions.items[i]->body, &ww);
    /* Code inside sub-controls, sub-parsers and functions names headers
     * through their own parameters, which the written set cannot follow. */
    if (ir->ninstances || ir->functions.len)
        w->unknown = true;
    return w;
}

bool ir_may_be_made_valid(const IrHeaderWrites *w, const IrPlace *h)
{
    return h && ir_place_list_find(&w->made_valid, h) >= 0;
}

bool ir_field_written(const IrHeaderWrites *w, const IrPlace *h, const char *field)
{
    for (int i = 0; h && i < w->n; i++)
        if (ir_place_equal(&w->items[i].header, h) &&
            (!field || strcmp(w->items[i].field, field) == 0))
            return true;
    return false;
}

bool ir_is_packet_method(const Node *call, const char *name)
{
    const Node *callee = call->expr;
    return call->kind == N_CALL && callee && callee->kind == N_MEMBER &&
           strcmp(callee->name, name) == 0 && callee->expr->ty &&
           callee->expr->ty->kind == T_EXTERN && callee->expr->ty->name &&
           (strcmp(callee->expr->ty->name, "packet_in") == 0 ||
            strcmp(callee->expr->ty->name, "packet_out") == 0);
}
