/* examples/v1model_router.p4 written by hand: the header checksum checked,
 * LPM route -> next hop -> MAC rewrite, TTL decrement with the incremental
 * checksum update Linux uses (ip_decrease_ttl), out by the next hop's
 * port. Everything else is dropped, as the P4 program does. */
#include "runtime.h"

enum { ACT_DROP = 1, ACT_SET_NEXTHOP = 2, ACT_FORWARD = 3 };

struct RouterIngress_routes_value {
    __u32 action;
    __u32 pad;
    __u16 nexthop; /* set_nexthop(id) */
};

struct RouterIngress_nexthops_value {
    __u32 action;
    __u32 pad;
    __u16 port; /* forward(port, src_mac, dst_mac) */
    __u16 pad2;
    __u32 pad3;
    __u64 src_mac;
    __u64 dst_mac;
};

TABLE(RouterIngress_routes, BPF_MAP_TYPE_LPM_TRIE, struct lpm32_key,
      struct RouterIngress_routes_value, 4096, BPF_F_NO_PREALLOC);
TABLE(RouterIngress_nexthops, BPF_MAP_TYPE_HASH, __u16, struct RouterIngress_nexthops_value,
      256, 0);

/* Whether the 20-byte IPv4 header at IP has a correct checksum. */
static __always_inline int checksum_ok(const __u8 *ip)
{
    __u32 sum = 0;
    for (int i = 0; i < 20; i += 2)
        sum += *(const __u16 *)(ip + i);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
}

SEC("xdp")
int v1model_router(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip = eth + 14;
    if ((void *)(ip + 20) > data_end || *(__u16 *)(eth + 12) != bpf_htons(0x0800) ||
        (ip[0] & 0xf) != 5 || !checksum_ok(ip) || ip[8] <= 1)
        return XDP_DROP;
    struct lpm32_key key = {.prefixlen = 32, .addr = *(__u32 *)(ip + 16)};
    struct RouterIngress_routes_value *route = LOOKUP(RouterIngress_routes, key);
    if (!route || route->action != ACT_SET_NEXTHOP)
        return XDP_DROP;
    __u16 nexthop = route->nexthop;
    struct RouterIngress_nexthops_value *nh = LOOKUP(RouterIngress_nexthops, nexthop);
    if (!nh || nh->action != ACT_FORWARD)
        return XDP_DROP;
    store_mac(eth, nh->dst_mac);
    store_mac(eth + 6, nh->src_mac);
    /* TTL is the high byte of the 16-bit word at offset 8. */
    __u32 check = *(__u16 *)(ip + 10);
    check += bpf_htons(0x0100);
    *(__u16 *)(ip + 10) = (__u16)(check + (check >= 0xffff));
    ip[8]--;
    __u32 port = nh->port, zero = 0;
    __u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);
    if (last)
        *last = port;
    /* A port without a device drops, counted, unless it is the input port,
     * as v1model programs do. */
    long verdict = bpf_redirect_map(&p4cc_tx, port, XDP_DROP);
    if (verdict != XDP_DROP)
        return (int)verdict;
    if (port == input_port(ctx))
        return XDP_TX;
    p4cc_count_no_device();
    return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
