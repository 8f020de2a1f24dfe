/* Table keys wider than 64 bits (byte arrays, most significant byte
 * first, as p4cc/wide.h has them) matched in code: const entries compiled
 * into the program and the slots of ternary tables. Generated programs
 * carry it when one of their tables matches such a key. Needs
 * p4cc/prelude.h and p4cc/wide.h. */
#ifndef P4CC_WIDE_MATCH_H
#define P4CC_WIDE_MATCH_H

/* Whether A and B agree in the 1 bits of M (M NULL: in every bit). */
static __always_inline int p4cc_w_eq_masked(const u8 *a, const u8 *b, const u8 *m, int n)
{
    u8 d = 0;
    for (int i = 0; i < n; i++)
        d |= (u8)((a[i] ^ b[i]) & (m ? m[i] : 0xff));
    return d == 0;
}

/* Whether LO <= A <= HI. */
static __always_inline int p4cc_w_in_range(const u8 *a, const u8 *lo, const u8 *hi, int n)
{
    return p4cc_w_cmp(a, lo, n) >= 0 && p4cc_w_cmp(a, hi, n) <= 0;
}

#endif
