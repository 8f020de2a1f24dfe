/* libp4rt: the run-time library for XDP programs compiled by p4cc.
 *
 * A pipeline is one compiled program (prog.o and prog.p4info.json) loaded
 * into the kernel. Loaded under a NAME, its program, its maps and its p4info
 * are pinned under P4RT_PIN_ROOT/NAME on the BPF file system, so any process
 * (p4ctl, bpftool, a control plane written in C) opens it again by name.
 * The pipeline owns interfaces ("ports"), each with a P4 port number; the
 * program runs on all of them, and XDP_REDIRECT to a port goes out of that
 * port's interface (docs/RUNTIME.md, "Ports").
 *
 * Tables, actions, key fields, parameters and counters are named by their
 * P4 names ("ingress.ipv4_lpm", "hdr.ipv4.dstAddr"), by any alias p4info
 * lists, or by a dotted suffix that names only one ("ipv4_lpm"). Values are
 * strings in the notation people write: decimal, 0x hex, 0b binary, IPv4
 * and IPv6 addresses, MAC addresses, VALUE/LEN prefixes, VALUE&&&MASK or
 * VALUE/MASK, ranges LOW..HIGH, and "*" (match anything) for ternary, lpm,
 * range and optional fields.
 *
 * Errors: every function that can fail returns 0 (or a pointer) on success
 * and a negative errno (or NULL) on failure, and then p4rt_errmsg() tells
 * what went wrong in one line that names the table, field or value at
 * fault, and p4rt_errwhere() which part of the request that is. Input is
 * checked against p4info before anything is written, and a failed
 * operation leaves the pipeline as it was. Arguments are checked first:
 * a NULL pointer where the function needs one, or an op or mode that is
 * none of its enum's values, is -EINVAL (NULL with errno EINVAL) and the
 * message "FUNCTION: invalid argument: ...". Functions that free accept
 * NULL. The library prints nothing;
 * libbpf's own messages go wherever libbpf_set_print sends them.
 *
 * A p4rt_pipeline is not thread-safe; use one per thread (opening a pinned
 * pipeline is cheap). Error messages are per thread. Any number of handles,
 * in any processes, may write one pinned pipeline at once: each request
 * that changes it holds a lock on its pin directory (flock(2) on
 * P4RT_PIN_ROOT/NAME) from its first read to its last write, so requests
 * take turns and none loses another's work (docs/RUNTIME.md,
 * "Concurrency"). A request through a handle whose pipeline was unloaded
 * or replaced since it was opened fails with -ESTALE.
 *
 * Link with `pkg-config --cflags --libs libp4rt`. */
#ifndef P4RT_H
#define P4RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define P4RT_PIN_ROOT "/sys/fs/bpf/p4cc"
#define P4RT_NAME_MAX 64

typedef struct p4rt_pipeline p4rt_pipeline;

/* The message of the last call that failed in this thread ("" if none). */
const char *p4rt_errmsg(void);

/* The part of a request that the last failure in this thread is about,
 * for callers that point at it in their own input (a line of a file). */
typedef enum {
    P4RT_AT_REQUEST,   /* the request as a whole, or nothing the caller wrote */
    P4RT_AT_NAME,      /* the name of the table, counter, register or value set; also a
                          key field left out, and entries or a default that cannot change */
    P4RT_AT_KEY_NAME,  /* the name of keys[index] */
    P4RT_AT_KEY_VALUE, /* the value of keys[index], OFFSET bytes into its text */
    P4RT_AT_ACTION,    /* the action's name; also an argument left out */
    P4RT_AT_ARG_NAME,  /* the name of args[index] */
    P4RT_AT_ARG_VALUE, /* the value of args[index], OFFSET bytes into its text */
    P4RT_AT_INDEX,     /* the cell index of a counter or register */
} p4rt_part;

typedef struct {
    p4rt_part part;
    size_t index;       /* KEY_* and ARG_*: which of the request's keys or args */
    size_t offset;      /* KEY_VALUE, ARG_VALUE: where in the value's text it goes wrong */
    const char *detail; /* p4rt_errmsg() without what names the part ("KEY=VALUE: "), for
                           callers that show the part themselves */
} p4rt_where;

const p4rt_where *p4rt_errwhere(void);

/* ------------------------------------------------------------ pipelines */

/* Open the object OBJECT with its p4info (P4INFO, or NULL for the file
 * beside it: prog.o -> prog.p4info.json). Checks that the object's maps are
 * the ones p4info describes. Nothing is loaded yet. */
p4rt_pipeline *p4rt_open(const char *object, const char *p4info);

/* Only a program's description: requests (tables, counters, registers,
 * value sets) check their input and then fail with -ENOTCONN ("not
 * loaded"), so a request that fails otherwise is wrong. For validation
 * (p4ctl test checks STF scripts this way) and tests. */
p4rt_pipeline *p4rt_open_p4info(const char *p4info);

/* Load an opened pipeline into the kernel (not attached anywhere). -EPERM
 * only when this process may not load BPF programs (a program the verifier
 * refuses is another errno, -EACCES for most). */
int p4rt_load(p4rt_pipeline *p);

/* Pin a loaded pipeline as NAME (letters, digits, '_', '-'; at most
 * P4RT_NAME_MAX - 1 characters): P4RT_PIN_ROOT/NAME/{prog,p4info,maps/MAP}.
 * Mounts the BPF file system on /sys/fs/bpf if it is not there. -EEXIST if
 * a pipeline of that name exists. */
int p4rt_pin(p4rt_pipeline *p, const char *name);

