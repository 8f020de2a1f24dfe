/* The deparser: moves the packet start when the emitted headers are
 * shorter or longer than the parsed ones, then writes back what changed
 * (only the assigned fields of headers still where the parser found
 * them). */
#include "emit.h"

#include <string.h>

/* Stores the low N bytes of `bits` at `p + BYTE`, big-endian, with as few
 * stores as their sizes allow. */
static void store_bytes(Emitter *em, int byte, int n)
{
    static const char *const swap[] = {[2] = "bpf_htons", [4] = "bpf_htonl",
                                       [8] = "bpf_cpu_to_be64"};
    static const char *const type[] = {[2] = "u16", [4] = "u32", [8] = "u64"};
    for (int done = 0; done < n;) {
        int c = chunk_bytes(n - done);
        int lo = 8 * (n - done - c);
        if (c == 1)
            emit_line(em, "p[%d] = (u8)(bits >> %d);", byte + done, lo);
        else
            emit_line(em, "*(%s *)(p + %d) = %s((%s)(bits >> %d));", type[c], byte + done,
                      swap[c], type[c], lo);
        done += c;
    }
}

static void store_field(Emitter *em, const char *value, int bit, int width)
{
    int byte = bit / 8, shift_in = bit % 8;
    if (shift_in == 0) {
        switch (width) {
        case 8: emit_line(em, "p[%d] = %s;", byte, value); return;
        case 16: emit_line(em, "*(u16 *)(p + %d) = bpf_htons(%s);", byte, value); return;
        case 32: emit_line(em, "*(u32 *)(p + %d) = bpf_htonl(%s);", byte, value); return;
        case 64: emit_line(em, "*(u64 *)(p + %d) = bpf_cpu_to_be64(%s);", byte, value); return;
        default: break;
        }
    }
    int nbytes = bytes_of_bits(shift_in + width);
    int shift = nbytes * 8 - shift_in - width;
    unsigned long long fmask = (width >= 64 ? ~0ULL : (1ULL << width) - 1);
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u64 bits = ((u64)(%s) & 0x%llxULL) << %d;", value, fmask, shift);
    if (shift_in == 0 && shift == 0) {
        /* Whole bytes (a MAC address): stores of 4, 2, 1 bytes. */
        store_bytes(em, byte, nbytes);
        em->indent--;
        emit_line(em, "}");
        return;
    }
    for (int i = 0; i < nbytes; i++) {
        int lo = 8 * (nbytes - 1 - i);
        unsigned long long all = fmask << shift;
        unsigned m = (unsigned)((all >> lo) & 0xff);
        if (m == 0xff)
            emit_line(em, "p[%d] = (u8)(bits >> %d);", byte + i, lo);
        else
            emit_line(em, "p[%d] = (p[%d] & 0x%x) | ((u8)(bits >> %d) & 0x%x);", byte + i,
                      byte + i, ~m & 0xff, lo, m);
    }
    em->indent--;
    emit_line(em, "}");
}

/* An emit inside `if`s runs only where their conditions hold: the chain
 * of those ifs, innermost first. */
typedef struct Guard {
    const Node *iff;
    bool negated;           /* in its else branch */
    const struct Guard *up;
} Guard;

/* The deparser's emit calls in order, and the ifs around them. */
typedef struct Collected {
    NodeList emits;
    const Guard **guards;   /* per emit; NULL when it always runs */
    int cap;
    NodeList ifs;           /* every if, in order */
    NodeList pre;           /* PSA: statements without emits, run before them */
} Collected;

/* Whether condition N only reads (fields, isValid()): the deparser
 * computes every condition once, before it moves the packet. */
static bool impure_part(Node *n, void *ctx)
{
    bool *pure = ctx;
    if (n->kind == N_INTRINSIC ||
        (n->kind == N_CALL && !(n->expr->kind == N_MEMBER && n->args.len == 0 &&
                                strcmp(n->expr->name, "isValid") == 0)))
        *pure = false;
    return *pure;
}

static bool pure_condition(Node *n)
{
    bool pure = true;
    AstWalker w = {.pre = impure_part, .ctx = &pure};
    ast_walk(n, &w);
    return pure;
}

static void add_emit(Emitter *em, Collected *c, Node *call, const Guard *g)
{
    if (c->emits.len == c->cap) {
        c->cap = 2 * c->cap + 8;
        const Guard **grown = arena_alloc(em->arena, sizeof *grown * (size_t)c->cap);
        if (c->emits.len)
            memcpy(grown, c->guards, sizeof *grown * (size_t)c->emits.len);
        c->guards = grown;
    }
    c->guards[c->emits.len] = g;
    node_list_push(em->arena, &c->emits, call);
}

static bool finds_emit(Node *n, void *ctx)
{
    if (n->kind == N_CALL && ir_is_packet_method(n, "emit"))
        *(bool *)ctx = true;
    return !*(bool *)ctx;
}

typedef struct WriteCheck {
    Emitter *em;
    const Collected *c;
    bool ok;
} WriteCheck;

/* Whether an assignment in N may write what an emit collected so far
 * emits (or N is anything else that writes: a call with out arguments). */
