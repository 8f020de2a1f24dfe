/* C statements for P4 statements of controls, actions and parser states. */
#include "emit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

/* Every C line of a P4 statement maps to that statement's line: the
 * directive is repeated wherever the preprocessor's count would have moved
 * on (so BTF line info never points past the statement, or the file). */
static void sync_line(Emitter *em)
{
    if (em->line <= 0 || em->c_line == em->line)
        return;
    fprintf(em->out, "#line %d \"%s\"\n", em->line, em->line_path);
    em->c_line = em->line;
}

void emit_line(Emitter *em, const char *fmt, ...)
{
    sync_line(em);
    for (int i = 0; i < em->indent; i++)
        fputs("    ", em->out);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(em->out, fmt, ap);
    va_end(ap);
    fputc('\n', em->out);
    if (em->c_line > 0)
        em->c_line++;
}

void emit_line_directive(Emitter *em, const Node *n)
{
    if (!n || !n->loc.file || n->loc.line <= 0)
        return;
    if (em->line_path != n->loc.file)
        em->c_line = 0;
    em->line = n->loc.line;
    em->line_path = n->loc.file;
    sync_line(em);
}

void emit_raw_lines_written(Emitter *em)
{
    em->c_line = 0;
}

void emit_error_at(Emitter *em, const Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(em->diag, n->loc, fmt, ap);
    va_end(ap);
    em->failed = true;
}

const char *new_temp(Emitter *em, const char *prefix)
{
    return arena_printf(em->arena, "%s_%d", prefix, ++em->temp_counter);
}

/* Runs every table apply that EXPR contains, so that the expression can
 * read the results (`t.apply().hit`). */
static void hoist_applies(Emitter *em, Node *e)
{
    if (!e)
        return;
    if (e->kind == N_CALL && e->expr->kind == N_MEMBER && e->ty &&
        e->ty->kind == T_APPLY_RESULT) {
        IrTable *t = e->expr->ref ? ir_find_table(em->ir, e->expr->ref) : NULL;
        if (t)
            emit_table_apply(em, t);
        else
            emit_error_at(em, e, "cannot find the table of this apply");
        return;
    }
    if (e->kind == N_BINARY && (e->op == OP_AND || e->op == OP_OR)) {
        hoist_applies(em, e->lhs);
        /* A right operand runs only sometimes: applying its table first
         * would change what the program does. */
        Node *r = e->rhs;
        (void)r;
        return;
    }
    hoist_applies(em, e->expr);
    hoist_applies(em, e->lhs);
    hoist_applies(em, e->rhs);
}

/* Assigns value VALUE_C of type FROM to the C lvalue LHS of type TO. */
static void assign_scalar(Emitter *em, const char *lhs, Node *rhs, const Type *to)
{
    int w = value_width(to);
    if (w > 64) {
        emit_wide_assign(em, lhs, rhs, w);   /* byte arrays: see emit_wide.c */
        return;
    }
    const char *value = emit_expr(em, rhs);
    if (rhs->ty && (rhs->ty->kind == T_INT || value_width(rhs->ty) != w) && w > 0 && w < 64)
        value = arena_printf(em->arena, "((%s) & 0x%llxULL)", value, (1ULL << w) - 1);
    emit_line(em, "%s = %s;", lhs, value);
}

static void assign_aggregate(Emitter *em, const char *lhs, Node *rhs, const Type *to);

/* At least the bytes C gives a value of type T (8 a scalar field, at
 * most, plus the flags): a copy is cut in pieces (p4cc_assign_large) only
 * where it may be over clang's 1024 bytes. */
static long c_size_bound(const Type *t)
{
    if (!t)
        return 0;
    switch (t->kind) {
    case T_BITS:
    case T_VARBIT:
        return t->width > 64 ? (t->width + 7) / 8 + 8 : 8;
    case T_SERENUM:
    case T_NEWTYPE:
        return c_size_bound(t->base);
    case T_STACK:
        return (t->size > 0 ? t->size : 1) * c_size_bound(t->base) + 8;
    case T_TUPLE: {
        long n = 8;
        for (int i = 0; i < t->args.len; i++)
            n += c_size_bound(t->args.items[i]);
        return n;
    }
    case T_STRUCT:
    case T_HEADER:
    case T_UNION: {
        long n = 8;
        for (int i = 0; i < t->nfields; i++)
            n += c_size_bound(t->fields[i].type);
        return n;
    }
    default:
        return 8;
    }
}

