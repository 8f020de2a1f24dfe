/* Running an STF script on a pipeline, through libp4rt's public functions
 * as any control plane uses them. stf_bind checks the script's names and
 * values against a pipeline opened from p4info alone (nothing loaded);
 * stf_run executes it on a loaded one and writes the report to a stream. */
#ifndef P4CTL_RUNNER_H
#define P4CTL_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "p4rt.h"
#include "stf.h"

/* What stf_bind made of a statement: add and setdefault as libp4rt takes
 * them, the names as the program spells them. All of it owned. */
typedef struct {
    char *table;      /* add, setdefault */
    p4rt_entry entry; /* add: all of it; setdefault: the action and its arguments */
    char *counter;    /* check_counter */
    char *member;     /* value_set_add: as p4rt_value_set_add takes it (table: the set) */
} StfBound;

/* Check every table, key, action, parameter, value and counter of SCRIPT
 * against DESC (p4rt_open_p4info). Errors are added to script->errors.
 * Returns an array of script->nstmts (free with stf_bound_free), or NULL
 * when there were errors. */
StfBound *stf_bind(StfScript *script, p4rt_pipeline *desc);
void stf_bound_free(StfBound *bound, size_t n);

/* Carry out the add or setdefault statement X, bound as B, on P as stf_run
 * does (the benchmark fills its programs' tables with it). Returns 0 or a
 * negative errno with p4rt_errmsg(). */
int stf_apply(p4rt_pipeline *p, const StfStmt *x, const StfBound *b);

struct Portcap;
struct TestNet;

typedef struct {
    FILE *out;    /* the report */
    bool verbose; /* also report what passes and what each packet did */
    /* NULL: packets run with BPF_PROG_TEST_RUN; else they are sent into the
     * pipeline's ports on this network (testnet.h), as real traffic. */
    struct TestNet *net;
    unsigned passed, failed;
    struct Portcap *pcap; /* when not NULL, gets every packet sent, expected and out */
    p4rt_trace *trace;    /* when not NULL, each packet's trace is printed after it */
} StfRun;

/* Run PKT (LEN bytes) arriving on PORT as stf_run runs a packet: shorter
 * than 14 bytes, padded with zeros (and to 64 when the run aborts, as a
 * packet start moved past the last 14 bytes does), the padding cut from
 * what comes out. *OUT gets the packet that came out (free() it; NULL when
 * it was dropped or on failure). Returns as p4rt_test_run. */
int stf_run_packet(p4rt_pipeline *p, uint32_t port, const uint8_t *pkt, size_t len,
                   uint8_t **out, p4rt_test_result *res);

/* Execute SCRIPT (bound by stf_bind) on the loaded pipeline P, whose
 * ports without a device get lo first (p4rt_test_ports). Returns 0
 * when everything passed, 1 otherwise, 77 when BPF_PROG_TEST_RUN is not
 * permitted. The counts are in RUN. Does not print the summary line. */
int stf_run(StfRun *run, p4rt_pipeline *p, const StfScript *script, const StfBound *bound);

/* Whether SCRIPT must run on a test network (testnet.h) rather than with
 * BPF_PROG_TEST_RUN: it makes multicast groups, whose copies this kernel
 * makes only for real frames. */
bool stf_needs_network(const StfScript *script);
/* The ports SCRIPT's packets, expects and nodes name, in *PORTS (free() it;
 * in script order, with repeats); returns how many. */
size_t stf_ports(const StfScript *script, uint32_t **ports);

#endif
