/* Unit tests of the P4 printer (frontend/printer.c): the parentheses it puts
 * back into expressions, the layout of declarations and statements, that
 * printing is a fixed point of print -> parse -> print, and the `#include`
 * lines that stand in for declarations of the system include directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "printer.h"
#include "fixture.h"

/* ------------------------------------------------------------ test harness */

/* Parses SRC, which must have no syntax errors, and prints it back with
 * INCLUDE_DIR as the system include directory (may be NULL). The result
 * is malloc'd. */
static char *reprint(Fixture *f, const char *src, const char *include_dir)
{
    int errors = f->diag.errors;
    Node *program = parse_program(&f->arena, &f->diag, src, strlen(src), "test.p4");
    fflush(f->diag_out);
    if (f->diag.errors != errors)
        fail_msg("unexpected syntax errors in:\n%s\n--- diagnostics:\n%s", src, f->diag_text);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    PrintOptions options = {.system_include_dir = include_dir};
    print_program(out, program, &options);
    fclose(out);
    return text;
}

/* SRC prints as EXPECTED, and EXPECTED prints as itself. */
static void check_print(Fixture *f, const char *src, const char *expected)
{
    char *first = reprint(f, src, NULL);
    if (strcmp(first, expected) != 0)
        fail_msg("source:\n%s\n--- printed:\n%s--- expected:\n%s", src, first, expected);
    char *second = reprint(f, first, NULL);
    if (strcmp(second, first) != 0)
        fail_msg("not a fixed point; first:\n%s--- second:\n%s", first, second);
    free(first);
    free(second);
}

#define EXPR_HEAD "bit<8> f(in bit<8> a, in bit<8> b, in bit<8> c, in bool x, in bool y) {\n"

/* The expression SRC, returned from a function, prints as EXPECTED. */
static void check_expr(Fixture *f, const char *src, const char *expected)
{
    char in[512], out[512];
    snprintf(in, sizeof in, EXPR_HEAD "    return %s;\n}\n", src);
    snprintf(out, sizeof out, EXPR_HEAD "    return %s;\n}\n", expected);
    check_print(f, in, out);
}

/* ------------------------------------------------------------- expressions */

static void test_binary_parentheses(void **state)
{
    Fixture *f = *state;
    check_expr(f, "a - (b - c)", "a - (b - c)");
    check_expr(f, "(a - b) - c", "a - b - c");
    check_expr(f, "(a + b) * c", "(a + b) * c");
    check_expr(f, "a + (b * c)", "a + b * c");
    check_expr(f, "a << (b + c)", "a << b + c");
    check_expr(f, "(a << b) + c", "(a << b) + c");
    check_expr(f, "(a | b) & c", "(a | b) & c");
    check_expr(f, "a | (b & c)", "a | b & c");
    check_expr(f, "a ^ (b | c)", "a ^ (b | c)");
    check_expr(f, "a |+| (b |-| c)", "a |+| (b |-| c)");
    check_expr(f, "(a ++ b) ++ c", "a ++ b ++ c");
    check_expr(f, "a ++ (b ++ c)", "a ++ (b ++ c)");
    check_expr(f, "(a < b) == (b > a)", "a < b == b > a");
    check_expr(f, "x == (y == x)", "x == (y == x)");
    check_expr(f, "(x || y) && x", "(x || y) && x");
    check_expr(f, "x || (y && x)", "x || y && x");
    check_expr(f, "a >> (b >> c)", "a >> (b >> c)");
}

