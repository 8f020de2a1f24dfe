/* Test packets: one packet run through a pipeline's program with
 * BPF_PROG_TEST_RUN, its verdict mapped to a P4 port as docs/RUNTIME.md
 * ("Ports") says, and the devices that let every port be a verdict. See
 * include/p4rt.h. */
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <string.h>

#include "internal.h"

#define TEST_IFINDEX 1      /* lo: present in every network namespace */
#define NO_PORT 0xffffffffu /* p4cc_out[0] before a run */
#define ETH_HLEN_MIN 14     /* the kernel's minimum for BPF_PROG_TEST_RUN */

static int test_run(p4rt_pipeline *p, uint32_t in_port, const void *pkt, size_t len,
                    uint32_t repeat, void *out, size_t out_size, p4rt_test_result *res)
{
    uint32_t ifindex = TEST_IFINDEX, zero = 0, port = NO_PORT;
    if (bpf_map_update_elem(p->ports.fd, &ifindex, &in_port, BPF_ANY)) {
        int e = errno;
        return p4rt_fail(e, "cannot set the input port: %s", strerror(e));
    }
    if (p->out.fd >= 0 && bpf_map_update_elem(p->out.fd, &zero, &port, BPF_ANY)) {
        int e = errno;
        return p4rt_fail(e, "cannot reset %s: %s", p->info.out_map, strerror(e));
    }
    struct xdp_md ctx = {.data = 0, .data_end = (uint32_t)len, .ingress_ifindex = TEST_IFINDEX};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = (uint32_t)len,
                .data_out = out, .data_size_out = (uint32_t)out_size, .ctx_in = &ctx,
                .ctx_size_in = sizeof ctx, .repeat = repeat ? repeat : 1);
    if (bpf_prog_test_run_opts(p->prog_fd, &opts)) {
        int e = errno;
        if (e == ENOSPC)
            return p4rt_fail(e, "the packet that came out (%u bytes) does not fit in %zu",
                             opts.data_size_out, out_size);
        return p4rt_fail(e, "BPF_PROG_TEST_RUN failed: %s", strerror(e));
    }
    res->xdp_action = opts.retval;
    res->len = opts.data_size_out;
    res->duration = opts.duration;
    switch (opts.retval) {
    case XDP_ABORTED:
    case XDP_DROP:
        res->dropped = true;
        return 0;
    case XDP_PASS:
    case XDP_TX:
        res->port = in_port;
        return 0;
    case XDP_REDIRECT:
        if (p->out.fd >= 0)
            bpf_map_lookup_elem(p->out.fd, &zero, &port);
        if (port == NO_PORT)
            return p4rt_fail(EPROTO, "the program returned XDP_REDIRECT without storing a port "
                                     "in %s[0]",
                             p->info.out_map);
        res->port = port;
        return 0;
    default:
        return p4rt_fail(EPROTO, "the program returned %u, which is no XDP action",
                         opts.retval);
    }
}

int p4rt_test_run(p4rt_pipeline *p, uint32_t in_port, const void *pkt, size_t len,
                  uint32_t repeat, void *out, size_t out_size, p4rt_test_result *res)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(pkt);
    P4RT_NONNULL(res);
    P4RT_ARG(out || !out_size, "out is NULL, with out_size %zu", out_size);
    int r;
    memset(res, 0, sizeof *res);
    if (len < ETH_HLEN_MIN)
        return p4rt_fail(EINVAL,
                         "the packet has %zu bytes; BPF_PROG_TEST_RUN runs packets of at least %d",
                         len, ETH_HLEN_MIN);
    if ((r = p4rt_need_loaded(p)) < 0)
        return r;
    if (p->ports.fd < 0)
        return p4rt_fail(ENOTSUP, "the program has no port map (%s)", p->info.ports_map);
    /* The ports a pipeline can have (p4rt_port_add's limit). */
    if (p->tx.fd >= 0 && in_port >= p->tx.max_entries)
        return p4rt_fail(ERANGE, "port %u is out of range: ports are 0 to %u", in_port,
                         p->tx.max_entries - 1);
    /* The input port and p4cc_out are the pipeline's: one run at a time. */
    if ((r = p4rt_lock(p, true)) < 0)
        return r;
    r = test_run(p, in_port, pkt, len, repeat, out, out_size, res);
    p4rt_unlock(p);
    return r;
}

static int test_ports(p4rt_pipeline *p)
{
    uint32_t dev = TEST_IFINDEX, have;
    for (uint32_t port = 0; port < p->tx.max_entries; port++) {
        /* A devmap has no BPF_NOEXIST: a port with a device keeps it. */
        if (bpf_map_lookup_elem(p->tx.fd, &port, &have) == 0)
            continue;
        if (bpf_map_update_elem(p->tx.fd, &port, &dev, BPF_ANY)) {
            int e = errno;
            return p4rt_fail(e, "cannot give port %u a device in %s: %s", port, p->info.tx_map,
                             strerror(e));
        }
    }
    return 0;
}

int p4rt_test_ports(p4rt_pipeline *p)
{
    P4RT_NONNULL(p);
    int r;
    if ((r = p4rt_need_loaded(p)) < 0)
        return r;
    if (p->tx.fd < 0)
        return 0;
    if ((r = p4rt_lock(p, true)) < 0)
        return r;
    r = test_ports(p);
    p4rt_unlock(p);
    return r;
}
