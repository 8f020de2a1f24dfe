/* examples/ipv4_router.p4 written by hand: LPM route -> next hop -> MAC
 * rewrite, TTL decrement with the incremental checksum update Linux uses
 * (ip_decrease_ttl), redirect. Non-IPv4, options, local addresses and
 * unrouted destinations go to the kernel. */
#include "runtime.h"

enum { ACT_TO_KERNEL = 1, ACT_DROP = 2, ACT_SET_NEXTHOP = 3, ACT_LOCAL = 4, ACT_BLACKHOLE = 5,
       ACT_FORWARD = 6 };

struct router_ingress_routes_value {
    __u32 action;
    __u32 pad;
    __u16 nexthop; /* set_nexthop(id) */
};

struct router_ingress_nexthops_value {
    __u32 action;
    __u32 pad;
    __u32 port; /* forward(port, src_mac, dst_mac) */
    __u64 src_mac;
    __u64 dst_mac;
};

TABLE(router_ingress_routes, BPF_MAP_TYPE_LPM_TRIE, struct lpm32_key,
      struct router_ingress_routes_value, 4096, BPF_F_NO_PREALLOC);
TABLE(router_ingress_nexthops, BPF_MAP_TYPE_HASH, __u16, struct router_ingress_nexthops_value,
      256, 0);

static __always_inline int forward(__u8 *eth, __u8 *ip, __u16 nexthop)
{
    struct router_ingress_nexthops_value *nh = LOOKUP(router_ingress_nexthops, nexthop);
    if (!nh)
        return XDP_DROP; /* the compiled-in default: drop() */
    if (nh->action == ACT_DROP)
        return XDP_DROP;
    if (nh->action != ACT_FORWARD)
        return XDP_PASS;
    store_mac(eth, nh->dst_mac);
    store_mac(eth + 6, nh->src_mac);
    /* TTL is the high byte of the 16-bit word at offset 8. */
    __u32 check = *(__u16 *)(ip + 10);
    check += bpf_htons(0x0100);
    *(__u16 *)(ip + 10) = (__u16)(check + (check >= 0xffff));
    ip[8]--;
    return redirect(nh->port);
}

SEC("xdp")
int ipv4_router(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip = eth + 14;
    if ((void *)ip > data_end)
        return XDP_DROP;
    if (*(__u16 *)(eth + 12) != bpf_htons(0x0800))
        return XDP_PASS;
    if ((void *)(ip + 20) > data_end || ip[0] >> 4 != 4 || (ip[0] & 0xf) < 5)
        return XDP_DROP;
    if ((ip[0] & 0xf) != 5)
        return XDP_PASS; /* options: the kernel's job */

    struct lpm32_key key = {.prefixlen = 32, .addr = *(__u32 *)(ip + 16)};
    struct router_ingress_routes_value *route = LOOKUP(router_ingress_routes, key);
    if (!route)
        return XDP_PASS; /* the compiled-in default: to_kernel() */
    switch (route->action) {
    case ACT_SET_NEXTHOP:
        if (ip[8] <= 1)
            return XDP_DROP;
        return forward(eth, ip, route->nexthop);
    case ACT_BLACKHOLE:
        return XDP_DROP;
    default: /* local, to_kernel */
        return XDP_PASS;
    }
}

char LICENSE[] SEC("license") = "GPL";
