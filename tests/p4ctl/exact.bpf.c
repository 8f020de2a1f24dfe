/* Fixture: an `xdp` program with one exact table and one counter.
 *
 *   header h { bit<16> a; bit<8> b; bit<32> c; }   (bytes 0-1, 2, 3-6)
 *   table pipe.t { key = { hdr.h.a: exact; hdr.h.b: exact; hdr.h.c: exact; }
 *                  actions = { NoAction; drop; rewrite; forward; pop2; push2; }
 *                  default_action = NoAction; }
 *   CounterArray(16, false) pipe.counters: increment(input port) per packet.
 *
 * Actions: NoAction passes the packet; drop drops it; rewrite(val) sets byte
 * 0 to val; forward(port) redirects to port; pop2 removes the first two
 * bytes; push2(v) prepends two bytes holding v (network order). A packet
 * shorter than 7 bytes is rejected (dropped). */
#include "runtime.h"

struct pipe_t_key {
    __u16 a;
    __u8 b;
    __u8 pad;
    __u32 c;
};

struct pipe_t_value {
    __u32 action;
    __u32 pad;
    union {
        struct { __u8 val; } rewrite;
        struct { __u32 port; } forward;
        struct { __u16 v; } push2;
    } u;
};

enum { ACT_NOACTION = 1, ACT_DROP = 2, ACT_REWRITE = 3, ACT_FORWARD = 4, ACT_POP2 = 5, ACT_PUSH2 = 6 };

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, struct pipe_t_key);
    __type(value, struct pipe_t_value);
} pipe_t SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct pipe_t_value);
} pipe_t_default SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 16);
    __type(key, __u32);
    __type(value, __u64);
} pipe_counters SEC(".maps");

SEC("xdp")
int p4cc_main(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    __u8 *p = data;
    __u32 port = p4cc_input_port(ctx);

    __u64 *cnt = bpf_map_lookup_elem(&pipe_counters, &port);
    if (cnt)
        *cnt += 1;

    if (p + 7 > (__u8 *)end)
        return XDP_DROP;

    struct pipe_t_key key = {0};
    key.a = (__u16)(p[0] << 8 | p[1]);
    key.b = p[2];
    key.c = (__u32)p[3] << 24 | (__u32)p[4] << 16 | (__u32)p[5] << 8 | p[6];

    struct pipe_t_value act = {0};
    struct pipe_t_value *v = bpf_map_lookup_elem(&pipe_t, &key);
    if (v) {
        act = *v;
    } else {
        __u32 zero = 0;
        v = bpf_map_lookup_elem(&pipe_t_default, &zero);
        if (v && v->action)
            act = *v;
        else
            act.action = ACT_NOACTION;   /* the compiled default */
    }

    switch (act.action) {
    case ACT_DROP:
        return XDP_DROP;
    case ACT_REWRITE:
        p[0] = act.u.rewrite.val;
        return XDP_PASS;
    case ACT_FORWARD:
        return p4cc_redirect(act.u.forward.port);
    case ACT_POP2:
        if (bpf_xdp_adjust_head(ctx, 2))
            return XDP_ABORTED;
        return XDP_PASS;
    case ACT_PUSH2: {
        if (bpf_xdp_adjust_head(ctx, -2))
            return XDP_ABORTED;
        __u8 *q = (void *)(long)ctx->data;
        if (q + 2 > (__u8 *)(long)ctx->data_end)
            return XDP_ABORTED;
        q[0] = act.u.push2.v >> 8;
        q[1] = act.u.push2.v & 0xff;
        return XDP_PASS;
    }
    default:
        return XDP_PASS;
    }
}