static bool overlaps_emits(Node *n, void *ctx)
{
    WriteCheck *w = ctx;
    if (n->kind == N_ASSIGN) {
        IrPlace lhs;
        if (!ir_place_of(w->em->ir, n->lhs, &lhs)) {
            w->ok = false;
            return false;
        }
        for (int i = 0; i < w->c->emits.len; i++) {
            IrPlace h;
            if (!ir_place_of(w->em->ir, w->c->emits.items[i]->args.items[0]->expr, &h) ||
                ir_place_within(&lhs, &h) || ir_place_within(&h, &lhs))
                w->ok = false;
        }
    } else if (n->kind == N_CALL && !(n->expr->kind == N_MEMBER &&
                                      strcmp(n->expr->name, "isValid") == 0)) {
        w->ok = false;
    }
    return w->ok;
}

/* PSA's and PNA's deparsers compute (checksums, a sub-control's copies) besides
 * emitting: statement S, which emits nothing, runs before every emit;
 * that changes nothing when it writes nothing an emit before it emits.
 * Other architectures keep their deparsers to emits. */
static bool collect_computation(Emitter *em, Node *s, Collected *c, const Guard *g)
{
    bool emits = false;
    AstWalker find = {.pre = finds_emit, .ctx = &emits};
    ast_walk(s, &find);
    if (!ir_portable_arch(em->ir) || emits || g)
        return false;
    WriteCheck w = {em, c, true};
    if (c->emits.len) {
        AstWalker check = {.pre = overlaps_emits, .ctx = &w};
        ast_walk(s, &check);
    }
    if (w.ok)
        node_list_push(em->arena, &c->pre, s);
    return w.ok;
}

/* Collects the deparser's emits under their guards (G); false when its
 * code is more than emits and ifs with conditions that only read (not
 * supported yet). */
static bool collect_emits(Emitter *em, Node *s, Collected *c, const Guard *g, bool quiet)
{
    if (!s)
        return true;
    if (collect_computation(em, s, c, g))
        return true;
    switch (s->kind) {
    case N_BLOCK:
        for (int i = 0; i < s->items.len; i++)
            if (!collect_emits(em, s->items.items[i], c, g, quiet))
                return false;
        return true;
    case N_EMPTY_STMT:
        return true;
    case N_IF: {
        if (!pure_condition(s->expr))
            break;
        node_list_push(em->arena, &c->ifs, s);
        Guard *then = ARENA_NEW(em->arena, Guard), *other = ARENA_NEW(em->arena, Guard);
        *then = (Guard){s, false, g};
        *other = (Guard){s, true, g};
        return collect_emits(em, s->body, c, then, quiet) &&
               collect_emits(em, s->else_body, c, other, quiet);
    }
    case N_CALL_STMT:
        if (ir_is_packet_method(s->expr, "emit")) {
            /* A header: the midend expanded the rest (pass_emits.c). */
            add_emit(em, c, s->expr, g);
            return true;
        }
        break;
    default:
        break;
    }
    if (!quiet)
        emit_error_at(em, s, "the XDP backend supports deparsers made of emit calls and ifs "
                             "whose conditions only read, for now");
    return false;
}

/* ---- what the program writes into headers ---- */

/* The midend's write analysis (IrProgram.header_writes) and, per emit,
 * what the deparser being written knows of its header. */
typedef struct Writes {
    const IrHeaderWrites *hw;
    /* Per emit: the header it emits, NULL when that is no place. */
    const IrPlace **emitted;
    /* Per emit (emit_deparser): an extracted header that never moves,
     * because no header emitted after it changes validity. */
    bool *stays;
    /* Per emit, on the copy of the deparser being written: 1 when the
     * header is known valid there, -1 known invalid, 0 not known. */
    signed char *known;
    /* Per emit: the C condition of the ifs around it (0 or 1), NULL when
     * it always runs (emit_guards). */
    const char **guard;
} Writes;

/* The places of the headers EMITS emit (Writes.emitted). */
static const IrPlace **emitted_places(Emitter *em, const NodeList *emits)
{
    const IrPlace **places = arena_alloc(em->arena, sizeof *places * (size_t)(emits->len + 1));
    for (int i = 0; i < emits->len; i++) {
        IrPlace *p = ARENA_NEW(em->arena, IrPlace);
        places[i] = ir_place_of(em->ir, emits->items[i]->args.items[0]->expr, p) ? p : NULL;
    }
    return places;
}

/* The C condition "emit I's header (C lvalue LV) is valid" on the copy
 * of the deparser being written: "1" or NULL (known invalid) where the
 * copy's split settled it. */
static const char *valid_cond(Emitter *em, const Writes *w, int i, const char *lv)
{
    const char *g = w->guard ? w->guard[i] : NULL;
    if (w->known[i] < 0)
        return NULL;
    if (w->known[i] > 0)
        return g ? g : "1";
    if (g)
        return arena_printf(em->arena, "(%s & %s.ebpf_valid)", g, lv);
    return arena_printf(em->arena, "%s.ebpf_valid", lv);
}

/* VAR += AMOUNT when VALID (from valid_cond) holds, without a branch:
 * ebpf_valid is 0 or 1. A branch would give the verifier two paths whose
 * offsets differ from there on, for every header whose validity it does
 * not know (a state in p4cc_scratch, whose loads it cannot follow): 2^n
 * paths through n optional headers (the mri tutorial). */