/* A whole header stack: its elements and its next index. */
static void assign_stack(Emitter *em, const char *lhs, Node *rhs)
{
    if (rhs->kind == N_LIST_EXPR) {
        for (int i = 0; i < rhs->items.len; i++)
            emit_line(em, "%s[%d] = %s;", lhs, i, emit_expr(em, rhs->items.items[i]));
        emit_line(em, "%s_next = 0;", lhs);
        emit_line(em, "st->validity_changed = 1;");
        return;
    }
    const char *from = emit_lvalue(em, rhs);
    emit_line(em, "__builtin_memcpy(&%s, &%s, sizeof(%s));", lhs, from, lhs);
    emit_line(em, "%s_next = %s_next;", lhs, from);
    emit_line(em, "st->validity_changed = 1;");
}

static void assign_to(Emitter *em, const char *lhs, Node *rhs, const Type *to)
{
    if (to && to->kind == T_STACK) {
        assign_stack(em, lhs, rhs);
        return;
    }
    if (to && c_is_struct(to))
        assign_aggregate(em, lhs, rhs, to);
    else
        assign_scalar(em, lhs, rhs, to);
}

static void assign_aggregate(Emitter *em, const char *lhs, Node *rhs, const Type *to)
{
    if (rhs->kind == N_INVALID) {
        if (to->kind == T_HEADER) {
            emit_line(em, "%s.ebpf_valid = 0;", lhs);
            emit_line(em, "st->validity_changed = 1;");
        } else
            emit_line(em, "__builtin_memset(&%s, 0, sizeof(%s));", lhs, lhs);
        return;
    }
    if (rhs->kind == N_LIST_EXPR && to->kind == T_TUPLE) {
        for (int i = 0; i < to->args.len && i < rhs->items.len; i++)
            assign_to(em, arena_printf(em->arena, "%s.f%d", lhs, i), rhs->items.items[i],
                      to->args.items[i]);
        return;
    }
    if (rhs->kind == N_LIST_EXPR || rhs->kind == N_STRUCT_EXPR) {
        for (int i = 0; i < to->nfields && i < rhs->items.len; i++) {
            Node *item = rhs->items.items[i];
            const Field *f = &to->fields[i];
            Node *value = item;
            if (rhs->kind == N_STRUCT_EXPR) {
                value = NULL;
                for (int j = 0; j < rhs->items.len; j++)
                    if (strcmp(rhs->items.items[j]->name, f->name) == 0)
                        value = rhs->items.items[j]->expr;
                if (!value)
                    continue;
            }
            assign_to(em, arena_printf(em->arena, "%s.%s", lhs, c_ident(em, f->name)), value,
                      f->type);
        }
        if (to->kind == T_HEADER) {
            emit_line(em, "%s.ebpf_valid = 1;", lhs);
            emit_line(em, "st->validity_changed = 1;");
        }
        return;
    }
    if (c_size_bound(to) > 1024 && (rhs->kind == N_NAME || rhs->kind == N_MEMBER ||
                                    rhs->kind == N_INDEX)) {
        emit_line(em, "p4cc_assign_large(%s, %s);", lhs, emit_lvalue(em, rhs));
        return;
    }
    emit_line(em, "%s = %s;", lhs, emit_expr(em, rhs));
}

