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

#include "p4rt.h"
#include "runner.h"
#include "stf.h"

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
    assert_string_equal(a->keys[0].value, "0x0a019845");
    assert_string_equal(a->action.name, "_NoAction");
    assert_int_equal(a->action.nargs, 0);

    StfStmt *b = &s.stmts[1];
    assert_string_equal(b->table, "ingress.t");
    assert_int_equal(b->priority, 503);
    assert_int_equal(b->nkeys, 3);
    assert_string_equal(b->keys[0].name, "hdr.f[15:0]");
    assert_string_equal(b->keys[0].value, "7");
    assert_string_equal(b->keys[1].name, "extra$0.h");
    assert_string_equal(b->keys[1].value, "0x25**");
    assert_string_equal(b->keys[2].name, "hdr.h.isValid()");
    assert_string_equal(b->action.name, "ingress.setb1");
    assert_int_equal(b->action.nargs, 2);
    assert_string_equal(b->action.args[0].name, "val");
    assert_string_equal(b->action.args[0].value, "0x7f");
    assert_string_equal(b->action.args[1].name, "port");
    assert_int_equal(b->action.args[1].name_pos.col, 92);
    assert_string_equal(b->action.args[1].value, "2");
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

/* Key values are kept as written: libp4rt reads them when the script is
 * bound to a program (test_bind). */
