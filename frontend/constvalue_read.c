/* Reading compile-time values as C numbers (constvalue.h): the one place
 * that turns a value's decimal digits, or a literal's digits in its base,
 * into an integer, with overflow and sign checked. */
#include "constvalue.h"

#include <stdint.h>

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/* DIGITS in BASE (no sign, no separators) as a uint64_t; false when it has
 * something else or does not fit. */
static bool digits_u64(const char *digits, int base, uint64_t *out)
{
    uint64_t v = 0;
    if (!digits || !*digits)
        return false;
    for (const char *p = digits; *p; p++) {
        int d = digit_value(*p);
        if (d >= base || v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *out = v;
    return true;
}

bool const_value_u64(const ConstValue *v, uint64_t *out)
{
    if (v && v->kind == CV_BOOL) {
        *out = v->boolean;
        return true;
    }
    return v && v->kind == CV_INT && v->digits[0] != '-' && digits_u64(v->digits, 10, out);
}

bool const_u64(const Node *e, uint64_t *out)
{
    if (!e)
        return false;
    if (e->value)
        return const_value_u64(e->value, out);
    if (e->kind == N_INT)
        return digits_u64(e->int_lit.digits, e->int_lit.base, out);
    if (e->kind == N_BOOL) {
        *out = e->bool_value;
        return true;
    }
    return false;
}

bool const_value_bits(const ConstValue *v, int width, uint64_t *out)
{
    if (!v || v->kind != CV_INT) {
        return const_value_u64(v, out);
    }
    bool negative = v->digits[0] == '-';
    uint64_t mag;
    if (!digits_u64(v->digits + negative, 10, &mag))
        return false;
    uint64_t bits = negative ? (uint64_t)0 - mag : mag;
    *out = width >= 64 ? bits : bits & ((UINT64_C(1) << width) - 1);
    return true;
}

long const_long(const Node *e, long fallback)
{
    uint64_t v;
    return const_u64(e, &v) && v <= (uint64_t)LONG_MAX ? (long)v : fallback;
}