static void emit_advance(Emitter *em, const char *valid, const char *var, const char *amount)
{
    if (strcmp(valid, "1") == 0)
        emit_line(em, "%s += %s;", var, amount);
    else
        emit_line(em, "%s += (u32)(%s & 1) * (%s);", var, valid, amount);
}

/* ---- whether headers stay where the parser found them ---- */

typedef struct StateExtracts {
    Emitter *em;
    const NodeList *emits;
    const Writes *w;
    int first, last; /* emit positions of the state's first and last extract */
    bool ok;
} StateExtracts;

/* The position of header H in the deparser's emits (W->emitted), or -1. */
static int emit_position(const NodeList *emits, const Writes *w, const IrPlace *h)
{
    int found = -1;
    for (int i = 0; i < emits->len; i++) {
        if (!w->emitted[i] || !ir_place_equal(w->emitted[i], h))
            continue;
        if (found >= 0)
            return -1; /* emitted twice */
        found = i;
    }
    return found;
}

static bool scan_extracts(Node *n, void *ctx)
{
    StateExtracts *se = ctx;
    if (n->kind == N_CALL && ir_is_packet_method(n, "advance"))
        se->ok = false;
    if (n->kind == N_CALL && ir_is_packet_method(n, "extract")) {
        Node *t = n->args.items[0]->expr;
        IrPlace place;
        bool header = t->ty && t->ty->kind == T_HEADER && !varbit_field(t->ty) &&
                      !(t->kind == N_MEMBER && t->expr->ty && t->expr->ty->kind == T_UNION) &&
                      ir_place_of(se->em->ir, t, &place);
        int pos = header && extracted_offset(se->em, &place)
                  ? emit_position(se->emits, se->w, &place) : -1;
        if (pos < 0 || pos <= se->last)
            se->ok = false; /* not emitted, or not after the state's previous extract */
        if (se->first < 0)
            se->first = pos;
        se->last = pos;
    }
    return ast_for_each_child(n, scan_extracts, ctx);
}

/* Whether every header the deparser emits is always where the parser
 * extracted it: nothing changes validity, the parser extracts (and skips)
 * nothing that is not emitted, and on every path through the parser the
 * headers come in the order the deparser emits them. Then only assigned
 * fields need writing back, with no check at run time. */
static bool headers_stay_in_place(Emitter *em, const NodeList *emits, const Writes *w,
                                  bool ignore_validity)
{
    const NodeList *states = &em->ir->parser->states;
    int n = states->len;
    if (w->hw->unknown || (w->hw->validity && !ignore_validity) || em->nstacks)
        return false;
    int *first = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    int *last = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    int **next = arena_alloc(em->arena, sizeof(int *) * (size_t)(n + 1));  /* successors */
    int *nnext = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        Node *st = states->items[i];
        StateExtracts se = {em, emits, w, -1, -1, true};
        for (int j = 0; j < st->items.len; j++)
            scan_extracts(st->items.items[j], &se);
        if (!se.ok)
            return false;
        first[i] = se.first;
        last[i] = se.last;
        if (!st->body)
            continue;
        Node *tr = st->body->expr;
        int ncases = tr->kind == N_SELECT ? tr->items.len : 1;
        next[i] = arena_alloc(em->arena, sizeof(int) * (size_t)ncases);
        for (int c = 0; c < ncases; c++) {
            const Node *to = tr->kind == N_SELECT ? tr->items.items[c]->ref : tr->ref;
            for (int j = 0; j < n; j++)
                if (states->items[j] == to)
                    next[i][nnext[i]++] = j;
        }
    }
    /* A walk from each state over the states after it: none may extract a
     * header emitted before the state's last one. */
    int *seen = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));  /* walk i + 1 */
    int *todo = arena_alloc(em->arena, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        if (last[i] < 0)
            continue;
        int ntodo = 0;
        for (int from = i;; from = todo[--ntodo]) {
            for (int c = 0; c < nnext[from]; c++) {
                int j = next[from][c];
                if (seen[j] == i + 1)
                    continue;
                if (first[j] >= 0 && last[i] >= first[j])
                    return false;
                seen[j] = i + 1;
                todo[ntodo++] = j;
            }
            if (ntodo == 0)
                break;
        }
    }
    return true;
}

/* Whether header LV has assigned fields the deparser must write back
 * (not those that went straight into the packet, see plan_write_through). */
static bool fields_to_write_back(Emitter *em, const Writes *w, const IrPlace *h)
{
    return ir_field_written(w->hw, h, NULL) && write_through_slot(em, h) < 0;
}

/* Writes the fields of header H (C lvalue LV, emit I) at `p`: all of
 * them, or only those the program writes (W; NULL for all). */