static void test_key_values(void **state)
{
    (void)state;
    StfScript s = parse_ok("add t a:255 b:0xFF c:0b1010 d:0x0a** e:0b01** f:0x0a&&&0xf0 "
                           "h:0x0a000000/24 i:340282366920938463463374607431768211455 act()\n");
    StfField *k = s.stmts[0].keys;
    static const char *const want[] = {"255", "0xFF", "0b1010", "0x0a**", "0b01**",
                                       "0x0a&&&0xf0", "0x0a000000/24",
                                       "340282366920938463463374607431768211455"};
    assert_int_equal(s.stmts[0].nkeys, 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(k[i].value, want[i]);
    assert_int_equal(k[7].value_pos.col, 79);
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

/* BMv2's multicast statements: groups, nodes (handles count from 0) and
 * their association. */
static void test_mc(void **state)
{
    (void)state;
    StfScript s = parse_ok("mc_mgrp_create 1113\nMC_NODE_CREATE 400 6 7 8\nmc_node_associate 1113 0\n");
    assert_int_equal(s.nstmts, 3);
    assert_int_equal(s.stmts[0].kind, STF_MC_MGRP_CREATE);
    assert_int_equal(s.stmts[0].group, 1113);
    assert_int_equal(s.stmts[1].kind, STF_MC_NODE_CREATE);
    assert_int_equal(s.stmts[1].rid, 400);
    assert_int_equal(s.stmts[1].nports, 3);
    assert_int_equal(s.stmts[1].ports[2], 8);
    assert_int_equal(s.stmts[1].ports_pos[2].col, 24);
    assert_int_equal(s.stmts[2].kind, STF_MC_NODE_ASSOCIATE);
    assert_int_equal(s.stmts[2].group, 1113);
    assert_int_equal(s.stmts[2].handle, 0);
    assert_int_equal(s.stmts[2].handle_pos.col, 24);
    assert_true(stf_needs_network(&s));
    uint32_t *ports;
    assert_int_equal(stf_ports(&s, &ports), 3);
    assert_int_equal(ports[0], 6);
    free(ports);
    stf_free(&s);
    check_error("mc_mgrp_create\n", 1, 15, "expected a multicast group, found end of line");
    check_error("mc_mgrp_create 1 2\n", 1, 18, "unexpected '2' after the group");
    check_error("mc_node_create 400\n", 1, 19, "expected a port number, found end of line");
    check_error("mc_node_create 400 1 x\n", 1, 22, "invalid decimal digit 'x'");
    check_error("mc_node_associate 1\n", 1, 20, "expected a node handle, found end of line");
    check_error("mc_node_associate 1 0 0\n", 1, 23, "unexpected '0' after the node handle");
    s = parse_ok("packet 0 00\nexpect 0 00\n");
    assert_false(stf_needs_network(&s));
    stf_free(&s);
}

/* BMv2's clone session statements. */
static void test_mirroring(void **state)
{
    (void)state;
    StfScript s = parse_ok("mirroring_add 5 4\nMIRRORING_GET 5\nmirroring_delete 5\n");
    assert_int_equal(s.nstmts, 3);
    assert_int_equal(s.stmts[0].kind, STF_MIRRORING_ADD);
    assert_int_equal(s.stmts[0].session, 5);
    assert_int_equal(s.stmts[0].session_pos.col, 15);
    assert_int_equal(s.stmts[0].port, 4);
    assert_int_equal(s.stmts[0].port_pos.col, 17);
    assert_int_equal(s.stmts[1].kind, STF_MIRRORING_GET);
    assert_int_equal(s.stmts[2].kind, STF_MIRRORING_DELETE);
    assert_int_equal(s.stmts[2].session, 5);
    assert_true(stf_needs_network(&s));
    uint32_t *ports;
    assert_int_equal(stf_ports(&s, &ports), 1);
    assert_int_equal(ports[0], 4);
    free(ports);
    stf_free(&s);
    check_error("mirroring_add 5\n", 1, 16, "expected a port number, found end of line");
    check_error("mirroring_add 5 4 3\n", 1, 19, "unexpected '3' after the port");
    check_error("mirroring_delete\n", 1, 17, "expected a clone session, found end of line");
    check_error("mirroring_get 1 2\n", 1, 17, "unexpected '2' after the session");
    check_error("mirroring_add_mc 5\n", 1, 19, "expected a multicast group, found end of line");
    check_error("mirroring_add_mc 5 1 1\n", 1, 22, "unexpected '1' after the group");
    s = parse_ok("mirroring_add_mc 6 1113\n");
    assert_int_equal(s.stmts[0].kind, STF_MIRRORING_ADD_MC);
    assert_int_equal(s.stmts[0].session, 6);
    assert_int_equal(s.stmts[0].group, 1113);
    assert_int_equal(s.stmts[0].group_pos.col, 20);
    assert_true(stf_needs_network(&s));
    stf_free(&s);
}

/* BMv2's register statements: the value a number or a struct's fields. */
static void test_registers(void **state)
{
    (void)state;
    StfScript s = parse_ok("register_write ing.r 3 0x1ff\n"
                           "register_write ing.s 0 a:1 in.b:0x2\n"
                           "register_read ing.r 2\nregister_reset ing.r\n");
    assert_int_equal(s.nstmts, 4);
    assert_int_equal(s.stmts[0].kind, STF_REGISTER_WRITE);
    assert_string_equal(s.stmts[0].table, "ing.r");
    assert_int_equal(s.stmts[0].index, 3);
    assert_int_equal(s.stmts[0].index_pos.col, 22);
    assert_int_equal(s.stmts[0].nkeys, 1);
    assert_null(s.stmts[0].keys[0].name);
    assert_string_equal(s.stmts[0].keys[0].value, "0x1ff");
    assert_int_equal(s.stmts[1].nkeys, 2);
    assert_string_equal(s.stmts[1].keys[1].name, "in.b");
    assert_string_equal(s.stmts[1].keys[1].value, "0x2");
    assert_int_equal(s.stmts[2].kind, STF_REGISTER_READ);
    assert_int_equal(s.stmts[2].index, 2);
    assert_int_equal(s.stmts[3].kind, STF_REGISTER_RESET);
    assert_string_equal(s.stmts[3].table, "ing.r");
    assert_false(stf_needs_network(&s));
    stf_free(&s);
    check_error("register_write ing.r 3\n", 1, 23,
                "expected VALUE or FIELD:VALUE after the index, found end of line");
    check_error("register_write ing.r x 1\n", 1, 22, "invalid decimal digit 'x'");
    check_error("register_read ing.r 1 2\n", 1, 23, "unexpected '2' after the index");
    check_error("register_reset ing.r 1\n", 1, 22, "unexpected '1' after the register");
    check_error("register_write\n", 1, 15,
                "expected a table name after 'register_write', found end of line");
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
    check_error("packet 0x 00\n", 1, 10, "missing digits after '0x'");
    check_error("packet 0b2 00\n", 1, 10, "invalid binary digit '2'");
    check_error("packet 0x1_0g 00\n", 1, 13, "invalid hex digit 'g'");
    check_error("check_counter c(1) == 18446744073709551616\n", 1, 23,
                "a count 18446744073709551616 is too large (at most 18446744073709551615)");
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
    check_error("add t 5 6 k:1 a()\n", 1, 9, "expected KEY:VALUE or ACTION(...), found '6'");
    check_error("add t 99999999999 k:1 a()\n", 1, 7, "priority 99999999999 is too large");
    check_error("add t k:1 (x:1)\n", 1, 11, "missing action name before '('");
    check_error("add t k:1 a(x)\n", 1, 13, "expected PARAM:VALUE, found 'x'");
    check_error("add t k:1 a(x:1 y:2)\n", 1, 17,
                "expected ',' or ')' in the arguments of 'a', found 'y:2'");
    check_error("add t k:1 a(x:1,\n", 1, 17, "expected PARAM:VALUE, found end of line");
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

/* ----------------------------------------------------------- binding */

/* Binding SCRIPT to tests/p4rt/router.p4info.json gives exactly the errors
 * WANT (joined by newlines, each "line:col: msg"); *OUT (if not NULL) gets
 * what was bound, else it is freed. */
static void check_bind(const char *script, const char *want, StfBound **out, StfScript *sout)
{
    StfScript s;
    p4rt_pipeline *desc = p4rt_open_p4info("tests/p4rt/router.p4info.json");
    if (!desc)
        fail_msg("%s", p4rt_errmsg());
    assert_int_equal(stf_parse("t.stf", script, strlen(script), &s), 0);
    StfBound *b = stf_bind(&s, desc);
    p4rt_close(desc);
    char got[4096] = "";
    for (size_t i = 0; i < s.nerrors; i++) {
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%d:%d: %s", i ? "\n" : "", s.errors[i].pos.line,
                 s.errors[i].pos.col, s.errors[i].msg);
    }
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "script:\n%swanted:\n%s\ngot:\n%s\n", script, want, got);
        fail();
    }
    if (want[0])
        assert_null(b);
    else
        assert_non_null(b);
    if (out) {
        *out = b;
        *sout = s;
        return;
    }
    stf_bound_free(b, s.nstmts);
    stf_free(&s);
}

