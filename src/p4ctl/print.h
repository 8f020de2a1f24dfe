/* How p4ctl's results look on stdout: aligned columns of text, or with
 * --json pretty-printed JSON objects. One printer per kind of result; the
 * commands (cmd_*.c) decide what to show and hand it over. Results that
 * come one at a time from libp4rt's walks (entries, cells, members) go
 * through begin / add / end, so nothing but the printer keeps their text. */
#ifndef P4CTL_PRINT_H
#define P4CTL_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "p4rt.h"

struct json_object;

/* Rows of cells, printed with aligned columns: each row's cells end with
 * NULL; ncols is the longest row's. */
typedef struct {
    char ***rows;
    size_t nrows, ncols;
} Grid;

/* {"error": MESSAGE} on stdout: a failed command's messages under --json. */
void print_json_error(const char *message);

/* ------------------------------------------------------------- pipelines */

void print_loaded(bool json, const char *name, const p4rt_info *info);
void print_replaced(bool json, const char *name, const p4rt_info *info,
                    const p4rt_replace_info *carried);

/* A table as `pipeline show` lists it. */
typedef struct {
    p4rt_table_info t;
    size_t entries;
    bool entries_known;
    p4rt_entry_out *def; /* NULL if it could not be read */
} TableSummary;

/* Everything `pipeline show` shows. */
typedef struct {
    const char *name;
    p4rt_info info;
    const p4rt_port *ports;
    size_t nports;
    const TableSummary *tables;
    const p4rt_counter_info *counters;
    const p4rt_register_info *registers;
    const p4rt_value_set_info *value_sets;
    size_t nvalue_sets;
    uint64_t no_device_drops; /* packets dropped: their port had no interface */
} PipelineView;

void print_pipeline(bool json, const PipelineView *v);

/* A line of `pipeline list`. */
typedef struct {
    const char *name;
    bool readable; /* INFO and NPORTS are known */
    p4rt_info info;
    bool ports_known;
    size_t nports;
} PipelineRow;

void print_pipeline_list(bool json, const PipelineRow *rows, size_t n);

/* ----------------------------------------------------------------- ports */

void print_port_added(bool json, const char *pipeline, const p4rt_port *pt);
void print_ports(bool json, const p4rt_port *ports, size_t n);

/* ---------------------------------------------------------------- tables */

/* One entry (table get) or a default action (table default). */
void print_entry(bool json, const p4rt_entry_out *e);
void print_default(bool json, const p4rt_entry_out *d);

/* The dump of one table or of all of them. */
typedef struct {
    bool json;
    size_t ntables; /* done */
    /* the table under way */
    Grid g;
    bool header;
    size_t nentries;
    struct json_object *entries, *tables;
} Dump;

void dump_begin(Dump *d, bool json);
void dump_table_begin(Dump *d);
void dump_entry(Dump *d, const p4rt_entry_out *e);
/* The table under way is done: T, its entries and its default action DEF
 * (NULL if it could not be read); or it failed and shows nothing. */
void dump_table_end(Dump *d, const p4rt_table_info *t, const p4rt_entry_out *def);
void dump_table_failed(Dump *d);
/* All done: with JSON, the tables (the table alone when ONE), if OK. */
void dump_end(Dump *d, bool one, bool ok);

/* ------------------------------------------------- counters and registers */

void print_counter(bool json, const p4rt_counter_info *c, uint32_t index, uint64_t value);
void print_register(bool json, const p4rt_register_info *r, uint32_t index, uint64_t value);
/* VALUE: a cell of more than 64 bits as text ("0x..."). */
void print_register_text(bool json, const p4rt_register_info *r, uint32_t index,
                         const char *value);

/* Cells of a counter or register, as its dump finds them. */
typedef struct {
    bool json;
    Grid g;
    struct json_object *cells;
} Cells;

/* HEADING names the values' column in text ("packets", "value"). */
void cells_begin(Cells *c, bool json, const char *heading);
void cells_add(Cells *c, uint32_t index, uint64_t value);
void cells_add_text(Cells *c, uint32_t index, const char *value);
void cells_end_counter(Cells *c, const p4rt_counter_info *ci);
void cells_end_register(Cells *c, const p4rt_register_info *ri);
/* The dump stopped: the rows read so far, unindented (text only). */
void cells_failed(Cells *c);

/* ------------------------------------------------------------ value sets */

/* Members of a value set as its dump finds them; text lines go out at once. */
enum { MEMBER_FIELDS = 64 };
typedef struct {
    bool json;
    unsigned digits; /* hex digits of a member */
    struct json_object *members;
    /* a struct element's fields, which text shows one by one */
    const char *field_names[MEMBER_FIELDS];
    uint32_t field_widths[MEMBER_FIELDS];
    uint32_t nfields;
} Members;

void members_begin(Members *m, bool json, const p4rt_value_set_info *vi);
void members_add(Members *m, uint64_t value);
void members_add_text(Members *m, const char *member);
void members_end(Members *m, const p4rt_value_set_info *vi);
void members_failed(Members *m);

/* ------------------------------------------------------------------ run */

/* XDP verdicts, as the kernel numbers them. */
#define RUN_ACTIONS 5

/* A port of p4ctl run: packets in, out, and out by verdict. */
typedef struct {
    uint32_t port;
    size_t in, out;
    size_t out_by[RUN_ACTIONS]; /* XDP_PASS, XDP_TX, XDP_REDIRECT */
} RunPort;

/* Why packets were dropped, as far as it is known. */
typedef struct {
    char *why; /* "XDP_DROP", "parser: error NoMatch (prog.p4:20)", ... */
    size_t count;
} RunReason;

typedef struct {
    const RunPort *ports; /* ascending */
    size_t nports;
    size_t in, out, dropped;
    const RunReason *reasons; /* most frequent first */
    size_t nreasons;
    bool traced; /* the reasons come from the program's trace */
} RunSummary;

/* The summary as text (what summary.txt holds); free() it. */
char *run_summary_text(const RunSummary *r);
void print_run_summary(bool json, const RunSummary *r);

/* ------------------------------------------------------ multicast groups */

typedef struct {
    uint32_t group;
    const p4rt_mc_member *members; /* sorted by rid, then port */
    size_t n;
} McGroup;

/* Groups with their nodes (the ports of each rid); ONE: a single group
 * (JSON: an object, not an array). */
void print_mc_groups(bool json, const McGroup *groups, size_t n, bool one);
/* Clone sessions (ONE: a single one, an object in JSON), and LOST, the
 * clones the program could not make. */
void print_clone_sessions(bool json, const p4rt_clone_session *sessions, size_t n, bool one,
                          uint64_t lost);

#endif
