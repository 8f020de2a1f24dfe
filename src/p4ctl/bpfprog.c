/* Loading a compiled program; see bpfprog.h. */
#include "bpfprog.h"

#include "tss.h"
#include "../p4rt/internal.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BPF_LOG_STATS 4
#define STATS_LOG_SIZE (64u << 10)


int p4prog_open(P4Prog *p, const char *path, const P4Info *info, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->prog_fd = -1;
    p->info = info;
    p->obj = bpf_object__open_file(path, NULL);
    if (!p->obj) {
        int e = errno;
        snprintf(err, errlen, "%s: cannot open the BPF object: %s", path, strerror(e));
        return e == ENOENT ? -ENOENT : -ENOEXEC;
    }
    p->prog = bpf_object__find_program_by_name(p->obj, "p4cc_main");
    if (!p->prog) {
        struct bpf_program *prog;
        bpf_object__for_each_program(prog, p->obj) {
            if (bpf_program__type(prog) == BPF_PROG_TYPE_XDP) {
                p->prog = prog;
                break;
            }
        }
    }
    if (!p->prog) {
        snprintf(err, errlen, "%s: no XDP program in the object (expected 'p4cc_main' in section 'xdp')",
                 path);
        bpf_object__close(p->obj);
        p->obj = NULL;
        return -ENOEXEC;
    }
    /* Only the XDP program is of interest; load nothing else. */
    struct bpf_program *other;
    bpf_object__for_each_program(other, p->obj)
        if (other != p->prog)
            bpf_program__set_autoload(other, false);
    return 0;
}

static int check_map(P4Prog *p, const char *name, const char *what, const char *owner,
                     uint32_t key_size, uint32_t value_size, char *err, size_t errlen)
{
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, name);
    if (!m) {
        snprintf(err, errlen, "the object has no map '%s' (%s '%s')", name, what, owner);
        return -1;
    }
    if (key_size && bpf_map__key_size(m) != key_size) {
        snprintf(err, errlen, "map '%s' (%s '%s') has %u-byte keys; p4info says %u", name, what,
                 owner, bpf_map__key_size(m), key_size);
        return -1;
    }
    if (value_size && bpf_map__value_size(m) != value_size) {
        snprintf(err, errlen, "map '%s' (%s '%s') has %u-byte values; p4info says %u", name, what,
                 owner, bpf_map__value_size(m), value_size);
        return -1;
    }
    return 0;
}

static int check_spare_slots(P4Prog *p, const P4iTable *t, char *err, size_t errlen)
{
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, t->slots_map);
    uint32_t want = (uint32_t)t->size + TSS_SPARE_SLOTS;
    if (m && bpf_map__max_entries(m) < want) {
        snprintf(err, errlen, "map '%s' (slots of table '%s') has %u entries; it needs %u",
                 t->slots_map, t->n.name, bpf_map__max_entries(m), want);
        return -1;
    }
    return 0;
}

int p4prog_check_maps(P4Prog *p, char *err, size_t errlen)
{
    const P4Info *info = p->info;
    for (size_t i = 0; i < info->ntables; i++) {
        const P4iTable *t = &info->tables[i];
        bool tss = t->kind == P4I_SLOTS;
        uint32_t ks = t->kind == P4I_ARRAY ? 4 : tss ? t->tss_key_size : t->key_size;
        uint32_t vs = tss ? t->tss_value_size : t->value_size;
        if (check_map(p, t->map, "table", t->n.name, ks, vs, err, errlen) < 0)
            return -1;
        if (tss && (check_map(p, t->masks_map, "masks of table", t->n.name, 4, t->mask_size, err,
                              errlen) < 0 ||
                    check_map(p, t->slots_map, "slots of table", t->n.name, 4, t->slot_size, err,
                              errlen) < 0 ||
                    check_map(p, t->header_map, "header of table", t->n.name, 4, TSS_HEADER_SIZE,
                              err, errlen) < 0 ||
                    check_spare_slots(p, t, err, errlen) < 0))
            return -1;
        if (t->default_map &&
            check_map(p, t->default_map, "default action of table", t->n.name, 4, t->value_size,
                      err, errlen) < 0)
            return -1;
        /* The cache map is the program's alone: only there. */
        if (t->cache_version_map &&
            (check_map(p, t->cache_map, "lookup cache of table", t->n.name, 0, 0, err, errlen) < 0 ||
             check_map(p, t->cache_version_map, "cache version of table", t->n.name, 4, 4, err,
                       errlen) < 0))
            return -1;
    }
    for (size_t i = 0; i < info->ncounters; i++) {
        const P4iCounter *c = &info->counters[i];
        if (check_map(p, c->map, "counter", c->n.name, 4, 0, err, errlen) < 0)
            return -1;
    }
    for (size_t i = 0; i < info->nregisters; i++) {
        const P4iRegister *r = &info->registers[i];
        if (check_map(p, r->map, "register", r->n.name, 4, r->value_size, err, errlen) < 0)
            return -1;
    }
    for (size_t i = 0; i < info->nvalue_sets; i++) {
        const P4iValueSet *v = &info->value_sets[i];
        if (check_map(p, v->map, "value set", v->n.name, v->key_size, 1, err, errlen) < 0)
            return -1;
    }
    if (check_map(p, info->ports_map, "port map", "ports", 4, 4, err, errlen) < 0)
        return -1;
    return 0;
}

