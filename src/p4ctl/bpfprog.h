/* A compiled P4 program in the kernel: loading it (with the verifier's log),
 * writing its tables, reading its counters, running packets through it with
 * BPF_PROG_TEST_RUN. Follows docs/RUNTIME.md. No printing: errors go to the
 * caller's buffer, and libbpf's own messages to whatever libbpf_set_print
 * the caller installed. */
#ifndef P4CTL_BPFPROG_H
#define P4CTL_BPFPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "p4info.h"

struct bpf_object;
struct bpf_program;

typedef struct {
    struct bpf_object *obj;
    struct bpf_program *prog;
    int prog_fd;
    int ports_fd, out_fd; /* -1 when the object has no such map */
    const P4Info *info;   /* may be NULL (verify only) */
} P4Prog;

/* Open the object at PATH (not loaded yet). INFO, when not NULL, names the
 * maps. Returns 0 or -1 with ERR set. */
int p4prog_open(P4Prog *p, const char *path, const P4Info *info, char *err, size_t errlen);

/* Check that the object's maps are the ones P->info describes: every table,
 * default and counter map present, with the key and value sizes p4info
 * gives. Returns 0 or -1 with ERR set. */
int p4prog_check_maps(P4Prog *p, char *err, size_t errlen);

/* Load it. LOG_LEVEL (1 = instructions, 2 = more, 4 = statistics; 0 = no log)
 * and LOG/LOG_SIZE ask for the verifier's log. Returns 0 or a negative errno
 * (-EPERM: not permitted) with ERR set. */
int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size, char *err,
                size_t errlen);

void p4prog_close(P4Prog *p);

/* Whether this process may create BPF maps and load programs: 0, or a
 * negative errno (-EPERM: not permitted) with ERR set. */
int p4prog_probe_permission(char *err, size_t errlen);

/* The "processed N insns" count of a verifier log; -1 if not found. */
long p4prog_insns_processed(const char *log);

/* Table operations. Return 0 or -1 with ERR set. Those that change
 * entries bump the table's cache version (p4cache_bump) once they are
 * done, also after a failure that may have changed some of them. */
int p4prog_table_add(P4Prog *p, const P4iTable *t, const P4Entry *e, char *err, size_t errlen);
/* ENTRIES[0..N) in order, as by p4prog_table_add, with *ADDED set to how
 * many were added (on failure, the index of the failing one). */
int p4prog_table_add_many(P4Prog *p, const P4iTable *t, const P4Entry *const *entries, size_t n,
                          size_t *added, char *err, size_t errlen);
int p4prog_table_set_default(P4Prog *p, const P4iTable *t, const uint8_t *value, char *err,
                             size_t errlen);
int p4prog_table_clear(P4Prog *p, const P4iTable *t, char *err, size_t errlen);

/* Lookup caches (docs/RUNTIME.md, "Lookup cache"): a table with a
 * cache_version_map counts as changed only once the u32 in cell 0 of that
 * map has been incremented, which every writer of its entries does after
 * each change (add, modify, delete, clear, a batch), never for a default
 * action. The one place that does it for libp4rt and p4ctl.
 *
 * Increment table T's cache version: read cell 0 of VERSION_FD (T's
 * cache_version_map), add 1, write it back. Nothing when T has no cache.
 * Returns 0, or a negative errno with ERR set (-EBADF: T has a cache but
 * VERSION_FD is not open). */
int p4cache_bump(const P4iTable *t, int version_fd, char *err, size_t errlen);

/* Whether a write to a table's entries that returned R (0 or a negative
 * errno) may have changed them: yes, unless it was refused before anything
 * was written (-EEXIST, -ENOENT, -ENOSPC). */
bool p4cache_touched(int r);

/* The sum over CPUs of counter C's cell INDEX. */
int p4prog_counter_read(P4Prog *p, const P4iCounter *c, uint32_t index, uint64_t *out, char *err,
                        size_t errlen);

typedef enum { P4_VERDICT_DROP, P4_VERDICT_OUT } P4Verdict;

typedef struct {
    uint32_t xdp_action; /* what the program returned */
    P4Verdict verdict;
    uint32_t port;       /* P4_VERDICT_OUT: the output port */
    uint8_t *data;       /* the packet as it left (malloc'd) */
    size_t len;
} P4RunResult;

/* Run one packet that arrives on P4 port IN_PORT: p4cc_ports[1] = IN_PORT,
 * ingress ifindex 1. XDP_PASS and XDP_TX leave on IN_PORT, XDP_REDIRECT on
 * the port the program stored in p4cc_out[0]; XDP_DROP and XDP_ABORTED
 * drop. Returns 0, or -1 with ERR set (negative errno in *ERRNO_OUT). */
/* For packet tests: every P4 port gets an output device (lo). */
void p4prog_test_ports(P4Prog *p);
int p4prog_run(P4Prog *p, uint32_t in_port, const uint8_t *pkt, size_t len, P4RunResult *res,
               int *errno_out, char *err, size_t errlen);
void p4prog_run_free(P4RunResult *res);

#endif
