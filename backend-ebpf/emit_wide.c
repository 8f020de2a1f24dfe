/* Values wider than 64 bits. They live in byte arrays, most significant
 * byte first (network order, as in the packet), the value right-aligned:
 * a bit<W> takes (W+7)/8 bytes and the unused top bits of byte 0 stay 0.
 * Arithmetic on them runs as statements: every wide operation stores its
 * result in a temporary array through a small helper (include/p4cc/wide.h; for
 * `*`, unrolled code), so C expressions only ever see arrays (fields,
 * temporaries, compound literals for constants). A wide value used by a narrow expression (a comparison,
 * a cast to 64 bits or fewer, a narrow slice) is computed before the
 * statement that uses it ("hoisted") and read from its temporary. */
#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

enum { WIDE_MAX_BYTES = 32 };   /* the helpers' scratch arrays */

/* The temporaries computed before the statement being emitted
 * (Emitter.wide_temps), by the node whose value each holds: open
 * addressing over the nodes' addresses, as emit_expr looks every node up
 * and a long statement has many. */
struct WideTemp {
    const Node **nodes;
    const char **c_names;
    unsigned mask, count;
};

static bool is_wide(const Node *e)
{
    return e && value_width(e->ty) > 64;
}

static int nbytes(int w)
{
    return bytes_of_bits(w);
}

static unsigned temp_slot(const struct WideTemp *t, const Node *e)
{
    return (unsigned)(((uintptr_t)e >> 4) * 2654435761u) & t->mask;
}

const char *wide_hoisted(Emitter *em, const Node *e)
{
    const struct WideTemp *t = em->wide_temps;
    if (!t)
        return NULL;
    for (unsigned i = temp_slot(t, e); t->nodes[i]; i = (i + 1) & t->mask)
        if (t->nodes[i] == e)
            return t->c_names[i];
    return NULL;
}