/* Names as p4c and p4c-ebpf write them, resolved to the program's; what
 * STF means beyond libp4rt's requests made explicit. */
static void test_bind(void **state)
{
    (void)state;
    StfBound *b;
    StfScript s;
    check_bind("add ipv4_lpm key.field0:0x0a000000/8 forward(port:1, dmac:0x001122334455)\n"
               "add ingress_ipv4_lpm 5 hdr.ipv4.dstAddr:10 drop()\n"
               "add acl 7 hdr.ipv4.srcAddr:0x0a****** hdr.tcp.dstPort:80 "
               "hdr.ipv4.protocol:6 allow(tag:1)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward()\n"
               "setdefault ipv4_lpm forward()\n"
               "check_counter port_packets(7) == 0\n"
               "check_counter flows(700) == 0\n",
               "", &b, &s);
    assert_string_equal(b[0].table, "ingress.ipv4_lpm");
    assert_string_equal(b[0].entry.keys[0].name, "key.field0");
    assert_string_equal(b[0].entry.keys[0].value, "0x0a000000/8");
    assert_int_equal(b[0].entry.nargs, 2);
    /* A priority means nothing to a table without priorities. */
    assert_string_equal(b[1].table, "ingress.ipv4_lpm");
    assert_int_equal(b[1].entry.priority, 0);
    assert_int_equal(b[2].entry.priority, 7);
    /* ACTION() of an action with parameters: every one 0. */
    assert_int_equal(b[3].entry.nargs, 2);
    assert_string_equal(b[3].entry.args[0].name, "port");
    assert_string_equal(b[3].entry.args[0].value, "0");
    assert_string_equal(b[3].entry.args[1].name, "dmac");
    assert_int_equal(b[4].entry.nargs, 2);
    assert_null(b[4].entry.keys);
    assert_string_equal(b[5].counter, "ingress.port_packets");
    assert_string_equal(b[6].counter, "ingress.flows");
    assert_null(b[6].table);
    stf_bound_free(b, s.nstmts);
    stf_free(&s);
}

