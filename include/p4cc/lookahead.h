/* The parser's lookahead in generated programs. Needs p4cc/prelude.h. */
#ifndef P4CC_LOOKAHEAD_H
#define P4CC_LOOKAHEAD_H

/* WIDTH bits, BIT bits after the parser's current offset, without
 * consuming them. The packet must hold TOTAL bits from the offset (the
 * whole looked-ahead type), else the result is 0 and *too_short is set.
 * One bounds check of constant length, as for extract, so the verifier
 * follows it. */
static __always_inline u64 p4cc_lookahead(void *data, void *data_end, u32 off, u32 bit,
                                          int width, u32 total, u8 *too_short)
{
    u64 value = 0;
    int skip = bit % 8;
    int bytes = (skip + width + 7) / 8;
    u8 *start = data + off;
    if ((void *)(start + (total + 7) / 8) > data_end) {
        *too_short = 1;
        return 0;
    }
    u8 *p = start + bit / 8;
    for (int i = 0; i < 8; i++) {
        if (i >= bytes)
            break;
        value = (value << 8) | p[i];
    }
    return (value >> (bytes * 8 - skip - width)) & (width >= 64 ? ~0ULL : ((1ULL << width) - 1));
}

#endif
