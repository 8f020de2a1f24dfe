/* examples/port_filter.p4 (ebpfFilter) written by hand: IPv4 packets pass
 * when their source address matches allowed_sources (LPM), other frames
 * pass untouched, malformed IPv4 headers are dropped. */
#include "runtime.h"

enum { ACT_ALLOW = 1, ACT_DENY = 2 };

struct source_filter_allowed_sources_value {
    __u32 action;
    __u32 pad;
    __u8 empty;
};

TABLE(source_filter_allowed_sources, BPF_MAP_TYPE_LPM_TRIE, struct lpm32_key,
      struct source_filter_allowed_sources_value, 256, BPF_F_NO_PREALLOC);

SEC("xdp")
int port_filter(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip = eth + 14;
    if ((void *)ip > data_end)
        return XDP_DROP;
    if (*(__u16 *)(eth + 12) != bpf_htons(0x0800))
        return XDP_PASS;
    if ((void *)(ip + 20) > data_end || ip[0] >> 4 != 4)
        return XDP_DROP;

    struct lpm32_key key = {.prefixlen = 32, .addr = *(__u32 *)(ip + 12)};
    struct source_filter_allowed_sources_value *v = LOOKUP(source_filter_allowed_sources, key);
    if (!v)
        return XDP_DROP; /* the compiled-in default: deny() */
    return v->action == ACT_DENY ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
