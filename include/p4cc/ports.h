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

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 1);
} p4cc_out SEC(".maps");

#endif
