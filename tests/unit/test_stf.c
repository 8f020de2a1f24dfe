/* Unit tests of p4ctl's STF parser (src/p4ctl/stf.c): every statement, every
 * value form, and errors with their exact messages and positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stf.h"
#include "value.h"

static StfScript parse_ok(const char *text)
{
    StfScript s;
    int r = stf_parse("t.stf", text, strlen(text), &s);
    if (r != 0) {
        for (size_t i = 0; i < s.nerrors; i++)
            fprintf(stderr, "t.stf:%d:%d: error: %s\n", s.errors[i].pos.line,
                    s.errors[i].pos.col, s.errors[i].msg);
    }
    assert_int_equal(r, 0);
    return s;
}

/* TEXT has exactly one error, at LINE:COL, saying MSG. */
static void check_error(const char *text, int line, int col, const char *msg)
{
    StfScript s;
    int r = stf_parse("t.stf", text, strlen(text), &s);
    if (s.nerrors != 1 || s.errors[0].pos.line != line || s.errors[0].pos.col != col ||
        strcmp(s.errors[0].msg, msg) != 0) {
        fprintf(stderr, "input: %s\nwanted %d:%d: %s\n", text, line, col, msg);
        for (size_t i = 0; i < s.nerrors; i++)
            fprintf(stderr, "got    %d:%d: %s\n", s.errors[i].pos.line, s.errors[i].pos.col,
                    s.errors[i].msg);
        fail();
    }
    assert_int_equal(r, -1);
    stf_free(&s);
}

/* The low 8 bytes of a value as a number. */
static uint64_t low64(const uint8_t v[P4V_BYTES])
{
    uint64_t n = 0;
    for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
        n = n << 8 | v[i];
    return n;
}

static void test_packet(void **state)
{
    (void)state;
    StfScript s = parse_ok("packet 3 0102 0304\tab CD  # comment\n");
    assert_int_equal(s.nstmts, 1);
    StfStmt *st = &s.stmts[0];
    assert_int_equal(st->kind, STF_PACKET);
    assert_int_equal(st->port, 3);
    assert_int_equal(st->pos.line, 1);
    assert_int_equal(st->pos.col, 1);
    assert_int_equal(st->bytes.nibbles, 12);
    const uint8_t want[] = {1, 2, 3, 4, 0xab, 0xcd};
    assert_memory_equal(st->bytes.data, want, 6);
    stf_free(&s);
}

static void test_expect_forms(void **state)
{
    (void)state;
    StfScript s = parse_ok("expect 1 00 ** 1*\n"
                           "expect 2 0a0b $\n"
                           "expect 3 0a0b$\n"
                           "expect 4\n"
                           "EXPECT 05 ff\n"
                           "expect 6 abc\n");
    assert_int_equal(s.nstmts, 6);
    StfStmt *a = &s.stmts[0];
    assert_int_equal(a->kind, STF_EXPECT);
    assert_int_equal(a->port, 1);
    assert_int_equal(a->bytes.nibbles, 6);
    assert_false(a->exact_len);
    assert_false(a->any);
    const uint8_t data[] = {0x00, 0x00, 0x10}, care[] = {0xff, 0x00, 0xf0};
    assert_memory_equal(a->bytes.data, data, 3);
    assert_memory_equal(a->bytes.care, care, 3);

    assert_true(s.stmts[1].exact_len);
    assert_int_equal(s.stmts[1].bytes.nibbles, 4);
    assert_true(s.stmts[2].exact_len);
    assert_int_equal(s.stmts[2].bytes.nibbles, 4);
    assert_true(s.stmts[3].any);
    assert_int_equal(s.stmts[3].port, 4);
    assert_int_equal(s.stmts[4].port, 5);
    assert_int_equal(s.stmts[5].bytes.nibbles, 3); /* an odd prefix is fine in expect */
    stf_free(&s);
}

static void test_simple_statements(void **state)
{
    (void)state;
    StfScript s = parse_ok("# only a comment\n"
                           "\n"
                           "  no_packet\n"
                           "WAIT\n"
                           "Remove ALL   # all entries\n"
                           "No_Packet\r\n");
    assert_int_equal(s.nstmts, 4);
    assert_int_equal(s.stmts[0].kind, STF_NO_PACKET);
    assert_int_equal(s.stmts[0].pos.line, 3);
    assert_int_equal(s.stmts[0].pos.col, 3);
    assert_int_equal(s.stmts[1].kind, STF_WAIT);
    assert_int_equal(s.stmts[2].kind, STF_REMOVE_ALL);
    assert_int_equal(s.stmts[3].kind, STF_NO_PACKET);
    assert_int_equal(s.stmts[3].pos.line, 6);
    stf_free(&s);
}

