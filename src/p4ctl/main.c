/* p4ctl: drive compiled P4 programs in the kernel.
 *
 *   p4ctl verify PROG.p4|PROG.o          load without attaching; the verifier's verdict
 *   p4ctl test PROG.p4|PROG.o TEST.stf   run an STF packet test with BPF_PROG_TEST_RUN
 *   p4ctl pipeline|port|table|counter|register|value-set|batch ...
 *                                        the control plane (cmd_cp.c, on libp4rt)
 *
 * Exit status: 0 success, 1 failure, 2 usage or STF errors, 77 no BPF
 * privileges. See docs/p4ctl.1. */
#include <bpf/libbpf.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_cp.h"
#include "compile.h"
#include "p4rt.h"
#include "runner.h"
#include "stf.h"
#include "verify.h"

#ifndef P4CC_VERSION
#define P4CC_VERSION "unknown"
#endif

static const char usage_text[] =
    "Usage: p4ctl [OPTIONS] COMMAND ...\n"
    "\n"
    "Load programs compiled by p4cc into the kernel, attach them to interfaces,\n"
    "fill their tables, read their counters and registers; verify and test them.\n"
    "\n"
    "Pipelines (a loaded program, pinned under /sys/fs/bpf/p4cc/NAME):\n"
    "  pipeline load NAME PROG.o|PROG.p4   load a program as pipeline NAME\n"
    "  pipeline unload NAME                detach it from its ports and remove it\n"
    "  pipeline show NAME                  its program, ports, tables, counters and\n"
    "                                      registers\n"
    "  pipeline list                       the loaded pipelines\n"
    "Ports (interfaces the pipeline runs on; P4 port numbers from 0):\n"
    "  port add NAME IFACE [PORT]          attach to IFACE as PORT (default: the\n"
    "                                      lowest free number)\n"
    "  port del NAME IFACE                 detach from IFACE\n"
    "  port list NAME\n"
    "Tables:\n"
    "  table add NAME TABLE KEY=VALUE... action=ACTION [PARAM=VALUE...] [priority=N]\n"
    "  table mod NAME TABLE KEY=VALUE... action=ACTION [PARAM=VALUE...] [priority=N]\n"
    "  table del NAME TABLE KEY=VALUE... [priority=N]\n"
    "  table get NAME TABLE KEY=VALUE... [priority=N]\n"
    "  table dump NAME [TABLE]             every entry and the default action\n"
    "  table clear NAME TABLE              delete every entry\n"
    "  table default NAME TABLE [action=ACTION [PARAM=VALUE...] | reset]\n"
    "                                      show, set or reset the default action\n"
    "Counters:\n"
    "  counter get NAME COUNTER [INDEX]    one cell, or every cell that is not zero\n"
    "  counter reset NAME COUNTER [INDEX]  one cell, or all\n"
    "Registers:\n"
    "  register get NAME REGISTER INDEX    one cell\n"
    "  register set NAME REGISTER INDEX VALUE\n"
    "  register dump NAME REGISTER         every cell not at its initial value\n"
    "  register reset NAME REGISTER [INDEX]  one cell, or all, to the initial value\n"
    "Value sets (a parser's value_set, which select cases match against):\n"
    "  value-set add NAME SET VALUE        make VALUE a member\n"
    "  value-set del NAME SET VALUE        remove it\n"
    "  value-set dump NAME SET             the members\n"
    "  value-set clear NAME SET            remove every member\n"
    "Batch:\n"
    "  batch FILE|-                        run commands (one a line, without 'p4ctl';\n"
    "                                      '#' comments); stops at the first error\n"
    "                                      and names its line\n"
    "Programs:\n"
    "  verify PROG.p4|PROG.o               load the program and print whether the\n"
    "                                      verifier accepted it; on rejection, the end\n"
    "                                      of its log, with the P4 line at fault\n"
    "  test PROG.p4|PROG.o TEST.stf        run the STF packet test with\n"
    "                                      BPF_PROG_TEST_RUN; ends with \"N passed,\n"
    "                                      N failed\"\n"
    "\n"
    "Names are P4 names (ingress.ipv4_lpm, hdr.ipv4.dstAddr), aliases from p4info,\n"
    "or a dotted suffix that names one thing (ipv4_lpm). Values: decimal, 0x hex,\n"
    "0b binary, IPv4/IPv6 addresses, MAC addresses; VALUE/LEN (prefix),\n"
    "VALUE&&&MASK or VALUE/MASK (ternary), LOW..HIGH (range), * (anything).\n"
    "\n"
    "A .p4 file is first compiled by p4cc (the one beside p4ctl, else $P4CC,\n"
    "else p4cc on PATH) into a temporary directory; any other file is taken as\n"
    "the object, with its p4info beside it (PROG.o -> PROG.p4info.json).\n"
    "\n"
    "Options:\n"
    "  --json           print results as JSON\n"
    "  -n, --netns NS   run in network namespace NS (/run/netns/NS, as\n"
    "                   'ip netns' names them); unlike 'ip netns exec', keeps\n"
    "                   this mount namespace and so /sys/fs/bpf\n"
    "  --xdp-mode MODE  port add: auto (native, else generic; the default),\n"
    "                   native or generic\n"
    "  --p4info FILE    read the program's p4info from FILE\n"
    "  --p4cc PATH      compile .p4 files with PATH\n"
    "  -I DIR, -D NAME[=VALUE], --extern-c FILE, --extern-dir DIR\n"
    "                   passed to p4cc\n"
    "  --log-lines N    verify: show N lines of the verifier's log (default 20)\n"
    "  -v, --verbose    verify: print the verifier's statistics; test: report\n"
    "                   every check that passes and what each packet did;\n"
    "                   all: show libbpf's warnings (-vv: all its messages)\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 success; 1 the operation failed (the message says why), the\n"
    "program was rejected or a test failed; 2 usage errors and errors in the\n"
    "STF file (file:line:col: error: ...); 77 loading BPF programs is not\n"
    "permitted (run as root, or with CAP_BPF and CAP_NET_ADMIN).\n";