/* Multicast statements checked on a program that multicasts (and on one
 * that does not): numbers in range, handles of nodes made before. */
static void test_bind_mc(void **state)
{
    (void)state;
    StfScript s;
    p4rt_pipeline *desc = p4rt_open_p4info("tests/p4rt/mcast.p4info.json");
    if (!desc)
        fail_msg("%s", p4rt_errmsg());
    const char *script = "mc_mgrp_create 1\n"
                         "mc_node_create 7 1 2\n"
                         "mc_node_associate 1 0\n"
                         "mc_mgrp_create 0\n"
                         "mc_mgrp_create 65536\n"
                         "mc_node_create 65536 1\n"
                         "mc_node_create 1 256\n"
                         "mc_node_create 1 3 3\n"
                         "mc_node_associate 1 5\n";
    assert_int_equal(stf_parse("t.stf", script, strlen(script), &s), 0);
    assert_null(stf_bind(&s, desc));
    const char *want[] = {
        "4:16: multicast group 0 is out of range: groups are 1 to 65535",
        "5:16: multicast group 65536 is out of range: groups are 1 to 65535",
        "6:1: rid 65536 is out of range: egress_rid is 16 bits (0 to 65535)",
        "7:1: port 256 is out of range: ports are 0 to 255",
        "8:1: port 3 is given twice",
        ("9:21: no node has handle 5 (mc_node_create numbers nodes 0, 1, ... in order; 4 "
         "created before this line)"),
    };
    assert_int_equal(s.nerrors, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < s.nerrors; i++) {
        char got[300];
        snprintf(got, sizeof got, "%d:%d: %s", s.errors[i].pos.line, s.errors[i].pos.col,
                 s.errors[i].msg);
        assert_string_equal(got, want[i]);
    }
    stf_free(&s);
    p4rt_close(desc);
    check_bind("mc_mgrp_create 1\n",
               "1:1: program 'router' has no multicast groups: it never sets "
               "standard_metadata.mcast_grp",
               NULL, NULL);
}

/* Clone session statements checked on a program that clones (and one
 * that does not): sessions and ports in range. */
static void test_bind_mirroring(void **state)
{
    (void)state;
    StfScript s;
    p4rt_pipeline *desc = p4rt_open_p4info("tests/p4rt/clone.p4info.json");
    if (!desc)
        fail_msg("%s", p4rt_errmsg());
    const char *script = "mirroring_add 5 4\n"
                         "mirroring_get 5\n"
                         "mirroring_add 32768 1\n"
                         "mirroring_add 1 256\n"
                         "mirroring_delete 40000\n";
    assert_int_equal(stf_parse("t.stf", script, strlen(script), &s), 0);
    assert_null(stf_bind(&s, desc));
    const char *want[] = {
        "3:15: clone session 32768 is out of range: sessions are 0 to 32767",
        "4:1: port 256 is out of range: ports are 0 to 255",
        "5:18: clone session 40000 is out of range: sessions are 0 to 32767",
    };
    assert_int_equal(s.nerrors, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < s.nerrors; i++) {
        char got[300];
        snprintf(got, sizeof got, "%d:%d: %s", s.errors[i].pos.line, s.errors[i].pos.col,
                 s.errors[i].msg);
        assert_string_equal(got, want[i]);
    }
    stf_free(&s);
    p4rt_close(desc);
    check_bind("mirroring_add 1 2\n",
               "1:1: program 'router' has no clone sessions: it never calls clone() or "
               "clone_preserving_field_list()",
               NULL, NULL);
}

/* Every name and value is checked before anything runs, each error at the
 * part of the line it is about. */
