/* Running an STF script against a loaded program. stf_bind checks the
 * script's names and values against p4info (no BPF needed); stf_run executes
 * it and writes the report to a stream. */
#ifndef P4CTL_RUNNER_H
#define P4CTL_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "bpfprog.h"
#include "entry.h"
#include "p4info.h"
#include "stf.h"

/* What stf_bind resolved for each statement. */
typedef struct {
    const P4iTable *table;     /* add, setdefault */
    P4Entry entry;             /* add */
    uint8_t *value;            /* setdefault: value_size bytes */
    const P4iCounter *counter; /* check_counter */
} StfBound;

/* Resolve every table, key, action, parameter and counter name of SCRIPT in
 * INFO and encode the entries. Errors are added to script->errors. Returns
 * an array of script->nstmts (free with stf_bound_free), or NULL when there
 * were errors. */
StfBound *stf_bind(StfScript *script, const P4Info *info);
void stf_bound_free(StfBound *bound, size_t n);

typedef struct {
    FILE *out;    /* the report */
    bool verbose; /* also report what passes and what each packet did */
    unsigned passed, failed;
} StfRun;

/* Execute SCRIPT (bound to INFO) on P. Returns 0 when everything passed, 1
 * otherwise, 77 when BPF_PROG_TEST_RUN is not permitted. The counts are in
 * RUN. Does not print the summary line. */
int stf_run(StfRun *run, P4Prog *p, const P4Info *info, const StfScript *script,
            const StfBound *bound);

#endif
