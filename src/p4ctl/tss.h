/* Control-plane side of ternary tables (p4info kind "ternary"): tuple-space
 * search as docs/RUNTIME.md ("Ternary tables") lays it out. All state is
 * in the four maps, so any process sees what another one wrote; one writer
 * at a time per table.
 *
 * Entries are given and returned in slot form: KEY and MASK of key_size
 * bytes each in the key layout (a range field: low bound in KEY, high
 * bound in MASK), as P4Entry holds them. Functions return 0 or a negative
 * errno: -EEXIST, -ENOENT, -ENOSPC (full) for the entry, anything else
 * from the map system calls. */
#ifndef P4CTL_TSS_H
#define P4CTL_TSS_H

#include <stddef.h>
#include <stdint.h>

#include <p4cc/tss.h>

#include "p4info.h"

/* The header map's value (docs/RUNTIME.md, "Ternary tables"). */
#define TSS_HEADER_SIZE ((uint32_t)sizeof(struct p4cc_tss_header))

/* The slots map holds one slot more than the table's size: room for a
 * modify to write the new entry before it frees the old one. */
#define TSS_SPARE_SLOTS 1u

typedef struct {
    int hash, masks, slots, header; /* map file descriptors */
} TssMaps;

/* The entry with KEY, MASK and PRIORITY: VALUE (may be NULL) gets its
 * value_size bytes. */
int tss_get(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
            uint32_t priority, uint8_t *value);
int tss_add(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
            uint32_t priority, const uint8_t *value);
int tss_modify(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
               uint32_t priority, const uint8_t *value);
int tss_delete(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
               uint32_t priority);
int tss_clear(const P4iTable *t, const TssMaps *m);

/* Every entry, as *N records of slot_size bytes in the slot layout
 * (in_use 1), sorted by priority, highest first, then by where they are
 * (mask list order, then slots). free() *SLOTS. */
int tss_read_all(const P4iTable *t, const TssMaps *m, uint8_t **slots, size_t *n);

#endif
