/* Headers whose size is not a whole number of bytes (the "bit mode" of a
 * program, docs/ARCHITECTURE.md): the parser keeps a bit position
 * (pkt_off bytes and pkt_bit, 0 to 7, bits) and realigns each header's
 * bytes on the stack before reading its fields; the deparser writes every
 * emitted header from the state, at run-time bit offsets, after moving the
 * payload by whole bytes (bpf_xdp_adjust_head) and the rest in bits
 * (p4cc/bits.h). Programs whose headers are all whole bytes never take
 * this path, so their C stays as it was. */
#include "emit.h"

#include <string.h>

#include "constvalue.h"

/* ---- which programs need bits ---- */

typedef struct BitScan {
    Emitter *em;
    const Node *first;   /* the first construct that needs bit mode */
    bool report;         /* second walk: report what bit mode cannot do */
} BitScan;

/* The constant number of bits an advance call skips, or -1. */
long advance_bits(const Node *call)
{
    const Node *a = call->args.items[0]->expr;
    while (a->kind == N_CAST && !a->value)
        a = a->expr;
    uint64_t u = 0;
    if (a->value && const_value_u64(a->value, &u))
        return u <= 0x7fffffff ? (long)u : -1;
    return a->kind == N_INT ? const_long(a, -1) : -1;
}

/* The header an extract or emit call takes, or NULL. */
static const Type *call_header(const Node *call)
{
    if (call->args.len < 1)
        return NULL;
    const Type *h = call->args.items[0]->expr->ty;
    return h && h->kind == T_HEADER ? h : NULL;
}

static bool needs_bits(const Node *n)
{
    if (n->kind != N_CALL)
        return false;
    if (ir_is_packet_method(n, "extract") || ir_is_packet_method(n, "emit")) {
        const Type *h = call_header(n);
        return h && header_size_bits(h) % 8 != 0;
    }
    if (ir_is_packet_method(n, "advance")) {
        long bits = advance_bits(n);
        return bits > 0 && bits % 8 != 0;
    }
    return false;
}

/* What bit mode does not support, as a located error. */
static void report_unsupported(Emitter *em, Node *n)
{
    const char *what = NULL;
    if (n->kind == N_CALL && ir_is_packet_method(n, "lookahead"))
        what = "lookahead";
    else if (n->kind == N_CALL && ir_is_packet_method(n, "advance") && advance_bits(n) < 0)
        what = "advance by a run-time amount";
    else if (n->kind == N_CALL && (ir_is_packet_method(n, "extract") ||
                                   ir_is_packet_method(n, "emit")) &&
             call_header(n) && varbit_field(call_header(n)))
        what = "a header with a varbit field";
    else if (n->kind == N_INTRINSIC && strcmp(n->name, "hash_with_payload") == 0)
        what = "a checksum over the payload";
    if (what)
        emit_error_at(em, n, "%s is not supported by the XDP backend in a program whose "
                             "headers are not all whole bytes", what);
}

static bool scan_pre(Node *n, void *ctx)
{
    BitScan *s = ctx;
    if (s->report)
        report_unsupported(s->em, n);
    else if (!s->first && needs_bits(n))
        s->first = n;
    return true;
}

static void scan_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = scan_pre, .ctx = ctx};
    ast_walk(code, &w);
}

void plan_bit_mode(Emitter *em)
{
    BitScan s = {em, NULL, false};
    ir_walk_code(em->ir, scan_code, &s);
    if (!s.first)
        return;
    em->bit_mode = true;
    s.report = true;
    ir_walk_code(em->ir, scan_code, &s);
    const char *what = em->multicast ? "multicast" : em->clones ? "clone"
                     : em->recirculates ? "resubmit or recirculate" : NULL;
    /* PSA's two parsers and deparsers, and its recirculation, work in
     * whole bytes (emit_psa.c). */
    if (em->ir->arch == ARCH_PSA)
        emit_error_at(em, s.first, "a header that is not whole bytes in a PSA program is not "
                                   "supported by the XDP backend");
    else if (what)
        emit_error_at(em, s.first, "a header that is not whole bytes in a program that may %s "
                                   "is not supported by the XDP backend", what);
}

/* ---- the parser ---- */

/* C expression (u64) of WIDTH bits at bit BIT of the stack buffer BUF,
 * read a byte at a time (wider loads from odd stack offsets would be
 * misaligned, which the verifier refuses). */
static const char *load_buffer_bits(Emitter *em, const char *buf, int bit, int width)
{
    int first = bit / 8, nbytes = (bit % 8 + width + 7) / 8;
    const char *e = NULL;
    for (int i = 0; i < nbytes; i++) {
        const char *b = arena_printf(em->arena, "((u64)%s[%d] << %d)", buf, first + i,
                                     8 * (nbytes - 1 - i));
        e = e ? arena_printf(em->arena, "%s | %s", e, b) : b;
    }
    int shift = nbytes * 8 - bit % 8 - width;
    return arena_printf(em->arena, "(((%s) >> %d) & 0x%llxULL)", e, shift,
                        width >= 64 ? ~0ULL : (1ULL << width) - 1);
}

