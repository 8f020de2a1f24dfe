/* STF execution; see runner.h. Tables, default actions and counters go
 * through libp4rt as a control plane's requests do; where STF means
 * something else than libp4rt's calls, that is decided here (an add of a
 * key the table has replaces its action; ACTION() of an action with
 * parameters gives them all zeros; a priority for a table without
 * priorities is ignored). Expected packets and packets that came out are
 * queued per port and paired in order as soon as both exist, so failures
 * are reported near the statements that cause them. */
#include "runner.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "packet.h"
#include "portcap.h"
#include "testnet.h"
#include "trace_print.h"

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static void *xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size);
    if (!q)
        abort();
    return q;
}

/* Record the error of the libp4rt call that checked statement ST, at the
 * part of ST that p4rt_errwhere names. */
static void bind_error(StfScript *s, const StfStmt *st)
{
    const p4rt_where *w = p4rt_errwhere();
    StfPos pos = st->pos;
    switch (w->part) {
    case P4RT_AT_REQUEST:
        break;
    case P4RT_AT_NAME:
        pos = st->kind == STF_CHECK_COUNTER ? st->counter_pos
              : st->kind == STF_MC_MGRP_CREATE || st->kind == STF_MC_NODE_ASSOCIATE
                  ? st->group_pos
                  : st->kind == STF_MC_NODE_CREATE ? st->pos
                  : st->kind == STF_MIRRORING_ADD || st->kind == STF_MIRRORING_DELETE ||
                          st->kind == STF_MIRRORING_GET || st->kind == STF_MIRRORING_ADD_MC
                      ? st->session_pos
                      : st->table_pos;
        break;
    case P4RT_AT_KEY_NAME:
    case P4RT_AT_KEY_VALUE:
        if (w->index >= st->nkeys)
            break;
        pos = w->part == P4RT_AT_KEY_NAME ? st->keys[w->index].name_pos
                                          : st->keys[w->index].value_pos;
        pos.col += w->part == P4RT_AT_KEY_VALUE ? (int)w->offset : 0;
        break;
    case P4RT_AT_ACTION:
        pos = st->action.pos;
        break;
    case P4RT_AT_ARG_NAME:
    case P4RT_AT_ARG_VALUE:
        /* Arguments filled in with zeros are the action's. */
        if (w->index >= st->action.nargs) {
            pos = st->action.pos;
            break;
        }
        pos = w->part == P4RT_AT_ARG_NAME ? st->action.args[w->index].name_pos
                                          : st->action.args[w->index].value_pos;
        pos.col += w->part == P4RT_AT_ARG_VALUE ? (int)w->offset : 0;
        break;
    case P4RT_AT_INDEX:
        pos = st->index_pos;
        break;
    }
    stf_error(s, pos, "%s", w->detail);
}

static p4rt_field *fields(const StfField *f, size_t n)
{
    p4rt_field *a = xcalloc(n, sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = (p4rt_field){xstrdup(f[i].name), xstrdup(f[i].value)};
    return a;
}

static void free_fields(p4rt_field *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free((char *)f[i].name);
        free((char *)f[i].value);
    }
    free(f);
}

/* The action of ST and its arguments for TABLE: as given, or, for
 * ACTION() of an action with parameters, every one 0 (p4c-ebpf's tests
 * write "pipe_Reject()" and mean zeros). An action TABLE does not have is
 * left to the request to report. */
static void bind_action(p4rt_pipeline *desc, const char *table, const StfStmt *st, p4rt_entry *e)
{
    p4rt_action_info ai;
    e->action = xstrdup(st->action.name);
    if (st->action.nargs || p4rt_action_get_info(desc, table, st->action.name, &ai) < 0) {
        e->args = fields(st->action.args, st->action.nargs);
        e->nargs = st->action.nargs;
        return;
    }
    p4rt_field *args = xcalloc(ai.nparams, sizeof *args);
    for (size_t i = 0; i < ai.nparams; i++)
        args[i] = (p4rt_field){xstrdup(ai.params[i]), xstrdup("0")};
    e->args = args;
    e->nargs = ai.nparams;
}

/* A request checked on a pipeline without a program fails with -ENOTCONN
 * once everything in it is found right (p4rt_open_p4info). */
