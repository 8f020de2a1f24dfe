/* examples/vlan.p4 written by hand: untagged frames from access ports get
 * the port's 802.1Q tag pushed, tagged frames from trunks are looked up by
 * (port, VLAN) and popped or forwarded tagged. */
#include "runtime.h"

enum { ACT_DROP = 1, ACT_FORWARD = 2, ACT_PUSH_TAG = 3, ACT_POP_TAG = 4 };

struct vlan_ingress_access_ports_value {
    __u32 action;
    __u32 pad;
    __u16 vid;        /* push_tag(vid, trunk_port) */
    __u32 trunk_port;
};

struct trunk_key {
    __u32 port;
    __u16 vid;
    __u16 pad; /* zero */
};

struct vlan_ingress_trunk_vlans_value {
    __u32 action;
    __u32 pad;
    __u32 port; /* pop_tag(access_port), forward(port) */
};

TABLE(vlan_ingress_access_ports, BPF_MAP_TYPE_HASH, __u32, struct vlan_ingress_access_ports_value,
      256, 0);
TABLE(vlan_ingress_trunk_vlans, BPF_MAP_TYPE_HASH, struct trunk_key,
      struct vlan_ingress_trunk_vlans_value, 4096, 0);

/* Tagged frame from a trunk. */
static __always_inline int from_trunk(struct xdp_md *ctx, __u8 *eth, __u32 in_port)
{
    struct trunk_key key = {.port = in_port, .vid = bpf_ntohs(*(__u16 *)(eth + 14)) & 0xfff};
    struct vlan_ingress_trunk_vlans_value *v = LOOKUP(vlan_ingress_trunk_vlans, key);
    if (!v)
        return XDP_DROP; /* the compiled-in default: drop() */
    switch (v->action) {
    case ACT_POP_TAG: {
        __u32 port = v->port;
        /* The MACs move 4 bytes up, over the TPID and TCI; the tag's
         * EtherType stays where the frame's now is. */
        __u32 *w = (__u32 *)eth;
        w[3] = w[2];
        w[2] = w[1];
        w[1] = w[0];
        if (bpf_xdp_adjust_head(ctx, 4))
            return XDP_ABORTED;
        return redirect(port);
    }
    case ACT_FORWARD:
        return redirect(v->port);
    case ACT_DROP:
        return XDP_DROP;
    default:
        return XDP_ABORTED; /* no action set xout: output_action stays 0 */
    }
}

/* Untagged frame from an access port. */
static __always_inline int from_access(struct xdp_md *ctx, __u32 in_port)
{
    struct vlan_ingress_access_ports_value *v = LOOKUP(vlan_ingress_access_ports, in_port);
    if (!v || v->action == ACT_DROP)
        return XDP_DROP;
    if (v->action != ACT_PUSH_TAG)
        return XDP_ABORTED; /* no action set xout: output_action stays 0 */
    __u16 tci = bpf_htons(v->vid & 0xfff);
    __u32 port = v->trunk_port;
    if (bpf_xdp_adjust_head(ctx, -4))
        return XDP_ABORTED;
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u32 *w = data;
    if ((void *)(w + 4) + 2 > data_end)
        return XDP_ABORTED;
    /* The MACs move 4 bytes down; the frame's EtherType stays where the
     * tag's goes. */
    w[0] = w[1];
    w[1] = w[2];
    w[2] = w[3];
    __u16 *h = (__u16 *)(w + 3);
    h[0] = bpf_htons(0x8100);
    h[1] = tci;
    return redirect(port);
}

SEC("xdp")
int vlan(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data;
    if ((void *)(eth + 14) > data_end)
        return XDP_DROP;
    __u32 in_port = input_port(ctx);
    if (*(__u16 *)(eth + 12) == bpf_htons(0x8100)) {
        if ((void *)(eth + 18) > data_end)
            return XDP_DROP;
        return from_trunk(ctx, eth, in_port);
    }
    return from_access(ctx, in_port);
}

char LICENSE[] SEC("license") = "GPL";
