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

#include <string.h>

#define BRIDGE_MAX 128

/* The C lvalue of bridge field F in the state: st->meta.a.b. */
static const char *state_place(Emitter *em, const IrBridgeField *f)
{
    const char *lv = arena_printf(em->arena, "st->%s", f->slot);
    for (int i = 0; i < f->npath; i++)
        lv = arena_printf(em->arena, "%s.%s", lv, c_ident(em, f->path[i]));
    return lv;
}

/* The P4 type of bridge field F: its slot's type, then field by field. */
static const Type *bridge_field_type(Emitter *em, const IrBridgeField *f)
{
    const Type *t = NULL;
    for (int b = 0; b < em->ir->nblocks && !t; b++) {
        const IrBlock *blk = &em->ir->blocks[b];
        for (int i = 0; i < blk->params.len && !t; i++)
            if (blk->slots[i] && strcmp(blk->slots[i], f->slot) == 0)
                t = blk->params.items[i]->ty;
    }
    for (int i = 0; i < f->npath && t; i++) {
        const Field *fd = type_field(t, f->path[i]);
        t = fd ? fd->type : NULL;
    }
    return t;
}

/* The alignment C gives type T (c_layout); 8 when unsure (headers,
 * unions, stacks), which puts the field first, where it cannot leave a
 * hole before it. */
static int c_alignment(const Type *t)
{
    int align;
    return t && c_layout(t, &align) >= 0 ? align : 8;
}

/* The widest-aligned fields first, so the struct has no holes (the
 * bridge's order is only its layout). Stable: insertion sort. */
static void order_bridge_by_alignment(Emitter *em)
{
    int *align = arena_alloc(em->arena, (size_t)(em->nbridge ? em->nbridge : 1) * sizeof *align);
    for (int i = 0; i < em->nbridge; i++)
        align[i] = c_alignment(bridge_field_type(em, &em->bridge[i]));
    for (int i = 1; i < em->nbridge; i++) {
        IrBridgeField f = em->bridge[i];
        int a = align[i], j = i;
        for (; j > 0 && align[j - 1] < a; j--) {
            em->bridge[j] = em->bridge[j - 1];
            align[j] = align[j - 1];
        }
        em->bridge[j] = f;
        align[j] = a;
    }
}

/* Only what egress reads (midend/copies.c): the bridge takes headroom, and
 * headroom is what a packet has in front of it (256 bytes in XDP, less
 * what a deparser pushes and the kernel's frame header). */
void emit_bridge_struct(Emitter *em)
{
    em->nbridge = ir_v1model_bridge(em->ir, &em->bridge);
    order_bridge_by_alignment(em);
    fputs("/* What a copy's egress needs of the packet's state after ingress, pushed in\n"
          " * front of the packet that is broadcast to a multicast group. */\n"
          "struct p4cc_bridge {\n", em->out);
    for (int i = 0; i < em->nbridge; i++) {
        const char *place = state_place(em, &em->bridge[i]);
        fprintf(em->out, "    __typeof__(((struct p4cc_state *)0)->%s) f%d;   /* %s */\n", place + 4,
                i, place + 4);
    }
    fputs("};\n\n", em->out);
    emit_line_directive(em, ir_block(em->ir, "egress")->decl);
    fprintf(em->out, "_Static_assert(sizeof(struct p4cc_bridge) <= %d, \"multicast copies carry "
                     "more than %d bytes of the metadata egress reads (the headroom in front "
                     "of a packet is 256 bytes)\");\n\n",
            BRIDGE_MAX, BRIDGE_MAX);
    emit_raw_lines_written(em);
    /* Where egress keeps the bridge while it parses the copy, when the
     * state is not on the stack either (include/p4cc/state.h). */
    fputs("struct {\n"
          "    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);\n"
          "    __uint(max_entries, 1);\n"
          "    __type(key, u32);\n"
          "    __type(value, struct p4cc_bridge);\n"
          "} p4cc_bridge_scratch SEC(\".maps\");\n\n",
          em->out);
}

/* Copies between the state and bridge B ("bridge->"): every
 * field, or (STD_ONLY) those of standard_metadata. */
void copy_bridge(Emitter *em, const char *b, bool to_bridge, bool std_only)
{
    for (int i = 0; i < em->nbridge; i++) {
        if (std_only && strcmp(em->bridge[i].slot, "std") != 0)
            continue;
        const char *place = state_place(em, &em->bridge[i]);
        if (to_bridge)
            emit_line(em, "__builtin_memcpy(&%sf%d, &%s, sizeof(%sf%d));", b, i, place, b, i);
        else
            emit_line(em, "__builtin_memcpy(&%s, &%sf%d, sizeof(%sf%d));", place, b, i, b, i);
    }
}

