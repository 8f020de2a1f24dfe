/* The parser as labelled blocks joined by gotos (one label per state), with
 * header extraction from the packet in network byte order. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

enum { OFFSET_UNSET = -1, OFFSET_VARIES = -2 };   /* Extracted.static_offset */

/* ---- reading fields from the packet ---- */

/* The largest load (8, 4, 2 or 1 bytes) that fits in N bytes. */
int chunk_bytes(int n)
{
    return n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 1;
}

/* C expression (u64) of the N big-endian bytes at `p + BYTE`, read with as
 * few loads as their sizes allow (a MAC address: 4 + 2 bytes, not 6 byte
 * loads, shifts and ors). */
static const char *load_bytes(Emitter *em, int byte, int n)
{
    static const char *const swap[] = {[1] = "", [2] = "bpf_ntohs", [4] = "bpf_ntohl",
                                       [8] = "bpf_be64_to_cpu"};
    static const char *const type[] = {[1] = "u8", [2] = "u16", [4] = "u32", [8] = "u64"};
    const char *expr = "";
    for (int done = 0; done < n;) {
        int c = chunk_bytes(n - done);
        const char *load = c == 1 ? arena_printf(em->arena, "p[%d]", byte + done)
                                  : arena_printf(em->arena, "%s(*(%s *)(p + %d))", swap[c],
                                                 type[c], byte + done);
        done += c;
        expr = arena_printf(em->arena, "%s%s((u64)%s << %d)", expr, *expr ? " | " : "", load,
                            8 * (n - done));
    }
    return expr;
}

/* C expression reading WIDTH bits at bit offset BIT of the bytes at `p`. */
static const char *load_bits(Emitter *em, int bit, int width)
{
    int byte = bit / 8, shift_in = bit % 8;
    if (shift_in == 0) {
        switch (width) {
        case 8: return arena_printf(em->arena, "p[%d]", byte);
        case 16: return arena_printf(em->arena, "bpf_ntohs(*(u16 *)(p + %d))", byte);
        case 32: return arena_printf(em->arena, "bpf_ntohl(*(u32 *)(p + %d))", byte);
        case 64: return arena_printf(em->arena, "bpf_be64_to_cpu(*(u64 *)(p + %d))", byte);
        default: break;
        }
    }
    int nbytes = bytes_of_bits(shift_in + width);
    const char *bytes = load_bytes(em, byte, nbytes);
    int shift = nbytes * 8 - shift_in - width;
    return arena_printf(em->arena, "(((%s) >> %d) & 0x%llxULL)", bytes, shift,
                        width >= 64 ? ~0ULL : (1ULL << width) - 1);
}

const char *read_through_field(Emitter *em, int slot, const char *lv, const Type *h,
                               const char *field)
{
    int bit = 0;
    for (int i = 0; i < h->nfields; i++) {
        int w = value_width(h->fields[i].type);
        const char *ct = c_type(em, h->fields[i].type);
        if (strcmp(h->fields[i].name, field) == 0)
            return w > 0 && w <= 64 && ct && h->fields[i].type->kind != T_STRUCT
                   ? arena_printf(em->arena,
                                  "(%s.ebpf_valid ? ({ const u8 *p = hp->h%d; (%s)(%s); }) : 0)",
                                  lv, slot, ct, load_bits(em, bit, w))
                   : NULL;
        bit += packed_bits(h->fields[i].type);
    }
    return NULL;
}

bool header_layout_ok(Emitter *em, const Node *at, const Type *h)
{
    int bits = header_size_bits(h);
    if (bits % 8 && !em->bit_mode) {   /* a safety net: plan_bit_mode sets bit_mode */
        emit_error_at(em, at, "header '%s' is %d bits long; the XDP backend needs whole bytes",
                      h->name, bits);
        return false;
    }
    HeaderLeaf *leaf;
    int n = header_leaves(em, h, &leaf);
    for (int i = 0; i < n; i++) {
        const Type *ft = leaf[i].type;
        int bit = leaf[i].bit;
        if (ft->kind == T_VARBIT && i == n - 1 && bit % 8 == 0 && ft->width % 8 == 0 &&
            strcmp(leaf[i].field, h->fields[h->nfields - 1].name) == 0 &&
            h->fields[h->nfields - 1].type->kind == T_VARBIT)
            continue;   /* a varbit last field, in whole bytes */
        int w = value_width(ft);
        if (w > 64 && w % 8 == 0 && bit % 8 == 0)
            continue;
        if (w <= 0 || w > 64) {
            const Type *top = type_field(h, leaf[i].field)->type;
            emit_error_at(em, at, "field '%s' of header '%s' (%s) is not supported by the XDP "
                                  "backend yet", leaf[i].field, h->name,
                          type_name(em->arena, top));
            return false;
        }
    }
    return true;
}

/* The header's varbit field (always its last one here), or NULL. */
const Field *varbit_field(const Type *h)
{
    return h->nfields && h->fields[h->nfields - 1].type->kind == T_VARBIT
           ? &h->fields[h->nfields - 1] : NULL;
}

/* Reads the varbit field of the header at `p` (after BYTES fixed bytes)
 * whose size in bits the program gave: a bounded byte loop. */
