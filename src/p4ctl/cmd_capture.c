/* p4ctl capture PIPELINE [--port P] [--direction in|out|both] -w FILE
 * [-c COUNT]: what a loaded pipeline receives and sends, into a pcap file,
 * until COUNT packets or a signal. See docs/p4ctl.1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "interrupt.h"
#include "pcapio.h"


typedef struct {
    PcapOut *out;
    unsigned long count, max; /* MAX 0: no limit */
    bool verbose;
} Capture;

static const char *verdict_name(uint32_t a)
{
    static const char *const names[] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX",
                                        "XDP_REDIRECT"};
    return a < 5 ? names[a] : "?";
}

static int on_packet(const p4rt_packet *pkt, void *ctx)
{
    Capture *c = ctx;
    pcapio_add(c->out, pkt->ts_ns, pkt->data, pkt->caplen, pkt->len);
    c->count++;
    if (c->verbose) {
        time_t sec = (time_t)(pkt->ts_ns / 1000000000u);
        struct tm tm;
        localtime_r(&sec, &tm);
        printf("%02d:%02d:%02d.%09llu %s port %u, %u bytes", tm.tm_hour, tm.tm_min, tm.tm_sec,
               (unsigned long long)(pkt->ts_ns % 1000000000u),
               pkt->direction == P4RT_CAPTURE_IN ? "in " : "out", pkt->port, pkt->len);
        if (pkt->direction == P4RT_CAPTURE_OUT)
            printf(" (%s)", verdict_name(pkt->xdp_action));
        putchar('\n');
        fflush(stdout);
    }
    return c->max && c->count >= c->max ? 1 : 0;
}

/* The words of the options: 0, or STATUS_USAGE (said). */
static int parse_options(Session *s, p4rt_capture_opts *opts, unsigned long *max)
{
    const Options *o = s->o;
    unsigned long n;
    memset(opts, 0, sizeof *opts);
    *max = 0;
    if (!o->write)
        return usage(s, "capture needs -w FILE, the pcap file to write");
    if (o->port) {
        if (parse_number(o->port, UINT32_MAX, &n) < 0)
            return usage(s, "capture: --port takes a P4 port number, not '%s'", o->port);
        opts->one_port = true;
        opts->port = (uint32_t)n;
    }
    if (o->direction) {
        if (strcmp(o->direction, "in") == 0)
            opts->directions = P4RT_CAPTURE_IN;
        else if (strcmp(o->direction, "out") == 0)
            opts->directions = P4RT_CAPTURE_OUT;
        else if (strcmp(o->direction, "both") == 0)
            opts->directions = P4RT_CAPTURE_IN | P4RT_CAPTURE_OUT;
        else
            return usage(s, "capture: --direction is in, out or both, not '%s'", o->direction);
    }
    if (o->count && (parse_number(o->count, UINT32_MAX, &n) < 0 || n == 0))
        return usage(s, "capture: -c takes a number of packets (1 or more), not '%s'",
                     o->count);
    if (o->count)
        *max = n;
    return 0;
}

int cmd_capture(Session *s, int argc, char **argv)
{
    p4rt_capture_opts opts;
    unsigned long max;
    char err[1024];
    int status;
    if (argc != 2)
        return usage(s, "capture takes one pipeline (NAME), with -w FILE");
    if ((status = parse_options(s, &opts, &max)) != 0)
        return status;
    p4rt_pipeline *p = session_pipeline(s, argv[1], &status);
    if (!p)
        return status;
    Capture cap = {.max = max, .verbose = s->o->verbose > 0};
    cap.out = pcapio_create(s->o->write, 65535, err, sizeof err);
    if (!cap.out) {
        fprintf(stderr, "p4ctl: %s\n", err);
        return STATUS_FAIL;
    }
    Interrupts saved;
    interrupt_catch(&saved);
    p4rt_capture *c = p4rt_capture_start(p, &opts);
    if (!c) {
        status = failed(s, argv[1], -errno);
        pcapio_abort(cap.out);
        goto out;
    }
    char which[32] = "every port";
    if (opts.one_port)
        snprintf(which, sizeof which, "port %u", opts.port);
    const char *dirs = opts.directions == P4RT_CAPTURE_IN    ? "received"
                       : opts.directions == P4RT_CAPTURE_OUT ? "sent"
                                                             : "received and sent";
    /* Scripts wait for this line: from here on packets are captured. */
    fprintf(stderr, "p4ctl: capturing what pipeline %s %s on %s into %s\n", argv[1], dirs, which,
            s->o->write);
    int r = 0;
    while (!interrupt_seen() && r >= 0 && !(max && cap.count >= max))
        if ((r = p4rt_capture_poll(c, 100, on_packet, &cap)) == -EINTR)
            r = 0;
    /* A pipeline unloaded or replaced (-ESTALE) ends the capture: what
     * came before is kept. */
    char why[600] = "";
    if (r < 0)
        snprintf(why, sizeof why, "%s", p4rt_errmsg());
    uint64_t lost = p4rt_capture_lost(c);
    p4rt_capture_stop(c);
    if (r < 0 && r != -ESTALE) {
        fprintf(stderr, "p4ctl: %s: %s\n", argv[1], why);
        pcapio_abort(cap.out);
        status = STATUS_FAIL;
        goto out;
    }
    if (pcapio_commit(cap.out, err, sizeof err) < 0) {
        fprintf(stderr, "p4ctl: %s\n", err);
        status = STATUS_FAIL;
        goto out;
    }
    fprintf(stderr, "p4ctl: %lu packet%s captured", cap.count, cap.count == 1 ? "" : "s");
    if (lost)
        fprintf(stderr, ", %llu lost (the ring buffer was full)", (unsigned long long)lost);
    fputc('\n', stderr);
    status = STATUS_OK;
    if (r < 0) {
        fprintf(stderr, "p4ctl: %s: %s\n", argv[1], why);
        status = STATUS_FAIL;
    }
out:
    interrupt_restore(&saved);
    return status;
}
