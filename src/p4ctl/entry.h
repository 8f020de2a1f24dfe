/* Table entries, default actions and counters named the way a control plane
 * names them (P4 names, aliases, p4c-ebpf spellings), encoded into the map
 * layouts of docs/RUNTIME.md. No printing, no BPF calls: errors say which
 * part of the request is wrong, so callers can point at it. */
#ifndef P4CTL_ENTRY_H
#define P4CTL_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "p4info.h"
#include "value.h"

typedef enum {
    P4E_AT_TABLE,     /* the table name (also: missing key fields, const tables) */
    P4E_AT_KEY_NAME,  /* keys[index].name */
    P4E_AT_KEY_VALUE, /* keys[index].value */
    P4E_AT_ACTION,    /* the action name (also: missing arguments) */
    P4E_AT_ARG_NAME,  /* args[index].name */
    P4E_AT_ARG_VALUE, /* args[index].value */
    P4E_AT_COUNTER,
} P4eWhere;

typedef struct {
    P4eWhere where;
    size_t index;
    size_t offset; /* *_VALUE: where in the value's text (the MASK of V&&&M, the LEN of V/LEN) */
    char msg[320];
} P4eError;

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

const P4iTable *p4e_table(const P4Info *info, const char *name, P4eError *err);
const P4iCounter *p4e_counter(const P4Info *info, const char *name, P4eError *err);
const P4iValueSet *p4e_value_set(const P4Info *info, const char *name, P4eError *err);
/* The action NAME of table T (p4c-ebpf's "_NoAction" is NoAction). */
const P4iAction *p4e_action(const P4iTable *t, const char *name, P4eError *err);

/* The value of action NAME with ARGS for table T: VALUE gets value_size
 * bytes. Every parameter must be given, except that an empty ARGS means
 * all zeros (as p4c-ebpf's tests write it: "pipe_Reject()"). */
int p4e_action_value(const P4iTable *t, const char *name, const P4eNamed *args, size_t nargs,
                     uint8_t *value, P4eError *err);

/* The same, for control planes: every parameter must be given (an empty
 * ARGS is no exception), and an unknown one is reported with the list of
 * the action's parameters. */
int p4e_action_value_strict(const P4iTable *t, const char *name, const P4eNamed *args,
                            size_t nargs, uint8_t *value, P4eError *err);

/* An entry of T. Fields of ternary, range, optional and lpm keys may be
 * left out (they then match anything); exact ones may not. */
int p4e_entry(const P4iTable *t, const P4eNamed *keys, size_t nkeys, uint32_t priority,
              const char *action, const P4eNamed *args, size_t nargs, P4Entry *entry,
              P4eError *err);
/* The same with p4e_action_value_strict's rules for the action. With
 * ACTION NULL (both functions) only the key is encoded: the value is all
 * zeros. */
int p4e_entry_strict(const P4iTable *t, const P4eNamed *keys, size_t nkeys, uint32_t priority,
                     const char *action, const P4eNamed *args, size_t nargs, P4Entry *entry,
                     P4eError *err);
void p4e_entry_free(P4Entry *entry);

#endif
