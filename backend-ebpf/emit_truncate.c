/* v1model's truncate(length) (docs/RUNTIME.md, "Truncate"): as in BMv2,
 * a packet leaves with at most the smallest length any call gave (the
 * bytes the deparser emitted, cut at the end); a copy the traffic manager
 * makes (a clone, a multicast copy, a resubmitted or recirculated pass)
 * starts uncut. */
#include "emit.h"

void emit_truncate_state_fields(Emitter *em)
{
    fputs("    u32 truncate_len;  /* the smallest truncate() length */\n"
          "    u8 truncate_set;\n", em->out);
}

/* @truncate(length): the smallest length wins. */
void emit_truncate_request(Emitter *em, Node *e)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 len = %s;", emit_expr(em, e->args.items[0]));
    emit_line(em, "if (!st->truncate_set || len < st->truncate_len) {");
    emit_line(em, "    st->truncate_len = len;");
    emit_line(em, "    st->truncate_set = 1;");
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* If SET, cut the frame to LEN bytes. The kernel keeps an Ethernet
 * header (bpf_xdp_adjust_tail refuses less than 14 bytes), so a shorter
 * length leaves 14. */
static void cut_frame(Emitter *em, const char *set, const char *len)
{
    emit_line(em, "if (%s) {", set);
    em->indent++;
    emit_line(em, "u32 flen = (u32)((void *)(long)ctx->data_end - (void *)(long)ctx->data);");
    emit_line(em, "u32 keep = %s < 14 ? 14 : %s;", len, len);
    emit_line(em, "if (keep < flen && bpf_xdp_adjust_tail(ctx, (int)keep - (int)flen))");
    emit_line(em, "    return XDP_ABORTED;");
    em->indent--;
    emit_line(em, "}");
}

void emit_truncate_frame(Emitter *em)
{
    if (em->truncates)
        cut_frame(em, "st->truncate_set", "st->truncate_len");
}

/* A clone's bridge carries the original's length (emit_clone.c): the
 * original leaves through p4cc_clone_orig, which has no state. */
void emit_truncate_bridge_field(Emitter *em)
{
    if (em->truncates)
        fputs("    u32 truncate;      /* the original's truncate() length + 1, 0: none */\n",
              em->out);
}

void emit_truncate_to_bridge(Emitter *em, const char *cb)
{
    if (em->truncates)
        emit_line(em, "%struncate = st->truncate_set ? st->truncate_len + 1 : 0;", cb);
}

void emit_truncate_from_bridge(Emitter *em, const char *limit)
{
    if (em->truncates)
        cut_frame(em, limit, arena_printf(em->arena, "(%s - 1)", limit));
}
