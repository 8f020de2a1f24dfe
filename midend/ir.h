/* The midend's intermediate representation: one P4 program instantiated for
 * a target architecture, with its blocks, state, tables and externs laid out
 * as data. Statements and expressions are typed AST nodes (sema has filled
 * in Node.ty, .ref and .value): the IR adds the program-level structure and
 * the passes (midend/pass_*.c) normalize the code in place:
 *
 *   - parsers are state graphs (IrState: statements, then a transition);
 *   - controls are structured code (AST statement lists) over fixed-width
 *     values, with actions and tables as separate, data-described objects;
 *   - tables are data: key fields with match kinds, actions, default action,
 *     entries, size, implementation;
 *   - extern instances are typed objects with their constructor arguments.
 *
 * See docs/ARCHITECTURE.md, "Midend". */
#ifndef P4CC_IR_H
#define P4CC_IR_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "types.h"

typedef enum IrArch { ARCH_EBPF_FILTER, ARCH_XDP, ARCH_V1MODEL, ARCH_PSA, ARCH_PNA } IrArch;

typedef enum IrMatchKind { MATCH_EXACT, MATCH_LPM, MATCH_TERNARY, MATCH_RANGE, MATCH_OPTIONAL,
                           MATCH_SELECTOR } IrMatchKind;

/* TABLE_KEYLESS: no key (spec "Keys": the lookup table is always empty), so
 * every apply misses and runs the default action; no map holds entries. */
typedef enum IrTableKind { TABLE_HASH, TABLE_LPM, TABLE_ARRAY, TABLE_TERNARY, TABLE_KEYLESS } IrTableKind;

/* A control instantiated inside another (`Check() c1;`): its tables,
 * actions and state are its own, named after the instance. */
typedef struct IrInstance {
    Node *decl;             /* N_INSTANCE */
    Node *control;          /* the N_CONTROL instantiated */
    const char *name;       /* "pipe.c1" */
    const char *c_name;     /* "pipe_c1" */
    struct IrInstance *parent;  /* NULL when declared in the architecture's control */
    NodeList locals;        /* its N_VAR and N_CONST declarations */
} IrInstance;

/* The widest key field (control planes write values of up to 512 bits). */
enum { IR_MAX_KEY_BITS = 512 };

/* The widest bit<W>, int<W> or varbit<W> the backend takes. Every header,
 * variable and temporary lives in one per-packet state that the program
 * zeroes with __builtin_memset, which clang's BPF target expands inline
 * only up to 1024 bytes (beyond, it calls memset, which BPF has not). One
 * value of 512 bytes leaves room for the rest; lower.c refuses wider
 * types where they are written. */
enum { IR_MAX_VALUE_BITS = 4096 };

typedef struct IrKey {
    Node *expr;             /* the key expression */
    const char *name;       /* its text as written (or @name) */
    IrMatchKind match;
    int width;              /* bits */
    int pos;                /* its place in the key property, and in entries' keysets */
} IrKey;

typedef struct IrAction {
    Node *decl;             /* N_ACTION */
    const char *name;       /* control-plane name ("pipe.Reject", "NoAction") */
    const char *c_name;     /* identifier in generated code */
    int id;                 /* 1.. within the program */
    IrInstance *owner;      /* the instance whose action this is, NULL otherwise */
} IrAction;

typedef struct IrTableAction {
    IrAction *action;
    Node *ref;              /* N_ACTION_REF in the actions list */
    /* What the table runs for it: the action itself, or, when the actions
     * list binds arguments, a wrapper with the same name and id whose
     * parameters are the action data and whose body calls the action with
     * the bound arguments (pass_inline.c makes its copy-in/copy-out
     * explicit). */
    IrAction *run;
} IrTableAction;

typedef struct IrEntry {
    Node *keyset;           /* expression, N_TUPLE_KEYSET, N_MASK, N_RANGE, N_DEFAULT, ... */
    Node *priority;         /* NULL when not given */
    IrAction *action;
    Node *call;             /* N_ACTION_REF with the arguments */
    Node *decl;             /* the entry as written */
    /* An initial entry of a table whose entries need priorities: its
     * priority as the data plane compares them, larger winning
     * (midend/entries.c). */
    unsigned long long rank;
} IrEntry;

