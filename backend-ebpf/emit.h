/* The eBPF backend: C for XDP from the IR (see docs/RUNTIME.md for the
 * conventions the generated program follows). */
#ifndef P4CC_EMIT_H
#define P4CC_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ir.h"

/* Where a P4 name lives in the generated C: a declaration (parameter,
 * variable, constant) and the C lvalue standing for it. */
typedef struct CBinding {
    const Node *decl;
    const char *c_expr;
    struct CBinding *next;
} CBinding;

/* A header stack the parser uses (emit_parser.c, find_stacks): STACK, an
 * expression naming it, is where the parser's next-index LOCAL goes to
 * when the parser is done. */
typedef struct ParserStack {
    IrPlace place;
    Node *stack;
    const char *local;
} ParserStack;

/* A header the parser extracts (emit_parser.c, find_extracts). */
typedef struct Extracted {
    IrPlace place;
    const char *local;      /* holds the packet offset it was extracted at, ~0u before */
    int static_offset;      /* that offset when it is the same on every path, else < 0 */
} Extracted;

typedef struct Emitter {
    IrProgram *ir;
    Arena *arena;
    Diag *diag;
    FILE *out;
    int indent;
    CBinding *bindings;
    int temp_counter;
    int label_counter;
    const char *exit_label;      /* where `exit` goes in the current code */
    const char *return_label;    /* where `return` goes; NULL inside an action function */
    const char *break_label;     /* where `break` goes in the innermost loop */
    const char *continue_label;  /* where `continue` goes in the innermost loop */
    bool in_action;              /* code of an action function: exit returns 1 */
    int exit_scopes;             /* N_EXIT_SCOPEs being emitted: exit goes to exit_label */
    const Type *function_ret;    /* code of a P4 function: its return type */
    bool lookahead_used;         /* code since the last check reads with lookahead */
    IrInstance *instance;        /* the sub-control instance whose code this is */
    const char *line_path;       /* the P4 file and line the C being emitted comes from */
    int line;
    int c_line;                  /* the line the preprocessor gives the next C line; 0: unknown */
    bool failed;
    bool has_extern_c;           /* user C implements extern functions */
    bool has_initial_entries;    /* p4cc_insert_initial_entries() exists */
    bool aborts;                 /* st->aborted exists: some code may @abort() */
    bool multicast;              /* v1model: the traffic manager copies (emit_copies.c) */
    bool clones;                 /* v1model: some code clones (emit_clone.c) */
    bool recirculates;           /* v1model: resubmit or recirculate (emit_recirc.c) */
    bool truncates;              /* v1model: some code truncates (emit_truncate.c) */
    bool parser_loops;           /* the parser has a loop (emit_parser.c, emit_parser_exit) */
    bool trace;                  /* p4cc --trace: trace hooks (emit_trace.c) */
    bool bit_mode;               /* some header is not whole bytes (emit_bits.c) */
    bool csum_raw;               /* v1model's verify/computeChecksum in p4cc_main: a csum16
                                    may read a header's bytes (emit_intrinsics.c) */
    IrBridgeField *bridge;       /* what copies carry (midend/copies.c) */
    int nbridge;
    /* In the parser, the next-index of each header stack lives in a local
     * variable, whose value the verifier follows (it does not follow values
     * stored in maps), so parser loops over stacks are provably bounded. */
    ParserStack *stacks;
    int nstacks, stacks_room;
    bool in_parser;
    /* Headers the parser extracts (outside stacks and sub-parsers), each
     * with the local that holds the packet offset it was extracted at, so
     * the deparser knows whether the header's bytes are still in place. */
    Extracted *extracted;
    int nextracted, extracted_room;
    /* Headers whose assigned fields go straight into the packet
     * (plan_write_through), by slot in struct p4cc_hdr_ptrs. */
    IrPlace *write_through;
    int nwrite_through;
    /* Of those, the ones only extraction makes valid (no setValid): their
     * fields are read from the packet too (plan_write_through). */
    bool *read_through;
    struct WideTemp *wide_temps; /* emit_wide.c: wide values computed before this statement */
    /* A switch on the action_run of the table about to be applied, whose
     * arms that table's dispatch runs (emit_action_run.c); the dispatch
     * sets it NULL when it did. */
    const Node *fused_switch;
} Emitter;

