/* examples/l2_switch.p4 written by hand, the way an expert writes XDP: one
 * bounds check for the Ethernet header, the key built straight from the
 * packet, a direct pointer into the map value, no per-packet state beyond
 * registers. It keeps the maps of docs/RUNTIME.md (names, key and value
 * layouts) so that bench/xdp_speed fills its tables exactly like those of
 * the program p4cc generates, and must do the same job on every packet. */
#include "runtime.h"

/* --- mac_table: destination MAC (host order, in a u64) -> action --- */
struct mac_key {
    __u64 dst;
};

enum { ACT_FORWARD = 1, ACT_TO_KERNEL = 2, ACT_DROP = 3 };

struct switch_ingress_mac_table_value {
    __u32 action;
    __u32 pad;
    __u32 port; /* forward(port) */
};

TABLE(switch_ingress_mac_table, BPF_MAP_TYPE_HASH, struct mac_key,
      struct switch_ingress_mac_table_value, 1024, 0);

/* port_frames: CounterArray(64, sparse) */
struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
    __type(key, __u32);
    __type(value, __u64);
    __uint(max_entries, 64);
} switch_ingress_port_frames SEC(".maps");

static __always_inline int forward(__u32 port)
{
    __u64 *count = bpf_map_lookup_elem(&switch_ingress_port_frames, &port);
    if (count) {
        *count += 1;
    } else {
        __u64 one = 1;
        bpf_map_update_elem(&switch_ingress_port_frames, &port, &one, BPF_NOEXIST);
    }
    return redirect(port);
}

SEC("xdp")
int l2_switch(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data;
    if ((void *)(eth + 14) > data_end)
        return XDP_DROP;

    struct mac_key key = {
        .dst = (__u64)bpf_ntohs(*(__u16 *)eth) << 32 | bpf_ntohl(*(__u32 *)(eth + 2)),
    };
    struct switch_ingress_mac_table_value *v = LOOKUP(switch_ingress_mac_table, key);
    if (!v)
        return XDP_PASS; /* the compiled-in default: to_kernel() */
    switch (v->action) {
    case ACT_FORWARD:
        return forward(v->port);
    case ACT_TO_KERNEL:
        return XDP_PASS;
    case ACT_DROP:
        return XDP_DROP;
    default:
        return XDP_ABORTED; /* no such action: what the generated code does */
    }
}

char LICENSE[] SEC("license") = "GPL";
