/* p4ctl: drive compiled P4 programs in the kernel.
 *
 *   p4ctl verify PROG.p4|PROG.o          load without attaching; the verifier's verdict
 *   p4ctl test PROG.p4|PROG.o TEST.stf   run an STF packet test with BPF_PROG_TEST_RUN
 *   p4ctl pipeline|port|table|counter|register|value-set|mc|batch ...
 *                                        the control plane, on libp4rt
 *
 * Options here; each command in cmd_NOUN.c, found in commands.c's table.
 *
 * Exit status: 0 success, 1 failure, 2 usage or STF errors, 77 no BPF
 * privileges. See docs/p4ctl.1. */
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "compile.h"
#include "print.h"
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
    "  pipeline replace NAME PROG.o|PROG.p4  run another program in its place, with\n"
    "                                      no gap, its entries and ports carried over\n"
    "  pipeline unload [--force] NAME      detach it from its ports and remove it\n"
    "                                      (--force: even when they cannot be\n"
    "                                      detached, their namespace deleted)\n"
    "  pipeline show NAME                  its program, ports, tables, counters and\n"
    "                                      registers\n"
    "  pipeline list                       the loaded pipelines\n"
    "Ports (interfaces the pipeline runs on; P4 port numbers from 0):\n"
    "  port add NAME IFACE [PORT]          attach to IFACE as PORT (default: the\n"
    "                                      lowest free number)\n"
    "  port del NAME IFACE|PORT            detach from IFACE (or the port numbered\n"
    "                                      PORT, whose interface may be gone)\n"
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
    "  value-set add|del NAME SET F1=V1 F2=V2 ...  a member of a value set of structs\n"
    "  value-set dump NAME SET             the members\n"
    "  value-set clear NAME SET            remove every member\n"
    "Multicast groups (v1model programs that set mcast_grp):\n"
    "  mc group add NAME GROUP             create group GROUP (1 to 65535)\n"
    "  mc group del NAME GROUP             delete it and its nodes\n"
    "  mc group show NAME GROUP            its nodes: rid and ports\n"
    "  mc group list NAME                  every group and its nodes\n"
    "  mc node add NAME GROUP RID PORT...  copies to PORTs, with egress_rid RID\n"
    "  mc node del NAME GROUP RID          remove the ports of rid RID\n"
    "Clone sessions (v1model programs that call clone):\n"
    "  clone add NAME SESSION PORT         clones of session SESSION (0 to 32767) to PORT\n"
    "  clone mod NAME SESSION PORT         send them to PORT now\n"
    "  clone add|mod NAME SESSION mc GROUP  to each port of multicast group GROUP\n"
    "  clone del NAME SESSION              delete the session\n"
    "  clone show NAME SESSION             its port\n"
    "  clone list NAME                     every session, and the clones lost\n"
    "Batch:\n"
    "  batch FILE|-                        run commands (one a line, without 'p4ctl';\n"
    "                                      '#' comments); stops at the first error\n"
    "                                      and names its line\n"
    "Programs:\n"
    "  verify PROG.p4|PROG.o               load the program and print whether the\n"
    "                                      verifier accepted it; on rejection, the end\n"
    "                                      of its log, with the P4 line at fault\n"
    "  test PROG.p4|PROG.o TEST.stf        run the STF packet test with\n"
    "                                      BPF_PROG_TEST_RUN (multicast: over veths\n"
    "                                      in a network namespace of its own); ends\n"
    "                                      with \"N passed, N failed\"\n"
    "    --pcap-dir DIR                    also write each port's packets in, out\n"
    "                                      and expected as DIR/pcapPORT_in.pcap, ...\n"
    "  run PROG.p4|PROG.o --in PORT=FILE.pcap... --out DIR [--table-file FILE]\n"
    "                                      replay captures through the program; what\n"
    "                                      came out as DIR/pcapPORT_out.pcap, and a\n"
    "                                      summary; tables filled from a batch file\n"
    "    --trace                           (test and run) compile with p4cc --trace\n"
    "                                      and print each packet's trace\n"
    "Captures and traces:\n"
    "  capture NAME -w FILE.pcap [--port PORT] [--direction in|out|both] [-c COUNT]\n"
    "                                      what pipeline NAME receives and sends, into\n"
    "                                      a pcap file, until COUNT packets or Ctrl-C\n"
    "Digests (v1model's digest<T>() calls):\n"
    "  digest list NAME                    the digests pipeline NAME sends: fields,\n"
    "                                      digests lost to a full ring buffer\n"
    "  digest watch NAME [DIGEST] [-c COUNT]  each digest as it comes, a line of\n"
    "                                      FIELD=VALUE (--json: a JSON object a line),\n"
    "                                      until COUNT digests or Ctrl-C\n"
    "  trace NAME [-c COUNT]               what each packet does in pipeline NAME:\n"
    "                                      parser states, tables (hit or miss, the\n"
    "                                      action), verdict, with P4 source lines;\n"
    "                                      --json: an object per packet (programs\n"
    "                                      compiled with p4cc --trace)\n"
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
    "  --json           print results as JSON, and errors as {\"error\": ...}\n"
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
    "                   run, capture: a line per packet;\n"
    "                   all: show libbpf's warnings (-vv: all its messages)\n"
    "  -h, --help       show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 success; 1 the operation failed (the message says why), the\n"
    "program was rejected or a test failed; 2 usage errors and errors in the\n"
    "STF file (file:line:col: error: ...); 77 loading BPF programs or reading\n"
    "the pinned pipelines is not permitted (run as root, or with CAP_BPF,\n"
    "CAP_PERFMON and CAP_NET_ADMIN). With --json, a failure also prints\n"
    "{\"error\": \"...\"} on stdout.\n";

