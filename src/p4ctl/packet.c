/* Packet comparison; see packet.h. */
#include "packet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_BYTES 32

static unsigned nibble(const uint8_t *data, size_t i)
{
    return i % 2 ? data[i / 2] & 0xf : data[i / 2] >> 4;
}

static bool cared(const StfBytes *exp, size_t i)
{
    return nibble(exp->care, i) != 0;
}

bool pkt_matches(const StfBytes *exp, bool exact_len, const uint8_t *data, size_t len)
{
    size_t have = len * 2;
    if (have < exp->nibbles || (exact_len && have != exp->nibbles))
        return false;
    for (size_t i = 0; i < exp->nibbles; i++)
        if (cared(exp, i) && nibble(exp->data, i) != nibble(data, i))
            return false;
    return true;
}

/* A growable string. */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void puts_(Buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putc_(Buf *b, char c)
{
    put(b, &c, 1);
}

static const char hexdig[] = "0123456789abcdef";

char *pkt_hex(const uint8_t *data, size_t len)
{
    Buf b = {0};
    puts_(&b, "");
    for (size_t i = 0; i < len; i++) {
        if (i && i % 4 == 0)
            putc_(&b, ' ');
        putc_(&b, hexdig[data[i] >> 4]);
        putc_(&b, hexdig[data[i] & 0xf]);
    }
    return b.s;
}

char *pkt_expected(const StfBytes *exp, bool exact_len)
{
    Buf b = {0};
    puts_(&b, "");
    for (size_t i = 0; i < exp->nibbles; i++) {
        if (i && i % 8 == 0)
            putc_(&b, ' ');
        putc_(&b, cared(exp, i) ? hexdig[nibble(exp->data, i)] : '*');
    }
    if (exact_len)
        puts_(&b, exp->nibbles ? " $" : "$");
    return b.s;
}

/* Drop trailing spaces of the line being built (from START). */
static void trim(Buf *b, size_t start)
{
    while (b->len > start && b->s[b->len - 1] == ' ')
        b->s[--b->len] = '\0';
}

char *pkt_diff(const StfBytes *exp, bool exact_len, const uint8_t *data, size_t len,
               const char *indent)
{
    size_t have = len * 2, want = exp->nibbles;
    size_t total = have > want ? have : want;
    Buf b = {0};
    puts_(&b, "");
    if (total == 0) {
        puts_(&b, indent);
        puts_(&b, "expected: (empty)\n");
        puts_(&b, indent);
        puts_(&b, "actual:   (empty)\n");
        return b.s;
    }
    for (size_t row = 0; row < total; row += ROW_BYTES * 2) {
        size_t end = row + ROW_BYTES * 2 < total ? row + ROW_BYTES * 2 : total;
        bool any = false;
        size_t start;
        for (int line = 0; line < 3; line++) {
            start = b.len;
            puts_(&b, indent);
            puts_(&b, line == 0 ? "expected: " : line == 1 ? "actual:   " : "          ");
            if (line == 2 && !any) {
                b.len = start;
                b.s[b.len] = '\0';
                break;
            }
            for (size_t i = row; i < end; i++) {
                if (i > row && (i - row) % 8 == 0)
                    putc_(&b, ' ');
                bool in_exp = i < want, in_act = i < have;
                bool diff = (in_exp && !in_act) || (in_act && !in_exp && exact_len) ||
                            (in_exp && in_act && cared(exp, i) &&
                             nibble(exp->data, i) != nibble(data, i));
                if (line == 0)
                    putc_(&b, !in_exp ? ' ' : cared(exp, i) ? hexdig[nibble(exp->data, i)] : '*');
                else if (line == 1)
                    putc_(&b, in_act ? hexdig[nibble(data, i)] : ' ');
                else
                    putc_(&b, diff ? '^' : ' ');
                any |= diff;
            }
            trim(&b, start);
            putc_(&b, '\n');
        }
    }
    return b.s;
}