static void test_add(void **state)
{
    (void)state;
    StfScript s;
    s = parse_ok("add pipe_Check_src_ip 0 key.field0:0x0a019845 _NoAction()\n"
                 "ADD ingress.t 503 hdr.f[15:0]:7 extra$0.h:0x25** hdr.h.isValid():1 "
                 "ingress.setb1(val:0x7f, port:2) = 12\n");
    StfStmt *a = &s.stmts[0];
    assert_int_equal(a->kind, STF_ADD);
    assert_string_equal(a->table, "pipe_Check_src_ip");
    assert_int_equal(a->table_pos.col, 5);
    assert_true(a->has_priority);
    assert_int_equal(a->priority, 0);
    assert_int_equal(a->nkeys, 1);
    assert_string_equal(a->keys[0].name, "key.field0");
    assert_int_equal(a->keys[0].name_pos.col, 25);
    assert_int_equal(a->keys[0].value_pos.col, 36);
    assert_int_equal(a->keys[0].value.kind, P4V_PLAIN);
    assert_int_equal(low64(a->keys[0].value.v), 0x0a019845);
    assert_string_equal(a->action.name, "_NoAction");
    assert_int_equal(a->action.nargs, 0);

    StfStmt *b = &s.stmts[1];
    assert_string_equal(b->table, "ingress.t");
    assert_int_equal(b->priority, 503);
    assert_int_equal(b->nkeys, 3);
    assert_string_equal(b->keys[0].name, "hdr.f[15:0]");
    assert_int_equal(low64(b->keys[0].value.v), 7);
    assert_string_equal(b->keys[1].name, "extra$0.h");
    assert_int_equal(b->keys[1].value.kind, P4V_TERNARY);
    assert_int_equal(low64(b->keys[1].value.v), 0x2500);
    assert_int_equal(low64(b->keys[1].value.m), 0xff00);
    assert_int_equal(b->keys[1].value.digit_bits, 16);
    assert_string_equal(b->keys[2].name, "hdr.h.isValid()");
    assert_string_equal(b->action.name, "ingress.setb1");
    assert_int_equal(b->action.nargs, 2);
    assert_string_equal(b->action.args[0].name, "val");
    assert_int_equal(low64(b->action.args[0].value.v), 0x7f);
    assert_string_equal(b->action.args[1].name, "port");
    assert_int_equal(b->action.args[1].name_pos.col, 92);
    assert_int_equal(low64(b->action.args[1].value.v), 2);
    stf_free(&s);
}

static void test_add_without_priority(void **state)
{
    (void)state;
    StfScript s = parse_ok("add t k:1 a( )\n");
    assert_false(s.stmts[0].has_priority);
    assert_int_equal(s.stmts[0].nkeys, 1);
    assert_int_equal(s.stmts[0].action.nargs, 0);
    stf_free(&s);
}

static void test_key_values(void **state)
{
    (void)state;
    StfScript s = parse_ok("add t a:255 b:0xFF c:0b1010 d:0x0a** e:0b01** f:0x0a&&&0xf0 act()\n");
    StfField *k = s.stmts[0].keys;
    assert_int_equal(s.stmts[0].nkeys, 6);
    assert_int_equal(k[0].value.kind, P4V_PLAIN);
    assert_int_equal(low64(k[0].value.v), 255);
    assert_int_equal(low64(k[1].value.v), 255);
    assert_int_equal(low64(k[2].value.v), 10);
    assert_int_equal(k[3].value.kind, P4V_TERNARY);
    assert_int_equal(low64(k[3].value.v), 0x0a00);
    assert_int_equal(low64(k[3].value.m), 0xff00);
    assert_int_equal(k[4].value.kind, P4V_TERNARY);
    assert_int_equal(low64(k[4].value.v), 4);
    assert_int_equal(low64(k[4].value.m), 0xc);
    assert_int_equal(k[4].value.digit_bits, 4);
    assert_int_equal(k[5].value.kind, P4V_MASKED);
    assert_int_equal(low64(k[5].value.v), 0x0a);
    assert_int_equal(low64(k[5].value.m), 0xf0);
    stf_free(&s);
}

static void test_key_values_wide(void **state)
{
    (void)state;
    StfScript s = parse_ok("add t h:0x0a000000/24 i:340282366920938463463374607431768211455 "
                           "j:0x1_0000 act()\n");
    StfField *k = s.stmts[0].keys;
    assert_int_equal(k[0].value.kind, P4V_PREFIX);
    assert_int_equal(k[0].value.prefix_len, 24);
    assert_int_equal(low64(k[0].value.v), 0x0a000000);
    assert_int_equal(k[1].value.kind, P4V_PLAIN);
    assert_int_equal(p4v_bits(k[1].value.v), 128);
    assert_int_equal(low64(k[2].value.v), 0x10000);
    stf_free(&s);
}