static void test_prefix_and_postfix(void **state)
{
    Fixture *f = *state;
    check_expr(f, "-(-a)", "-(-a)");
    check_expr(f, "- -a", "-(-a)");
    check_expr(f, "+(+a)", "+(+a)");
    check_expr(f, "-(+a)", "-+a");
    check_expr(f, "~~a", "~~a");
    check_expr(f, "~(a & b)", "~(a & b)");
    check_expr(f, "a - -1", "a - -1");
    check_expr(f, "-a[3:0]", "-a[3:0]");
    check_expr(f, "(-a)[3:0]", "(-a)[3:0]");
    check_expr(f, "(a ++ b)[7:0]", "(a ++ b)[7:0]");
    check_expr(f, "a[3 +: 4]", "a[3 +: 4]");
    check_expr(f, "(bit<8>)(a + b)", "(bit<8>)(a + b)");
    check_expr(f, "(bit<8>)-a", "(bit<8>)-a");
    check_expr(f, "((bit<16>)a)[7:0]", "((bit<16>)a)[7:0]");
    check_expr(f, "(bit<8>)(bit<4>)a", "(bit<8>)(bit<4>)a");
    check_expr(f, "(bit<8>)a + b", "(bit<8>)a + b");
    check_expr(f, "(bit<8>)(.a)", "(bit<8>)(.a)");
    check_expr(f, "(bit<(4 + 4)>)a", "(bit<(4 + 4)>)a");
}

static void test_conditional(void **state)
{
    Fixture *f = *state;
    check_expr(f, "x ? a : b", "x ? a : b");
    check_expr(f, "x ? a : (y ? b : c)", "x ? a : y ? b : c");
    check_expr(f, "(x ? y : x) ? a : b", "(x ? y : x) ? a : b");
    check_expr(f, "x ? (y ? a : b) : c", "x ? (y ? a : b) : c");
    check_expr(f, "(x ? a : b) + c", "(x ? a : b) + c");
    check_expr(f, "x || y ? a : b", "x || y ? a : b");
    check_expr(f, "a[(x ? 7 : 6):0]", "a[(x ? 7 : 6):0]");
    check_expr(f, "(bit<8>)(x ? a : b)", "(bit<8>)(x ? a : b)");
}

static void test_literals_and_lists(void **state)
{
    Fixture *f = *state;
    check_expr(f, "8w0x0F", "8w0x0F");
    check_expr(f, "0b1010_1010", "0b1010_1010");
    check_print(f,
                "struct S { bit<8> a; bit<8> b; }\n"
                "const S s = { a = 1, b = 2 };\n"
                "const S t = { a = 1, ... };\n"
                "const tuple<bit<8>, bool> u = { 1, true };\n"
                "const string m = \"a\\\"b\";\n",
                "struct S {\n    bit<8> a;\n    bit<8> b;\n}\n\n"
                "const S s = {a = 1, b = 2};\n\n"
                "const S t = {a = 1, ...};\n\n"
                "const tuple<bit<8>, bool> u = {1, true};\n\n"
                "const string m = \"a\\\"b\";\n");
}

/* ------------------------------------------------------------ declarations */

static void test_types_and_annotations(void **state)
{
    Fixture *f = *state;
    check_print(f,
                "@pure @name(\"x\" a(b)) @s[k = 1, j = \"v\"] extern bit<8> g<T>(in T t, @optional bit<8> o);\n"
                "typedef struct S0 { bit<8> f; } S0_t;\n"
                "type bit<32> NT;\n"
                "enum bit<8> E { A = 1, B = 2, }\n"
                "error { E1, E2 }\n"
                "match_kind { mk }\n"
                "header H<T> { T f; varbit<32> v; int<4> i; }\n"
                "struct S { H<bit<8>>[4] hs; tuple<bit<8>, list<bit<8>>> t; }\n",
                "@pure @name(\"x\" a ( b )) @s[k = 1, j = \"v\"] "
                "extern bit<8> g<T>(in T t, @optional bit<8> o);\n\n"
                "typedef struct S0 {\n    bit<8> f;\n} S0_t;\n\n"
                "type bit<32> NT;\n\n"
                "enum bit<8> E { A = 1, B = 2 }\n\n"
                "error { E1, E2 }\n\n"
                "match_kind { mk }\n\n"
                "header H<T> {\n    T f;\n    varbit<32> v;\n    int<4> i;\n}\n\n"
                "struct S {\n    H<bit<8>>[4] hs;\n    tuple<bit<8>, list<bit<8>>> t;\n}\n");
}