static void emit_header_fields(Emitter *em, const Type *h, const char *lv, const Writes *w, int i)
{
    HeaderLeaf *leaf;
    int nleaves = header_leaves(em, h, &leaf);
    for (int f = 0; f < nleaves; f++) {
        int bit = leaf[f].bit;
        if (leaf[f].type->kind == T_VARBIT) {
            const char *vfield = leaf[f].member;
            emit_line(em, "for (u32 i = 0; i < %d; i++) {", leaf[f].type->width / 8);
            emit_line(em, "    if (i >= %s.%s_bits / 8)", lv, vfield);
            emit_line(em, "        break;");
            emit_line(em, "    if ((void *)(p + %d + i + 1) > data_end)", bit / 8);
            emit_line(em, "        return XDP_ABORTED;");
            emit_line(em, "    p[%d + i] = %s.%s[i];", bit / 8, lv, vfield);
            emit_line(em, "}");
            emit_line(em, "out_off += %s.%s_bits / 8;", lv, vfield);
            continue;
        }
        int width = value_width(leaf[f].type);
        const char *field = arena_printf(em->arena, "%s.%s", lv, leaf[f].member);
        if (!w || ir_field_written(w->hw, w->emitted[i], leaf[f].field)) {
            if (width > 64)
                copy_wide(em, field, arena_printf(em->arena, "p + %d", bit / 8), width / 8, true);
            else
                store_field(em, field, bit, width);
        }
    }
}

/* Before the packet start moves: the bytes of each extracted header that
 * will not stay in place go to a stack buffer (RAW[i] for emit i), so the
 * deparser copies them back instead of serializing every field (which
 * keeps all the fields alive, in registers or spilled, until the end).
 * Headers with varbit fields or beyond RAW_BUDGET bytes in all are
 * serialized as before. */
#define RAW_BUDGET 128
static void save_moving_headers(Emitter *em, const NodeList *emits, const Writes *w,
                                const char **raw)
{
    int budget = RAW_BUDGET;
    for (int i = 0; i < emits->len; i++)
        if (varbit_field(emits->items[i]->args.items[0]->expr->ty))
            return;   /* offsets after it are not known here */
    emit_line(em, "u32 save_off = 0;");
    for (int i = 0; i < emits->len; i++) {
        Node *target = emits->items[i]->args.items[0]->expr;
        int bytes = header_size_bits(target->ty) / 8;
        const char *lv = emit_lvalue(em, target);
        const char *at = extracted_offset(em, w->emitted[i]);
        int words = (bytes + 7) / 8;
        if (at && words * 8 <= budget && !w->stays[i]) {
            budget -= words * 8;
            raw[i] = new_temp(em, "raw");
            /* Zeroed: where clang cannot tell that the bytes are used
             * only when saved, an unset buffer is undefined, and it may
             * store any register, even a pointer the verifier refuses to
             * see written into the packet (the mri tutorial). */
            emit_line(em, "u64 %s[%d] = {0};", raw[i], words);
            int fixed = extracted_static_offset(em, w->emitted[i]);
            emit_line(em, "if (%s.ebpf_valid && %s != ~0u && %s != save_off + moved) {", lv, at,
                      fixed >= 0 ? arena_printf(em->arena, "%d", fixed) : at);
            em->indent++;
            if (fixed >= 0) {
                /* Always extracted there: a constant address. */
                emit_line(em, "if (data + %d > data_end)", fixed + bytes);
                emit_line(em, "    return XDP_ABORTED;");
                emit_line(em, "u8 *q = data + %d;", fixed);
            } else {
                /* Bounded, and hidden from clang first: it may know the
                 * offset on this path where the verifier does not (the
                 * parser's path shows in another register), and would
                 * drop the bound. Past 2 KiB the packet is aborted, as
                 * the writes below do: a clamp alone would read the
                 * header's bytes from the packet's start. */
                emit_line(em, "u32 at = %s;", at);
                emit_line(em, "asm volatile(\"\" : \"+r\"(at));");
                emit_line(em, "if (at >= 2048)");
                emit_line(em, "    return XDP_ABORTED;");
                emit_line(em, "at = p4cc_clamp(at, 2048);");
                emit_line(em, "if (data + at + %d > data_end)", bytes);
                emit_line(em, "    return XDP_ABORTED;");
                emit_line(em, "u8 *q = data + at;");
            }
            copy_wide(em, arena_printf(em->arena, "((u8 *)%s)", raw[i]), "q", bytes, false);
            em->indent--;
            emit_line(em, "}");
        }
        const char *valid = valid_cond(em, w, i, lv);
        if (valid) {
            emit_advance(em, valid, "save_off", arena_printf(em->arena, "%d", bytes));
        }
    }
}

/* The size of the emitted headers, and the move of the packet start when
 * it differs from the parsed size: a byte that was at offset o is at
 * o - moved after it. Headers that move are saved first (RAW). */
static void emit_packet_move(Emitter *em, const NodeList *emits, const Writes *writes,
                             const char **raw)
{
    emit_line(em, "int out_len = 0;");
    for (int i = 0; i < emits->len; i++) {
        Node *target = emits->items[i]->args.items[0]->expr;
        const Type *h = target->ty;
        const char *valid = valid_cond(em, writes, i, emit_lvalue(em, target));
        if (!valid)
            continue;
        if (varbit_field(h))
            emit_advance(em, valid, "out_len", arena_printf(em->arena, "%d + %s.%s_bits / 8",
                                                            header_size_bits(h) / 8,
                                                            emit_lvalue(em, target),
                                                            c_ident(em, varbit_field(h)->name)));
        else
            emit_advance(em, valid, "out_len",
                         arena_printf(em->arena, "%d", header_size_bits(h) / 8));
    }
    emit_line(em, "int moved = (int)pkt_off - out_len;");
    if (!writes->hw->unknown)
        save_moving_headers(em, emits, writes, raw);
    emit_line(em, "if (moved) {");
    emit_line(em, "    if (bpf_xdp_adjust_head(ctx, moved))");
    emit_line(em, "        return XDP_ABORTED;");
    emit_line(em, "    data = (void *)(long)ctx->data;");
    emit_line(em, "    data_end = (void *)(long)ctx->data_end;");
    emit_line(em, "}");
}

