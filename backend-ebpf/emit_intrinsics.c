/* What the midend leaves for the target to compute (N_INTRINSIC): hashes
 * and checksums over a list of fields, random numbers, aborting the
 * packet, and the operations on v1model's extern objects (emitted by
 * emit_registers.c, emit_counters.c and emit_meters.c). The fields of a
 * hash are concatenated most significant bit first, as BMv2 does, and
 * padded with zero bits to a whole number of 16-bit words (csum16, xor16)
 * or bytes (crc16, crc32). */
#include "emit.h"

#include <string.h>

/* A run of bits of the concatenated fields, cut into pieces of at most 64
 * bits: a field of up to 64 bits is one piece, a wider one (a byte array,
 * network order) one piece per byte. */
typedef struct Bits {
    const char **value;     /* each piece's C value */
    const char **field;     /* the local it is read into */
    int *width, *start;     /* its width and first bit */
    int n, total;
    /* A varbit field last (IPv4 options): its byte array, read after the
     * fixed bits by a bounded loop, and its most bytes. */
    const char *varbit;
    int varbit_max;
} Bits;

static void add_piece(Emitter *em, Bits *b, const char *value, int width, int room)
{
    if (b->n == room)
        return;
    b->value[b->n] = value;
    b->field[b->n] = new_temp(em, "hash_field");
    b->width[b->n] = width;
    b->start[b->n++] = b->total;
    b->total += width;
}

static bool gather(Emitter *em, Node *e, Bits *b)
{
    int room = 0;
    for (int i = 0; i < e->args.len; i++) {
        Node *f = e->args.items[i];
        int w = f->ty && f->ty->kind == T_BOOL ? 1 : value_width(f->ty);
        room += w > 64 ? bytes_of_bits(w) : 1;
    }
    b->value = arena_alloc(em->arena, sizeof(char *) * (size_t)(room + 1));
    b->field = arena_alloc(em->arena, sizeof(char *) * (size_t)(room + 1));
    b->width = arena_alloc(em->arena, sizeof(int) * (size_t)(room + 1));
    b->start = arena_alloc(em->arena, sizeof(int) * (size_t)(room + 1));
    b->n = b->total = 0;
    b->varbit = NULL;
    for (int i = 0; i < e->args.len; i++) {
        Node *f = e->args.items[i];
        if (f->ty && f->ty->kind == T_VARBIT) {
            if (i != e->args.len - 1 || b->total % 8 || f->ty->width % 8) {
                emit_error_at(em, f, "a varbit field in a hash or checksum is supported by the "
                                     "XDP backend only last, after whole bytes");
                return false;
            }
            b->varbit = emit_lvalue(em, f);
            b->varbit_max = f->ty->width / 8;
            break;
        }
        int w = f->ty && f->ty->kind == T_BOOL ? 1 : value_width(f->ty);
        if (w <= 0 || (w > 64 && w % 8)) {
            emit_error_at(em, f, "a hash or checksum field of %d bits is not supported by the "
                                 "XDP backend yet (fields of up to 64 bits, or whole bytes, are)",
                          w);
            return false;
        }
        if (w <= 64) {
            add_piece(em, b, emit_expr(em, f), w, room);
            continue;
        }
        const char *bytes = emit_expr(em, f);   /* the byte array's address */
        for (int k = 0; k < w / 8; k++)
            add_piece(em, b, arena_printf(em->arena, "(%s)[%d]", bytes, k), 8, room);
    }
    return true;
}

/* The C value of bits [FROM, FROM + N) of the concatenation (N <= 64), as
 * a u64; bits past the end read as 0. */
static const char *bit_run(Emitter *em, const Bits *b, int from, int n)
{
    const char *v = NULL;
    for (int i = 0; i < b->n; i++) {
        int lo = b->start[i], hi = lo + b->width[i];
        int a = from > lo ? from : lo, z = from + n < hi ? from + n : hi;
        if (a >= z)
            continue;
        /* Bits a..z of the run are bits (a - lo)..(z - lo) of field i,
         * counted from its most significant bit. */
        int len = z - a, down = hi - z, up = from + n - z;
        const char *part = arena_printf(em->arena, "((%s >> %d) & 0x%llxULL)", b->field[i], down,
                                        len >= 64 ? ~0ULL : (1ULL << len) - 1);
        if (up)
            part = arena_printf(em->arena, "(%s << %d)", part, up);
        v = v ? arena_printf(em->arena, "%s | %s", v, part) : part;
    }
    return v ? arena_printf(em->arena, "(%s)", v) : "0";
}

/* The statement expression that evaluates the fields into locals, then
 * BODY, whose value is RESULT. */