/* `x[hi:lo] = v`: read-modify-write of the bits hi..lo of x. */
static void assign_slice(Emitter *em, Node *s)
{
    Node *slice = s->lhs;
    long hi = const_long(slice->lhs, 0), lo = const_long(slice->rhs, 0);
    /* x[h1:l1][h:l] is x[l1 + h : l1 + l]. */
    while (slice->expr->kind == N_SLICE) {
        slice = slice->expr;
        long inner_lo = const_long(slice->rhs, 0);
        hi += inner_lo;
        lo += inner_lo;
    }
    const char *base = emit_lvalue(em, slice->expr);
    int bw = value_width(slice->expr->ty);
    if (bw > 64) {
        /* A byte array in network order: rewrite the bytes holding hi..lo. */
        if (bw % 8 || hi - lo + 1 > 64) {
            emit_error_at(em, s, "assigning to this slice of a value wider than 64 bits is not "
                                 "supported by the XDP backend yet");
            return;
        }
        const char *v = new_temp(em, "slice");
        emit_line(em, "{");
        emit_line(em, "    u64 %s = %s;", v, emit_expr(em, s->rhs));
        for (long j = lo / 8; j <= hi / 8; j++) {
            long idx = bw / 8 - 1 - j, sh = 8 * j - lo;
            long first = lo > 8 * j ? lo - 8 * j : 0, last = hi < 8 * j + 7 ? hi - 8 * j : 7;
            unsigned m = ((1u << (last - first + 1)) - 1) << first;
            const char *byte = sh >= 0 ? arena_printf(em->arena, "(u8)(%s >> %ld)", v, sh)
                                       : arena_printf(em->arena, "(u8)(%s << %ld)", v, -sh);
            emit_line(em, "    %s[%ld] = (%s[%ld] & 0x%x) | (%s & 0x%x);", base, idx, base, idx,
                      ~m & 0xffu, byte, m);
        }
        emit_line(em, "}");
        return;
    }
    unsigned long long mask = (hi - lo + 1 >= 64 ? ~0ULL : ((1ULL << (hi - lo + 1)) - 1)) << lo;
    emit_line(em, "%s = (%s & ~0x%llxULL) | (((u64)(%s) << %ld) & 0x%llxULL);", base, base, mask,
              emit_expr(em, s->rhs), lo, mask);
}

static void emit_assign(Emitter *em, Node *s)
{
    if (s->lhs->kind == N_SLICE && s->op == OP_NONE) {
        assign_slice(em, s);
        return;
    }
    hoist_applies(em, s->rhs);
    const char *lhs = emit_lvalue(em, s->lhs);
    if (s->op == OP_NONE) {
        assign_to(em, lhs, s->rhs, s->lhs->ty);
        return;
    }
    Node op = {.kind = N_BINARY, .loc = s->loc, .op = s->op, .lhs = s->lhs, .rhs = s->rhs,
               .ty = s->lhs->ty};
    assign_scalar(em, lhs, &op, s->lhs->ty);
}



/* An action the midend left as a call (one without parameters, or one it
 * could not inline): out and inout arguments are locals of the call's
 * copy-in/copy-out (midend/pass_inline.c), passed by address; an exit
 * inside the action exits here too. */
static void emit_direct_action_call(Emitter *em, Node *call)
{
    IrAction *a = ir_find_action(em->ir, call->expr->ref);
    if (!a) {
        emit_error_at(em, call, "cannot find this action");
        return;
    }
    const char *args = "";
    for (int i = 0; i < call->args.len; i++) {
        Node *arg = call->args.items[i]->expr;
        Param *p = a->decl->ty && i < a->decl->ty->nparams ? &a->decl->ty->params[i] : NULL;
        if (p && (p->dir == DIR_OUT || p->dir == DIR_INOUT))
            args = arena_printf(em->arena, "%s, &%s", args, emit_lvalue(em, arg));
        else
            args = arena_printf(em->arena, "%s, %s", args, emit_expr(em, arg));
    }
    emit_line(em, "if (action_%s(%s%s)) %s", a->c_name, action_context_args(em), args,
              exit_jump(em));
}

/* push_front(n) / pop_front(n) (spec "Operations on header stacks"):
 * elements move by n, the ones that come in are invalid. */