/* The writes of the emitted headers: IN_PLACE when they are known to be
 * where the parser found them, else after emit_packet_move (RAW). */
static void emit_header_writes(Emitter *em, const NodeList *emits, const Writes *writes,
                               bool in_place, const char **raw)
{
    emit_line(em, "u32 out_off = 0;");
    for (int i = 0; i < emits->len; i++) {
        Node *target = emits->items[i]->args.items[0]->expr;
        const Type *h = target->ty;
        int bytes = header_size_bits(h) / 8;
        const char *lv = emit_lvalue(em, target);
        const IrPlace *place = writes->emitted[i];
        const char *at = extracted_offset(em, place);
        const char *valid = valid_cond(em, writes, i, lv);
        if (!valid)
            continue;
        emit_line_directive(em, emits->items[i]);
        bool untouched = !fields_to_write_back(em, writes, place);
        if (at && (in_place || (writes->stays[i] && !ir_may_be_made_valid(writes->hw, place))) &&
            untouched) {
            emit_line(em, "/* already in the packet */");
            emit_advance(em, valid, "out_off", arena_printf(em->arena, "%d", bytes));
            continue;
        }
        if (strcmp(valid, "1") == 0)
            emit_line(em, "{");
        else
            emit_line(em, "if (%s) {", valid);
        em->indent++;
        emit_line(em, "if (out_off > 2048 || data + out_off + %d > data_end)", bytes);
        emit_line(em, "    return XDP_ABORTED;");
        emit_line(em, "u8 *p = data + out_off;");
        /* A header still where the parser found it holds its bytes: only
         * the fields the program assigns are written back. */
        if (at && in_place) {
            emit_header_fields(em, h, lv, writes, i);
        } else if (at && writes->stays[i]) {
            /* Valid and extracted: still where the parser found it. */
            bool only_extracted = !ir_may_be_made_valid(writes->hw, place);
            if (!only_extracted) {
                emit_line(em, "if (%s != ~0u) {", at);
                em->indent++;
            }
            if (fields_to_write_back(em, writes, place))
                emit_header_fields(em, h, lv, writes, i);
            else
                emit_line(em, "/* already in the packet */");
            if (!only_extracted) {
                em->indent--;
                emit_line(em, "} else {");
                em->indent++;
                emit_header_fields(em, h, lv, NULL, i);
                em->indent--;
                emit_line(em, "}");
            }
        } else if (at && !writes->hw->unknown && !varbit_field(h)) {
            int fixed = extracted_static_offset(em, place);
            emit_line(em, "if (%s != ~0u && %s == out_off + moved) {", at,
                      fixed >= 0 ? arena_printf(em->arena, "%d", fixed) : at);
            em->indent++;
            if (fields_to_write_back(em, writes, place))
                emit_header_fields(em, h, lv, writes, i);
            else
                emit_line(em, "/* already in the packet */");
            em->indent--;
            bool only_extracted = !ir_may_be_made_valid(writes->hw, place);
            if (raw[i]) {
                /* Moved: its saved bytes, then what the program assigned.
                 * A header nothing sets valid was extracted if it is
                 * valid: no serializing of fields is needed (or kept). */
                if (only_extracted)
                    emit_line(em, "} else {");
                else
                    emit_line(em, "} else if (%s != ~0u) {", at);
                em->indent++;
                copy_wide(em, arena_printf(em->arena, "((u8 *)%s)", raw[i]), "p", bytes, true);
                if (fields_to_write_back(em, writes, place))
                    emit_header_fields(em, h, lv, writes, i);
                em->indent--;
            }
            if (!raw[i] || !only_extracted) {
                emit_line(em, "} else {");
                em->indent++;
                emit_header_fields(em, h, lv, NULL, i);
                em->indent--;
            }
            emit_line(em, "}");
        } else {
            emit_header_fields(em, h, lv, NULL, i);
        }
        em->indent--;
        emit_line(em, "}");
        emit_advance(em, valid, "out_off", arena_printf(em->arena, "%d", bytes));
    }
}

/* Whether header H may become valid or invalid in the program (NULL: an
 * emit of what is no place, which may be anything). */
static bool validity_may_change(const Writes *w, const IrPlace *h)
{
    if (!h)
        return true;
    for (int i = 0; i < w->hw->changed_within.len; i++)
        if (ir_place_within(h, &w->hw->changed_within.items[i]))
            return true;
    return ir_place_list_find(&w->hw->made_invalid, h) >= 0 || ir_may_be_made_valid(w->hw, h);
}

/* With the parser's order keeping headers in place (headers_stay_in_place
 * ignoring validity), a valid, extracted header moves only when the total
 * size of what is emitted after it differs from what was parsed after it:
 * never when no header emitted after it changes validity (the bytes after
 * it are then the same headers). Such a header needs no save, no run-time
 * position check, no copy (W->stays). Not with header unions, whose
 * extracts change the validity of their other members. */
