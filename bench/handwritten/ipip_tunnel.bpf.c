/* examples/ipip_tunnel.p4 written by hand: IPv4 routed into a tunnel gets
 * an outer IPv4 header (protocol 4) and goes to the underlay next hop;
 * IP-in-IP from a configured peer to a local tunnel address loses its
 * outer header and goes to the kernel. */
#include "runtime.h"

enum { ACT_TO_KERNEL = 1, ACT_DROP = 2, ACT_ENCAP = 3, ACT_DECAP = 4, ACT_NO_ACTION = 5 };

struct tunnel_ingress_tunnel_routes_value {
    __u32 action;
    __u32 pad;
    __u32 local_addr; /* encap(local_addr, remote_addr, port, src_mac, dst_mac) */
    __u32 remote_addr;
    __u32 port;
    __u64 src_mac;
    __u64 dst_mac;
};

struct peer_key {
    __u32 local; /* host order */
    __u32 remote;
};

struct tunnel_ingress_tunnel_peers_value {
    __u32 action;
    __u32 pad;
    __u8 empty;
};

struct tunnel_ingress_local_endpoints_value {
    __u32 action;
    __u32 pad;
    __u8 empty;
};

TABLE(tunnel_ingress_tunnel_routes, BPF_MAP_TYPE_LPM_TRIE, struct lpm32_key,
      struct tunnel_ingress_tunnel_routes_value, 1024, BPF_F_NO_PREALLOC);
TABLE(tunnel_ingress_tunnel_peers, BPF_MAP_TYPE_HASH, struct peer_key,
      struct tunnel_ingress_tunnel_peers_value, 256, 0);
TABLE(tunnel_ingress_local_endpoints, BPF_MAP_TYPE_HASH, __u32,
      struct tunnel_ingress_local_endpoints_value, 64, 0);

static __always_inline __u16 csum_fold(__u32 sum)
{
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (__u16)~sum;
}

static __always_inline int encap(struct xdp_md *ctx, struct tunnel_ingress_tunnel_routes_value *v)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *ip = data + 14;
    if ((void *)(ip + 20) > data_end)
        return XDP_ABORTED;
    __u8 tos = ip[1];
    __u16 inner_len = *(__u16 *)(ip + 2);
    __u32 local = v->local_addr, remote = v->remote_addr, port = v->port;
    __u64 src_mac = v->src_mac, dst_mac = v->dst_mac;
    if (bpf_xdp_adjust_head(ctx, -20))
        return XDP_ABORTED;
    data = (void *)(long)ctx->data;
    data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data;
    __u16 *out = (__u16 *)(eth + 14);
    if ((void *)(out + 10) > data_end)
        return XDP_ABORTED;
    store_mac(eth, dst_mac);
    store_mac(eth + 6, src_mac);
    *(__u16 *)(eth + 12) = bpf_htons(0x0800);
    __u16 total = bpf_ntohs(inner_len) + 20;
    /* version 4, ihl 5, DF, TTL 64, protocol 4; the checksum in host order
     * over the header's 16-bit words. */
    __u32 sum = (0x4500 | tos) + total + 0x4000 + 0x4004 + (local >> 16) + (local & 0xffff) +
                (remote >> 16) + (remote & 0xffff);
    out[0] = bpf_htons(0x4500 | tos);
    out[1] = bpf_htons(total);
    out[2] = 0;
    out[3] = bpf_htons(0x4000);
    out[4] = bpf_htons(0x4004);
    out[5] = bpf_htons(csum_fold(sum));
    *(__u32 *)(out + 6) = bpf_htonl(local);
    *(__u32 *)(out + 8) = bpf_htonl(remote);
    return redirect(port);
}

/* IP-in-IP: the outer header at IP, the inner one after it. */
static __always_inline int from_tunnel(struct xdp_md *ctx, __u8 *eth, __u8 *ip)
{
    __u32 dst = bpf_ntohl(*(__u32 *)(ip + 16));
    struct tunnel_ingress_local_endpoints_value *local =
        bpf_map_lookup_elem(&tunnel_ingress_local_endpoints, &dst);
    if (!local || !local->action)
        return XDP_PASS; /* not ours */
    struct peer_key key = {.local = dst, .remote = bpf_ntohl(*(__u32 *)(ip + 12))};
    struct tunnel_ingress_tunnel_peers_value *v = LOOKUP(tunnel_ingress_tunnel_peers, key);
    if (!v || v->action == ACT_DROP)
        return XDP_DROP; /* the compiled-in default: drop() */
    if (v->action != ACT_DECAP)
        return XDP_PASS;
    /* The Ethernet header moves 20 bytes up, over the outer header. */
    __u32 *from = (__u32 *)eth, *to = (__u32 *)(eth + 20);
    *(__u16 *)(to + 3) = *(__u16 *)(from + 3);
    to[2] = from[2];
    to[1] = from[1];
    to[0] = from[0];
    if (bpf_xdp_adjust_head(ctx, 20))
        return XDP_ABORTED;
    return XDP_PASS;
}

SEC("xdp")
int ipip_tunnel(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip = eth + 14;
    if ((void *)ip > data_end)
        return XDP_DROP;
    if (*(__u16 *)(eth + 12) != bpf_htons(0x0800))
        return XDP_PASS;
    if ((void *)(ip + 20) > data_end || ip[0] != 0x45)
        return XDP_DROP;
    if (ip[9] == 4) {
        if ((void *)(ip + 40) > data_end || ip[20] != 0x45)
            return XDP_DROP;
        return from_tunnel(ctx, eth, ip);
    }
    struct lpm32_key key = {.prefixlen = 32, .addr = *(__u32 *)(ip + 16)};
    struct tunnel_ingress_tunnel_routes_value *v = LOOKUP(tunnel_ingress_tunnel_routes, key);
    if (!v)
        return XDP_PASS; /* the compiled-in default: to_kernel() */
    switch (v->action) {
    case ACT_ENCAP:
        return encap(ctx, v);
    case ACT_DROP:
        return XDP_DROP;
    default:
        return XDP_PASS;
    }
}

char LICENSE[] SEC("license") = "GPL";