typedef struct IrTable {
    Node *decl;             /* N_TABLE */
    const char *name;       /* control-plane name: "Ingress.tbl" */
    const char *c_name;     /* "Ingress_tbl" */
    IrTableKind kind;
    int size;
    IrKey *keys;
    int nkeys;
    IrTableAction *actions;
    int nactions;
    IrAction *default_action;
    Node *default_call;     /* N_CALL or N_NAME of the default action, NULL: NoAction */
    bool default_is_const;
    IrEntry *entries;       /* const entries: in match order, the first match wins */
    int nentries;
    bool entries_const;
    bool used_action_run;   /* some switch looks at action_run */
    int cache_size;         /* @p4cc_cache(N): entries of the lookup cache, 0: none */
    IrInstance *owner;
    /* v1model's direct resources (`counters = c;`, `meters = m;`): one
     * counter or meter per entry, kept in the entry's value. */
    struct IrExtern *direct_counter;
    struct IrExtern *direct_meter;
    /* v1model's `implementation = ap;`: an action profile or selector
     * whose members (and groups) the entries may name instead of an
     * action; a selector's `selector` key fields (not in KEYS: no entry
     * matches them) are hashed to choose a group's member. */
    struct IrExtern *implementation;
    IrKey *selector_keys;
    int nselector_keys;
    Node *selector_hash;    /* @hash.ALGO(selector fields), bit<64> (pass_v1model.c) */
    /* PNA's add-on-miss (pass_pna.c): add_entry in the default action
     * sets LEARN_FLAG and the action data of LEARN_ACTION in the state;
     * after a miss the backend inserts that entry under the lookup key. */
    IrAction *learn_action;
    Node *learn_flag;       /* a bit<8> variable of the main control */
    Node **learn_params;    /* one variable per parameter of learn_action */
} IrTable;

typedef enum IrExternKind {
    EXTERN_COUNTER_ARRAY,   /* ebpf_model's CounterArray: packets */
    EXTERN_REGISTER,        /* ebpf_model's Register, v1model's register */
    EXTERN_COUNTER,         /* v1model's counter: packets and bytes per index */
    EXTERN_DIRECT_COUNTER,  /* v1model's direct_counter: packets and bytes per table entry */
    EXTERN_METER,           /* v1model's meter: a two-rate three-colour meter per index */
    EXTERN_DIRECT_METER,    /* v1model's direct_meter: one per table entry */
    EXTERN_ACTION_PROFILE,  /* v1model's action_profile: members (actions with their data) */
    EXTERN_ACTION_SELECTOR, /* v1model's action_selector: members and groups of them */
} IrExternKind;

/* What a v1model counter or meter is declared to measure (CounterType,
 * MeterType); counters hold both packets and bytes whatever it says. */
typedef enum IrUnit { UNIT_PACKETS, UNIT_BYTES, UNIT_PACKETS_AND_BYTES } IrUnit;

typedef struct IrExtern {
    Node *decl;             /* N_INSTANCE, or the table property that constructs it */
    const char *name;       /* control-plane name */
    const char *c_name;
    IrExternKind kind;
    long size;              /* CounterArray max_index, Register size, counter and meter size */
    bool sparse;
    int width;              /* Register: bits of an element (1..256; above 64 a byte array) */
    bool is_struct;         /* Register: a struct element, FIELDS packed into WIDTH bits */
    struct IrValueSetField *fields;
    int nfields;
    unsigned long long initial; /* Register: every cell's initial value */
    IrUnit unit;            /* counter, meter and their direct forms */
    IrTable *table;         /* direct counter or meter: the table it belongs to */
    IrTable **tables;       /* action profile or selector: the tables it implements */
    int ntables;
    Node *algorithm;        /* action selector: its HashAlgorithm argument */
    int max_group_size;     /* action selector: members a group holds at most */
    IrInstance *owner;
} IrExtern;

/* A field of a value set's struct element, nested structs flattened. */
typedef struct IrValueSetField {
    const char *name;       /* "f", "inner.f" */
    int width;
    const char *match;      /* value sets: its @match kind ("ternary", ...); NULL: exact */
} IrValueSetField;

/* A parser value set: a set of keys the control plane fills (a hash map).
 * A struct element's fields are packed into one integer, the first field
 * most significant (docs/RUNTIME.md, "Value sets"). */
typedef struct IrValueSet {
    Node *decl;             /* N_VALUE_SET */
    const char *name;       /* "prs.pvs" */
    const char *c_name;
    int size;
    int width;              /* bits of the element (above 64: a byte array key) */
    IrValueSetField *fields; /* a struct element's fields; NULL for bit<W> */
    int nfields;
    bool slots;             /* a field matches other than exactly: an ARRAY of SIZE
                               slots, each field a value and mask or bounds, scanned */
} IrValueSet;