/* The local holding the parser's next-index of STACK, or NULL outside the
 * parser (and for a stack in a variable of a parser state's own). */
const char *parser_stack_index(Emitter *em, const Node *stack);

/* emit_program.c: the whole C file; EXTERN_C (may be NULL) is a C file
 * implementing the program's own extern functions, included after the
 * generated types so it can use them. */
bool emit_c_program(IrProgram *ir, FILE *out, const char *const *extern_c, int nextern_c,
                    bool capture, bool trace);
/* Whether the program calls bpf_loop (ternary tables' scans), whose
 * callbacks' frames the verifier adds to the main one. */
bool emit_has_callbacks(const IrProgram *ir);

/* emit_program.c: the pieces of a program function, which the egress
 * function of copies (emit_copies.c) shares with p4cc_main. */
void emit_function_prologue(Emitter *em);  /* packet bounds, state, parser and table locals */
void emit_parse(Emitter *em, const char *on_reject);
void emit_control_block(Emitter *em, IrBlock *b, const char *end_label);
/* egress, a drop check, computeChecksum; IN_MAIN: in p4cc_main (where a
 * clone of the packet may still be made) */
void emit_v1model_egress(Emitter *em, bool in_main);
void emit_v1model_deparse(Emitter *em);
/* The initializers of block B's variables, as assignments. */
void emit_locals_init(Emitter *em, IrBlock *b);
/* emit_psa.c: PSA's pipeline in p4cc_main (docs/RUNTIME.md, "PSA"). */
void emit_psa_pipeline(Emitter *em);
void emit_psa_copy_egress_body(Emitter *em);   /* p4cc_egress of a PSA program */
void emit_psa_recirc_struct(Emitter *em);      /* after the state: resubmit, recirculate */
void emit_psa_clone_copy(Emitter *em);         /* p4cc_clone of a PSA program */
/* Whether some code names FIELD of a struct of type TYPE_NAME. */
bool emit_struct_field_used(IrProgram *ir, const char *type_name, const char *field);

/* emit_pna.c: PNA's pipeline in p4cc_main (docs/RUNTIME.md, "PNA"). */
void emit_pna_pipeline(Emitter *em);
void emit_pna_recirc_struct(Emitter *em);      /* after the state: recirculate */
/* Whether some code names standard_metadata's FIELD (a field that costs a
 * helper call or a map lookup to fill is filled only then). */
bool std_field_used(IrProgram *ir, const char *field);
/* The packet out of PORT (a C expression) as the traffic manager's
 * unicast sends it: by the port's device, else back out of the input port
 * IN_PORT when it is that port (filled first when FIND_IN_PORT), else
 * dropped and counted. */
void emit_unicast_out(Emitter *em, const char *port, const char *in_port, bool find_in_port);

/* emit_copies.c: v1model's traffic manager for copies (docs/RUNTIME.md,
 * "Traffic manager: copies"), in programs that multicast. */
void emit_bridge_struct(Emitter *em);      /* struct p4cc_bridge, after the state */
void emit_multicast(Emitter *em, const char *group);   /* p4cc_main, after the deparser;
                                                           GROUP: the group's C lvalue */
/* Copies between the state and bridge B ("bridge->"): every field, or
 * (STD_ONLY) those of standard_metadata. */
void copy_bridge(Emitter *em, const char *b, bool to_bridge, bool std_only);
/* A copy's program up to its pipeline: the bridge popped into `bridge`,
 * the copy's P4 port in `*out_port`, the prologue. */
void emit_copy_entry(Emitter *em);
void emit_copy_egress(Emitter *em);        /* the function p4cc_egress */

/* emit_clone.c: v1model's clone sessions (docs/RUNTIME.md, "Clone
 * sessions"), in programs that clone. */
