/* libp4rt's insides: the one header its files share. Nothing outside
 * src/p4rt/ includes it but libp4rt's own unit tests; p4ctl and other
 * control planes use include/p4rt.h.
 *
 * Errors, everywhere: a function that fails returns a negative errno (or
 * NULL) and sets this thread's message with p4rt_fail or p4rt_fail_at.
 * The tss_* functions are the exception: they return the errno alone, and
 * their caller, which knows the key, says what went wrong. */
#ifndef P4RT_INTERNAL_H
#define P4RT_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <p4cc/tss.h>

#include "p4rt.h"

/* Only include/p4rt.h is libp4rt.so's interface. */
#pragma GCC visibility push(hidden)

static inline void *xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size);
    if (!q)
        abort();
    return q;
}

/* ---------------------------------------------------------------- errors */

/* Set this thread's message (the place: the request as a whole); returns
 * -ERR (ERR a positive errno). */
int p4rt_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same about part PART of the request (INDEX and OFFSET as in
 * p4rt_where). NAMED, when not NULL, is put in front as "NAMED: ", outside
 * the detail (a "KEY=VALUE" the caller wrote). */
int p4rt_fail_at(int err, p4rt_part part, size_t index, size_t offset, const char *named,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Arguments, checked at the API boundary (every function of p4rt.h):
 * -EINVAL and "FUNC: invalid argument: ..." for a NULL pointer, an
 * operation or mode out of range. P4RT_ARG returns from the function;
 * P4RT_ARG_PTR, for functions that return a pointer, returns NULL with
 * errno EINVAL. */
int p4rt_bad_arg(const char *func, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* N fields at F: F not NULL when N > 0, and every name and value set (a
 * field without one is PART, at its index). */
int p4rt_check_fields(const char *func, const char *what, const p4rt_field *f, size_t n,
                      p4rt_part part);
/* E not NULL, nor its keys and args arrays when it has some. */
int p4rt_check_entry(const char *func, const p4rt_entry *e);
int p4rt_check_op(const char *func, p4rt_op op);
#define P4RT_ARG(cond, ...)                                                                  \
    do {                                                                                     \
        if (!(cond))                                                                         \
            return p4rt_bad_arg(__func__, __VA_ARGS__);                                      \
    } while (0)
#define P4RT_ARG_PTR(cond, ...)                                                              \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            p4rt_bad_arg(__func__, __VA_ARGS__);                                             \
            errno = EINVAL;                                                                  \
            return NULL;                                                                     \
        }                                                                                    \
    } while (0)
/* Each named pointer argument is not NULL. */
#define P4RT_NONNULL(x) P4RT_ARG((x) != NULL, "%s is NULL", #x)
#define P4RT_NONNULL_PTR(x) P4RT_ARG_PTR((x) != NULL, "%s is NULL", #x)
#define P4RT_TRY(call)                                                                       \
    do {                                                                                     \
        int try_r_ = (call);                                                                 \
        if (try_r_ < 0)                                                                      \
            return try_r_;                                                                   \
    } while (0)

/* The text of errno E (either sign), or of one of libbpf's own codes
 * (LIBBPF_ERRNO__*, 4000 and up, which strerror calls "Unknown error
 * 4001"); per thread, until the next call. */
const char *p4rt_strerror(int e);
/* E (either sign) as an errno: libbpf's own codes become the nearest one
 * (FORMAT: ENOEXEC, VERIFY: EACCES, ...); others stay. Positive. */
int p4rt_errno(int e);

/* ---------------------------------------------------------------- values */

/* Numbers as STF files and control planes write them (value.c): decimal,
 * 0x hex and 0b binary of any width up to P4V_BITS, hex/binary digits that
 * are `*` (don't care), VALUE&&&MASK and VALUE/LEN, and in control-plane
 * notation also addresses, VALUE/MASK and LOW..HIGH. */
#define P4V_BYTES 64
#define P4V_BITS (P4V_BYTES * 8)
#define P4V_TEXT 80

typedef enum {
    P4V_PLAIN,   /* 10, 0x0a, 0b1010 */
    P4V_TERNARY, /* 0x0a**, 0b10**: `care` has 1 bits for the digits given */
    P4V_MASKED,  /* VALUE&&&MASK */
    P4V_PREFIX,  /* VALUE/LEN */
    P4V_RANGE,   /* LOW..HIGH: `v` the low bound, `m` the high bound */
} P4ValueKind;

