/* Struct elements packed into one number, the first field most
 * significant (registers and value sets of a struct; internal.h,
 * "packed values"). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* A = A << K | B, in P4V_BYTES big-endian bytes. */
static void shift_in(uint8_t a[P4V_BYTES], unsigned k, const uint8_t b[P4V_BYTES])
{
    for (unsigned i = 0; i < k; i++) {
        uint8_t carry = 0;
        for (int j = P4V_BYTES - 1; j >= 0; j--) {
            uint8_t top = a[j] >> 7;
            a[j] = (uint8_t)(a[j] << 1 | carry);
            carry = top;
        }
    }
    for (int j = 0; j < P4V_BYTES; j++)
        a[j] |= b[j];
}

/* TEXT[0..LEN) as a plain number or address of at most WIDTH bits. */
static int plain(const char *text, size_t len, uint32_t width, const char *what,
                 uint8_t v[P4V_BYTES])
{
    P4Value val;
    char err[300];
    size_t off;
    if (p4v_parse(text, len, P4V_ALLOW_PLAIN | P4V_ALLOW_ADDR, &val, &off) < 0) {
        snprintf(err, sizeof err, "%s", p4rt_errmsg());
        return p4rt_fail(EINVAL, "%.*s: %s", (int)len, text, err);
    }
    if (val.kind != P4V_PLAIN)
        return p4rt_fail(EINVAL, "%.*s: %s is a plain value", (int)len, text, what);
    if (p4v_bits(val.v) > width)
        return p4rt_fail(ERANGE, "value %.*s does not fit in %s (bit<%u>)", (int)len, text, what,
                         width);
    memcpy(v, val.v, P4V_BYTES);
    return 0;
}

/* FIELD=VALUE for each field, in any order, separated by spaces or commas. */
static int fields_value(const P4Packed *pk, const char *text, uint8_t v[P4V_BYTES])
{
    uint8_t vals[64][P4V_BYTES];   /* 4 KiB */
    bool seen[64] = {false};
    const char *s = text;
    int e;
    if (pk->nfields > 64)
        return p4rt_fail(EINVAL, "%s '%s' has too many fields", pk->kind, pk->name);
    for (;;) {
        s += strspn(s, " \t,");
        if (!*s)
            break;
        size_t len = strcspn(s, " \t,");
        const char *eq = memchr(s, '=', len);
        if (!eq)
            return p4rt_fail(EINVAL, "%.*s: a value of %s '%s' is written FIELD=VALUE for each "
                                     "of its fields", (int)len, s, pk->kind, pk->name);
        size_t nl = (size_t)(eq - s), f;
        for (f = 0; f < pk->nfields; f++)
            if (strlen(pk->fields[f].name) == nl && memcmp(pk->fields[f].name, s, nl) == 0)
                break;
        if (f == pk->nfields)
            return p4rt_fail(EINVAL, "%s '%s' has no field '%.*s'", pk->kind, pk->name, (int)nl,
                             s);
        if (seen[f])
            return p4rt_fail(EINVAL, "field '%s' of %s '%s' is given twice", pk->fields[f].name,
                             pk->kind, pk->name);
        char what[200];
        snprintf(what, sizeof what, "field '%s' of %s '%s'", pk->fields[f].name, pk->kind,
                 pk->name);
        if ((e = plain(eq + 1, len - nl - 1, pk->fields[f].width, what, vals[f])) < 0)
            return e;
        seen[f] = true;
        s += len;
    }
    memset(v, 0, P4V_BYTES);
    for (size_t f = 0; f < pk->nfields; f++) {
        if (!seen[f])
            return p4rt_fail(EINVAL, "no value given for field '%s' of %s '%s'",
                             pk->fields[f].name, pk->kind, pk->name);
        shift_in(v, pk->fields[f].width, vals[f]);
    }
    return 0;
}

int p4packed_parse(const P4Packed *pk, const char *text, uint8_t v[P4V_BYTES])
{
    if (!text)
        return p4rt_fail(EINVAL, "no value given for %s '%s'", pk->kind, pk->name);
    if (pk->nfields && strchr(text, '='))
        return fields_value(pk, text, v);
    char what[200];
    snprintf(what, sizeof what, "%s '%s'", pk->kind, pk->name);
    return plain(text, strlen(text), pk->width, what, v);
}
