/* p4ctl run PROG --in PORT=FILE... --out DIR [--table-file FILE]: replay
 * captures through a program, the whole of it (every block the
 * architecture runs), with BPF_PROG_TEST_RUN as p4ctl test runs packets;
 * one capture file of what came out per port, and a summary. See
 * docs/p4ctl.1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compile.h"
#include "pcapio.h"
#include "portcap.h"
#include "print.h"
#include "runner.h"
#include "trace_print.h"
#include "verify.h"

/* An --in PORT=FILE: the file's packets, to arrive on PORT. */
typedef struct {
    uint32_t port;
    const char *file;
    PcapList pkts;
} Input;

/* A packet of the merged inputs. */
typedef struct {
    const Input *in;
    size_t index; /* in the input's file */
} Arrival;

/* Packets in time-stamp order; at the same time, in the order of the --in
 * options, then of the file. */
static int by_time(const void *a, const void *b)
{
    const Arrival *x = a, *y = b;
    uint64_t tx = x->in->pkts.pkts[x->index].ts_ns, ty = y->in->pkts.pkts[y->index].ts_ns;
    if (tx != ty)
        return tx < ty ? -1 : 1;
    if (x->in != y->in)
        return x->in < y->in ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void *xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size);
    if (!q)
        abort();
    return q;
}

/* The --in options, their files read: 0, or an exit status (said). */
static int read_inputs(Session *s, Input *ins)
{
    const Options *o = s->o;
    char err[1024];
    for (size_t i = 0; i < o->nins; i++) {
        const char *arg = o->ins[i], *eq = strchr(arg, '=');
        unsigned long port;
        char num[32];
        if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof num || !eq[1])
            return usage(s, "run: --in takes PORT=FILE, not '%s'", arg);
        memcpy(num, arg, (size_t)(eq - arg));
        num[eq - arg] = '\0';
        if (parse_number(num, UINT32_MAX - 1, &port) < 0)
            return usage(s, "run: --in %s: the port must be a number, not '%s'", arg, num);
        ins[i].port = (uint32_t)port;
        ins[i].file = eq + 1;
        if (pcapio_read(ins[i].file, &ins[i].pkts, err, sizeof err) < 0) {
            fprintf(stderr, "p4ctl: %s\n", err);
            return STATUS_FAIL;
        }
    }
    return 0;
}

/* What the run found, for the summary. */
typedef struct {
    RunPort *ports;
    size_t nports;
    size_t in, out, dropped;
    size_t by_verdict[RUN_ACTIONS]; /* of the dropped: XDP_ABORTED, XDP_DROP */
    RunReason *traced;              /* --trace: the drops by reason, as traces say */
    size_t ntraced;
} Tally;

/* --trace: what the traces of a packet's runs say (the last run's). */
typedef struct {
    bool json;
    bool got;
    char reason[300];
} PacketTrace;

static int on_trace(const p4rt_packet_trace *t, void *ctx)
{
    PacketTrace *pt = ctx;
    if (!pt->json)
        trace_print_text(stdout, t, "    ");
    trace_drop_reason(t, pt->reason, sizeof pt->reason);
    pt->got = true;
    return 0;
}

static void tally_reason(Tally *t, const char *why)
{
    for (size_t i = 0; i < t->ntraced; i++)
        if (strcmp(t->traced[i].why, why) == 0) {
            t->traced[i].count++;
            return;
        }
    t->traced = realloc(t->traced, (t->ntraced + 1) * sizeof *t->traced);
    if (!t->traced || !(t->traced[t->ntraced].why = strdup(why)))
        abort();
    t->traced[t->ntraced++].count = 1;
}

static int by_count(const void *a, const void *b)
{
    const RunReason *x = a, *y = b;
    return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp(x->why, y->why);
}

