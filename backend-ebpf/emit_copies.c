/* v1model's traffic manager for copies (docs/RUNTIME.md, "Traffic manager:
 * copies"). XDP sends one frame per packet, to one device or, with
 * BPF_F_BROADCAST, to every device of a devmap; a devmap entry may name a
 * program that runs on each copy first. So a packet for multicast group G
 * is deparsed after ingress, gets the bridge (what egress needs of its
 * state) pushed in front of it and is broadcast through G's devmap
 * (p4cc_mcast); each copy runs p4cc_egress, which pops the bridge, parses
 * the packet again, restores the state and runs egress, computeChecksum
 * and the deparser. The bridge travels in the packet: this kernel refuses
 * bpf_xdp_adjust_meta to XDP programs. */
#include "emit.h"

static const char *slot_type(Emitter *em, int param)
{
    IrBlock *ingress = ir_block(em->ir, "ingress");
    const char *t = c_type(em, ingress->params.items[param]->ty);
    return t ? t : "u8";
}

void emit_bridge_struct(Emitter *em)
{
    fprintf(em->out,
            "/* What a copy's egress needs of the packet's state after ingress, pushed in\n"
            " * front of the packet that is broadcast to a multicast group. */\n"
            "struct p4cc_bridge {\n"
            "    %s std;\n"
            "    %s meta;\n"
            "};\n\n",
            slot_type(em, 2), slot_type(em, 1));
}

/* In p4cc_main after the deparser: a packet for a group goes to every port
 * of the group, with the bridge in front. A group the control plane has
 * not created makes no copy; nor does a packet without the headroom for
 * the bridge. */
void emit_multicast(Emitter *em)
{
    emit_line(em, "if (st->std.mcast_grp) {");
    em->indent++;
    emit_line(em, "u32 group = st->std.mcast_grp;");
    emit_line(em, "void *group_ports = bpf_map_lookup_elem(&p4cc_mcast, &group);");
    emit_line(em, "if (!group_ports)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct p4cc_bridge)))");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "struct p4cc_bridge *bridge = (void *)(long)ctx->data;");
    emit_line(em, "if ((void *)(bridge + 1) > (void *)(long)ctx->data_end)");
    emit_line(em, "    return XDP_ABORTED;");
    emit_line(em, "bridge->std = st->std;");
    emit_line(em, "bridge->meta = st->meta;");
    emit_line(em, "return bpf_redirect_map(group_ports, 0, BPF_F_BROADCAST);");
    em->indent--;
    emit_line(em, "}");
}

/* The program each copy runs before it leaves (SEC("xdp/devmap"), the
 * devmap entries' program): XDP_PASS sends the copy, XDP_DROP drops it. */
void emit_copy_egress(Emitter *em)
{
    IrProgram *ir = em->ir;
    emit_line_directive(em, ir_block(ir, "egress")->decl);
    fputs("\nSEC(\"xdp/devmap\")\nint p4cc_egress(struct xdp_md *ctx)\n{\n", em->out);
    emit_raw_lines_written(em);
    em->indent = 1;
    emit_line(em, "struct p4cc_bridge bridge;");
    emit_line(em, "if ((void *)(long)ctx->data + sizeof(bridge) > (void *)(long)ctx->data_end)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "__builtin_memcpy(&bridge, (void *)(long)ctx->data, sizeof(bridge));");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, (int)sizeof(bridge)))");
    emit_line(em, "    return XDP_DROP;");
    /* The group may still send to an interface that is no longer a port. */
    emit_line(em, "u32 out_ifindex = ctx->egress_ifindex;");
    emit_line(em, "u32 *out_port = bpf_map_lookup_elem(&p4cc_ports, &out_ifindex);");
    emit_line(em, "if (!out_port)");
    emit_line(em, "    return XDP_DROP;");
    emit_function_prologue(em);
    /* The parser sees what ingress's did (it may read ingress_port), and
     * what it changes is forgotten: the copy's state is ingress's. */
    emit_line(em, "st->std = bridge.std;");
    emit_line(em, "st->meta = bridge.meta;");
    emit_parse(em, ";");
    emit_line(em, "st->std = bridge.std;");
    emit_line(em, "st->meta = bridge.meta;");
    emit_line(em, "/* traffic manager: a copy */");
    emit_line(em, "st->std.instance_type = P4CC_INSTANCE_REPLICATION;");
    emit_line(em, "st->std.egress_port = *out_port;");
    /* As for unicast, where egress finds egress_spec == egress_port: not
     * the drop port, unless egress drops the copy. */
    emit_line(em, "st->std.egress_spec = *out_port;");
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 group = st->std.mcast_grp, port = *out_port;");
    emit_line(em, "void *rids = bpf_map_lookup_elem(&p4cc_mcast_rid, &group);");
    emit_line(em, "u32 *rid = rids ? bpf_map_lookup_elem(rids, &port) : NULL;");
    emit_line(em, "st->std.egress_rid = rid ? *rid : 0;");
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "st->std.egress_global_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_v1model_egress(em);
    emit_v1model_deparse(em);
    emit_line(em, "return XDP_PASS;");
    emit_line(em, "deparse_exit:");
    emit_line(em, "    return XDP_ABORTED;");
    fputs("}\n", em->out);
}