void emit_clone_state_fields(Emitter *em);  /* in struct p4cc_state */
void emit_clone_struct(Emitter *em);        /* struct p4cc_clone_bridge, after the state */
void emit_clone_request(Emitter *em, Node *e);   /* @clone(session, list) */
void emit_clone_after_ingress(Emitter *em);
void emit_clone_after_egress(Emitter *em, bool in_main);
void emit_clone_send(Emitter *em);          /* p4cc_main, after the deparser */
void emit_clone_programs(Emitter *em);      /* p4cc_clone_orig, p4cc_clone */
/* The start of p4cc_clone: the frame made the clone's packet, the bridge
 * in `cbuf->cb`, its P4 port in `*out_port`, the prologue. */
void emit_clone_entry(Emitter *em);
void emit_field_lists_union(Emitter *em);   /* union p4cc_field_lists, after the state */
void emit_copy_field_lists(Emitter *em, const char *b, bool to_b);
/* In a clone's program (cbuf, out_port): DEST gets the rid of the port's
 * node when the clone's session goes to a group, as BMv2's clones to a
 * group have (0 otherwise). */
void emit_clone_group_rid(Emitter *em, const char *dest);

/* emit_truncate.c: v1model's truncate, in programs that call it. */
void emit_truncate_state_fields(Emitter *em);
void emit_truncate_request(Emitter *em, Node *e);   /* @truncate(length) */
void emit_truncate_frame(Emitter *em);      /* before a frame leaves (nothing if none truncates) */
void emit_truncate_bridge_field(Emitter *em);    /* in struct p4cc_clone_bridge */
void emit_truncate_to_bridge(Emitter *em, const char *cb);  /* "cbuf->cb." */
void emit_truncate_from_bridge(Emitter *em, const char *limit);  /* p4cc_clone_orig */

/* emit_recirc.c: v1model's resubmit and recirculate (docs/RUNTIME.md,
 * "Resubmit and recirculate"), in programs that call them. */
void emit_recirc_state_fields(Emitter *em);
void emit_recirc_struct(Emitter *em);       /* after the field lists */
void emit_recirc_maps(Emitter *em);
/* A tail call of p4cc_main into its next pass: the open looks up `rc`
 * (struct p4cc_recirc, dropping the packet without it), the caller fills
 * it, the call flags it pending and returns only when the kernel refused
 * (more than 33 calls, or no loader filled the slot): the packet drops. */
void emit_next_pass_open(Emitter *em);
void emit_next_pass_call(Emitter *em);         /* p4cc_recirc (after its struct), p4cc_progs */
void emit_recirc_request(Emitter *em, Node *e);   /* @resubmit(list), @recirculate(list) */
void emit_recirc_entry(Emitter *em);        /* p4cc_main, before the parser */
void emit_resubmit(Emitter *em);            /* p4cc_main, after ingress */
void emit_recirculate(Emitter *em);         /* p4cc_main, after the deparser */

/* emit_types.c */
const char *c_type(Emitter *em, const Type *t);         /* "u16", "struct ipv4_t" */
const char *c_ident(Emitter *em, const char *name);     /* P4 name as a safe C identifier */
/* The C declaration of a variable NAME of type T ("u16 x", "u8 x[16]", a
 * header stack's elements and next index), or NULL when T has none. */
const char *c_declaration(Emitter *em, const Type *t, const char *name);
int c_container_bits(int width);                         /* 8, 16, 32, 64; 0 if wider */
/* type_width_bits (frontend/types.h), 0 for other types and NULL: what
 * the backend tests and sizes C values by. */
int value_width(const Type *t);
/* Whether values of T are C structs here: structs, headers, unions, tuples. */
bool c_is_struct(const Type *t);
void emit_types(Emitter *em);
int header_size_bits(const Type *t);
/* Bits a header's field takes in the packet: a struct's fields packed
 * (spec "Header types": headers may hold structs of bit fields), else
 * value_width. */
int packed_bits(const Type *t);
/* One field of a header as the packet lays it out, structs in it opened:
 * MEMBER is its C path from the header ("row.e"), FIELD the header's own
 * field it is in, BIT its offset from the header's start. */
typedef struct HeaderLeaf {
    const char *member;
    const char *field;
    const Type *type;
    int bit;
} HeaderLeaf;
/* The leaves of header H in packet order, into an arena array; their count. */
int header_leaves(Emitter *em, const Type *h, HeaderLeaf **out);