static RunPort *tally_port(Tally *t, uint32_t port)
{
    size_t i = 0;
    while (i < t->nports && t->ports[i].port < port)
        i++;
    if (i < t->nports && t->ports[i].port == port)
        return &t->ports[i];
    t->ports = realloc(t->ports, (t->nports + 1) * sizeof *t->ports);
    if (!t->ports)
        abort();
    memmove(&t->ports[i + 1], &t->ports[i], (t->nports - i) * sizeof *t->ports);
    t->nports++;
    memset(&t->ports[i], 0, sizeof t->ports[i]);
    t->ports[i].port = port;
    return &t->ports[i];
}

static const char *verdict_name(uint32_t a)
{
    static const char *const names[RUN_ACTIONS] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS",
                                                   "XDP_TX", "XDP_REDIRECT"};
    return a < RUN_ACTIONS ? names[a] : "?";
}

/* Run every packet of INS (N inputs) through P in time order, recording
 * what came out in CAP and counting in T. 0, or an exit status (said). */
static int replay(Session *s, p4rt_pipeline *p, const Input *ins, size_t n, Portcap *cap,
                  Tally *t, p4rt_trace *trace)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        total += ins[i].pkts.n;
    Arrival *order = xcalloc(total, sizeof *order);
    for (size_t i = 0; i < n; i++) {
        portcap_port(cap, ins[i].port);
        tally_port(t, ins[i].port);
        for (size_t j = 0; j < ins[i].pkts.n; j++)
            order[k++] = (Arrival){&ins[i], j};
    }
    qsort(order, total, sizeof *order, by_time);
    int status = 0;
    for (k = 0; k < total && status == 0; k++) {
        const Input *in = order[k].in;
        const PcapPacket *pkt = &in->pkts.pkts[order[k].index];
        p4rt_test_result res;
        uint8_t *out;
        int r = stf_run_packet(p, in->port, pkt->data, pkt->caplen, &out, &res);
        if (r < 0) {
            fprintf(stderr, "p4ctl: %s: packet %zu, on port %u: %s\n", in->file,
                    order[k].index + 1, in->port, p4rt_errmsg());
            status = r == -EPERM ? STATUS_SKIP : STATUS_FAIL;
            break;
        }
        t->in++;
        tally_port(t, in->port)->in++;
        PacketTrace pt = {.json = s->o->json};
        if (trace) {
            if (!s->o->json)
                printf("%s #%zu on port %u (%u bytes), trace:\n", in->file, order[k].index + 1,
                       in->port, pkt->caplen);
            if (p4rt_trace_poll(trace, 0, on_trace, &pt) < 0 && !s->o->json)
                printf("    (no trace: %s)\n", p4rt_errmsg());
        }
        if (s->o->verbose)
            printf("%s #%zu on port %u (%u bytes): ", in->file, order[k].index + 1, in->port,
                   pkt->caplen);
        if (res.dropped) {
            t->dropped++;
            t->by_verdict[res.xdp_action]++;
            if (pt.got)
                tally_reason(t, pt.reason);
            if (s->o->verbose)
                printf("dropped (%s)\n", verdict_name(res.xdp_action));
            continue;
        }
        RunPort *rp = tally_port(t, res.port);
        rp->out++;
        rp->out_by[res.xdp_action < RUN_ACTIONS ? res.xdp_action : 0]++;
        t->out++;
        if (s->o->verbose)
            printf("out on port %u (%s, %zu bytes)\n", res.port, verdict_name(res.xdp_action),
                   res.len);
        portcap_add(cap, PORTCAP_OUT, res.port, pkt->ts_ns, out, res.len);
        free(out);
    }
    free(order);
    return status;
}

/* The reasons of drops that the verdict alone gives. */
static size_t verdict_reasons(const Tally *t, RunReason *reasons)
{
    static const char *const why[2] = {"XDP_ABORTED (the program failed)", "XDP_DROP"};
    size_t n = 0;
    for (int a = 1; a >= 0; a--)
        if (t->by_verdict[a])
            reasons[n++] = (RunReason){(char *)why[a], t->by_verdict[a]};
    return n;
}

