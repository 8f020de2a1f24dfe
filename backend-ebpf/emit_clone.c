/* v1model's clone sessions (docs/RUNTIME.md, "Clone sessions"), in
 * programs that clone. XDP sends one frame per packet, so a cloned packet
 * leaves as one frame for both copies, broadcast through the map the
 * control plane made for its session and the original's destination:
 *
 *   [struct p4cc_clone_bridge][X: n1 bytes][F: the original as it leaves]
 *
 * X is the original's headers as they entered ingress (an I2E clone; the
 * parser's extent, saved before the deparser overwrites them; n1 is 0 for
 * an E2E clone, which is F itself). F is the original's emitted headers
 * (n2 bytes) and the payload both share. The original's entry
 * (p4cc_clone_orig) cuts the bridge and X off; the clone's (p4cc_clone)
 * moves X over F's headers, cuts what is before it, parses, restores the
 * field list and runs egress. */
#include "emit.h"

#include <string.h>

#define CLONE_BRIDGE_MAX 128

/* The C lvalue of field list place F in the state: st->meta.a.b. */
static const char *state_place(Emitter *em, const IrBridgeField *f)
{
    const char *lv = arena_printf(em->arena, "st->%s", f->slot);
    for (int i = 0; i < f->npath; i++)
        lv = arena_printf(em->arena, "%s.%s", lv, c_ident(em, f->path[i]));
    return lv;
}

void emit_clone_state_fields(Emitter *em)
{
    fputs("    struct { u8 pending; u8 list; u16 session; } clone_req; /* the last clone() */\n"
          "    u8 clone_out;      /* instance type of the clone this packet makes, or 0 */\n"
          "    u8 clone_dropped;  /* the original is dropped: the clone goes alone */\n"
          "    u16 clone_session;\n", em->out);
}

/* The values of the field lists, one list at a time (a union): what a
 * clone, a resubmitted or a recirculated packet keeps. None when no list
 * has fields. */
void emit_field_lists_union(Emitter *em)
{
    IrProgram *ir = em->ir;
    bool any = false;
    for (int l = 0; l < ir->nfield_lists; l++)
        any = any || ir->field_lists[l].nfields > 0;
    if (!any)
        return;
    fputs("/* The values of the field lists (@field_list), one list at a time. */\n"
          "union p4cc_field_lists {\n", em->out);
    for (int l = 0; l < ir->nfield_lists; l++) {
        const IrFieldList *fl = &ir->field_lists[l];
        if (!fl->nfields)
            continue;
        fputs("    struct {\n", em->out);
        for (int i = 0; i < fl->nfields; i++) {
            const char *place = state_place(em, &fl->fields[i]);
            fprintf(em->out, "        __typeof__(((struct p4cc_state *)0)->%s) f%d;   /* %s */\n",
                    place + 4, i, place + 4);
        }
        fprintf(em->out, "    } l%d;   /* @field_list(%s) */\n", l + 1, fl->key);
    }
    fputs("};\n\n", em->out);
}

/* After the state: the bridge, with the values of its field list, and
 * the per-CPU buffer it is built in. */
