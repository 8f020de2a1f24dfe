/* Unit tests of p4ctl's packet comparison (src/p4ctl/packet.c: don't-care
 * nibbles, exact lengths, the marked-up differences) and of its numbers
 * (src/p4ctl/value.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "packet.h"
#include "stf.h"
#include "value.h"

/* The expectation of "expect 0 TEXT". */
static StfScript expect(const char *text, StfStmt **st)
{
    char line[512];
    StfScript s;
    snprintf(line, sizeof line, "expect 0 %s\n", text);
    assert_int_equal(stf_parse("t.stf", line, strlen(line), &s), 0);
    *st = &s.stmts[0];
    return s;
}

static bool matches(const char *exp, const uint8_t *data, size_t len)
{
    StfStmt *st;
    StfScript s = expect(exp, &st);
    bool r = pkt_matches(&st->bytes, st->exact_len, data, len);
    stf_free(&s);
    return r;
}

static void test_matches(void **state)
{
    (void)state;
    const uint8_t p[] = {0x00, 0x1b, 0x17, 0x00, 0x01, 0x30};
    assert_true(matches("001b1700 0130", p, 6));
    assert_true(matches("001B1700 0130 $", p, 6));
    assert_true(matches("001b", p, 6));             /* a prefix */
    assert_true(matches("", p, 6));                 /* empty prefix */
    assert_true(matches("0*1b **", p, 6));
    assert_true(matches("00*", p, 6));              /* an odd number of digits */
    assert_true(matches("**** **** **** $", p, 6));
    assert_false(matches("001b $", p, 6));          /* too long */
    assert_false(matches("001b1700 013000", p, 6)); /* too short */
    assert_false(matches("001c", p, 6));
    assert_false(matches("1*", p, 6));
    assert_false(matches("*1", p, 6));
    assert_true(matches("$", p, 0));
    assert_false(matches("00", p, 0));
}

static void check_diff(const char *exp, const uint8_t *data, size_t len, const char *want)
{
    StfStmt *st;
    StfScript s = expect(exp, &st);
    char *got = pkt_diff(&st->bytes, st->exact_len, data, len, "  ");
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "wanted:\n%sgot:\n%s", want, got);
        fail();
    }
    free(got);
    stf_free(&s);
}

static void test_diff(void **state)
{
    (void)state;
    const uint8_t p[] = {0x00, 0x1b, 0x17, 0x00, 0x01, 0x31};
    check_diff("001b1700 0130", p, 6,
               "  expected: 001b1700 0130\n"
               "  actual:   001b1700 0131\n"
               "                        ^\n");
    check_diff("ff1b**00", p, 6,
               "  expected: ff1b**00\n"
               "  actual:   001b1700 0131\n"
               "            ^^\n");
    /* Longer than expected with $: the extra digits are marked. */
    check_diff("001b1700 $", p, 6,
               "  expected: 001b1700\n"
               "  actual:   001b1700 0131\n"
               "                     ^^^^\n");
    /* Shorter than expected: the missing digits are marked. */
    check_diff("001b1700 013100ff", p, 6,
               "  expected: 001b1700 013100ff\n"
               "  actual:   001b1700 0131\n"
               "                         ^^^^\n");
    check_diff("$", p, 0,
               "  expected: (empty)\n"
               "  actual:   (empty)\n");
}

static void test_diff_rows(void **state)
{
    (void)state;
    uint8_t p[40];
    for (int i = 0; i < 40; i++)
        p[i] = (uint8_t)i;
    /* 32 bytes a row; the second row differs in its last byte. */
    check_diff("00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f "
               "20212223 24252627 $",
               p, 39,
               "  expected: 00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f\n"
               "  actual:   00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f\n"
               "  expected: 20212223 24252627\n"
               "  actual:   20212223 242526\n"
               "                           ^^\n");
}

