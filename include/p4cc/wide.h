/* Arithmetic on values wider than 64 bits in generated programs (byte
 * arrays, most significant byte first; docs/ARCHITECTURE.md, "eBPF
 * backend"). Needs p4cc/prelude.h. */
#ifndef P4CC_WIDE_H
#define P4CC_WIDE_H

/* Values wider than 64 bits: byte arrays, most significant byte first.
 * N is a constant at every call, so the loops unroll into constant stack
 * offsets. Results go through a scratch array: R may alias an operand. */
static __always_inline u32 p4cc_w_add(u8 *r, const u8 *a, const u8 *b, int n)
{
    u32 c = 0;
    for (int i = n - 1; i >= 0; i--) {
        c += (u32)a[i] + b[i];
        r[i] = (u8)c;
        c >>= 8;
    }
    return c;
}
static __always_inline u32 p4cc_w_sub(u8 *r, const u8 *a, const u8 *b, int n)
{
    u32 borrow = 0;
    for (int i = n - 1; i >= 0; i--) {
        u32 d = (u32)a[i] - b[i] - borrow;
        r[i] = (u8)d;
        borrow = (d >> 8) & 1;
    }
    return borrow;
}
/* OP: 0 and, 1 or, 2 xor, 3 not (B unused). */
static __always_inline void p4cc_w_logic(u8 *r, const u8 *a, const u8 *b, int n, int op)
{
    for (int i = 0; i < n; i++)
        r[i] = op == 0 ? a[i] & b[i] : op == 1 ? a[i] | b[i] : op == 2 ? a[i] ^ b[i]
                                                             : (u8)~a[i];
}
/* Shifts by K bits, K < 8 * N; LEFT or right. */
static __always_inline void p4cc_w_shift(u8 *r, const u8 *a, int n, int k, int left)
{
    u8 t[32];
    int bytes = k / 8, bits = k % 8;
    for (int i = 0; i < n; i++) {
        int s = left ? i + bytes : i - bytes;
        int s2 = left ? s + 1 : s - 1;
        u32 x = s >= 0 && s < n ? a[s] : 0, y = s2 >= 0 && s2 < n ? a[s2] : 0;
        t[i] = left ? (u8)((x << bits) | (bits ? y >> (8 - bits) : 0))
                    : (u8)((x >> bits) | (bits ? y << (8 - bits) : 0));
    }
    for (int i = 0; i < n; i++)
        r[i] = t[i];
}
static __always_inline int p4cc_w_cmp(const u8 *a, const u8 *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}
static __always_inline void p4cc_w_from64(u8 *r, u64 v, int n)
{
    for (int i = 0; i < n; i++)
        r[n - 1 - i] = i < 8 ? (u8)(v >> (8 * i)) : 0;
}
static __always_inline u64 p4cc_w_low64(const u8 *a, int n)
{
    u64 v = 0;
    for (int i = 0; i < n && i < 8; i++)
        v |= (u64)a[n - 1 - i] << (8 * i);
    return v;
}
/* Varbit values A (ABITS bits used) and B equal: the same size and the
 * same bytes (sizes are whole bytes); MAX bytes at most. */
static __always_inline int p4cc_varbit_eq(const u8 *a, u32 abits, const u8 *b, u32 bbits,
                                          u32 max)
{
    if (abits != bbits)
        return 0;
    for (u32 i = 0; i < max; i++) {
        if (i >= abits / 8)
            break;
        if (a[i] != b[i])
            return 0;
    }
    return 1;
}
/* The low RN bytes of A (AN bytes), zero-extended. */
static __always_inline void p4cc_w_resize(u8 *r, int rn, const u8 *a, int an)
{
    for (int i = 0; i < rn; i++)
        r[i] = an - rn + i >= 0 ? a[an - rn + i] : 0;
}

#endif