/* A named value of a digest (v1model's digest<T>): a field of T, nested
 * structs and headers flattened ("inner.f"; a header's validity is
 * "h.$valid"), the kinds the control plane tells apart. */
typedef enum IrDigestKind { DIGEST_BITS, DIGEST_BOOL, DIGEST_ENUM, DIGEST_SERENUM,
                            DIGEST_ERROR } IrDigestKind;

typedef struct IrDigestField {
    const char *name;
    IrDigestKind kind;
    Type *type;             /* the field's P4 type (a new type unwrapped) */
    int width;              /* bits: W, 1 for bool, 32 for enums and errors */
    bool is_signed;         /* int<W> */
} IrDigestField;

/* A type the program sends to the control plane with digest<T>(), once
 * however many calls send it (midend/digests.c; docs/RUNTIME.md,
 * "Digests"). */
typedef struct IrDigest {
    const char *name;       /* T's control-plane name: its @name, else its name */
    const char *c_name;     /* an identifier: the ring is p4cc_digest_C_NAME */
    Type *type;
    Node *decl;             /* T's declaration (@id) */
    IrDigestField *fields;
    int nfields;
    int index;              /* 0, 1, ...: its cell of p4cc_digest_lost */
} IrDigest;

/* The most blocks an architecture's package takes (V1Switch: six). */
enum { IR_MAX_BLOCKS = 6 };

/* What a block of the architecture is (midend/arch.c). */
typedef enum IrBlockKind { BLOCK_PARSER, BLOCK_CONTROL, BLOCK_DEPARSER } IrBlockKind;

/* An architecture: its package and the blocks it takes (midend/arch.c). */
typedef struct IrArchBlock {
    const char *role;       /* "parser", "ingress", ... */
    IrBlockKind kind;
    const char *const *slots;   /* per apply parameter, see IrBlock.slots */
    int nslots;
} IrArchBlock;

typedef struct IrArchDesc {
    const char *package;    /* "xdp", "ebpfFilter", "V1Switch" */
    IrArch arch;
    const char *include;    /* the file that declares it */
    int nblocks;
    IrArchBlock blocks[IR_MAX_BLOCKS];
} IrArchDesc;

const IrArchDesc *ir_arch_by_package(const char *package);   /* NULL: not one we compile */
const char *ir_arch_name(IrArch arch);                       /* "xdp", "v1model", ... */

/* A block of the architecture (the parser, a control, the deparser), with
 * the declarations that the midend hoisted out of it. */
typedef struct IrBlock {
    Node *decl;             /* N_PARSER or N_CONTROL */
    const char *name;
    const char *role;       /* the package's name for it: "parser", "ingress", ... */
    IrBlockKind kind;
    NodeList params;        /* N_PARAM of the apply signature */
    /* Per parameter: the part of the per-packet state it is (blocks share
     * them: the parser's `out H hdr` and the ingress's `inout H hdr` are
     * both "hdr"), NULL for the packet. */
    const char *const *slots;
    NodeList locals;        /* N_VAR and N_CONST declarations, hoisted */
    NodeList states;        /* parsers: N_STATE (reachable ones, start first) */
    Node *body;             /* controls: the apply block */
} IrBlock;

typedef struct IrProgram {
    Arena *arena;
    Diag *diag;
    const char *name;       /* program name (input file without .p4) */
    IrArch arch;
    IrBlock blocks[IR_MAX_BLOCKS];  /* in the order the package takes them */
    int nblocks;
    IrBlock *parser;
    IrBlock *control;       /* ebpfFilter: filter; xdp: switch; v1model: ingress */
    IrBlock *deparser;      /* NULL for ebpfFilter */
    IrTable **tables;
    int ntables;
    IrAction **actions;
    int nactions;
    IrExtern **externs;
    int nexterns;
    IrInstance **instances;
    int ninstances;
    IrValueSet **value_sets;
    int nvalue_sets;
    NodeList types;         /* N_HEADER / N_STRUCT / N_HEADER_UNION / N_ENUM / N_ERROR_DECL used */
    TypeList type_instances; /* specializations of generic structs, headers and unions the
                               code uses (`pair<bit<8>>`), each once (pass_specialize.c) */
    NodeList errors;        /* N_ENUM_MEMBER of every error, in declaration order */
    NodeList functions;     /* N_FUNCTION declared at the top level, in order (after
                               `specialize`: no generic ones, their copies instead) */
    bool inlined;           /* `inline` has run: instance bodies live where they are applied */
    const struct IrHeaderWrites *header_writes;   /* after the passes (ir_run_passes) */
    NodeList ignored_props; /* table properties warned about as ignored (lower.c), once each */
    IrDigest **digests;     /* v1model's digest types, sorted by name (pass_v1model.c) */
    int ndigests;
    struct IrFieldList *field_lists;  /* v1model: the field lists clones use (midend/clone.c) */
    int nfield_lists;
} IrProgram;