static void test_setdefault(void **state)
{
    (void)state;
    StfScript s = parse_ok("setdefault pipe_t pipe_Reject(rej:0, bar:1)\n"
                           "SETDEFAULT t NoAction()\n");
    assert_int_equal(s.stmts[0].kind, STF_SETDEFAULT);
    assert_string_equal(s.stmts[0].table, "pipe_t");
    assert_string_equal(s.stmts[0].action.name, "pipe_Reject");
    assert_int_equal(s.stmts[0].action.nargs, 2);
    assert_string_equal(s.stmts[0].action.args[1].name, "bar");
    assert_int_equal(s.stmts[1].nkeys, 0);
    stf_free(&s);
}

static void test_check_counter(void **state)
{
    (void)state;
    StfScript s = parse_ok("check_counter pipe.counters(3) packets == 2\n"
                           "Check_Counter c( 0x10 ) bytes >= 1000\n"
                           "check_counter c(1) != 0\n"
                           "check_counter c(1) < 5\n"
                           "check_counter c(1) <= 5\n"
                           "check_counter c(1) > 5\n");
    StfStmt *a = &s.stmts[0];
    assert_int_equal(a->kind, STF_CHECK_COUNTER);
    assert_string_equal(a->counter, "pipe.counters");
    assert_int_equal(a->index, 3);
    assert_int_equal(a->count_kind, STF_COUNT_PACKETS);
    assert_int_equal(a->op, STF_OP_EQ);
    assert_int_equal(a->count, 2);
    assert_int_equal(s.stmts[1].index, 16);
    assert_int_equal(s.stmts[1].count_kind, STF_COUNT_BYTES);
    assert_int_equal(s.stmts[1].op, STF_OP_GE);
    assert_int_equal(s.stmts[1].count, 1000);
    assert_int_equal(s.stmts[2].count_kind, STF_COUNT_DEFAULT);
    assert_int_equal(s.stmts[2].op, STF_OP_NE);
    assert_int_equal(s.stmts[3].op, STF_OP_LT);
    assert_int_equal(s.stmts[4].op, STF_OP_LE);
    assert_int_equal(s.stmts[5].op, STF_OP_GT);
    assert_true(stf_op_eval(STF_OP_LE, 5, 5));
    assert_false(stf_op_eval(STF_OP_LT, 5, 5));
    assert_string_equal(stf_op_name(STF_OP_GE), ">=");
    stf_free(&s);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("pakket 0 00\n", 1, 1, "unknown statement 'pakket'");
    check_error("\n  (\n", 2, 3, "expected a statement, found '('");
    check_error("packet\n", 1, 7, "expected a port number, found end of line");
    check_error("packet x 00\n", 1, 8, "invalid decimal digit 'x'");
    check_error("packet 0\n", 1, 9, "missing packet data");
    check_error("packet 0 0g\n", 1, 11, "invalid hex digit 'g' in packet data");
    check_error("packet 0 001\n", 1, 10, "packet data has an odd number of hex digits (3)");
    check_error("packet 0 0*\n", 1, 11, "'*' is only allowed in expect");
    check_error("packet 0 00 $\n", 1, 13, "'$' is only allowed in expect");
    check_error("packet 4294967296 00\n", 1, 8,
                "a port number 4294967296 is too large (at most 4294967295)");
    check_error("expect 0 00 $ 11\n", 1, 15, "'$' must come last in an expect");
    check_error("no_packet 1\n", 1, 11, "unexpected '1' after 'no_packet'");
    check_error("wait now\n", 1, 6, "unexpected 'now' after 'wait'");
    check_error("remove t\n", 1, 8, "expected 'all' after 'remove', found 't'");
    check_error("remove all t\n", 1, 12, "unexpected 't' after 'remove all'");
    check_error("add\n", 1, 4, "expected a table name after 'add', found end of line");
    check_error("add t k:1\n", 1, 10, "expected KEY:VALUE or ACTION(...), found end of line");
    check_error("add t k:1 drop\n", 1, 11, "expected KEY:VALUE or ACTION(...), found 'drop'");
    check_error("add t k: a()\n", 1, 9, "missing value after 'k:'");
    check_error("add t :1 a()\n", 1, 7, "missing KEY name before ':'");
    check_error("add t k:0xzz a()\n", 1, 11, "invalid hex digit 'z'");
    check_error("add t k:0x a()\n", 1, 11, "missing digits after '0x'");
    check_error("add t k:0b102 a()\n", 1, 13, "invalid binary digit '2'");
    check_error("add t k:12* a()\n", 1, 11, "'*' digits need a hex (0x) or binary (0b) value");
    check_error("add t k:10/ a()\n", 1, 12, "missing prefix length after '/'");
    check_error("add t k:10/x a()\n", 1, 12, "the prefix length must be a decimal number");
    check_error("add t k:1&&&0x** a()\n", 1, 15, "don't-care digits ('*') are not allowed here");
    check_error("add t 5 6 k:1 a()\n", 1, 9, "expected KEY:VALUE or ACTION(...), found '6'");
    check_error("add t 99999999999 k:1 a()\n", 1, 7, "priority 99999999999 is too large");
    check_error("add t k:1 (x:1)\n", 1, 11, "missing action name before '('");
    check_error("add t k:1 a(x)\n", 1, 13, "expected PARAM:VALUE, found 'x'");
    check_error("add t k:1 a(x:1 y:2)\n", 1, 17,
                "expected ',' or ')' in the arguments of 'a', found 'y:2'");
    check_error("add t k:1 a(x:1,\n", 1, 17, "expected PARAM:VALUE, found end of line");
    check_error("add t k:1 a(x:0x1*)\n", 1, 18, "don't-care digits ('*') are not allowed here");
    check_error("add t k:1 a(x:1/2)\n", 1, 16, "a prefix (/LEN) is not allowed here");
    check_error("add t k:1 a(x:1&&&1)\n", 1, 16, "a masked value (&&&) is not allowed here");
    check_error("add t k:1 a() extra\n", 1, 15, "unexpected 'extra' after the action");
    check_error("add t k:1 a() =\n", 1, 16, "expected an entry id after '='");
    check_error("setdefault t\n", 1, 13, "expected ACTION(...), found end of line");
    check_error("setdefault t a\n", 1, 15, "expected '(' after the action name, found end of line");
    check_error("setdefault t a() = 3\n", 1, 18, "unexpected '=' after the action");
    check_error("check_counter c\n", 1, 16, "expected '(' after the counter name, found end of line");
    check_error("check_counter (1) == 1\n", 1, 15, "expected COUNTER(INDEX), found '('");
    check_error("check_counter c(x) == 1\n", 1, 17, "invalid decimal digit 'x'");
    check_error("check_counter c(1 == 1\n", 1, 19, "expected ')' after the counter index, found '=='");
    check_error("check_counter c(1) = 1\n", 1, 20,
                "expected a comparison (==, !=, <, <=, >, >=), found '='");
    check_error("check_counter c(1) packets\n", 1, 27,
                "expected a comparison (==, !=, <, <=, >, >=), found end of line");
    check_error("check_counter c(1) == \n", 1, 23, "expected a count, found end of line");
    check_error("check_counter c(1) == 1 2\n", 1, 25, "unexpected '2' after the count");
    check_error("add t k:1234567890123456789012345678901234567890123456789012345678901234567890"
                "1234567890123456789012345678901234567890123456789012345678901234567890"
                "1234567890123456789012345678901234567890123456789012345678901234567890 a()\n",
                1, 9, "number is wider than 512 bits");
}

