/* BPF objects: opening one with libbpf, checking its maps against p4info,
 * loading its XDP program (internal.h, "BPF objects"); p4rt_verify. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define BPF_LOG_LEVEL1 1
#define BPF_LOG_STATS 4
#define STATS_LOG_SIZE (64u << 10)
#define FULL_LOG_SIZE (1u << 20) /* the kernel keeps the end of a longer log */

const char *p4rt_strerror(int e)
{
    static _Thread_local char buf[128];
    libbpf_strerror(e < 0 ? -e : e, buf, sizeof buf); /* errnos, and libbpf's own codes */
    return buf;
}

int p4rt_errno(int e)
{
    e = e < 0 ? -e : e;
    if (e < __LIBBPF_ERRNO__START || e >= __LIBBPF_ERRNO__END)
        return e;
    switch (e) {
    case LIBBPF_ERRNO__VERIFY: return EACCES;
    case LIBBPF_ERRNO__PROG2BIG: return E2BIG;
    case LIBBPF_ERRNO__PROGTYPE: return EOPNOTSUPP;
    case LIBBPF_ERRNO__LIBELF: case LIBBPF_ERRNO__FORMAT: case LIBBPF_ERRNO__ENDIAN:
    case LIBBPF_ERRNO__RELOC: return ENOEXEC;
    default: return EINVAL;
    }
}

int p4prog_open(P4Prog *p, const char *path, const P4Info *info)
{
    memset(p, 0, sizeof *p);
    p->prog_fd = p->egress_fd = p->clone_fd = p->clone_orig_fd = -1;
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
    /* And a program that clones: the two programs of its sessions' maps. */
    p->clone = bpf_object__find_program_by_name(
        p->obj, info && info->clone_program ? info->clone_program : "p4cc_clone");
    p->clone_orig = bpf_object__find_program_by_name(
        p->obj, info && info->clone_orig_program ? info->clone_orig_program : "p4cc_clone_orig");
    struct bpf_program *other;
    bpf_object__for_each_program(other, p->obj)
        if (other != p->prog && other != p->egress && other != p->clone &&
            other != p->clone_orig)
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
        r = check_map(p, path, v->map, "value set", v->n.name, v->key_size,
                      v->slots ? v->slot_size : 1);
    }
    if (r == 0 && info->mcast_map &&
        (r = check_map(p, path, info->mcast_map, "multicast groups", "multicast", 4, 0)) == 0 &&
        (r = check_map(p, path, info->mcast_rid_map, "multicast rids", "multicast", 4, 0)) == 0 &&
        !p->egress)
        r = p4rt_fail(EINVAL, "%s: the object has no program '%s' (the egress of multicast copies)",
                      path, info->egress_program);
    if (r == 0 && info->clone_copies_map &&
        (r = check_map(p, path, info->clone_copies_map, "clone copies", "clone", 4, 0)) == 0 &&
        (r = check_map(p, path, info->clone_sessions_map, "clone sessions", "clone", 4, 0)) == 0 &&
        (r = check_map(p, path, info->clone_lost_map, "lost clones", "clone", 4, 8)) == 0 &&
        (!p->clone || !p->clone_orig))
        r = p4rt_fail(EINVAL, "%s: the object has no program '%s' or '%s' (the devmap programs "
                              "of clones)",
                      path, info->clone_program, info->clone_orig_program);
    return r < 0 ? r : check_map(p, path, info->ports_map, "port map", "ports", 4, 4);
}

/* Whether this process has CAP_PERFMON or CAP_SYS_ADMIN (effective): the
 * kernel's perfmon_capable(), without which the verifier refuses what it
 * calls "prohibited for !root" (pointer arithmetic on map values through
 * different paths, and more) even with CAP_BPF. */
static bool perfmon_capable(void)
{
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &hdr, data) < 0)
        return true; /* cannot tell: blame nothing on privileges */
    int caps[] = {CAP_PERFMON, CAP_SYS_ADMIN};
    for (size_t i = 0; i < 2; i++)
        if (data[caps[i] / 32].effective & (1u << (caps[i] % 32)))
            return true;
    return false;
}

