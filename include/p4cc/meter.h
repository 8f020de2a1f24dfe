/* v1model's meters (docs/RUNTIME.md, "v1model meters"): two-rate
 * three-colour meters (RFC 2698, colour-blind) that colour packets as
 * BMv2's do. One struct p4cc_meter is a cell of a meter's array or the
 * direct meter in a table entry's value; the control plane writes its
 * rates, packets update its buckets. Meters are shared by all CPUs (a
 * per-CPU meter would let each CPU pass the whole rate), so a packet
 * updates one under its spin lock. */
#ifndef P4CC_METER_H
#define P4CC_METER_H

#include <linux/bpf.h>
#include <linux/types.h>

enum { P4CC_METER_GREEN = 0, P4CC_METER_YELLOW = 1, P4CC_METER_RED = 2 };

/* flags: the control plane has set the rates. */
#define P4CC_METER_CONFIGURED 1u

/* Tokens are packets or bytes (the MeterType); the buckets count them in
 * billionths, so that a rate in tokens per second adds `rate` to a bucket
 * every nanosecond. The control plane writes flags, the rates and the
 * bursts, with the levels and last_ns zero, under the lock
 * (BPF_F_LOCK): the next packet starts with both buckets full, as BMv2's
 * meters start after their rates are set. */
struct p4cc_meter {
    struct bpf_spin_lock lock;
    __u32 flags;            /* P4CC_METER_CONFIGURED; without it every packet is GREEN */
    __u64 committed_rate;   /* CIR, tokens per second */
    __u64 committed_burst;  /* CBS, tokens */
    __u64 peak_rate;        /* PIR, tokens per second */
    __u64 peak_burst;       /* PBS, tokens */
    __u64 committed_level;  /* the committed bucket, in billionths of a token */
    __u64 peak_level;       /* the peak bucket, in billionths of a token */
    __u64 last_ns;          /* bpf_ktime_get_ns() of the last update; 0: buckets to fill */
};

_Static_assert(sizeof(struct p4cc_meter) == 64, "a meter is 64 bytes");

#define P4CC_METER_SCALE 1000000000ULL

#ifdef __bpf__

/* A bucket's capacity in billionths: a burst too large to scale is as
 * large as the bucket can be. */
static __always_inline __u64 p4cc_meter_capacity(__u64 burst)
{
    return burst < ~0ULL / P4CC_METER_SCALE ? burst * P4CC_METER_SCALE : ~0ULL;
}

/* LEVEL after ELAPSED nanoseconds at RATE tokens per second, at most CAP.
 * The product is computed only where it cannot overflow: below 2^32 both,
 * or below the room left (found by a division, rarely needed). */
static __always_inline __u64 p4cc_meter_fill(__u64 level, __u64 rate, __u64 cap, __u64 elapsed)
{
    if (level >= cap)
        return cap;
    __u64 room = cap - level;
    if ((elapsed | rate) >> 32) {
        if (rate && elapsed >= room / rate)
            return cap;
    } else if (elapsed * rate >= room) {
        return cap;
    }
    return level + elapsed * rate;
}

/* The colour of a packet that costs COST tokens (1, or its length in
 * bytes) at time NOW (bpf_ktime_get_ns(), read before the lock: no helper
 * may run under it). A RED packet takes no tokens, a YELLOW one takes them
 * from the peak bucket, a GREEN one from both. */
static __always_inline __u32 p4cc_meter_execute(struct p4cc_meter *m, __u64 now, __u64 cost)
{
    __u32 colour = P4CC_METER_GREEN;
    cost *= P4CC_METER_SCALE;
    bpf_spin_lock(&m->lock);
    if (m->flags & P4CC_METER_CONFIGURED) {
        __u64 committed_cap = p4cc_meter_capacity(m->committed_burst);
        __u64 peak_cap = p4cc_meter_capacity(m->peak_burst);
        if (!m->last_ns) {
            m->committed_level = committed_cap;
            m->peak_level = peak_cap;
        } else if (now > m->last_ns) {
            /* Another CPU may have read a later clock before it took the
             * lock: time never goes back here. */
            __u64 elapsed = now - m->last_ns;
            m->committed_level = p4cc_meter_fill(m->committed_level, m->committed_rate,
                                                 committed_cap, elapsed);
            m->peak_level = p4cc_meter_fill(m->peak_level, m->peak_rate, peak_cap, elapsed);
        }
        if (now > m->last_ns)
            m->last_ns = now;
        if (m->peak_level < cost) {
            colour = P4CC_METER_RED;
        } else if (m->committed_level < cost) {
            m->peak_level -= cost;
            colour = P4CC_METER_YELLOW;
        } else {
            m->peak_level -= cost;
            m->committed_level -= cost;
        }
    }
    bpf_spin_unlock(&m->lock);
    return colour;
}

#endif

#endif
