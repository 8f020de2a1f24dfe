/* Packet traces (docs/RUNTIME.md, "Traces"): a program compiled with
 * p4cc --trace reports, while a trace runs (p4ctl trace, libp4rt's
 * p4rt_trace_start), what each packet does: the parser states it goes
 * through, the tables it applies (hit or miss, the action run), its
 * multicast group, its verdict. Each is an event in the ring buffer
 * p4cc_trace_ring, tagged with the packet's sequence number. Ids are
 * small numbers that prog.p4info.json's "trace" section names, with their
 * P4 source lines. The generated C has the program's code twice, without
 * hooks and with them (p4cc_tseq, the packet's number, in scope), and
 * picks one per packet by p4cc_trace.on: while no trace runs a packet
 * pays that load and branch. Compiled with -DP4CC_TRACE=0 the traced copy
 * is gone. libp4rt (src/p4rt/trace.c) shares the layouts below. */
#ifndef P4CC_TRACE_H
#define P4CC_TRACE_H

#include <linux/types.h>

/* Event kinds. */
enum {
    P4CC_TRACE_BEGIN = 1,        /* id: P4CC_TRACE_FROM_*; arg: the P4 port; arg2: length */
    P4CC_TRACE_STATE = 2,        /* id: parser state */
    P4CC_TRACE_PARSER_ERROR = 3, /* id: the error's code */
    P4CC_TRACE_TABLE = 4,        /* id: table; arg: the action's code (0: none); arg2: hit */
    P4CC_TRACE_MCAST = 5,        /* id: multicast group; a copy's (arg2 1): arg its rid */
    P4CC_TRACE_VERDICT = 6,      /* id: the XDP action; arg: the P4 port (see below) */
};

/* What a BEGIN event starts: a packet the program received (arg: the port
 * it came in on), or a multicast copy leaving by port arg (p4cc_egress). */
enum { P4CC_TRACE_FROM_INPUT = 0, P4CC_TRACE_FROM_COPY = 1 };

/* The value of p4cc_trace, a global variable in a section of its own
 * (libbpf's map .data.p4cc_trace, pinned as maps/p4cc_trace). */
struct p4cc_trace_config {
    __u32 on;    /* nonzero while a trace runs */
    __u32 owner; /* the tracing process (libp4rt: a trace at a time) */
    __u64 seq;   /* the last packet's sequence number */
    __u64 lost;  /* events the ring had no room for */
};

/* One event in the ring. A packet's events share SEQ and come in order
 * (one CPU runs a packet); events of packets on other CPUs interleave. */
struct p4cc_trace_event {
    __u64 seq;
    __u32 kind;
    __u32 id;
    __u32 arg;
    __u32 arg2;
};

#ifndef P4CC_TRACE
#define P4CC_TRACE 0 /* p4cc --trace puts the hooks in */
#endif

#if P4CC_TRACE && defined(__bpf__)
#include <bpf/bpf_helpers.h>

/* External linkage keeps clang from folding it to its zeros. */
struct p4cc_trace_config p4cc_trace SEC(".data.p4cc_trace") = {0};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 20);
} p4cc_trace_ring SEC(".maps");

/* The functions are inlined where they are used: only the traced copy of
 * the program calls them. (As global functions, one copy each, a program
 * that merely contains calls to them measured 2 to 4 ns more a packet.) */
static __always_inline void p4cc_trace_emit(__u64 seq, __u32 kind, __u32 id, __u32 arg,
                                            __u32 arg2)
{
    struct p4cc_trace_event ev = {.seq = seq, .kind = kind, .id = id, .arg = arg, .arg2 = arg2};
    if (bpf_ringbuf_output(&p4cc_trace_ring, &ev, sizeof ev, 0) < 0)
        __sync_fetch_and_add(&p4cc_trace.lost, 1);
}

/* The P4 port of interface IFINDEX (the ifindex when it is none). */
static __always_inline __u32 p4cc_trace_port(__u32 ifindex)
{
    __u32 *port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);
    return port ? *port : ifindex;
}

/* A new packet's sequence number (never 0), after its BEGIN event; IFINDEX
 * is the interface it came in on (a copy: the one it leaves by), SKIP the
 * bytes in front of the packet that are not its own (a copy's bridge). */
static __always_inline __u64 p4cc_trace_begin(struct xdp_md *ctx, __u32 from, __u32 ifindex,
                                              __u32 skip)
{
    __u64 seq = __sync_fetch_and_add(&p4cc_trace.seq, 1) + 1;
    p4cc_trace_emit(seq, P4CC_TRACE_BEGIN, from, p4cc_trace_port(ifindex),
                    (__u32)bpf_xdp_get_buff_len(ctx) - skip);
    return seq;
}

/* The verdict: the port of XDP_REDIRECT is the one p4cc_out says the
 * program chose; XDP_TX and XDP_PASS leave by (or to the kernel from) the
 * input port. */
static __always_inline void p4cc_trace_verdict(struct xdp_md *ctx, __u64 seq, __u32 action)
{
    __u32 port = 0, zero = 0;
    if (action == XDP_REDIRECT) {
        __u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);
        port = last ? *last : 0;
    } else if (action == XDP_TX || action == XDP_PASS) {
        port = p4cc_trace_port(ctx->ingress_ifindex);
    }
    p4cc_trace_emit(seq, P4CC_TRACE_VERDICT, action, port, 0);
}

/* Whether a trace runs: the program function's one test per packet, which
 * picks the copy of the program with hooks. */
#define P4CC_TRACE_ON __builtin_expect(p4cc_trace.on != 0, 0)
#define P4CC_TRACE_START(ctx, from, ifindex, skip) p4cc_trace_begin((ctx), (from), (ifindex), (skip))
/* In the traced copy, where p4cc_tseq is the packet's sequence number. */
#define P4CC_TRACE_EVENT(kind, id, arg, arg2) p4cc_trace_emit(p4cc_tseq, (kind), (id), (arg), (arg2))
#define P4CC_TRACE_END(ctx, action) p4cc_trace_verdict((ctx), p4cc_tseq, (action))
#else
#define P4CC_TRACE_ON 0
#define P4CC_TRACE_START(ctx, from, ifindex, skip) 0
#define P4CC_TRACE_EVENT(kind, id, arg, arg2) do { } while (0)
#define P4CC_TRACE_END(ctx, action) do { } while (0)
#endif

#endif