static void find_staying_headers(Emitter *em, const NodeList *emits, Writes *w)
{
    if (w->hw->unknown)
        return;
    for (int i = 0; i < emits->len; i++) {
        Node *t = emits->items[i]->args.items[0]->expr;
        if (t->kind == N_MEMBER && t->expr->ty && t->expr->ty->kind == T_UNION)
            return;
    }
    bool later_changes = false;
    for (int i = emits->len - 1; i >= 0; i--) {
        w->stays[i] = !later_changes && extracted_offset(em, w->emitted[i]);
        later_changes = later_changes || validity_may_change(w, w->emitted[i]);
    }
}

/* Whether the valid headers are exactly the extracted ones (then, when
 * the parser's order allows it, every header is in place); NULL when
 * that cannot be on this copy of the deparser (W->known).
 * When W knows every write, validity changes only by an extract (which
 * also records the header's offset) or by a statement that sets
 * st->validity_changed: while that is 0, each header with an offset is
 * valid exactly when it was extracted. The flag is a constant on each
 * path through the control, so clang folds the test away where no path
 * changes validity (a compare of valid bits with offsets it does not
 * fold: both are joins over every parser path). */
static const char *validity_unchanged(Emitter *em, const NodeList *emits, const Writes *w)
{
    const char *cond = w->hw->unknown ? "1" : "!st->validity_changed";
    for (int i = 0; i < emits->len; i++) {
        const char *at = extracted_offset(em, w->emitted[i]);
        if (w->known[i] && !at) {
            if (w->known[i] > 0)
                return NULL;
            continue;
        }
        if (at && !w->hw->unknown)
            continue;
        const char *lv = emit_lvalue(em, emits->items[i]->args.items[0]->expr);
        cond = at ? arena_printf(em->arena, "%s && %s.ebpf_valid == (%s != ~0u)", cond, lv, at)
                  : arena_printf(em->arena, "%s && !%s.ebpf_valid", cond, lv);
    }
    return cond;
}

/* One copy of the deparser's body, for the validity W->known gives. */
static void emit_deparser_copy(Emitter *em, const NodeList *emits, Writes *w, bool in_place,
                               bool in_place_unless_validity)
{
    const char **raw = arena_alloc(em->arena, sizeof *raw * (size_t)emits->len);
    if (in_place) {
        emit_line(em, "/* the headers are where the parser found them: no move */");
        emit_header_writes(em, emits, w, true, raw);
        return;
    }
    const char *unchanged = in_place_unless_validity ? validity_unchanged(em, emits, w) : NULL;
    if (unchanged) {
        emit_line(em, "if (%s) {", unchanged);
        em->indent++;
        emit_header_writes(em, emits, w, true, raw);
        em->indent--;
        emit_line(em, "} else {");
        em->indent++;
    }
    emit_packet_move(em, emits, w, raw);
    emit_header_writes(em, emits, w, false, raw);
    if (unchanged) {
        em->indent--;
        emit_line(em, "}");
    }
}

/* Headers the parser never extracts and the program may set valid (an
 * encapsulation's outer header) are valid on some control paths only:
 * their fields, live in registers on those paths, would otherwise meet
 * the zeros of all other paths where the paths join before the one
 * deparser (a register move per field and path). With a copy of the
 * deparser per validity of such headers (at most MAX_SPLITS of them),
 * clang sends each path to its own copy, where those values arrive from
 * one side only. */
#define MAX_SPLITS 2
static void emit_deparser_split(Emitter *em, const NodeList *emits, Writes *w, int from,
                                int splits, bool in_place, bool in_place_unless_validity)
{
    int i = from;
    while (i < emits->len) {
        if (!extracted_offset(em, w->emitted[i]) && ir_may_be_made_valid(w->hw, w->emitted[i]) &&
            splits < MAX_SPLITS)
            break;
        i++;
    }
    if (i >= emits->len) {
        emit_deparser_copy(em, emits, w, in_place, in_place_unless_validity);
        return;
    }
    const char *lv = emit_lvalue(em, emits->items[i]->args.items[0]->expr);
    emit_line(em, "if (%s.ebpf_valid) {", lv);
    em->indent++;
    w->known[i] = 1;
    emit_deparser_split(em, emits, w, i + 1, splits + 1, in_place, in_place_unless_validity);
    em->indent--;
    emit_line(em, "} else {");
    em->indent++;
    w->known[i] = -1;
    emit_deparser_split(em, emits, w, i + 1, splits + 1, in_place, in_place_unless_validity);
    w->known[i] = 0;
    em->indent--;
    emit_line(em, "}");
}

/* The deparser's if conditions, each computed once into a local before
 * anything moves (a condition may read a header through the packet,
 * read_through_field), and each emit's guard as a C condition over them:
 * 0 or 1, so that emit_advance stays branchless. */