void emit_clone_struct(Emitter *em)
{
    IrProgram *ir = em->ir;
    fputs("/* In front of a cloned packet's frame (emit_clone.c). */\n"
          "struct p4cc_clone_bridge {\n"
          "    u16 n1;            /* bytes of the original's headers that follow (I2E) */\n"
          "    u16 n2;            /* bytes of the original's emitted headers after them */\n"
          "    u8 kind;           /* the clone's instance_type */\n"
          "    u8 list;           /* its field list, 0: none */\n"
          "    u16 session;       /* its clone session (the clone's egress_rid) */\n"
          "    u32 payload;       /* I2E: the original's bytes after its headers */\n"
          "    u32 ingress_port;  /* I2E: the port its parser sees */\n", em->out);
    emit_truncate_bridge_field(em);
    bool any = false;
    for (int l = 0; l < ir->nfield_lists; l++)
        any = any || ir->field_lists[l].nfields > 0;
    if (any)
        fputs("    union p4cc_field_lists lists;\n", em->out);
    /* PSA: what the deparsers write for the clone (emit_psa.c). */
    if (ir->arch == ARCH_PSA)
        fputs("    __typeof__(((struct p4cc_state *)0)->ci2e_meta) ci2e_meta;\n"
              "    __typeof__(((struct p4cc_state *)0)->ce2e_meta) ce2e_meta;\n", em->out);
    fputs("};\n\n", em->out);
    emit_line_directive(em, ir_block(ir, "ingress")->decl);
    fprintf(em->out, "_Static_assert(sizeof(struct p4cc_clone_bridge) <= %d, \"the field lists "
                     "of clones carry more than %d bytes (the headroom in front of a packet is "
                     "256 bytes)\");\n\n", CLONE_BRIDGE_MAX, CLONE_BRIDGE_MAX);
    emit_raw_lines_written(em);
    fputs("struct p4cc_clone_buf {\n"
          "    struct p4cc_clone_bridge cb;\n"
          "    u8 hdr[P4CC_CLONE_HDR_MAX];   /* right after cb: both go out in one store */\n"
          "};\n\n"
          "/* Where a clone's bridge and headers wait in p4cc_main (until the deparser\n"
          " * has run) and where p4cc_clone moves headers through: one program run each. */\n"
          "struct {\n"
          "    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);\n"
          "    __type(key, u32);\n"
          "    __type(value, struct p4cc_clone_buf);\n"
          "    __uint(max_entries, 1);\n"
          "} p4cc_clone_buf SEC(\".maps\");\n\n", em->out);
}

/* @clone(session, list): the last call wins, as in BMv2. */
void emit_clone_request(Emitter *em, Node *e)
{
    emit_line(em, "st->clone_req.pending = 1;");
    emit_line(em, "st->clone_req.session = (u16)(%s & 0x7fff);", emit_expr(em, e->args.items[0]));
    emit_line(em, "st->clone_req.list = %s;", emit_expr(em, e->args.items[1]));
}

/* The field lists' values into (TO_BRIDGE) or out of B ("cbuf->cb."),
 * whose `list` says which list and whose `lists` holds them. */
void emit_copy_field_lists(Emitter *em, const char *b, bool to_bridge)
{
    IrProgram *ir = em->ir;
    for (int l = 0; l < ir->nfield_lists; l++) {
        const IrFieldList *fl = &ir->field_lists[l];
        if (!fl->nfields)
            continue;
        emit_line(em, "if (%slist == %d) {", b, l + 1);
        em->indent++;
        for (int i = 0; i < fl->nfields; i++) {
            const char *place = state_place(em, &fl->fields[i]);
            const char *bf = arena_printf(em->arena, "%slists.l%d.f%d", b, l + 1, i);
            if (to_bridge)
                emit_line(em, "__builtin_memcpy(&%s, &%s, sizeof(%s));", bf, place, bf);
            else
                emit_line(em, "__builtin_memcpy(&%s, &%s, sizeof(%s));", place, bf, bf);
        }
        em->indent--;
        emit_line(em, "}");
    }
}

/* The bridge of a clone of KIND in the per-CPU buffer, with (I2E) the
 * headers the parser read, as they still are in the packet (v1model
 * writes nothing into it before the deparser). */