void wide_const_bytes(const char *digits, int w, unsigned char *out)
{
    int n = nbytes(w);
    bool negative = digits[0] == '-';
    memset(out, 0, (size_t)n);
    for (const char *p = digits + negative; *p >= '0' && *p <= '9'; p++) {
        unsigned carry = (unsigned)(*p - '0');
        for (int i = n - 1; i >= 0; i--) {
            unsigned x = out[i] * 10u + carry;
            out[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    if (negative) {   /* modulo 2^W: two's complement */
        unsigned carry = 1;
        for (int i = n - 1; i >= 0; i--) {
            unsigned x = (unsigned char)~out[i] + carry;
            out[i] = (unsigned char)x;
            carry = x >> 8;
        }
    }
    if (w % 8)
        out[0] &= (unsigned char)((1u << (w % 8)) - 1);
}

const char *emit_wide_const(Emitter *em, const Node *e, const char *digits)
{
    int w = value_width(e->ty), n = nbytes(w);
    unsigned char bytes[512];
    if (n > (int)sizeof bytes) {
        emit_error_at(em, e, "constants wider than %d bits are not supported by the XDP backend",
                      8 * (int)sizeof bytes);
        return "0";
    }
    wide_const_bytes(digits, w, bytes);
    const char *text = "";
    for (int i = 0; i < n; i++)
        text = arena_printf(em->arena, "%s%s0x%02x", text, i ? ", " : "", bytes[i]);
    return arena_printf(em->arena, "((const u8[%d]){%s})", n, text);
}

static const char *new_array(Emitter *em, int w)
{
    const char *t = new_temp(em, "wide");
    emit_line(em, "u8 %s[%d];", t, nbytes(w));
    return t;
}

/* Clears the bits of byte 0 above W. */
static void mask_top(Emitter *em, const char *t, int w)
{
    if (w % 8)
        emit_line(em, "%s[0] &= 0x%x;", t, (1u << (w % 8)) - 1);
}

static long const_of(const Node *e)
{
    uint64_t v;
    if (!e->value || !const_value_u64(e->value, &v))
        return -1;
    return v > 100000 ? 100000 : (long)v;
}

static const char *eval(Emitter *em, Node *e, int w);

/* K when constant E (W bits) is 2^K, else -1. */
static int power_of_two(const Node *e, int w)
{
    if (!e->value || e->value->kind != CV_INT || e->value->digits[0] == '-')
        return -1;
    unsigned char bytes[WIDE_MAX_BYTES];
    if (nbytes(w) > WIDE_MAX_BYTES)
        return -1;
    wide_const_bytes(e->value->digits, w, bytes);
    int k = -1;
    for (int i = 0; i < nbytes(w); i++)
        for (int b = 0; b < 8; b++)
            if (bytes[i] >> b & 1) {
                if (k >= 0)
                    return -1;
                k = 8 * (nbytes(w) - 1 - i) + b;
            }
    return k;
}

/* E (any width, not signed) as a W-bit array. */
static const char *eval_as(Emitter *em, Node *e, int w)
{
    int ew = value_width(e->ty);
    if (ew == w)
        return eval(em, e, w);
    const char *t = new_array(em, w);
    if (ew <= 64)
        emit_line(em, "p4cc_w_from64(%s, (u64)(%s), %d);", t, emit_expr(em, e), nbytes(w));
    else
        emit_line(em, "p4cc_w_resize(%s, %d, %s, %d);", t, nbytes(w), eval(em, e, ew),
                  nbytes(ew));
    mask_top(em, t, w);
    return t;
}

/* A shift of A (W bits) by a constant K into T. */
static void shift_const(Emitter *em, const char *t, const char *a, int w, long k, bool left)
{
    if (k >= w)
        emit_line(em, "__builtin_memset(%s, 0, %d);", t, nbytes(w));
    else
        emit_line(em, "p4cc_w_shift(%s, %s, %d, %ld, %d);", t, a, nbytes(w), k, left);
    if (left)
        mask_top(em, t, w);
}

/* A shift by a run-time amount: one conditional constant shift per bit of
 * the amount, so the verifier only sees constant stack offsets. */
static void shift_var(Emitter *em, const char *t, const char *a, Node *amount, int w, bool left)
{
    if (is_wide(amount)) {
        emit_error_at(em, amount, "a shift amount wider than 64 bits is not supported by the "
                                  "XDP backend");
        return;
    }
    const char *k = new_temp(em, "amount");
    emit_line(em, "u64 %s = %s;", k, emit_expr(em, amount));
    emit_line(em, "p4cc_w_resize(%s, %d, %s, %d);", t, nbytes(w), a, nbytes(w));
    emit_line(em, "if (%s >= %d) {", k, w);
    emit_line(em, "    __builtin_memset(%s, 0, %d);", t, nbytes(w));
    emit_line(em, "} else {");
    for (long bit = 1; bit < w; bit <<= 1)
        emit_line(em, "    if (%s & %ld) p4cc_w_shift(%s, %s, %d, %ld, %d);", k, bit, t, t,
                  nbytes(w), bit, left);
    emit_line(em, "}");
    if (left)
        mask_top(em, t, w);
}

/* The 32-bit limb I (least significant first) of array X (N bytes). */
static const char *limb(Emitter *em, const char *x, int n, int i)
{
    const char *v = "0";
    for (int b = 0; b < 4 && 4 * i + b < n; b++)
        v = arena_printf(em->arena, "%s | (u64)%s[%d] << %d", v, x, n - 1 - 4 * i - b, 8 * b);
    return v;
}

/* T = A * B modulo 2^(8N), schoolbook on 32-bit limbs held in scalars:
 * a loop over the bytes would index the stack with a variable, which the
 * verifier does not always accept. Column sums stay below 2^37. */
static void emit_mul(Emitter *em, const char *t, const char *a, const char *b, int n)
{
    int k = (n + 3) / 4;
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "const u8 *ma = %s, *mb = %s;", a, b);
    for (int i = 0; i < k; i++) {
        emit_line(em, "u64 ma%d = %s, mb%d = %s;", i, limb(em, "ma", n, i), i, limb(em, "mb", n, i));
        emit_line(em, "u64 col%d = 0;", i);
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; i + j < k; j++) {
            emit_line(em, "col%d += (ma%d * mb%d) & 0xffffffffULL;", i + j, i, j);
            if (i + j + 1 < k)
                emit_line(em, "col%d += (ma%d * mb%d) >> 32;", i + j + 1, i, j);
        }
    for (int i = 0; i + 1 < k; i++)
        emit_line(em, "col%d += col%d >> 32;", i + 1, i);
    for (int q = 0; q < n; q++)
        emit_line(em, "%s[%d] = (u8)(col%d >> %d);", t, n - 1 - q, q / 4, 8 * (q % 4));
    em->indent--;
    emit_line(em, "}");
}

static const char *binary(Emitter *em, Node *e, int w)
{
    int n = nbytes(w);
    const char *t;
    switch (e->op) {
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_BIT_AND: case OP_BIT_OR: case OP_BIT_XOR: {
        const char *a = eval_as(em, e->lhs, w), *b = eval_as(em, e->rhs, w);
        t = new_array(em, w);
        if (e->op == OP_ADD || e->op == OP_SUB)
            emit_line(em, "p4cc_w_%s(%s, %s, %s, %d);", e->op == OP_ADD ? "add" : "sub", t, a, b,
                      n);
        else if (e->op == OP_MUL)
            emit_mul(em, t, a, b, n);
        else
            emit_line(em, "p4cc_w_logic(%s, %s, %s, %d, %d);", t, a, b, n,
                      e->op == OP_BIT_AND ? 0 : e->op == OP_BIT_OR ? 1 : 2);
        mask_top(em, t, w);
        return t;
    }
    case OP_ADD_SAT: case OP_SUB_SAT: {
        const char *a = eval_as(em, e->lhs, w), *b = eval_as(em, e->rhs, w);
        t = new_array(em, w);
        bool add = e->op == OP_ADD_SAT;
        /* W is a multiple of 8 here, so the carry out of byte 0 is the
         * overflow. */
        emit_line(em, "if (p4cc_w_%s(%s, %s, %s, %d)) __builtin_memset(%s, %s, %d);",
                  add ? "add" : "sub", t, a, b, n, t, add ? "0xff" : "0", n);
        return t;
    }
    case OP_SHL: case OP_SHR: {
        const char *a = eval(em, e->lhs, w);
        t = new_array(em, w);
        long k = const_of(e->rhs);
        if (k >= 0)
            shift_const(em, t, a, w, k, e->op == OP_SHL);
        else
            shift_var(em, t, a, e->rhs, w, e->op == OP_SHL);
        return t;
    }
    case OP_CONCAT: {
        int rw = value_width(e->rhs->ty);
        const char *hi = eval_as(em, e->lhs, w), *lo = eval_as(em, e->rhs, w);
        t = new_array(em, w);
        shift_const(em, t, hi, w, rw, true);
        emit_line(em, "p4cc_w_logic(%s, %s, %s, %d, 1);", t, t, lo, n);
        return t;
    }
    case OP_DIV: case OP_MOD: {
        int k = power_of_two(e->rhs, w);
        if (k < 0) {
            emit_error_at(em, e, "'%s' on values wider than 64 bits is only supported by the XDP "
                                 "backend with a constant power of two as divisor",
                          op_text(e->op));
            return "0";
        }
        const char *a = eval(em, e->lhs, w);
        t = new_array(em, w);
        if (e->op == OP_DIV) {
            shift_const(em, t, a, w, k, false);
            return t;
        }
        /* a % 2^k keeps the low k bits: shift them to the top and back. */
        shift_const(em, t, a, w, w - k, true);
        shift_const(em, t, t, w, w - k, false);
        return t;
    }
    default:
        emit_error_at(em, e, "operator '%s' on values wider than 64 bits is not supported by the "
                             "XDP backend", op_text(e->op));
        return "0";
    }
}

static const char *slice(Emitter *em, Node *e, int w)
{
    long lo = const_of(e->rhs);
    int bw = value_width(e->expr->ty);
    if (lo < 0) {
        emit_error_at(em, e, "this slice is not supported by the XDP backend");
        return "0";
    }
    const char *a = eval(em, e->expr, bw);
    const char *shifted = new_array(em, bw);
    shift_const(em, shifted, a, bw, lo, false);
    const char *t = new_array(em, w);
    emit_line(em, "p4cc_w_resize(%s, %d, %s, %d);", t, nbytes(w), shifted, nbytes(bw));
    mask_top(em, t, w);
    return t;
}

/* E's value (W bits) in an array; returns the array's C expression. */
static const char *eval(Emitter *em, Node *e, int w)
{
    const char *h = wide_hoisted(em, e);
    if (h)
        return h;
    if (e->ty && e->ty->kind == T_BITS && e->ty->is_signed) {
        emit_error_at(em, e, "int<%d>: signed values wider than 64 bits are not supported by "
                             "the XDP backend", w);
        return "0";
    }
    switch (e->kind) {
    case N_INT: case N_MEMBER: case N_INDEX:
        return emit_expr(em, e);
    case N_NAME:
        if (e->ref && e->ref->kind == N_CONST && !(e->ref->value && e->ref->value->kind == CV_INT)
            && e->ref->expr)
            return eval(em, e->ref->expr, w);
        return emit_expr(em, e);
    case N_BINARY:
        return binary(em, e, w);
    case N_UNARY: {
        const char *a = eval(em, e->expr, w), *t = new_array(em, w);
        if (e->op == OP_COMPLEMENT) {
            emit_line(em, "p4cc_w_logic(%s, %s, %s, %d, 3);", t, a, a, nbytes(w));
        } else if (e->op == OP_NEGATE) {
            emit_line(em, "__builtin_memset(%s, 0, %d);", t, nbytes(w));
            emit_line(em, "p4cc_w_sub(%s, %s, %s, %d);", t, t, a, nbytes(w));
        } else {
            emit_line(em, "p4cc_w_resize(%s, %d, %s, %d);", t, nbytes(w), a, nbytes(w));
        }
        mask_top(em, t, w);
        return t;
    }
    case N_CAST:
        if (e->expr->ty && e->expr->ty->kind == T_BITS && e->expr->ty->is_signed) {
            emit_error_at(em, e, "casting a signed value to bit<%d> is not supported by the XDP "
                                 "backend", w);
            return "0";
        }
        return eval_as(em, e->expr, w);
    case N_SLICE:
        return slice(em, e, w);
    case N_TERNARY: {
        const char *a = eval(em, e->lhs, w), *b = eval(em, e->rhs, w), *t = new_array(em, w);
        emit_line(em, "if (%s) p4cc_w_resize(%s, %d, %s, %d);", emit_expr(em, e->expr), t,
                  nbytes(w), a, nbytes(w));
        emit_line(em, "else p4cc_w_resize(%s, %d, %s, %d);", t, nbytes(w), b, nbytes(w));
        return t;
    }
    default:
        emit_error_at(em, e, "this expression of type bit<%d> is not supported by the XDP "
                             "backend (values wider than 64 bits)", w);
        return "0";
    }
}

/* Whether E's wide parts whose width is not a multiple of 8 compute only
 * with bits in place (concatenation, slices, casts, shifts, and, or, xor,
 * complement): right-aligned arrays with the top byte masked get those
 * right, where arithmetic's carries and saturation need whole bytes. */
static bool bits_in_place(const Node *e)
{
    if (!e)
        return true;
    int w = value_width(e->ty);
    if (w > 64 && w % 8) {
        switch (e->kind) {
        case N_INT: case N_MEMBER: case N_INDEX: case N_NAME: case N_CAST: case N_SLICE:
        case N_TERNARY:
            break;
        case N_BINARY:
            if (e->op != OP_CONCAT && e->op != OP_BIT_AND && e->op != OP_BIT_OR &&
                e->op != OP_BIT_XOR && e->op != OP_SHL && e->op != OP_SHR)
                return false;
            break;
        case N_UNARY:
            if (e->op != OP_COMPLEMENT)
                return false;
            break;
        default:
            return false;
        }
    }
    if (e->kind == N_SLICE)
        return bits_in_place(e->expr);
    return bits_in_place(e->expr) && bits_in_place(e->lhs) && bits_in_place(e->rhs);
}

static bool check_width(Emitter *em, const Node *e, int w)
{
    if (!bits_in_place(e)) {
        emit_error_at(em, e, "bit<%d>: computing on values wider than 64 bits whose width is not "
                             "a multiple of 8 is not supported by the XDP backend", w);
        return false;
    }
    if (nbytes(w) > WIDE_MAX_BYTES) {
        emit_error_at(em, e, "bit<%d>: computing on values wider than %d bits is not supported "
                             "by the XDP backend", w, 8 * WIDE_MAX_BYTES);
        return false;
    }
    return true;
}

static bool is_plain(const Node *e)
{
    return e->kind == N_INT || e->kind == N_MEMBER || e->kind == N_INDEX ||
           (e->kind == N_NAME && !(e->ref && e->ref->kind == N_CONST &&
                                   !(e->ref->value && e->ref->value->kind == CV_INT)));
}

/* E's value (W bits) as an array: its own when it is one, else computed
 * by statements into a temporary of the current block. */
const char *emit_wide_value(Emitter *em, Node *e, int w)
{
    const char *h = wide_hoisted(em, e);
    if (h)
        return h;
    if (is_plain(e) && value_width(e->ty) == w)
        return emit_expr(em, e);
    return check_width(em, e, w) ? eval_as(em, e, w) : "0";
}

void emit_wide_assign(Emitter *em, const char *lhs, Node *rhs, int w)
{
    IrExtern *x;
    /* A wide register's read copies the cell: nothing to compute. */
    if (rhs->kind == N_INTRINSIC && strcmp(rhs->name, "register_read") == 0 &&
        rhs->args.len == 3 && rhs->args.items[0]->ref &&
        (x = ir_find_extern(em->ir, rhs->args.items[0]->ref)) && x->width == w) {
        emit_register_get_wide(em, x, lhs, rhs);
        return;
    }
    if (is_plain(rhs) && value_width(rhs->ty) == w) {
        emit_line(em, "__builtin_memcpy(%s, %s, %d);", lhs, emit_expr(em, rhs), nbytes(w));
        return;
    }
    if (!check_width(em, rhs, w))
        return;
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "__builtin_memcpy(%s, %s, %d);", lhs, eval_as(em, rhs, w), nbytes(w));
    em->indent--;
    emit_line(em, "}");
}

/* Long expressions are split the same way: a narrow subexpression nested
 * more than SPLIT_DEPTH operators deep is computed into a temporary before
 * the statement, so the C nests boundedly (clang stops at 256 brackets and
 * crashes at a few thousand). Only where moving it changes nothing: it
 * calls nothing, and every call of the statement encloses it (arguments
 * are computed before their call runs). An operator's C takes at most
 * about five brackets, so a part stays well within clang's limit. */
enum { SPLIT_DEPTH = 32 };

typedef struct Hoist {
    bool *opened;   /* the block the temporaries go in, or NULL */
    int calls;      /* calls in the statement, isValid() aside */
} Hoist;

typedef struct Nesting {
    int depth;      /* operators nested in the C text, split parts aside */
    int calls;
} Nesting;

static bool is_call(const Node *e)
{
    return e->kind == N_CALL &&
           !(e->expr->kind == N_MEMBER && strcmp(e->expr->name, "isValid") == 0);
}

/* Operand I of E, as the walks visit them: expr, lhs and rhs (not of list
 * and struct expressions), then arguments or items; NULL past the end. */
static Node *operand(Node *e, int i)
{
    bool list = e->kind == N_LIST_EXPR || e->kind == N_STRUCT_EXPR;
    if (i < 3)
        return list ? NULL : i == 0 ? e->expr : i == 1 ? e->lhs : e->rhs;
    const NodeList *l = e->kind == N_CALL ? &e->args : list ? &e->items : NULL;
    if (!l || i - 3 >= l->len)
        return NULL;
    Node *a = l->items[i - 3];
    return a->kind == N_ARG || a->kind == N_KV ? a->expr : a;
}

static int noperands(const Node *e)
{
    return 3 + (e->kind == N_CALL ? e->args.len
                : e->kind == N_LIST_EXPR || e->kind == N_STRUCT_EXPR ? e->items.len : 0);
}

static int count_calls(Node *e)
{
    if (!e)
        return 0;
    int n = is_call(e);
    for (int i = 0; i < noperands(e); i++)
        n += count_calls(operand(e, i));
    return n;
}

static void add_temp(Emitter *em, const Node *e, const char *c_name)
{
    struct WideTemp *t = em->wide_temps;
    if (!t || 2 * (t->count + 1) > t->mask + 1) {
        struct WideTemp *grown = ARENA_NEW(em->arena, struct WideTemp);
        grown->mask = t ? 2 * t->mask + 1 : 15;
        grown->nodes = arena_alloc(em->arena, sizeof *grown->nodes * (grown->mask + 1));
        grown->c_names = arena_alloc(em->arena, sizeof *grown->c_names * (grown->mask + 1));
        em->wide_temps = grown;
        for (unsigned i = 0; t && i <= t->mask; i++)
            if (t->nodes[i])
                add_temp(em, t->nodes[i], t->c_names[i]);
        t = grown;
    }
    unsigned i = temp_slot(t, e);
    while (t->nodes[i])
        i = (i + 1) & t->mask;
    t->nodes[i] = e;
    t->c_names[i] = c_name;
    t->count++;
}

static void open_block(Emitter *em, Hoist *h)
{
    if (h->opened && !*h->opened) {
        emit_line(em, "{");
        em->indent++;
        *h->opened = true;
    }
}

/* Whether E's C text puts its operands in brackets. */
static bool nests(const Node *e)
{
    switch (e->kind) {
    case N_BINARY: case N_UNARY: case N_CAST: case N_TERNARY: case N_SLICE: case N_INDEX:
    case N_CALL: case N_LIST_EXPR: case N_STRUCT_EXPR:
        return true;
    default:
        return false;
    }
}

static bool splittable(Emitter *em, const Node *e)
{
    int w = value_width(e->ty);
    return (e->kind == N_BINARY || e->kind == N_UNARY || e->kind == N_CAST ||
            e->kind == N_TERNARY || e->kind == N_SLICE) &&
           w > 0 && w <= 64 && c_type(em, e->ty);
}

/* Computes, into temporaries, the wide subexpressions of E that a narrow
 * expression uses (PARENT_WIDE: E's parent computes on wide values itself)
 * and the parts of long narrow ones; CALLS_ABOVE: the calls enclosing E. */
static Nesting hoist(Emitter *em, Node *e, bool parent_wide, Hoist *h, int calls_above)
{
    Nesting n = {0, 0};
    if (!e || is_wide_lookahead_slice(e))
        return n;
    bool wide = is_wide(e);
    for (int i = 0; i < noperands(e); i++) {
        Nesting o = hoist(em, operand(e, i), i < 3 && wide, h, calls_above + is_call(e));
        n.depth = o.depth > n.depth ? o.depth : n.depth;
        n.calls += o.calls;
    }
    n.calls += is_call(e);
    if (wide) {
        n.depth = 0;   /* an array: its computation is statements */
        if (parent_wide || is_plain(e) || wide_hoisted(em, e))
            return n;
        int w = value_width(e->ty);
        if (!check_width(em, e, w))
            return n;
        open_block(em, h);
        add_temp(em, e, eval(em, e, w));
        return n;
    }
    n.depth += nests(e);
    if (n.depth > SPLIT_DEPTH && !n.calls && h->calls == calls_above && splittable(em, e)) {
        open_block(em, h);
        const char *part = new_temp(em, "part");
        emit_line(em, "%s %s = %s;", c_type(em, e->ty), part, emit_expr(em, e));
        add_temp(em, e, part);
        n.depth = 0;
    }
    return n;
}

bool emit_wide_hoist(Emitter *em, Node *s)
{
    em->wide_temps = NULL;
    bool opened = false;
    Hoist h = {&opened, 0};
    switch (s->kind) {
    case N_ASSIGN:
        h.calls = count_calls(s->lhs) + count_calls(s->rhs);
        hoist(em, s->lhs, true, &h, 0);
        hoist(em, s->rhs, is_wide(s->lhs), &h, 0);
        break;
    case N_VAR:   /* no block: it would hide the variable */
        h = (Hoist){NULL, count_calls(s->expr)};
        hoist(em, s->expr, is_wide(s), &h, 0);
        break;
    case N_IF: case N_CALL_STMT: case N_RETURN: case N_SWITCH:
        h.calls = count_calls(s->expr);
        hoist(em, s->expr, false, &h, 0);
        break;
    default:
        break;
    }
    return opened;
}

void emit_wide_hoist_end(Emitter *em, bool opened)
{
    em->wide_temps = NULL;
    if (opened) {
        em->indent--;
        emit_line(em, "}");
    }
}

/* An operand of a wide comparison as an array: the other one may be an
 * untyped integer constant. */
static const char *compare_operand(Emitter *em, Node *e, int w)
{
    if (is_wide(e))
        return emit_expr(em, e);
    if (e->value && e->value->kind == CV_INT) {
        Node typed = *e;
        typed.ty = type_bits(em->arena, w, false);
        return emit_wide_const(em, &typed, e->value->digits);
    }
    emit_error_at(em, e, "comparing this value with a bit<%d> is not supported by the XDP "
                         "backend", w);
    return "0";
}

/* A comparison whose operands are W bits wide. */
const char *emit_wide_compare(Emitter *em, Node *e, int w)
{
    return arena_printf(em->arena, "(p4cc_w_cmp(%s, %s, %d) %s 0)",
                        compare_operand(em, e->lhs, w), compare_operand(em, e->rhs, w), nbytes(w),
                        op_text(e->op));
}

const char *emit_wide_low64(Emitter *em, const char *a, int w)
{
    return arena_printf(em->arena, "p4cc_w_low64(%s, %d)", a, nbytes(w));
}