/* emit_expr.c */
const char *emit_expr(Emitter *em, Node *e);             /* a C expression */
/* A slice of a wide lookahead, which slice() reads from the packet. */
bool is_wide_lookahead_slice(const Node *e);
const char *emit_lvalue(Emitter *em, Node *e);
const char *c_mask(int width);                           /* "0xffULL" ... */
void bind_name(Emitter *em, const Node *decl, const char *c_expr);

/* emit_intrinsics.c: what the midend leaves for the target (N_INTRINSIC) */
const char *emit_intrinsic(Emitter *em, Node *e);
void emit_intrinsic_statement(Emitter *em, Node *e);
bool program_aborts(IrProgram *ir);     /* some code may @abort() the packet */

/* emit_wide.c: values wider than 64 bits (byte arrays, network order) */
const char *wide_hoisted(Emitter *em, const Node *e);     /* its temporary, or NULL */
bool emit_wide_hoist(Emitter *em, Node *s);               /* true: a block was opened */
void emit_wide_hoist_end(Emitter *em, bool opened);
void emit_wide_assign(Emitter *em, const char *lhs, Node *rhs, int w);
const char *emit_wide_value(Emitter *em, Node *e, int w);   /* an array holding E */
const char *emit_wide_const(Emitter *em, const Node *e, const char *digits);
/* DIGITS (decimal, maybe negative) modulo 2^W in (W+7)/8 bytes, most
 * significant first. */
void wide_const_bytes(const char *digits, int w, unsigned char *out);
const char *emit_wide_compare(Emitter *em, Node *e, int w);
const char *emit_wide_low64(Emitter *em, const char *a, int w);