static void test_externs_and_blocks(void **state)
{
    Fixture *f = *state;
    check_print(f,
                "extern packet_in { void extract<T>(out T h); }\n"
                "extern X<T> { X(T init); abstract void cb(in T v); T get(); }\n"
                "parser P(packet_in pk, out bit<8> h)(bit<8> c) {\n"
                "    value_set<bit<8>>(4) vs;\n"
                "    state start { pk.extract(h); transition select(h, c) {\n"
                "        (1, _): accept; (2 &&& 3, 4 .. 5): next; vs: accept; default: reject; } }\n"
                "    state next { transition accept; }\n"
                "}\n"
                "control C(inout bit<8> x) {\n"
                "    X<bit<8>>(0) e = { void cb(in bit<8> v) { x = v; } };\n"
                "    action a(bit<8> p) { x = p; }\n"
                "    table t {\n"
                "        key = { x : exact @n; }\n"
                "        actions = { a; @d .NoAction; }\n"
                "        const entries = { priority=2: 1 : a(1) @e; const 2 : a(2); }\n"
                "        const default_action = a(0);\n"
                "        size = 1024;\n"
                "    }\n"
                "    action NoAction() { }\n"
                "    apply { t.apply(); }\n"
                "}\n"
                "parser PT(packet_in pk, out bit<8> h);\n"
                "control CT(inout bit<8> x);\n"
                "package Pkg<H>(PT p, CT c);\n"
                "Pkg(P(1), C()) main;\n",
                "extern packet_in {\n    void extract<T>(out T h);\n}\n\n"
                "extern X<T> {\n    X(T init);\n    abstract void cb(in T v);\n    T get();\n}\n\n"
                "parser P(packet_in pk, out bit<8> h)(bit<8> c) {\n"
                "    value_set<bit<8>>(4) vs;\n"
                "    state start {\n"
                "        pk.extract(h);\n"
                "        transition select(h, c) {\n"
                "            (1, _) : accept;\n"
                "            (2 &&& 3, 4 .. 5) : next;\n"
                "            vs : accept;\n"
                "            default : reject;\n"
                "        }\n"
                "    }\n"
                "    state next {\n        transition accept;\n    }\n"
                "}\n\n"
                "control C(inout bit<8> x) {\n"
                "    X<bit<8>>(0) e = {\n"
                "        void cb(in bit<8> v) {\n            x = v;\n        }\n"
                "    };\n"
                "    action a(bit<8> p) {\n        x = p;\n    }\n"
                "    table t {\n"
                "        key = {\n            x : exact @n;\n        }\n"
                "        actions = {\n            a;\n            @d .NoAction;\n        }\n"
                "        const entries = {\n"
                "            priority=2: 1 : a(1) @e;\n"
                "            const 2 : a(2);\n"
                "        }\n"
                "        const default_action = a(0);\n"
                "        size = 1024;\n"
                "    }\n"
                "    action NoAction() {\n    }\n"
                "    apply {\n        t.apply();\n    }\n"
                "}\n\n"
                "parser PT(packet_in pk, out bit<8> h);\n\n"
                "control CT(inout bit<8> x);\n\n"
                "package Pkg<H>(PT p, CT c);\n\n"
                "Pkg(P(1), C()) main;\n");
}

/* -------------------------------------------------------------- statements */

