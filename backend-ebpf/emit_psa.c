/* PSA's pipeline in p4cc_main (docs/RUNTIME.md, "PSA"): the ingress
 * parser, ingress and the ingress deparser, which writes the packet; the
 * traffic manager (drop, an I2E clone, resubmit, multicast, unicast);
 * then the egress parser parses that packet again, egress (an E2E clone)
 * and the egress deparser run, and the packet recirculates or leaves by
 * its egress port. The blocks' parameters are parts of the one per-packet
 * state (midend/arch.c); the parser and deparser code is the other
 * architectures' (emit_parser.c, emit_deparser.c), run twice with the
 * program's parser and deparser pointed at each pipeline's in turn.
 * Copies, clones and the tail calls are v1model's machinery
 * (emit_copies.c, emit_clone.c, emit_recirc.c's design); this file
 * supplies PSA's egress to their devmap programs. */
#include "emit.h"

#include <string.h>

/* psa.p4's PSA_PORT_RECIRCULATE. */
#define PSA_PORT_RECIRCULATE 0xfffffffau

/* Whether some code names FIELD of a struct of type TYPE_NAME (a clock
 * read or a port lookup is paid only then). */
typedef struct PsaFieldUse {
    const char *type_name, *field;
    bool used;
} PsaFieldUse;

static bool find_field(Node *n, void *ctx)
{
    PsaFieldUse *u = ctx;
    if (n->kind == N_MEMBER && strcmp(n->name, u->field) == 0 && n->expr->ty &&
        n->expr->ty->kind == T_STRUCT && n->expr->ty->name &&
        strcmp(n->expr->ty->name, u->type_name) == 0)
        u->used = true;
    return !u->used;
}

static void scan_field(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_field, .ctx = ctx};
    ast_walk(code, &w);
}

bool emit_struct_field_used(IrProgram *ir, const char *type_name, const char *field)
{
    PsaFieldUse u = {type_name, field, false};
    ir_walk_code(ir, scan_field, &u);
    return u.used;
}

/* The parser of block B (its exits go to its reject label, its errors
 * into ERR_FIELD). Labels are per C function: the egress parser's are
 * renamed by the preprocessor (#define), so the shared parser code keeps
 * its fixed names. */
static void emit_psa_parse(Emitter *em, IrBlock *b, const char *err_field, bool rename)
{
    em->ir->parser = b;
    em->nextracted = 0;
    em->nstacks = 0;
    emit_line(em, "pkt_off = 0;");
    emit_line(em, "p4_err = 0;");
    emit_line(em, "lookahead_short = 0;");
    if (rename) {
        fputs("#define parse_reject egress_parse_reject\n"
              "#define parse_accept egress_parse_accept\n", em->out);
        for (int i = 0; i < b->states.len; i++)
            fprintf(em->out, "#define state_%s egress_state_%s\n", b->states.items[i]->name,
                    b->states.items[i]->name);
        emit_raw_lines_written(em);
    }
    emit_parse(em, arena_printf(em->arena, "%s = p4_err;", err_field));
    if (rename) {
        fputs("#undef parse_reject\n#undef parse_accept\n", em->out);
        for (int i = 0; i < b->states.len; i++)
            fprintf(em->out, "#undef state_%s\n", b->states.items[i]->name);
        emit_raw_lines_written(em);
    }
}

/* Deparser block B, exits to EXIT_LABEL. */
static void emit_psa_deparse(Emitter *em, IrBlock *b, const char *exit_label)
{
    em->ir->deparser = b;
    em->exit_label = exit_label;
    em->return_label = exit_label;
    emit_deparser(em);
    emit_line(em, "%s:", exit_label);
    emit_line(em, "    ;");
    /* The deparser may have moved the packet. */
    emit_line(em, "data = (void *)(long)ctx->data;");
    emit_line(em, "data_end = (void *)(long)ctx->data_end;");
}

/* Resubmit and recirculate (docs/RUNTIME.md, "PSA"): p4cc_main
 * tail-calls itself through p4cc_progs (slot 0, which the loader fills),
 * as v1model's (emit_recirc.c), with what the next pass gets in a per-CPU
 * map: a tail call runs on the same CPU in the same program run. Every
 * PSA program can recirculate (any port number may be
 * PSA_PORT_RECIRCULATE); the resubmit code is there only when some code
 * may set ostd.resubmit. */
void emit_psa_recirc_struct(Emitter *em)
{
    fputs("/* What a resubmitted or recirculated packet gets in its next pass\n"
          " * (emit_psa.c). */\n"
          "struct p4cc_recirc {\n"
          "    u8 pending;        /* set just before the tail call */\n"
          "    u8 kind;           /* 1 resubmit, 2 recirculate */\n"
          "    __typeof__(((struct p4cc_state *)0)->resubmit_meta) resubmit_meta;\n"
          "    __typeof__(((struct p4cc_state *)0)->recirc_meta) recirc_meta;\n"
          "};\n\n",
          em->out);
    emit_recirc_maps(em);
    emit_raw_lines_written(em);
}