/* emit_stmt.c */
void emit_statement(Emitter *em, Node *s);
void emit_line(Emitter *em, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emit_line_directive(Emitter *em, const Node *n);
void emit_raw_lines_written(Emitter *em);   /* after fputs of C: the line count is lost */
void emit_error_at(Emitter *em, const Node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *new_temp(Emitter *em, const char *prefix);
const char *exit_jump(Emitter *em);     /* the C statement of an exit from here */

/* emit_parser.c: the parser; and the packet layout the deparser shares */
void emit_parser(Emitter *em);
void find_parser_headers(Emitter *em);  /* stacks and extracted headers; idempotent */
bool parser_has_loop(Emitter *em);      /* some parser state can come back to itself */
void emit_parser_exit_map(Emitter *em); /* p4cc_parser_exit, in programs whose parser loops */
void emit_parser_exit(Emitter *em);     /* at parse_accept: the offsets forgotten */
int chunk_bytes(int n);                                  /* largest load/store (8, 4, 2, 1) in N bytes */
bool header_layout_ok(Emitter *em, const Node *at, const Type *h);  /* else an error at AT */
const Field *varbit_field(const Type *h);                /* the header's varbit field, or NULL */
/* The local holding the offset header H (NULL: not a place) was extracted
 * at, or NULL; that offset when it is the same on every path, or -1. */
const char *extracted_offset(Emitter *em, const IrPlace *h);
int extracted_static_offset(Emitter *em, const IrPlace *h);
void copy_wide(Emitter *em, const char *field, const char *pkt, int n, bool to_packet);

/* emit_bits.c: programs with headers that are not whole bytes */
void plan_bit_mode(Emitter *em);   /* sets bit_mode; errors for what it cannot do */
void emit_bit_extract_open(Emitter *em, const Type *h, const char *lv, int bits);
void emit_bit_extract_close(Emitter *em, int bits);
void emit_bit_deparser(Emitter *em, const NodeList *emits);
long advance_bits(const Node *call);   /* an advance's constant bits, or -1 */

/* emit_deparser.c */
void emit_deparser(Emitter *em);
void emit_deparser_computations(Emitter *em);  /* PSA: its statements, no emit */
void plan_write_through(Emitter *em);          /* before actions; declares struct p4cc_hdr_ptrs */
int write_through_slot(Emitter *em, const IrPlace *h);  /* header H's pointer slot, or -1 */
void emit_write_through(Emitter *em, Node *lhs);       /* after an assignment to LHS */

/* emit_functions.c: P4 functions as C functions; parameter lists shared
 * with actions (in by value, out/inout by pointer, names bound). */
const char *c_param_list(Emitter *em, const Type *callable);
bool c_params_ok(Emitter *em, const Type *callable); /* c_param_list can pass them */
void emit_functions(Emitter *em);
const char *emit_function_call(Emitter *em, Node *call, Node *decl);
const char *action_context_args(Emitter *em);          /* "ctx, st" [", hp"] */
const char *action_context_params(Emitter *em);

/* emit_action_run.c */
bool switch_on_applied_table(const Node *s);
/* Runs action A through CALL (C text returning nonzero when A exits; RUN
 * is the code it calls, A or its wrapper), then the arm of SW it selects
 * (SW may be NULL; A NULL: no action ran). */
void emit_action_and_arm(Emitter *em, const Node *sw, IrAction *a, IrAction *run,
                         const char *call);

/* emit_parser.c: a read of FIELD of header LV of type H (slot SLOT of
 * struct p4cc_hdr_ptrs) from the header's bytes when it is valid (0 when
 * not), or NULL when the field cannot be read so. */
const char *read_through_field(Emitter *em, int slot, const char *lv, const Type *h,
                               const char *field);

/* emit_tables.c */
void emit_table_types(Emitter *em);
void emit_table_maps(Emitter *em);
void emit_table_helpers(Emitter *em);
void emit_table_apply(Emitter *em, IrTable *t);
void emit_actions(Emitter *em);
void emit_table_init(Emitter *em);
/* Layout of tables for the C code and for p4info. */
typedef struct FieldLayout {
    int offset, size;       /* bytes */
    int align;              /* action parameters: the C alignment */
    bool network_order;
} FieldLayout;
/* FIELDS has room for one layout per key (at least one); PARAMS one per
 * parameter of the action, or is NULL; the result is the alignment the
 * parameters' struct needs. */
void table_key_layout(const IrTable *t, FieldLayout *fields, int *key_size);
int action_param_layout(const IrAction *a, FieldLayout *params, int *params_size);
/* Action data: the directionless parameters, which the control plane
 * gives; directional ones are bound in the table's actions list. */
int table_cache_slots(const IrTable *t); /* lookup cache slots (@p4cc_cache), a power of two */
bool param_is_action_data(const Param *p);
int action_data_count(const IrAction *a);
/* Whether the control plane can write action data of type T: numbers,
 * bools and structs of them. */
bool action_data_type_ok(const Type *t);
/* The C size of a value of type T as emit_types.c declares it, and its
 * alignment in *ALIGN: numbers, bools and structs of them; -1 for
 * headers, unions, stacks and the rest (emit_tables.c). */
int c_layout(const Type *t, int *align);
/* What the control plane writes of an action's data: each action data
 * parameter, or each field of a struct one ("p.f"), with its place in
 * the table's value (what p4info and the typed API list). */
typedef struct ActionDataField {
    const char *name;
    int width;              /* bits */
    int offset, size;       /* bytes, in the table's value */
    bool network_order;
} ActionDataField;
int action_data_fields(Arena *arena, const IrAction *a, ActionDataField **out);
int table_value_size(const IrTable *t);
int table_value_align(const IrTable *t);
/* The offsets of the direct counter and meter in T's value (-1: none);
 * returns where the last one ends. */
int table_direct_layout(const IrTable *t, int *counter_offset, int *meter_offset);
/* Whether T's const entries are matched in code rather than in its maps,
 * which hold them only where their direct counters or meters need an
 * entry to live in (the program inserts them, as initial entries). */
bool table_entries_in_code(const IrTable *t);

/* emit_registers.c */
void emit_register_maps(Emitter *em);
void emit_register_helpers(Emitter *em);
const char *emit_register_call(Emitter *em, Node *call);
const char *emit_register_get(Emitter *em, IrExtern *x, Node *e);   /* @register_read */
void emit_register_set(Emitter *em, IrExtern *x, Node *e);          /* @register_write */
void emit_register_get_wide(Emitter *em, IrExtern *x, const char *lhs, Node *e);

/* emit_counters.c */
void emit_counter_maps(Emitter *em);
void emit_counter_array_call(Emitter *em, Node *call, IrExtern *x, const char *method);
void emit_counter_count(Emitter *em, IrExtern *x, Node *index);     /* @counter_count */
/* On T's apply: the hit entry ENTRY (a pointer to its map value) counts. */
void emit_direct_count(Emitter *em, const IrTable *t, const char *entry);

/* emit_profiles.c: v1model's action profiles and selectors */
void emit_profile_types(Emitter *em);
void emit_profile_maps(Emitter *em);
void emit_profile_helpers(Emitter *em);
void emit_member_lookup(Emitter *em, IrTable *t);   /* in T's apply, after its lookup */

/* emit_meters.c */
void emit_meter_maps(Emitter *em);
void emit_meter_state_fields(Emitter *em);   /* in struct p4cc_state: direct meters' colours */
const char *emit_meter_execute(Emitter *em, IrExtern *x, Node *e);  /* @meter_execute */
const char *emit_direct_meter_read(Emitter *em, IrExtern *x, Node *e);
/* On T's apply: the hit entry ENTRY's meter colours the packet. */
void emit_direct_meter(Emitter *em, const IrTable *t, const char *entry);

/* emit_digest.c: v1model's digests, a ring buffer per digest type */
void emit_digest_maps(Emitter *em);                 /* records, rings, p4cc_digest_lost */
void emit_digest(Emitter *em, Node *e);             /* @digest(values...) */
const char *digest_ring_name(Emitter *em, const IrDigest *d);
/* The record's layout: FIELDS has room for one per field; *PADDED: it has
 * bytes no field covers. Returns its size. */
int digest_layout(const IrDigest *d, FieldLayout *fields, bool *padded);

/* p4ids.c: control-plane IDs, a kind byte (P4Runtime's numbering) over a
 * 24-bit hash of the name; arrays parallel to the IR's. */
enum { P4ID_ACTION = 0x01, P4ID_TABLE = 0x02, P4ID_VALUE_SET = 0x03, P4ID_ACTION_PROFILE = 0x11,
       P4ID_COUNTER = 0x12,
       P4ID_DIRECT_COUNTER = 0x13, P4ID_DIRECT_METER = 0x14, P4ID_METER = 0x15,
       P4ID_REGISTER = 0x16, P4ID_DIGEST = 0x17 };
typedef struct P4Ids {
    uint32_t *tables, *actions, *externs, *value_sets, *digests;
} P4Ids;
/* Warns (once per call) about @id annotations it cannot honour. */
P4Ids p4ids_assign(IrProgram *ir);
uint32_t p4ids_action(const P4Ids *ids, const IrProgram *ir, const IrAction *a);
uint32_t p4ids_extern_kind(const IrExtern *x);   /* its kind byte */

/* p4info.c; TRACE: with the "trace" section (emit_trace.c) */
bool write_p4info(IrProgram *ir, const P4Ids *ids, FILE *out, const char *object_name,
                  bool trace);

/* emit_trace.c: trace hooks, each nothing unless em->trace (p4cc --trace) */
void emit_trace_table(Emitter *em, const IrTable *t, const char *hit, const char *action);
void emit_trace_state(Emitter *em, int index);
void emit_trace_parser_error(Emitter *em);      /* after the label parse_reject */
void emit_trace_mcast(Emitter *em, const char *group);
void emit_trace_copy(Emitter *em, const char *group, const char *rid);  /* p4cc_egress's */
/* The program function FUNCTION in SECTION, whose code BODY writes (after
 * the line directive of AT and LEAD). With --trace, BODY runs twice: a
 * copy without hooks for packets while no trace runs, one with them
 * (p4cc_tseq in scope) while one does, and the function picks one per
 * packet; FROM: P4CC_TRACE_FROM_*. */
void emit_program_function(Emitter *em, const Node *at, const char *lead, const char *section,
                           const char *function, const char *from, void (*body)(Emitter *));
void write_trace_info(IrProgram *ir, FILE *out);   /* the p4info section */

/* emit_api.c: prog.h, the typed C API over libp4rt; HEADER_NAME is the
 * file's base name (for its include guard). */
bool write_api_header(IrProgram *ir, const P4Ids *ids, FILE *out, const char *header_name);

#endif
