/* The C file of an XDP program: helpers, types, maps, actions and the
 * program function `p4cc_main` (parser, control, deparser, verdict). */
#include "emit.h"

#include <string.h>

#include "runtime_text.h"

/* The runtime's fixed text (include/p4cc/), copied into the C so that it
 * compiles without p4cc's include directory. */
static void emit_runtime_text(Emitter *em, const char *text)
{
    fputs(text, em->out);
    fputc('\n', em->out);
}

/* Each block's parameters, bound to the part of `struct p4cc_state` the
 * architecture keeps them in (IrBlock.slots). */
static void bind_block_params(Emitter *em, IrBlock *b)
{
    for (int i = 0; i < b->params.len; i++)
        if (b->slots[i])
            bind_name(em, b->params.items[i], arena_printf(em->arena, "st->%s", b->slots[i]));
}

/* A field of the state struct for DECL (a variable or parameter), named
 * after its block or instance, and bound to DECL. */
static void state_slot(Emitter *em, Node *decl, const char *owner)
{
    const char *name = arena_printf(em->arena, "%s_%s", owner, c_ident(em, decl->name));
    const char *d = decl->ty && !(decl->ty->kind == T_BITS && decl->ty->is_signed &&
                                  decl->ty->width > 64)
                    ? c_declaration(em, decl->ty, name) : NULL;
    if (!d) {
        emit_error_at(em, decl, "a variable of type '%s' is not supported by the XDP backend yet",
                      type_name(em->arena, decl->ty));
        return;
    }
    fprintf(em->out, "    %s;\n", d);
    bind_name(em, decl, arena_printf(em->arena, "st->%s", name));
}

static void emit_state_struct(Emitter *em)
{
    IrProgram *ir = em->ir;
    fputs("/* Per-packet state: on the stack or in a per-CPU map (below). */\n"
          "struct p4cc_state {\n", em->out);
    /* The blocks' parameters: each slot once, with the type of the first
     * parameter kept there. */
    for (int b = 0; b < ir->nblocks; b++) {
        IrBlock *blk = &ir->blocks[b];
        for (int i = 0; i < blk->params.len; i++) {
            const char *slot = blk->slots[i];
            bool seen = !slot;
            for (int c = 0; c < b && !seen; c++)
                for (int j = 0; j < ir->blocks[c].params.len && !seen; j++)
                    seen = ir->blocks[c].slots[j] && strcmp(ir->blocks[c].slots[j], slot) == 0;
            for (int j = 0; j < i && !seen; j++)
                seen = blk->slots[j] && strcmp(blk->slots[j], slot) == 0;
            if (seen)
                continue;
            const char *ct = c_type(em, blk->params.items[i]->ty);
            fprintf(em->out, "    %s %s;\n", ct ? ct : "u8", slot);
        }
    }
    /* Set by every statement but a plain extract that writes a header's
     * validity (emit_deparser.c validity_unchanged). */
    fprintf(em->out, "    u8 validity_changed;\n");
    if (em->aborts)
        fprintf(em->out, "    u8 aborted;\n");
    if (em->clones)
        emit_clone_state_fields(em);
    if (em->recirculates)
        emit_recirc_state_fields(em);
    if (em->truncates)
        emit_truncate_state_fields(em);
    emit_meter_state_fields(em);
    for (int b = 0; b < ir->nblocks; b++) {
        for (int i = 0; i < ir->blocks[b].locals.len; i++) {
            Node *v = ir->blocks[b].locals.items[i];
            if (v->kind == N_VAR)
                state_slot(em, v, c_ident(em, ir->blocks[b].name));
        }
    }
    for (int i = 0; i < ir->ninstances; i++) {
        IrInstance *inst = ir->instances[i];
        em->instance = inst;
        NodeList *params = &inst->control->type->params;
        /* Not the packet, nor an int the midend replaced by its value. */
        for (int p = 0; p < params->len; p++)
            if (!params->items[p]->ty || (params->items[p]->ty->kind != T_EXTERN &&
                                          params->items[p]->ty->kind != T_INT))
                state_slot(em, params->items[p], inst->c_name);
        for (int v = 0; v < inst->locals.len; v++)
            if (inst->locals.items[v]->kind == N_VAR)
                state_slot(em, inst->locals.items[v], inst->c_name);
        em->instance = NULL;
    }
    fputs("};\n\n", em->out);
    emit_runtime_text(em, p4cc_runtime_state_h);
}