/* The block the package calls ROLE ("ingress"), or NULL (midend/arch.c). */
IrBlock *ir_block(IrProgram *ir, const char *role);

/* Builds the IR of a checked program (midend/lower.c). Reports unsupported
 * constructs as located errors; returns NULL on error. */
IrProgram *ir_lower(Arena *arena, Diag *diag, Node *program, const char *name);

/* The order const entries of T match in and the priorities of its initial
 * entries (midend/entries.c); false after a located error. */
bool ir_order_entries(IrProgram *ir, IrTable *t);
/* The part of entry E's keyset for key K of T. */
Node *ir_entry_key(const IrTable *t, const IrEntry *e, int k);

/* The passes, in order; each is a function over the IR (midend/pass_*.c). */
typedef struct IrPass {
    const char *name;
    bool (*run)(IrProgram *ir);
} IrPass;

bool pass_specialize(IrProgram *ir);    /* pass_specialize.c */
bool pass_v1model(IrProgram *ir);       /* pass_v1model.c */
bool pass_psa(IrProgram *ir);           /* pass_psa.c */
bool pass_pna(IrProgram *ir);           /* pass_pna.c */

/* The extern objects passed to control instances' parameters, one per
 * parameter (midend/extern_params.c); two objects for one parameter are a
 * located error (the pass that asked fails: passes.c counts errors). */
typedef struct IrExternBindings IrExternBindings;
IrExternBindings *ir_bind_extern_params(IrProgram *ir);
/* The declaration DECL stands for: DECL, or for a parameter bound to an
 * extern object, what it is bound to (through outer parameters). */
Node *ir_bound_extern(const IrExternBindings *eb, Node *decl);
/* A copy of the generic parser or control BLOCK with its type parameters
 * replaced by ARGS (lowering makes one for each instance; pass_specialize.c). */
Node *ir_specialize_block(IrProgram *ir, Node *block, TypeList args);
bool pass_dead_states(IrProgram *ir);   /* pass_dead_states.c */
bool pass_inline(IrProgram *ir);        /* pass_inline.c */
bool pass_emits(IrProgram *ir);         /* pass_emits.c */
bool pass_constfold(IrProgram *ir);     /* pass_constfold.c */
bool pass_dead_code(IrProgram *ir);     /* pass_dead_code.c */

/* Calls VISIT on each root of the program's code: block variables with
 * initializers, parser states, apply bodies, instance variables (and,
 * before `inline`, instance bodies), functions, actions and the wrappers
 * tables run them through, tables' keys, entries and default calls
 * (midend/walk.c). */
typedef void (*IrCodeVisitor)(IrProgram *ir, Node *code, void *ctx);
void ir_walk_code(IrProgram *ir, IrCodeVisitor visit, void *ctx);

/* Whether some code of the program calls intrinsic NAME (`@clone`, ...):
 * the backend emits the machinery an intrinsic needs only then. */
bool ir_uses_intrinsic(IrProgram *ir, const char *name);

/* PSA's Hash, InternetChecksum, Random and Digest: no IrExtern (their
 * uses become intrinsics, pass_psa.c; lower.c). */
bool ir_psa_stateless_extern(const IrProgram *ir, const Type *t);

/* PSA and PNA: psa.p4 and pna.p4 name their externs alike (Counter,
 * Register, ActionSelector, ...), and v1model's machinery runs both. */
static inline bool ir_portable_arch(const IrProgram *ir)
{
    return ir->arch == ARCH_PSA || ir->arch == ARCH_PNA;
}

/* Whether a v1model program may set a non-zero mcast_grp (a PSA program
 * a non-zero multicast_group, or clone: sessions may go to groups), so
 * that its traffic manager makes copies (midend/copies.c). */