static void test_hex(void **state)
{
    (void)state;
    const uint8_t p[] = {0xde, 0xad, 0xbe, 0xef, 0x01};
    char *h = pkt_hex(p, 5);
    assert_string_equal(h, "deadbeef 01");
    free(h);
    h = pkt_hex(p, 0);
    assert_string_equal(h, "");
    free(h);

    StfStmt *st;
    StfScript s = expect("dead **ef 0 $", &st);
    h = pkt_expected(&st->bytes, st->exact_len);
    assert_string_equal(h, "dead**ef 0 $");
    free(h);
    stf_free(&s);
}

static void parse(const char *text, unsigned allow, P4Value *v)
{
    char err[160];
    size_t off;
    if (p4v_parse(text, strlen(text), allow, v, err, sizeof err, &off) != 0) {
        fprintf(stderr, "%s: %s\n", text, err);
        fail();
    }
}

static void test_values(void **state)
{
    (void)state;
    P4Value v;
    uint64_t n;
    parse("18446744073709551615", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_to_u64(&v, &n), 0);
    assert_true(n == UINT64_MAX);
    assert_int_equal(p4v_bits(v.v), 64);
    parse("18446744073709551616", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_to_u64(&v, &n), -1);
    assert_int_equal(p4v_bits(v.v), 65);
    parse("0", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_bits(v.v), 0);
    parse("0x0001", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_bits(v.v), 1);
    assert_string_equal(v.text, "0x0001");

    parse("0x0a**", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_TERNARY);
    assert_int_equal(v.digit_bits, 16);
    parse("1&&&0x3", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_MASKED);
    assert_int_equal(v.part2, 4);
    parse("0x0a000000/8", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_PREFIX);
    assert_int_equal(v.prefix_len, 8);
    assert_int_equal(v.part2, 11);

    char err[160];
    size_t off;
    assert_int_equal(p4v_parse("0x0a/513", 8, P4V_ALLOW_ALL, &v, err, sizeof err, &off), -1);
    assert_string_equal(err, "prefix length is too large");
    assert_int_equal(off, 5);
    assert_int_equal(p4v_parse("", 0, P4V_ALLOW_ALL, &v, err, sizeof err, &off), -1);
    assert_string_equal(err, "expected a number");
    assert_int_equal(p4v_parse("0x1*", 4, P4V_ALLOW_PLAIN, &v, err, sizeof err, &off), -1);
    assert_string_equal(err, "don't-care digits ('*') are not allowed here");
    assert_int_equal(off, 3);
}

static void test_store(void **state)
{
    (void)state;
    P4Value v;
    uint8_t out[8];
    parse("0x0102030405060708", P4V_ALLOW_PLAIN, &v);
    p4v_store(v.v, 4, true, out);
    const uint8_t net[] = {5, 6, 7, 8};
    assert_memory_equal(out, net, 4);
    p4v_store(v.v, 4, false, out);
    uint32_t host;
    memcpy(&host, out, 4);
    assert_int_equal(host, 0x05060708);
    p4v_store(v.v, 2, false, out);
    uint16_t h16;
    memcpy(&h16, out, 2);
    assert_int_equal(h16, 0x0708);
    p4v_store(v.v, 8, false, out);
    uint64_t h64;
    memcpy(&h64, out, 8);
    assert_true(h64 == 0x0102030405060708ull);

    uint8_t m[P4V_BYTES];
    p4v_ones(m, 12);
    assert_int_equal(m[P4V_BYTES - 1], 0xff);
    assert_int_equal(m[P4V_BYTES - 2], 0x0f);
    assert_int_equal(m[P4V_BYTES - 3], 0);
    p4v_prefix_mask(m, 32, 8);
    assert_int_equal(m[P4V_BYTES - 4], 0xff);
    assert_int_equal(m[P4V_BYTES - 3], 0);
    p4v_prefix_mask(m, 12, 6);
    assert_int_equal(m[P4V_BYTES - 2], 0x0f);
    assert_int_equal(m[P4V_BYTES - 1], 0xc0);
    p4v_from_u64(m, 0x1234);
    assert_int_equal(m[P4V_BYTES - 1], 0x34);
    assert_int_equal(m[P4V_BYTES - 2], 0x12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_diff_rows),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