static void test_error_recovery(void **state)
{
    (void)state;
    const char *text = "packet 0 0g\nexpect 0 00\nbogus\nadd t\n";
    StfScript s;
    assert_int_equal(stf_parse("t.stf", text, strlen(text), &s), -1);
    assert_int_equal(s.nerrors, 3);
    assert_int_equal(s.errors[0].pos.line, 1);
    assert_int_equal(s.errors[1].pos.line, 3);
    assert_int_equal(s.errors[2].pos.line, 4);
    assert_int_equal(s.nstmts, 1); /* the good line is kept */
    stf_free(&s);
}

static void test_parse_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_stf.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("packet 0 00112233445566778899aabbccdd\nexpect 0 00\n", f);
    fclose(f);
    StfScript s;
    assert_int_equal(stf_parse_file(path, &s), 0);
    assert_string_equal(s.file, path);
    assert_int_equal(s.nstmts, 2);
    stf_free(&s);
    remove(path);
    assert_int_equal(stf_parse_file(path, &s), -1);
    assert_int_equal(s.nerrors, 0);
    stf_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_packet),
        cmocka_unit_test(test_expect_forms),
        cmocka_unit_test(test_simple_statements),
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_add_without_priority),
        cmocka_unit_test(test_key_values),
        cmocka_unit_test(test_key_values_wide),
        cmocka_unit_test(test_setdefault),
        cmocka_unit_test(test_check_counter),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_recovery),
        cmocka_unit_test(test_parse_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
