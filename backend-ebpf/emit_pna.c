/* PNA's pipeline in p4cc_main (docs/RUNTIME.md, "PNA"): the main parser,
 * the pre-control, the main control and the main deparser, then the
 * packet goes where the main control's last send_to_port or drop_packet
 * said (pass_pna.c leaves them as the main control's variables
 * p4cc_pna_dest and p4cc_pna_port), or, when it called neither, on to
 * the host's network stack (XDP_PASS), as p4c's eBPF (tc) PNA backend
 * passes such a packet to the kernel. An XDP program runs on the frames
 * a device receives, from the network: every packet is NET_TO_HOST.
 * recirculate() runs the packet the deparser wrote through p4cc_main
 * again (a tail call, as PSA's). The parser and deparser code is the
 * other architectures'. */
#include "emit.h"

#include <string.h>

/* The main control's variable NAME (pass_pna.c), or NULL. */
static Node *main_var(IrProgram *ir, const char *name)
{
    IrBlock *main = ir_block(ir, "mainControl");
    for (int i = 0; main && i < main->locals.len; i++) {
        Node *v = main->locals.items[i];
        if (v->kind == N_VAR && strcmp(v->name, name) == 0)
            return v;
    }
    return NULL;
}

/* Its C lvalue. */
static const char *dest_var(Emitter *em, IrBlock *main, const char *name)
{
    Node *v = main_var(em->ir, name);
    if (v) {
        Node n = {.kind = N_NAME, .loc = v->loc, .name = v->name, .ref = v, .ty = v->ty};
        return emit_lvalue(em, &n);
    }
    emit_error_at(em, main->decl, "internal error: the main control has no '%s' (a p4cc bug; "
                                  "please report it)", name);
    return "0";
}

/* Recirculation (programs that call recirculate() only): p4cc_main
 * tail-calls itself through p4cc_progs (slot 0, which the loader fills),
 * with the next pass number in a per-CPU map: a tail call runs on the
 * same CPU in the same program run. */
void emit_pna_recirc_struct(Emitter *em)
{
    if (!main_var(em->ir, "p4cc_pna_recirc"))
        return;
    fputs("/* What a recirculated packet gets in its next pass (emit_pna.c). */\n"
          "struct p4cc_recirc {\n"
          "    u8 pending;        /* set just before the tail call */\n"
          "    u8 pass;\n"
          "};\n\n",
          em->out);
    emit_recirc_maps(em);
    emit_raw_lines_written(em);
}

/* At the start of a pass: a recirculated packet's pass number. */
static void emit_pna_recirc_entry(Emitter *em)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_recirc *rc = bpf_map_lookup_elem(&p4cc_recirc, &zero);");
    emit_line(em, "if (rc && rc->pending) {");
    emit_line(em, "    rc->pending = 0;");
    emit_line(em, "    st->parser_in.pass = st->pre_in.pass = st->main_in.pass = rc->pass;");
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* After the deparser: the next pass, of the packet as written; returns
 * only when the tail call failed (more than the kernel's 33 calls, or no
 * loader filled the slot): then the packet is dropped. */
static void emit_pna_recirculate(Emitter *em, const char *recirc)
{
    emit_line(em, "if (%s) {   /* recirculate() */", recirc);
    em->indent++;
    emit_next_pass_open(em);
    emit_line(em, "rc->pass = (st->main_in.pass + 1) & 7;   /* PassNumber_t: 3 bits */");
    emit_next_pass_call(em);
    em->indent--;
    emit_line(em, "}");
}

void emit_pna_pipeline(Emitter *em)
{
    IrProgram *ir = em->ir;
    IrBlock *main = ir_block(ir, "mainControl");
    /* Where the packet came from: the input port as for the other
     * architectures (p4cc_ports), pass 0, not looped back (the state is
     * zero). */
    emit_line(em, "u32 ifindex = ctx->ingress_ifindex;");
    emit_line(em, "u32 *in_port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);");
    emit_line(em, "u32 input_port = in_port ? *in_port : ifindex;");
    emit_line(em, "st->parser_in.input_port = input_port;");
    emit_line(em, "st->pre_in.input_port = input_port;");
    emit_line(em, "st->main_in.input_port = input_port;");
    emit_line(em, "st->parser_in.direction = PNA_Direction_t_NET_TO_HOST;");
    emit_line(em, "st->pre_in.direction = PNA_Direction_t_NET_TO_HOST;");
    emit_line(em, "st->main_in.direction = PNA_Direction_t_NET_TO_HOST;");
    bool recirculates = main_var(ir, "p4cc_pna_recirc") != NULL;
    if (recirculates)
        emit_pna_recirc_entry(em);
    if (emit_struct_field_used(ir, "pna_main_input_metadata_t", "timestamp"))
        emit_line(em, "st->main_in.timestamp = bpf_ktime_get_ns();");
    /* A parser error does not drop the packet: the controls see it. */
    emit_parse(em, "st->main_in.parser_error = st->pre_in.parser_error = p4_err;");
    emit_control_block(em, ir_block(ir, "preControl"), "pre_control_end");
    emit_control_block(em, main, "main_control_end");
    const char *dest = dest_var(em, main, "p4cc_pna_dest");
    const char *port = dest_var(em, main, "p4cc_pna_port");
    /* A dropped packet skips the deparser. */
    emit_line(em, "if (%s == 2)   /* drop_packet() */", dest);
    emit_line(em, "    return XDP_DROP;");
    emit_locals_init(em, ir->deparser);
    em->exit_label = em->return_label = "deparse_exit";
    emit_deparser(em);
    emit_line(em, "deparse_exit:");
    emit_line(em, "    ;");
    /* Not dropped: recirculate() wins over send_to_port, as in p4c's
     * eBPF (tc) PNA backend. */
    if (recirculates)
        emit_pna_recirculate(em, dest_var(em, main, "p4cc_pna_recirc"));
    emit_line(em, "if (%s != 1) {   /* neither: to the host */", dest);
    emit_line(em, "    P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, P4CC_CAPTURE_IN_PORT, XDP_PASS);");
    emit_line(em, "    return XDP_PASS;");
    emit_line(em, "}");
    emit_unicast_out(em, port, "input_port", false);
}