int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size, char *err,
                size_t errlen)
{
    /* The verifier's log is empty when loading was not permitted at all; a
     * program it refused has its complaint there, whatever errno came with
     * it. Without the caller's log, a statistics log tells them apart. */
    char *own = NULL;
    if (!log || !log_size) {
        own = calloc(1, STATS_LOG_SIZE);
        if (!own)
            abort();
        log = own, log_size = STATS_LOG_SIZE, log_level = BPF_LOG_STATS;
    }
    log[0] = '\0';
    bpf_program__set_log_buf(p->prog, log, log_size);
    bpf_program__set_log_level(p->prog, log_level);
    int r = bpf_object__load(p->obj), e = r < 0 ? -r : errno;
    bool refused = log[0] != '\0';
    free(own);
    if (r == 0) {
        p->prog_fd = bpf_program__fd(p->prog);
        return 0;
    }
    snprintf(err, errlen, "%s", strerror(e));
    return e == EPERM && refused ? -EACCES : -e;
}

void p4prog_close(P4Prog *p)
{
    if (p->obj)
        bpf_object__close(p->obj);
    memset(p, 0, sizeof *p);
    p->prog_fd = -1;
}

int p4rt_verify(const char *object, unsigned log_level, char *log, size_t log_size,
                uint32_t *insns)
{
    P4Prog p;
    char err[512];
    if (insns)
        *insns = 0;
    int r = p4prog_open(&p, object, NULL, err, sizeof err);
    if (r < 0)
        return p4rt_fail(-r, "%s", err);
    r = p4prog_load(&p, log_level, log, log_size, err, sizeof err);
    if (r == 0) {
        struct bpf_prog_info info;
        uint32_t len = sizeof info;
        memset(&info, 0, sizeof info);
        if (insns && bpf_obj_get_info_by_fd(p.prog_fd, &info, &len) == 0)
            *insns = info.verified_insns;
    } else if (r == -EPERM) {
        r = p4rt_fail(EPERM, "loading BPF programs is not permitted here (run as root, or "
                             "with CAP_BPF and CAP_NET_ADMIN)");
    } else {
        r = p4rt_fail(-r, "%s", err);
    }
    p4prog_close(&p);
    return r;
}

/* ---------------------------------------------------------- lookup caches */

int p4cache_bump(const P4iTable *t, int version_fd, char *err, size_t errlen)
{
    uint32_t zero = 0, version = 0;
    if (!t->cache_version_map)
        return 0;
    if (version_fd < 0) {
        snprintf(err, errlen, "cannot bump the cache version of table '%s': map '%s' is not open",
                 t->n.name, t->cache_version_map);
        return -EBADF;
    }
    if (bpf_map_lookup_elem(version_fd, &zero, &version) == 0) {
        version++;
        if (bpf_map_update_elem(version_fd, &zero, &version, BPF_ANY) == 0)
            return 0;
    }
    int e = errno;
    snprintf(err, errlen, "cannot bump the cache version of table '%s' (map '%s'): %s",
             t->n.name, t->cache_version_map, strerror(e));
    return -e;
}

bool p4cache_touched(int r)
{
    return r != -EEXIST && r != -ENOENT && r != -ENOSPC;
}
