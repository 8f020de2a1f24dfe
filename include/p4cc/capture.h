/* Captures (docs/RUNTIME.md, "Captures"): while a capture runs (p4ctl
 * capture, libp4rt's p4rt_capture_start), p4cc_capture says which
 * packets it wants, and the program copies the packets it receives and
 * sends into the ring buffer p4cc_capture_ring. The hooks are at the
 * program's entry and where it sends a packet; while no capture runs each
 * is one load and one branch (make bench measures them). Compiled with
 * -DP4CC_CAPTURE=0 they are gone. libp4rt (src/p4rt/capture.c) shares the
 * layouts below. */
#ifndef P4CC_CAPTURE_H
#define P4CC_CAPTURE_H

#include <linux/types.h>

enum { P4CC_CAPTURE_IN = 1, P4CC_CAPTURE_OUT = 2 };

/* A hook's port when it is the packet's input port, which the capture
 * looks up (p4cc_ports) only when it runs. */
#define P4CC_CAPTURE_IN_PORT 0xffffffffu

/* The value of p4cc_capture, a global variable in a section of its own
 * (libbpf's map .data.p4cc_capture, pinned as maps/p4cc_capture). */
struct p4cc_capture_config {
    __u32 directions; /* P4CC_CAPTURE_IN | P4CC_CAPTURE_OUT; 0: no capture runs */
    __u32 one_port;   /* only packets that arrive on or leave by PORT */
    __u32 port;
    __u32 snaplen;    /* bytes kept of a packet */
    __u32 owner;      /* the capturing process (libp4rt: a capture at a time) */
    __u32 pad;
};

/* A sample in the ring: this, then CAPLEN bytes of the packet. */
struct p4cc_capture_header {
    __u64 ts_ns;     /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
    __u32 len;       /* the packet's length */
    __u32 caplen;    /* bytes that follow */
    __u32 port;      /* P4 port: in, the one it arrived on; out, the one it leaves by */
    __u32 direction; /* P4CC_CAPTURE_IN or P4CC_CAPTURE_OUT */
    __u32 action;    /* out: the XDP verdict */
    __u32 pad;
};

/* A sample is built in a per-CPU buffer, whose values the kernel limits
 * to 32 KiB; longer packets are cut there (the header keeps their length). */
#define P4CC_CAPTURE_SNAP_MAX (32768 - sizeof(struct p4cc_capture_header))

#ifndef P4CC_CAPTURE
#define P4CC_CAPTURE 0   /* p4cc --capture puts the hooks in */
#endif

#if P4CC_CAPTURE && defined(__bpf__)
#include <bpf/bpf_helpers.h>

/* External linkage keeps clang from folding it to its zeros. */
struct p4cc_capture_config p4cc_capture SEC(".data.p4cc_capture") = {0};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 20);
} p4cc_capture_ring SEC(".maps");

struct p4cc_capture_sample {
    struct p4cc_capture_header h;
    __u8 data[P4CC_CAPTURE_SNAP_MAX];
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, struct p4cc_capture_sample);
    __uint(max_entries, 1);
} p4cc_capture_buf SEC(".maps");

/* Samples the ring had no room for. */
struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, __u64);
    __uint(max_entries, 1);
} p4cc_capture_lost SEC(".maps");

/* A global function: one copy, verified once, off the packets' path. */
__attribute__((noinline)) int p4cc_capture_packet(struct xdp_md *ctx, __u32 direction,
                                                  __u32 port, __u32 action)
{
    __u32 zero = 0, ifindex = ctx->ingress_ifindex;
    if (direction == P4CC_CAPTURE_OUT && action != XDP_PASS && action != XDP_TX &&
        action != XDP_REDIRECT)
        return 0; /* dropped: not sent */
    if (port == P4CC_CAPTURE_IN_PORT) {
        __u32 *in = bpf_map_lookup_elem(&p4cc_ports, &ifindex);
        port = in ? *in : ifindex;
    }
    if (p4cc_capture.one_port && port != p4cc_capture.port)
        return 0;
    struct p4cc_capture_sample *s = bpf_map_lookup_elem(&p4cc_capture_buf, &zero);
    if (!s)
        return 0;
    __u64 len = bpf_xdp_get_buff_len(ctx), cap = len;
    if (cap > p4cc_capture.snaplen)
        cap = p4cc_capture.snaplen;
    if (cap > P4CC_CAPTURE_SNAP_MAX)
        cap = P4CC_CAPTURE_SNAP_MAX;
    if (cap == 0 || bpf_xdp_load_bytes(ctx, 0, s->data, (__u32)cap) < 0)
        cap = 0;
    s->h.ts_ns = bpf_ktime_get_ns();
    s->h.len = (__u32)len;
    s->h.caplen = (__u32)cap;
    s->h.port = port;
    s->h.direction = direction;
    s->h.action = action;
    if (bpf_ringbuf_output(&p4cc_capture_ring, s, sizeof(s->h) + cap, 0) < 0) {
        __u64 *lost = bpf_map_lookup_elem(&p4cc_capture_lost, &zero);
        if (lost)
            *lost += 1;
    }
    return 0;
}

#define P4CC_CAPTURE_HOOK(ctx, direction, port, action)                          \
    do {                                                                         \
        if (__builtin_expect(p4cc_capture.directions & (direction), 0))          \
            p4cc_capture_packet((ctx), (direction), (port), (action));           \
    } while (0)
#else
#define P4CC_CAPTURE_HOOK(ctx, direction, port, action) do { } while (0)
#endif

#endif