/* Open the pipeline pinned as NAME. -ENOENT (NULL, errno set) if none. */
p4rt_pipeline *p4rt_open_pinned(const char *name);

/* Detach the pinned pipeline NAME from all its ports and remove its pins;
 * the kernel frees the program when nothing else holds it. -EXDEV when it
 * has ports and was loaded in another network namespace. */
int p4rt_unload(const char *name);
/* The same, but the pins are removed even when ports cannot be detached:
 * the pipeline's network namespace was deleted (its interfaces with it)
 * or is not this one. A program still attached to an interface there
 * keeps running, with its maps, until the interface is gone or detached
 * (ip link set dev IF xdp off). */
int p4rt_unload_force(const char *name);

/* Whether the verifier accepts OBJECT's XDP program (p4cc_main, else its
 * first XDP program): loaded, then unloaded at once; no p4info needed.
 * LOG (may be NULL) gets the verifier's log at LOG_LEVEL (1: the
 * instructions, 2: more, 4: statistics; they combine), *INSNS (may be
 * NULL) how many instructions it processed. 0: accepted; -ENOENT: no such
 * file; -ENOEXEC: not a BPF object, or one without an XDP program; -EPERM
 * only when this process may not load BPF programs; another errno when
 * the verifier refused the program (its reasons in LOG). */
int p4rt_verify(const char *object, unsigned log_level, char *log, size_t log_size,
                uint32_t *insns);

/* What p4rt_replace carried over from the old pipeline. */
typedef struct {
    size_t entries;  /* table entries */
    size_t defaults; /* default actions the control plane had set */
    size_t members;  /* value-set members */
    size_t ports;
} p4rt_replace_info;

/* Replace the program of the pinned pipeline NAME by P's (opened with
 * p4rt_open, not pinned; loaded here if it is not), without a gap: the
 * entries of every table, the default actions the control plane set, the
 * value sets' members and the ports go into P's maps first (a table
 * needs the same P4 name and key fields, names, match kinds and widths,
 * in P's program, and its entries' actions the same names and
 * parameters); then on every port P's program takes the old one's place
 * in one step (XDP_FLAGS_REPLACE), and P is pinned as NAME in the old
 * pins' place. Counters and registers start afresh. Writers of NAME wait
 * meanwhile, and then get -ESTALE on the old handle. On failure (the
 * reason in the message: a table the new program lacks, a key that
 * differs, ...) nothing changed: the old program runs on, with its pins.
 * OUT (may be NULL) tells what was carried over. */
int p4rt_replace(p4rt_pipeline *p, const char *name, p4rt_replace_info *out);

/* Close P (file descriptors and memory); a pinned pipeline stays loaded. */
void p4rt_close(p4rt_pipeline *p);

/* The pinned pipelines' names, sorted, in a NULL-terminated array that
 * p4rt_free_names frees (empty when P4RT_PIN_ROOT does not exist). NULL,
 * errno set, when P4RT_PIN_ROOT cannot be read (EACCES: not root). */
char **p4rt_list(void);
void p4rt_free_names(char **names);

typedef struct {
    const char *name;      /* pinned name, "" if not pinned */
    const char *program;   /* p4info "program" */
    const char *arch;      /* "xdp" or "ebpfFilter" */
    uint32_t prog_id;      /* kernel program id, 0 if not loaded */
    size_t ntables, ncounters, nregisters;
} p4rt_info;

int p4rt_get_info(const p4rt_pipeline *p, p4rt_info *info);

/* The I-th table's, counter's and register's P4 names (NULL past the end). */
const char *p4rt_table_name(const p4rt_pipeline *p, size_t i);
const char *p4rt_counter_name(const p4rt_pipeline *p, size_t i);
const char *p4rt_register_name(const p4rt_pipeline *p, size_t i);

/* The strings of the *_info structs below belong to P and stay valid
 * until p4rt_close. */
typedef struct {
    const char *name;   /* P4 name */
    uint32_t id;        /* p4info id */
    const char *kind;   /* "hash", "lpm", "array" or "ternary" */
    uint32_t size;      /* entries at most */
    size_t nkeys, nactions;
    bool has_priority;  /* entries have priorities (ternary, range or optional keys) */
    bool const_entries; /* the program's entries are all it has: nothing can be written */
    bool const_default; /* the default action cannot be changed */
} p4rt_table_info;

int p4rt_table_get_info(p4rt_pipeline *p, const char *table, p4rt_table_info *info);

typedef struct {
    const char *name;          /* P4 name */
    uint32_t id;               /* p4info id */
    const char *const *params; /* its parameters' names, in order */
    size_t nparams;
} p4rt_action_info;

/* ACTION of TABLE (any name an entry may give it). */
int p4rt_action_get_info(p4rt_pipeline *p, const char *table, const char *action,
                         p4rt_action_info *info);

/* ---------------------------------------------------------------- ports */

typedef enum {
    P4RT_XDP_AUTO,    /* native, else generic (and say so in the note) */
    P4RT_XDP_NATIVE,  /* driver mode only */
    P4RT_XDP_GENERIC, /* SKB (generic) mode */
} p4rt_xdp_mode;

typedef struct {
    char ifname[16];   /* IF_NAMESIZE */
    uint32_t ifindex;
    uint32_t port;     /* P4 port number */
    p4rt_xdp_mode mode;/* P4RT_XDP_NATIVE or _GENERIC: how the program is attached; AUTO: not attached */
    char note[200];    /* p4rt_port_add: why native mode was not used, or a warning
                          about native mode on a veth; else "" */
} p4rt_port;

