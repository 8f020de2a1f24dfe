/* The ports of docs/RUNTIME.md ("Ports"): ifindex -> P4 port, P4 port ->
 * device, and the port of the last redirect, for the test runner. Every
 * generated program carries these maps; hand-written programs that keep
 * the runtime's conventions include this header. */
#ifndef P4CC_PORTS_H
#define P4CC_PORTS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 256);
} p4cc_ports SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_DEVMAP);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 256);
} p4cc_tx SEC(".maps");

/* 0: the P4 port of the last XDP_REDIRECT; 1: how many packets were
 * dropped because their port had no device in p4cc_tx. */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 2);
} p4cc_out SEC(".maps");

#define P4CC_OUT_NO_DEVICE 1

/* A packet for a port without a device, dropped: counted (atomically:
 * CPUs share the cell). */
static __always_inline void p4cc_count_no_device(void)
{
    __u32 key = P4CC_OUT_NO_DEVICE;
    __u32 *n = bpf_map_lookup_elem(&p4cc_out, &key);
    if (n)
        __sync_fetch_and_add(n, 1);
}

#endif
