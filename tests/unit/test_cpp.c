/* Unit tests of the built-in preprocessor (src/cpp.c): macro expansion
 * rules (C11 6.10.3), conditionals, includes, positions in the output, and
 * the cases it must hand over to the system cpp. tests/cpp-compare.py
 * checks it against cpp over the whole corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cpp.h"

static char dir[] = "/tmp/p4cc-test-cpp.XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Preprocesses TEXT as DIR/main.p4 with ARGS; returns the raw output
 * (malloc'd) or NULL, with the reason in WHY. */
static char *run_args(const char *text, const char *const *args, int nargs, char *why)
{
    write_file("main.p4", text);
    char path[256];
    snprintf(path, sizeof path, "%s/main.p4", dir);
    size_t len = 0;
    why[0] = '\0';
    return cpp_builtin(path, args, nargs, dir, &len, why, 256);
}

/* The output's tokens: marker lines dropped, whitespace runs made one space. */
static char *normalized(const char *out)
{
    char *norm = calloc(strlen(out) + 1, 1), *q = norm;
    bool bol = true, space = false;
    for (const char *p = out; *p; p++) {
        if (bol && *p == '#') {
            while (*p && *p != '\n')
                p++;
            if (!*p)
                break;
            continue;
        }
        bol = *p == '\n';
        if (*p == ' ' || *p == '\n' || *p == '\t') {
            space = q != norm;
            continue;
        }
        if (space)
            *q++ = ' ';
        space = false;
        *q++ = *p;
    }
    return norm;
}

static void expect_args(const char *text, const char *const *args, int nargs, const char *expected)
{
    char why[256];
    char *out = run_args(text, args, nargs, why);
    if (!out)
        fail_msg("gave up: %s", why);
    char *norm = normalized(out);
    assert_string_equal(norm, expected);
    free(norm);
    free(out);
}

static void expect(const char *text, const char *expected)
{
    expect_args(text, NULL, 0, expected);
}

/* The built-in preprocessor must decline TEXT, saying something with REASON. */
static void expect_declined(const char *text, const char *reason)
{
    char why[256];
    char *out = run_args(text, NULL, 0, why);
    if (out) {
        free(out);
        fail_msg("accepted input it should hand to cpp: %s", text);
    }
    if (!strstr(why, reason))
        fail_msg("reason '%s' does not mention '%s'", why, reason);
}

static void test_object_and_function_macros(void **state)
{
    (void)state;
    expect("#define N 8\nbit<N> x;\n", "bit<8> x;");
    expect("#define ADD(a, b) ((a) + (b))\nADD(f(1, 2), 3)\n", "((f(1, 2)) + (3))");
    expect("#define F(x) [x]\nF\nF ()\n", "F []");
    expect("#define EMPTY\na EMPTY b\n", "a b");
    /* Arguments may span lines; the expansion stays on the name's line. */
    expect("#define P(a, b) a b\nP(1,\n  2) z\n", "1 2 z");
}

static void test_stringize_and_paste(void **state)
{
    (void)state;
    expect("#define S(x) #x\nS(a   \"b\\n\"  c)\n", "\"a \\\"b\\\\n\\\" c\"");
    expect("#define CAT(a, b) a ## b\nCAT(foo, bar) CAT(, x) CAT(y, ) CAT(1, 2)\n", "foobar x y 12");
    /* An operand of ## is not expanded; the result is rescanned. */
    expect("#define AB done\n#define A no\n#define CAT(a, b) a ## b\nCAT(A, B)\n", "done");
    expect_declined("#define CAT(a, b) a ## b\nCAT(+, /)\n", "pasting");
}

static void test_rescanning_and_hide_sets(void **state)
{
    (void)state;
    expect("#define A B\n#define B A\nA B\n", "A B");
    expect("#define f(x) x + f(x)\nf(1)\n", "1 + f(1)");
    /* C11 6.10.3.5, example 3 (abridged). */
    expect("#define x 3\n#define f(a) f(x * (a))\n#undef x\n#define x 2\n#define g f\n"
           "#define z z[0]\nf(y+1) + f(f(z)) % g(2)\n",
           "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (2))");
    /* A function-like name whose '(' comes from the rest of the text. */
    expect("#define LP (\n#define F(x) <x>\n#define G F\nG(1) F LP 2)\n", "<1> F ( 2)");
}