/* Make interface IFNAME port PORT of P (PORT < 0: the lowest free number)
 * and attach the program to it. Interfaces are those of this process's
 * network namespace, which must be the one the pipeline was loaded in.
 * OUT (may be NULL) describes the port. */
int p4rt_port_add(p4rt_pipeline *p, const char *ifname, long port, p4rt_xdp_mode mode,
                  p4rt_port *out);

/* Detach the program from IFNAME and remove the port. IFNAME may also be
 * the P4 port's number in decimal (when no interface has that name): so
 * a port whose interface was deleted ("(gone)") is removed. */
int p4rt_port_del(p4rt_pipeline *p, const char *ifname);

/* The ports, sorted by port number, in *PORTS (free() it). A port whose
 * interface was deleted has ifname "(gone)"; its number is free for
 * p4rt_port_add. From another network namespace than the pipeline's,
 * ifnames are "(other netns)" and modes P4RT_XDP_AUTO (interface indexes
 * here would name unrelated interfaces). */
int p4rt_port_list(p4rt_pipeline *p, p4rt_port **ports, size_t *nports);

/* How many packets the program dropped because their P4 port had no
 * interface (docs/RUNTIME.md, "Ports"): a port never added, or whose
 * interface was deleted. -ENOTSUP when the program does not count them. */
int p4rt_port_drops(p4rt_pipeline *p, uint64_t *dropped);

/* --------------------------------------------------------------- tables */

typedef struct {
    const char *name;
    const char *value;
} p4rt_field;

/* An entry: its key fields, priority (tables with ternary, range or
 * optional keys: larger wins), its action and the action's arguments. */
typedef struct {
    const p4rt_field *keys;
    size_t nkeys;
    uint32_t priority;
    const char *action;
    const p4rt_field *args;
    size_t nargs;
} p4rt_entry;

/* Add an entry; -EEXIST if the table has one with the same key (and
 * priority), -ENOSPC if it is full. */
int p4rt_table_add(p4rt_pipeline *p, const char *table, const p4rt_entry *e);
/* Change the action of an existing entry; -ENOENT if there is none. */
int p4rt_table_modify(p4rt_pipeline *p, const char *table, const p4rt_entry *e);
/* Delete the entry with E's key (and priority); E's action is not used. */
int p4rt_table_delete(p4rt_pipeline *p, const char *table, const p4rt_entry *e);
/* Delete every entry. */
int p4rt_table_clear(p4rt_pipeline *p, const char *table);

/* Set the action run on a miss; reset it to the program's own. */
int p4rt_table_set_default(p4rt_pipeline *p, const char *table, const char *action,
                           const p4rt_field *args, size_t nargs);
int p4rt_table_reset_default(p4rt_pipeline *p, const char *table);

/* An entry as the library reads it back: every key field (wildcards as
 * "*"), values in the notation that suits the field (MAC and IP addresses
 * for fields of those widths and names, else decimal, or hex above 64
 * bits). The strings belong to the library: they stay valid until
 * p4rt_entry_release, or for a dump until the callback returns. */
typedef struct {
    p4rt_entry e;
    const char *table;
    bool has_priority; /* the table's entries have priorities */
    bool is_default;   /* a default action */
    bool is_program_default; /* default action not changed by the control plane
                                (then its arguments are not known: nargs 0) */
} p4rt_entry_out;

/* Look up the entry with E's key (and priority): -ENOENT if none. */
int p4rt_table_get(p4rt_pipeline *p, const char *table, const p4rt_entry *e,
                   p4rt_entry_out **out);
/* The current default action. */
int p4rt_table_get_default(p4rt_pipeline *p, const char *table, p4rt_entry_out **out);
void p4rt_entry_release(p4rt_entry_out *out);

/* Call FN for every entry (sorted by key; tables with priorities: highest
 * priority first, ties in the order packets see them). A non-zero return
 * from FN stops the walk and is returned. */
typedef int (*p4rt_entry_fn)(const p4rt_entry_out *e, void *ctx);
int p4rt_table_dump(p4rt_pipeline *p, const char *table, p4rt_entry_fn fn, void *ctx);

/* Typed access, for generated code (prog.h): KEY, MASK and VALUE in the
 * layouts of docs/RUNTIME.md ("Key layout", "Value layout"); MASK only for
 * tables of kind "ternary", where for range fields it holds the high bound;
 * for "array" tables KEY is the __u32 index. TABLE_ID is p4info's id. */
typedef enum { P4RT_OP_ADD, P4RT_OP_MODIFY, P4RT_OP_DELETE } p4rt_op;
int p4rt_table_write_raw(p4rt_pipeline *p, uint32_t table_id, p4rt_op op, const void *key,
                         const void *mask, uint32_t priority, const void *value);
/* VALUE gets the entry's value (value_size bytes); -ENOENT if none. */
int p4rt_table_read_raw(p4rt_pipeline *p, uint32_t table_id, const void *key, const void *mask,
                        uint32_t priority, void *value);
/* VALUE: the default action's value; NULL resets it. */
int p4rt_table_default_raw(p4rt_pipeline *p, uint32_t table_id, const void *value);

/* Typed entries, for generated code (prog.h) and other programs that hold
 * values as numbers rather than text. Tables and actions are named by
 * their p4info ids; values are big-endian byte strings of (width + 7) / 8
 * bytes, so the map layouts do not matter. Input is checked as for the
 * text functions, and messages show values in hex. */
