/* Unit tests of semantic analysis (frontend/sema*.c), one group per rule
 * area: each program is parsed (no preprocessor: a small prelude stands in
 * for core.p4) and checked; the tests assert the types the checker
 * concluded, compile-time values, and that each mistake gives exactly one
 * error with the expected message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "constvalue.h"
#include "diag.h"
#include "parse.h"
#include "sema.h"
#include "types.h"
#include "fixture.h"

static const char prelude[] =
    "error { NoError, PacketTooShort }\n"
    "extern packet_in { void extract<T>(out T hdr); T lookahead<T>(); void advance(in bit<32> n); }\n"
    "match_kind { exact, ternary, lpm }\n"
    "action NoAction() {}\n";

/* Parses and checks PRELUDE + SRC; returns the diagnostics text. */
static const char *check(Fixture *f, const char *src)
{
    char *text = arena_printf(&f->arena, "%s%s", prelude, src);
    f->program = parse_program(&f->arena, &f->diag, text, strlen(text), "t.p4");
    assert_int_equal(f->diag.errors, 0);   /* the syntax is always right here */
    sema_check(&f->arena, &f->diag, f->program);
    fflush(f->diag_out);
    return f->diag_text ? f->diag_text : "";
}

static void expect_ok(void **state, const char *src)
{
    Fixture *f = *state;
    const char *out = check(f, src);
    if (f->diag.errors)
        fail_msg("expected no error for:\n%s\ngot:\n%s", src, out);
}

/* Exactly one error, whose message contains FRAGMENT. */
static void expect_error(void **state, const char *src, const char *fragment)
{
    Fixture *f = *state;
    const char *out = check(f, src);
    if (f->diag.errors != 1 || !strstr(out, fragment))
        fail_msg("expected one error containing \"%s\" for:\n%s\ngot %d:\n%s", fragment, src,
                 f->diag.errors, out);
}

static void reset(void **state)
{
    teardown(state);
    assert_int_equal(setup(state), 0);
}

static Node *find_decl(Node *program, const char *name)
{
    for (int i = 0; i < program->items.len; i++) {
        Node *d = program->items.items[i];
        if (d->name && strcmp(d->name, name) == 0)
            return d;
    }
    fail_msg("no declaration named %s", name);
    return NULL;
}

/* The type the checker gave the initializer of constant NAME. */
static const char *type_of_const(void **state, const char *name)
{
    Fixture *f = *state;
    Node *d = find_decl(f->program, name);
    return type_name(&f->arena, d->expr->ty);
}

static const char *declared_type(void **state, const char *name)
{
    Fixture *f = *state;
    return type_name(&f->arena, find_decl(f->program, name)->ty);
}

/* The value of constant NAME as its uses see it (converted to its type). */
static const char *value_of_const(void **state, const char *name)
{
    Fixture *f = *state;
    Node *d = find_decl(f->program, name);
    Node *use = ast_new(&f->arena, N_NAME, d->loc);
    use->name = d->name;
    use->ref = d;
    ConstValue *v = fold_constant(&f->arena, use);
    assert_non_null(v);
    if (v->kind == CV_BOOL)
        return v->boolean ? "true" : "false";
    assert_int_equal(v->kind, CV_INT);
    return v->digits;
}

/* ------------------------------------------------------------ name resolution */

static void test_names(void **state)
{
    expect_error(state, "const bit<8> a = b;\n", "'b' is not declared");
    reset(state);
    expect_error(state, "const bit<8> a = 1;\nconst bit<8> a = 2;\n", "redeclaration of constant 'a'");
    reset(state);
    /* Used before its declaration: P4 resolves names in order. */
    expect_error(state, "const bit<8> a = b;\nconst bit<8> b = 2;\n", "'b' is not declared");
    reset(state);
    expect_error(state, "const bit<8> a = 1;\ncontrol c() { apply { a = 2; } }\n", "not an l-value");
    reset(state);
    expect_ok(state, "header h_t { bit<8> f; }\nstruct s_t { h_t h; }\n"
                     "control c(inout s_t s) { apply { s.h.f = 1; } }\n");
}