/* -v: 1, -vv: 2 (libbpf's debug messages too). A file's variable because
 * libbpf's print callback takes no context; commands read Options.verbose. */
static int verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (verbose >= 2 || (verbose && level != LIBBPF_DEBUG))
        return vfprintf(stderr, fmt, ap);
    if (level == LIBBPF_WARN && !strstr(fmt, "BEGIN PROG LOAD LOG"))
        vsnprintf(p4ctl_libbpf_warning, sizeof p4ctl_libbpf_warning, fmt, ap);
    return 0;
}

/* --json: every message still goes to stderr as it is written, and is
 * kept; a command that fails then also prints its messages as one JSON
 * object on stdout, {"error": "..."}, as bpftool does, so that a script
 * reading the JSON sees the failure. */
static char *json_errors;
static size_t json_errors_len;

static ssize_t tee_write(void *cookie, const char *buf, size_t size)
{
    (void)cookie;
    char *grown = realloc(json_errors, json_errors_len + size + 1);
    if (grown) {
        json_errors = grown;
        memcpy(json_errors + json_errors_len, buf, size);
        json_errors[json_errors_len += size] = '\0';
    }
    for (size_t done = 0; done < size;) {
        ssize_t n = write(STDERR_FILENO, buf + done, size - done);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            done += (size_t)n;
    }
    return (ssize_t)size;
}

static void json_errors_begin(void)
{
    FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){.write = tee_write});
    if (!f)
        return;
    setvbuf(f, NULL, _IOLBF, 0);
    stderr = f;
}

/* The messages of p4ctl's lines ("p4ctl: " taken off, no hints to
 * --help), else all that was written, as {"error": "..."} on stdout. */
static void json_errors_end(int status)
{
    fflush(stderr);
    if (status == STATUS_OK)
        return;
    size_t cap = json_errors_len + 64, k = 0;
    char *text = calloc(1, cap);
    if (!text)
        abort();
    for (const char *l = json_errors ? json_errors : ""; *l;) {
        const char *end = strchr(l, '\n');
        size_t n = end ? (size_t)(end - l) : strlen(l);
        if (strncmp(l, "p4ctl: ", 7) == 0 && n > 7) {
            k += (size_t)snprintf(text + k, cap - k, "%s%.*s", k ? "\n" : "", (int)(n - 7), l + 7);
        }
        l += n + (end != NULL);
    }
    if (k == 0) {
        if (json_errors_len)
            snprintf(text, cap, "%s", json_errors);
        else
            snprintf(text, cap, "failed with exit status %d", status);
        while ((k = strlen(text)) > 0 && text[k - 1] == '\n')
            text[k - 1] = '\0';
    }
    print_json_error(text);
    free(text);
    free(json_errors);
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
    return STATUS_USAGE;
}