typedef struct {
    const uint8_t *value;  /* exact, optional, lpm, ternary: the value; range: the low bound */
    const uint8_t *mask;   /* ternary: the mask (NULL: all ones); range: the high bound (NULL:
                              the low bound); else unused */
    uint32_t prefix_len;   /* lpm: the prefix length */
    bool any;              /* match anything (lpm, ternary, range and optional fields) */
} p4rt_key_bytes;

typedef struct {
    const p4rt_key_bytes *keys; /* every key field, in p4info's order */
    size_t nkeys;
    uint32_t priority;          /* tables with ternary, range or optional keys */
    uint32_t action_id;         /* p4info id of the action; not used to delete or look up */
    const uint8_t *args;        /* the action's parameters in order, each (width + 7) / 8
                                   bytes, big-endian, one after the other */
    size_t args_size;
} p4rt_typed_entry;

/* Add, modify or delete (OP) the entry E of table TABLE_ID. */
int p4rt_table_write_typed(p4rt_pipeline *p, uint32_t table_id, p4rt_op op,
                           const p4rt_typed_entry *e);
/* Look up the entry with KEY's key and priority (the lpm prefix exactly):
 * *ACTION_ID and ARGS (ARGS_SIZE bytes, the layout of p4rt_typed_entry's
 * args; the rest zeroed) get its action. -ENOENT if there is none. */
int p4rt_table_get_typed(p4rt_pipeline *p, uint32_t table_id, const p4rt_typed_entry *key,
                         uint32_t *action_id, uint8_t *args, size_t args_size);
/* Set the default action to ACTION_ID with ARGS (as above). */
int p4rt_table_set_default_typed(p4rt_pipeline *p, uint32_t table_id, uint32_t action_id,
                                 const uint8_t *args, size_t args_size);
/* Reset the default action to the program's own. */
int p4rt_table_reset_default_id(p4rt_pipeline *p, uint32_t table_id);

/* ------------------------------------------------------------- counters */

typedef struct {
    const char *name;  /* P4 name */
    uint32_t id;       /* p4info id */
    uint32_t size;     /* cells; a sparse counter: cells at most, of any index */
    bool sparse;       /* a hash of the cells the program touched */
    const char *unit;  /* what it counts: "packets", "bytes", ... */
} p4rt_counter_info;

int p4rt_counter_get_info(p4rt_pipeline *p, const char *counter, p4rt_counter_info *info);
/* Cell INDEX of COUNTER, summed over CPUs; -ERANGE past the end of an
 * array counter; 0 for a cell of a sparse counter the program never
 * touched. */
int p4rt_counter_read(p4rt_pipeline *p, const char *counter, uint32_t index, uint64_t *value);
/* Call FN for every cell that is not zero, in index order for arrays. */
typedef int (*p4rt_counter_fn)(uint32_t index, uint64_t value, void *ctx);
int p4rt_counter_dump(p4rt_pipeline *p, const char *counter, p4rt_counter_fn fn, void *ctx);
/* Set cell INDEX (INDEX < 0: every cell) to zero. */
int p4rt_counter_reset(p4rt_pipeline *p, const char *counter, long index);
/* The same by p4info id, for generated code (prog.h). */
int p4rt_counter_read_id(p4rt_pipeline *p, uint32_t counter_id, uint32_t index, uint64_t *value);
int p4rt_counter_reset_id(p4rt_pipeline *p, uint32_t counter_id, long index);

/* ------------------------------------------------------------ registers */

/* Register<T, I> instances: SIZE cells of WIDTH bits (at most 256), one
 * copy shared by all CPUs. Reading or writing one cell of up to 64 bits is
 * atomic; nothing makes a read and a later write one step (docs/RUNTIME.md,
 * "Registers"). A register of a struct has NFIELDS fields packed into the
 * cell's value, the first most significant (p4rt_register_get_field). */
typedef struct {
    const char *name;
    uint32_t id;       /* p4info id */
    uint32_t size;     /* cells */
    uint32_t width;    /* bits of a cell */
    uint64_t initial_value;
    uint32_t nfields;  /* 0: a bit<W> element */
} p4rt_register_info;

int p4rt_register_get_info(p4rt_pipeline *p, const char *reg, p4rt_register_info *info);
/* Cell INDEX of REG; -ERANGE when INDEX >= size. */
int p4rt_register_read(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t *value);
/* Set cell INDEX; -ERANGE when INDEX >= size or VALUE is wider than the cell. */
int p4rt_register_write(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t value);
/* Set cell INDEX (INDEX < 0: every cell) back to the initial value. */
int p4rt_register_reset(p4rt_pipeline *p, const char *reg, long index);
/* Call FN for every cell in index order (also those at the initial value);
 * a non-zero return from FN stops the walk and is returned. */
typedef int (*p4rt_register_fn)(uint32_t index, uint64_t value, void *ctx);
int p4rt_register_dump(p4rt_pipeline *p, const char *reg, p4rt_register_fn fn, void *ctx);
/* Field I of a struct register's element (in packing order). */
int p4rt_register_get_field(p4rt_pipeline *p, const char *reg, size_t i, const char **name,
                            uint32_t *width);
/* The functions above take cells of up to 64 bits (-EINVAL for wider
 * ones); these take any: VALUE is (width + 7) / 8 bytes (LEN), most
 * significant first. */
int p4rt_register_read_bytes(p4rt_pipeline *p, const char *reg, uint32_t index, uint8_t *value,
                             size_t len);
int p4rt_register_write_bytes(p4rt_pipeline *p, const char *reg, uint32_t index,
                              const uint8_t *value, size_t len);
/* VALUE as text: a number of at most the cell's width ("0x1f", an
 * address), or for a struct element FIELD=VALUE for each field
 * ("f=1 g=0x20", any order, spaces or commas between). */
