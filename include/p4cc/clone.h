/* v1model's clone sessions (docs/RUNTIME.md, "Clone sessions"). A packet
 * that is cloned leaves as one frame broadcast through a DEVMAP_HASH of
 * two entries: the original's port, whose program (p4cc_clone_orig) cuts
 * the clone's part off the front, and the session's port, whose program
 * (p4cc_clone) rebuilds the clone's packet and runs egress on it. The
 * control plane makes one such map per session and destination of the
 * original (a port, or P4CC_CLONE_DROPPED when the original is dropped:
 * then the map has the clone's entry only) and puts it in
 * p4cc_clones[P4CC_CLONE_KEY(session, destination)]. Generated programs
 * that clone carry this text; the control plane (src/p4rt/clone.c)
 * includes it for the numbers. The maps are defined only for BPF. */
#ifndef P4CC_CLONE_H
#define P4CC_CLONE_H

#include <linux/bpf.h>

/* Session ids: BMv2's mirror ids, 0 to 32767 (clone takes the low 15
 * bits of its session argument, as simple_switch does). */
#define P4CC_CLONE_SESSIONS 32768
/* The destination of an original that is dropped. */
#define P4CC_CLONE_DROPPED 511
#define P4CC_CLONE_KEY(session, dest) (((__u32)(session) << 9) | (__u32)(dest))
/* Keys of a session map's entries: the original's port P is P, the
 * clone's port C is P4CC_CLONE_PORT_KEY + C (they may be one device). */
#define P4CC_CLONE_PORT_KEY 256
/* The most bytes of an original's headers an ingress clone carries (its
 * parser's extent); a longer one is not cloned (counted as lost). */
#define P4CC_CLONE_HDR_MAX 128

/* standard_metadata.instance_type of clones (BMv2's). */
#define P4CC_INSTANCE_INGRESS_CLONE 1
#define P4CC_INSTANCE_EGRESS_CLONE 2

/* A session to a multicast group: the original's entry and one per
 * member of the group (programs that multicast only). */
#define P4CC_CLONE_GROUP_COPIES 257

/* What the control plane keeps per session (p4cc_clone_sessions); the
 * clone's program reads the group, for its egress_rid. */
struct p4cc_clone_session {
    __u32 port;     /* the P4 port clones go to (group 0) */
    __u32 ifindex;  /* its interface when the session was set */
    __u32 group;    /* or the multicast group they go to */
    __u32 pad;
};

#ifdef __bpf__
struct p4cc_clone_copies {
    __uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(struct bpf_devmap_val));
    __uint(max_entries, 2);
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, __u32);
    __uint(max_entries, 65536);
    __array(values, struct p4cc_clone_copies);
} p4cc_clones SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, __u32);
    __type(value, struct p4cc_clone_session);
    __uint(max_entries, 1024);
} p4cc_clone_sessions SEC(".maps");

#ifdef P4CC_MCAST_GROUPS
/* Sessions to multicast groups (in programs that multicast), keyed as
 * p4cc_clones: looked up when p4cc_clones has no map, so a session to a
 * port broadcasts through 2 buckets, not 257. */
struct p4cc_clone_group_copies {
    __uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(struct bpf_devmap_val));
    __uint(max_entries, P4CC_CLONE_GROUP_COPIES);
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, __u32);
    __uint(max_entries, 65536);
    __array(values, struct p4cc_clone_group_copies);
} p4cc_clones_mc SEC(".maps");
#endif

/* Clones that could not be made: no map for the session and destination,
 * headers longer than P4CC_CLONE_HDR_MAX, no headroom, a second clone of
 * one packet, a clone asked for by a copy's egress. */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, __u32);
    __type(value, __u64);
    __uint(max_entries, 1);
} p4cc_clone_lost SEC(".maps");

static __always_inline void p4cc_count_clone_lost(void)
{
    __u32 zero = 0;
    __u64 *n = bpf_map_lookup_elem(&p4cc_clone_lost, &zero);
    if (n)
        __sync_fetch_and_add(n, 1);
}
#endif

#endif