/* ------------------------------------------------------------ types */

static void test_types(void **state)
{
    expect_error(state, "header h_t { int f; }\n", "cannot have type 'int'");
    reset(state);
    expect_error(state, "struct s_t { bit<8> f; bit<8> f; }\n", "field 'f' is declared twice");
    reset(state);
    expect_error(state, "enum bool E { A = true }\n", "must be bit<W> or int<W>");
    reset(state);
    expect_error(state, "const int<0> x = 0;\n", "must be positive");
    reset(state);
    expect_error(state, "header_union u_t { bit<8> f; }\n", "must be a header");
    reset(state);
    expect_ok(state, "typedef bit<8> byte_t;\ntype bit<16> port_t;\nconst byte_t b = 3;\n"
                     "header h_t { byte_t a; varbit<32> opts; }\nconst bit<(2 + 2)> w = 15;\n");
    assert_string_equal(declared_type(state, "w"), "bit<4>");
}

/* ------------------------------------------------------------ operators */

static void test_operators(void **state)
{
    expect_error(state, "control c(in bit<8> a, in bit<16> b, out bool r) { apply { r = a + b == 0; } }\n",
                 "different types");
    reset(state);
    expect_error(state, "const int x = ~1;\n", "'~' must have a fixed width");
    reset(state);
    expect_error(state, "control c(in bit<8> a, in int<8> s, out bit<8> r) { apply { r = a << s; } }\n",
                 "shift amount must be unsigned");
    reset(state);
    expect_ok(state, "control c(in bit<8> a, in bit<16> b, out bit<24> r) { apply { r = a ++ b; } }\n"
                     "const bit<8> lit = 8w3 + 1;\nconst bool cmp = 8w3 < 4;\n");
    assert_string_equal(type_of_const(state, "lit"), "bit<8>");
    assert_string_equal(type_of_const(state, "cmp"), "bool");
}

/* ------------------------------------------------------------ casts */

static void test_casts(void **state)
{
    expect_ok(state, "const bit<8> a = (bit<8>)16w0x1234;\nconst bool b = (bool)1w1;\n"
                     "const int<8> c = (int<8>)8w200;\nconst bit<1> d = (bit<1>)true;\n");
    assert_string_equal(value_of_const(state, "a"), "52");
    assert_string_equal(value_of_const(state, "c"), "-56");
    reset(state);
    expect_error(state, "const int<8> x = (int<8>)16w5;\n", "cannot cast 'bit<16>' to 'int<8>'");
    reset(state);
    expect_error(state, "const bool x = (bool)8w1;\n", "cannot cast");
}

/* ------------------------------------------------------------ compile-time evaluation */

static void test_constants(void **state)
{
    expect_ok(state, "const bit<8> wrap = 250 + 10;\nconst int big = 1 << 100;\n"
                     "const bit<4> sat = 4w10 |+| 4w9;\nconst int<8> neg = -8s5;\n"
                     "header h_t { bit<16> a; bit<8> b; }\nconst int sz = h_t.minSizeInBits();\n");
    assert_string_equal(value_of_const(state, "wrap"), "4");
    assert_string_equal(value_of_const(state, "big"), "1267650600228229401496703205376");
    assert_string_equal(value_of_const(state, "sat"), "15");
    assert_string_equal(value_of_const(state, "neg"), "-5");
    assert_string_equal(value_of_const(state, "sz"), "24");
    reset(state);
    expect_error(state, "const int x = 5 / 0;\n", "division by zero");
    reset(state);
    expect_error(state, "control c(in bit<8> v) { apply { bit<8> x = v; const bit<8> y = x; } }\n",
                 "must be compile-time known");
}

/* ------------------------------------------------------------ calls */