int p4rt_register_write_text(p4rt_pipeline *p, const char *reg, uint32_t index,
                             const char *value);
/* The same by p4info id, for generated code (prog.h). */
int p4rt_register_read_bytes_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index,
                                uint8_t *value, size_t len);
int p4rt_register_write_bytes_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index,
                                 const uint8_t *value, size_t len);
int p4rt_register_read_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t *value);
int p4rt_register_write_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t value);
int p4rt_register_reset_id(p4rt_pipeline *p, uint32_t reg_id, long index);

/* ----------------------------------------------------------- value sets */

/* value_set<bit<W>>(size) instances of the parser: a select case on a set
 * matches a key that is one of its members. Members are written as other
 * values are (decimal, 0x hex, 0b binary, IPv4, IPv6 or MAC addresses);
 * a set holds at most SIZE of them (docs/RUNTIME.md, "Value sets").
 * A value_set<S> of a struct S has NFIELDS fields, packed into one number
 * (the first field most significant); its members are written as that
 * number or as "f1=1 f2=0x2" (every field once, in any order). */
typedef struct {
    const char *name;
    uint32_t id;      /* p4info id */
    uint32_t size;    /* members at most */
    uint32_t width;   /* bits of a member */
    uint32_t nfields; /* fields of a struct element; 0 for bit<W> */
    /* Members wider than 64 bits, or with ternary, lpm, range or optional
     * fields: only text reaches them (p4rt_value_set_dump_text; the
     * functions that take numbers fail with -EINVAL). */
    bool text_only;
} p4rt_value_set_info;

size_t p4rt_value_set_count(const p4rt_pipeline *p);
const char *p4rt_value_set_name(const p4rt_pipeline *p, size_t i);
int p4rt_value_set_get_info(p4rt_pipeline *p, const char *set, p4rt_value_set_info *info);
/* Field I (< info.nfields) of a struct element: its name ("f", "inner.f")
 * and width. */
int p4rt_value_set_get_field(p4rt_pipeline *p, const char *set, size_t i, const char **name,
                             uint32_t *width);
/* Make VALUE a member (no error if it is one already); -ERANGE when it is
 * wider than the set's members, -ENOSPC when the set is full. A field of
 * a struct with @match(ternary) is written VALUE, VALUE&&&MASK or
 * VALUE/LEN; lpm VALUE or VALUE/LEN; range VALUE or LOW..HIGH; optional
 * VALUE or *: such a member matches a key when every field does. */
int p4rt_value_set_add(p4rt_pipeline *p, const char *set, const char *value);
/* -ENOENT when VALUE is not a member. */
int p4rt_value_set_delete(p4rt_pipeline *p, const char *set, const char *value);
int p4rt_value_set_clear(p4rt_pipeline *p, const char *set);
/* Call FN for every member, smallest first; a non-zero return from FN
 * stops the walk and is returned. */
typedef int (*p4rt_value_set_fn)(uint64_t value, void *ctx);
int p4rt_value_set_dump(p4rt_pipeline *p, const char *set, p4rt_value_set_fn fn, void *ctx);
/* The same for any set, each member as text that adds it: "0x0810" (a
 * struct's also "  f1=0x8 f2=0x10"), "f1=0x8&&&0xf f2=0x1..0x5". */
typedef int (*p4rt_value_set_text_fn)(const char *member, void *ctx);
int p4rt_value_set_dump_text(p4rt_pipeline *p, const char *set, p4rt_value_set_text_fn fn,
                             void *ctx);
/* The same by p4info id, members as numbers, for generated code (prog.h). */
int p4rt_value_set_add_id(p4rt_pipeline *p, uint32_t set_id, uint64_t value);
int p4rt_value_set_delete_id(p4rt_pipeline *p, uint32_t set_id, uint64_t value);
int p4rt_value_set_clear_id(p4rt_pipeline *p, uint32_t set_id);

/* ----------------------------------------------------- multicast groups */

/* v1model programs that set standard_metadata.mcast_grp (p4info
 * "multicast"): after ingress, a packet with mcast_grp G is copied once
 * per port of group G, and each copy runs egress with egress_port that
 * port, egress_rid the rid of the port's node and instance_type 5
 * (docs/RUNTIME.md, "Traffic manager: copies"). A packet for a group that
 * does not exist is dropped. Groups are 1 to 65535; a group holds
 * replication nodes, each a rid (0 to 65535) and ports; a port is in a
 * group at most once (a copy's egress knows it by its interface), and
 * must be a port of the pipeline (p4rt_port_add) when it is added, in the
 * network namespace the pipeline was loaded in. A copy for an interface
 * that is no longer a port is dropped. All of a group lives in the
 * pipeline's maps: any process sees it. -ENOTSUP for a program that does
 * not multicast. */

/* Create GROUP, with no ports; -EEXIST if it exists. */
int p4rt_mc_group_create(p4rt_pipeline *p, uint32_t group);
/* Delete GROUP and its nodes; -ENOENT if there is no such group. */
int p4rt_mc_group_delete(p4rt_pipeline *p, uint32_t group);
/* Add a node to GROUP: a copy to each of PORTS (NPORTS >= 1) with egress_rid
 * RID. -ENOENT: no such group; -EEXIST: a port is in the group already;
 * -ENODEV: a port has no interface; -ERANGE: a port or RID out of range.
 * A failure adds nothing. */
int p4rt_mc_node_add(p4rt_pipeline *p, uint32_t group, uint32_t rid, const uint32_t *ports,
                     size_t nports);