bool emit_has_callbacks(const IrProgram *ir)
{
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i]->kind == TABLE_TERNARY && !table_entries_in_code(ir->tables[i]))
            return true;
    return false;
}

void emit_locals_init(Emitter *em, IrBlock *b)
{
    for (int i = 0; i < b->locals.len; i++) {
        Node *v = b->locals.items[i];
        if (v->kind == N_VAR && v->expr) {
            Node assign = {.kind = N_ASSIGN, .loc = v->loc, .op = OP_NONE, .rhs = v->expr};
            Node name = {.kind = N_NAME, .loc = v->loc, .name = v->name, .ref = v, .ty = v->ty};
            assign.lhs = &name;
            emit_statement(em, &assign);
        }
    }
}

static void emit_table_results(Emitter *em)
{
    for (int i = 0; i < em->ir->ntables; i++) {
        emit_line(em, "u8 %s_hit = 0;", em->ir->tables[i]->c_name);
        emit_line(em, "u32 %s_action_run = 0;", em->ir->tables[i]->c_name);
        emit_line(em, "(void)%s_hit;", em->ir->tables[i]->c_name);
        emit_line(em, "(void)%s_action_run;", em->ir->tables[i]->c_name);
    }
}

/* XDP_REDIRECT to P4 port `port`, through p4cc_tx only: a port without a
 * device (never configured, or its interface gone) drops the packet and
 * counts it (docs/RUNTIME.md, "Ports"). A port number is never taken for
 * an interface index: port 2 would otherwise reach whatever interface has
 * ifindex 2. The lookup is bpf_redirect_map's own. */
static void emit_send(Emitter *em)
{
    emit_line(em, "long verdict = bpf_redirect_map(&p4cc_tx, port, XDP_DROP);");
    emit_line(em, "if (verdict == XDP_DROP)");
    emit_line(em, "    p4cc_count_no_device();");
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, port, verdict);");
    emit_line(em, "return verdict;");
}

static void emit_verdict(Emitter *em)
{
    if (em->ir->arch == ARCH_EBPF_FILTER) {
        emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, P4CC_CAPTURE_IN_PORT, "
                      "st->accept ? XDP_PASS : XDP_DROP);");
        emit_line(em, "return st->accept ? XDP_PASS : XDP_DROP;");
        return;
    }
    emit_deparser(em);
    emit_line(em, "u32 action = st->xout.output_action;");
    emit_line(em, "if (action == XDP_REDIRECT) {");
    em->indent++;
    emit_line(em, "u32 port = st->xout.output_port;");
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);");
    emit_line(em, "if (last)");
    emit_line(em, "    *last = port;");
    emit_send(em);
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, P4CC_CAPTURE_IN_PORT, action);");
    emit_line(em, "return action <= XDP_REDIRECT ? action : XDP_ABORTED;");
}

/* Whether the xdp control reads its xdp_input parameter (directly, or by
 * passing it on to a sub-control, function or extern). Only then is the
 * input port worth looking up in p4cc_ports: a hash lookup costs about as
 * much as the rest of a simple program. */
static bool control_reads_input(IrProgram *ir)
{
    if (ir->control->params.len < 2)
        return false;
    return ast_refers_to(ir->control->decl, ir->control->params.items[1]);
}

/* The code of control block B, ending at END_LABEL, where its exit and
 * return go. */
void emit_control_block(Emitter *em, IrBlock *b, const char *end_label)
{
    emit_line(em, "/* %s %s */", b->role, b->name);
    em->exit_label = end_label;
    em->return_label = end_label;
    emit_locals_init(em, b);
    emit_statement(em, b->body);
    emit_line(em, "%s:", end_label);
    emit_line(em, "    ;");
    if (em->aborts) {
        emit_line(em, "if (st->aborted)");
        emit_line(em, "    return XDP_ABORTED;");
    }
}

/* The parser, leaving at parse_accept, or at parse_reject with p4_err set;
 * then the header stacks' next-indexes go to the state. */
