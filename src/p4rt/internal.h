/* libp4rt's insides, shared by its files and by p4ctl (which links the
 * static library and may look at the p4info of a pipeline directly). */
#ifndef P4RT_INTERNAL_H
#define P4RT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../p4ctl/bpfprog.h"
#include "../p4ctl/entry.h"
#include "../p4ctl/p4info.h"
#include "../p4ctl/tss.h"
#include "p4rt.h"

/* The "p4info" pin: an ARRAY map of one entry, this header, then the
 * p4info text. */
#define P4RT_META_MAGIC 0x54523450u /* "P4RT" */
typedef struct {
    uint32_t magic;
    uint32_t len;       /* of the p4info text that follows */
    uint64_t netns_ino; /* the network namespace the pipeline was loaded in */
} P4rtMeta;

typedef struct {
    int fd;           /* -1 if not open */
    uint32_t type;    /* enum bpf_map_type */
    uint32_t value_size, max_entries;
} P4rtMap;

struct p4rt_pipeline {
    char name[P4RT_NAME_MAX];
    P4Info info;
    char *info_text;
    size_t info_len;
    P4Prog prog; /* opened from an object: libbpf's view */
    bool have_obj, loaded;
    int prog_fd;
    uint32_t prog_id;
    uint64_t netns_ino;
    P4rtMap ports, tx, out; /* out: fd -1 when the object has no p4cc_out */
    P4rtMap *tables, *defaults, *counters, *registers, *value_sets; /* by p4info index */
    TssMaps *tss; /* by table index: the other maps of ternary tables (else -1) */
    P4rtMap *cache_versions; /* by table index: cache_version_map (fd -1 if no cache) */
};

/* Set this thread's message; returns -ERR (ERR a positive errno). */
int p4rt_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same about part PART of the request (INDEX and OFFSET as in
 * p4rt_where). NAMED, when not NULL, is put in front as "NAMED: ", outside
 * the detail (a "KEY=VALUE" the caller wrote). */
int p4rt_fail_at(int err, p4rt_part part, size_t index, size_t offset, const char *named,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The pipeline's description. */
const P4Info *p4rt_p4info(const p4rt_pipeline *p);

/* -ENOTCONN unless P is loaded. */
int p4rt_need_loaded(const p4rt_pipeline *p);

/* The inode of this process's network namespace (0 if unknown). */
uint64_t p4rt_netns_here(void);
/* Detach P's program from every port where it is attached (unloading). */
int p4rt_detach_ports(p4rt_pipeline *p);

/* Text of one key field or parameter value as stored (host-order integer
 * or network-order bytes at BYTES), in the notation that suits F. */
void p4rt_format_field(const P4iField *f, const uint8_t *bytes, char *buf, size_t size);
/* The same for a value already in P4Value's big-endian array form. */
void p4rt_format_value(const P4iField *f, const uint8_t v[P4V_BYTES], char *buf, size_t size);

#endif