/* Remove the ports of GROUP that have egress_rid RID; -ENOENT if none has. */
int p4rt_mc_node_delete(p4rt_pipeline *p, uint32_t group, uint32_t rid);

typedef struct {
    uint32_t port;    /* P4 port */
    uint32_t rid;     /* its copy's egress_rid */
    uint32_t ifindex; /* the interface the copy leaves by */
} p4rt_mc_member;

/* The ports of GROUP, sorted by rid, then port, in *MEMBERS (free() it);
 * -ENOENT if there is no such group. */
int p4rt_mc_group_get(p4rt_pipeline *p, uint32_t group, p4rt_mc_member **members, size_t *n);
/* The groups, in increasing order, in *GROUPS (free() it). */
int p4rt_mc_group_list(p4rt_pipeline *p, uint32_t **groups, size_t *n);

/* v1model programs that clone (p4info "clone"): clone() and
 * clone_preserving_field_list() in ingress (I2E) or egress (E2E) send a
 * copy of the packet to the port of the clone session they name, where it
 * runs egress with instance_type 1 or 2 (docs/RUNTIME.md, "Clone
 * sessions"); a session that does not exist makes no copy. Sessions are 0
 * to 32767 (BMv2's mirror ids), at most 1024 at once; a session's port
 * must be a port of the pipeline (p4rt_port_add) when the session is
 * added or modified; p4rt_port_add and p4rt_port_del update every session
 * (a session whose port is deleted makes no clones until the port is
 * added again). -ENOTSUP for a program that does not clone. */
typedef struct {
    uint32_t session;
    uint32_t port;    /* P4 port the clones leave by (group 0) */
    uint32_t ifindex; /* its interface when the session was set */
    uint32_t group;   /* or the multicast group whose ports they leave by */
} p4rt_clone_session;

/* Add SESSION, sending clones to PORT; -EEXIST if it exists, -ENODEV if
 * PORT has no interface, -ERANGE if SESSION or PORT is out of range. */
int p4rt_clone_session_add(p4rt_pipeline *p, uint32_t session, uint32_t port);
/* Send SESSION's clones to PORT now; -ENOENT if there is no such session. */
int p4rt_clone_session_modify(p4rt_pipeline *p, uint32_t session, uint32_t port);
/* The same, the clones going to each port of multicast GROUP (BMv2's
 * mirroring_add_mc), each with the egress_rid of its port's node: only in
 * programs that multicast too (else -ENOTSUP); -ENOENT if there is no such
 * group. The session follows the group's nodes as they change. */
int p4rt_clone_session_add_group(p4rt_pipeline *p, uint32_t session, uint32_t group);
int p4rt_clone_session_modify_group(p4rt_pipeline *p, uint32_t session, uint32_t group);
/* Delete SESSION; -ENOENT if there is no such session. */
int p4rt_clone_session_delete(p4rt_pipeline *p, uint32_t session);
int p4rt_clone_session_get(p4rt_pipeline *p, uint32_t session, p4rt_clone_session *out);
/* The sessions, by number, in *SESSIONS (free() it). */
int p4rt_clone_session_list(p4rt_pipeline *p, p4rt_clone_session **sessions, size_t *n);
/* How many clones could not be made since the program was loaded (no
 * session, headers beyond 128 bytes, no headroom, a second clone of one
 * packet, a clone of a multicast packet or asked for by a copy). */
int p4rt_clone_lost(p4rt_pipeline *p, uint64_t *count);

/* --------------------------------------------------------- test packets */

typedef struct {
    uint32_t xdp_action; /* what the program returned (XDP_DROP, XDP_PASS, ...) */
    bool dropped;        /* XDP_DROP or XDP_ABORTED */
    uint32_t port;       /* not dropped: the P4 port the packet leaves on */
    size_t len;          /* bytes of the packet that came out, in OUT */
    uint32_t duration;   /* ns per run, as the kernel timed it */
} p4rt_test_result;

/* Run the packet PKT (LEN bytes, at least 14) through P's program REPEAT
 * times (0 counts as 1) with BPF_PROG_TEST_RUN, as arriving on P4 port
 * IN_PORT: ingress ifindex 1 (lo), whose p4cc_ports entry is set to
 * IN_PORT first. XDP_PASS and XDP_TX leave on IN_PORT, XDP_REDIRECT on
 * the port the program stored in p4cc_out (docs/RUNTIME.md, "Ports"). OUT
 * gets the packet as the last run left it (-ENOSPC when it has more than
 * OUT_SIZE bytes). -ERANGE when IN_PORT is not a port the pipeline can
 * have (p4rt_port_add's range). -EPROTO when the program's verdict names no port. For
 * tests: on a pipeline with lo as a port, it changes that port. */
int p4rt_test_run(p4rt_pipeline *p, uint32_t in_port, const void *pkt, size_t len,
                  uint32_t repeat, void *out, size_t out_size, p4rt_test_result *res);
/* Give every P4 port without a device in p4cc_tx lo (ifindex 1) as its
 * device, once after loading, before test runs: a program drops a packet
 * for a port without a device (v1model's egress_port), where a test wants
 * XDP_REDIRECT and the port. Nothing to do (0) when the program has no
 * p4cc_tx. For tests: ports without a device stop dropping. */
int p4rt_test_ports(p4rt_pipeline *p);

/* ------------------------------------------------------------- captures */

