/* BPF objects: opening one with libbpf, checking its maps against p4info,
 * loading its XDP program (internal.h, "BPF objects"); p4rt_verify. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BPF_LOG_STATS 4
#define STATS_LOG_SIZE (64u << 10)

int p4prog_open(P4Prog *p, const char *path, const P4Info *info)
{
    memset(p, 0, sizeof *p);
    p->prog_fd = p->egress_fd = -1;
    p->info = info;
    p->obj = bpf_object__open_file(path, NULL);
    if (!p->obj) {
        int e = errno;
        char why[128];
        libbpf_strerror(e, why, sizeof why); /* also libbpf's own codes (not ELF, ...) */
        return p4rt_fail(e == ENOENT ? ENOENT : ENOEXEC, "%s: cannot open the BPF object: %s",
                         path, why);
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
        bpf_object__close(p->obj);
        p->obj = NULL;
        return p4rt_fail(ENOEXEC,
                         "%s: no XDP program in the object (expected 'p4cc_main' in section "
                         "'xdp')",
                         path);
    }
    /* Only the XDP program is of interest, and the egress function of a
     * program that copies packets (docs/RUNTIME.md, "Traffic manager:
     * copies"), which the devmap entries of its groups name; load nothing
     * else. */
    p->egress = bpf_object__find_program_by_name(
        p->obj, info && info->egress_program ? info->egress_program : P4RT_EGRESS_PROGRAM);
    struct bpf_program *other;
    bpf_object__for_each_program(other, p->obj)
        if (other != p->prog && other != p->egress)
            bpf_program__set_autoload(other, false);
    return 0;
}

/* Map NAME of OWNER (WHAT: "table", ...) has the sizes p4info gives (0:
 * any); messages start with PATH, the object's. */
static int check_map(P4Prog *p, const char *path, const char *name, const char *what,
                     const char *owner, uint32_t key_size, uint32_t value_size)
{
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, name);
    if (!m)
        return p4rt_fail(EINVAL, "%s: the object has no map '%s' (%s '%s')", path, name, what,
                         owner);
    if (key_size && bpf_map__key_size(m) != key_size)
        return p4rt_fail(EINVAL, "%s: map '%s' (%s '%s') has %u-byte keys; p4info says %u", path,
                         name, what, owner, bpf_map__key_size(m), key_size);
    if (value_size && bpf_map__value_size(m) != value_size)
        return p4rt_fail(EINVAL, "%s: map '%s' (%s '%s') has %u-byte values; p4info says %u",
                         path, name, what, owner, bpf_map__value_size(m), value_size);
    return 0;
}

static int check_spare_slots(P4Prog *p, const char *path, const P4iTable *t)
{
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, t->slots_map);
    uint32_t want = (uint32_t)t->size + TSS_SPARE_SLOTS;
    if (m && bpf_map__max_entries(m) < want)
        return p4rt_fail(EINVAL, "%s: map '%s' (slots of table '%s') has %u entries; it needs %u",
                         path, t->slots_map, t->n.name, bpf_map__max_entries(m), want);
    return 0;
}

int p4prog_check_maps(P4Prog *p, const char *path)
{
    const P4Info *info = p->info;
    int r = 0;
    for (size_t i = 0; i < info->ntables && r == 0; i++) {
        const P4iTable *t = &info->tables[i];
        const char *n = t->n.name;
        bool tss = t->kind == P4I_SLOTS;
        uint32_t ks = t->kind == P4I_ARRAY ? 4 : tss ? t->tss_key_size : t->key_size;
        uint32_t vs = tss ? t->tss_value_size : t->value_size;
        if (t->map)   /* a keyless table has none */
            r = check_map(p, path, t->map, "table", n, ks, vs);
        if (r == 0 && tss &&
            (r = check_map(p, path, t->masks_map, "masks of table", n, 4, t->mask_size)) == 0 &&
            (r = check_map(p, path, t->slots_map, "slots of table", n, 4, t->slot_size)) == 0 &&
            (r = check_map(p, path, t->header_map, "header of table", n, 4, TSS_HEADER_SIZE)) == 0)
            r = check_spare_slots(p, path, t);
        if (r == 0 && t->default_map)
            r = check_map(p, path, t->default_map, "default action of table", n, 4, t->value_size);
        /* The cache map is the program's alone: only there. */
        if (r == 0 && t->cache_version_map &&
            (r = check_map(p, path, t->cache_map, "lookup cache of table", n, 0, 0)) == 0)
            r = check_map(p, path, t->cache_version_map, "cache version of table", n, 4, 4);
    }
    for (size_t i = 0; i < info->ncounters && r == 0; i++) {
        const P4iCounter *c = &info->counters[i];
        r = check_map(p, path, c->map, "counter", c->n.name, 4, 0);
    }
    for (size_t i = 0; i < info->nregisters && r == 0; i++) {
        const P4iRegister *g = &info->registers[i];
        r = check_map(p, path, g->map, "register", g->n.name, 4, g->value_size);
    }
    for (size_t i = 0; i < info->nvalue_sets && r == 0; i++) {
        const P4iValueSet *v = &info->value_sets[i];
        r = check_map(p, path, v->map, "value set", v->n.name, v->key_size, 1);
    }
    if (r == 0 && info->mcast_map &&
        (r = check_map(p, path, info->mcast_map, "multicast groups", "multicast", 4, 0)) == 0 &&
        (r = check_map(p, path, info->mcast_rid_map, "multicast rids", "multicast", 4, 0)) == 0 &&
        !p->egress)
        r = p4rt_fail(EINVAL, "%s: the object has no program '%s' (the egress of multicast copies)",
                      path, info->egress_program);
    return r < 0 ? r : check_map(p, path, info->ports_map, "port map", "ports", 4, 4);
}

int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size)
{
    /* The verifier's log is empty when loading was not permitted at all; a
     * program it refused has its complaint there, whatever errno came with
     * it. Without the caller's log, a statistics log tells them apart. */
    char *own = NULL;
    if (!log || !log_size) {
        own = xcalloc(1, STATS_LOG_SIZE);
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
        p->egress_fd = p->egress ? bpf_program__fd(p->egress) : -1;
        return 0;
    }
    if (e == EPERM && !refused)
        return p4rt_fail_not_permitted();
    return p4rt_fail(e == EPERM ? EACCES : e, "%s", strerror(e));
}

int p4rt_fail_not_permitted(void)
{
    return p4rt_fail(EPERM, "loading BPF programs is not permitted here (run as root, or with "
                            "CAP_BPF and CAP_NET_ADMIN)");
}

void p4prog_close(P4Prog *p)
{
    if (p->obj)
        bpf_object__close(p->obj);
    memset(p, 0, sizeof *p);
    p->prog_fd = p->egress_fd = -1;
}

int p4rt_verify(const char *object, unsigned log_level, char *log, size_t log_size,
                uint32_t *insns)
{
    P4Prog p;
    if (insns)
        *insns = 0;
    int r = p4prog_open(&p, object, NULL);
    if (r < 0)
        return r;
    if ((r = p4prog_load(&p, log_level, log, log_size)) == 0 && insns) {
        struct bpf_prog_info info;
        uint32_t len = sizeof info;
        memset(&info, 0, sizeof info);
        if (bpf_obj_get_info_by_fd(p.prog_fd, &info, &len) == 0)
            *insns = info.verified_insns;
    }
    p4prog_close(&p);
    return r;
}
