/* A cell of v1model's counters (docs/RUNTIME.md, "v1model counters"): an
 * element of a counter's per-CPU array, and the direct counter in a table
 * entry's value. Both counts are kept whatever the CounterType says, as
 * BMv2 keeps them; the program writes it, the control plane reads it. */
#ifndef P4CC_COUNTER_H
#define P4CC_COUNTER_H

#include <linux/types.h>

struct p4cc_counter {
    __u64 packets;
    __u64 bytes;    /* the packets' lengths as they arrived */
};

_Static_assert(sizeof(struct p4cc_counter) == 16, "a counter cell is 16 bytes");

#endif
