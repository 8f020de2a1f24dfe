/* P4 functions (spec "Function declarations") that the midend left as
 * calls, as C functions: `in` arguments by value, `out`/`inout` ones by
 * pointer to the locals the midend copies them through. */
#include "emit.h"

#include <string.h>

/* Whether c_param_list can pass parameter PP: a C value, or a wide `in`
 * one by address. */
static bool c_param_ok(Emitter *em, const Param *pp)
{
    const Type *t = pp->type;
    return c_type(em, pp->type) ||
           (t && t->kind == T_BITS && !t->is_signed && t->width > 64 && pp->dir != DIR_OUT &&
            pp->dir != DIR_INOUT);
}

bool c_params_ok(Emitter *em, const Type *callable)
{
    for (int p = 0; callable && p < callable->nparams; p++)
        if (!c_param_ok(em, &callable->params[p]))
            return false;
    return true;
}

const char *c_param_list(Emitter *em, const Type *t)
{
    const char *params = "";
    for (int p = 0; t && p < t->nparams; p++) {
        const Param *pp = &t->params[p];
        const char *ct = c_type(em, pp->type);
        const Type *t_ = pp->type;
        if (!ct && t_ && t_->kind == T_BITS && !t_->is_signed && t_->width > 64 &&
            pp->dir != DIR_OUT && pp->dir != DIR_INOUT) {
            /* A wide in-parameter: the address of its byte array (emit_wide.c). */
            const char *name = arena_printf(em->arena, "p_%s", c_ident(em, pp->name));
            params = arena_printf(em->arena, "%s, const u8 *%s", params, name);
            bind_name(em, pp->decl, name);
            continue;
        }
        if (!ct) {
            emit_error_at(em, pp->decl, "a parameter of type '%s' is not supported by the XDP "
                                        "backend yet", type_name(em->arena, pp->type));
            ct = "u8";
        }
        const char *name = arena_printf(em->arena, "p_%s", c_ident(em, pp->name));
        bool by_ref = pp->dir == DIR_OUT || pp->dir == DIR_INOUT;
        params = arena_printf(em->arena, "%s, %s %s%s", params, ct, by_ref ? "*" : "", name);
        bind_name(em, pp->decl, by_ref ? arena_printf(em->arena, "(*%s)", name) : name);
    }
    return params;
}

void emit_functions(Emitter *em)
{
    for (int i = 0; i < em->ir->functions.len; i++) {
        Node *f = em->ir->functions.items[i];
        if (!f->ty)
            continue;   /* generic ones were replaced by their copies (pass_specialize.c) */
        const Type *ret = f->ty->ret;
        const char *ct = ret && ret->kind != T_VOID ? c_type(em, ret) : "void";
        if (!ct) {
            emit_error_at(em, f, "a function returning '%s' is not supported by the XDP backend "
                                 "yet", type_name(em->arena, ret));
            continue;
        }
        const char *params = c_param_list(em, f->ty);
        emit_line_directive(em, f);
        fprintf(em->out, "/* function %s */\nstatic __always_inline %s fn_%s(struct xdp_md *ctx, "
                         "struct p4cc_state *st%s)\n{\n", f->name, ct, c_ident(em, f->name), params);
        fprintf(em->out, "    (void)ctx;\n    (void)st;\n");
        emit_raw_lines_written(em);
        em->function_ret = ret ? ret : type_simple(T_VOID);
        em->indent = 1;
        emit_statement(em, f->body);
        if (!ret || ret->kind == T_VOID)
            emit_line(em, "return;");
        em->indent = 0;
        em->function_ret = NULL;
        fputs("}\n\n", em->out);
    }
}

/* A call the midend left as a call: its out and inout arguments are
 * locals of the call's copy-in/copy-out (midend/pass_inline.c, checked by
 * ir_verify), passed by address. */
const char *emit_function_call(Emitter *em, Node *call, Node *decl)
{
    const char *args = "";
    for (int i = 0; i < call->args.len; i++) {
        Node *arg = call->args.items[i]->expr;
        Node *param = i < decl->params.len ? decl->params.items[i] : NULL;
        if (param && (param->dir == DIR_OUT || param->dir == DIR_INOUT))
            args = arena_printf(em->arena, "%s, &%s", args, emit_lvalue(em, arg));
        else
            args = arena_printf(em->arena, "%s, %s", args, emit_expr(em, arg));
    }
    return arena_printf(em->arena, "fn_%s(ctx, st%s)", c_ident(em, decl->name), args);
}

/* The arguments and parameters that give an action function the program's
 * context: with headers written straight into the packet (emit_deparser.c,
 * plan_write_through), the parser's pointers to them too. */
const char *action_context_args(Emitter *em)
{
    return em->nwrite_through ? "ctx, st, hp" : "ctx, st";
}

const char *action_context_params(Emitter *em)
{
    return em->nwrite_through
        ? "struct xdp_md *ctx, struct p4cc_state *st, struct p4cc_hdr_ptrs *hp"
        : "struct xdp_md *ctx, struct p4cc_state *st";
}
