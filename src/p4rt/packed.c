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

int p4packed_split(const P4Packed *pk, const char *text, const char **vals, size_t *lens)
{
    const char *s = text;
    if (pk->nfields > P4PACKED_FIELDS)
        return p4rt_fail(EINVAL, "%s '%s' has too many fields", pk->kind, pk->name);
    for (size_t f = 0; f < pk->nfields; f++)
        vals[f] = NULL;
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
        if (vals[f])
            return p4rt_fail(EINVAL, "field '%s' of %s '%s' is given twice", pk->fields[f].name,
                             pk->kind, pk->name);
        vals[f] = eq + 1;
        lens[f] = len - nl - 1;
        s += len;
    }
    for (size_t f = 0; f < pk->nfields; f++)
        if (!vals[f])
            return p4rt_fail(EINVAL, "no value given for field '%s' of %s '%s'",
                             pk->fields[f].name, pk->kind, pk->name);
    return 0;
}

/* FIELD=VALUE for each field, packed. */
static int fields_value(const P4Packed *pk, const char *text, uint8_t v[P4V_BYTES])
{
    const char *vals[P4PACKED_FIELDS];
    size_t lens[P4PACKED_FIELDS];
    uint8_t x[P4V_BYTES];
    int e = p4packed_split(pk, text, vals, lens);
    memset(v, 0, P4V_BYTES);
    for (size_t f = 0; f < pk->nfields && e == 0; f++) {
        char what[200];
        snprintf(what, sizeof what, "field '%s' of %s '%s'", pk->fields[f].name, pk->kind,
                 pk->name);
        if ((e = plain(vals[f], lens[f], pk->fields[f].width, what, x)) == 0)
            shift_in(v, pk->fields[f].width, x);
    }
    return e;
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
