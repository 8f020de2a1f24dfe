/* Ternary tables as a tuple-space search (docs/RUNTIME.md, "Ternary
 * tables"): the value of a table's header map, which the program reads and
 * the control plane (src/p4rt/tss.c) writes, and the records of the
 * table's other maps. */
#ifndef P4CC_TSS_H
#define P4CC_TSS_H

#include <linux/types.h>

struct p4cc_tss_header {
    __u32 active;   /* which copy of the mask list packets use (0 or 1) */
    __u32 nslots;   /* packets scan slots 0 .. nslots - 1 (some may be free) */
    __u32 count[2]; /* masks in each copy */
    __u32 next_id;  /* the id the next new mask gets; ids are not reused */
    __u32 nhash;    /* entries in the hash map */
    __u32 gen;      /* bumped before anything packets may be reading is rewritten */
};

_Static_assert(sizeof(struct p4cc_tss_header) == 28, "the header map's value is 28 bytes");

/* For table T with key struct KEY and value struct VALUE: T_slot, an entry
 * of the linear stage (for a range field, value is the low bound and mask
 * the high one); T_tkey and T_entry, the key (mask id, masked key) and
 * value of the hash map; T_mask, a record of the mask lists. */
#define P4CC_TSS_RECORDS(T, KEY, VALUE)                                                            \
    struct T##_slot {                                                                              \
        __u32 in_use; /* 0: free */                                                                \
        __u32 priority; /* larger wins */                                                          \
        KEY value;                                                                                 \
        KEY mask;                                                                                  \
        VALUE action;                                                                              \
    };                                                                                             \
    struct T##_tkey {                                                                              \
        __u32 mask_id;                                                                             \
        __u32 pad;                                                                                 \
        KEY key;                                                                                   \
    };                                                                                             \
    struct T##_entry {                                                                             \
        __u32 priority;                                                                            \
        __u32 pad;                                                                                 \
        VALUE action;                                                                              \
    };                                                                                             \
    struct T##_mask {                                                                              \
        __u32 priority; /* at least that of every entry under the mask */                          \
        __u32 id;                                                                                  \
        __u32 refs; /* entries under the mask */                                                   \
        __u32 pad;                                                                                 \
        KEY mask;                                                                                  \
    }

#endif