/* In p4cc_main after the deparser: a packet for a group goes to every port
 * of the group, with the bridge in front. A group the control plane has
 * not created makes no copy; nor does a packet without the headroom for
 * the bridge. */
void emit_multicast(Emitter *em, const char *group)
{
    emit_line(em, "if (%s) {", group);
    em->indent++;
    emit_line(em, "u32 group = %s;", group);
    emit_trace_mcast(em, "group");
    emit_line(em, "void *group_ports = bpf_map_lookup_elem(&p4cc_mcast, &group);");
    emit_line(em, "if (!group_ports)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct p4cc_bridge)))");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "struct p4cc_bridge *bridge = (void *)(long)ctx->data;");
    emit_line(em, "if ((void *)(bridge + 1) > (void *)(long)ctx->data_end)");
    emit_line(em, "    return XDP_ABORTED;");
    copy_bridge(em, "bridge->", true, false);
    emit_line(em, "return bpf_redirect_map(group_ports, 0, BPF_F_BROADCAST);");
    em->indent--;
    emit_line(em, "}");
}

/* The start of the program a copy runs: the bridge popped into
 * `bridge`, the copy's P4 port in `*out_port`, the prologue. */
void emit_copy_entry(Emitter *em)
{
    em->indent = 1;
    /* A constant condition, as for the state (emit_function_prologue). */
    emit_line(em, "struct p4cc_bridge bridge_on_stack;");
    emit_line(em, "struct p4cc_bridge *bridge = &bridge_on_stack;");
    emit_line(em, "if (!P4CC_STATE_ON_STACK) {");
    emit_line(em, "    u32 scratch_key = 0;");
    emit_line(em, "    bridge = bpf_map_lookup_elem(&p4cc_bridge_scratch, &scratch_key);");
    emit_line(em, "    if (!bridge)");
    emit_line(em, "        return XDP_DROP;");
    emit_line(em, "}");
    emit_line(em, "if ((void *)(long)ctx->data + sizeof(*bridge) > (void *)(long)ctx->data_end)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "__builtin_memcpy(bridge, (void *)(long)ctx->data, sizeof(*bridge));");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, (int)sizeof(*bridge)))");
    emit_line(em, "    return XDP_DROP;");
    /* The group may still send to an interface that is no longer a port. */
    emit_line(em, "u32 out_ifindex = ctx->egress_ifindex;");
    emit_line(em, "u32 *out_port = bpf_map_lookup_elem(&p4cc_ports, &out_ifindex);");
    emit_line(em, "if (!out_port)");
    emit_line(em, "    return XDP_DROP;");
    emit_function_prologue(em);
}

/* The program each copy runs before it leaves (SEC("xdp/devmap"), the
 * devmap entries' program): XDP_PASS sends the copy, XDP_DROP drops it. */
static void emit_copy_egress_body(Emitter *em)
{
    IrProgram *ir = em->ir;
    emit_copy_entry(em);
    /* The parser sees the standard_metadata ingress left (it may read
     * ingress_port) and zeroed user metadata, as ingress's parser did;
     * then the copy gets the state ingress left. */
    copy_bridge(em, "bridge->", false, true);
    emit_parse(em, ";");
    copy_bridge(em, "bridge->", false, false);
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
    emit_trace_copy(em, "group", "st->std.egress_rid");
    em->indent--;
    emit_line(em, "}");
    if (std_field_used(ir, "egress_global_timestamp"))
        emit_line(em, "st->std.egress_global_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_v1model_egress(em, false);
    emit_v1model_deparse(em);
    emit_truncate_frame(em);
    /* The copy leaves by its port (p4ctl capture: a packet sent). */
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, *out_port, XDP_REDIRECT);");
    emit_line(em, "return XDP_PASS;");
    emit_line(em, "deparse_exit:");
    emit_line(em, "    return XDP_ABORTED;");
}

void emit_copy_egress(Emitter *em)
{
    emit_program_function(em, ir_block(em->ir, "egress")->decl, "\n", "xdp/devmap",
                          "p4cc_egress", "P4CC_TRACE_FROM_COPY",
                          em->ir->arch == ARCH_PSA ? emit_psa_copy_egress_body
                                                   : emit_copy_egress_body);
}
