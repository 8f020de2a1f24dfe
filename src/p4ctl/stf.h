/* STF packet tests (../shared/corpus/STF.md): parsing into statements.
 * No printing: errors are collected with their positions. Key and argument
 * values stay text: libp4rt reads them when the script is bound to a
 * program (runner.h). */
#ifndef P4CTL_STF_H
#define P4CTL_STF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    int line, col; /* 1-based; col counts bytes */
} StfPos;

typedef enum {
    STF_PACKET,
    STF_EXPECT,
    STF_NO_PACKET,
    STF_ADD,
    STF_SETDEFAULT,
    STF_REMOVE_ALL,
    STF_CHECK_COUNTER,
    STF_WAIT,
    /* BMv2's multicast groups: made on the test network (runner.h) */
    STF_MC_MGRP_CREATE,  /* mc_mgrp_create GROUP */
    STF_MC_NODE_CREATE,  /* mc_node_create RID PORT...: node handles count from 0 */
    STF_MC_NODE_ASSOCIATE, /* mc_node_associate GROUP HANDLE */
    /* BMv2's clone sessions: on the test network too */
    STF_MIRRORING_ADD,    /* mirroring_add SESSION PORT */
    STF_MIRRORING_ADD_MC, /* mirroring_add_mc SESSION GROUP (in group, group_pos) */
    STF_MIRRORING_DELETE, /* mirroring_delete SESSION */
    STF_MIRRORING_GET,    /* mirroring_get SESSION: no effect */
    /* p4cc's: value_set_add SET VALUE, or SET FIELD:VALUE... for a value set
     * of structs (SET in table; VALUE or the fields in keys, a VALUE's
     * name NULL) */
    STF_VALUE_SET_ADD,
    /* BMv2's registers: register_write NAME INDEX VALUE (or FIELD:VALUE...
     * for a struct element), register_read NAME INDEX (no effect on the
     * test), register_reset NAME; NAME in table, INDEX in index, the value
     * in keys as value_set_add's */
    STF_REGISTER_WRITE,
    STF_REGISTER_READ,
    STF_REGISTER_RESET,
} StfKind;

typedef enum { STF_OP_EQ, STF_OP_NE, STF_OP_LT, STF_OP_LE, STF_OP_GT, STF_OP_GE } StfOp;
typedef enum { STF_COUNT_DEFAULT, STF_COUNT_PACKETS, STF_COUNT_BYTES } StfCountKind;

/* NAME:VALUE, a key field or an action argument. */
typedef struct {
    char *name, *value;
    StfPos name_pos, value_pos;
} StfField;

typedef struct {
    char *name;
    StfPos pos;
    StfField *args;
    size_t nargs;
} StfAction;

/* Packet bytes: NIBBLES hex digits in DATA (two per byte, the last byte's
 * low nibble unused when NIBBLES is odd); CARE has 0xf for each digit that
 * must match and 0 for `*`. */
typedef struct {
    uint8_t *data, *care;
    size_t nibbles;
} StfBytes;

typedef struct {
    StfKind kind;
    StfPos pos; /* of the keyword */

    /* packet, expect */
    uint32_t port;
    StfPos port_pos;
    StfBytes bytes;
    bool exact_len; /* expect ... $ */
    bool any;       /* expect PORT alone */

    /* add, setdefault */
    char *table;
    StfPos table_pos;
    bool has_priority;
    uint32_t priority;
    StfPos priority_pos;
    StfField *keys;
    size_t nkeys;
    StfAction action;

    /* check_counter */
    char *counter;
    StfPos counter_pos;
    uint32_t index;
    StfPos index_pos;
    StfCountKind count_kind;
    StfOp op;
    uint64_t count;

    /* mc_*: GROUP, RID, PORT... and HANDLE, each with its position */
    uint32_t group, rid, handle;
    StfPos group_pos, rid_pos, handle_pos;
    uint32_t *ports;
    StfPos *ports_pos;
    size_t nports;

    /* mirroring_*: SESSION (and PORT in port, port_pos) */
    uint32_t session;
    StfPos session_pos;
} StfStmt;

typedef struct {
    StfPos pos;
    char *msg;
} StfError;

typedef struct {
    char *file;
    char *text; /* a copy of the script, for the source lines of its errors */
    size_t len;
    StfStmt *stmts;
    size_t nstmts;
    StfError *errors;
    size_t nerrors;
} StfScript;

/* Parse TEXT (LEN bytes) read from FILE. Returns 0, or -1 when the script
 * has errors (in script->errors, in order). Either way stf_free it. */
int stf_parse(const char *file, const char *text, size_t len, StfScript *script);

/* Read and parse PATH. Returns -1 with errno set (and no errors recorded)
 * when the file cannot be read; otherwise as stf_parse. */
int stf_parse_file(const char *path, StfScript *script);

void stf_free(StfScript *script);

/* Print SCRIPT's errors as FILE:LINE:COL: error: MESSAGE, each with its
 * source line and a caret. */
void stf_print_errors(FILE *out, const StfScript *script);

/* Add an error to SCRIPT (used by later passes that check names). */
void stf_error(StfScript *script, StfPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

const char *stf_op_name(StfOp op);
bool stf_op_eval(StfOp op, uint64_t a, uint64_t b);

#endif