static void test_statements(void **state)
{
    Fixture *f = *state;
    check_print(f,
                "action a(inout bit<8> x, in bool c) {\n"
                "    if (c) x = 1; else if (!c) { x = 2; } else x = 3;\n"
                "    if (c) { x = 1; } else ;\n"
                "    switch (x) { 1: 2: { exit; } default: { } }\n"
                "    for (bit<8> i = 0, x = 0; i < 4; i = i + 1, x += 1) { if (i == 2) continue; break; }\n"
                "    for (bit<8> j in 1 .. 3) x = x |+| j;\n"
                "    @unroll for (bit<8> k in x) { }\n"
                "    @b { bit<8> l = x; x <<= 1; x[3:0] = 0; }\n"
                "    return;\n"
                "}\n",
                "action a(inout bit<8> x, in bool c) {\n"
                "    if (c)\n        x = 1;\n"
                "    else if (!c) {\n        x = 2;\n    } else\n        x = 3;\n"
                "    if (c) {\n        x = 1;\n    } else\n        ;\n"
                "    switch (x) {\n"
                "        1:\n"
                "        2: {\n            exit;\n        }\n"
                "        default: {\n        }\n"
                "    }\n"
                "    for (bit<8> i = 0, x = 0; i < 4; i = i + 1, x += 1) {\n"
                "        if (i == 2)\n            continue;\n"
                "        break;\n"
                "    }\n"
                "    for (bit<8> j in 1 .. 3)\n        x = x |+| j;\n"
                "    @unroll for (bit<8> k in x) {\n    }\n"
                "    @b {\n        bit<8> l = x;\n        x <<= 1;\n        x[3:0] = 0;\n    }\n"
                "    return;\n"
                "}\n");
}

/* ---------------------------------------------------------- system headers */

/* A directory with the files NAMES, each empty; realpath() needs them. */
static char *make_include_dir(const char *const *names, int n)
{
    char tmpl[] = "/tmp/p4cc-printer-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    for (int i = 0; i < n; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fclose(file);
    }
    return strdup(dir);
}

static void remove_include_dir(char *dir, const char *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    free(dir);
}

static void test_system_includes(void **state)
{
    Fixture *f = *state;
    static const char *const names[] = {"core.p4", "v1model.p4"};
    char *dir = make_include_dir(names, 2);
    char src[1024];
    /* The preprocessor may spell the path with `//` and `./`. */
    snprintf(src, sizeof src,
             "# 1 \"%s//core.p4\"\n"
             "extern packet_in { }\n"
             "error { NoError }\n"
             "# 1 \"%s/./v1model.p4\"\n"
             "const bit<32> __v1model_version = 20200408;\n"
             "typedef bit<9> PortId_t;\n"
             "# 3 \"prog.p4\"\n"
             "header h_t { bit<8> f; }\n"
             "# 1 \"%s/core.p4\"\n"
             "extern void more();\n"
             "# 5 \"prog.p4\"\n"
             "struct m_t { }\n",
             dir, dir, dir);
    char *printed = reprint(f, src, dir);
    const char *expected = "#include <core.p4>\n"
                           "#define V1MODEL_VERSION 20200408\n"
                           "#include <v1model.p4>\n"
                           "\n"
                           "header h_t {\n    bit<8> f;\n}\n"
                           "\n"
                           "struct m_t {\n}\n";
    if (strcmp(printed, expected) != 0)
        fail_msg("printed:\n%s--- expected:\n%s", printed, expected);
    free(printed);
    remove_include_dir(dir, names, 2);
}

static void test_print_node(void **state)
{
    Fixture *f = *state;
    const char *src = "const bit<8> c = (1 + 2) * 3;\n";
    Node *program = parse_program(&f->arena, &f->diag, src, strlen(src), "test.p4");
    assert_int_equal(f->diag.errors, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    print_node(out, program->items.items[0]->expr);
    fputc('|', out);
    print_node(out, program->items.items[0]->type);
    fputc('|', out);
    print_node(out, NULL);
    fclose(out);
    assert_string_equal(text, "(1 + 2) * 3|bit<8>|/* ? */");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_binary_parentheses),
        TEST(test_prefix_and_postfix),
        TEST(test_conditional),
        TEST(test_literals_and_lists),
        TEST(test_types_and_annotations),
        TEST(test_externs_and_blocks),
        TEST(test_statements),
        TEST(test_system_includes),
        TEST(test_print_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