bool ir_v1model_multicasts(IrProgram *ir);
/* Whether some PSA code may set FIELD of the output metadata of control
 * ROLE ("ingress", "egress") to anything but false or 0 (midend/copies.c). */
bool ir_psa_may_set(IrProgram *ir, const char *role, const char *field);

/* A place in the per-packet state that a copy's egress needs from
 * ingress: SLOT ("meta" or "std"; PSA: "ig_out", "normal_meta") and
 * fields down from it (none: all of it). */
typedef struct IrBridgeField {
    const char *slot;
    const char **path;
    int npath;
} IrBridgeField;

/* What a copy needs of the state ingress leaves, in *OUT (arena memory),
 * sorted, each place once and none inside another: the places of meta and
 * standard_metadata that egress, computeChecksum and the deparser may read
 * (with the actions, functions and tables they run), those of
 * standard_metadata the parser may read, and mcast_grp; not the fields of
 * standard_metadata the traffic manager sets for a copy (egress_port,
 * egress_spec, egress_rid, instance_type, egress_global_timestamp) and the
 * queue's, which read 0. PSA: the ingress output metadata's
 * class_of_service and multicast_group, and the normal metadata. Returns
 * how many. */
int ir_v1model_bridge(IrProgram *ir, IrBridgeField **out);

/* A v1model field list: the user metadata fields annotated
 * @field_list(..., KEY, ...) that a clone keeps (midend/clone.c). Its id
 * is its index in IrProgram.field_lists plus 1. */
typedef struct IrFieldList {
    const char *key;        /* the index as written at the call */
    IrBridgeField *fields;  /* places in "meta", none inside another */
    int nfields;
} IrFieldList;

/* The id of the field list that INDEX (a call's argument) names among
 * the fields of user metadata type META, made on first use; -1 after a
 * located error (INDEX must be a compile-time constant). */
int ir_v1model_field_list(IrProgram *ir, Node *index, const Type *meta);

/* The id of a field list of the places DATA names (clone3, resubmit and
 * recirculate with data, v1model's older forms): DATA is a place in the
 * user metadata or standard_metadata (a parameter of type META or STD and
 * its fields), or a list or struct expression of such places; `{}` is 0,
 * no list. -1 after a located error. */
int ir_v1model_data_list(IrProgram *ir, Node *data, const Type *meta, const Type *std);

/* Whether a field of standard_metadata is one a copy gets from the
 * traffic manager, not from ingress (and the queue's, which read 0):
 * neither a bridge nor a field list carries it. */
bool ir_v1model_set_for_copies(const char *slot, const char **path, int npath);

/* Whether a v1model program may clone packets (an @clone intrinsic that
 * pass_v1model left in its code; PSA: some code may set an output
 * metadata's clone): only then does the backend emit the clone machinery
 * (midend/clone.c). */
bool ir_v1model_clones(IrProgram *ir);
/* Whether it may resubmit or recirculate packets (@resubmit,
 * @recirculate): the program then tail-calls itself (midend/clone.c). */
bool ir_v1model_recirculates(IrProgram *ir);

/* Checks the IR after pass PASS (NULL: after lowering): what every stage
 * guarantees, and once the passes that establish it have run, the
 * backend's input contract (midend/verify.c; docs/ARCHITECTURE.md,
 * "Backend input"). Reports a violation as an internal error at the node
 * and returns false. */
bool ir_verify(IrProgram *ir, const char *pass);

extern const IrPass ir_passes[];
extern const int ir_npasses;

/* Runs the passes; with DUMP_AFTER set, writes the IR after that pass (or
 * after lowering, "lower") to DUMP. Returns false on error. */
bool ir_run_passes(IrProgram *ir, const char *dump_after, FILE *dump);
void ir_dump(FILE *out, const IrProgram *ir);
bool ir_is_pass_name(const char *name);

/* A place: storage an l-value names, independent of how the backend
 * prints it (midend/place.c). Its root is the per-packet state slot of a
 * block's parameter (IrBlock.slots: the parser's `out H hdr` and the
 * control's `inout H hdr` are one root) or else the declaration (a
 * variable, parameter or constant; each instance has its own); below it,
 * field names and constant indexes (header stack and tuple elements).
 * Analyses compare places, never C text. */
typedef struct IrPlaceStep {
    const char *field;      /* a field's name; NULL: the element at index */
    long long index;
} IrPlaceStep;