static const char **emit_guards(Emitter *em, const Collected *c)
{
    if (!c->ifs.len)
        return NULL;
    const char **names = arena_alloc(em->arena, sizeof *names * (size_t)c->ifs.len);
    for (int i = 0; i < c->ifs.len; i++) {
        names[i] = new_temp(em, "dep_if");
        emit_line(em, "u8 %s = (%s) ? 1 : 0;", names[i], emit_expr(em, c->ifs.items[i]->expr));
    }
    const char **guard = arena_alloc(em->arena, sizeof *guard * (size_t)(c->emits.len + 1));
    for (int e = 0; e < c->emits.len; e++) {
        const char *text = NULL;
        for (const Guard *g = c->guards[e]; g; g = g->up) {
            int k = 0;
            while (c->ifs.items[k] != g->iff)
                k++;
            const char *term = arena_printf(em->arena, "%s%s", g->negated ? "!" : "", names[k]);
            text = text ? arena_printf(em->arena, "%s & %s", term, text) : term;
        }
        guard[e] = text ? arena_printf(em->arena, "(%s)", text) : NULL;
    }
    return guard;
}

/* Only what the deparser computes, no emit (PSA's resubmit: the packet
 * goes back as it came in, with the metadata the deparser writes). */
void emit_deparser_computations(Emitter *em)
{
    Collected c = {0};
    if (!collect_emits(em, em->ir->deparser->body, &c, NULL, false))
        return;
    for (int i = 0; i < c.pre.len; i++)
        emit_statement(em, c.pre.items[i]);
}

void emit_deparser(Emitter *em)
{
    Collected c = {0};
    if (!collect_emits(em, em->ir->deparser->body, &c, NULL, false))
        return;
    for (int i = 0; i < c.pre.len; i++)
        emit_statement(em, c.pre.items[i]);
    NodeList emits = c.emits;
    for (int i = 0; i < emits.len; i++) {
        const Type *h = emits.items[i]->args.items[0]->expr->ty;
        if (!h || h->kind != T_HEADER || !header_layout_ok(em, emits.items[i], h))
            return;
    }
    if (em->bit_mode) {
        emit_bit_deparser(em, &emits);
        return;
    }
    Writes writes = {.hw = em->ir->header_writes, .emitted = emitted_places(em, &emits)};
    writes.stays = arena_alloc(em->arena, sizeof *writes.stays * (size_t)emits.len);
    writes.known = arena_alloc(em->arena, sizeof *writes.known * (size_t)emits.len);
    /* A valid header an if leaves out is no longer where the emits after
     * it expect it: no proof of headers in place (only run-time checks). */
    bool in_place = !c.ifs.len && headers_stay_in_place(em, &emits, &writes, false);
    /* Validity changes, but the parser's order would keep the headers in
     * place: packets whose valid headers are the extracted ones (a tunnel
     * packet not encapsulated or decapsulated) take the in-place writes. */
    bool in_place_unless_validity = !c.ifs.len && !in_place &&
                                    headers_stay_in_place(em, &emits, &writes, true);
    if (in_place_unless_validity)
        find_staying_headers(em, &emits, &writes);
    emit_line(em, "/* deparser %s */", em->ir->deparser->name);
    emit_line(em, "{");
    em->indent++;
    writes.guard = emit_guards(em, &c);
    emit_deparser_split(em, &emits, &writes, 0, 0, in_place, in_place_unless_validity);
    em->indent--;
    emit_line(em, "}");
}

/* ---- assigned fields written straight into the packet ---- */

/* The slot of header H in struct p4cc_hdr_ptrs, or -1. */
int write_through_slot(Emitter *em, const IrPlace *h)
{
    for (int i = 0; h && i < em->nwrite_through; i++)
        if (ir_place_equal(&em->write_through[i], h))
            return i;
    return -1;
}

/* Whether every write the program makes to header H (a place) is a plain
 * assignment to a field of at most 64 bits. */
static bool simple_writes(const Writes *w, const IrPlace *place, const Type *h)
{
    for (int i = 0; i < w->hw->n; i++) {
        if (!ir_place_equal(&w->hw->items[i].header, place))
            continue;
        if (w->hw->items[i].by_call)
            return false;
        int width = 0;
        for (int f = 0; f < h->nfields; f++)
            if (strcmp(h->fields[f].name, w->hw->items[i].field) == 0 &&
                h->fields[f].type->kind != T_STRUCT)
                width = value_width(h->fields[f].type);
        if (width <= 0 || width > 64)
            return false;
    }
    return true;
}

/* An assignment to a field of an extracted header stores the new value
 * into the packet at once, where the parser found the header, through the
 * pointer the parser kept in struct p4cc_hdr_ptrs (`hp`, on the stack: the
 * verifier keeps a spilled packet pointer's checked range). The deparser
 * then writes none of that header's fields: a header still in place holds
 * them already, one that moves is copied from its old bytes (saved after
 * the control ran), and one that setValid() made valid without extraction
 * is serialized whole as before. Bytes written to a header that ends up
 * invalid lie in the parsed region, which the emitted headers cover or
 * the packet start moves past. So a path that assigns nothing writes
 * nothing, and need not extract what it does not read; before, every path
 * wrote back every field some path assigned. Headers written through
 * out/inout arguments, emitted twice, or with wide or varbit fields keep
 * the deparser's writes; so does a program with extern C functions (which
 * may move the packet, invalidating the pointers) or with writes the
 * analysis cannot follow (then every header is written back whole), and
 * every emitted header after the first WRITE_THROUGH_MAX written ones (the
 * pointers live on the stack). */
