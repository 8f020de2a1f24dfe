/* prog.p4info.json (docs/RUNTIME.md): reading, validating and looking up
 * names. No printing: errors go to the caller's buffer. */
#ifndef P4CTL_P4INFO_H
#define P4CTL_P4INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The names one object answers to. Every P4i struct with a name starts
 * with this, so p4i_lookup can search arrays of any of them. */
typedef struct {
    char *name;     /* the P4 name, dotted from the control */
    char **aliases; /* @name, p4c-ebpf spellings, map names ... */
    size_t naliases;
} P4iNames;

typedef enum { P4I_EXACT, P4I_LPM, P4I_TERNARY, P4I_RANGE, P4I_OPTIONAL } P4iMatch;

/* A key field or an action parameter. */
typedef struct {
    P4iNames n;
    P4iMatch match; /* key fields only */
    unsigned width, offset, size;
    bool network; /* byte_order "network" (else "host") */
} P4iField;

typedef struct {
    P4iNames n;
    uint32_t id;   /* p4info "id" (stable across compiles) */
    uint32_t code; /* the number in an entry's action header ("code", else id) */
    P4iField *params;
    size_t nparams;
} P4iAction;

/* P4I_KEYLESS: a table without a key, which has no entries and no map;
 * every lookup misses and runs the default action. */
typedef enum { P4I_HASH, P4I_LPM_TRIE, P4I_ARRAY, P4I_SLOTS, P4I_KEYLESS } P4iTableKind;

typedef struct {
    P4iNames n;
    uint32_t id;
    char *map, *default_map; /* map: NULL for P4I_KEYLESS */
    P4iTableKind kind;
    uint32_t size, key_size, value_size;
    P4iField *keys;
    size_t nkeys;
    P4iAction *actions;
    size_t nactions;
    uint32_t default_action; /* the action's id, 0 if none given */
    bool default_const, const_entries;
    /* kind P4I_SLOTS */
    uint32_t slot_size, slot_value_offset, slot_mask_offset, slot_action_offset;
    /* kind P4I_SLOTS: tuple-space search (docs/RUNTIME.md, "Ternary tables") */
    char *masks_map, *slots_map, *header_map;
    uint32_t tss_key_size, tss_value_size, mask_size;
    /* @p4cc_cache(N) (docs/RUNTIME.md, "Lookup cache"): the cache map,
     * which only the program touches, and the one-u32 ARRAY map whose cell
     * 0 the control plane increments after every change to the entries.
     * NULL, NULL and 0 for a table without a cache. */
    char *cache_map, *cache_version_map;
    uint32_t cache_size;
} P4iTable;

typedef struct {
    P4iNames n;
    uint32_t id; /* 0 when p4info gives none */
    char *map;
    bool sparse; /* kind "hash" (else "array") */
    uint32_t size;
    char *value; /* "packets", "bytes", ... as written */
} P4iCounter;

/* Register<T, I>: an ARRAY map of SIZE cells of VALUE_SIZE bytes (host
 * order), each holding the value XOR INITIAL. */
typedef struct {
    P4iNames n;
    uint32_t id;
    char *map;
    uint32_t size, width, value_size;
    uint64_t initial;
} P4iRegister;

/* value_set<bit<W>>(size): a HASH map whose keys are the set's members, as
 * unsigned integers of KEY_SIZE bytes (1, 2, 4 or 8) in host order; the
 * one-byte value is unused (docs/RUNTIME.md, "Value sets"). */
typedef struct {
    P4iNames n;
    uint32_t id;
    char *map;
    uint32_t size, width, key_size;
} P4iValueSet;

typedef struct {
    int version;
    char *program, *arch, *object;
    char *ports_map, *tx_map, *out_map; /* NULL when absent */
    P4iTable *tables;
    size_t ntables;
    P4iCounter *counters;
    size_t ncounters;
    P4iRegister *registers;
    size_t nregisters;
    P4iValueSet *value_sets;
    size_t nvalue_sets;
} P4Info;

/* Parse and validate TEXT (LEN bytes); PATH names it in messages. Returns 0,
 * or -1 with a message in ERR. Either way p4info_free it. */
int p4info_parse(const char *path, const char *text, size_t len, P4Info *info, char *err,
                 size_t errlen);
int p4info_load(const char *path, P4Info *info, char *err, size_t errlen);
void p4info_free(P4Info *info);

const char *p4i_match_name(P4iMatch m);
const char *p4i_kind_name(P4iTableKind k);

/* Look QUERY up among N objects of STRIDE bytes at BASE, each starting with
 * P4iNames. A match is, first, the name, an alias or the name with every
 * non-identifier character made '_' (p4c-ebpf's spelling); failing that, a
 * dotted suffix of the name or an alias ("ipv4_lpm" for "ingress.ipv4_lpm").
 * Returns the index; -1 when nothing matches; -2 when several do (*A and *B
 * are then two of them). */
long p4i_lookup(const void *base, size_t n, size_t stride, const char *query, long *a, long *b);

#define P4I_LOOKUP(arr, n, query, a, b) p4i_lookup((arr), (n), sizeof *(arr), (query), (a), (b))

#endif