/* getopt's values of the long options without a short one. */
enum { OPT_P4INFO = 256, OPT_P4CC, OPT_LOG_LINES, OPT_VERSION, OPT_JSON, OPT_XDP_MODE,
       OPT_EXTERN_C, OPT_EXTERN_DIR, OPT_PCAP_DIR, OPT_TRACE, OPT_IN, OPT_OUT, OPT_TABLE_FILE,
       OPT_PORT, OPT_DIRECTION, OPT_FORCE };

/* Options that belong to some commands: given to another, they are an
 * error rather than ignored. */
static const struct {
    int opt;
    const char *name;
    const char *commands; /* "test or run": the commands that take it */
} command_options[] = {
    {OPT_PCAP_DIR, "--pcap-dir", "test"},     {OPT_TRACE, "--trace", "test or run"},
    {OPT_IN, "--in", "run"},                  {OPT_OUT, "--out", "run"},
    {OPT_TABLE_FILE, "--table-file", "run"},  {OPT_PORT, "--port", "capture"},
    {OPT_DIRECTION, "--direction", "capture"}, {'w', "-w", "capture"},
    {'c', "-c", "capture, digest or trace"},
};
#define NCOMMAND_OPTIONS (sizeof command_options / sizeof *command_options)

/* 0, or STATUS_USAGE (said) when GIVEN has an option COMMAND does not take. */
static int check_command_options(const char *command, const char *const *given)
{
    for (size_t i = 0; i < NCOMMAND_OPTIONS; i++) {
        const char *cmds = command_options[i].commands, *at = strstr(cmds, command);
        size_t n = strlen(command);
        if (!given[i] || (at && (at == cmds || at[-1] == ' ') && (!at[n] || at[n] == ' ' || at[n] == ',')))
            continue;
        return usage_error("%s is an option of %s, not of %s", given[i], cmds, command);
    }
    return 0;
}

/* Enter the network namespace NAME (/run/netns/NAME, as ip-netns(8) names
 * them) or at PATH when it has a '/'. setns keeps this mount namespace, so
 * pins on /sys/fs/bpf stay visible ('ip netns exec' would remount /sys).
 * Returns 0, or 1 with a message. */