#define WRITE_THROUGH_MAX 32 /* struct p4cc_hdr_ptrs: 256 of the 512 bytes of stack */

static bool find_header_field_write(Node *n, void *ctx)
{
    bool *found = ctx;
    if (n->kind == N_ASSIGN && n->lhs->kind == N_MEMBER && n->lhs->expr->ty &&
        n->lhs->expr->ty->kind == T_HEADER)
        *found = true;
    return !*found;
}

/* Whether the parser assigns a header's field. In v1model, where the
 * state may live in bytes the verifier does not follow, a parser loop
 * counting in a header field (parser-unroll-test9.p4) then stores the
 * count into the packet and clang reads it back from there: every round
 * looks the same to the verifier, which reports an infinite loop. */
static bool parser_writes_header_fields(IrProgram *ir)
{
    bool found = false;
    AstWalker w = {.pre = find_header_field_write, .ctx = &found};
    for (int i = 0; ir->parser && i < ir->parser->states.len && !found; i++)
        ast_walk(ir->parser->states.items[i], &w);
    return found;
}

void plan_write_through(Emitter *em)
{
    Collected c = {0};
    /* v1model: not with clones, resubmits or recirculation (they take the
     * packet as it came in) nor copies (the egress copy's own parse). */
    bool v1model_ok = em->ir->arch == ARCH_V1MODEL && !em->multicast && !em->clones &&
                      !em->recirculates && !parser_writes_header_fields(em->ir);
    if ((em->ir->arch != ARCH_XDP && !v1model_ok) || !em->ir->deparser || em->has_extern_c ||
        em->bit_mode ||
        !collect_emits(em, em->ir->deparser->body, &c, NULL, true))
        return;
    NodeList emits = c.emits;
    for (int i = 0; i < emits.len; i++)
        if (!emits.items[i]->args.items[0]->expr->ty ||
            emits.items[i]->args.items[0]->expr->ty->kind != T_HEADER)
            return;
    find_parser_headers(em);
    Writes writes = {.hw = em->ir->header_writes, .emitted = emitted_places(em, &emits)};
    if (writes.hw->unknown)
        return;
    em->write_through = arena_alloc(em->arena, sizeof *em->write_through * (size_t)emits.len);
    em->read_through = arena_alloc(em->arena, sizeof(bool) * (size_t)emits.len);
    Node **written = arena_alloc(em->arena, sizeof *written * (size_t)emits.len);
    for (int i = 0; i < emits.len && em->nwrite_through < WRITE_THROUGH_MAX; i++) {
        Node *target = emits.items[i]->args.items[0]->expr;
        const IrPlace *place = writes.emitted[i];
        if (extracted_offset(em, place) && emit_position(&emits, &writes, place) == i &&
            !varbit_field(target->ty) && ir_field_written(writes.hw, place, NULL) &&
            simple_writes(&writes, place, target->ty)) {
            int slot = em->nwrite_through++;
            em->write_through[slot] = *place;
            written[slot] = target;
            /* Valid only by extraction: while it is, its bytes in the packet
             * hold its fields (assignments store there too), so reads of a
             * valid one come from there, where clang cannot hoist them
             * above helper calls as it does the parser's loads
             * (ipv4_router's TTL and checksum, loaded before a route lookup
             * that misses). An invalid header's fields read as 0, one of
             * the values the spec leaves them ("Reading uninitialized
             * values and writing fields of invalid headers"): then the
             * parser's copies are dead and clang drops their loads.
             * Not in v1model, whose state may live in a map or in bytes
             * of the stack the verifier does not follow: it would not
             * see that a valid header has its pointer. */
            em->read_through[slot] = em->ir->arch == ARCH_XDP &&
                                     !ir_may_be_made_valid(writes.hw, place);
        }
    }
    if (!em->nwrite_through)
        return;
    fputs("/* Where the parser found the headers whose assigned fields are written\n"
          " * straight into the packet (NULL: not extracted). */\n"
          "struct p4cc_hdr_ptrs {\n", em->out);
    for (int i = 0; i < em->nwrite_through; i++)
        fprintf(em->out, "    u8 *h%d; /* %s */\n", i, emit_lvalue(em, written[i]));
    fputs("};\n\n", em->out);
}

/* After an assignment to LHS: the new value of the field it is in, stored
 * into the packet when its header is written through. */
void emit_write_through(Emitter *em, Node *lhs)
{
    if (!em->nwrite_through)
        return;
    Node *field, *header = ir_enclosing_header(lhs, &field);
    IrPlace place;
    if (!header || field->kind != N_MEMBER || !ir_place_of(em->ir, header, &place))
        return;
    int slot = write_through_slot(em, &place);
    if (slot < 0)
        return;
    const Type *h = header->ty;
    int bit = 0;
    for (int f = 0; f < h->nfields; f++) {
        int width = packed_bits(h->fields[f].type);
        if (strcmp(h->fields[f].name, field->name) == 0) {
            emit_line(em, "if (hp->h%d) {", slot);
            em->indent++;
            emit_line(em, "u8 *p = hp->h%d;", slot);
            store_field(em, emit_lvalue(em, field), bit, width);
            em->indent--;
            emit_line(em, "}");
            return;
        }
        bit += width;
    }
}