/* The verifier's line that says it refused for want of privileges, in LOG
 * (NULL if none): "... prohibited for !root", "... leaks addr ...". */
static const char *privilege_complaint(const char *log, char *line, size_t size)
{
    const char *hit = strstr(log, "!root");
    if (!hit)
        return NULL;
    const char *from = hit;
    while (from > log && from[-1] != '\n')
        from--;
    const char *to = strchr(hit, '\n');
    snprintf(line, size, "%.*s", (int)(to ? to - from : (ptrdiff_t)strlen(from)), from);
    return line;
}

int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size)
{
    /* The verifier's log is empty when loading was not permitted at all; a
     * program it refused has its complaint there, whatever errno came with
     * it. Without the caller's log, a statistics log tells them apart.
     * Without CAP_PERFMON the complaint itself is needed, to tell a
     * program the verifier refuses only for want of it: then the log is
     * ours, with the instructions (the kernel keeps its end). */
    bool perfmon = perfmon_capable();
    char *own = NULL, *use = log;
    size_t use_size = log_size;
    unsigned level = log_level;
    if (!log || !log_size || (!perfmon && !(log_level & BPF_LOG_LEVEL1))) {
        use_size = perfmon ? STATS_LOG_SIZE : FULL_LOG_SIZE;
        use = own = xcalloc(1, use_size);
        level = perfmon ? BPF_LOG_STATS : BPF_LOG_LEVEL1 | BPF_LOG_STATS;
    }
    use[0] = '\0';
    bpf_program__set_log_buf(p->prog, use, use_size);
    bpf_program__set_log_level(p->prog, level);
    int r = bpf_object__load(p->obj), e = r < 0 ? -r : errno;
    bool refused = use[0] != '\0';
    char complaint[512];
    const char *privileged = r < 0 && refused && !perfmon
                                 ? privilege_complaint(use, complaint, sizeof complaint)
                                 : NULL;
    if (own && log && log_size) /* the caller's log gets its end */
        snprintf(log, log_size, "%s",
                 strlen(own) < log_size ? own : own + strlen(own) - (log_size - 1));
    free(own);
    if (r == 0) {
        p->prog_fd = bpf_program__fd(p->prog);
        p->egress_fd = p->egress ? bpf_program__fd(p->egress) : -1;
        p->clone_fd = p->clone ? bpf_program__fd(p->clone) : -1;
        p->clone_orig_fd = p->clone_orig ? bpf_program__fd(p->clone_orig) : -1;
        /* A program that resubmits or recirculates tail-calls itself
         * through slot 0 of p4cc_progs (docs/RUNTIME.md). */
        struct bpf_map *progs = bpf_object__find_map_by_name(p->obj, "p4cc_progs");
        uint32_t zero = 0;
        if (progs && bpf_map_update_elem(bpf_map__fd(progs), &zero, &p->prog_fd, BPF_ANY))
            return p4rt_fail(errno, "cannot put the program into its map p4cc_progs: %s",
                             strerror(errno));
        return 0;
    }
    if (e == EPERM && !refused)
        return p4rt_fail_not_permitted();
    if (privileged)
        return p4rt_fail(EPERM,
                         "the verifier refuses this program without CAP_PERFMON (\"%s\"): run as "
                         "root, or with CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN",
                         privileged);
    return p4rt_fail(e == EPERM ? EACCES : p4rt_errno(e), "%s", p4rt_strerror(e));
}

int p4rt_fail_not_permitted(void)
{
    return p4rt_fail(EPERM, "loading BPF programs is not permitted here (run as root, or with "
                            "CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN)");
}

void p4prog_close(P4Prog *p)
{
    if (p->obj)
        bpf_object__close(p->obj);
    memset(p, 0, sizeof *p);
    p->prog_fd = p->egress_fd = p->clone_fd = p->clone_orig_fd = -1;
}

int p4rt_verify(const char *object, unsigned log_level, char *log, size_t log_size,
                uint32_t *insns)
{
    P4RT_NONNULL(object);
    P4RT_ARG(log || !log_size, "log is NULL, with log_size %zu", log_size);
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