void emit_parse(Emitter *em, const char *on_reject)
{
    emit_locals_init(em, em->ir->parser);
    emit_parser(em);
    emit_line(em, "parse_reject:");
    emit_trace_parser_error(em);
    emit_line(em, "    %s", on_reject);
    emit_line(em, "parse_accept:");
    emit_line(em, "    ;");
    emit_parser_exit(em);
    em->in_parser = false;
    for (int i = 0; i < em->nstacks; i++)
        emit_line(em, "%s_next = %s;", emit_lvalue(em, em->stacks[i].stack), em->stacks[i].local);
}

/* ebpfFilter and xdp: parser, the control, the deparser (xdp), the
 * verdict. A parser error drops the packet. */
static void emit_ebpf_pipeline(Emitter *em)
{
    IrProgram *ir = em->ir;
    if (ir->arch == ARCH_XDP && control_reads_input(ir)) {
        emit_line(em, "u32 ifindex = ctx->ingress_ifindex;");
        emit_line(em, "u32 *in_port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);");
        emit_line(em, "st->xin.input_port = in_port ? *in_port : ifindex;");
    }
    emit_parse(em, "return XDP_DROP;");
    emit_line(em, "/* control %s */", ir->control->name);
    em->exit_label = "control_exit";
    em->return_label = "control_exit";
    emit_locals_init(em, ir->control);
    emit_statement(em, ir->control->body);
    emit_line(em, "control_exit:");
    emit_line(em, "    ;");
    em->exit_label = "deparse_exit";
    if (ir->deparser)
        emit_locals_init(em, ir->deparser);
    emit_verdict(em);
    if (ir->arch == ARCH_XDP) {
        emit_line(em, "deparse_exit:");
        emit_line(em, "    return XDP_ABORTED;");
    }
}

/* v1model's egress, then computeChecksum (egress may drop the packet; a
 * clone of it is still made, from what the deparser emits). */
void emit_v1model_egress(Emitter *em, bool in_main)
{
    emit_control_block(em, ir_block(em->ir, "egress"), "egress_end");
    if (em->clones)
        emit_clone_after_egress(em, in_main);
    if (em->clones && in_main) {
        emit_line(em, "if (st->std.egress_spec == P4CC_DROP_PORT) {");
        emit_line(em, "    if (!st->clone_out)");
        emit_line(em, "        return XDP_DROP;");
        emit_line(em, "    st->clone_dropped = 1;");
        emit_line(em, "}");
    } else {
        emit_line(em, "if (st->std.egress_spec == P4CC_DROP_PORT)");
        emit_line(em, "    return XDP_DROP;");
    }
    em->csum_raw = in_main;
    emit_control_block(em, ir_block(em->ir, "computeChecksum"), "compute_checksum_end");
    em->csum_raw = false;
}

/* v1model's deparser; its exits go to deparse_exit. */
void emit_v1model_deparse(Emitter *em)
{
    em->exit_label = "deparse_exit";
    emit_locals_init(em, em->ir->deparser);
    emit_deparser(em);
}

/* v1model (docs/RUNTIME.md, "v1model"): parser (an error sets
 * parser_error and ingress runs), verifyChecksum, ingress, the traffic
 * manager, egress, computeChecksum, deparser, then the packet leaves by
 * egress_port. */
typedef struct FieldUse {
    const char *field;
    bool used;
} FieldUse;

static bool find_std_field(Node *n, void *ctx)
{
    FieldUse *u = ctx;
    if (n->kind == N_MEMBER && strcmp(n->name, u->field) == 0 && n->expr->ty &&
        n->expr->ty->kind == T_STRUCT && n->expr->ty->name &&
        strcmp(n->expr->ty->name, "standard_metadata_t") == 0)
        u->used = true;
    return !u->used;
}

static void scan_std_field(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_std_field, .ctx = ctx};
    ast_walk(code, &w);
}

/* Whether some code names standard_metadata's FIELD: the pipeline fills
 * the fields that cost a helper call or a map lookup only then (a clock
 * read is some 15 ns a packet). */
bool std_field_used(IrProgram *ir, const char *field)
{
    FieldUse u = {field, false};
    ir_walk_code(ir, scan_std_field, &u);
    return u.used;
}