static bool checked(int r)
{
    return r == 0 || r == -ENOTCONN;
}

/* A multicast statement checked on the program's description: groups, rids
 * and ports in range, a program that multicasts. */
static int bind_mc(StfScript *s, p4rt_pipeline *desc, const StfStmt *st, size_t nodes)
{
    if (st->kind == STF_MC_NODE_ASSOCIATE && st->handle >= nodes) {
        stf_error(s, st->handle_pos, "no node has handle %u (mc_node_create numbers nodes 0, "
                                     "1, ... in order; %zu created before this line)",
                  st->handle, nodes);
        return 0;
    }
    int r = st->kind == STF_MC_NODE_CREATE
                ? p4rt_mc_node_add(desc, 1, st->rid, st->ports, st->nports)
                : p4rt_mc_group_create(desc, st->group);
    return checked(r) ? 0 : -1;
}

/* A clone session statement checked on the program's description: a
 * program that clones, a session and port in range. */
static int bind_mirroring(const p4rt_pipeline *desc, const StfStmt *st)
{
    p4rt_clone_session cs;
    int r = st->kind == STF_MIRRORING_ADD
                ? p4rt_clone_session_add((p4rt_pipeline *)desc, st->session, st->port)
            : st->kind == STF_MIRRORING_ADD_MC
                ? p4rt_clone_session_add_group((p4rt_pipeline *)desc, st->session, st->group)
                : p4rt_clone_session_get((p4rt_pipeline *)desc, st->session, &cs);
    return checked(r) ? 0 : -1;
}

/* ST's VALUE or FIELD:VALUE words as libp4rt reads them: "F1=V1 F2=V2". */
static char *member_text(const StfStmt *st)
{
    size_t len = 1;
    for (size_t i = 0; i < st->nkeys; i++)
        len += (st->keys[i].name ? strlen(st->keys[i].name) + 1 : 0) +
               strlen(st->keys[i].value) + 1;
    char *text = xcalloc(len, 1), *m = text;
    for (size_t i = 0; i < st->nkeys; i++) {
        const StfField *f = &st->keys[i];
        m += sprintf(m, "%s%s%s%s", i ? " " : "", f->name ? f->name : "", f->name ? "=" : "",
                     f->value);
    }
    return text;
}

/* value_set_add: the member as text "F1=V1 F2=V2" (or the one VALUE). */
static int bind_value_set_add(p4rt_pipeline *desc, const StfStmt *st, StfBound *b)
{
    p4rt_value_set_info vi;
    if (p4rt_value_set_get_info(desc, st->table, &vi) < 0)
        return -1;
    b->table = xstrdup(vi.name);
    b->member = member_text(st);
    return checked(p4rt_value_set_add(desc, vi.name, b->member)) ? 0 : -1;
}

/* register_*: checked as the request it makes; the value as text
 * "F1=V1 F2=V2" (or the one VALUE) in member. */
static int bind_register(p4rt_pipeline *desc, const StfStmt *st, StfBound *b)
{
    p4rt_register_info ri;
    uint8_t v[32];
    if (p4rt_register_get_info(desc, st->table, &ri) < 0)
        return -1;
    b->table = xstrdup(ri.name);
    if (st->kind == STF_REGISTER_RESET)
        return checked(p4rt_register_reset(desc, ri.name, -1)) ? 0 : -1;
    if (st->kind == STF_REGISTER_READ)
        return checked(p4rt_register_read_bytes(desc, ri.name, st->index, v,
                                                (ri.width + 7) / 8)) ? 0 : -1;
    b->member = member_text(st);
    return checked(p4rt_register_write_text(desc, ri.name, st->index, b->member)) ? 0 : -1;
}