/* Load the program (compiled when it is a .p4), fill its tables from the
 * table file, replay. */
static int run(Session *s, const char *prog, Input *ins)
{
    const Options *o = s->o;
    P4Build build;
    char err[1024];
    int status, r;
    p4rt_pipeline *p = NULL;
    Portcap *cap = portcap_new();
    Tally t = {0};
    p4rt_trace *trace = NULL;

    if (p4build_prepare(prog, o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        status = STATUS_FAIL;
        goto out;
    }
    p = p4rt_open(build.obj, o->p4info ? o->p4info : build.p4info);
    if (!p) {
        status = failed(s, NULL, -errno);
        goto out;
    }
    p4ctl_libbpf_warning[0] = '\0';
    if ((r = p4rt_load(p)) < 0 || (r = p4rt_test_ports(p)) < 0) {
        status = failed(s, prog, r);
        if (status != STATUS_SKIP && p4ctl_libbpf_warning[0])
            fprintf(stderr, "p4ctl: libbpf: %s", p4ctl_libbpf_warning);
        if (status != STATUS_SKIP && o->trace)
            fprintf(stderr, "p4ctl: note: with --trace the program has a second copy of its "
                            "code, with hooks, which the verifier may refuse where it takes "
                            "the first; without --trace it may load\n");
        goto out;
    }
    if (o->table_file) {
        s->run = p;
        status = batch_file(s, o->table_file);
        s->run = NULL;
        if (status != STATUS_OK)
            goto out;
    }
    if (o->trace && !(trace = p4rt_trace_start(p))) {
        status = failed(s, prog, -errno);
        goto out;
    }
    if ((status = replay(s, p, ins, o->nins, cap, &t, trace)) != 0)
        goto out;

    RunReason reasons[2];
    RunSummary sum = {t.ports, t.nports, t.in, t.out, t.dropped, reasons, 0, false};
    sum.nreasons = verdict_reasons(&t, reasons);
    /* Each drop traced: the reasons the traces give. */
    size_t ntraced = 0;
    for (size_t i = 0; i < t.ntraced; i++)
        ntraced += t.traced[i].count;
    if (trace && ntraced == t.dropped) {
        qsort(t.traced, t.ntraced, sizeof *t.traced, by_count);
        sum.reasons = t.traced;
        sum.nreasons = t.ntraced;
        sum.traced = true;
    }
    char *text = run_summary_text(&sum);
    if (portcap_write(cap, o->out_dir, 1u << PORTCAP_OUT, text, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        status = STATUS_FAIL;
    } else {
        print_run_summary(o->json, &sum);
    }
    free(text);
out:
    p4rt_trace_stop(trace);
    for (size_t i = 0; i < t.ntraced; i++)
        free(t.traced[i].why);
    free(t.traced);
    free(t.ports);
    portcap_free(cap);
    p4rt_close(p);
    p4build_cleanup(&build);
    return status;
}

int cmd_run(Session *s, int argc, char **argv)
{
    const Options *o = s->o;
    if (argc != 2)
        return usage(s, "run takes one program (PROG.p4 or PROG.o), with --in PORT=FILE... "
                        "and --out DIR");
    if (o->nins == 0)
        return usage(s, "run needs the packets to run: --in PORT=FILE (a pcap file of "
                        "Ethernet frames arriving on P4 port PORT)");
    if (!o->out_dir)
        return usage(s, "run needs --out DIR, where the packets that come out go");
    Input *ins = xcalloc(o->nins, sizeof *ins);
    int status = read_inputs(s, ins);
    if (status == 0)
        status = run(s, argv[1], ins);
    for (size_t i = 0; i < o->nins; i++)
        pcapio_free(&ins[i].pkts);
    free(ins);
    return status;
}
