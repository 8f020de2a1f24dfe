/* What every hand-written baseline shares with the programs p4cc generates:
 * the runtime's port maps (include/p4cc/ports.h) and redirect
 * (docs/RUNTIME.md "Ports"), and the table map declarations of
 * docs/RUNTIME.md "Tables", so that bench/xdp_speed fills both programs'
 * tables the same way. */
#ifndef BENCH_RUNTIME_H
#define BENCH_RUNTIME_H

#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <p4cc/ports.h>

/* A table NAME: its entries (HASH or LPM_TRIE, with flags) and NAME_default,
 * the control plane's default action: global data in a section of its own,
 * which libbpf makes a one-entry ARRAY map named .data.NAME_default. */
#define TABLE(NAME, TYPE, KEY, VALUE, SIZE, FLAGS)                                                 \
    struct {                                                                                       \
        __uint(type, TYPE);                                                                        \
        __type(key, KEY);                                                                          \
        __type(value, VALUE);                                                                      \
        __uint(max_entries, SIZE);                                                                 \
        __uint(map_flags, FLAGS);                                                                  \
    } NAME SEC(".maps");                                                                           \
    VALUE NAME##_default SEC(".data." #NAME "_default") = {0}

/* The entry for KEY in table T, else the control plane's default; NULL when
 * neither holds an action (the caller runs the compiled-in default). */
#define LOOKUP(T, KEY)                                                                             \
    ({                                                                                             \
        typeof(KEY) *key_ = &(KEY);                                                                \
        struct T##_value *v_ = bpf_map_lookup_elem(&T, key_);                                      \
        if (!v_ || !v_->action)                                                                    \
            v_ = T##_default.action ? &T##_default : NULL;                                         \
        v_;                                                                                        \
    })

/* The P4 port the packet came in on: p4cc_ports[ifindex], else the ifindex. */
static __always_inline __u32 input_port(struct xdp_md *ctx)
{
    __u32 ifindex = ctx->ingress_ifindex;
    __u32 *port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);
    return port ? *port : ifindex;
}

/* XDP_REDIRECT to P4 port PORT, recorded in p4cc_out for the test runner;
 * a port without a device drops the packet and counts it. */
static __always_inline int redirect(__u32 port)
{
    __u32 zero = 0;
    __u32 *last = bpf_map_lookup_elem(&p4cc_out, &zero);
    if (last)
        *last = port;
    long verdict = bpf_redirect_map(&p4cc_tx, port, XDP_DROP);
    if (verdict == XDP_DROP)
        p4cc_count_no_device();
    return (int)verdict;
}

/* A MAC address held in the low 48 bits of a host-order u64 (the table
 * value layout), stored at P in network order with two stores. */
static __always_inline void store_mac(__u8 *p, __u64 mac)
{
    *(__u16 *)p = bpf_htons((__u16)(mac >> 32));
    *(__u32 *)(p + 2) = bpf_htonl((__u32)mac);
}

/* The LPM_TRIE key of a table whose only key is a 32-bit lpm field. */
struct lpm32_key {
    __u32 prefixlen;
    __u32 addr; /* network order */
};

#endif
