/* A compiled P4 program: opening the object, checking its maps against
 * p4info, loading it (with the verifier's log). Follows docs/RUNTIME.md.
 * No printing: errors go to the caller's buffer, and libbpf's own messages
 * to whatever libbpf_set_print the caller installed. */
#ifndef P4CTL_BPFPROG_H
#define P4CTL_BPFPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "p4info.h"

struct bpf_object;
struct bpf_program;

typedef struct {
    struct bpf_object *obj;
    struct bpf_program *prog;
    int prog_fd;
    const P4Info *info; /* may be NULL (verify only) */
} P4Prog;

/* Open the object at PATH (not loaded yet). INFO, when not NULL, names the
 * maps. Returns 0, or with ERR set -ENOENT (no such file) or -ENOEXEC (not
 * a BPF object, or one without an XDP program). */
int p4prog_open(P4Prog *p, const char *path, const P4Info *info, char *err, size_t errlen);

/* Check that the object's maps are the ones P->info describes: every table,
 * default and counter map present, with the key and value sizes p4info
 * gives. Returns 0 or -1 with ERR set. */
int p4prog_check_maps(P4Prog *p, char *err, size_t errlen);

/* Load it. LOG_LEVEL (1 = instructions, 2 = more, 4 = statistics) and
 * LOG/LOG_SIZE ask for the verifier's log (LOG NULL: none). Returns 0 or a
 * negative errno with ERR set: -EPERM only when loading BPF programs is
 * not permitted, a refusal that came with EPERM is -EACCES. */
int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size, char *err,
                size_t errlen);

void p4prog_close(P4Prog *p);

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

#endif