static int bind_stmt(p4rt_pipeline *desc, const StfStmt *st, StfBound *b)
{
    if (st->kind == STF_VALUE_SET_ADD)
        return bind_value_set_add(desc, st, b);
    if (st->kind == STF_REGISTER_WRITE || st->kind == STF_REGISTER_READ ||
        st->kind == STF_REGISTER_RESET)
        return bind_register(desc, st, b);
    if (st->kind == STF_CHECK_COUNTER) {
        p4rt_counter_info ci;
        uint64_t v;
        if (p4rt_counter_get_info(desc, st->counter, &ci) < 0)
            return -1;
        b->counter = xstrdup(ci.name);
        return checked(p4rt_counter_read(desc, ci.name, st->index, &v)) ? 0 : -1;
    }
    p4rt_table_info ti;
    p4rt_entry *e = &b->entry;
    if (p4rt_table_get_info(desc, st->table, &ti) < 0)
        return -1;
    b->table = xstrdup(ti.name);
    bind_action(desc, ti.name, st, e);
    if (st->kind == STF_SETDEFAULT)
        return checked(p4rt_table_set_default(desc, ti.name, e->action, e->args, e->nargs)) ? 0
                                                                                            : -1;
    e->keys = fields(st->keys, st->nkeys);
    e->nkeys = st->nkeys;
    e->priority = ti.has_priority ? st->priority : 0;
    return checked(p4rt_table_add(desc, ti.name, e)) ? 0 : -1;
}

StfBound *stf_bind(StfScript *s, p4rt_pipeline *desc)
{
    StfBound *b = xcalloc(s->nstmts, sizeof *b);
    size_t before = s->nerrors, nodes = 0;
    for (size_t i = 0; i < s->nstmts; i++) {
        const StfStmt *st = &s->stmts[i];
        if ((st->kind == STF_MC_MGRP_CREATE || st->kind == STF_MC_NODE_CREATE ||
             st->kind == STF_MC_NODE_ASSOCIATE) &&
            bind_mc(s, desc, st, nodes) < 0)
            bind_error(s, st);
        nodes += st->kind == STF_MC_NODE_CREATE;
        if ((st->kind == STF_MIRRORING_ADD || st->kind == STF_MIRRORING_DELETE ||
             st->kind == STF_MIRRORING_GET || st->kind == STF_MIRRORING_ADD_MC) &&
            bind_mirroring(desc, st) < 0)
            bind_error(s, st);
        if ((st->kind == STF_ADD || st->kind == STF_SETDEFAULT ||
             st->kind == STF_CHECK_COUNTER || st->kind == STF_VALUE_SET_ADD ||
             st->kind == STF_REGISTER_WRITE || st->kind == STF_REGISTER_READ ||
             st->kind == STF_REGISTER_RESET) &&
            bind_stmt(desc, st, &b[i]) < 0)
            bind_error(s, st);
    }
    if (s->nerrors > before) {
        stf_bound_free(b, s->nstmts);
        return NULL;
    }
    return b;
}

void stf_bound_free(StfBound *b, size_t n)
{
    if (!b)
        return;
    for (size_t i = 0; i < n; i++) {
        free(b[i].table);
        free(b[i].counter);
        free(b[i].member);
        free((char *)b[i].entry.action);
        free_fields((p4rt_field *)b[i].entry.keys, b[i].entry.nkeys);
        free_fields((p4rt_field *)b[i].entry.args, b[i].entry.nargs);
    }
    free(b);
}

/* ------------------------------------------------------------------ run */

typedef struct {
    uint32_t port;
    size_t stmt;   /* the expect */
    bool done;
} Expectation;

typedef struct {
    uint32_t port;
    size_t stmt;   /* the packet that caused it */
    uint8_t *data;
    size_t len;
    bool done;
} Output;

typedef struct {
    StfRun *run;
    const StfScript *s;
    Expectation *exp;
    size_t nexp;
    Output *out;
    size_t nout;
    const StfStmt **nodes; /* mc_node_create, by handle */
    size_t nnodes;
} State;

static void *grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        abort();
    return p;
}

static const char *xdp_action_name(uint32_t a)
{
    static const char *const names[] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX",
                                        "XDP_REDIRECT"};
    return a < 5 ? names[a] : "?";
}