/* Which forms a context accepts (bit set of 1 << P4ValueKind). */
#define P4V_ALLOW_PLAIN (1u << P4V_PLAIN)
#define P4V_ALLOW_ALL ((1u << P4V_PLAIN) | (1u << P4V_TERNARY) | (1u << P4V_MASKED) | (1u << P4V_PREFIX))
#define P4V_ALLOW_RANGE (1u << P4V_RANGE)
/* Control-plane notation: numbers may also be IPv4 (10.0.0.1) and IPv6
 * (2001:db8::1) addresses and MAC addresses (00:11:22:33:44:55 or with
 * '-'), and VALUE/MASK is a mask when MASK is not a decimal length
 * (10.0.0.0/255.0.0.0, 0x0800/0xff00). */
#define P4V_ALLOW_ADDR (1u << 8)
#define P4V_ALLOW_CP (P4V_ALLOW_ALL | P4V_ALLOW_RANGE | P4V_ALLOW_ADDR)

typedef struct {
    P4ValueKind kind;
    uint8_t v[P4V_BYTES];    /* the value, big-endian, right-aligned */
    uint8_t m[P4V_BYTES];    /* TERNARY: the digits' care bits; MASKED: the mask */
    unsigned digit_bits;     /* TERNARY: how many low bits the digits cover */
    unsigned prefix_len;     /* PREFIX */
    size_t part2;            /* MASKED, PREFIX: offset of MASK / LEN in the text */
    char text[P4V_TEXT];     /* the text as written (shortened with "...") */
} P4Value;

/* Parse TEXT[0..len) into OUT. ALLOW restricts the forms. Returns 0, or
 * -EINVAL with the message set and the offset of the offending character
 * in *ERR_OFF. */
int p4v_parse(const char *text, size_t len, unsigned allow, P4Value *out, size_t *err_off);

/* Number of significant bits of a big-endian P4V_BYTES array (0 for 0). */
unsigned p4v_bits(const uint8_t v[P4V_BYTES]);
/* The value as an unsigned 64-bit number; -1 if it does not fit. */
int p4v_to_u64(const P4Value *val, uint64_t *out);
/* Set A to the big-endian P4V_BYTES form of N. */
void p4v_from_u64(uint8_t a[P4V_BYTES], uint64_t n);
/* All-ones in the low WIDTH bits, zero above. */
void p4v_ones(uint8_t a[P4V_BYTES], unsigned width);
/* Store the low SIZE bytes of A at DST: NETWORK order as bytes, else as a
 * host-order unsigned integer (SIZE must then be 1, 2, 4 or 8). */
void p4v_store(const uint8_t a[P4V_BYTES], unsigned size, bool network, uint8_t *dst);
/* The mask of the top LEN bits of a WIDTH-bit field. */
void p4v_prefix_mask(uint8_t a[P4V_BYTES], unsigned width, unsigned len);

/* ---------------------------------------------------------------- p4info */

/* prog.p4info.json (docs/RUNTIME.md), as p4info.c reads and validates it. */

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
    const char **param_names; /* params[i].n.name, as p4rt_action_info lists them */
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

/* A field of a value set's or register's struct element. */
typedef struct {
    char *name;
    uint32_t width;
    P4iMatch match;     /* value sets: how the field matches (p4info "match") */
} P4iValueSetField;

/* Register<T, I>: an ARRAY map of SIZE cells of VALUE_SIZE bytes, each
 * holding the value XOR INITIAL in host order (up to 64 bits), or, when
 * NETWORK, the value's bytes most significant first (wider cells,
 * INITIAL 0). A struct element's FIELDS are packed into the value, the
 * first most significant. */
typedef struct {
    P4iNames n;
    uint32_t id;
    char *map;
    uint32_t size, width, value_size;
    uint64_t initial;
    bool network;
    P4iValueSetField *fields;
    size_t nfields;
} P4iRegister;


/* ---- packed values (packed.c) */

/* What a value of a register or value set is: WIDTH bits, or NFIELDS
 * FIELDS packed, the first most significant; KIND ("register") and NAME
 * name the object in messages. */
typedef struct {
    const char *kind, *name;
    uint32_t width;
    const P4iValueSetField *fields;
    size_t nfields;
} P4Packed;