/* Checks that the packet holds BITS bits from the parser's position and
 * opens a block with `p` at its byte; for header H (NULL: skipped bits)
 * its bytes realigned into a buffer and its fields read into LV. */
void emit_bit_extract_open(Emitter *em, const Type *h, const char *lv, int bits)
{
    int nb = (bits + 7) / 8;
    emit_line(em, "{");
    em->indent++;
    if (bits == 0)
        return;
    emit_line(em, "u8 *p = data + pkt_off;");
    emit_line(em, "if ((void *)(p + %d) > data_end) {", nb);
    emit_line(em, "    p4_err = error_PacketTooShort;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
    /* The bits may reach one byte further, by the position's bits. */
    emit_line(em, "u32 extra = 0;");
    emit_line(em, "if (pkt_bit + %d > %d) {", bits, 8 * nb);
    emit_line(em, "    if ((void *)(p + %d) > data_end) {", nb + 1);
    emit_line(em, "        p4_err = error_PacketTooShort;");
    emit_line(em, "        goto parse_reject;");
    emit_line(em, "    }");
    emit_line(em, "    extra = p[%d];", nb);
    emit_line(em, "}");
    emit_line(em, "(void)extra;");
    if (!h || !lv)
        return;
    emit_line(em, "u8 hb[%d] __attribute__((aligned(8)));", nb);
    for (int i = 0; i < nb; i++)
        emit_line(em, "hb[%d] = (u8)(((u32)p[%d] << pkt_bit) | ((u32)%s >> (8 - pkt_bit)));", i, i,
                  i + 1 < nb ? arena_printf(em->arena, "p[%d]", i + 1) : "extra");
    HeaderLeaf *leaf;
    int n = header_leaves(em, h, &leaf);
    for (int i = 0; i < n; i++) {
        int w = value_width(leaf[i].type), bit = leaf[i].bit;
        if (w > 64) {   /* whole bytes at a byte of the header (header_layout_ok) */
            for (int k = 0; k < w / 8; k++)
                emit_line(em, "%s.%s[%d] = hb[%d];", lv, leaf[i].member, k, bit / 8 + k);
        } else {
            emit_line(em, "%s.%s = %s;", lv, leaf[i].member, load_buffer_bits(em, "hb", bit, w));
        }
    }
}

/* Moves the parser's position BITS on and closes emit_bit_extract_open's
 * block. */
void emit_bit_extract_close(Emitter *em, int bits)
{
    emit_line(em, "{");
    emit_line(em, "    u32 to_bit = pkt_bit + %d;", bits);
    emit_line(em, "    pkt_off += to_bit >> 3;");
    emit_line(em, "    pkt_bit = to_bit & 7;");
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* ---- the deparser ---- */

/* Header H (C lvalue LV) serialized into the zeroed stack buffer `hb`,
 * its first bit at hb[0]'s top, a byte at a time. */
static void serialize_header(Emitter *em, const Type *h, const char *lv)
{
    HeaderLeaf *leaf;
    int n = header_leaves(em, h, &leaf);
    for (int i = 0; i < n; i++) {
        int w = value_width(leaf[i].type), bit = leaf[i].bit;
        const char *field = arena_printf(em->arena, "%s.%s", lv, leaf[i].member);
        if (w > 64) {
            for (int k = 0; k < w / 8; k++)
                emit_line(em, "hb[%d] = %s[%d];", bit / 8 + k, field, k);
            continue;
        }
        emit_line(em, "{");
        em->indent++;
        emit_line(em, "u64 v = (u64)(%s) & 0x%llxULL;", field,
                  w >= 64 ? ~0ULL : (1ULL << w) - 1);
        /* Byte j of the header holds the field's bits from f0 (MSB 0). */
        for (int j = bit / 8; j <= (bit + w - 1) / 8; j++) {
            int right = w - 8 - (8 * j - bit);   /* shift that brings them to bits 7..0 */
            emit_line(em, "hb[%d] |= (u8)(v %s %d);", j, right >= 0 ? ">>" : "<<",
                      right >= 0 ? right : -right);
        }
        em->indent--;
        emit_line(em, "}");
    }
}

/* The mask of header bits in byte J of a B-bit header (0 past its end). */
static unsigned header_byte_mask(int j, int bits)
{
    int left = bits - 8 * j;
    return left >= 8 ? 0xff : left <= 0 ? 0 : (0xff << (8 - left)) & 0xff;
}

/* Byte I of the header in `hb` written at `p`, `ph` bits into it: the
 * packet's bits outside the header kept. */
static void splice_byte(Emitter *em, int i, int bits)
{
    unsigned hi = i > 0 ? header_byte_mask(i - 1, bits) : 0, lo = header_byte_mask(i, bits);
    const char *s = i > 0 ? arena_printf(em->arena,
                                         "(u8)(((u32)hb[%d] << (8 - ph)) | ((u32)hb[%d] >> ph))",
                                         i - 1, i)
                          : "(u8)((u32)hb[0] >> ph)";
    if (hi == 0xff && lo == 0xff) {
        emit_line(em, "p[%d] = %s;", i, s);
        return;
    }
    emit_line(em, "{");
    emit_line(em, "    u8 m = (u8)((0x%xu << (8 - ph)) | (0x%xu >> ph));", hi, lo);
    emit_line(em, "    p[%d] = (u8)((p[%d] & ~m) | (%s & m));", i, i, s);
    emit_line(em, "}");
}

/* One emitted header (LV, of type H), valid when VALID, written at bit
 * `out_bit` of the packet. */
static void emit_bit_header(Emitter *em, const Type *h, const char *lv, const char *valid)
{
    int bits = header_size_bits(h), nb = (bits + 7) / 8;
    emit_line(em, "if (%s) {", valid);
    em->indent++;
    emit_line(em, "u8 hb[%d] __attribute__((aligned(8)));", nb + 1);
    emit_line(em, "__builtin_memset(hb, 0, sizeof(hb));");
    serialize_header(em, h, lv);
    emit_line(em, "u32 o = out_bit >> 3, ph = out_bit & 7;");
    emit_line(em, "if (o > 2048)");
    emit_line(em, "    return XDP_ABORTED;");
    emit_line(em, "u8 *p = data + o;");
    emit_line(em, "if ((void *)(p + %d) > data_end)", nb);
    emit_line(em, "    return XDP_ABORTED;");
    for (int i = 0; i < nb; i++)
        splice_byte(em, i, bits);
    emit_line(em, "if (ph + %d > %d) {", bits, 8 * nb);
    em->indent++;
    emit_line(em, "if ((void *)(p + %d) > data_end)", nb + 1);
    emit_line(em, "    return XDP_ABORTED;");
    splice_byte(em, nb, bits);
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
    emit_line(em, "out_bit += (u32)(%s & 1) * %d;", valid, bits);
}

/* The deparser of a program in bit mode: EMITS, a list of header emits.
 * The payload starts at bit P (where parsing ended) and must follow the
 * emitted headers' E bits: the packet start moves by floor((P - E) / 8)
 * bytes and the payload by the remaining (P - E) mod 8 bits towards the
 * start. A packet whose bits end inside a byte is padded with zeros. */
void emit_bit_deparser(Emitter *em, const NodeList *emits)
{
    emit_line(em, "/* deparser %s: headers of any bit length */", em->ir->deparser->name);
    emit_line(em, "{");
    em->indent++;
    const char **valid = arena_alloc(em->arena, sizeof *valid * (size_t)(emits->len + 1));
    emit_line(em, "u32 out_bits = 0;");
    for (int i = 0; i < emits->len; i++) {
        Node *t = emits->items[i]->args.items[0]->expr;
        valid[i] = arena_printf(em->arena, "%s.ebpf_valid", emit_lvalue(em, t));
        emit_line(em, "out_bits += (u32)(%s & 1) * %d;", valid[i], header_size_bits(t->ty));
    }
    emit_line(em, "s32 bit_diff = (s32)(pkt_off * 8 + pkt_bit) - (s32)out_bits;");
    emit_line(em, "u32 bit_shift = (u32)bit_diff & 7;");
    emit_line(em, "int moved = bit_diff >> 3;   /* arithmetic: floor; BPF has no signed division */");
    emit_line(em, "if (moved) {");
    emit_line(em, "    if (bpf_xdp_adjust_head(ctx, moved))");
    emit_line(em, "        return XDP_ABORTED;");
    emit_line(em, "    data = (void *)(long)ctx->data;");
    emit_line(em, "    data_end = (void *)(long)ctx->data_end;");
    emit_line(em, "}");
    emit_line(em, "if (bit_shift) {");
    emit_line(em, "    p4cc_bits_shift(data, data_end, out_bits >> 3, bit_shift);");
    emit_line(em, "    data = (void *)(long)ctx->data;");
    emit_line(em, "    data_end = (void *)(long)ctx->data_end;");
    emit_line(em, "}");
    emit_line(em, "u32 out_bit = 0;");
    for (int i = 0; i < emits->len; i++) {
        Node *t = emits->items[i]->args.items[0]->expr;
        emit_line_directive(em, emits->items[i]);
        emit_bit_header(em, t->ty, emit_lvalue(em, t), valid[i]);
    }
    em->indent--;
    emit_line(em, "}");
}