static void emit_stack_shift(Emitter *em, Node *call, const Type *stack, bool push)
{
    Node *count = call->args.items[0]->expr;
    long n = const_long(count, -1);
    if (n < 0) {
        emit_error_at(em, call, "the count of push_front/pop_front must be a constant");
        return;
    }
    const char *s = emit_lvalue(em, call->expr->expr);
    int size = stack->size;
    emit_line(em, "st->validity_changed = 1;");
    if (push) {
        for (int i = size - 1; i >= 0; i--) {
            if (i >= n)
                emit_line(em, "%s[%d] = %s[%ld];", s, i, s, i - n);
            else
                emit_line(em, "%s[%d].ebpf_valid = 0;", s, i);
        }
        emit_line(em, "%s_next = %s_next + %ld > %d ? %d : %s_next + %ld;", s, s, n, size, size, s, n);
    } else {
        for (int i = 0; i < size; i++) {
            if (i + n < size)
                emit_line(em, "%s[%d] = %s[%ld];", s, i, s, i + n);
            else
                emit_line(em, "%s[%d].ebpf_valid = 0;", s, i);
        }
        emit_line(em, "%s_next = %s_next >= %ld ? %s_next - %ld : 0;", s, s, n, s, n);
    }
}

static void emit_call_statement(Emitter *em, Node *call)
{
    Node *callee = call->expr;
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_ACTION) {
        emit_direct_action_call(em, call);
        return;
    }
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_FUNCTION) {
        emit_line(em, "%s;", emit_function_call(em, call, callee->ref));
        return;
    }
    if (callee->kind == N_NAME && strcmp(callee->name, "verify") == 0 && call->args.len == 2) {
        emit_line(em, "if (!(%s)) {", emit_expr(em, call->args.items[0]->expr));
        emit_line(em, "    p4_err = %s;", emit_expr(em, call->args.items[1]->expr));
        emit_line(em, "    goto parse_reject;");
        emit_line(em, "}");
        return;
    }
    if (callee->kind == N_MEMBER) {
        const char *m = callee->name;
        Type *base = callee->expr->ty;
        if (base && base->kind == T_TABLE) {
            IrTable *t = ir_find_table(em->ir, base->decl);
            if (t)
                emit_table_apply(em, t);
            return;
        }
        if (base && base->kind == T_STACK &&
            (strcmp(m, "push_front") == 0 || strcmp(m, "pop_front") == 0)) {
            emit_stack_shift(em, call, base, strcmp(m, "push_front") == 0);
            return;
        }
        if (strcmp(m, "setValid") == 0 || strcmp(m, "setInvalid") == 0) {
            bool valid = strcmp(m, "setValid") == 0;
            Node *h = callee->expr;
            /* A header of a union: making it valid invalidates the others
             * (spec "Operations on header unions"). */
            if (valid && h->kind == N_MEMBER && h->expr->ty && h->expr->ty->kind == T_UNION) {
                const Type *u = h->expr->ty;
                const char *unit = emit_lvalue(em, h->expr);
                for (int i = 0; i < u->nfields; i++)
                    if (strcmp(u->fields[i].name, h->name) != 0)
                        emit_line(em, "%s.%s.ebpf_valid = 0;", unit, c_ident(em, u->fields[i].name));
            }
            emit_line(em, "%s.ebpf_valid = %d;", emit_lvalue(em, h), valid);
            emit_line(em, "st->validity_changed = 1;");
            return;
        }
        if (base && base->kind == T_EXTERN && callee->expr->kind == N_NAME && callee->expr->ref) {
            IrExtern *x = ir_find_extern(em->ir, callee->expr->ref);
            if (x && x->kind == EXTERN_COUNTER_ARRAY &&
                (strcmp(m, "increment") == 0 || strcmp(m, "add") == 0)) {
                emit_counter_array_call(em, call, x, m);
                return;
            }
            const char *reg = emit_register_call(em, call);
            if (reg) {
                emit_line(em, "%s;", reg);
                return;
            }
        }
    }
    if (callee->kind == N_NAME && strcmp(callee->name, "BPF_PERF_EVENT_OUTPUT") == 0) {
        /* p4c-xdp: hand the packet to user space through a perf event. */
        emit_line(em, "{");
        emit_line(em, "    u32 perf_port = 0;");
        emit_line(em, "    bpf_perf_event_output(ctx, &p4cc_perf, BPF_F_CURRENT_CPU |");
        emit_line(em, "                          ((u64)(ctx->data_end - ctx->data) << 32),");
        emit_line(em, "                          &perf_port, sizeof(perf_port));");
        emit_line(em, "}");
        return;
    }
    if (call->ty && call->ty->kind != T_VOID && call->ty->kind != T_UNKNOWN) {
        emit_line(em, "(void)%s;", emit_expr(em, call));
        return;
    }
    /* An extern function of the program's own that returns nothing. */
    if (callee->kind == N_NAME && callee->ref && callee->ref->kind == N_EXTERN_FUNCTION) {
        emit_line(em, "%s;", emit_expr(em, call));
        return;
    }
    emit_error_at(em, call, "this call is not supported by the XDP backend yet");
}