static void report(State *st, size_t stmt, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(State *st, size_t stmt, bool ok, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        st->run->passed++;
    else
        st->run->failed++;
    if (ok && !st->run->verbose)
        return;
    fprintf(st->run->out, "%s:%d: %s: ", st->s->file, st->s->stmts[stmt].pos.line,
            ok ? "ok" : "FAIL");
    va_start(ap, fmt);
    vfprintf(st->run->out, fmt, ap);
    va_end(ap);
    fputc('\n', st->run->out);
}

/* Compare expectation E with output O (same port) and report. */
static void pair(State *st, Expectation *e, Output *o)
{
    const StfStmt *x = &st->s->stmts[e->stmt];
    int from = st->s->stmts[o->stmt].pos.line;
    e->done = o->done = true;
    if (x->any || pkt_matches(&x->bytes, x->exact_len, o->data, o->len)) {
        report(st, e->stmt, true, "packet on port %u (from line %d)", e->port, from);
        return;
    }
    const char *why = o->len * 2 < x->bytes.nibbles ? "is shorter than expected"
                      : x->exact_len && o->len * 2 != x->bytes.nibbles
                          ? "has another length than expected"
                          : "differs from the expected one";
    report(st, e->stmt, false, "packet on port %u (from line %d) %s (%zu bytes)", e->port, from,
           why, o->len);
    char *diff = pkt_diff(&x->bytes, x->exact_len, o->data, o->len, "    ");
    fputs(diff, st->run->out);
    free(diff);
}

/* The time stamp of the packets of statement X in capture files: its
 * line, in seconds (tcpdump shows the packet of line 12 at 00:00:12). */
static uint64_t stmt_time(const StfStmt *x)
{
    return (uint64_t)x->pos.line * 1000000000u;
}

static void add_expectation(State *st, size_t stmt)
{
    const StfStmt *x = &st->s->stmts[stmt];
    uint32_t port = x->port;
    /* Don't-care digits are zeros in the file (their data is 0). */
    if (st->run->pcap && !x->any)
        portcap_add(st->run->pcap, PORTCAP_EXPECTED, port, stmt_time(x), x->bytes.data,
                    (x->bytes.nibbles + 1) / 2);
    st->exp = grow(st->exp, (st->nexp + 1) * sizeof *st->exp);
    Expectation *e = &st->exp[st->nexp++];
    *e = (Expectation){port, stmt, false};
    for (size_t i = 0; i < st->nout; i++) {
        if (!st->out[i].done && st->out[i].port == port) {
            pair(st, e, &st->out[i]);
            return;
        }
    }
}

static void add_output(State *st, size_t stmt, uint32_t port, uint8_t *data, size_t len)
{
    st->out = grow(st->out, (st->nout + 1) * sizeof *st->out);
    Output *o = &st->out[st->nout++];
    *o = (Output){port, stmt, data, len, false};
    for (size_t i = 0; i < st->nexp; i++) {
        if (!st->exp[i].done && st->exp[i].port == port) {
            pair(st, &st->exp[i], o);
            return;
        }
    }
}

static void show_packet(State *st, const Output *o)
{
    char *hex = pkt_hex(o->data, o->len);
    fprintf(st->run->out, "    actual:   %s\n", hex);
    free(hex);
}

/* BPF_PROG_TEST_RUN takes Ethernet-sized packets, and the kernel refuses
 * to move a packet's start (bpf_xdp_adjust_head) past its last 14 bytes;
 * BMv2's tests send bare headers of a few bytes. A packet shorter than 14
 * bytes runs padded with zeros at the end to 14, and one whose run aborts
 * (XDP_ABORTED, as a refused move does) runs again padded to 64; the
 * padding is cut from what comes out (the program's headers come first,
 * the payload with the padding last). A program that reads past such a
 * packet's end finds zeros where BMv2 would run out of packet
 * (docs/p4ctl.1). The packet runs once (twice after an abort): a run
 * counts in counters and registers. */
enum { MIN_TEST_RUN = 14, SHRINK_ROOM = 64 };

static int run_padded(p4rt_pipeline *p, uint32_t port, const uint8_t *pkt, size_t len,
                      size_t to, uint8_t *out, size_t cap, p4rt_test_result *res)
{
    if (len >= to)
        return p4rt_test_run(p, port, pkt, len, 1, out, cap, res);
    uint8_t in[SHRINK_ROOM] = {0};
    memcpy(in, pkt, len);
    int r = p4rt_test_run(p, port, in, to, 1, out, cap, res);
    if (r == 0 && !res->dropped) {
        size_t pad = to - len;
        res->len = res->len >= pad ? res->len - pad : 0;
    }
    return r;
}

int stf_run_packet(p4rt_pipeline *p, uint32_t port, const uint8_t *pkt, size_t len,
                   uint8_t **outp, p4rt_test_result *res)
{
    size_t cap = len + 4096 + SHRINK_ROOM; /* room for pushes */
    uint8_t *out = xcalloc(cap, 1);
    size_t to = len < MIN_TEST_RUN ? MIN_TEST_RUN : len;
    int r = run_padded(p, port, pkt, len, to, out, cap, res);
    if (r == 0 && res->xdp_action == 0 /* XDP_ABORTED */ && len < SHRINK_ROOM) {
        p4rt_test_result roomy;
        uint8_t *more = xcalloc(cap, 1);
        if (run_padded(p, port, pkt, len, SHRINK_ROOM, more, cap, &roomy) == 0 &&
            roomy.xdp_action != 0) {
            free(out);
            out = more;
            *res = roomy;
        } else {
            free(more);
        }
    }
    if (r < 0 || res->dropped) {
        free(out);
        out = NULL;
    }
    *outp = out;
    return r;
}

static int print_trace(const p4rt_packet_trace *t, void *ctx)
{
    trace_print_text(ctx, t, "    ");
    return 0;
}

/* test --trace: the traces of what packet statement I caused (a packet
 * run twice, padded, has two), under a line naming the statement. */
static void show_traces(State *st, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    if (!st->run->trace)
        return;
    fprintf(st->run->out, "%s:%d: trace of the packet on port %u:\n", st->s->file, x->pos.line,
            x->port);
    if (p4rt_trace_poll(st->run->trace, 0, print_trace, st->run->out) < 0)
        fprintf(st->run->out, "    (no trace: %s)\n", p4rt_errmsg());
}

/* Returns -1 when the run cannot go on (not permitted). */
static int run_packet(State *st, p4rt_pipeline *p, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    size_t len = x->bytes.nibbles / 2;
    uint8_t *out;
    p4rt_test_result res;
    int r = stf_run_packet(p, x->port, x->bytes.data, len, &out, &res);
    if (r < 0) {
        if (r == -EPERM) {
            fprintf(st->run->out, "%s:%d: %s\n", st->s->file, x->pos.line, p4rt_errmsg());
            return -1;
        }
        report(st, i, false, "%s", p4rt_errmsg());
        return 0;
    }
    if (st->run->pcap)
        portcap_add(st->run->pcap, PORTCAP_IN, x->port, stmt_time(x), x->bytes.data, len);
    show_traces(st, i);
    if (st->run->verbose) {
        if (res.dropped)
            fprintf(st->run->out, "%s:%d: packet on port %u: dropped (%s)\n", st->s->file,
                    x->pos.line, x->port, xdp_action_name(res.xdp_action));
        else
            fprintf(st->run->out, "%s:%d: packet on port %u: out on port %u (%s, %zu bytes)\n",
                    st->s->file, x->pos.line, x->port, res.port, xdp_action_name(res.xdp_action),
                    res.len);
    }
    if (res.dropped)
        return 0;
    if (st->run->pcap)
        portcap_add(st->run->pcap, PORTCAP_OUT, res.port, stmt_time(x), out, res.len);
    add_output(st, i, res.port, out, res.len); /* takes OUT */
    return 0;
}

/* ------------------------------------------------- the test network */

/* Packets on the test network come out when the kernel is done with them:
 * after a packet, the runner takes what comes out until the expects that
 * follow it have as many packets and nothing more comes for QUIET_MS, or
 * for WAIT_MS at most. Later packets still pair with earlier expects. */
enum { WAIT_MS = 1000, QUIET_MS = 20, DRAIN_MS = 100 };

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The expects between packet statement I and the next packet. */
static size_t expects_after(const StfScript *s, size_t i)
{
    size_t n = 0;
    for (size_t k = i + 1; k < s->nstmts && s->stmts[k].kind != STF_PACKET; k++)
        n += s->stmts[k].kind == STF_EXPECT;
    return n;
}

/* Take what comes out (caused by statement STMT, which padded its packet
 * by PAD bytes) until WANT packets came and QUIET ms pass without one.
 * Returns how many came, or -1. */
static long collect(State *st, size_t stmt, size_t want, size_t pad, int quiet)
{
    char err[256];
    long start = now_ms();
    size_t got = 0;
    for (;;) {
        long left = WAIT_MS - (now_ms() - start);
        int timeout = got >= want ? quiet : left > 0 ? (int)left : 0;
        uint32_t port;
        uint8_t *data;
        size_t len;
        int r = testnet_recv(st->run->net, timeout, &port, &data, &len, err, sizeof err);
        if (r < 0) {
            report(st, stmt, false, "%s", err);
            return -1;
        }
        if (r == 0)
            return (long)got;
        got++;
        /* The padding is the payload's end. */
        len = len >= pad ? len - pad : 0;
        if (st->run->verbose)
            fprintf(st->run->out, "%s:%d: out on port %u (%zu bytes)\n", st->s->file,
                    st->s->stmts[stmt].pos.line, port, len);
        if (st->run->pcap)
            portcap_add(st->run->pcap, PORTCAP_OUT, port, stmt_time(&st->s->stmts[stmt]), data,
                        len);
        add_output(st, stmt, port, data, len); /* takes DATA */
    }
}

/* Packet statement I sent into its port on the test network; what it
 * causes is collected. Packets shorter than Ethernet's header go out
 * padded with zeros (the padding cut from what comes out), as for
 * BPF_PROG_TEST_RUN. */
static void send_packet(State *st, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    size_t len = x->bytes.nibbles / 2, pad = len < MIN_TEST_RUN ? MIN_TEST_RUN - len : 0;
    uint8_t buf[MIN_TEST_RUN] = {0};
    const uint8_t *pkt = x->bytes.data;
    char err[256];
    if (pad) {
        memcpy(buf, pkt, len);
        pkt = buf;
    }
    if (st->run->verbose)
        fprintf(st->run->out, "%s:%d: packet into port %u (%zu bytes)\n", st->s->file,
                x->pos.line, x->port, len + pad);
    if (testnet_send(st->run->net, x->port, pkt, len + pad, err, sizeof err) < 0) {
        report(st, i, false, "%s", err);
        return;
    }
    if (st->run->pcap)
        portcap_add(st->run->pcap, PORTCAP_IN, x->port, stmt_time(x), x->bytes.data, len);
    collect(st, i, expects_after(st->s, i), pad, QUIET_MS);
    show_traces(st, i);
}

/* mc_mgrp_create, mc_node_create, mc_node_associate: BMv2's nodes exist
 * apart from groups until associated; here a node joins its group then. */
static void run_mc(State *st, p4rt_pipeline *p, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    int r = 0;
    if (x->kind == STF_MC_NODE_CREATE) {
        st->nodes = grow(st->nodes, (st->nnodes + 1) * sizeof *st->nodes);
        st->nodes[st->nnodes++] = x;
        return;
    }
    if (x->kind == STF_MC_MGRP_CREATE) {
        r = p4rt_mc_group_create(p, x->group);
    } else {
        const StfStmt *node = st->nodes[x->handle];  /* stf_bind checked it */
        r = p4rt_mc_node_add(p, x->group, node->rid, node->ports, node->nports);
    }
    if (r < 0)
        report(st, i, false, "%s", p4rt_errmsg());
    else
        report(st, i, true, "%s", x->kind == STF_MC_MGRP_CREATE ? "multicast group created"
                                                                : "node added to its group");
}

/* mirroring_add (BMv2 replaces a session that exists), mirroring_delete;
 * mirroring_get reads the session, which must exist. */
static void run_mirroring(State *st, p4rt_pipeline *p, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    p4rt_clone_session cs;
    int r;
    if (x->kind == STF_MIRRORING_ADD) {
        r = p4rt_clone_session_add(p, x->session, x->port);
        if (r == -EEXIST)
            r = p4rt_clone_session_modify(p, x->session, x->port);
    } else if (x->kind == STF_MIRRORING_ADD_MC) {
        r = p4rt_clone_session_add_group(p, x->session, x->group);
        if (r == -EEXIST)
            r = p4rt_clone_session_modify_group(p, x->session, x->group);
    } else if (x->kind == STF_MIRRORING_DELETE) {
        r = p4rt_clone_session_delete(p, x->session);
    } else {
        r = p4rt_clone_session_get(p, x->session, &cs);
    }
    if (r < 0)
        report(st, i, false, "%s", p4rt_errmsg());
    else
        report(st, i, true, "clone session %u %s", x->session,
               x->kind == STF_MIRRORING_ADD || x->kind == STF_MIRRORING_ADD_MC ? "set"
               : x->kind == STF_MIRRORING_DELETE                                 ? "deleted"
                                                                                 : "read");
}

static void check_no_packet(State *st, size_t i)
{
    bool any = false;
    if (st->run->net)
        collect(st, i, 0, 0, QUIET_MS);
    for (size_t k = 0; k < st->nout; k++) {
        Output *o = &st->out[k];
        if (o->done)
            continue;
        if (!any)
            report(st, i, false, "no_packet, but packets came out:");
        any = true;
        o->done = true;
        fprintf(st->run->out, "    port %u, from the packet of line %d:\n", o->port,
                st->s->stmts[o->stmt].pos.line);
        show_packet(st, o);
    }
    if (!any)
        report(st, i, true, "no_packet");
}

static void check_counter(State *st, p4rt_pipeline *p, size_t i, const StfBound *b)
{
    const StfStmt *x = &st->s->stmts[i];
    uint64_t v;
    if (p4rt_counter_read(p, b->counter, x->index, &v) < 0) {
        report(st, i, false, "%s", p4rt_errmsg());
        return;
    }
    bool ok = stf_op_eval(x->op, v, x->count);
    report(st, i, ok, "counter %s(%u) is %llu%s %s %llu", b->counter, x->index,
           (unsigned long long)v, ok ? "," : ", expected", stf_op_name(x->op),
           (unsigned long long)x->count);
}

int stf_apply(p4rt_pipeline *p, const StfStmt *x, const StfBound *b)
{
    const p4rt_entry *e = &b->entry;
    if (x->kind == STF_VALUE_SET_ADD)
        return p4rt_value_set_add(p, b->table, b->member);
    if (x->kind == STF_REGISTER_WRITE)
        return p4rt_register_write_text(p, b->table, x->index, b->member);
    if (x->kind == STF_REGISTER_RESET)
        return p4rt_register_reset(p, b->table, -1);
    if (x->kind == STF_REGISTER_READ)
        return 0;   /* BMv2 prints the cell; nothing to check */
    if (x->kind == STF_SETDEFAULT)
        return p4rt_table_set_default(p, b->table, e->action, e->args, e->nargs);
    /* An add of a key the table has replaces the entry's action: p4c's
     * eBPF test runner writes entries with BPF_ANY (BMv2's table_add
     * would refuse the second entry instead). */
    int r = p4rt_table_add(p, b->table, e);
    return r == -EEXIST ? p4rt_table_modify(p, b->table, e) : r;
}

/* Every entry of every table that the control plane may change. */
static void remove_all(State *st, p4rt_pipeline *p, size_t i)
{
    const char *name;
    for (size_t t = 0; (name = p4rt_table_name(p, t)) != NULL; t++) {
        p4rt_table_info ti;
        if (p4rt_table_get_info(p, name, &ti) < 0 || ti.const_entries)
            continue;
        if (p4rt_table_clear(p, name) < 0)
            report(st, i, false, "%s", p4rt_errmsg());
    }
}

int stf_run(StfRun *run, p4rt_pipeline *p, const StfScript *s, const StfBound *b)
{
    State st = {run, s, NULL, 0, NULL, 0, NULL, 0};
    int status = 0;

    /* Packets may leave on ports the script never gave a device; on the
     * test network they are dropped (v1model), as nobody would see them. */
    int r = run->net ? 0 : p4rt_test_ports(p);
    if (r < 0) {
        fprintf(run->out, "%s: %s\n", s->file, p4rt_errmsg());
        if (r == -EPERM)
            return 77;
        run->failed++;
        return 1;
    }
    for (size_t i = 0; i < s->nstmts && status == 0; i++) {
        const StfStmt *x = &s->stmts[i];
        switch (x->kind) {
        case STF_PACKET:
            if (run->net)
                send_packet(&st, i);
            else if (run_packet(&st, p, i) < 0)
                status = 77;
            break;
        case STF_EXPECT:
            add_expectation(&st, i);
            break;
        case STF_NO_PACKET:
            check_no_packet(&st, i);
            break;
        case STF_WAIT:
            /* Runs with BPF_PROG_TEST_RUN are synchronous. */
            if (run->net)
                collect(&st, i, 0, 0, QUIET_MS);
            break;
        case STF_MC_MGRP_CREATE:
        case STF_MC_NODE_CREATE:
        case STF_MC_NODE_ASSOCIATE:
            run_mc(&st, p, i);
            break;
        case STF_MIRRORING_ADD:
        case STF_MIRRORING_ADD_MC:
        case STF_MIRRORING_DELETE:
        case STF_MIRRORING_GET:
            run_mirroring(&st, p, i);
            break;
        case STF_ADD:
        case STF_SETDEFAULT:
        case STF_VALUE_SET_ADD:
        case STF_REGISTER_WRITE:
        case STF_REGISTER_READ:
        case STF_REGISTER_RESET:
            if (stf_apply(p, x, &b[i]) < 0)
                report(&st, i, false, "%s", p4rt_errmsg());
            break;
        case STF_REMOVE_ALL:
            remove_all(&st, p, i);
            break;
        case STF_CHECK_COUNTER:
            check_counter(&st, p, i, &b[i]);
            break;
        }
    }

    if (status == 0 && run->net && s->nstmts)
        collect(&st, s->nstmts - 1, 0, 0, DRAIN_MS);
    if (status == 0) {
        /* Whatever is left unpaired fails. */
        for (size_t k = 0; k < st.nexp; k++) {
            const StfStmt *x = &s->stmts[st.exp[k].stmt];
            if (st.exp[k].done)
                continue;
            report(&st, st.exp[k].stmt, false, "expected a packet on port %u; none came out",
                   x->port);
            if (!x->any) {
                char *hex = pkt_expected(&x->bytes, x->exact_len);
                fprintf(run->out, "    expected: %s\n", hex);
                free(hex);
            }
        }
        for (size_t k = 0; k < st.nout; k++) {
            Output *o = &st.out[k];
            if (o->done)
                continue;
            report(&st, o->stmt, false, "unexpected packet on port %u", o->port);
            show_packet(&st, o);
        }
    }
    for (size_t k = 0; k < st.nout; k++)
        free(st.out[k].data);
    free(st.out);
    free(st.exp);
    free(st.nodes);
    if (status)
        return status;
    return run->failed ? 1 : 0;
}

bool stf_needs_network(const StfScript *s)
{
    for (size_t i = 0; i < s->nstmts; i++)
        if (s->stmts[i].kind == STF_MC_MGRP_CREATE || s->stmts[i].kind == STF_MC_NODE_CREATE ||
            s->stmts[i].kind == STF_MC_NODE_ASSOCIATE || s->stmts[i].kind == STF_MIRRORING_ADD ||
            s->stmts[i].kind == STF_MIRRORING_ADD_MC)
            return true;
    return false;
}

size_t stf_ports(const StfScript *s, uint32_t **ports)
{
    size_t n = 0;
    *ports = NULL;
    for (size_t i = 0; i < s->nstmts; i++) {
        const StfStmt *x = &s->stmts[i];
        size_t more = x->kind == STF_PACKET || x->kind == STF_EXPECT ||
                              x->kind == STF_MIRRORING_ADD
                          ? 1
                      : x->kind == STF_MC_NODE_CREATE             ? x->nports
                                                                  : 0;
        if (!more)
            continue;
        *ports = grow(*ports, (n + more) * sizeof **ports);
        if (x->kind == STF_MC_NODE_CREATE)
            memcpy(*ports + n, x->ports, more * sizeof **ports);
        else
            (*ports)[n] = x->port;
        n += more;
    }
    return n;
}