/* TEXT as such a value: a plain number or address of at most WIDTH bits,
 * or FIELD=VALUE for every field (any order, spaces or commas between),
 * into V, big-endian, right-aligned. 0, or -EINVAL/-ERANGE with the
 * message set. */
int p4packed_parse(const P4Packed *pk, const char *text, uint8_t v[P4V_BYTES]);
/* TEXT as FIELD=VALUE for every field of PK (at most P4PACKED_FIELDS):
 * the text of field I's value in VALS[I] (not terminated), LENS[I]. */
#define P4PACKED_FIELDS 64
int p4packed_split(const P4Packed *pk, const char *text, const char **vals, size_t *lens);


/* value_set<bit<W>>(size): a HASH map whose keys are the set's members, as
 * unsigned integers of KEY_SIZE bytes (1, 2, 4 or 8) in host order; the
 * one-byte value is unused. A struct element's FIELDS are packed into the
 * integer, the first most significant (docs/RUNTIME.md, "Value sets"). */
typedef struct {
    P4iNames n;
    uint32_t id;
    char *map;
    uint32_t size, width, key_size;
    P4iValueSetField *fields;
    size_t nfields;
    /* NETWORK: a member wider than 64 bits, the key its KEY_SIZE bytes
     * most significant first. SLOTS (p4info "kind": "slots", a field that
     * matches other than exactly): an ARRAY of SIZE slots of SLOT_SIZE
     * bytes, { u32 used; u32 pad; u64 a[F]; u64 b[F]; } in host order, per
     * field a value and mask, or a range's bounds (value_set_slots.c). */
    bool network, slots;
    uint32_t slot_size;
} P4iValueSet;

/* A named value of a v1model digest: a field of its record (width,
 * offset, size, byte order as a key field's), what kind of value it is
 * (p4rt_digest_kind) and, for enums and errors, their members. */
typedef struct {
    P4iField f;
    p4rt_digest_kind kind;
    bool is_signed;
    char *type_name;        /* enums and errors; else NULL */
    char **member_names;
    uint64_t *member_values;
    size_t nmembers;
} P4iDigestField;
/* A digest type (docs/RUNTIME.md, "Digests"): records of SIZE bytes in
 * the RINGBUF map MAP; digests its ring had no room for counted in cell
 * LOST_INDEX of the PERCPU_ARRAY LOST_MAP. */
typedef struct {
    P4iNames n;
    uint32_t id;
    char *map, *lost_map;
    uint32_t lost_index, size;
    P4iDigestField *fields;
    size_t nfields;
} P4iDigest;
typedef struct {
    int version;
    char *program, *arch, *object;
    char *ports_map, *tx_map, *out_map; /* "p4cc_ports", ... when p4info names none */
    /* v1model's multicast (p4info "multicast"); NULL when the program does
     * not multicast. */
    char *mcast_map, *mcast_rid_map, *egress_program;
    /* v1model's clone sessions (p4info "clone"); NULL when the program
     * does not clone. */
    char *clone_sessions_map, *clone_copies_map, *clone_lost_map, *clone_program,
        *clone_orig_program;
    char *clone_group_copies_map; /* sessions to groups: programs that also multicast */
    P4iTable *tables;
    size_t ntables;
    P4iCounter *counters;
    size_t ncounters;
    P4iRegister *registers;
    size_t nregisters;
    P4iValueSet *value_sets;
    size_t nvalue_sets;
    P4iDigest *digests;
    size_t ndigests;
} P4Info;

/* Parse and validate TEXT (LEN bytes); PATH names it in messages. Returns
 * 0, or -EINVAL with the message set. Either way p4info_free it. */
int p4info_parse(const char *path, const char *text, size_t len, P4Info *info);
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

/* --------------------------------------------------------------- entries */

/* Table entries, default actions and counters named the way a control
 * plane names them (P4 names, aliases, p4c-ebpf spellings), encoded into
 * the map layouts of docs/RUNTIME.md (entry.c). Errors name the part of the
 * request at fault with p4rt_fail_at: P4RT_AT_NAME for the table (also a
 * key field left out, const entries), KEY_* and ARG_* with the index into
 * KEYS or ARGS as given here. */

typedef struct {
    const char *name;
    const P4Value *value;
} P4eNamed;

