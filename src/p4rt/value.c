/* Numeric values of STF files and control planes (internal.h, "values"). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* -EINVAL with the message, the fault OFF characters into the text. */
static int fail_at(size_t *err_off, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(size_t *err_off, size_t off, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (err_off)
        *err_off = off;
    return p4rt_fail(EINVAL, "%s", msg);
}

/* a = a * mul + add; returns -1 on overflow past P4V_BITS. */
static int mul_add(uint8_t a[P4V_BYTES], unsigned mul, unsigned add)
{
    unsigned carry = add;
    for (int i = P4V_BYTES - 1; i >= 0; i--) {
        unsigned x = a[i] * mul + carry;
        a[i] = (uint8_t)x;
        carry = x >> 8;
    }
    return carry ? -1 : 0;
}

unsigned p4v_bits(const uint8_t v[P4V_BYTES])
{
    for (int i = 0; i < P4V_BYTES; i++) {
        if (v[i]) {
            unsigned bits = 8;
            while (!(v[i] & (1u << (bits - 1))))
                bits--;
            return (unsigned)(P4V_BYTES - 1 - i) * 8 + bits;
        }
    }
    return 0;
}

void p4v_from_u64(uint8_t a[P4V_BYTES], uint64_t n)
{
    memset(a, 0, P4V_BYTES);
    for (int i = P4V_BYTES - 1; i >= P4V_BYTES - 8; i--) {
        a[i] = (uint8_t)n;
        n >>= 8;
    }
}

int p4v_to_u64(const P4Value *val, uint64_t *out)
{
    if (p4v_bits(val->v) > 64)
        return -1;
    uint64_t n = 0;
    for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
        n = n << 8 | val->v[i];
    *out = n;
    return 0;
}

void p4v_ones(uint8_t a[P4V_BYTES], unsigned width)
{
    memset(a, 0, P4V_BYTES);
    for (unsigned bit = 0; bit < width && bit < P4V_BITS; bit++)
        a[P4V_BYTES - 1 - bit / 8] |= (uint8_t)(1u << (bit % 8));
}

void p4v_prefix_mask(uint8_t a[P4V_BYTES], unsigned width, unsigned len)
{
    memset(a, 0, P4V_BYTES);
    for (unsigned bit = width - len; bit < width && bit < P4V_BITS; bit++)
        a[P4V_BYTES - 1 - bit / 8] |= (uint8_t)(1u << (bit % 8));
}

void p4v_store(const uint8_t a[P4V_BYTES], unsigned size, bool network, uint8_t *dst)
{
    const uint8_t *low = a + P4V_BYTES - size;
    if (network) {
        memcpy(dst, low, size);
        return;
    }
    uint64_t n = 0;
    for (unsigned i = 0; i < size; i++)
        n = n << 8 | low[i];
    switch (size) {
    case 1: { uint8_t x = (uint8_t)n; memcpy(dst, &x, 1); break; }
    case 2: { uint16_t x = (uint16_t)n; memcpy(dst, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)n; memcpy(dst, &x, 4); break; }
    default: memcpy(dst, &n, 8); break;
    }
}

static int digit_value(char c, unsigned base)
{
    int d;
    if (c >= '0' && c <= '9')
        d = c - '0';
    else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
    else
        return -1;
    return (unsigned)d < base ? d : -1;
}

static const char *base_name(unsigned base)
{
    return base == 16 ? "hex" : base == 2 ? "binary" : "decimal";
}

/* Parse one number TEXT[0..len) (no &&&, no /) into V (and CARE for `*`
 * digits). BASE_OFF is added to error offsets. */
static int parse_number(const char *text, size_t len, bool allow_star, uint8_t v[P4V_BYTES],
                        uint8_t care[P4V_BYTES], unsigned *digit_bits, bool *has_star,
                        size_t *err_off, size_t base_off)
{
    unsigned base = 10, shift = 0;
    size_t i = 0;

    memset(v, 0, P4V_BYTES);
    memset(care, 0, P4V_BYTES);
    *has_star = false;
    *digit_bits = 0;
    if (len == 0) {
        return fail_at(err_off, base_off, "expected a number");
    }
    if (len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16, shift = 4, i = 2;
    } else if (len >= 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
        base = 2, shift = 1, i = 2;
    }
    if (i == len) {
        return fail_at(err_off, base_off + i, "missing digits after '%s'",
                  base == 16 ? "0x" : "0b");
    }
    for (; i < len; i++) {
        char c = text[i];
        if (c == '_' && i > 0)
            continue;
        if (c == '*' && base != 10) {
            if (!allow_star) {
                return fail_at(err_off, base_off + i,
                          "don't-care digits ('*') are not allowed here");
            }
            *has_star = true;
            mul_add(care, 1u << shift, 0);
            if (mul_add(v, 1u << shift, 0) < 0 || *digit_bits + shift > P4V_BITS)
                goto too_wide;
            *digit_bits += shift;
            continue;
        }
        int d = digit_value(c, base);
        if (d < 0) {
            if (c == '*')
                return fail_at(err_off, base_off + i,
                               "'*' digits need a hex (0x) or binary (0b) value");
            if (isprint((unsigned char)c))
                return fail_at(err_off, base_off + i, "invalid %s digit '%c'", base_name(base),
                               c);
            return fail_at(err_off, base_off + i, "invalid %s digit", base_name(base));
        }
        if (base == 10) {
            if (mul_add(v, 10, (unsigned)d) < 0)
                goto too_wide;
        } else {
            mul_add(care, 1u << shift, (1u << shift) - 1);
            if (mul_add(v, 1u << shift, (unsigned)d) < 0 || *digit_bits + shift > P4V_BITS)
                goto too_wide;
            *digit_bits += shift;
        }
    }
    return 0;
too_wide:
    return fail_at(err_off, base_off, "number is wider than %s bits", "512");
}

/* A MAC address: six groups of one or two hex digits separated by ':' or
 * '-'. Returns 1 and the value when TEXT is one, 0 when it is not. */
static int parse_mac(const char *text, size_t len, uint8_t v[P4V_BYTES])
{
    unsigned groups = 0, digits = 0;
    char sep = 0;
    uint8_t mac[6] = {0};
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int d = digit_value(c, 16);
        if (d >= 0) {
            if (++digits > 2 || (digits == 1 && groups == 6))
                return 0;
            if (digits == 1)
                groups++;
            mac[groups - 1] = (uint8_t)(mac[groups - 1] << 4 | (unsigned)d);
        } else if ((c == ':' || c == '-') && digits > 0 && (!sep || sep == c)) {
            sep = c;
            digits = 0;
        } else {
            return 0;
        }
    }
    if (groups != 6 || digits == 0)
        return 0;
    memset(v, 0, P4V_BYTES);
    memcpy(v + P4V_BYTES - 6, mac, 6);
    return 1;
}