static void save_clone(Emitter *em, int kind)
{
    emit_line(em, "if (st->clone_req.pending) {");
    em->indent++;
    emit_line(em, "st->clone_req.pending = 0;");
    if (kind == 2) {
        /* One clone a packet: a frame holds one. */
        emit_line(em, "if (st->clone_out)");
        emit_line(em, "    p4cc_count_clone_lost();");
        emit_line(em, "else {");
        em->indent++;
    }
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_clone_buf *cbuf = bpf_map_lookup_elem(&p4cc_clone_buf, &zero);");
    emit_line(em, "u64 n1 = %s;", kind == 1 ? "pkt_off" : "0");
    emit_line(em, "asm volatile(\"\" : \"+r\"(n1));");
    emit_line(em, "if (cbuf && n1 <= P4CC_CLONE_HDR_MAX &&");
    emit_line(em, "    (n1 == 0 || bpf_xdp_load_bytes(ctx, 0, cbuf->hdr, n1) == 0)) {");
    em->indent++;
    emit_line(em, "cbuf->cb.n1 = (u16)n1;");
    emit_line(em, "cbuf->cb.kind = %d;", kind);
    emit_line(em, "cbuf->cb.list = st->clone_req.list;");
    emit_line(em, "cbuf->cb.session = st->clone_req.session;");
    if (kind == 1) {
        emit_line(em, "cbuf->cb.payload = (u32)((void *)(long)ctx->data_end - "
                      "(void *)(long)ctx->data) - n1;");
        emit_line(em, "cbuf->cb.ingress_port = %s;",
                  em->ir->arch == ARCH_PSA ? "st->ig_in.ingress_port" : "st->std.ingress_port");
    } else {
        emit_line(em, "cbuf->cb.ingress_port = 0;");
    }
    emit_copy_field_lists(em, "cbuf->cb.", true);
    emit_line(em, "st->clone_out = %d;", kind);
    emit_line(em, "st->clone_session = st->clone_req.session;");
    em->indent--;
    emit_line(em, "} else {");
    emit_line(em, "    p4cc_count_clone_lost();");
    emit_line(em, "}");
    if (kind == 2) {
        em->indent--;
        emit_line(em, "}");
    }
    em->indent--;
    emit_line(em, "}");
}

void emit_clone_after_ingress(Emitter *em)
{
    save_clone(em, 1);
}

/* After egress: in p4cc_main, the E2E clone's bridge; in the egress of a
 * copy (a devmap program, which cannot send another frame), a clone is
 * lost. */
void emit_clone_after_egress(Emitter *em, bool in_main)
{
    if (in_main) {
        save_clone(em, 2);
        return;
    }
    emit_line(em, "if (st->clone_req.pending)");
    emit_line(em, "    p4cc_count_clone_lost();");
}

/* In p4cc_main after the deparser (CLONE_SEND, where a packet ingress
 * dropped but cloned jumps to): the frame of a packet that is cloned,
 * broadcast to its session's map for the original's destination. A
 * clone that cannot be made is counted and the original goes on alone. */