/* The next pass, of KIND (1 resubmit, 2 recirculate) with the metadata
 * in state slot META; returns only when the tail call failed (a loop
 * longer than the kernel's 33 calls, or no loader filled the slot): then
 * the packet is dropped. */
static void emit_tail_call(Emitter *em, int kind, const char *meta)
{
    emit_next_pass_open(em);
    emit_line(em, "rc->kind = %d;", kind);
    emit_line(em, "__builtin_memcpy(&rc->%s, &st->%s, sizeof(rc->%s));", meta, meta, meta);
    emit_next_pass_call(em);
}

/* At the start of a pass: a resubmitted packet keeps its ingress port and
 * gets the resubmit metadata; a recirculated one comes from
 * PSA_PORT_RECIRCULATE with the recirculate metadata. */
static void emit_psa_recirc_entry(Emitter *em)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_recirc *rc = bpf_map_lookup_elem(&p4cc_recirc, &zero);");
    emit_line(em, "if (rc && rc->pending) {");
    em->indent++;
    emit_line(em, "rc->pending = 0;");
    emit_line(em, "if (rc->kind == 1) {");
    emit_line(em, "    st->ip_in.packet_path = PSA_PacketPath_t_RESUBMIT;");
    emit_line(em, "    __builtin_memcpy(&st->resubmit_meta, &rc->resubmit_meta, "
                  "sizeof(rc->resubmit_meta));");
    emit_line(em, "} else {");
    emit_line(em, "    st->ip_in.packet_path = PSA_PacketPath_t_RECIRCULATE;");
    emit_line(em, "    ingress_port = 0x%x;   /* PSA_PORT_RECIRCULATE */", PSA_PORT_RECIRCULATE);
    emit_line(em, "    __builtin_memcpy(&st->recirc_meta, &rc->recirc_meta, "
                  "sizeof(rc->recirc_meta));");
    emit_line(em, "}");
    emit_line(em, "st->ig_in.packet_path = st->ip_in.packet_path;");
    emit_line(em, "st->ip_in.ingress_port = ingress_port;");
    emit_line(em, "st->ig_in.ingress_port = ingress_port;");
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* Clones (docs/RUNTIME.md, "PSA"; v1model's machinery, emit_clone.c):
 * the request of a control's output metadata, as v1model's @clone leaves
 * it in the state. */
static void emit_clone_request_of(Emitter *em, const char *ostd)
{
    emit_line(em, "if (st->%s.clone) {", ostd);
    emit_line(em, "    st->clone_req.pending = 1;");
    emit_line(em, "    st->clone_req.session = (u16)(st->%s.clone_session_id & 0x7fff);", ostd);
    emit_line(em, "    st->clone_req.list = 0;");
    emit_line(em, "}");
}

/* What a deparser wrote for the clone (META, "ci2e_meta" or "ce2e_meta")
 * into the bridge waiting in the per-CPU buffer, for a clone of KIND. */
static void emit_clone_meta(Emitter *em, int kind, const char *meta)
{
    emit_line(em, "if (st->clone_out == %d) {", kind);
    em->indent++;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_clone_buf *cbuf = bpf_map_lookup_elem(&p4cc_clone_buf, &zero);");
    emit_line(em, "if (cbuf)");
    emit_line(em, "    __builtin_memcpy(&cbuf->cb.%s, &st->%s, sizeof(cbuf->cb.%s));", meta, meta,
              meta);
    em->indent--;
    emit_line(em, "}");
}

/* Where egress runs: p4cc_main, or a devmap program (a multicast copy, a
 * clone), which cannot send a clone of its own. */
typedef enum EgressIn { EGRESS_IN_MAIN, EGRESS_IN_COPY } EgressIn;

/* Egress, for a packet to port PORT (a C expression) by path PATH: its
 * metadata, the egress parser on the packet as the ingress deparser left
 * it, egress, its clone, the drop check, the egress deparser. In
 * p4cc_main the parser shares its C function with the ingress parser:
 * its labels are renamed. */
static void emit_psa_egress(Emitter *em, const char *port, const char *path, EgressIn in)
{
    bool rename = in == EGRESS_IN_MAIN;
    IrProgram *ir = em->ir;
    emit_line(em, "st->ep_in.egress_port = %s;", port);
    emit_line(em, "st->ep_in.packet_path = %s;", path);
    emit_line(em, "st->eg_in.egress_port = %s;", port);
    emit_line(em, "st->eg_in.packet_path = %s;", path);
    emit_line(em, "st->eg_in.class_of_service = st->ig_out.class_of_service;");
    if (emit_struct_field_used(ir, "psa_egress_input_metadata_t", "egress_timestamp"))
        emit_line(em, "st->eg_in.egress_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_line(em, "st->ed_in.egress_port = %s;", port);
    /* Only egress's own statements decide how its deparser writes. */
    emit_line(em, "st->validity_changed = 0;");
    emit_psa_parse(em, ir_block(ir, "egressParser"), "st->eg_in.parser_error", rename);
    emit_control_block(em, ir_block(ir, "egress"), "egress_end");
    if (em->clones && in == EGRESS_IN_MAIN) {
        /* An E2E clone is of what the egress deparser emits, also when
         * egress drops the packet. */
        emit_clone_request_of(em, "eg_out");
        emit_clone_after_egress(em, true);
        emit_line(em, "if (st->eg_out.drop) {");
        emit_line(em, "    if (!st->clone_out)");
        emit_line(em, "        return XDP_DROP;");
        emit_line(em, "    st->clone_dropped = 1;");
        emit_line(em, "}");
    } else {
        if (em->clones) {
            emit_line(em, "if (st->eg_out.clone)");
            emit_line(em, "    p4cc_count_clone_lost();   /* a devmap program sends one frame */");
        }
        emit_line(em, "if (st->eg_out.drop)");
        emit_line(em, "    return XDP_DROP;");
    }
    IrBlock *ed = ir_block(ir, "egressDeparser");
    emit_locals_init(em, ed);
    emit_psa_deparse(em, ed, "deparse_exit");
    if (em->clones && in == EGRESS_IN_MAIN)
        emit_clone_meta(em, 2, "ce2e_meta");
}

void emit_psa_pipeline(Emitter *em)
{
    IrProgram *ir = em->ir;
    IrBlock *ip = ir_block(ir, "ingressParser"), *ig = ir_block(ir, "ingress");
    IrBlock *id = ir_block(ir, "ingressDeparser");
    /* Ingress: where the packet came from; the ingress output metadata
     * starts as psa.p4 says (drop true, the rest 0: the state is zero). */
    emit_line(em, "u32 ifindex = ctx->ingress_ifindex;");
    emit_line(em, "u32 *in_port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);");
    emit_line(em, "u32 ingress_port = in_port ? *in_port : ifindex;");
    emit_line(em, "st->ip_in.ingress_port = ingress_port;");
    emit_line(em, "st->ig_in.ingress_port = ingress_port;");
    emit_line(em, "st->ip_in.packet_path = PSA_PacketPath_t_NORMAL;");
    emit_line(em, "st->ig_in.packet_path = PSA_PacketPath_t_NORMAL;");
    if (emit_struct_field_used(ir, "psa_ingress_input_metadata_t", "ingress_timestamp"))
        emit_line(em, "st->ig_in.ingress_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_line(em, "st->ig_out.drop = 1;");
    emit_psa_recirc_entry(em);
    emit_psa_parse(em, ip, "st->ig_in.parser_error", false);
    emit_control_block(em, ig, "ingress_end");
    /* The traffic manager: an I2E clone (of the packet as it came in),
     * resubmit, multicast (a group set), unicast to egress_port, or drop.
     * A dropped packet skips the ingress deparser, as in p4c's eBPF PSA
     * backend (its digests are not sent), but for what it writes for its
     * clone. */
    emit_line(em, "/* traffic manager */");
    em->ir->deparser = id;
    if (em->clones) {
        emit_locals_init(em, id);
        emit_clone_request_of(em, "ig_out");
        emit_clone_after_ingress(em);
        emit_line(em, "if (st->ig_out.drop) {");
        em->indent++;
        emit_line(em, "if (!st->clone_out)");
        emit_line(em, "    return XDP_DROP;");
        emit_line(em, "st->clone_dropped = 1;");
        em->exit_label = em->return_label = "clone_drop_exit";
        emit_deparser_computations(em);
        emit_line(em, "clone_drop_exit:");
        emit_line(em, "    ;");
        emit_clone_meta(em, 1, "ci2e_meta");
        emit_line(em, "goto clone_send;");
        em->indent--;
        emit_line(em, "}");
    } else {
        emit_line(em, "if (st->ig_out.drop)");
        emit_line(em, "    return XDP_DROP;");
        emit_locals_init(em, id);
    }
    /* Resubmit wins over multicast and unicast: the packet as it came in
     * (nothing has written it yet), with the resubmit metadata the
     * ingress deparser computes. */
    if (ir_psa_may_set(ir, "ingress", "resubmit")) {
        emit_line(em, "if (st->ig_out.resubmit) {");
        em->indent++;
        if (em->clones) {
            emit_line(em, "if (st->clone_out)");
            emit_line(em, "    p4cc_count_clone_lost();   /* one frame: the resubmitted one */");
        }
        em->exit_label = em->return_label = "resubmit_exit";
        emit_deparser_computations(em);
        emit_line(em, "resubmit_exit:");
        emit_line(em, "    ;");
        emit_tail_call(em, 1, "resubmit_meta");
        em->indent--;
        emit_line(em, "}");
    }
    emit_psa_deparse(em, id, "ingress_deparse_exit");
    if (em->clones)
        emit_clone_meta(em, 1, "ci2e_meta");
    /* Copies of the packet the ingress deparser wrote, each to egress in
     * p4cc_egress (emit_copies.c). */
    if (em->multicast) {
        if (em->clones) {
            emit_line(em, "if (st->ig_out.multicast_group && st->clone_out)");
            emit_line(em, "    p4cc_count_clone_lost();   /* one frame: the group's copies */");
        }
        emit_multicast(em, "st->ig_out.multicast_group");
    }
    emit_psa_egress(em, "st->ig_out.egress_port", "PSA_PacketPath_t_NORMAL_UNICAST",
                    EGRESS_IN_MAIN);
    ir->parser = ip;
    ir->deparser = id;
    /* Recirculation: the packet the egress deparser wrote, to ingress. */
    emit_line(em, "if (st->ig_out.egress_port == 0x%x%s) {   /* PSA_PORT_RECIRCULATE */",
              PSA_PORT_RECIRCULATE, em->clones ? " && !st->clone_dropped" : "");
    em->indent++;
    if (em->clones) {
        emit_line(em, "if (st->clone_out)");
        emit_line(em, "    p4cc_count_clone_lost();   /* one frame: the recirculated one */");
    }
    emit_tail_call(em, 2, "recirc_meta");
    em->indent--;
    emit_line(em, "}");
    if (em->clones)
        emit_clone_send(em);
    emit_unicast_out(em, "st->ig_out.egress_port", "ingress_port", false);
}

/* A multicast copy (docs/RUNTIME.md, "Traffic manager: copies"): the
 * bridge holds the class of service, the group and the normal metadata;
 * egress runs on the packet the ingress deparser wrote, for the copy's
 * port, with the instance (rid) the group gives that port. */
void emit_psa_copy_egress_body(Emitter *em)
{
    IrProgram *ir = em->ir;
    IrBlock *ip = ir->parser, *id = ir->deparser;
    emit_copy_entry(em);
    copy_bridge(em, "bridge->", false, false);
    emit_line(em, "/* traffic manager: a copy */");
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 group = st->ig_out.multicast_group, port = *out_port;");
    emit_line(em, "void *rids = bpf_map_lookup_elem(&p4cc_mcast_rid, &group);");
    emit_line(em, "u32 *rid = rids ? bpf_map_lookup_elem(rids, &port) : NULL;");
    emit_line(em, "st->eg_in.instance = rid ? *rid : 0;");
    em->indent--;
    emit_line(em, "}");
    emit_psa_egress(em, "*out_port", "PSA_PacketPath_t_NORMAL_MULTICAST", EGRESS_IN_COPY);
    ir->parser = ip;
    ir->deparser = id;
    /* The copy leaves by its port (p4ctl capture: a packet sent). */
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, *out_port, XDP_REDIRECT);");
    emit_line(em, "return XDP_PASS;");
}

/* A clone (p4cc_clone): the frame made the clone's packet (the original
 * as it came in, I2E, or as egress emitted it, E2E; emit_clone.c), then
 * egress with the clone's port, path and the metadata the deparser wrote
 * for it; a session to a multicast group gives each port's rid as the
 * instance. */
void emit_psa_clone_copy(Emitter *em)
{
    IrProgram *ir = em->ir;
    IrBlock *ip = ir->parser, *id = ir->deparser;
    emit_clone_entry(em);
    emit_line(em, "/* traffic manager: a clone */");
    emit_line(em, "if (cbuf->cb.kind == P4CC_INSTANCE_INGRESS_CLONE)");
    emit_line(em, "    __builtin_memcpy(&st->ci2e_meta, &cbuf->cb.ci2e_meta, "
                  "sizeof(st->ci2e_meta));");
    emit_line(em, "else");
    emit_line(em, "    __builtin_memcpy(&st->ce2e_meta, &cbuf->cb.ce2e_meta, "
                  "sizeof(st->ce2e_meta));");
    if (em->multicast)
        emit_clone_group_rid(em, "st->eg_in.instance");
    emit_psa_egress(em, "*out_port",
                    "(cbuf->cb.kind == P4CC_INSTANCE_INGRESS_CLONE ? PSA_PacketPath_t_CLONE_I2E "
                    ": PSA_PacketPath_t_CLONE_E2E)", EGRESS_IN_COPY);
    ir->parser = ip;
    ir->deparser = id;
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, *out_port, XDP_REDIRECT);");
    emit_line(em, "return XDP_PASS;");
    fputs("}\n", em->out);
}