static const char *with_fields(Emitter *em, Bits *b, const char *body, const char *result)
{
    const char *setup = "";
    for (int i = 0; i < b->n; i++)
        setup = arena_printf(em->arena, "%su64 %s = (u64)(%s); ", setup, b->field[i],
                             b->value[i]);
    return arena_printf(em->arena, "({ %s%s%s; })", setup, body, result);
}

/* ---- csum16 over a header's bytes in the packet ---- */

/* Where a csum16 over the fields of header H may read H's bytes in the
 * packet: H was extracted where the parser found it and that packet
 * region has not changed yet (v1model's p4cc_main before the deparser,
 * nothing moving or writing the packet: no write-through, extern C,
 * copies, clones or recirculation), and validity means extraction. */
typedef struct RawHeader {
    Node *header;           /* the header expression the fields are read from */
    const Type *ty;
    const char *offset;     /* the C offset it was extracted at */
    int bytes;
    int skip_bit;           /* the 16-bit field the list leaves out, or -1 */
} RawHeader;

static bool raw_program_ok(const Emitter *em)
{
    const IrHeaderWrites *hw = em->ir->header_writes;
    return em->csum_raw && em->ir->arch == ARCH_V1MODEL && !em->bit_mode && !em->has_extern_c &&
           !em->multicast && !em->clones && !em->recirculates &&
           !em->in_parser && hw && !hw->unknown;
}

/* Whether E's fields are all of one header's fixed fields in order, but
 * for at most one 16-bit field at a 16-bit boundary (the checksum field),
 * and that header can be read from the packet (raw_program_ok). */
static bool raw_header_of(Emitter *em, const Node *e, RawHeader *r)
{
    if (!raw_program_ok(em) || !e->args.len || e->args.items[0]->kind != N_MEMBER)
        return false;
    Node *h = e->args.items[0]->expr;
    const Type *t = h->ty;
    IrPlace place;
    if (!t || t->kind != T_HEADER || !ir_place_of(em->ir, h, &place))
        return false;
    const IrHeaderWrites *hw = em->ir->header_writes;
    r->offset = extracted_offset(em, &place);
    if (!r->offset || ir_may_be_made_valid(hw, &place) ||
        ir_place_list_find(&hw->made_invalid, &place) >= 0)
        return false;
    int fixed = extracted_static_offset(em, &place);
    if (fixed >= 0)
        r->offset = arena_printf(em->arena, "%d", fixed);
    r->header = h;
    r->ty = t;
    r->skip_bit = -1;
    int arg = 0, bit = 0;
    for (int f = 0; f < t->nfields; bit += value_width(t->fields[f].type), f++) {
        const Type *ft = t->fields[f].type;
        if (!ft || ft->kind != T_BITS)
            return false;
        Node *a = arg < e->args.len ? e->args.items[arg] : NULL;
        IrPlace ap;
        if (a && a->kind == N_MEMBER && strcmp(a->name, t->fields[f].name) == 0 &&
            ir_place_of(em->ir, a->expr, &ap) && ir_place_equal(&ap, &place)) {
            arg++;
            continue;
        }
        if (r->skip_bit >= 0 || ft->width != 16 || bit % 16)
            return false;
        r->skip_bit = bit;
    }
    r->bytes = bit / 8;
    return arg == e->args.len && bit % 16 == 0;
}

/* Whether a field in header bits [FROM, FROM + 16) may have been assigned
 * since the parser read it and not stored into the packet: that word is
 * computed from the fields. */
static bool raw_word_written(Emitter *em, const RawHeader *r, int from)
{
    IrPlace place;
    ir_place_of(em->ir, r->header, &place);
    /* Written and read through the packet: its bytes are the fields. */
    int slot = write_through_slot(em, &place);
    if (slot >= 0 && em->read_through[slot])
        return false;
    int bit = 0;
    for (int f = 0; f < r->ty->nfields; f++) {
        int w = value_width(r->ty->fields[f].type);
        if (bit < from + 16 && bit + w > from &&
            ir_field_written(em->ir->header_writes, &place, r->ty->fields[f].name))
            return true;
        bit += w;
    }
    return false;
}

/* The csum16 of B's fields from the header's bytes in the packet, as
 * 16-bit words in network order (a ones' complement sum is the same in
 * either byte order, RFC 1071): a word holding an assigned field is taken
 * from the fields, swapped; the others are one load each. When the header
 * is not valid or out of reach, the sum over the fields (FALLBACK). */