void emit_clone_send(Emitter *em)
{
    bool psa = em->ir->arch == ARCH_PSA;
    emit_line(em, "clone_send:");
    emit_line(em, "    ;");
    emit_line(em, "if (st->clone_out) {");
    em->indent++;
    /* PSA's multicast copies left before egress (emit_psa.c). */
    if (em->multicast && !psa) {
        emit_line(em, "if (st->std.mcast_grp) {");
        emit_line(em, "    p4cc_count_clone_lost();   /* one frame: the group's copies */");
        emit_line(em, "    goto clone_done;");
        emit_line(em, "}");
    }
    emit_line(em, "u32 dest = st->clone_dropped ? P4CC_CLONE_DROPPED : %s;",
              psa ? "st->ig_out.egress_port" : "st->std.egress_port");
    emit_line(em, "u32 key = P4CC_CLONE_KEY(st->clone_session, dest & 511);");
    emit_line(em, "void *copies = dest <= P4CC_CLONE_DROPPED ? "
                  "bpf_map_lookup_elem(&p4cc_clones, &key) : NULL;");
    if (em->multicast) {
        emit_line(em, "if (!copies && dest <= P4CC_CLONE_DROPPED)");
        emit_line(em, "    copies = bpf_map_lookup_elem(&p4cc_clones_mc, &key);");
    }
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_clone_buf *cbuf = bpf_map_lookup_elem(&p4cc_clone_buf, &zero);");
    emit_line(em, "if (copies && cbuf) {");
    em->indent++;
    emit_line(em, "u32 flen = (u32)((void *)(long)ctx->data_end - (void *)(long)ctx->data);");
    emit_line(em, "u32 payload = st->clone_out == P4CC_INSTANCE_INGRESS_CLONE ? "
                  "cbuf->cb.payload : flen;");
    /* The length checked where the helper takes it, hidden from clang,
     * which would otherwise test an earlier copy the verifier cannot tie
     * to it. */
    emit_line(em, "u64 push = sizeof(cbuf->cb) + cbuf->cb.n1;");
    emit_line(em, "asm volatile(\"\" : \"+r\"(push));");
    emit_line(em, "if (payload <= flen && push <= sizeof(*cbuf)) {");
    em->indent++;
    emit_line(em, "cbuf->cb.n2 = (u16)(flen - payload);");
    emit_truncate_to_bridge(em, "cbuf->cb.");
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, dest, XDP_REDIRECT);");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, -(int)push) == 0) {");
    em->indent++;
    emit_line(em, "if (bpf_xdp_store_bytes(ctx, 0, cbuf, push) == 0) {");
    emit_line(em, "    u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);");
    emit_line(em, "    if (last)");
    emit_line(em, "        *last = dest;");
    emit_line(em, "    return bpf_redirect_map(copies, 0, BPF_F_BROADCAST);");
    emit_line(em, "}");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, (int)push))");
    emit_line(em, "    return XDP_ABORTED;");
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "p4cc_count_clone_lost();");
    emit_line(em, "if (st->clone_dropped)");
    emit_line(em, "    return XDP_DROP;");
    em->indent--;
    emit_line(em, "}");
    if (em->multicast && !psa) {
        emit_line(em, "clone_done:");
        emit_line(em, "    ;");
    }
}

/* The original's entry: the frame from F on. */
static void emit_clone_orig(Emitter *em)
{
    emit_line_directive(em, ir_block(em->ir, "egress")->decl);
    fputs("\nSEC(\"xdp/devmap\")\nint p4cc_clone_orig(struct xdp_md *ctx)\n{\n", em->out);
    emit_raw_lines_written(em);
    em->indent = 1;
    emit_line(em, "struct p4cc_clone_bridge *cb = (void *)(long)ctx->data;");
    emit_line(em, "if ((void *)(cb + 1) > (void *)(long)ctx->data_end)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "u32 n1 = cb->n1;");
    if (em->truncates)
        emit_line(em, "u32 limit = cb->truncate;");
    emit_line(em, "if (n1 > P4CC_CLONE_HDR_MAX || bpf_xdp_adjust_head(ctx, (int)(sizeof(*cb) + n1)))");
    emit_line(em, "    return XDP_DROP;");
    emit_truncate_from_bridge(em, "limit");
    emit_line(em, "return XDP_PASS;");
    fputs("}\n", em->out);
}

/* The start of the clone's program: X moved over F's headers, the frame
 * from X on, the bridge in `cbuf->cb`, the clone's P4 port in
 * `*out_port`, the prologue. */
void emit_clone_entry(Emitter *em)
{
    emit_line_directive(em, ir_block(em->ir, "egress")->decl);
    fputs("\nSEC(\"xdp/devmap\")\nint p4cc_clone(struct xdp_md *ctx)\n{\n", em->out);
    emit_raw_lines_written(em);
    em->indent = 1;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_clone_buf *cbuf = bpf_map_lookup_elem(&p4cc_clone_buf, &zero);");
    emit_line(em, "if (!cbuf || bpf_xdp_load_bytes(ctx, 0, &cbuf->cb, sizeof(cbuf->cb)))");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "u64 n1 = cbuf->cb.n1, n2 = cbuf->cb.n2;");
    emit_line(em, "asm volatile(\"\" : \"+r\"(n1));");
    emit_line(em, "if (n1 > P4CC_CLONE_HDR_MAX || n2 > 2048)");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "if (n1 && n2 &&");
    emit_line(em, "    (bpf_xdp_load_bytes(ctx, sizeof(cbuf->cb), cbuf->hdr, n1) ||");
    emit_line(em, "     bpf_xdp_store_bytes(ctx, sizeof(cbuf->cb) + n2, cbuf->hdr, n1)))");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "if (bpf_xdp_adjust_head(ctx, (int)(sizeof(cbuf->cb) + n2)))");
    emit_line(em, "    return XDP_DROP;");
    emit_line(em, "u32 out_ifindex = ctx->egress_ifindex;");
    emit_line(em, "u32 *out_port = bpf_map_lookup_elem(&p4cc_ports, &out_ifindex);");
    emit_line(em, "if (!out_port)");
    emit_line(em, "    return XDP_DROP;");
    emit_function_prologue(em);
}

