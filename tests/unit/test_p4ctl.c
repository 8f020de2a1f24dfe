/* Integration tests of build/p4ctl: `verify` and `test` on the hand-written
 * BPF fixtures of tests/p4ctl/ (built by the Makefile into
 * BUILD/p4ctl-fixtures/) and on the examples compiled by p4cc. Output is
 * compared with the golden files tests/p4ctl/NAME.out (the build directory
 * written as BUILD, verifier instruction counts as N). They need BPF
 * privileges: without them this prints why and exits 77 (skipped).
 *
 * P4CTL_UPDATE_GOLDEN=1 rewrites the golden files from the actual output.
 * Run from the repository root (as tests/run-tests does). */
#include <errno.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "bpf_permitted.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif
#define FIXTURES P4CTL_BUILD "/p4ctl-fixtures/"

/* Run p4ctl with ARGS; its stdout and stderr (in one stream) go to *OUT,
 * normalized. Returns the exit status. */
static int run(const char *args, char **out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/p4ctl %s 2>&1", P4CTL_BUILD, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 1024)
            buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    int status = pclose(p);

    /* Normalize: BUILD for the build directory, N for instruction counts,
     * DIR for the temporary directory of a compiled .p4. */
    char *norm = malloc(len * 2 + 64);
    size_t k = 0;
    const char *build = P4CTL_BUILD "/";
    regex_t insns, tmp;
    regcomp(&insns, "^\\([0-9]+ instructions processed\\)", REG_EXTENDED);
    regcomp(&tmp, "^/[^ :]*/p4ctl\\.[A-Za-z0-9]{6}/", REG_EXTENDED);
    for (size_t i = 0; i < len;) {
        regmatch_t m;
        if (strncmp(buf + i, build, strlen(build)) == 0 && (i == 0 || buf[i - 1] == ' ' ||
                                                            buf[i - 1] == '\n')) {
            k += (size_t)sprintf(norm + k, "BUILD/");
            i += strlen(build);
        } else if (buf[i] == '(' && regexec(&insns, buf + i, 1, &m, 0) == 0) {
            k += (size_t)sprintf(norm + k, "(N instructions processed)");
            i += (size_t)m.rm_eo;
        } else if (buf[i] == '/' && regexec(&tmp, buf + i, 1, &m, 0) == 0) {
            k += (size_t)sprintf(norm + k, "DIR/");
            i += (size_t)m.rm_eo;
        } else {
            norm[k++] = buf[i++];
        }
    }
    norm[k] = '\0';
    regfree(&insns);
    regfree(&tmp);
    free(buf);
    *out = norm;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    s[fread(s, 1, (size_t)n, f)] = '\0';
    fclose(f);
    return s;
}

/* p4ctl ARGS must exit with STATUS and print tests/p4ctl/GOLDEN.out. */
static void check_golden(const char *args, int status, const char *golden)
{
    char path[256], *out;
    int got = run(args, &out);
    snprintf(path, sizeof path, "tests/p4ctl/%s.out", golden);
    const char *update = getenv("P4CTL_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(out, f);
        fclose(f);
    }
    char *want = read_file(path);
    if (!want || strcmp(want, out) != 0 || got != status) {
        fprintf(stderr, "p4ctl %s: exit status %d (expected %d); output:\n%s", args, got, status,
                out);
        if (!want)
            fprintf(stderr, "(no %s)\n", path);
        else if (strcmp(want, out) != 0)
            fprintf(stderr, "expected output (%s):\n%s", path, want);
        free(want);
        free(out);
        fail();
    }
    free(want);
    free(out);
}

/* p4ctl ARGS must exit with STATUS and print something containing each of
 * the NULL-terminated strings. */
static void check_contains(const char *args, int status, ...)
{
    char *out;
    int got = run(args, &out);
    va_list ap;
    va_start(ap, status);
    const char *want;
    bool ok = got == status;
    while ((want = va_arg(ap, const char *)) != NULL) {
        if (!strstr(out, want)) {
            fprintf(stderr, "missing: %s\n", want);
            ok = false;
        }
    }
    va_end(ap);
    if (!ok) {
        fprintf(stderr, "p4ctl %s: exit status %d (expected %d); output:\n%s", args, got, status,
                out);
        free(out);
        fail();
    }
    free(out);
}