/* A table entry ready for the table's map. */
typedef struct {
    uint8_t *key;    /* key_size bytes: the map key (P4I_SLOTS: the slot's value part) */
    uint8_t *mask;   /* P4I_SLOTS: key_size bytes of mask; else NULL */
    uint8_t *value;  /* value_size bytes: action id and arguments */
    uint32_t index;  /* P4I_ARRAY: the index */
    uint32_t priority;
} P4Entry;

/* Look NAME up: NULL with -ENOENT's message (the names there are) if none. */
const P4iTable *p4e_table(const P4Info *info, const char *name);
const P4iCounter *p4e_counter(const P4Info *info, const char *name);
const P4iValueSet *p4e_value_set(const P4Info *info, const char *name);
/* The action NAME of table T (p4c-ebpf's "_NoAction" is NoAction). */
const P4iAction *p4e_action(const P4iTable *t, const char *name);

/* The value of action NAME with ARGS (every parameter given) for table T:
 * VALUE gets value_size bytes. Returns 0 or -EINVAL. */
int p4e_action_value(const P4iTable *t, const char *name, const P4eNamed *args, size_t nargs,
                     uint8_t *value);

/* An entry of T. Fields of ternary, range, optional and lpm keys may be
 * left out (they then match anything); exact ones may not. With ACTION
 * NULL only the key is encoded: the value is all zeros. Returns 0 or
 * -EINVAL; either way p4e_entry_free ENTRY. */
int p4e_entry(const P4iTable *t, const P4eNamed *keys, size_t nkeys, uint32_t priority,
              const char *action, const P4eNamed *args, size_t nargs, P4Entry *entry);
void p4e_entry_free(P4Entry *entry);

/* --------------------------------------------------------- ternary tables */

/* The control-plane side of tuple-space search (tss.c), as docs/RUNTIME.md
 * ("Ternary tables") lays it out. All state is in the four maps, so any
 * process sees what another one wrote; the caller holds the pipeline's
 * lock (p4rt_lock), as every request of a change reads what the last one
 * wrote.
 * Entries are given and returned in slot form: KEY and MASK of key_size
 * bytes each in the key layout (a range field: low bound in KEY, high
 * bound in MASK), as P4Entry holds them. Functions return 0 or a negative
 * errno (and set no message): -EEXIST, -ENOENT, -ENOSPC (full) for the
 * entry, anything else from the map system calls. */

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

/* ------------------------------------------------------------ BPF objects */

struct bpf_object;
struct bpf_program;

/* A compiled program opened with libbpf (object.c). */
/* The function a program that copies packets runs on each copy (a devmap
 * entry's program). */
#define P4RT_EGRESS_PROGRAM "p4cc_egress"

typedef struct {
    struct bpf_object *obj;
    struct bpf_program *prog; /* p4cc_main, else the first XDP program */
    int prog_fd;              /* once loaded */
    struct bpf_program *egress; /* P4RT_EGRESS_PROGRAM, NULL if none */
    int egress_fd;              /* once loaded; -1 if none */
    /* A program that clones: the clone's and the original's devmap
     * programs (p4info "clone"); NULL and -1 if none. */
    struct bpf_program *clone, *clone_orig;
    int clone_fd, clone_orig_fd;
    const P4Info *info;       /* may be NULL (verify only) */
} P4Prog;

/* Open the object at PATH (not loaded yet); INFO, when not NULL, names the
 * maps. Returns 0, -ENOENT (no such file) or -ENOEXEC (not a BPF object,
 * or one without an XDP program). */
int p4prog_open(P4Prog *p, const char *path, const P4Info *info);
/* Check that the object's maps are the ones P->info describes: every table,
 * default, counter, register and value set map present, with the sizes
 * p4info gives. -EINVAL, the message naming PATH, when one is not. */
int p4prog_check_maps(P4Prog *p, const char *path);
/* Load it. LOG_LEVEL (1 = instructions, 2 = more, 4 = statistics) and
 * LOG/LOG_SIZE ask for the verifier's log (LOG NULL: none). Returns 0 or a
 * negative errno: -EPERM only when loading BPF programs is not permitted
 * (a refusal that came with EPERM is -EACCES). */
int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size);
void p4prog_close(P4Prog *p);

/* -------------------------------------------------------------- pipelines */