static void test_calls(void **state)
{
    static const char decls[] =
        "extern void f(in bit<8> a, in bit<8> b = 2);\n"
        "extern void g(in bit<8> a);\nextern void g(in bit<8> a, in bit<8> b);\n";
    char *src;
    Fixture *f = *state;
    src = arena_printf(&f->arena, "%scontrol c() { apply { f(1); f(b = 3, a = 1); g(1); g(1, 2); } }\n", decls);
    expect_ok(state, src);
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, "%scontrol c() { apply { f(a = 1, 2); } }\n", decls),
                 "either all named or all positional");
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, "%scontrol c() { apply { f(); } }\n", decls),
                 "missing argument for parameter 'a'");
    reset(state);
    expect_error(state, "extern void o(out bit<8> x);\ncontrol c() { apply { o(8w1); } }\n",
                 "must be an l-value");
    reset(state);
    /* Generic inference: extract's T is the header's type. */
    expect_ok(state, "header h_t { bit<8> f; }\nstruct s_t { h_t h; }\n"
                     "parser p(packet_in pkt, out s_t s) { state start { pkt.extract(s.h); "
                     "transition select(pkt.lookahead<bit<8>>()) { 1: accept; default: reject; } } }\n");
}

/* ------------------------------------------------------------ tables */

static void test_tables(void **state)
{
    static const char ctl[] =
        "control c(inout bit<8> k) {\n"
        "    action a(bit<8> v) { k = v; }\n"
        "    action b() {}\n"
        "    table t {\n"
        "        key = { k : %s; }\n"
        "        actions = { a; }\n"
        "        %s\n"
        "    }\n"
        "    apply { t.apply(); }\n"
        "}\n";
    Fixture *f = *state;
    expect_ok(state, arena_printf(&f->arena, ctl, "exact", "default_action = a(1);"));
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, ctl, "fuzzy", ""), "'fuzzy' is not a match kind");
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, ctl, "exact", "default_action = b();"),
                 "not in the actions of table 't'");
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, ctl, "exact", "default_action = a();"),
                 "needs an argument for parameter 'v'");
    reset(state);
    f = *state;
    expect_error(state, arena_printf(&f->arena, ctl, "exact",
                                     "const entries = { true : a(1); }"), "keyset");
}

/* ------------------------------------------------------------ parsers */

static void test_parsers(void **state)
{
    expect_error(state, "parser p(packet_in pkt) { state start { transition nowhere; } }\n",
                 "'nowhere' is not a state");
    reset(state);
    expect_error(state, "parser p(packet_in pkt) { state begin { transition accept; } }\n",
                 "has no 'start' state");
    reset(state);
    expect_error(state, "parser p(packet_in pkt, in bit<8> v) { state start {\n"
                        "    transition select(v) { true: accept; default: reject; } } }\n",
                 "keyset");
    reset(state);
    expect_ok(state, "parser p(packet_in pkt, in bit<8> v, in bit<4> w) { state start {\n"
                     "    transition select(v, w) { (1, 2): accept; (0x10 &&& 0xf0, _): s2;\n"
                     "                              (3 .. 7, default): accept; default: reject; } }\n"
                     "  state s2 { transition accept; } }\n");
}

/* ------------------------------------------------------------ headers and statements */

static void test_headers_and_statements(void **state)
{
    expect_ok(state, "header h_t { bit<8> f; }\nstruct s_t { h_t h; h_t[4] st; }\n"
                     "control c(inout s_t s, out bool v) { apply { v = s.h.isValid(); s.h.setValid();\n"
                     "    s.st.push_front(1); s.st[0].f = 1; } }\n");
    reset(state);
    expect_error(state, "header h_t { bit<8> f; }\nstruct s_t { h_t[2] st; }\n"
                        "control c(inout s_t s) { apply { s.st.next.f = 1; } }\n",
                 "only allowed in a parser");
    reset(state);
    expect_error(state, "control c() { action a() { return; } apply { break; } }\n",
                 "'break' is only allowed in a loop");
    reset(state);
    expect_error(state, "bit<8> f() { exit; }\n", "'exit' is not allowed in a function");
    reset(state);
    expect_error(state, "control c(in bit<8> x) { apply { x = 1; } }\n", "not an l-value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_casts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_constants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parsers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headers_and_statements, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