static int enter_netns(const char *name)
{
    char *path = NULL;
    if (strchr(name, '/') ? !(path = strdup(name)) : asprintf(&path, "/run/netns/%s", name) < 0)
        abort();
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "p4ctl: network namespace '%s': %s: %s\n", name, path, strerror(errno));
        free(path);
        return 1;
    }
    free(path);
    if (setns(fd, CLONE_NEWNET) < 0) {
        fprintf(stderr, "p4ctl: cannot enter network namespace '%s': %s\n", name,
                strerror(errno));
        close(fd);
        return 1;
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"force", no_argument, NULL, OPT_FORCE},
        {"netns", required_argument, NULL, 'n'},
        {"xdp-mode", required_argument, NULL, OPT_XDP_MODE},
        {"p4info", required_argument, NULL, OPT_P4INFO},
        {"p4cc", required_argument, NULL, OPT_P4CC},
        {"extern-c", required_argument, NULL, OPT_EXTERN_C},
        {"extern-dir", required_argument, NULL, OPT_EXTERN_DIR},
        {"log-lines", required_argument, NULL, OPT_LOG_LINES},
        {"pcap-dir", required_argument, NULL, OPT_PCAP_DIR},
        {"trace", no_argument, NULL, OPT_TRACE},
        {"in", required_argument, NULL, OPT_IN},
        {"out", required_argument, NULL, OPT_OUT},
        {"table-file", required_argument, NULL, OPT_TABLE_FILE},
        {"port", required_argument, NULL, OPT_PORT},
        {"direction", required_argument, NULL, OPT_DIRECTION},
        {"write", required_argument, NULL, 'w'},
        {"count", required_argument, NULL, 'c'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    const char *p4cc_opt = NULL, *netns = NULL;
    Options o = {.log_lines = 20};
    char names[200];
    char **p4cc_opts = calloc((size_t)argc * 2 + 1, sizeof *p4cc_opts);
    char **owned = calloc((size_t)argc + 1, sizeof *owned);
    char **ins = calloc((size_t)argc + 1, sizeof *ins);
    const char *given[NCOMMAND_OPTIONS] = {0};
    size_t nopts = 0, nowned = 0;
    int c, status;

    if (!p4cc_opts || !owned || !ins)
        abort();
    /* --json anywhere among the options makes usage errors JSON too. */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--json") == 0)
            o.json = true;
    if (o.json)
        json_errors_begin();
    o.ins = ins;
    while ((c = getopt_long(argc, argv, "vhI:D:n:w:c:", longopts, NULL)) != -1) {
        for (size_t i = 0; i < NCOMMAND_OPTIONS; i++)
            if (command_options[i].opt == c)
                given[i] = command_options[i].name;
        switch (c) {
        case OPT_PCAP_DIR: o.pcap_dir = optarg; break;
        case OPT_TRACE:
            /* A .p4 is compiled with the hooks traces need. */
            o.trace = true;
            p4cc_opts[nopts++] = "--trace";
            break;
        case OPT_IN: ins[o.nins++] = optarg; break;
        case OPT_OUT: o.out_dir = optarg; break;
        case OPT_TABLE_FILE: o.table_file = optarg; break;
        case OPT_PORT: o.port = optarg; break;
        case OPT_DIRECTION: o.direction = optarg; break;
        case 'w': o.write = optarg; break;
        case 'c': o.count = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_FORCE: o.force = true; break;
        case 'n': netns = optarg; break;
        case OPT_XDP_MODE:
            if (strcmp(optarg, "auto") == 0) {
                o.xdp_mode = P4RT_XDP_AUTO;
            } else if (strcmp(optarg, "native") == 0) {
                o.xdp_mode = P4RT_XDP_NATIVE;
            } else if (strcmp(optarg, "generic") == 0) {
                o.xdp_mode = P4RT_XDP_GENERIC;
            } else {
                status = usage_error("--xdp-mode is auto, native or generic, not '%s'", optarg);
                goto out;
            }
            break;
        case 'v': verbose = ++o.verbose; break;
        case 'h':
            fputs(usage_text, stdout);
            status = 0;
            goto out;
        case OPT_VERSION:
            printf("p4ctl %s\n", P4CC_VERSION);
            status = 0;
            goto out;
        case OPT_P4INFO: o.p4info = optarg; break;
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
            o.log_lines = (unsigned)n;
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
    command_names(false, names, sizeof names);
    if (optind >= argc) {
        status = usage_error("missing command (%s)", names);
        goto out;
    }
    if (netns && enter_netns(netns) != 0) {
        status = STATUS_FAIL;
        goto out;
    }
    libbpf_set_print(libbpf_print);
    char *p4cc = p4build_find_p4cc(p4cc_opt);
    o.p4cc = p4cc;
    o.p4cc_opts = p4cc_opts;
    o.np4cc_opts = nopts;
    if (!command_find(argv[optind], false)) {
        status = usage_error("unknown command '%s' (%s)", argv[optind], names);
    } else if ((status = check_command_options(argv[optind], given)) != 0) {
        /* said */
    } else {
        Session session = {.o = &o};
        status = command_run(&session, argc - optind, argv + optind);
    }
    free(p4cc);
out:
    if (o.json)
        json_errors_end(status);
    for (size_t i = 0; i < nowned; i++)
        free(owned[i]);
    free(owned);
    free(ins);
    free(p4cc_opts);
    return status;
}
