/* p4ctl verify and test: a program in the kernel, without pinning it.
 * See docs/p4ctl.1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compile.h"
#include "portcap.h"
#include "runner.h"
#include "stf.h"
#include "testnet.h"
#include "verify.h"

/* --pcap-dir DIR: every port's packets in, out and expected, as files. */
static int write_captures(Portcap *c, const char *dir)
{
    char err[1024];
    size_t n;
    const uint32_t *ports = portcap_ports(c, &n);
    if (portcap_write(c, dir, 1u << PORTCAP_IN | 1u << PORTCAP_OUT | 1u << PORTCAP_EXPECTED,
                      NULL, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        return -1;
    }
    if (n == 0) {
        printf("capture files in %s: none (no packets)\n", dir);
        return 0;
    }
    printf("capture files in %s for port%s", dir, n > 1 ? "s" : "");
    for (size_t i = 0; i < n; i++)
        printf("%s%u", i == 0 ? " " : i + 1 == n ? " and " : ", ", ports[i]);
    printf(" (pcapN_in.pcap, pcapN_out.pcap, pcapN_expected.pcap)\n");
    return 0;
}

/* test PROG STF: the script checked against the program's description,
 * then run on it loaded. */
static int test(const Options *o, const char *prog, const char *stf_path)
{
    StfScript script;
    P4Build build;
    char err[1024];
    int status, r;

    if (stf_parse_file(stf_path, &script) < 0) {
        if (script.nerrors == 0) {
            fprintf(stderr, "p4ctl: %s: %s\n", stf_path, strerror(errno));
            stf_free(&script);
            return STATUS_USAGE;
        }
        stf_print_errors(stderr, &script);
        stf_free(&script);
        return STATUS_USAGE;
    }
    if (p4build_prepare(prog, o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        p4build_cleanup(&build);
        stf_free(&script);
        printf("0 passed, 1 failed\n");
        return STATUS_FAIL;
    }
    /* The script is checked against the program's description before
     * anything is loaded. */
    const char *p4info = o->p4info ? o->p4info : build.p4info;
    p4rt_pipeline *desc = p4rt_open_p4info(p4info), *p = NULL;
    TestNet *net = NULL;
    StfBound *bound = NULL;
    if (!desc) {
        fprintf(stderr, "p4ctl: %s\n", p4rt_errmsg());
        status = STATUS_USAGE;
        goto out;
    }
    bound = stf_bind(&script, desc);
    if (!bound) {
        stf_print_errors(stderr, &script);
        status = STATUS_USAGE;
        goto out;
    }
    /* Multicast needs real frames: the pipeline is loaded into a network
     * namespace of the test's own, with a veth pair per port. */
    if (stf_needs_network(&script)) {
        uint32_t *ports;
        size_t nports = stf_ports(&script, &ports);
        int not_permitted;
        net = testnet_open(ports, nports, err, sizeof err, &not_permitted);
        free(ports);
        if (!net) {
            fprintf(stderr, "p4ctl: %s: not run: %s\n", stf_path, err);
            status = not_permitted ? STATUS_SKIP : STATUS_FAIL;
            if (!not_permitted)
                printf("0 passed, 1 failed\n");
            goto out;
        }
    }
    p = p4rt_open(build.obj, p4info);
    if (!p) {
        fprintf(stderr, "p4ctl: %s\n", p4rt_errmsg());
        printf("0 passed, 1 failed\n");
        status = STATUS_FAIL;
        goto out;
    }
    p4ctl_libbpf_warning[0] = '\0';
    if ((r = p4rt_load(p)) < 0) {
        if (r == -EPERM) {
            fprintf(stderr, "p4ctl: %s: not run: %s\n", stf_path, p4rt_errmsg());
            status = STATUS_SKIP;
            goto out;
        }
        fprintf(stderr, "p4ctl: %s: %s\n", prog, p4rt_errmsg());
        if (p4ctl_libbpf_warning[0])
            fprintf(stderr, "p4ctl: libbpf: %s", p4ctl_libbpf_warning);
        if (o->trace)
            fprintf(stderr, "p4ctl: note: with --trace the program has a second copy of its "
                            "code, with hooks, which the verifier may refuse where it takes "
                            "the first; without --trace it may load\n");
        printf("0 passed, 1 failed\n");
        status = STATUS_FAIL;
        goto out;
    }

    if (net && testnet_attach(net, p, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s: %s\n", stf_path, err);
        printf("0 passed, 1 failed\n");
        status = STATUS_FAIL;
        goto out;
    }
    StfRun run = {.out = stdout, .verbose = o->verbose > 0, .net = net,
                  .pcap = o->pcap_dir ? portcap_new() : NULL};
    if (o->trace && !(run.trace = p4rt_trace_start(p))) {
        fprintf(stderr, "p4ctl: %s: %s\n", prog, p4rt_errmsg());
        printf("0 passed, 1 failed\n");
        portcap_free(run.pcap);
        status = STATUS_FAIL;
        goto out;
    }
    status = stf_run(&run, p, &script, bound);
    p4rt_trace_stop(run.trace);
    if (status == STATUS_SKIP) {
        fprintf(stderr, "p4ctl: %s: not run: BPF_PROG_TEST_RUN is not permitted here\n", stf_path);
    } else {
        if (run.pcap && write_captures(run.pcap, o->pcap_dir) < 0)
            status = STATUS_FAIL;
        printf("%u passed, %u failed\n", run.passed, run.failed);
    }
    portcap_free(run.pcap);
out:
    p4rt_close(p);
    testnet_close(net);
    stf_bound_free(bound, script.nstmts);
    p4rt_close(desc);
    p4build_cleanup(&build);
    stf_free(&script);
    return status;
}

int cmd_test(Session *s, int argc, char **argv)
{
    if (argc != 3)
        return usage(s, "test takes a program (PROG.p4 or PROG.o) and an STF file");
    return test(s->o, argv[1], argv[2]);
}

int cmd_verify(Session *s, int argc, char **argv)
{
    const Options *o = s->o;
    P4Build build;
    char err[1024];
    if (argc != 2)
        return usage(s, "verify takes one program (PROG.p4 or PROG.o)");
    if (p4build_prepare(argv[1], o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        p4build_cleanup(&build);
        return STATUS_FAIL;
    }
    fflush(stdout);
    int status = p4ctl_verify(argv[1], build.obj, o->log_lines, o->verbose > 0, stdout);
    p4build_cleanup(&build);
    return status;
}