static void test_variadic(void **state)
{
    (void)state;
    expect("#define V(f, ...) call(f, __VA_ARGS__)\nV(1, 2, 3)\n", "call(1, 2, 3)");
    expect("#define G(f, ...) call(f, ## __VA_ARGS__)\nG(1) G(1, 2)\n", "call(1) call(1, 2)");
    expect("#define N(args...) {args}\nN(a, b)\n", "{a, b}");
    expect_declined("#define O(...) __VA_OPT__(x)\nO()\n", "__VA_OPT__");
}

static void test_conditionals(void **state)
{
    (void)state;
    expect("#define X 3\n#if X * 2 == 6 && defined(X) && !defined Y\nyes\n#elif 1\nno\n#else\nno\n"
           "#endif\n",
           "yes");
    expect("#if 0\n#if garbage (\n#endif\nno\n#elif (1 ? 0 : 1) || (-1 >> 63) == -1 && 0x10 == 16\n"
           "yes\n#else\nno\n#endif\n",
           "yes");
    expect("#ifdef UNDEFINED\nno\n#else\n#ifndef UNDEFINED\nyes\n#endif\n#endif\n", "yes");
    expect("#if 0 && 1 / 0\nno\n#endif\nok\n", "ok");
    expect_declined("#if 1 / 0\n#endif\n", "division by zero");
    expect_declined("#if 1\nopen\n", "unterminated #if");
    expect_declined("#endif\n", "#endif without #if");
    expect_declined("#if 1\n#else\n#else\n#endif\n", "#else after #else");
    expect_declined("#ifdef A junk\n#endif\n", "malformed");
}

static void test_includes(void **state)
{
    (void)state;
    write_file("once.p4", "#pragma once\nonce;\n");
    write_file("guarded.p4", "#ifndef G\n#define G\nguarded;\n#endif\n");
    expect("#include \"once.p4\"\n#include <once.p4>\n#include \"guarded.p4\"\n#include \"guarded.p4\"\n"
           "end\n",
           "once; guarded; end");
    char why[256];
    char *out = run_args("a\n#include \"guarded.p4\"\nb\n", NULL, 0, why);
    assert_non_null(out);
    char enter[300], leave[300];
    snprintf(enter, sizeof enter, "# 1 \"%s/guarded.p4\" 1\n", dir);
    snprintf(leave, sizeof leave, "# 3 \"%s/main.p4\" 2\nb\n", dir);
    assert_non_null(strstr(out, enter));
    assert_non_null(strstr(out, leave));
    free(out);
    expect_declined("#include \"missing.p4\"\n", "not found");
    expect_declined("#define H \"once.p4\"\n#include H\n", "computed #include");
}

/* Lines and columns of source tokens survive, so diagnostics point right. */
static void test_positions(void **state)
{
    (void)state;
    char why[256];
    char *out = run_args("a /* two\nlines */ b\n\n   c\n" "\n\n\n\n\n\n\n\n\n\nd\n", NULL, 0, why);
    assert_non_null(out);
    char expected[600];
    snprintf(expected, sizeof expected,
             "# 1 \"%s/main.p4\"\na\n         b\n\n   c\n# 15 \"%s/main.p4\"\nd\n", dir, dir);
    assert_string_equal(out, expected);
    free(out);
    /* Tokens that were adjacent stay adjacent (`>>` is not `> >`); tokens
     * an expansion brings next to each other do not paste. */
    expect("#define T bit<8\nT>> x;\n", "bit<8>> x;");
    expect("#define M -1\n-M\n", "- -1");
}

static void test_command_line_and_builtins(void **state)
{
    (void)state;
    const char *args[] = {"-D", "W=16", "-D", "F(x)=x+1", "-D", "ON", "-U", "__p4cc__"};
    expect_args("W F(2) ON __p4cc__\n", args, 8, "16 2+1 1 __p4cc__");
    expect("__p4cc__ __STDC__\n__LINE__\n", "1 1 2");
    expect_declined("__COUNTER__\n", "__COUNTER__");
    expect_declined("#error stop\n", "#error");
    expect_declined("#define A 1\n#define A 2\n", "redefined");
    expect("#define A 1\n#define A 1\nA\n", "1");
    expect_declined("#define F(x) x\nF(1\n", "unterminated argument list");
    expect_declined("#define F(x) x\nF(1, 2)\n", "too many arguments");
}

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    const char *names[] = {"main.p4", "once.p4", "guarded.p4"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_object_and_function_macros),
        cmocka_unit_test(test_stringize_and_paste),
        cmocka_unit_test(test_rescanning_and_hide_sets),
        cmocka_unit_test(test_variadic),
        cmocka_unit_test(test_conditionals),
        cmocka_unit_test(test_includes),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_command_line_and_builtins),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