/* What a loaded pipeline receives and sends, packet by packet, as xdpdump
 * captures: the program p4cc generates has hooks at its entry and where it
 * sends a packet, which copy packets into a ring buffer while a capture
 * runs, and p4rt_capture_poll reads them (docs/RUNTIME.md, "Captures").
 * While no capture runs a hook is a load and a branch. One capture of a
 * pipeline at a time, from any process; one whose process died is taken
 * over by the next. */
typedef struct p4rt_capture p4rt_capture;

enum {
    P4RT_CAPTURE_IN = 1,  /* packets the program receives, before it runs */
    P4RT_CAPTURE_OUT = 2, /* packets it sends (XDP_TX, XDP_REDIRECT; XDP_PASS to the
                             kernel), as it leaves them */
};

typedef struct {
    unsigned directions; /* P4RT_CAPTURE_IN | P4RT_CAPTURE_OUT; 0: both */
    bool one_port;       /* only packets that arrive on or leave by P4 port PORT */
    uint32_t port;
    uint32_t snaplen;    /* bytes kept of a packet (0: all, up to 32 KiB) */
} p4rt_capture_opts;

typedef struct {
    uint64_t ts_ns;      /* when it was captured, ns since the epoch */
    unsigned direction;  /* P4RT_CAPTURE_IN or P4RT_CAPTURE_OUT */
    uint32_t port;       /* in: the P4 port it arrived on; out: the one it leaves by */
    uint32_t xdp_action; /* out: the verdict (XDP_TX, ...); in: 0 */
    uint32_t len;        /* its length */
    uint32_t caplen;     /* bytes in DATA (less than LEN: cut at the snap length) */
    const uint8_t *data; /* valid during the callback */
} p4rt_packet;

/* Start capturing P's packets (P loaded, or opened pinned); OPTS NULL or
 * zeroed: both directions, every port, whole packets (up to 32 KiB).
 * -ENOENT when OPTS->port is not one of P's ports, -EBUSY when another
 * process captures P, -ENOTSUP when P's program has no hooks (compiled by
 * an older p4cc, not by p4cc, or without room on its stack for them). */
p4rt_capture *p4rt_capture_start(p4rt_pipeline *p, const p4rt_capture_opts *opts);
/* Call FN for every packet captured so far, waiting up to TIMEOUT_MS (-1:
 * for ever) for the first. Returns how many there were, a negative errno
 * (-EINTR when a signal came; -ESTALE when none came and P, pinned, was
 * unloaded or replaced since: its program no longer runs), or FN's first
 * non-zero return, which stops the walk (the packets after it stay for the
 * next call). P need not stay open. */
typedef int (*p4rt_packet_fn)(const p4rt_packet *pkt, void *ctx);
int p4rt_capture_poll(p4rt_capture *c, int timeout_ms, p4rt_packet_fn fn, void *ctx);
/* Packets lost so far because the ring buffer was full. */
uint64_t p4rt_capture_lost(const p4rt_capture *c);
/* Detach and free C (NULL: nothing). */
void p4rt_capture_stop(p4rt_capture *c);

/* -------------------------------------------------------------- digests */

/* What a v1model program sends with digest<T>(receiver, data): each call
 * puts the values of T's fields at that moment into the ring buffer of
 * T's digest, which the control plane reads as named fields
 * (docs/RUNTIME.md, "Digests"). A digest is named after its type (its
 * @name, else its name); nested structs' and headers' fields are
 * "inner.f", a header's validity "h.$valid". A digest whose ring is full
 * is dropped and counted (p4rt_digest_lost); the packet goes on. A
 * record is delivered once: watch a digest from one process at a time. */
typedef enum {
    P4RT_DIGEST_BITS,    /* bit<W>, int<W> (is_signed), new types of them */
    P4RT_DIGEST_BOOL,
    P4RT_DIGEST_ENUM,    /* an enum: its member's number, 32 bits */
    P4RT_DIGEST_SERENUM, /* a serializable enum: its value */
    P4RT_DIGEST_ERROR,   /* an error: its code, 32 bits */
} p4rt_digest_kind;

typedef struct {
    const char *name;
    uint32_t id;      /* p4info id */
    uint32_t nfields;
    uint32_t size;    /* bytes of a record in the ring */
} p4rt_digest_info;

typedef struct {
    const char *name;      /* "mac", "inner.f", "h.$valid" */
    uint32_t width;        /* bits */
    p4rt_digest_kind kind;
    bool is_signed;
    const char *type_name; /* an enum's or error's type ("error"); else NULL */
} p4rt_digest_field_info;

size_t p4rt_digest_count(const p4rt_pipeline *p);
const char *p4rt_digest_name(const p4rt_pipeline *p, size_t i);
int p4rt_digest_get_info(p4rt_pipeline *p, const char *digest, p4rt_digest_info *info);
/* Field I (< info.nfields) of DIGEST. */
int p4rt_digest_get_field(p4rt_pipeline *p, const char *digest, size_t i,
                          p4rt_digest_field_info *field);

/* A field's value in a digest received. */
typedef struct {
    const char *name;
    uint32_t width;
    p4rt_digest_kind kind;
    const uint8_t *bytes; /* (width + 7) / 8 bytes, big-endian */
    uint64_t value;       /* the value when width <= 64 (int<W>: its W bits) */
    const char *text;     /* as p4ctl prints it: 10, 0x1f..., a MAC or IPv4 address by
                             width and name, true/false, an enum member's or error's name */
} p4rt_digest_value;

typedef struct {
    const char *digest;   /* its name */
    uint32_t id;          /* its p4info id */
    size_t nfields;
    const p4rt_digest_value *fields; /* in the order of p4rt_digest_get_field */
    const void *record;   /* the record as the program wrote it (p4info's layout) */
    size_t size;
} p4rt_digest;