void emit_unicast_out(Emitter *em, const char *port, const char *in_port, bool find_in_port)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 port = %s;", port);
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);");
    emit_line(em, "if (last)");
    emit_line(em, "    *last = port;");
    /* Out by the port's device (the helper's own lookup). A port the
     * control plane has not given one drops the packet, counted, unless it
     * is the input port (XDP_TX: a program attached with plain `ip link`
     * can still answer): a number is never taken for an interface index. */
    emit_line(em, "long verdict = bpf_redirect_map(&p4cc_tx, port, XDP_DROP);");
    emit_line(em, "if (verdict != XDP_DROP) {");
    emit_line(em, "    P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, port, verdict);");
    emit_line(em, "    return verdict;");
    emit_line(em, "}");
    if (find_in_port) {
        emit_line(em, "u32 ifindex = ctx->ingress_ifindex;");
        emit_line(em, "u32 *in_port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);");
        emit_line(em, "%s = in_port ? *in_port : ifindex;", in_port);
    }
    emit_line(em, "if (port == %s) {", in_port);
    emit_line(em, "    P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, port, XDP_TX);");
    emit_line(em, "    return XDP_TX;");
    emit_line(em, "}");
    emit_line(em, "p4cc_count_no_device();");
    emit_line(em, "return XDP_DROP;");
    em->indent--;
    emit_line(em, "}");
}

static void emit_v1model_pipeline(Emitter *em)
{
    IrProgram *ir = em->ir;
    bool in_port = std_field_used(ir, "ingress_port");
    if (in_port) {
        emit_line(em, "u32 ifindex = ctx->ingress_ifindex;");
        emit_line(em, "u32 *in_port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);");
        emit_line(em, "st->std.ingress_port = in_port ? *in_port : ifindex;");
    }
    emit_line(em, "st->std.packet_length = (u32)(data_end - data);");
    if (std_field_used(ir, "ingress_global_timestamp"))
        emit_line(em, "st->std.ingress_global_timestamp = bpf_ktime_get_ns() / 1000;");
    if (em->recirculates)
        emit_recirc_entry(em);
    emit_parse(em, "st->std.parser_error = p4_err;");
    em->csum_raw = true;
    emit_control_block(em, ir_block(ir, "verifyChecksum"), "verify_checksum_end");
    em->csum_raw = false;
    emit_control_block(em, ir_block(ir, "ingress"), "ingress_end");
    /* The traffic manager: one copy, to egress_spec, unless dropped; in a
     * program that multicasts, a packet for a group skips egress here and
     * is copied after the deparser (emit_copies.c). */
    emit_line(em, "/* traffic manager */");
    if (em->clones)
        emit_clone_after_ingress(em);
    if (em->recirculates)
        emit_resubmit(em);
    if (em->multicast) {
        emit_line(em, "if (!st->std.mcast_grp) {");
        em->indent++;
    }
    if (em->clones) {
        /* Dropped, but cloned: the clone goes alone, from the packet as it
         * came in. */
        emit_line(em, "if (st->std.egress_spec == P4CC_DROP_PORT) {");
        emit_line(em, "    if (!st->clone_out)");
        emit_line(em, "        return XDP_DROP;");
        emit_line(em, "    st->clone_dropped = 1;");
        emit_line(em, "    goto clone_send;");
        emit_line(em, "}");
    } else {
        emit_line(em, "if (st->std.egress_spec == P4CC_DROP_PORT)");
        emit_line(em, "    return XDP_DROP;");
    }
    emit_line(em, "st->std.egress_port = st->std.egress_spec;");
    if (std_field_used(ir, "egress_global_timestamp"))
        emit_line(em, "st->std.egress_global_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_v1model_egress(em, true);
    if (em->multicast) {
        em->indent--;
        emit_line(em, "}");
    }
    emit_v1model_deparse(em);
    if (em->recirculates)
        emit_recirculate(em);
    if (em->clones)
        emit_clone_send(em);
    if (em->multicast)
        emit_multicast(em, "st->std.mcast_grp");
    emit_truncate_frame(em);
    emit_unicast_out(em, "st->std.egress_port", "st->std.ingress_port", !in_port);
    emit_line(em, "deparse_exit:");
    emit_line(em, "    return XDP_ABORTED;");
}

static void emit_main_body(Emitter *em)
{
    IrProgram *ir = em->ir;
    em->indent = 1;
    /* The capture hook first: the packet's pointers are loaded after its
     * call, not kept in registers across it. */
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_IN, P4CC_CAPTURE_IN_PORT, 0);");
    emit_function_prologue(em);
    if (em->has_initial_entries)
        emit_line(em, "p4cc_insert_initial_entries();");
    if (ir->arch == ARCH_V1MODEL)
        emit_v1model_pipeline(em);
    else if (ir->arch == ARCH_PSA)
        emit_psa_pipeline(em);
    else if (ir->arch == ARCH_PNA)
        emit_pna_pipeline(em);
    else
        emit_ebpf_pipeline(em);
}