typedef struct IrPlace {
    const Node *decl;       /* the declaration the l-value starts from */
    const char *slot;       /* its slot when it is a block's parameter, else NULL */
    const IrPlaceStep *steps;   /* outermost first, in the arena */
    int len;
} IrPlace;

/* The place LVALUE names: a name followed by fields and constant indexes.
 * False for anything else (a run-time index, a stack's next or last, a
 * call's result, a slice: callers climb slices themselves). */
bool ir_place_of(const IrProgram *ir, const Node *lvalue, IrPlace *out);
/* The place of declaration DECL itself. */
void ir_place_root(const IrProgram *ir, const Node *decl, IrPlace *out);
bool ir_place_equal(const IrPlace *a, const IrPlace *b);
/* Whether INNER is OUTER or lies inside it (OUTER's path is a prefix). */
bool ir_place_within(const IrPlace *inner, const IrPlace *outer);
/* Whether A and B share storage: one lies within the other. */
bool ir_places_overlap(const IrPlace *a, const IrPlace *b);
/* "state.hdr.ipv4.ttl", "x.s[1].f": for dumps and debugging. */
const char *ir_place_text(Arena *arena, const IrPlace *p);

/* A growing list of places. */
typedef struct IrPlaceList {
    IrPlace *items;
    int len, room;
} IrPlaceList;
void ir_place_list_add(Arena *arena, IrPlaceList *list, const IrPlace *p);
int ir_place_list_find(const IrPlaceList *list, const IrPlace *p);   /* index of an equal one, or -1 */

/* What the program writes into headers (midend/header_writes.c), found
 * once after the passes: the backend's deparser and write-through read it. */
typedef struct IrHeaderWrite {
    IrPlace header;
    const char *field;
    bool by_call;           /* through an out/inout argument */
} IrHeaderWrite;

typedef struct IrHeaderWrites {
    IrHeaderWrite *items;   /* header fields assigned */
    int n, room;
    bool unknown;           /* writes the walk cannot follow: assume any */
    bool validity;          /* something may change which headers are valid */
    IrPlaceList made_valid;     /* headers setValid() is called on */
    IrPlaceList made_invalid;   /* headers setInvalid() is called on */
    /* Stacks whose elements' validity changes through a run-time index,
     * next or last, push_front or pop_front: any header within may change. */
    IrPlaceList changed_within;
} IrHeaderWrites;

const IrHeaderWrites *ir_find_header_writes(IrProgram *ir);
/* Whether header H can be valid without having been extracted. */
bool ir_may_be_made_valid(const IrHeaderWrites *w, const IrPlace *h);
/* Whether the program assigns FIELD of header H (any field: NULL). */
bool ir_field_written(const IrHeaderWrites *w, const IrPlace *h, const char *field);
/* The header that holds the assigned location LVALUE (climbing members,
 * indexes and slices), with *FIELD the node just below it; NULL when
 * LVALUE is not inside a header, or is a whole header. */
Node *ir_enclosing_header(Node *lvalue, Node **field);
/* Whether CALL is packet_in's or packet_out's method NAME. */
bool ir_is_packet_method(const Node *call, const char *name);

/* Helpers shared by passes and the backend. */
/* The object DECL declares (every instance has its own declarations). */
IrTable *ir_find_table(const IrProgram *ir, const Node *decl);
IrAction *ir_find_action(const IrProgram *ir, const Node *decl);
IrExtern *ir_find_extern(const IrProgram *ir, const Node *decl);
IrInstance *ir_find_instance(const IrProgram *ir, const Node *decl);
/* The digest type NAME (IrDigest.name), or NULL. */
IrDigest *ir_find_digest(const IrProgram *ir, const char *name);
/* What the call statement S, `digest<T>(receiver, data)`, becomes:
 * `@digest(values...)`, one value per field of T's digest (registered on
 * its first call), named by the intrinsic's text; NULL after a located
 * error (midend/digests.c). */
Node *ir_digest_call(IrProgram *ir, Node *s);
/* Whether CODE, a root of ir_walk_code, runs outside ingress for sure: a
 * parser's or another control's code, or an action or instance declared
 * in one (top-level actions and functions may run anywhere). */
bool ir_code_outside_ingress(const IrProgram *ir, const Node *code);
const char *ir_c_identifier(Arena *arena, const char *name);
const char *ir_match_kind_name(IrMatchKind m);    /* "exact", "lpm", ... */
const char *ir_table_kind_name(IrTableKind k);    /* "hash", "lpm", "array", "ternary" */

#endif