static void test_verify_accepts(void **state)
{
    (void)state;
    check_golden("verify " FIXTURES "exact.o", 0, "verify-exact");
    check_contains("verify " FIXTURES "ternary.o", 0,
                   "ternary.o: verifier accepted (N instructions processed)\n", NULL);
}

static void test_verify_rejects(void **state)
{
    (void)state;
    /* The log's register states vary between kernels: check the parts that
     * matter (the verdict, the source annotation, the located error). */
    check_contains("verify " FIXTURES "reject.o", 1,
                   "reject.o: verifier rejected the program (Permission denied)\n",
                   "reject.o: the end of the verifier's log:\n",
                   "  ;  @ reject.p4:43\n",
                   "reject.p4:43: error: invalid access to packet, off=20 size=1", NULL);
    check_contains("verify --log-lines 2 " FIXTURES "reject.o", 1,
                   "  ...\n  ;  @ reject.p4:43\n", NULL);
    check_contains("verify /nonexistent.o", 1,
                   "/nonexistent.o: cannot open the BPF object: No such file or directory", NULL);
    /* Not an object at all: no second load for the verifier's log. */
    check_contains("verify tests/p4ctl/exact.stf", 1,
                   "tests/p4ctl/exact.stf: cannot open the BPF object: BPF object format invalid\n",
                   NULL);
}

static void test_verify_p4(void **state)
{
    (void)state;
    check_golden("verify examples/l2_switch.p4", 0, "verify-l2_switch");
    check_contains("verify examples/port_filter.p4", 0,
                   "examples/port_filter.p4: verifier accepted (N instructions processed)\n",
                   NULL);
    check_contains("verify --p4cc /nonexistent/p4cc examples/l2_switch.p4", 1,
                   "p4ctl: cannot run /nonexistent/p4cc (set P4CC or put p4cc on PATH)", NULL);
}

static void test_stf_fixtures(void **state)
{
    (void)state;
    check_golden("test " FIXTURES "exact.o tests/p4ctl/exact.stf", 0, "exact");
    check_golden("test -v " FIXTURES "exact.o tests/p4ctl/exact.stf", 0, "exact-verbose");
    check_golden("test " FIXTURES "exact.o tests/p4ctl/exact-fail.stf", 1, "exact-fail");
    check_golden("test " FIXTURES "lpm.o tests/p4ctl/lpm.stf", 0, "lpm");
    check_golden("test " FIXTURES "ternary.o tests/p4ctl/ternary.stf", 0, "ternary");
    /* The p4info named explicitly. */
    check_contains("test --p4info tests/p4ctl/exact.p4info.json " FIXTURES
                   "exact.o tests/p4ctl/exact.stf", 0, "16 passed, 0 failed\n", NULL);
}

static void test_stf_errors(void **state)
{
    (void)state;
    check_golden("test " FIXTURES "exact.o tests/p4ctl/errors.stf", 2, "errors");
    check_golden("test " FIXTURES "exact.o tests/p4ctl/bind-errors.stf", 2, "bind-errors");
    /* Tables without a key have no entries to add. */
    check_golden("test tests/stf/xdp-keyless-tables.p4 tests/p4ctl/keyless-errors.stf", 2,
                 "keyless-errors");
    check_contains("test " FIXTURES "exact.o /nonexistent.stf", 2,
                   "p4ctl: /nonexistent.stf: No such file or directory\n", NULL);
    /* An object whose maps are not the ones its p4info describes. */
    check_contains("test --p4info tests/p4ctl/exact.p4info.json " FIXTURES
                   "lpm.o tests/p4ctl/lpm.stf", 2,
                   "tests/p4ctl/lpm.stf:3:5: error: the program has no table 'ingress.routes'",
                   NULL);
    check_contains("test --p4info tests/p4ctl/exact.p4info.json " FIXTURES
                   "lpm.o tests/p4ctl/exact.stf", 1,
                   "lpm.o: the object has no map 'pipe_t' (table 'pipe.t')\n0 passed, 1 failed\n",
                   NULL);
    check_contains("test " FIXTURES "exact.o tests/p4ctl/nonexistent.p4info.json", 2,
                   "p4ctl: tests/p4ctl/nonexistent.p4info.json: No such file or directory", NULL);
}