static void emit_main(Emitter *em)
{
    /* clang takes the file of a function's BTF line info from the line
     * directive in force at its definition: name the P4 file there. */
    emit_program_function(em, em->ir->control->decl, "", "xdp", "p4cc_main",
                          "P4CC_TRACE_FROM_INPUT", emit_main_body);
}

/* What the code of a program function expects: the packet's bounds, the
 * per-packet state (zeroed), header pointers, parser and table locals. */
void emit_function_prologue(Emitter *em)
{
    emit_line(em, "void *data = (void *)(long)ctx->data;");
    emit_line(em, "void *data_end = (void *)(long)ctx->data_end;");
    /* A constant condition: clang keeps one of the two. */
    emit_line(em, "struct p4cc_state st_on_stack;");
    emit_line(em, "struct p4cc_state *st = &st_on_stack;");
    emit_line(em, "if (!P4CC_STATE_ON_STACK) {");
    emit_line(em, "    u32 scratch_key = 0;");
    emit_line(em, "    st = bpf_map_lookup_elem(&p4cc_scratch, &scratch_key);");
    emit_line(em, "    if (!st)");
    emit_line(em, "        return XDP_ABORTED;");
    emit_line(em, "}");
    emit_line(em, "p4cc_zero_state(st);");
    if (em->nwrite_through) {
        emit_line(em, "struct p4cc_hdr_ptrs hp_on_stack;");
        emit_line(em, "__builtin_memset(&hp_on_stack, 0, sizeof(hp_on_stack));");
        emit_line(em, "struct p4cc_hdr_ptrs *hp = &hp_on_stack;");
    }
    emit_line(em, "u32 pkt_off = 0;");
    if (em->bit_mode)
        emit_line(em, "u32 pkt_bit = 0;   /* bits past pkt_off: headers not whole bytes */");
    emit_line(em, "u32 p4_err = 0;");
    emit_line(em, "(void)p4_err;");
    emit_line(em, "u8 lookahead_short = 0;");
    emit_line(em, "(void)lookahead_short;");
    emit_table_results(em);
}

static bool finds_payload_checksum(Node *n, void *ctx)
{
    if (n->kind == N_INTRINSIC && strcmp(n->name, "hash_with_payload") == 0)
        *(bool *)ctx = true;
    return true;
}

static void visit_for_payload(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = finds_payload_checksum, .ctx = ctx};
    ast_walk(code, &w);
}

/* Whether a _with_payload checksum is computed (p4cc/payload.h). */
static bool uses_payload_checksum(IrProgram *ir)
{
    bool found = false;
    ir_walk_code(ir, visit_for_payload, &found);
    return found;
}

static bool has_extern(const IrProgram *ir, IrExternKind kind)
{
    for (int i = 0; i < ir->nexterns; i++)
        if (ir->externs[i]->kind == kind)
            return true;
    return false;
}