static int verbose; /* -v: 1, -vv: 2 (libbpf's debug messages too) */

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (verbose >= 2 || (verbose && level != LIBBPF_DEBUG))
        return vfprintf(stderr, fmt, ap);
    if (level == LIBBPF_WARN && !strstr(fmt, "BEGIN PROG LOAD LOG"))
        vsnprintf(p4ctl_libbpf_warning, sizeof p4ctl_libbpf_warning, fmt, ap);
    return 0;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("p4ctl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'p4ctl --help'.\n", stderr);
    return 2;
}

static int cmd_test(const char *prog, const char *stf_path, const char *p4info_opt,
                    const char *p4cc, char **p4cc_opts, size_t nopts)
{
    StfScript script;
    P4Build build;
    char err[1024];
    int status, r;

    if (stf_parse_file(stf_path, &script) < 0) {
        if (script.nerrors == 0) {
            fprintf(stderr, "p4ctl: %s: %s\n", stf_path, strerror(errno));
            stf_free(&script);
            return 2;
        }
        stf_print_errors(stderr, &script);
        stf_free(&script);
        return 2;
    }
    if (p4build_prepare(prog, p4cc, p4cc_opts, nopts, &build, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        p4build_cleanup(&build);
        stf_free(&script);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    /* The script is checked against the program's description before
     * anything is loaded. */
    const char *p4info = p4info_opt ? p4info_opt : build.p4info;
    p4rt_pipeline *desc = p4rt_open_p4info(p4info), *p = NULL;
    StfBound *bound = NULL;
    if (!desc) {
        fprintf(stderr, "p4ctl: %s\n", p4rt_errmsg());
        status = 2;
        goto out;
    }
    bound = stf_bind(&script, desc);
    if (!bound) {
        stf_print_errors(stderr, &script);
        status = 2;
        goto out;
    }
    p = p4rt_open(build.obj, p4info);
    if (!p) {
        fprintf(stderr, "p4ctl: %s\n", p4rt_errmsg());
        printf("0 passed, 1 failed\n");
        status = 1;
        goto out;
    }
    p4ctl_libbpf_warning[0] = '\0';
    if ((r = p4rt_load(p)) < 0) {
        if (r == -EPERM) {
            fprintf(stderr, "p4ctl: %s: not run: %s\n", stf_path, p4rt_errmsg());
            status = 77;
            goto out;
        }
        fprintf(stderr, "p4ctl: %s: %s\n", prog, p4rt_errmsg());
        if (p4ctl_libbpf_warning[0])
            fprintf(stderr, "p4ctl: libbpf: %s", p4ctl_libbpf_warning);
        printf("0 passed, 1 failed\n");
        status = 1;
        goto out;
    }

    StfRun run = {stdout, verbose > 0, 0, 0};
    status = stf_run(&run, p, &script, bound);
    if (status == 77)
        fprintf(stderr, "p4ctl: %s: not run: BPF_PROG_TEST_RUN is not permitted here\n", stf_path);
    else
        printf("%u passed, %u failed\n", run.passed, run.failed);
out:
    p4rt_close(p);
    stf_bound_free(bound, script.nstmts);
    p4rt_close(desc);
    p4build_cleanup(&build);
    stf_free(&script);
    return status;
}

static int cmd_verify(const char *prog, const char *p4cc, char **p4cc_opts, size_t nopts,
                      unsigned tail)
{
    P4Build build;
    char err[1024];
    if (p4build_prepare(prog, p4cc, p4cc_opts, nopts, &build, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        p4build_cleanup(&build);
        return 1;
    }
    fflush(stdout);
    int status = p4ctl_verify(prog, build.obj, tail, verbose > 0, stdout);
    p4build_cleanup(&build);
    return status;
}

int main(int argc, char **argv)
{
    enum { OPT_P4INFO = 256, OPT_P4CC, OPT_LOG_LINES, OPT_VERSION, OPT_JSON, OPT_XDP_MODE,
           OPT_EXTERN_C, OPT_EXTERN_DIR };
    static const struct option longopts[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"netns", required_argument, NULL, 'n'},
        {"xdp-mode", required_argument, NULL, OPT_XDP_MODE},
        {"p4info", required_argument, NULL, OPT_P4INFO},
        {"p4cc", required_argument, NULL, OPT_P4CC},
        {"extern-c", required_argument, NULL, OPT_EXTERN_C},
        {"extern-dir", required_argument, NULL, OPT_EXTERN_DIR},
        {"log-lines", required_argument, NULL, OPT_LOG_LINES},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    const char *p4info = NULL, *p4cc_opt = NULL, *cmd = NULL, *netns = NULL;
    CpOptions cp = {0};
    unsigned tail = 20;
    char **p4cc_opts = calloc((size_t)argc * 2 + 1, sizeof *p4cc_opts);
    char **owned = calloc((size_t)argc + 1, sizeof *owned);
    size_t nopts = 0, nowned = 0;
    int c, status;

    if (!p4cc_opts || !owned)
        abort();
    while ((c = getopt_long(argc, argv, "vhI:D:n:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSON: cp.json = true; break;
        case 'n': netns = optarg; break;
        case OPT_XDP_MODE:
            if (strcmp(optarg, "auto") == 0) {
                cp.xdp_mode = 0;
            } else if (strcmp(optarg, "native") == 0) {
                cp.xdp_mode = 1;
            } else if (strcmp(optarg, "generic") == 0) {
                cp.xdp_mode = 2;
            } else {
                status = usage_error("--xdp-mode is auto, native or generic, not '%s'", optarg);
                goto out;
            }
            break;
        case 'v': verbose++; break;
        case 'h':
            fputs(usage_text, stdout);
            status = 0;
            goto out;
        case OPT_VERSION:
            printf("p4ctl %s\n", P4CC_VERSION);
            status = 0;
            goto out;
        case OPT_P4INFO: p4info = optarg; break;
        case OPT_P4CC: p4cc_opt = optarg; break;
        case OPT_EXTERN_C:
        case OPT_EXTERN_DIR:
            p4cc_opts[nopts++] = c == OPT_EXTERN_C ? "--extern-c" : "--extern-dir";
            p4cc_opts[nopts++] = optarg;
            break;
        case OPT_LOG_LINES: {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*end || !*optarg || n == 0 || n > 100000) {
                status = usage_error("--log-lines needs a number from 1 to 100000, not '%s'",
                                     optarg);
                goto out;
            }
            tail = (unsigned)n;
            break;
        }
        case 'I':
        case 'D': {
            size_t n = strlen(optarg) + 3;
            char *opt = malloc(n);
            if (!opt)
                abort();
            snprintf(opt, n, "-%c%s", c, optarg);
            owned[nowned++] = opt;
            p4cc_opts[nopts++] = opt;
            break;
        }
        default:
            status = usage_error("unknown option");
            goto out;
        }
    }
    if (optind >= argc) {
        status = usage_error("missing command (pipeline, port, table, counter, register, "
                             "value-set, batch, verify or test)");
        goto out;
    }
    if (netns && cp_enter_netns(netns) != 0) {
        status = 1;
        goto out;
    }
    cmd = argv[optind++];
    libbpf_set_print(libbpf_print);
    char *p4cc = p4build_find_p4cc(p4cc_opt);
    if (cp_is_command(cmd)) {
        cp.p4info = p4info;
        cp.p4cc = p4cc;
        cp.p4cc_opts = p4cc_opts;
        cp.np4cc_opts = nopts;
        status = cp_main(argc - optind + 1, argv + optind - 1, &cp);
    } else if (strcmp(cmd, "verify") == 0) {
        if (argc - optind != 1)
            status = usage_error("verify takes one program (PROG.p4 or PROG.o)");
        else
            status = cmd_verify(argv[optind], p4cc, p4cc_opts, nopts, tail);
    } else if (strcmp(cmd, "test") == 0) {
        if (argc - optind != 2)
            status = usage_error("test takes a program (PROG.p4 or PROG.o) and an STF file");
        else
            status = cmd_test(argv[optind], argv[optind + 1], p4info, p4cc, p4cc_opts, nopts);
    } else {
        status = usage_error("unknown command '%s' (pipeline, port, table, counter, register, "
                             "value-set, batch, verify or test)", cmd);
    }
    free(p4cc);
out:
    for (size_t i = 0; i < nowned; i++)
        free(owned[i]);
    free(owned);
    free(p4cc_opts);
    return status;
}
