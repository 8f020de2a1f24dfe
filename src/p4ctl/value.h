/* Numeric values as STF files and control planes write them: decimal, 0x hex
 * and 0b binary of any width up to P4V_BITS, hex/binary digits that are `*`
 * (don't care), VALUE&&&MASK and VALUE/LEN. No printing here: errors go to
 * the caller's buffer. */
#ifndef P4CTL_VALUE_H
#define P4CTL_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define P4V_BYTES 64
#define P4V_BITS (P4V_BYTES * 8)
#define P4V_TEXT 80

typedef enum {
    P4V_PLAIN,   /* 10, 0x0a, 0b1010 */
    P4V_TERNARY, /* 0x0a**, 0b10**: `care` has 1 bits for the digits given */
    P4V_MASKED,  /* VALUE&&&MASK */
    P4V_PREFIX,  /* VALUE/LEN */
    P4V_RANGE,   /* LOW..HIGH: `v` the low bound, `m` the high bound */
} P4ValueKind;

/* Which forms a context accepts (bit set of 1 << P4ValueKind). */
#define P4V_ALLOW_PLAIN (1u << P4V_PLAIN)
#define P4V_ALLOW_ALL ((1u << P4V_PLAIN) | (1u << P4V_TERNARY) | (1u << P4V_MASKED) | (1u << P4V_PREFIX))
#define P4V_ALLOW_RANGE (1u << P4V_RANGE)
/* Control-plane notation: numbers may also be IPv4 (10.0.0.1) and IPv6
 * (2001:db8::1) addresses and MAC addresses (00:11:22:33:44:55 or with
 * '-'), and VALUE/MASK is a mask when MASK is not a decimal length
 * (10.0.0.0/255.0.0.0, 0x0800/0xff00). */
#define P4V_ALLOW_ADDR (1u << 8)
#define P4V_ALLOW_CP (P4V_ALLOW_ALL | P4V_ALLOW_RANGE | P4V_ALLOW_ADDR)

typedef struct {
    P4ValueKind kind;
    uint8_t v[P4V_BYTES];    /* the value, big-endian, right-aligned */
    uint8_t m[P4V_BYTES];    /* TERNARY: the digits' care bits; MASKED: the mask */
    unsigned digit_bits;     /* TERNARY: how many low bits the digits cover */
    unsigned prefix_len;     /* PREFIX */
    size_t part2;            /* MASKED, PREFIX: offset of MASK / LEN in the text */
    char text[P4V_TEXT];     /* the text as written (shortened with "...") */
} P4Value;

/* Parse TEXT[0..len) into OUT. ALLOW restricts the forms. On error returns
 * -1 with a message in ERR and the offset of the offending character in
 * *ERR_OFF. */
int p4v_parse(const char *text, size_t len, unsigned allow, P4Value *out,
              char *err, size_t errlen, size_t *err_off);

/* Number of significant bits of a big-endian P4V_BYTES array (0 for 0). */
unsigned p4v_bits(const uint8_t v[P4V_BYTES]);

/* The value as an unsigned 64-bit number; -1 if it does not fit. */
int p4v_to_u64(const P4Value *val, uint64_t *out);

/* Set A to the big-endian P4V_BYTES form of N. */
void p4v_from_u64(uint8_t a[P4V_BYTES], uint64_t n);

/* All-ones in the low WIDTH bits, zero above. */
void p4v_ones(uint8_t a[P4V_BYTES], unsigned width);

/* Store the low SIZE bytes of A at DST: NETWORK order as bytes, else as a
 * host-order unsigned integer (SIZE must then be 1, 2, 4 or 8). */
void p4v_store(const uint8_t a[P4V_BYTES], unsigned size, bool network, uint8_t *dst);

/* The mask of the top LEN bits of a WIDTH-bit field. */
void p4v_prefix_mask(uint8_t a[P4V_BYTES], unsigned width, unsigned len);

#endif