bool emit_c_program(IrProgram *ir, FILE *out, const char *const *extern_c, int nextern_c,
                    bool capture, bool trace)
{
    Emitter em = {.ir = ir, .arena = ir->arena, .diag = ir->diag, .out = out,
                  .has_extern_c = nextern_c > 0, .aborts = program_aborts(ir),
                  .multicast = ir_v1model_multicasts(ir), .clones = ir_v1model_clones(ir),
                  .recirculates = ir_v1model_recirculates(ir),
                  .truncates = ir->arch == ARCH_V1MODEL && ir_uses_intrinsic(ir, "truncate"),
                  .trace = trace};
    em.parser_loops = parser_has_loop(&em);
    plan_bit_mode(&em);
    fputs("/* Generated by p4cc. Do not edit: change the P4 program instead. */\n", out);
    emit_runtime_text(&em, p4cc_runtime_prelude_h);
    emit_runtime_text(&em, p4cc_runtime_checksum_h);
    if (uses_payload_checksum(ir))
        emit_runtime_text(&em, p4cc_runtime_payload_h);
    emit_runtime_text(&em, p4cc_runtime_lookahead_h);
    if (em.bit_mode)
        emit_runtime_text(&em, p4cc_runtime_bits_h);
    emit_runtime_text(&em, p4cc_runtime_wide_h);
    if (ir->arch == ARCH_V1MODEL || ir_portable_arch(ir))   /* PSA, PNA: the CRC tables */
        emit_runtime_text(&em, p4cc_runtime_v1model_h);
    if (has_extern(ir, EXTERN_COUNTER) || has_extern(ir, EXTERN_DIRECT_COUNTER))
        emit_runtime_text(&em, p4cc_runtime_counter_h);
    if (has_extern(ir, EXTERN_METER) || has_extern(ir, EXTERN_DIRECT_METER))
        emit_runtime_text(&em, p4cc_runtime_meter_h);
    if (has_extern(ir, EXTERN_ACTION_PROFILE) || has_extern(ir, EXTERN_ACTION_SELECTOR))
        emit_runtime_text(&em, p4cc_runtime_profile_h);
    emit_types(&em);
    if (nextern_c)
        fputs("/* The program's extern functions, implemented in C. */\n", out);
    for (int i = 0; i < nextern_c; i++)
        fprintf(out, "#include \"%s\"\n%s", extern_c[i], i + 1 == nextern_c ? "\n" : "");
    emit_table_types(&em);
    emit_profile_types(&em);
    emit_runtime_text(&em, p4cc_runtime_ports_h);
    emit_runtime_text(&em, p4cc_runtime_perf_h);
    /* The hooks cost a few ns per packet even while no capture runs:
     * only when asked (p4cc --capture). */
    if (capture)
        fputs("#define P4CC_CAPTURE 1\n", out);
    emit_runtime_text(&em, p4cc_runtime_capture_h);
    /* Only with --trace: without it the C stays as it was. */
    if (trace) {
        fputs("#ifndef P4CC_TRACE\n#define P4CC_TRACE 1\n#endif\n", out);
        emit_runtime_text(&em, p4cc_runtime_trace_h);
    }
    if (em.multicast)
        emit_runtime_text(&em, p4cc_runtime_copies_h);
    if (em.clones)
        emit_runtime_text(&em, p4cc_runtime_clone_h);
    emit_table_maps(&em);
    emit_profile_maps(&em);
    emit_counter_maps(&em);
    emit_meter_maps(&em);
    emit_register_maps(&em);
    emit_digest_maps(&em);
    emit_parser_exit_map(&em);
    emit_state_struct(&em);
    if (em.multicast)
        emit_bridge_struct(&em);
    if (em.clones || em.recirculates)
        emit_field_lists_union(&em);
    if (em.clones)
        emit_clone_struct(&em);
    if (em.recirculates)
        emit_recirc_struct(&em);
    if (ir->arch == ARCH_PSA)
        emit_psa_recirc_struct(&em);
    if (ir->arch == ARCH_PNA)
        emit_pna_recirc_struct(&em);
    emit_table_helpers(&em);
    emit_profile_helpers(&em);
    emit_register_helpers(&em);
    for (int b = 0; b < ir->nblocks; b++)
        bind_block_params(&em, &ir->blocks[b]);
    plan_write_through(&em);
    emit_functions(&em);
    emit_actions(&em);
    emit_table_init(&em);
    emit_main(&em);
    if (em.multicast)
        emit_copy_egress(&em);
    if (em.clones)
        emit_clone_programs(&em);
    fputs("\nchar _license[] SEC(\"license\") = \"GPL\";\n", out);
    return !em.failed;
}