/* One number, or with P4V_ALLOW_ADDR an address: TEXT[0..len). */
static int parse_atom(const char *text, size_t len, unsigned allow, bool allow_star,
                      uint8_t v[P4V_BYTES], uint8_t care[P4V_BYTES], unsigned *digit_bits,
                      bool *has_star, size_t *err_off, size_t base_off)
{
    if (allow & P4V_ALLOW_ADDR) {
        bool colon = memchr(text, ':', len) != NULL;
        bool dot = memchr(text, '.', len) != NULL;
        bool hex = len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        char buf[64], shown[64];
        snprintf(shown, sizeof shown, "%.*s", len < 60 ? (int)len : 60, text);
        if ((colon || (!hex && memchr(text, '-', len))) && parse_mac(text, len, v)) {
            memset(care, 0, P4V_BYTES);
            *digit_bits = 0;
            *has_star = false;
            return 0;
        }
        if (colon) {
            struct in6_addr a6;
            if (len >= sizeof buf)
                goto bad6;
            memcpy(buf, text, len);
            buf[len] = '\0';
            if (inet_pton(AF_INET6, buf, &a6) != 1)
                goto bad6;
            memset(v, 0, P4V_BYTES);
            memset(care, 0, P4V_BYTES);
            memcpy(v + P4V_BYTES - 16, &a6, 16);
            *digit_bits = 0;
            *has_star = false;
            return 0;
        bad6:
            return fail_at(err_off, base_off,
                      "'%s' is neither an IPv6 address nor a MAC address", shown);
        }
        if (dot && !hex) {
            struct in_addr a4;
            if (len >= sizeof buf)
                goto bad4;
            memcpy(buf, text, len);
            buf[len] = '\0';
            if (inet_pton(AF_INET, buf, &a4) != 1)
                goto bad4;
            memset(v, 0, P4V_BYTES);
            memset(care, 0, P4V_BYTES);
            memcpy(v + P4V_BYTES - 4, &a4, 4);
            *digit_bits = 0;
            *has_star = false;
            return 0;
        bad4:
            return fail_at(err_off, base_off, "'%s' is not an IPv4 address", shown);
        }
    }
    return parse_number(text, len, allow_star, v, care, digit_bits, has_star, err_off, base_off);
}