/* The "p4info" pin: an ARRAY map of one entry, this header, then the
 * p4info text. */
#define P4RT_META_MAGIC 0x54523450u /* "P4RT" */
typedef struct {
    uint32_t magic;
    uint32_t len;       /* of the p4info text that follows */
    uint64_t netns_ino; /* the network namespace the pipeline was loaded in */
} P4rtMeta;

typedef struct {
    int fd;           /* -1 if not open */
    uint32_t type;    /* enum bpf_map_type */
    uint32_t value_size, max_entries;
} P4rtMap;

struct p4rt_pipeline {
    char name[P4RT_NAME_MAX];
    P4Info info;
    char *info_text;
    size_t info_len;
    P4Prog prog; /* opened from an object: libbpf's view */
    bool have_obj, loaded;
    int prog_fd;
    uint32_t prog_id;
    uint64_t netns_ino;
    P4rtMap ports, tx, out; /* out: fd -1 when the object has no p4cc_out */
    /* Programs that multicast (p4info "multicast"; else fds -1): the
     * egress function the groups' devmap entries name, and the groups. */
    int egress_fd;
    P4rtMap mcast, mcast_rid;
    /* Programs that clone (p4info "clone"; else fds -1): the devmap
     * programs a session's maps name, and the session maps (clone.c). */
    int clone_fd, clone_orig_fd;
    P4rtMap clone_sessions, clone_copies, clone_lost, clone_group_copies;
    P4rtMap *tables, *defaults, *counters, *registers, *value_sets; /* by p4info index */
    TssMaps *tss; /* by table index: the other maps of ternary tables (else -1) */
    P4rtMap *cache_versions; /* by table index: cache_version_map (fd -1 if no cache) */
    int dir_fd;              /* the pin directory, whose flock serializes writers; -1 if
                                not pinned */
    unsigned lock_depth;     /* p4rt_lock calls not yet undone */
    bool lock_exclusive;
    struct P4rtDigests *digests; /* the digests watched (digest.c); NULL: none */
};

/* Serialize P's writers (lock.c): EXCLUSIVE for a request that writes,
 * shared for one that reads in several steps. Nested calls count and do
 * nothing. -ESTALE when the pipeline was unloaded or replaced since P was
 * opened. Nothing for a pipeline that is not pinned. */
int p4rt_lock(p4rt_pipeline *p, bool exclusive);
/* Whether FD, a pin directory, is still P4RT_PIN_ROOT/NAME. */
bool p4rt_dir_current(int fd, const char *name);
/* After a port is added or deleted, or a multicast group's ports change
 * (under P's lock): every clone session of a program that clones gets the
 * maps of the ports that have interfaces now, and of its group's members
 * (clone.c), so an original never leaves by an interface that is no
 * longer a port; a session whose port or group is gone sends nothing
 * until it is back. Best effort: a failure leaves the session with no
 * maps. */
void p4rt_clone_sessions_refresh(p4rt_pipeline *p);

/* Undo one p4rt_lock; keeps errno. */
void p4rt_unlock(p4rt_pipeline *p);

/* The cell of p4cc_out that counts packets dropped for a port without a
 * device (P4CC_OUT_NO_DEVICE of include/p4cc/ports.h, a BPF-side header). */
#define P4RT_OUT_NO_DEVICE 1

/* Stop watching P's digests and free what watching them took (digest.c). */
void p4rt_digests_free(p4rt_pipeline *p);

/* -ENOTCONN unless P is loaded. */
int p4rt_need_loaded(const p4rt_pipeline *p);
/* The message of -EPERM from loading: the process lacks privileges. */
int p4rt_fail_not_permitted(void);

/* A new file descriptor of P's map MAP (its ELF name: ".data.p4cc_capture"),
 * from the object P was loaded from or from P's pins; a negative errno
 * with the message set (-ENOENT: there is no such map). */
int p4rt_map_fd(p4rt_pipeline *p, const char *map);

/* The inode of this process's network namespace (0 if unknown). */
uint64_t p4rt_netns_here(void);
/* Detach P's program from every port where it is attached (unloading). */
int p4rt_detach_ports(p4rt_pipeline *p);
/* Replacing a pipeline (replace.c): TO gets FROM's ports in its port maps
 * (*NPORTS of them), checked to be in this network namespace. */