static void emit_varbit_extract(Emitter *em, const char *lv, const Field *vf, int bytes,
                                Node *size)
{
    int max = vf->type->width / 8;
    const char *field = c_ident(em, vf->name);
    emit_line(em, "u32 varbits = %s;", emit_expr(em, size));
    /* A size in bits that is not whole bytes is an argument this target
     * does not support (the spec allows the check; BMv2 makes it). */
    emit_line(em, "if (varbits & 7) {");
    emit_line(em, "    p4_err = error_ParserInvalidArgument;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
    emit_line(em, "if (varbits > %d) {", vf->type->width);
    emit_line(em, "    p4_err = error_HeaderTooShort;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
    emit_line(em, "for (u32 i = 0; i < %d; i++) {", max);
    emit_line(em, "    if (i >= varbits / 8)");
    emit_line(em, "        break;");
    emit_line(em, "    if ((void *)(p + %d + i + 1) > data_end) {", bytes);
    emit_line(em, "        p4_err = error_PacketTooShort;");
    emit_line(em, "        goto parse_reject;");
    emit_line(em, "    }");
    emit_line(em, "    %s.%s[i] = p[%d + i];", lv, field, bytes);
    emit_line(em, "}");
    emit_line(em, "%s.%s_bits = varbits;", lv, field);
}

static Extracted *find_extracted(Emitter *em, const IrPlace *h)
{
    for (int i = 0; h && i < em->nextracted; i++)
        if (ir_place_equal(&em->extracted[i].place, h))
            return &em->extracted[i];
    return NULL;
}

/* The local holding the offset header H was extracted at, or NULL. */
const char *extracted_offset(Emitter *em, const IrPlace *h)
{
    Extracted *x = find_extracted(em, h);
    return x ? x->local : NULL;
}

/* Copies the N bytes of a wide field FIELD (a byte array) from the packet
 * at PKT, or to it when TO_PACKET. The packet side is read or written in 8,
 * 4, 2-byte pieces: through a byte pointer, clang would move it byte by
 * byte. The field side goes through memcpy, so clang keeps the stack
 * accesses as aligned as the field is (the verifier insists). */
void copy_wide(Emitter *em, const char *field, const char *pkt, int n, bool to_packet)
{
    static const char *const type[] = {[1] = "u8", [2] = "u16", [4] = "u32", [8] = "u64"};
    emit_line(em, "{");
    em->indent++;
    for (int done = 0; done < n;) {
        int c = chunk_bytes(n - done);
        const char *at = arena_printf(em->arena, "(%s *)(%s + %d)", type[c], pkt, done);
        emit_line(em, "%s piece%d;", type[c], done);
        if (to_packet) {
            emit_line(em, "__builtin_memcpy(&piece%d, %s + %d, %d);", done, field, done, c);
            emit_line(em, "*%s = piece%d;", at, done);
        } else {
            emit_line(em, "piece%d = *%s;", done, at);
            emit_line(em, "__builtin_memcpy(%s + %d, &piece%d, %d);", field, done, done, c);
        }
        done += c;
    }
    em->indent--;
    emit_line(em, "}");
}


/* The `s.next` of an extract's TARGET when it is the next element of a
 * header stack, `s.next`, or a header of the next union of a stack of
 * unions, `s.next.m`: both advance the stack's index. NULL otherwise. */
static Node *stack_next_of(Node *target)
{
    Node *next = target->kind == N_MEMBER && strcmp(target->name, "next") == 0 ? target
               : target->kind == N_MEMBER && target->expr->kind == N_MEMBER &&
                 strcmp(target->expr->name, "next") == 0 ? target->expr : NULL;
    return next && next->expr->ty && next->expr->ty->kind == T_STACK ? next : NULL;
}
/* Checks that the packet holds BYTES more bytes and opens a block with
 * `p` at them, header H's fields read into LV. */
static void emit_byte_extract_open(Emitter *em, const Type *h, const char *lv, int bytes)
{
    emit_line(em, "if (data + pkt_off + %d > data_end) {", bytes);
    emit_line(em, "    p4_err = error_PacketTooShort;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u8 *p = data + pkt_off;");
    HeaderLeaf *leaf;
    int nleaves = header_leaves(em, h, &leaf);
    for (int i = 0; i < nleaves; i++) {
        if (leaf[i].type->kind == T_VARBIT)
            continue;   /* read after the fixed part, below */
        int w = value_width(leaf[i].type), bit = leaf[i].bit;
        if (w > 64)   /* wide fields stay in network byte order */
            copy_wide(em, arena_printf(em->arena, "%s.%s", lv, leaf[i].member),
                      arena_printf(em->arena, "p + %d", bit / 8), w / 8, false);
        else
            emit_line(em, "%s.%s = %s;", lv, leaf[i].member, load_bits(em, bit, w));
    }
}

static void emit_extract(Emitter *em, Node *call)
{
    Node *target = call->args.items[0]->expr;
    const Type *h = target->ty;
    if (!h || h->kind != T_HEADER || !header_layout_ok(em, call, h))
        return;
    const Field *vf = varbit_field(h);
    if ((vf != NULL) != (call->args.len == 2)) {
        emit_error_at(em, call, "extract of this header needs %s argument", vf ? "a size" : "no size");
        return;
    }
    int bytes = header_size_bits(h) / 8;
    if (target->kind == N_DONTCARE && em->bit_mode) {
        emit_bit_extract_open(em, h, NULL, header_size_bits(h));
        emit_bit_extract_close(em, header_size_bits(h));
        return;
    }
    if (target->kind == N_DONTCARE) {
        /* extract<H>(_): the header's bytes are checked and skipped. */
        if (vf) {
            emit_error_at(em, call, "extract of a header with a varbit field into '_' is not "
                                    "supported by the XDP backend yet");
            return;
        }
        emit_line(em, "if (data + pkt_off + %d > data_end) {", bytes);
        emit_line(em, "    p4_err = error_PacketTooShort;");
        emit_line(em, "    goto parse_reject;");
        emit_line(em, "}");
        emit_line(em, "pkt_off += %d;", bytes);
        return;
    }
    Node *next = stack_next_of(target);
    bool into_next = next != NULL;
    const char *stack = into_next ? emit_lvalue(em, next->expr) : NULL;
    const char *lv, *element = NULL;
    const char *counter = into_next ? parser_stack_index(em, next->expr) : NULL;
    if (into_next && !counter)   /* a variable of the state's own: its index is a local */
        counter = arena_printf(em->arena, "%s_next", stack);
    if (into_next) {
        emit_line(em, "if (%s >= %d) {", counter, next->expr->ty->size);
        emit_line(em, "    p4_err = error_StackOutOfBounds;");
        emit_line(em, "    goto parse_reject;");
        emit_line(em, "}");
        /* One checked index for all the element's fields. */
        const char *index = new_temp(em, "element");
        emit_line(em, "u32 %s = p4cc_clamp(%s, %d);", index, counter, next->expr->ty->size);
        element = arena_printf(em->arena, "%s[%s]", stack, index);
        lv = next == target ? element
                            : arena_printf(em->arena, "%s.%s", element, c_ident(em, target->name));
    } else {
        lv = emit_lvalue(em, target);
    }
    if (em->bit_mode)
        emit_bit_extract_open(em, h, lv, header_size_bits(h));
    else
        emit_byte_extract_open(em, h, lv, bytes);
    /* The varbit part before validity: an extract that fails leaves the
     * header invalid. */
    if (vf)
        emit_varbit_extract(em, lv, vf, bytes, call->args.items[1]->expr);
    if (target->kind == N_MEMBER && target->expr->ty && target->expr->ty->kind == T_UNION) {
        /* Extracting one header of a union invalidates the others. */
        const Type *u = target->expr->ty;
        const char *base = element && next != target ? element : emit_lvalue(em, target->expr);
        for (int i = 0; i < u->nfields; i++)
            if (strcmp(u->fields[i].name, target->name) != 0)
                emit_line(em, "%s.%s.ebpf_valid = 0;", base, c_ident(em, u->fields[i].name));
        emit_line(em, "st->validity_changed = 1;");
    }
    emit_line(em, "%s.ebpf_valid = 1;", lv);
    IrPlace place;
    bool is_place = !into_next && ir_place_of(em->ir, target, &place);
    int write_through = is_place ? write_through_slot(em, &place) : -1;
    if (write_through >= 0)
        emit_line(em, "hp->h%d = p;", write_through);
    const char *offset_local = is_place && !em->bit_mode ? extracted_offset(em, &place) : NULL;
    if (offset_local)
        emit_line(em, "%s = pkt_off;", offset_local);
    if (vf)
        emit_line(em, "pkt_off += varbits / 8;");
    if (!em->bit_mode)
        emit_line(em, "pkt_off += %d;", bytes);
    if (into_next)
        emit_line(em, "%s++;", counter);
    if (em->bit_mode) {
        emit_bit_extract_close(em, header_size_bits(h));
        return;
    }
    em->indent--;
    emit_line(em, "}");
}

static void emit_advance(Emitter *em, Node *call)
{
    long skip = em->bit_mode ? advance_bits(call) : -1;
    if (skip >= 0) {   /* a run-time amount is plan_bit_mode's error */
        emit_line(em, "/* advance by %ld bits */", skip);
        emit_bit_extract_open(em, NULL, NULL, (int)skip);
        emit_bit_extract_close(em, (int)skip);
        return;
    }
    Node *amount = call->args.items[0]->expr;
    while (amount->kind == N_CAST && !amount->value)
        amount = amount->expr;
    const ConstValue *v = amount->value;
    if (amount->kind == N_INT && !v) {
        long n = const_long(amount, -1);
        emit_line(em, "/* advance by %ld bits */", n);
        v = NULL;
        if (n % 8 == 0) {
            emit_line(em, "if (data + pkt_off + %ld > data_end) {", n / 8);
            emit_line(em, "    p4_err = error_PacketTooShort;");
            emit_line(em, "    goto parse_reject;");
            emit_line(em, "}");
            emit_line(em, "pkt_off += %ld;", n / 8);
            return;
        }
    }
    if (!v || v->kind != CV_INT) {
        /* A run-time amount: bounded, so the verifier can follow the offset. */
        emit_line(em, "{");
        emit_line(em, "    u32 advance_bits = %s;", emit_expr(em, call->args.items[0]->expr));
        emit_line(em, "    if (advance_bits & 7) {");
        emit_line(em, "        p4_err = error_ParserInvalidArgument;");
        emit_line(em, "        goto parse_reject;");
        emit_line(em, "    }");
        emit_line(em, "    if (advance_bits > 8 * 1500 || data + pkt_off + advance_bits / 8 > data_end) {");
        emit_line(em, "        p4_err = error_PacketTooShort;");
        emit_line(em, "        goto parse_reject;");
        emit_line(em, "    }");
        emit_line(em, "    pkt_off += advance_bits / 8;");
        emit_line(em, "}");
        return;
    }
    uint64_t u = 0;
    long bits = const_value_u64(v, &u) && u <= LONG_MAX ? (long)u : -1;
    if (bits % 8) {
        emit_error_at(em, call, "advance by %ld bits: the XDP backend needs whole bytes", bits);
        return;
    }
    emit_line(em, "if (data + pkt_off + %ld > data_end) {", bits / 8);
    emit_line(em, "    p4_err = error_PacketTooShort;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
    emit_line(em, "pkt_off += %ld;", bits / 8);
}

/* After code that used lookahead: a packet too short for it is rejected
 * (the spec: lookahead fails like extract). */
static void check_lookahead(Emitter *em)
{
    if (!em->lookahead_used)
        return;
    em->lookahead_used = false;
    emit_line(em, "if (lookahead_short) {");
    emit_line(em, "    p4_err = error_PacketTooShort;");
    emit_line(em, "    goto parse_reject;");
    emit_line(em, "}");
}


static void emit_parser_statement(Emitter *em, Node *s)
{
    if (s->kind == N_CALL_STMT && ir_is_packet_method(s->expr, "extract")) {
        emit_line_directive(em, s);
        emit_extract(em, s->expr);
    } else if (s->kind == N_CALL_STMT && ir_is_packet_method(s->expr, "advance")) {
        emit_line_directive(em, s);
        emit_advance(em, s->expr);
    } else {
        emit_statement(em, s);
    }
    check_lookahead(em);
}

/* ---- transitions ---- */

static const char *state_label(const Node *state)
{
    return state->name;
}

static void emit_goto_state(Emitter *em, const Node *target)
{
    if (!target) {
        emit_line(em, "goto parse_reject;");
    } else if (strcmp(target->name, "accept") == 0) {
        emit_line(em, "goto parse_accept;");
    } else if (strcmp(target->name, "reject") == 0) {
        emit_line(em, "goto parse_reject;");
    } else {
        emit_line(em, "goto state_%s;", state_label(target));
    }
}

/* The member of value set VS that the select keys KEYS[NKEYS] form: the
 * key itself, or for a struct element the keys packed as its fields are,
 * the first most significant (docs/RUNTIME.md, "Value sets"). */
static const char *value_set_member(Emitter *em, Node *k, const IrValueSet *vs,
                                    const char **keys, int nkeys)
{
    if (!vs->nfields)
        return keys[0];
    if (nkeys != vs->nfields) {
        emit_error_at(em, k, "value set '%s' has %d fields, the select %d keys", vs->name,
                      vs->nfields, nkeys);
        return "0";
    }
    const char *e = NULL;
    int shift = vs->width;
    for (int i = 0; i < nkeys; i++) {
        int w = vs->fields[i].width;
        shift -= w;
        const char *f = w < 64 ? arena_printf(em->arena, "(%s & 0x%llxull)", keys[i],
                                              (unsigned long long)((1ull << w) - 1))
                               : keys[i];
        if (shift)
            f = arena_printf(em->arena, "(%s << %d)", f, shift);
        e = e ? arena_printf(em->arena, "%s | %s", e, f) : f;
    }
    return arena_printf(em->arena, "(%s)", e);
}

/* Whether a member of VS of more than 64 bits (a byte-array key) is in
 * the set: the keys packed into the array, each OR-ed into the bytes it
 * covers, then looked up. */
static const char *wide_member_in(Emitter *em, const IrValueSet *vs, const char **keys)
{
    int n = bytes_of_bits(vs->width), shift = vs->width;
    const char *k = new_temp(em, "member");
    const char *e = arena_printf(em->arena, "({ u8 %s[%d] = {0}; ", k, n);
    for (int i = 0; i < vs->nfields; i++) {
        int w = vs->fields[i].width;
        shift -= w;
        const char *v = w < 64 ? arena_printf(em->arena, "((u64)%s & 0x%llxull)", keys[i],
                                              (unsigned long long)((1ull << w) - 1))
                               : arena_printf(em->arena, "(u64)%s", keys[i]);
        for (int b = shift / 8; b <= (shift + w - 1) / 8; b++) {
            int d = 8 * b - shift;   /* bit of the key at the byte's bit 0 */
            e = arena_printf(em->arena, "%s%s[%d] |= (u8)(%s %s %d); ", e, k, n - 1 - b, v,
                             d >= 0 ? ">>" : "<<", d >= 0 ? d : -d);
        }
    }
    return arena_printf(em->arena, "%sbpf_map_lookup_elem(&%s, %s) != NULL; })", e, vs->c_name,
                        k);
}

/* Whether the keys match a slot of VS (emit_value_set_slots). */
static const char *slots_member_in(Emitter *em, const IrValueSet *vs, const char **keys)
{
    const char *s = new_temp(em, "scan");
    const char *e = arena_printf(em->arena, "({ struct %s_scan %s = {.k = {", vs->c_name, s);
    for (int i = 0; i < vs->nfields; i++)
        e = arena_printf(em->arena, "%s%s(u64)%s", e, i ? ", " : "", keys[i]);
    return arena_printf(em->arena, "%s}}; bpf_loop(%d, %s_match, &%s, 0); %s.found; })", e,
                        vs->size, vs->c_name, s, s);
}

/* Whether the select keys KEYS[NKEYS] are a member of VS. */
static const char *value_set_condition(Emitter *em, Node *k, const IrValueSet *vs,
                                       const char **keys, int nkeys)
{
    if ((vs->slots || vs->width > 64) && nkeys != vs->nfields) {
        emit_error_at(em, k, "value set '%s' has %d fields, the select %d keys", vs->name,
                      vs->nfields, nkeys);
        return "0";
    }
    if (vs->slots)
        return slots_member_in(em, vs, keys);
    if (vs->width > 64)
        return wide_member_in(em, vs, keys);
    return arena_printf(em->arena, "(bpf_map_lookup_elem(&%s, &(u%d){%s}) != NULL)",
                        vs->c_name, c_container_bits(vs->width),
                        value_set_member(em, k, vs, keys, nkeys));
}

/* The C condition under which KEYSET matches the select keys KEYS[NKEYS]
 * (one key but for a value set of structs). */
static const char *keyset_condition(Emitter *em, Node *k, const char **keys, int nkeys)
{
    const char *key_c = keys[0];
    switch (k->kind) {
    case N_DEFAULT: case N_DONTCARE:
        return "1";
    case N_MASK:
        return arena_printf(em->arena, "((%s & %s) == (%s & %s))", key_c, emit_expr(em, k->rhs),
                            emit_expr(em, k->lhs), emit_expr(em, k->rhs));
    case N_RANGE:
        return arena_printf(em->arena, "(%s >= %s && %s <= %s)", key_c, emit_expr(em, k->lhs),
                            key_c, emit_expr(em, k->rhs));
    default:
        if (k->ty && k->ty->kind == T_SET && k->kind == N_NAME) {
            for (int i = 0; i < em->ir->nvalue_sets; i++) {
                IrValueSet *vs = em->ir->value_sets[i];
                if (vs->decl == k->ref)
                    return value_set_condition(em, k, vs, keys, nkeys);
            }
        }
        if (k->ty && k->ty->kind == T_SET) {
            emit_error_at(em, k, "this value set is not supported by the XDP backend yet");
            return "0";
        }
        return arena_printf(em->arena, "(%s == %s)", key_c, emit_expr(em, k));
    }
}

static void emit_select(Emitter *em, Node *sel)
{
    int nkeys = sel->args.len;
    const char **keys = arena_alloc(em->arena, sizeof(char *) * (size_t)(nkeys + 1));
    emit_line(em, "{");
    em->indent++;
    for (int i = 0; i < nkeys; i++) {
        const Type *kt = sel->args.items[i]->ty;
        keys[i] = new_temp(em, "select");
        if (kt && kt->kind == T_BITS && kt->width > 64) {   /* a byte array, not a u64 */
            emit_error_at(em, sel->args.items[i], "a select key wider than 64 bits is not "
                                                  "supported by the XDP backend yet");
            emit_line(em, "u64 %s = 0;", keys[i]);
            continue;
        }
        emit_line(em, "u64 %s = %s;", keys[i], emit_expr(em, sel->args.items[i]));
    }
    check_lookahead(em);
    for (int c = 0; c < sel->items.len; c++) {
        Node *cs = sel->items.items[c];
        Node *ks = cs->expr;
        const char *cond;
        if (ks->kind == N_TUPLE_KEYSET) {
            cond = "1";
            for (int i = 0; i < ks->items.len && i < nkeys; i++)
                cond = arena_printf(em->arena, "%s && %s", cond,
                                    keyset_condition(em, ks->items.items[i], &keys[i], 1));
        } else if (ks->kind == N_DEFAULT || ks->kind == N_DONTCARE) {
            cond = "1";
        } else {
            cond = keyset_condition(em, ks, keys, nkeys);
        }
        emit_line(em, "if (%s)", cond);
        em->indent++;
        emit_goto_state(em, cs->ref);
        em->indent--;
    }
    emit_line(em, "p4_err = error_NoMatch;");
    emit_line(em, "goto parse_reject;");
    em->indent--;
    emit_line(em, "}");
}

static ParserStack *find_stack(Emitter *em, const IrPlace *stack)
{
    for (int i = 0; i < em->nstacks; i++)
        if (ir_place_equal(&em->stacks[i].place, stack))
            return &em->stacks[i];
    return NULL;
}

const char *parser_stack_index(Emitter *em, const Node *stack)
{
    IrPlace place;
    ParserStack *s = em->in_parser && ir_place_of(em->ir, stack, &place)
                     ? find_stack(em, &place) : NULL;
    return s ? s->local : NULL;
}

/* Whether PLACE lies in a variable declared in a parser state (not one
 * of the parser's, which lowering hoisted into IrBlock.locals): its C
 * declaration, with the stack's own next-index, is inside the state. */
static bool in_state_variable(Emitter *em, const IrPlace *place)
{
    if (place->slot || place->decl->kind != N_VAR)
        return false;
    NodeList *locals = &em->ir->parser->locals;
    for (int i = 0; i < locals->len; i++)
        if (locals->items[i] == place->decl)
            return false;
    return true;
}

/* Finds the header stacks the parser uses (`s.next`, `s.last`) and gives
 * each a local next-index, declared before the first state. */
static bool find_stacks(Node *n, void *ctx)
{
    Emitter *em = ctx;
    IrPlace place;
    if (n->kind == N_MEMBER && n->expr->ty && n->expr->ty->kind == T_STACK &&
        (strcmp(n->name, "next") == 0 || strcmp(n->name, "last") == 0 ||
         strcmp(n->name, "lastIndex") == 0 || strcmp(n->name, "nextIndex") == 0) &&
        ir_place_of(em->ir, n->expr, &place) && !in_state_variable(em, &place) &&
        !find_stack(em, &place)) {
        if (em->nstacks == em->stacks_room) {
            size_t old = sizeof *em->stacks * (size_t)em->stacks_room;
            em->stacks_room = em->stacks_room ? 2 * em->stacks_room : 16;
            em->stacks = arena_realloc(em->arena, em->stacks, old,
                                       sizeof *em->stacks * (size_t)em->stacks_room);
        }
        em->stacks[em->nstacks++] = (ParserStack){place, n->expr, new_temp(em, "stack_index")};
    }
    return ast_for_each_child(n, find_stacks, ctx);
}

/* Whether place P has no index: a header, not a header stack's element. */
static bool no_index(const IrPlace *p)
{
    for (int i = 0; i < p->len; i++)
        if (!p->steps[i].field)
            return false;
    return true;
}

/* Finds the headers the parser's own states extract (a plain header, not
 * a stack element) and gives each a local for the offset it was extracted
 * at, declared before the first state; ~0 until then. */
static bool find_extracts(Node *n, void *ctx)
{
    Emitter *em = ctx;
    if (n->kind == N_CALL && ir_is_packet_method(n, "extract") && n->args.len >= 1) {
        Node *t = n->args.items[0]->expr;
        IrPlace place;
        if (t->ty && t->ty->kind == T_HEADER && ir_place_of(em->ir, t, &place) &&
            no_index(&place) && !find_extracted(em, &place)) {
            if (em->nextracted == em->extracted_room) {
                size_t old = (size_t)em->extracted_room;
                em->extracted_room = old ? 2 * (int)old : 32;
                em->extracted = arena_realloc(em->arena, em->extracted, sizeof *em->extracted * old,
                                              sizeof *em->extracted * (size_t)em->extracted_room);
            }
            em->extracted[em->nextracted++] =
                (Extracted){place, new_temp(em, "extracted_at"), OFFSET_VARIES};
        }
    }
    return ast_for_each_child(n, find_extracts, ctx);
}

static void emit_states(Emitter *em, NodeList *states);

/* ---- headers always extracted at the same offset ---- */

static int meet_offsets(int a, int b)
{
    if (a == OFFSET_UNSET)
        return b;
    if (b == OFFSET_UNSET)
        return a;
    return a == b ? a : OFFSET_VARIES;
}

typedef struct OffsetWalk {
    Emitter *em;
    int offset;       /* bytes from the packet start, or OFFSET_VARIES */
    int conditional;  /* depth of if statements around the node */
    bool record;      /* note each extracted header's offset */
} OffsetWalk;

static void record_static_offset(OffsetWalk *ow, Node *target)
{
    IrPlace place;
    Extracted *x = ir_place_of(ow->em->ir, target, &place) ? find_extracted(ow->em, &place) : NULL;
    if (x)
        x->static_offset = meet_offsets(x->static_offset, ow->offset);
}

/* Follows the packet offset through one state's statements. */
static bool walk_offsets(Node *n, void *ctx)
{
    OffsetWalk *ow = ctx;
    if (n->kind == N_IF) {
        ow->conditional++;
        ast_for_each_child(n, walk_offsets, ctx);
        ow->conditional--;
        return true;
    }
    if (n->kind == N_CALL && ir_is_packet_method(n, "extract") && n->args.len >= 1) {
        Node *t = n->args.items[0]->expr;
        bool fixed = t->ty && t->ty->kind == T_HEADER && !varbit_field(t->ty) &&
                     n->args.len == 1 && !ow->conditional;
        if (ow->record)
            record_static_offset(ow, t);
        if (!fixed || ow->offset < 0)
            ow->offset = OFFSET_VARIES;
        else
            ow->offset += header_size_bits(t->ty) / 8;
        return true;
    }
    if (n->kind == N_CALL && ir_is_packet_method(n, "advance")) {
        Node *amount = n->args.items[0]->expr;
        while (amount->kind == N_CAST && !amount->value)
            amount = amount->expr;
        long bits = amount->kind == N_INT && !amount->value ? const_long(amount, -1) : -1;
        if (bits < 0 || bits % 8 || ow->conditional || ow->offset < 0)
            ow->offset = OFFSET_VARIES;
        else
            ow->offset += (int)(bits / 8);
        return true;
    }
    return ast_for_each_child(n, walk_offsets, ctx);
}

static int state_exit_offset(Emitter *em, Node *state, int entry, bool record)
{
    OffsetWalk ow = {em, entry, 0, record};
    for (int j = 0; j < state->items.len; j++)
        walk_offsets(state->items.items[j], &ow);
    return ow.offset;
}

/* The offset each extracted header is found at when it is the same on
 * every path through the parser (extracted_static): a dataflow over the
 * state graph, from offset 0 at `start`. The deparser then addresses the
 * header with a constant, which clang folds and the verifier follows
 * without a clamp. Not with sub-parsers (their extracts are not followed). */
static void find_static_offsets(Emitter *em)
{
    NodeList *states = &em->ir->parser->states;
    int n = states->len;
    for (int i = 0; i < em->nextracted; i++)
        em->extracted[i].static_offset = OFFSET_VARIES;
    if (em->ir->ninstances)
        return;
    int *entry = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        entry[i] = strcmp(states->items[i]->name, "start") == 0 ? 0 : OFFSET_UNSET;
    /* Each entry only moves up the lattice (unset, one offset, varies). */
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; i++) {
            Node *st = states->items[i];
            if (entry[i] == OFFSET_UNSET || !st->body)
                continue;
            int out = state_exit_offset(em, st, entry[i], false);
            Node *tr = st->body->expr;
            int ncases = tr->kind == N_SELECT ? tr->items.len : 1;
            for (int c = 0; c < ncases; c++) {
                const Node *to = tr->kind == N_SELECT ? tr->items.items[c]->ref : tr->ref;
                for (int j = 0; j < n; j++) {
                    int met = states->items[j] == to ? meet_offsets(entry[j], out) : entry[j];
                    if (met != entry[j]) {
                        entry[j] = met;
                        changed = true;
                    }
                }
            }
        }
    }
    for (int i = 0; i < em->nextracted; i++)
        em->extracted[i].static_offset = OFFSET_UNSET;
    for (int i = 0; i < n; i++)
        if (entry[i] != OFFSET_UNSET)
            state_exit_offset(em, states->items[i], entry[i], true);
}

/* The constant offset header H is always extracted at, or -1. */
int extracted_static_offset(Emitter *em, const IrPlace *h)
{
    Extracted *x = find_extracted(em, h);
    return x && x->static_offset >= 0 ? x->static_offset : -1;
}

void find_parser_headers(Emitter *em)
{
    IrBlock *b = em->ir->parser;
    for (int i = 0; i < b->states.len; i++)
        find_stacks(b->states.items[i], em);
    for (int i = 0; i < b->states.len; i++)
        find_extracts(b->states.items[i], em);
    find_static_offsets(em);
}

void emit_parser(Emitter *em)
{
    IrBlock *b = em->ir->parser;
    em->exit_label = "parse_reject";
    find_parser_headers(em);
    for (int i = 0; i < em->nstacks; i++)
        emit_line(em, "u32 %s = 0;", em->stacks[i].local);
    for (int i = 0; i < em->nextracted; i++)
        emit_line(em, "u32 %s = ~0u;", em->extracted[i].local);
    em->in_parser = true;
    emit_line(em, "/* parser %s */", b->name);
    emit_line(em, "goto state_start;");
    emit_states(em, &b->states);
}

/* The states TO may go to next, by index in STATES; -1 for accept and
 * reject. */
static int state_index(NodeList *states, const Node *to)
{
    for (int i = 0; i < states->len; i++)
        if (states->items[i] == to)
            return i;
    return -1;
}

/* The states FROM reaches (SEEN[i]), going through no state that
 * ADVANCES (when given) but FROM itself; whether FROM comes back. */
static bool reach(Emitter *em, NodeList *states, int from, const bool *advances, bool *seen)
{
    int n = states->len, top = 0;
    int *work = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    memset(seen, 0, sizeof(bool) * (size_t)(n + 1));
    bool back = false;
    work[top++] = from;
    while (top) {
        Node *st = states->items[work[--top]];
        if (!st->body)
            continue;
        Node *tr = st->body->expr;
        int ncases = tr->kind == N_SELECT ? tr->items.len : 1;
        for (int c = 0; c < ncases; c++) {
            int to = state_index(states, tr->kind == N_SELECT ? tr->items.items[c]->ref : tr->ref);
            back = back || to == from;
            if (to >= 0 && to != from && !seen[to] && !(advances && advances[to])) {
                seen[to] = true;
                work[top++] = to;
            }
        }
    }
    return back;
}

/* Whether state FROM can come back to itself: it heads a loop. */
static bool state_in_loop(Emitter *em, NodeList *states, int from)
{
    bool *seen = arena_alloc(em->arena, sizeof(bool) * (size_t)(states->len + 1));
    return reach(em, states, from, NULL, seen);
}

/* Whether some parser of the program (PSA has two) has a loop. */
bool parser_has_loop(Emitter *em)
{
    for (int b = 0; b < em->ir->nblocks; b++) {
        NodeList *states = &em->ir->blocks[b].states;
        for (int i = 0; i < states->len; i++)
            if (state_in_loop(em, states, i))
                return true;
    }
    return false;
}

/* A parser loop multiplies the paths the verifier follows: one per
 * number of rounds, each with its own offset, stack indexes and header
 * offsets, all known exactly, so it walks the whole rest of the program
 * once per round count (a 127-element stack: past the 1M instructions it
 * allows; corpus-like source routing). At the parser's exit these values
 * go through a map and back: the verifier does not follow values through
 * map memory, so the paths after the exit are alike and it prunes them.
 * The values are the same; every later use bounds them as it must for
 * values the parser computed from the packet anyway. */
void emit_parser_exit_map(Emitter *em)
{
    if (!em->parser_loops)
        return;
    fputs("/* The parser's offsets pass through it at the parser's exit, so that\n"
          " * the verifier forgets them (emit_parser.c, emit_parser_exit). */\n"
          "struct {\n"
          "    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);\n"
          "    __type(key, u32);\n"
          "    __type(value, u32);\n"
          "    __uint(max_entries, 1);\n"
          "} p4cc_parser_exit SEC(\".maps\");\n\n", em->out);
    emit_raw_lines_written(em);
}

/* LOCAL through *forget and back, MASK applied (packet offsets: below
 * 64 KiB, as the verifier wants for packet pointer arithmetic). */
static void forget(Emitter *em, const char *local, const char *mask)
{
    emit_line(em, "*forget = %s;", local);
    emit_line(em, "asm volatile(\"\" ::: \"memory\");");
    emit_line(em, "%s = *forget%s;", local, mask);
}

/* The packet offsets through the map and back; with STACKS, the stack
 * indexes too. */
static void forget_offsets(Emitter *em, bool stacks)
{
    /* Looked up where used: a pointer kept from the parser's start takes
     * a register all through it, and clang's spills then cost the
     * verifier more than the lookups cost (corpus parser-unroll-test9). */
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 forget_key = 0;");
    emit_line(em, "u32 *forget = bpf_map_lookup_elem(&p4cc_parser_exit, &forget_key);");
    emit_line(em, "if (!forget)");
    emit_line(em, "    return XDP_ABORTED;");
    forget(em, "pkt_off", " & 0xffff");
    if (em->bit_mode)
        forget(em, "pkt_bit", " & 7");
    for (int i = 0; stacks && i < em->nstacks; i++)
        forget(em, em->stacks[i].local, "");
    for (int i = 0; i < em->nextracted; i++)
        forget(em, em->extracted[i].local, "");
    em->indent--;
    emit_line(em, "}");
}

void emit_parser_exit(Emitter *em)
{
    if (em->parser_loops)
        forget_offsets(em, true);
}

/* Whether state S extracts, in a statement of its own (not under an if),
 * into the next element of a stack whose index is a local: then every
 * round through S moves a bounded index on. */
static bool state_advances_stack(Emitter *em, const Node *s)
{
    for (int j = 0; j < s->items.len; j++) {
        Node *stmt = s->items.items[j];
        if (stmt->kind != N_CALL_STMT || !ir_is_packet_method(stmt->expr, "extract") ||
            stmt->expr->args.len < 1)
            continue;
        Node *next = stack_next_of(stmt->expr->args.items[0]->expr);
        IrPlace place;
        if (next && ir_place_of(em->ir, next->expr, &place) && find_stack(em, &place))
            return true;
    }
    return false;
}

/* Whether every round of the loop through state FROM, and of every loop
 * sharing a state with it, advances a stack: in FROM's strongly connected
 * component no state comes back to itself through states that do not.
 * Other loops are bounded by the offset alone (or a counter of the
 * program's, corpus parser-unroll-test9), which must stay exact. */
static bool rounds_advance_stack(Emitter *em, NodeList *states, int from)
{
    int n = states->len;
    bool *advances = arena_alloc(em->arena, sizeof(bool) * (size_t)(n + 1));
    bool *from_reaches = arena_alloc(em->arena, sizeof(bool) * (size_t)(n + 1));
    bool *seen = arena_alloc(em->arena, sizeof(bool) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        advances[i] = state_advances_stack(em, states->items[i]);
    reach(em, states, from, NULL, from_reaches);
    from_reaches[from] = true;
    for (int s = 0; s < n; s++) {
        if (!from_reaches[s] || advances[s])
            continue;
        /* S is in the component when it reaches FROM; a round through S
         * that avoids every advancing state is the trouble. */
        reach(em, states, s, NULL, seen);
        if (!seen[from] && s != from)
            continue;
        if (reach(em, states, s, advances, seen))
            return false;
    }
    return true;
}

/* The trace id of the current parser's first state: the states of the
 * architecture's parsers are numbered one after the other (PSA has two;
 * emit_trace.c's write_trace_info lists them so). */
static int trace_state_base(const IrProgram *ir)
{
    int base = 0;
    for (int b = 0; b < ir->nblocks && &ir->blocks[b] != ir->parser; b++)
        if (ir->blocks[b].kind == BLOCK_PARSER)
            base += ir->blocks[b].states.len;
    return base;
}

/* The states of a parser as labelled blocks (the midend has put the
 * states of sub-parsers in among them). */
static void emit_states(Emitter *em, NodeList *states)
{
    int base = trace_state_base(em->ir);
    for (int i = 0; i < states->len; i++) {
        Node *s = states->items[i];
        emit_line_directive(em, s);
        emit_line(em, "state_%s: {", state_label(s));
        em->indent++;
        emit_trace_state(em, base + i);
        if (state_in_loop(em, states, i)) {
            /* Each round of a loop whose rounds advance a stack starts
             * with its offsets forgotten: the verifier then merges the
             * paths of one round whatever their lengths (TCP options:
             * 5 kinds of different lengths in each of 10 rounds), the
             * stack index still bounding the rounds. A loop without it
             * keeps them: its offset is what bounds it. */
            if (rounds_advance_stack(em, states, i))
                forget_offsets(em, false);
            /* The verifier follows a parser loop round after round, the
             * offset known in each, until the offset passes what it
             * tracks (64 KiB) and it refuses the packet access (corpus
             * metrics_test_3, parser-unroll-issue3537). A bound ends its
             * rounds sooner: 2 KiB, past which the deparser writes no
             * header either (emit_deparser.c). */
            emit_line(em, "if (pkt_off > 2048) {");
            emit_line(em, "    p4_err = error_PacketTooShort;");
            emit_line(em, "    goto parse_reject;");
            emit_line(em, "}");
        }
        for (int j = 0; j < s->items.len; j++)
            emit_parser_statement(em, s->items.items[j]);
        if (!s->body) {
            emit_line(em, "goto parse_reject;");
        } else {
            emit_line_directive(em, s->body);
            if (s->body->expr->kind == N_SELECT)
                emit_select(em, s->body->expr);
            else
                emit_goto_state(em, s->body->expr->ref);
        }
        em->indent--;
        emit_line(em, "}");
    }
}