static void emit_switch(Emitter *em, Node *s)
{
    bool on_actions = s->expr->ty && s->expr->ty->kind == T_ACTION_ENUM;
    if (on_actions && switch_on_applied_table(s)) {
        /* The table's dispatch may run the arms itself. */
        em->fused_switch = s;
        hoist_applies(em, s->expr);
        bool fused = em->fused_switch == NULL;
        em->fused_switch = NULL;
        if (fused)
            return;
    } else {
        hoist_applies(em, s->expr);
    }
    emit_line(em, "switch (%s) {", emit_expr(em, s->expr));
    for (int i = 0; i < s->items.len; i++) {
        Node *c = s->items.items[i];
        if (c->expr->kind == N_DEFAULT) {
            emit_line(em, "default:");
        } else if (on_actions) {
            IrAction *a = c->expr->ref ? ir_find_action(em->ir, c->expr->ref) : NULL;
            emit_line(em, "case %d: /* %s */", a ? a->id : -1, a ? a->name : "?");
        } else {
            emit_line(em, "case %s:", emit_expr(em, c->expr));
        }
        if (c->body) {
            em->indent++;
            emit_statement(em, c->body);
            emit_line(em, "break;");
            em->indent--;
        }
    }
    emit_line(em, "}");
}

static void emit_variable(Emitter *em, Node *v)
{
    if (v->kind == N_CONST)
        return;   /* constants are used by value */
    const char *name = new_temp(em, c_ident(em, v->name));
    const char *d = v->ty ? c_declaration(em, v->ty, name) : NULL;
    if (!d) {
        emit_error_at(em, v, "a variable of type '%s' is not supported by the XDP backend yet",
                      type_name(em->arena, v->ty));
        return;
    }
    emit_line(em, "%s;", d);
    emit_line(em, "__builtin_memset(&%s, 0, sizeof(%s));", name, name);
    if (v->ty->kind == T_STACK)
        emit_line(em, "%s_next = 0;", name);
    bind_name(em, v, name);
    if (v->expr)
        assign_to(em, name, v->expr, v->ty);
}

/* ---- loops (spec "For statement") ---- */

/* BODY of a loop, with `break` and `continue` going to labels after it:
 * the continue label ends the body; the caller places the break label
 * after the loop. A C break would leave a C switch the body may hold. */
static void emit_loop_body(Emitter *em, Node *body, const char *brk, const char *cont)
{
    const char *saved_break = em->break_label, *saved_continue = em->continue_label;
    em->break_label = brk;
    em->continue_label = cont;
    emit_statement(em, body);
    em->break_label = saved_break;
    em->continue_label = saved_continue;
    emit_line(em, "%s:", cont);
    emit_line(em, "    ;");
}

/* for (init; cond; updates) body: the condition before each iteration,
 * the updates after the body (and after `continue`). The verifier accepts
 * the loop when it can bound it (clang unrolls constant trip counts). */
static void emit_for(Emitter *em, Node *s)
{
    const char *brk = new_temp(em, "loop_break"), *cont = new_temp(em, "loop_next");
    emit_line(em, "{");
    em->indent++;
    for (int i = 0; i < s->locals.len; i++)
        emit_statement(em, s->locals.items[i]);
    emit_line(em, "for (;;) {");
    em->indent++;
    if (s->expr) {
        hoist_applies(em, s->expr);
        emit_line(em, "if (!(%s))", emit_expr(em, s->expr));
        emit_line(em, "    break;");
    }
    emit_loop_body(em, s->body, brk, cont);
    for (int i = 0; i < s->items.len; i++)
        emit_statement(em, s->items.items[i]);
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "%s:", brk);
    emit_line(em, "    ;");
}