/* Called for each digest received; valid during the call. A non-zero
 * return stops p4rt_digest_poll, which returns it. It may write tables;
 * watching, unwatching or polling from it fails with -EBUSY. */
typedef int (*p4rt_digest_fn)(const p4rt_digest *d, void *ctx);

/* Watch DIGEST of P (loaded, or opened pinned): p4rt_digest_poll calls FN
 * with CTX for each of its digests from now on (those waiting in its ring
 * when the watch starts too). Watching it again replaces FN and CTX.
 * -ENOENT: P's program has no such digest. */
int p4rt_digest_watch(p4rt_pipeline *p, const char *digest, p4rt_digest_fn fn, void *ctx);
/* The same by p4info id (prog.h's typed watches). */
int p4rt_digest_watch_id(p4rt_pipeline *p, uint32_t digest_id, p4rt_digest_fn fn, void *ctx);
/* Stop watching DIGEST; -ENOENT when it is not watched. */
int p4rt_digest_unwatch(p4rt_pipeline *p, const char *digest);
/* Call the watches' functions for every digest received so far, waiting up
 * to TIMEOUT_MS (-1: for ever) for the first. Returns how many there were,
 * a negative errno (-EINTR: a signal came; -ENOENT: nothing is watched;
 * -ESTALE when nothing came and P, pinned, was unloaded or replaced
 * since), or a function's non-zero return (the digests after it stay for
 * the next call). */
int p4rt_digest_poll(p4rt_pipeline *p, int timeout_ms);
/* Digests of DIGEST dropped so far because its ring was full. */
int p4rt_digest_lost(p4rt_pipeline *p, const char *digest, uint64_t *lost);
/* --------------------------------------------------------------- traces */

/* What each packet does in a loaded pipeline, as BMv2's packet log says
 * it: the parser states it enters, the tables it applies (hit or miss and
 * the action run), its multicast group and its verdict, each with its P4
 * source line. The program must be compiled with p4cc --trace, which puts
 * hooks in it that write events into a ring buffer while a trace runs
 * (docs/RUNTIME.md, "Traces"). One trace of a pipeline at a time, from
 * any process; one whose process died is taken over by the next. */
typedef struct p4rt_trace p4rt_trace;

typedef enum {
    P4RT_STEP_STATE,        /* the parser entered state NAME */
    P4RT_STEP_PARSER_ERROR, /* the parser stopped with error NAME */
    P4RT_STEP_TABLE,        /* table NAME applied: HIT or not; ACTION ran (NULL: none) */
    P4RT_STEP_MCAST,        /* the packet goes to multicast group ID (a copy: is a copy
                               of group ID's, for its node RID) */
} p4rt_step_kind;

typedef struct {
    p4rt_step_kind kind;
    uint32_t id;               /* the state's or table's number in p4info's "trace", the
                                  error's code, the multicast group */
    const char *name;          /* the state, error or table as p4info names it (NULL:
                                  p4info does not: then ID says which) */
    const char *source;        /* its P4 source line, "prog.p4:42" (NULL: unknown) */
    bool hit;                  /* TABLE */
    const char *action;        /* TABLE: the action run, NULL when none ran */
    const char *action_source; /* its source line (NULL: unknown) */
    uint32_t action_code;      /* TABLE: the action's code (0: none) */
    uint32_t rid;              /* MCAST of a copy: its node's rid */
} p4rt_trace_step;

typedef struct {
    uint64_t seq;       /* the packet's number in the program (from 1) */
    bool copy;          /* a multicast copy on its way out through egress */
    uint32_t port;      /* the P4 port it came in on (a copy: the port it leaves by) */
    uint32_t len;       /* its length as the program received it */
    bool complete;      /* its verdict came (else events were lost, or the trace stopped) */
    uint32_t xdp_action;/* the verdict: XDP_DROP, XDP_PASS, XDP_TX, XDP_REDIRECT, ... */
    uint32_t out_port;  /* XDP_REDIRECT: the port chosen; XDP_TX, XDP_PASS: the input port */
    const p4rt_trace_step *steps; /* in order; valid during the callback */
    size_t nsteps;
} p4rt_packet_trace;

/* Start tracing P's packets (P loaded, or opened pinned). -EBUSY when
 * another process traces P, -ENOTSUP when P's program has no trace hooks
 * (not compiled with p4cc --trace). */
p4rt_trace *p4rt_trace_start(p4rt_pipeline *p);
/* Call FN for every packet whose trace is complete so far, waiting up to
 * TIMEOUT_MS (-1: for ever) for events. Returns how many events came, a
 * negative errno (-EINTR when a signal came; -ESTALE when none came and
 * P, pinned, was unloaded or replaced since), or FN's first non-zero
 * return, which stops the walk. P need not stay open. */
typedef int (*p4rt_trace_fn)(const p4rt_packet_trace *t, void *ctx);
int p4rt_trace_poll(p4rt_trace *t, int timeout_ms, p4rt_trace_fn fn, void *ctx);
/* Call FN for the packets whose verdict has not come (complete false);
 * the trace goes on. Returns how many, or FN's first non-zero return. */
int p4rt_trace_flush(p4rt_trace *t, p4rt_trace_fn fn, void *ctx);
/* Events lost so far because the ring buffer was full. */
uint64_t p4rt_trace_lost(const p4rt_trace *t);
/* Switch the trace off and free T (NULL: nothing). */
void p4rt_trace_stop(p4rt_trace *t);

#ifdef __cplusplus
}
#endif

#endif
