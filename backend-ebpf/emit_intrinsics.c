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
    return with_fields(em, &b, body, result);
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
