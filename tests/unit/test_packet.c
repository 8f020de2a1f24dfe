/* Unit tests of p4ctl's packet comparison (src/p4ctl/packet.c: don't-care
 * nibbles, exact lengths, the marked-up differences). */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_diff_rows),
        cmocka_unit_test(test_hex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
