/* Shared part of the hand-written BPF fixtures for the p4ctl tests: the port
 * maps of docs/RUNTIME.md (include/p4cc/ports.h) and helpers written the way
 * p4cc's backend is meant to write them. Test fixtures, not generated code. */
#ifndef P4CTL_FIXTURE_RUNTIME_H
#define P4CTL_FIXTURE_RUNTIME_H

#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <p4cc/ports.h>

char LICENSE[] SEC("license") = "GPL";

static __always_inline __u32 p4cc_input_port(struct xdp_md *ctx)
{
    __u32 ifindex = ctx->ingress_ifindex;
    __u32 *port = bpf_map_lookup_elem(&p4cc_ports, &ifindex);
    return port ? *port : ifindex;
}

static __always_inline int p4cc_redirect(__u32 port)
{
    __u32 zero = 0;
    bpf_map_update_elem(&p4cc_out, &zero, &port, BPF_ANY);
    long verdict = bpf_redirect_map(&p4cc_tx, port, XDP_DROP);
    if (verdict == XDP_DROP)
        p4cc_count_no_device();
    return (int)verdict;
}

#endif
