/* v1model's traffic manager: how packets are copied (docs/RUNTIME.md,
 * "Traffic manager: copies"). A multicast group G is a DEVMAP_HASH of its
 * ports in p4cc_mcast[G], each entry naming the program's egress function
 * p4cc_egress; the packet is broadcast to it, and each copy's egress finds
 * its egress_rid in p4cc_mcast_rid[G][port]. Generated programs that
 * multicast carry this text; the control plane (src/p4rt/mcast.c) includes
 * it for the numbers, which it must share with the programs. The maps are
 * defined only for BPF programs. */
#ifndef P4CC_COPIES_H
#define P4CC_COPIES_H

#include <linux/bpf.h>

/* Group numbers: mcast_grp is bit<16>, and 0 means no multicast. */
#define P4CC_MCAST_GROUPS 65536
/* Ports a group may hold: the P4 ports of p4cc_tx (0 .. 255). A port is
 * in a group at most once: a copy's egress knows it by its device alone. */
#define P4CC_MCAST_PORTS 256

/* standard_metadata.instance_type (BMv2's simple_switch numbering). */
#define P4CC_INSTANCE_NORMAL 0
#define P4CC_INSTANCE_REPLICATION 5

#ifdef __bpf__
/* A group's ports: P4 port -> {ifindex, p4cc_egress's fd}. */
struct p4cc_mcast_ports {
    __uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(struct bpf_devmap_val));
    __uint(max_entries, P4CC_MCAST_PORTS);
};

/* A group's replication ids: P4 port -> egress_rid. */
struct p4cc_mcast_rids {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, P4CC_MCAST_PORTS);
};

/* The groups, created by the control plane; allocated as they are. */
struct {
    __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, __u32);
    __uint(max_entries, P4CC_MCAST_GROUPS);
    __array(values, struct p4cc_mcast_ports);
} p4cc_mcast SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, __u32);
    __uint(max_entries, P4CC_MCAST_GROUPS);
    __array(values, struct p4cc_mcast_rids);
} p4cc_mcast_rid SEC(".maps");
#endif

#endif