static void test_stf_p4(void **state)
{
    (void)state;
    check_golden("test examples/l2_switch.p4 tests/p4ctl/l2_switch.stf", 0, "l2_switch");
    check_golden("test examples/port_filter.p4 tests/p4ctl/port_filter.stf", 0, "port_filter");
}

static void test_usage(void **state)
{
    (void)state;
    check_contains("--help", 0, "Usage: p4ctl [OPTIONS] COMMAND ...\n",
                   "  table add NAME TABLE KEY=VALUE... action=ACTION [PARAM=VALUE...] [priority=N]\n",
                   "  register set NAME REGISTER INDEX VALUE\n",
                   "  value-set add NAME SET VALUE        make VALUE a member\n",
                   "  verify PROG.p4|PROG.o ", NULL);
    check_contains("", 2,
                   "p4ctl: missing command (pipeline, port, table, counter, register, "
                   "value-set, mc, clone, batch, verify, test, run, capture, digest or trace)\n",
                   NULL);
    check_contains("frob x", 2,
                   "p4ctl: unknown command 'frob' (pipeline, port, table, counter, register, "
                   "value-set, mc, clone, batch, verify, test, run, capture, digest or trace)\n",
                   NULL);
    check_contains("digest", 2, "p4ctl: digest needs a subcommand: list or watch\n", NULL);
    check_contains("digest show sw", 2,
                   "p4ctl: unknown digest subcommand 'show' (list or watch)\n", NULL);
    check_contains("digest watch", 2, "p4ctl: usage: digest watch NAME [DIGEST] [-c COUNT]\n",
                   NULL);
    check_contains("-c 3 digest list sw", 2,
                   "p4ctl: -c is an option of digest watch, not of digest list\n", NULL);
    check_contains("-c 0 digest watch sw", 2,
                   "p4ctl: digest watch: -c takes a number of digests (1 or more), not '0'\n",
                   NULL);
    check_contains("-c 3 table dump sw", 2,
                   "p4ctl: -c is an option of capture, digest or trace, not of table\n", NULL);
    check_contains("test x.o", 2,
                   "p4ctl: test takes a program (PROG.p4 or PROG.o) and an STF file\n", NULL);
    check_contains("run x.o y.o --in 0=a.pcap --out d", 2,
                   "p4ctl: run takes one program (PROG.p4 or PROG.o), with --in PORT=FILE... "
                   "and --out DIR\n",
                   NULL);
    /* Options of other commands are refused, not ignored. */
    check_contains("table dump sw --pcap-dir d", 2,
                   "p4ctl: --pcap-dir is an option of test, not of table\n", NULL);
    check_contains("verify x.o --trace", 2,
                   "p4ctl: --trace is an option of test or run, not of verify\n", NULL);
    check_contains("trace sw --trace", 2,
                   "p4ctl: --trace is an option of test or run, not of trace\n", NULL);
    check_contains("trace sw -w f.pcap", 2,
                   "p4ctl: -w is an option of capture, not of trace\n", NULL);
    check_contains("verify x.o -c 3", 2,
                   "p4ctl: -c is an option of capture, digest or trace, not of verify\n", NULL);
    check_contains("trace", 2, "p4ctl: trace takes one pipeline (NAME)\n", NULL);
    check_contains("trace sw sw2", 2, "p4ctl: trace takes one pipeline (NAME)\n", NULL);
    check_contains("trace sw -c 0", 2,
                   "p4ctl: trace: -c takes a number of packets (1 or more), not '0'\n", NULL);
    check_contains("trace sw -c many", 2,
                   "p4ctl: trace: -c takes a number of packets (1 or more), not 'many'\n", NULL);
    check_contains("verify --log-lines 0 x.o", 2,
                   "p4ctl: --log-lines needs a number from 1 to 100000, not '0'\n", NULL);
    check_contains("--version", 0, "p4ctl ", NULL);
}

int main(void)
{
    char err[256];
    if (bpf_permitted(err, sizeof err) == -EPERM) {
        printf("test_p4ctl: skipped: BPF is not permitted here (%s)\n", err);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verify_accepts),
        cmocka_unit_test(test_verify_rejects),
        cmocka_unit_test(test_verify_p4),
        cmocka_unit_test(test_stf_fixtures),
        cmocka_unit_test(test_stf_errors),
        cmocka_unit_test(test_stf_p4),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