/* for (T v in lo .. hi), both ends included and evaluated once (a hidden
 * counter, so the body may assign v); for (T v in stack), each element
 * in order, valid or not; for (T v in { a, b, ... }), each value. */
static void emit_for_in(Emitter *em, Node *s)
{
    Node *var = s->lhs, *coll = s->expr;
    const Type *ct = coll->ty;
    const char *brk = new_temp(em, "loop_break"), *cont = new_temp(em, "loop_next");
    const char *idx = new_temp(em, "loop_index");
    emit_line(em, "{");
    em->indent++;
    emit_variable(em, var);
    const char *v = emit_lvalue(em, &(Node){.kind = N_NAME, .loc = var->loc, .name = var->name,
                                            .ref = var, .ty = var->ty});
    Node *value = NULL;
    if (coll->kind == N_RANGE) {
        const char *hi = new_temp(em, "loop_last");
        emit_line(em, "u64 %s = %s;", idx, emit_expr(em, coll->lhs));
        emit_line(em, "u64 %s = %s;", hi, emit_expr(em, coll->rhs));
        emit_line(em, "if (%s <= %s) {", idx, hi);
        em->indent++;
        emit_line(em, "for (;;) {");
        em->indent++;
        emit_line(em, "%s = %s;", v, idx);
        emit_loop_body(em, s->body, brk, cont);
        emit_line(em, "if (%s == %s)", idx, hi);
        emit_line(em, "    break;");
        emit_line(em, "%s++;", idx);
        em->indent--;
        emit_line(em, "}");
        em->indent--;
        emit_line(em, "}");
    } else if (ct && ct->kind == T_STACK) {
        const char *stack = emit_lvalue(em, coll);
        emit_line(em, "for (u32 %s = 0; %s < %d; %s++) {", idx, idx, ct->size, idx);
        em->indent++;
        emit_line(em, "%s = %s[%s];", v, stack, idx);
        emit_loop_body(em, s->body, brk, cont);
        em->indent--;
        emit_line(em, "}");
    } else if (coll->kind == N_LIST_EXPR) {
        /* Unrolled: each value assigned in turn, the body once per value. */
        for (int i = 0; i < coll->items.len; i++) {
            value = coll->items.items[i];
            emit_line(em, "{");
            em->indent++;
            assign_to(em, v, value, var->ty);
            emit_loop_body(em, s->body, brk, new_temp(em, "loop_next"));
            em->indent--;
            emit_line(em, "}");
        }
    } else {
        emit_error_at(em, coll, "a for-in loop over this collection is not supported by the XDP "
                                "backend yet (ranges, header stacks and lists are)");
    }
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "%s:", brk);
    emit_line(em, "    ;");
}

/* Where an exit goes from here: out of the action function, or to the
 * innermost exit scope's handler, or to the block's exit label. */
const char *exit_jump(Emitter *em)
{
    if (em->in_action && !em->exit_scopes)
        return "return 1;";
    return arena_printf(em->arena, "goto %s;", em->exit_label);
}

/* The body of an inlined call, then its copy-back, which also runs when
 * the body exits: an exit inside goes to the copy-back with a flag set,
 * and after it exits outward. */
static void emit_exit_scope(Emitter *em, Node *s)
{
    const char *exiting = new_temp(em, "exiting");
    const char *handler = new_temp(em, "exit_copy_back"), *back = new_temp(em, "copy_back");
    const char *saved = em->exit_label;
    emit_line(em, "u8 %s = 0;", exiting);
    em->exit_label = handler;
    em->exit_scopes++;
    emit_statement(em, s->body);
    em->exit_scopes--;
    em->exit_label = saved;
    emit_line(em, "goto %s;", back);
    emit_line(em, "%s:", handler);
    emit_line(em, "    %s = 1;", exiting);
    emit_line(em, "%s:", back);
    emit_statement(em, s->else_body);
    emit_line(em, "if (%s)", exiting);
    emit_line(em, "    %s", exit_jump(em));
}