static void test_bind_errors(void **state)
{
    (void)state;
    check_bind("add ipv4_lpmx key.field0:1 drop()\n"
               "add ipv4_lpm hdr.ipv4.dst:1 drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:0x1ffffffff drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1, dmac:2, vlan:3)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1000, dmac:2)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:10/40 drop()\n"
               "setdefault acl drop()\n"
               "setdefault ipv4_lpm jump()\n"
               "check_counter packets(1) == 0\n"
               "check_counter port_packets(8) == 0\n"
               "add smac hdr.ethernet.srcAddr:1 NoAction()\n"
               "add acl hdr.ipv4.srcAddr:1 allow(tag:1)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1, port:2, dmac:0)\n",
               "1:5: the program has no table 'ipv4_lpmx' (its tables: ingress.ipv4_lpm, "
               "ingress.acl, ingress.smac, ingress.mark)\n"
               "2:14: table 'ingress.ipv4_lpm' has no key field 'hdr.ipv4.dst' (its key fields: "
               "hdr.ipv4.dstAddr)\n"
               "3:31: value 0x1ffffffff does not fit in key field 'hdr.ipv4.dstAddr' (bit<32>)\n"
               "4:33: missing argument 'dmac' of action 'ingress.forward'\n"
               "5:57: action 'ingress.forward' has no parameter 'vlan' (its parameters: port, "
               "dmac)\n"
               "6:46: value 1000 does not fit in parameter 'port' (bit<9>)\n"
               "7:34: prefix length 40 is longer than key field 'hdr.ipv4.dstAddr' (bit<32>)\n"
               "8:12: the default action of table 'ingress.acl' is const\n"
               "9:21: table 'ingress.ipv4_lpm' has no action 'jump' (its actions: "
               "ingress.forward, ingress.drop)\n"
               "10:15: the program has no counter 'packets' (its counters: "
               "ingress.port_packets, ingress.flows)\n"
               "11:28: index 8 is out of range for counter 'ingress.port_packets' (size 8)\n"
               "12:5: table 'ingress.smac' has const entries: it cannot be changed\n"
               "13:5: missing key field 'hdr.ipv4.protocol' of table 'ingress.acl'\n"
               "14:49: parameter 'port' of action 'ingress.forward' is given twice",
               NULL, NULL);
    /* Values as libp4rt reads them, the error at the character at fault. */
    check_bind("add ipv4_lpm hdr.ipv4.dstAddr:0xzz drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:0x drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:0b102 drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:12* drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:10/ drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:10/x drop()\n"
               "add acl hdr.ipv4.srcAddr:1&&&0x** hdr.ipv4.protocol:6 drop()\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:0x1*, dmac:0)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1/2, dmac:0)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1 forward(port:1&&&1, dmac:0)\n"
               "add ipv4_lpm hdr.ipv4.dstAddr:1234567890123456789012345678901234567890"
               "1234567890123456789012345678901234567890123456789012345678901234567890"
               "1234567890123456789012345678901234567890123456789012345678901234567890"
               "1234567890 drop()\n",
               "1:33: invalid hex digit 'z'\n"
               "2:33: missing digits after '0x'\n"
               "3:35: invalid binary digit '2'\n"
               "4:33: '*' digits need a hex (0x) or binary (0b) value\n"
               "5:34: missing prefix length after '/'\n"
               /* 10/x: x is a MASK (10/255.0.0.0), not a length */
               "6:34: invalid decimal digit 'x'\n"
               "7:32: don't-care digits ('*') are not allowed here\n"
               "8:49: don't-care digits ('*') are not allowed here\n"
               "9:47: a prefix (/LEN) is not allowed here\n"
               "10:47: a masked value (&&&) is not allowed here\n"
               "11:31: number is wider than 512 bits",
               NULL, NULL);
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
        cmocka_unit_test(test_setdefault),
        cmocka_unit_test(test_check_counter),
        cmocka_unit_test(test_mc),
        cmocka_unit_test(test_mirroring),
        cmocka_unit_test(test_registers),
        cmocka_unit_test(test_bind_mirroring),
        cmocka_unit_test(test_bind_mc),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_recovery),
        cmocka_unit_test(test_parse_file),
        cmocka_unit_test(test_bind),
        cmocka_unit_test(test_bind_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