static const char *raw_csum16(Emitter *em, const RawHeader *r, Bits *b, const char *fallback)
{
    const char *acc = new_temp(em, "rsum");
    const char *body = arena_printf(em->arena, "const u8 *rp = data + %s; u32 %s = 0; ",
                                    r->offset, acc);
    for (int w = 0; w < r->bytes * 8; w += 16) {
        if (w == r->skip_bit)
            continue;
        int at = r->skip_bit >= 0 && w > r->skip_bit ? w - 16 : w;   /* in the field list */
        if (raw_word_written(em, r, w))
            body = arena_printf(em->arena, "%s%s += bpf_htons((u16)%s); ", body, acc,
                                bit_run(em, b, at, 16));
        else
            body = arena_printf(em->arena, "%s%s += *(const u16 *)(rp + %d); ", body, acc,
                                w / 8);
    }
    const char *result = arena_printf(em->arena, "(u16)bpf_ntohs((u16)~p4cc_csum_fold(%s))", acc);
    /* A valid header was extracted at its offset, past a bounds check on
     * this same packet: the check here is for the verifier and never
     * fails (the packet is shorter than 64 KiB), so its other arm is a
     * constant that clang drops, not a second sum over the fields. */
    int limit = 0xffff - r->bytes;
    return arena_printf(em->arena, "(%s.ebpf_valid ? ((%s <= %d && data + %s + %d <= data_end) "
                                   "? %s : 0) : %s)", emit_lvalue(em, r->header), r->offset, limit,
                        r->offset, r->bytes, with_fields(em, b, body, result), fallback);
}

/* PAYLOAD: the packet's bytes after the parsed headers follow the fields
 * (v1model's _with_payload checksums; csum16 only, as BMv2). */
static const char *emit_hash(Emitter *em, Node *e, bool payload)
{
    Bits b;
    if (!gather(em, e, &b))
        return "0";
    const char *algo = e->text;
    if (payload && (strcmp(algo, "csum16") != 0 || b.total % 8)) {
        emit_error_at(em, e, "a checksum with payload is supported by the XDP backend for "
                             "csum16 over fields of whole bytes");
        return "0";
    }
    const char *acc = new_temp(em, "hash");
    const char *body;
    const char *result;
    int out = value_width(e->ty);
    if (strcmp(algo, "csum16") == 0 || strcmp(algo, "xor16") == 0) {
        bool xor = algo[0] == 'x';
        body = arena_printf(em->arena, "u32 %s = 0; ", acc);
        for (int w = 0; w < b.total; w += 16)
            body = arena_printf(em->arena, "%s%s %s= (u32)%s; ", body, acc, xor ? "^" : "+",
                                bit_run(em, &b, w, 16));
        /* The varbit's bytes, each the high or low half of its word (the
         * fixed part's last word, zero-padded, may take the first). */
        if (b.varbit)
            body = arena_printf(em->arena, "%sfor (u32 vi = 0; vi < %d; vi++) { if (vi >= %s_bits "
                                "/ 8) break; %s %s= (u32)%s[vi] << ((%d + vi) %% 2 ? 0 : 8); } ",
                                body, b.varbit_max, b.varbit, acc, xor ? "^" : "+", b.varbit,
                                b.total / 8);
        /* A payload starting at an odd byte of the words: its sum byte-swapped. */
        if (payload)
            body = arena_printf(em->arena, "%s{ u32 ps = p4cc_payload_sum(data, data_end, pkt_off); "
                                "if ((%d + %s) & 1) ps = ((ps & 0xff) << 8) | (ps >> 8); "
                                "%s += ps; } ", body, b.total / 8,
                                b.varbit ? arena_printf(em->arena, "%s_bits / 8", b.varbit) : "0",
                                acc);
        result = xor ? arena_printf(em->arena, "(u16)%s", acc)
                     : arena_printf(em->arena, "(u16)~p4cc_csum_fold(%s)", acc);
    } else if (strcmp(algo, "identity") == 0) {
        /* BMv2's: the first 8 bytes of the padded concatenation (all of
         * it when shorter), most significant first. */
        if (b.varbit) {
            emit_error_at(em, e, "the identity hash of a varbit field is not supported by the "
                                 "XDP backend yet");
            return "0";
        }
        int bytes = bytes_of_bits(b.total) < 8 ? bytes_of_bits(b.total) : 8;
        body = arena_printf(em->arena, "u64 %s = %s; ", acc, bit_run(em, &b, 0, 8 * bytes));
        result = acc;
    } else {
        /* crc16 (CRC-16/ARC) and crc32 (IEEE 802.3): reflected, byte at a
         * time over the padded concatenation. */
        bool crc32 = strcmp(algo, "crc32") == 0;
        body = arena_printf(em->arena, "u32 %s = %s; ", acc, crc32 ? "0xffffffffu" : "0");
        for (int byte = 0; byte < bytes_of_bits(b.total); byte++)
            body = arena_printf(em->arena, "%s%s = p4cc_%s_byte(%s, (u8)%s); ", body, acc,
                                crc32 ? "crc32" : "crc16", acc, bit_run(em, &b, 8 * byte, 8));
        if (b.varbit)
            body = arena_printf(em->arena, "%sfor (u32 vi = 0; vi < %d; vi++) { if (vi >= %s_bits "
                                "/ 8) break; %s = p4cc_%s_byte(%s, %s[vi]); } ", body,
                                b.varbit_max, b.varbit, acc, crc32 ? "crc32" : "crc16", acc,
                                b.varbit);
        result = crc32 ? arena_printf(em->arena, "(%s ^ 0xffffffffu)", acc) : acc;
    }
    (void)out;
    const char *fields = with_fields(em, &b, body, result);
    RawHeader r;
    if (!payload && !b.varbit && strcmp(algo, "csum16") == 0 && raw_header_of(em, e, &r))
        return raw_csum16(em, &r, &b, fields);
    return fields;
}

