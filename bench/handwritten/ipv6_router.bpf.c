/* examples/ipv6_router.p4 written by hand: 128-bit LPM route carrying the
 * next hop -> MAC rewrite, hop limit decrement, redirect. */
#include "runtime.h"

enum { ACT_TO_KERNEL = 1, ACT_LOCAL = 3, ACT_BLACKHOLE = 4, ACT_FORWARD = 5 };

struct route6_key {
    __u32 prefixlen;
    __u64 addr[2]; /* network order */
} __attribute__((packed));

struct router6_ingress_routes6_value {
    __u32 action;
    __u32 pad;
    __u32 port; /* forward(port, src_mac, dst_mac) */
    __u64 src_mac;
    __u64 dst_mac;
};

TABLE(router6_ingress_routes6, BPF_MAP_TYPE_LPM_TRIE, struct route6_key,
      struct router6_ingress_routes6_value, 4096, BPF_F_NO_PREALLOC);

SEC("xdp")
int ipv6_router(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip6 = eth + 14;
    if ((void *)ip6 > data_end)
        return XDP_DROP;
    if (*(__u16 *)(eth + 12) != bpf_htons(0x86dd))
        return XDP_PASS;
    if ((void *)(ip6 + 40) > data_end || ip6[0] >> 4 != 6)
        return XDP_DROP;

    struct route6_key key = {.prefixlen = 128};
    key.addr[0] = *(__u64 *)(ip6 + 24);
    key.addr[1] = *(__u64 *)(ip6 + 32);
    struct router6_ingress_routes6_value *route = LOOKUP(router6_ingress_routes6, key);
    if (!route)
        return XDP_PASS; /* the compiled-in default: to_kernel() */
    switch (route->action) {
    case ACT_FORWARD:
        if (ip6[7] <= 1)
            return XDP_DROP;
        store_mac(eth, route->dst_mac);
        store_mac(eth + 6, route->src_mac);
        ip6[7]--;
        return redirect(route->port);
    case ACT_BLACKHOLE:
        return XDP_DROP;
    default: /* local, to_kernel */
        return XDP_PASS;
    }
}

char LICENSE[] SEC("license") = "GPL";