void emit_clone_group_rid(Emitter *em, const char *dest)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 session = cbuf->cb.session, port = *out_port;");
    emit_line(em, "struct p4cc_clone_session *rec = "
                  "bpf_map_lookup_elem(&p4cc_clone_sessions, &session);");
    emit_line(em, "u32 group = rec ? rec->group : 0;");
    emit_line(em, "void *rids = group ? bpf_map_lookup_elem(&p4cc_mcast_rid, &group) : NULL;");
    emit_line(em, "u32 *rid = rids ? bpf_map_lookup_elem(rids, &port) : NULL;");
    emit_line(em, "%s = rid ? *rid : 0;", dest);
    em->indent--;
    emit_line(em, "}");
}

/* The clone's program, as BMv2 makes a clone: the parser (seeing the
 * original's ingress_port), the metadata reset but for the field list,
 * egress. */
static void emit_clone_copy(Emitter *em)
{
    IrProgram *ir = em->ir;
    emit_clone_entry(em);
    emit_line(em, "st->std.ingress_port = cbuf->cb.ingress_port;");
    emit_line(em, "st->std.packet_length = (u32)(data_end - data);");
    emit_parse(em, ";");
    emit_line(em, "/* traffic manager: a clone (BMv2 resets the metadata after its parse) */");
    emit_line(em, "__builtin_memset(&st->meta, 0, sizeof(st->meta));");
    emit_line(em, "__builtin_memset(&st->std, 0, sizeof(st->std));");
    emit_copy_field_lists(em, "cbuf->cb.", false);
    emit_line(em, "st->std.instance_type = cbuf->cb.kind;");
    emit_line(em, "st->std.packet_length = (u32)(data_end - data);");
    emit_line(em, "st->std.egress_port = *out_port;");
    emit_line(em, "st->std.egress_spec = *out_port;");
    if (em->multicast)
        emit_clone_group_rid(em, "st->std.egress_rid");
    if (std_field_used(ir, "egress_global_timestamp"))
        emit_line(em, "st->std.egress_global_timestamp = bpf_ktime_get_ns() / 1000;");
    emit_v1model_egress(em, false);
    emit_v1model_deparse(em);
    emit_truncate_frame(em);
    emit_line(em, "P4CC_CAPTURE_HOOK(ctx, P4CC_CAPTURE_OUT, *out_port, XDP_REDIRECT);");
    emit_line(em, "return XDP_PASS;");
    emit_line(em, "deparse_exit:");
    emit_line(em, "    return XDP_ABORTED;");
    fputs("}\n", em->out);
}

void emit_clone_programs(Emitter *em)
{
    emit_clone_orig(em);
    if (em->ir->arch == ARCH_PSA)
        emit_psa_clone_copy(em);
    else
        emit_clone_copy(em);
}