/* The extern instance an operation on an extern object names first. */
static IrExtern *operand_extern(Emitter *em, Node *e, IrExternKind kind)
{
    Node *inst = e->args.len ? e->args.items[0] : NULL;
    IrExtern *x = inst && inst->ref ? ir_find_extern(em->ir, inst->ref) : NULL;
    if (!x || x->kind != kind) {
        emit_error_at(em, e, "internal error: '%s' names no extern object of its kind (a p4cc "
                             "bug; please report it)", e->name);
        return NULL;
    }
    return x;
}

const char *emit_intrinsic(Emitter *em, Node *e)
{
    IrExtern *x;
    if (strcmp(e->name, "hash") == 0 || strcmp(e->name, "hash_with_payload") == 0)
        return emit_hash(em, e, e->name[4] != '\0');
    if (strcmp(e->name, "register_read") == 0)
        return (x = operand_extern(em, e, EXTERN_REGISTER)) ? emit_register_get(em, x, e) : "0";
    if (strcmp(e->name, "meter_execute") == 0)
        return (x = operand_extern(em, e, EXTERN_METER)) ? emit_meter_execute(em, x, e) : "0";
    if (strcmp(e->name, "direct_meter_read") == 0)
        return (x = operand_extern(em, e, EXTERN_DIRECT_METER)) ? emit_direct_meter_read(em, x, e)
                                                                : "0";
    if (strcmp(e->name, "random") == 0) {
        /* lo + a random number modulo the range's size (all 64 bits: no modulo). */
        const char *lo = emit_expr(em, e->args.items[0]), *hi = emit_expr(em, e->args.items[1]);
        return arena_printf(em->arena, "({ u64 lo_ = %s, span_ = (u64)(%s) - lo_ + 1; "
                                       "u64 r_ = ((u64)bpf_get_prandom_u32() << 32) | "
                                       "bpf_get_prandom_u32(); span_ ? lo_ + r_ %% span_ : r_; })",
                            lo, hi);
    }
    emit_error_at(em, e, "the XDP backend cannot compute '%s'", e->name);
    return "0";
}

/* An intrinsic as a statement: @abort() marks the packet, which the
 * pipeline then aborts (XDP_ABORTED: dropped, and counted by the kernel's
 * xdp_exception tracepoint) after the block, and leaves the block now. */
void emit_intrinsic_statement(Emitter *em, Node *e)
{
    IrExtern *x;
    if (strcmp(e->name, "register_write") == 0) {
        if ((x = operand_extern(em, e, EXTERN_REGISTER)))
            emit_register_set(em, x, e);
        return;
    }
    if (strcmp(e->name, "counter_count") == 0) {
        if ((x = operand_extern(em, e, EXTERN_COUNTER)))
            emit_counter_count(em, x, e->args.items[1]);
        return;
    }
    if (strcmp(e->name, "digest") == 0) {
        emit_digest(em, e);
        return;
    }
    if (strcmp(e->name, "clone") == 0) {
        emit_clone_request(em, e);
        return;
    }
    if (strcmp(e->name, "truncate") == 0) {
        emit_truncate_request(em, e);
        return;
    }
    if (strcmp(e->name, "resubmit") == 0 || strcmp(e->name, "recirculate") == 0) {
        emit_recirc_request(em, e);
        return;
    }
    if (strcmp(e->name, "abort") == 0) {
        emit_line(em, "st->aborted = 1;");
        if (!em->function_ret)
            emit_line(em, "%s", exit_jump(em));
        return;
    }
    emit_line(em, "(void)%s;", emit_intrinsic(em, e));
}

static bool find_abort(Node *n, void *ctx)
{
    bool *found = ctx;
    if (n->kind == N_INTRINSIC && strcmp(n->name, "abort") == 0)
        *found = true;
    return !*found;
}

static void scan_abort(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_abort, .ctx = ctx};
    ast_walk(code, &w);
}

bool program_aborts(IrProgram *ir)
{
    bool found = false;
    ir_walk_code(ir, scan_abort, &found);
    return found;
}