void emit_statement(Emitter *em, Node *s)
{
    if (!s)
        return;
    emit_line_directive(em, s);
    bool wide_block = emit_wide_hoist(em, s);
    switch (s->kind) {
    case N_ASSIGN:
        emit_assign(em, s);
        emit_write_through(em, s->lhs);
        break;
    case N_CALL_STMT:
        if (s->expr->kind == N_INTRINSIC) {
            emit_intrinsic_statement(em, s->expr);
            break;
        }
        hoist_applies(em, s->expr->kind == N_CALL ? NULL : s->expr);
        emit_call_statement(em, s->expr);
        break;
    case N_EMPTY_STMT:
        break;
    case N_BLOCK:
        for (int i = 0; i < s->annotations.len; i++)
            if (strcmp(s->annotations.items[i]->name, "atomic") == 0)
                /* Spec "Concurrency model": a backend that cannot run the
                 * block atomically must reject it. */
                emit_error_at(em, s->annotations.items[i], "@atomic blocks are not supported "
                              "by the XDP backend: packets run on several CPUs at once, and "
                              "their maps are not locked");
        emit_line(em, "{");
        em->indent++;
        for (int i = 0; i < s->items.len; i++)
            emit_statement(em, s->items.items[i]);
        em->indent--;
        emit_line(em, "}");
        break;
    case N_IF:
        hoist_applies(em, s->expr);
        emit_line(em, "if (%s) {", emit_expr(em, s->expr));
        em->indent++;
        emit_statement(em, s->body);
        em->indent--;
        if (s->else_body) {
            emit_line(em, "} else {");
            em->indent++;
            emit_statement(em, s->else_body);
            em->indent--;
        }
        emit_line(em, "}");
        break;
    case N_SWITCH:
        emit_switch(em, s);
        break;
    case N_FOR:
        emit_for(em, s);
        break;
    case N_FOR_IN:
        emit_for_in(em, s);
        break;
    case N_BREAK: case N_CONTINUE:
        if (!em->break_label) {
            emit_error_at(em, s, "'%s' outside a loop", s->kind == N_BREAK ? "break" : "continue");
            break;
        }
        emit_line(em, "goto %s;", s->kind == N_BREAK ? em->break_label : em->continue_label);
        break;
    case N_EXIT:
        emit_line(em, "%s", exit_jump(em));
        break;
    case N_EXIT_SCOPE:
        emit_exit_scope(em, s);
        break;
    case N_RETURN:
        if (em->function_ret && s->expr && c_is_struct(em->function_ret)) {
            /* A struct or header value ({ ... } included), built in a
             * local as an assignment would. */
            const char *ret = new_temp(em, "ret");
            emit_line(em, "{");
            em->indent++;
            emit_line(em, "%s %s;", c_type(em, em->function_ret), ret);
            emit_line(em, "__builtin_memset(&%s, 0, sizeof(%s));", ret, ret);
            assign_to(em, ret, s->expr, em->function_ret);
            emit_line(em, "return %s;", ret);
            em->indent--;
            emit_line(em, "}");
        } else if (em->function_ret && s->expr) {
            const char *v = emit_expr(em, s->expr);
            int w = value_width(em->function_ret);
            if (s->expr->ty && s->expr->ty->kind == T_INT && w > 0 && w < 64)
                v = arena_printf(em->arena, "((%s) & 0x%llxULL)", v, (1ULL << w) - 1);
            emit_line(em, "return %s;", v);
        } else if (em->function_ret) {
            emit_line(em, "return;");
        } else if (em->in_action)
            emit_line(em, "return 0;");
        else
            emit_line(em, "goto %s;", em->return_label ? em->return_label : em->exit_label);
        break;
    case N_VAR: case N_CONST:
        emit_variable(em, s);
        break;
    default:
        emit_error_at(em, s, "this statement is not supported by the XDP backend yet");
        break;
    }
    emit_wide_hoist_end(em, wide_block);
}