int p4rt_ports_copy(p4rt_pipeline *from, p4rt_pipeline *to, size_t *nports);
/* On every port where FROM's program is attached, TO's takes its place in
 * one step (XDP_FLAGS_REPLACE with FROM's program expected); when one
 * fails, the ports done before it go back to FROM's. */
int p4rt_ports_switch(p4rt_pipeline *from, p4rt_pipeline *to);
/* Pin P (loaded) into P4RT_PIN_ROOT/DIR, which must exist and be empty,
 * under the directory's lock, p4info last; P keeps the directory open. */
int p4rt_pin_into(p4rt_pipeline *p, const char *dir);
/* Remove P4RT_PIN_ROOT/DIR and the pins in it, p4info first. */
void p4rt_remove_pins(const char *dir);

/* ----------------------------------------------------------------- tables */

/* Lookup caches (docs/RUNTIME.md, "Lookup cache"): a table with a
 * cache_version_map counts as changed only once the u32 in cell 0 of that
 * map has been incremented, which every write to its entries does (add,
 * modify, delete, clear), never one of a default action. Increment table
 * T's version: cell 0 of VERSION_FD read, 1 added, written back; nothing
 * when T has no cache. -EBADF when T has a cache but VERSION_FD is -1. */
int p4cache_bump(const P4iTable *t, int version_fd);
/* Whether a write to a table's entries that returned R (0 or a negative
 * errno) may have changed them: yes, unless it was refused before anything
 * was written (-EEXIST, -ENOENT, -ENOSPC). */
bool p4cache_touched(int r);

/* Text of one key field or parameter value as stored (host-order integer
 * or network-order bytes at BYTES), in the notation that suits F. */
void p4rt_format_field(const P4iField *f, const uint8_t *bytes, char *buf, size_t size);
/* The same for a value already in P4Value's big-endian array form. */
void p4rt_format_value(const P4iField *f, const uint8_t v[P4V_BYTES], char *buf, size_t size);

/* ----------------------------------------------------------------- traces */

struct p4cc_trace_event;

/* What a trace's event ids mean: prog.p4info.json's "trace" section
 * (emit_trace.c writes it). Names and sources may be NULL (unknown). */
typedef struct {
    char *name, *source;
} TraceName;

typedef struct {
    TraceName *states, *tables, *actions, *errors; /* actions by code */
    size_t nstates, ntables, nactions, nerrors;
    bool present; /* the p4info has the section (the program has hooks) */
} TraceNames;

/* Packets whose events came, grouped by their sequence number until their
 * verdict comes (trace_decode.c). */
typedef struct TracePending TracePending;
typedef struct {
    TraceNames names;
    TracePending *pending; /* oldest first */
    size_t npending, room;
} TraceDecoder;

/* Read the "trace" section of p4info TEXT (LEN bytes) into D; -EINVAL with
 * a message when it is malformed. A p4info without one leaves
 * D->names.present false. */
int trace_decoder_init(TraceDecoder *d, const char *text, size_t len);
/* Take event EV: a packet's verdict calls FN with its whole trace (and
 * returns FN's return). A packet whose verdict never comes is given to
 * FN, incomplete, once TRACE_MAX_PENDING newer packets are waiting. */
enum { TRACE_MAX_PENDING = 64 };
int trace_decode(TraceDecoder *d, const struct p4cc_trace_event *ev, p4rt_trace_fn fn,
                 void *ctx);
/* FN for every packet still waiting for its verdict, oldest first; they
 * are forgotten. Returns how many, or FN's first non-zero return. */
int trace_decoder_flush(TraceDecoder *d, p4rt_trace_fn fn, void *ctx);
/* Forget the packets waiting, without FN. */
void trace_decoder_discard(TraceDecoder *d);
void trace_decoder_free(TraceDecoder *d);

/* ---- value sets the 64-bit code of value_set.c does not cover
 * (value_set_wide.c): NETWORK and SLOTS sets. Each returns 0 or a
 * negative errno with the message set. */
int p4vs_add(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text);
int p4vs_delete(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text);
int p4vs_clear(p4rt_pipeline *p, const P4iValueSet *v, size_t vi);
int p4vs_dump_text(p4rt_pipeline *p, const P4iValueSet *v, size_t vi,
                   int (*fn)(const char *member, void *ctx), void *ctx);

#pragma GCC visibility pop


#endif