static bool all_decimal(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)text[i]))
            return false;
    return len > 0;
}

int p4v_parse(const char *text, size_t len, unsigned allow, P4Value *out, size_t *err_off)
{
    uint8_t care[P4V_BYTES], mcare[P4V_BYTES];
    unsigned bits, mbits;
    bool star, mstar;

    memset(out, 0, sizeof *out);
    if (len < sizeof out->text) {
        memcpy(out->text, text, len);
    } else {
        memcpy(out->text, text, sizeof out->text - 4);
        memcpy(out->text + sizeof out->text - 4, "...", 4);
    }

    /* VALUE&&&MASK */
    for (size_t i = 0; i + 3 <= len; i++) {
        if (memcmp(text + i, "&&&", 3) != 0)
            continue;
        if (!(allow & (1u << P4V_MASKED))) {
            return fail_at(err_off, i, "a masked value (&&&) is not allowed here");
        }
        if (parse_atom(text, i, allow, false, out->v, care, &bits, &star, err_off,
                       0) < 0 ||
            parse_atom(text + i + 3, len - i - 3, allow, false, out->m, mcare, &mbits, &mstar,
                       err_off, i + 3) < 0)
            return -EINVAL;
        out->kind = P4V_MASKED;
        out->part2 = i + 3;
        return 0;
    }

    /* LOW..HIGH */
    for (size_t i = 0; i + 2 <= len && (allow & P4V_ALLOW_RANGE); i++) {
        if (memcmp(text + i, "..", 2) != 0)
            continue;
        if (parse_atom(text, i, allow, false, out->v, care, &bits, &star, err_off,
                       0) < 0 ||
            parse_atom(text + i + 2, len - i - 2, allow, false, out->m, mcare, &mbits, &mstar,
                       err_off, i + 2) < 0)
            return -EINVAL;
        if (memcmp(out->v, out->m, P4V_BYTES) > 0) {
            return fail_at(err_off, i + 2,
                      "the range's high bound is below its low bound");
        }
        out->kind = P4V_RANGE;
        out->part2 = i + 2;
        return 0;
    }

    /* VALUE/LEN, VALUE/MASK */
    const char *slash = memchr(text, '/', len);
    if (slash) {
        size_t i = (size_t)(slash - text);
        uint64_t n = 0;
        bool is_mask = (allow & P4V_ALLOW_ADDR) && i + 1 < len && !all_decimal(text + i + 1, len - i - 1);
        if (!is_mask && !(allow & (1u << P4V_PREFIX))) {
            return fail_at(err_off, i, "a prefix (/LEN) is not allowed here");
        }
        if (is_mask && !(allow & (1u << P4V_MASKED))) {
            return fail_at(err_off, i, "a masked value (/MASK) is not allowed here");
        }
        if (parse_atom(text, i, allow, false, out->v, care, &bits, &star, err_off,
                       0) < 0)
            return -EINVAL;
        if (is_mask) {
            if (parse_atom(text + i + 1, len - i - 1, allow, false, out->m, mcare, &mbits, &mstar,
                           err_off, i + 1) < 0)
                return -EINVAL;
            out->kind = P4V_MASKED;
            out->part2 = i + 1;
            return 0;
        }
        if (i + 1 == len) {
            return fail_at(err_off, i + 1, "missing prefix length after '/'");
        }
        for (size_t j = i + 1; j < len; j++) {
            if (!isdigit((unsigned char)text[j])) {
                return fail_at(err_off, j, "the prefix length must be a decimal number");
            }
            n = n * 10 + (unsigned)(text[j] - '0');
            if (n > P4V_BITS) {
                return fail_at(err_off, i + 1, "prefix length is too large");
            }
        }
        out->kind = P4V_PREFIX;
        out->prefix_len = (unsigned)n;
        out->part2 = i + 1;
        return 0;
    }

    if (parse_atom(text, len, allow, (allow & (1u << P4V_TERNARY)) != 0, out->v, out->m,
                   &out->digit_bits, &star, err_off, 0) < 0)
        return -EINVAL;
    out->kind = star ? P4V_TERNARY : P4V_PLAIN;
    if (!star) {
        memset(out->m, 0, sizeof out->m);
        out->digit_bits = 0;
    }
    return 0;
}
