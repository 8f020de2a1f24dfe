/* Loading and driving a compiled program; see bpfprog.h. */
#include "bpfprog.h"

#include "tss.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEST_IFINDEX 1          /* lo: present in every network namespace */
#define NO_PORT 0xffffffffu     /* p4cc_out[0] before a run */
#define ETH_HLEN_MIN 14         /* the kernel's minimum for BPF_PROG_TEST_RUN */

static int map_fd(P4Prog *p, const char *name)
{
    struct bpf_map *m = name ? bpf_object__find_map_by_name(p->obj, name) : NULL;
    return m ? bpf_map__fd(m) : -1;
}

int p4prog_open(P4Prog *p, const char *path, const P4Info *info, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->prog_fd = p->ports_fd = p->out_fd = -1;
    p->info = info;
    p->obj = bpf_object__open_file(path, NULL);
    if (!p->obj) {
        int e = errno;
        snprintf(err, errlen, "%s: cannot open the BPF object: %s", path, strerror(e));
        return -1;
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
        return -1;
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
        if (t->map && check_map(p, t->map, "table", t->n.name, ks, vs, err, errlen) < 0)
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
    const char *ports = info->ports_map ? info->ports_map : "p4cc_ports";
    if (check_map(p, ports, "port map", "ports", 4, 4, err, errlen) < 0)
        return -1;
    return 0;
}

int p4prog_load(P4Prog *p, unsigned log_level, char *log, size_t log_size, char *err,
                size_t errlen)
{
    if (log && log_size) {
        log[0] = '\0';
        bpf_program__set_log_buf(p->prog, log, log_size);
        bpf_program__set_log_level(p->prog, log_level);
    }
    int r = bpf_object__load(p->obj);
    if (r) {
        int e = r < 0 ? -r : errno;
        snprintf(err, errlen, "%s", strerror(e));
        return -e;
    }
    p->prog_fd = bpf_program__fd(p->prog);
    if (p->info) {
        p->ports_fd = map_fd(p, p->info->ports_map ? p->info->ports_map : "p4cc_ports");
        p->out_fd = map_fd(p, p->info->out_map ? p->info->out_map : "p4cc_out");
    } else {
        p->ports_fd = map_fd(p, "p4cc_ports");
        p->out_fd = map_fd(p, "p4cc_out");
    }
    return 0;
}

/* For packet tests: every P4 port an output device (lo), so that the
 * program's redirects return XDP_REDIRECT with the port in p4cc_out[0]
 * (BPF_PROG_TEST_RUN does not carry the redirect out). Programs drop a
 * packet for a port without a device. */
void p4prog_test_ports(P4Prog *p)
{
    int fd = map_fd(p, p->info && p->info->tx_map ? p->info->tx_map : "p4cc_tx");
    struct bpf_map_info mi = {0};
    uint32_t len = sizeof mi;
    if (fd < 0 || bpf_obj_get_info_by_fd(fd, &mi, &len))
        return;
    uint32_t dev = TEST_IFINDEX, have;
    for (uint32_t port = 0; port < mi.max_entries; port++)
        if (bpf_map_lookup_elem(fd, &port, &have))   /* empty (a devmap has no NOEXIST) */
            bpf_map_update_elem(fd, &port, &dev, BPF_ANY);
}

int p4prog_probe_permission(char *err, size_t errlen)
{
    int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create a BPF map: %s", strerror(e));
        return -e;
    }
    close(fd);
    return 0;
}

void p4prog_close(P4Prog *p)
{
    if (p->obj)
        bpf_object__close(p->obj);
    memset(p, 0, sizeof *p);
    p->prog_fd = p->ports_fd = p->out_fd = -1;
}

long p4prog_insns_processed(const char *log)
{
    const char *s = log, *last = NULL;
    while ((s = strstr(s, "processed ")) != NULL) {
        last = s;
        s += 10;
    }
    long n;
    if (last && sscanf(last, "processed %ld insns", &n) == 1)
        return n;
    return -1;
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

/* The map NAME of table T, by ELF name (never the truncated kernel name). */
static struct bpf_map *table_map(P4Prog *p, const char *name, const P4iTable *t, char *err,
                                 size_t errlen)
{
    struct bpf_map *m = name ? bpf_object__find_map_by_name(p->obj, name) : NULL;
    if (!m)
        snprintf(err, errlen, "the object has no map '%s' (table '%s')", name ? name : "(none)",
                 t->n.name);
    return m;
}

static int map_error(char *err, size_t errlen, const char *what, const char *map, int e)
{
    if (e == E2BIG || e == ENOSPC)
        snprintf(err, errlen, "%s: map '%s' is full", what, map);
    else
        snprintf(err, errlen, "%s: map '%s': %s", what, map, strerror(e));
    return -1;
}

/* The four maps of ternary table T. */
static int tss_maps(P4Prog *p, const P4iTable *t, TssMaps *out, char *err, size_t errlen)
{
    struct bpf_map *h = table_map(p, t->map, t, err, errlen);
    struct bpf_map *m = h ? table_map(p, t->masks_map, t, err, errlen) : NULL;
    struct bpf_map *s = m ? table_map(p, t->slots_map, t, err, errlen) : NULL;
    struct bpf_map *x = s ? table_map(p, t->header_map, t, err, errlen) : NULL;
    if (!x)
        return -1;
    *out = (TssMaps){bpf_map__fd(h), bpf_map__fd(m), bpf_map__fd(s), bpf_map__fd(x)};
    return 0;
}

/* After a write to T's entries that returned R (0, or -1 with ERR set):
 * when it may have CHANGED them, T's cache version bumped. Returns R, or -1
 * when the bump fails (its message after R's, if any). */
static int after_write(P4Prog *p, const P4iTable *t, int r, bool changed, char *err,
                       size_t errlen)
{
    if (!changed || !t->cache_version_map)
        return r;
    char berr[256];
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, t->cache_version_map);
    int b = 0;
    if (!m)
        snprintf(berr, sizeof berr, "the object has no map '%s' (cache version of table '%s')",
                 t->cache_version_map, t->n.name);
    else
        b = p4cache_bump(t, bpf_map__fd(m), berr, sizeof berr);
    if (m && b == 0)
        return r;
    if (r == 0) {
        snprintf(err, errlen, "%s", berr);
    } else {
        size_t n = strlen(err);
        if (n < errlen)
            snprintf(err + n, errlen - n, "; %s", berr);
    }
    return -1;
}

/* One entry added (or replaced), without the cache bump; *CHANGED tells
 * whether the maps may have changed. */
static int add_one(P4Prog *p, const P4iTable *t, const P4Entry *e, bool *changed, char *err,
                   size_t errlen)
{
    if (t->kind == P4I_SLOTS) {
        /* An entry with the same value, mask and priority is replaced. */
        TssMaps m;
        if (tss_maps(p, t, &m, err, errlen) < 0)
            return -1;
        int r = tss_add(t, &m, e->key, e->mask, e->priority, e->value);
        if (r == -EEXIST)
            r = tss_modify(t, &m, e->key, e->mask, e->priority, e->value);
        *changed |= p4cache_touched(r);
        if (r == -ENOSPC) {
            snprintf(err, errlen, "table '%s' is full (%u entries)", t->n.name, t->size);
            return -1;
        }
        return r < 0 ? map_error(err, errlen, "cannot add the entry", t->map, -r) : 0;
    }
    struct bpf_map *m = table_map(p, t->map, t, err, errlen);
    if (!m)
        return -1;
    int fd = bpf_map__fd(m);
    const void *key = t->kind == P4I_ARRAY ? (const void *)&e->index : (const void *)e->key;
    if (bpf_map_update_elem(fd, key, e->value, BPF_ANY))
        return map_error(err, errlen, "cannot add the entry", t->map, errno);
    *changed = true;
    return 0;
}

int p4prog_table_add_many(P4Prog *p, const P4iTable *t, const P4Entry *const *entries, size_t n,
                          size_t *added, char *err, size_t errlen)
{
    /* One bump for the batch, once it is in (or has stopped). */
    bool changed = false;
    int r = 0;
    for (*added = 0; *added < n; (*added)++) {
        if (add_one(p, t, entries[*added], &changed, err, errlen) < 0) {
            r = -1;
            break;
        }
    }
    return after_write(p, t, r, changed, err, errlen);
}

int p4prog_table_add(P4Prog *p, const P4iTable *t, const P4Entry *e, char *err, size_t errlen)
{
    bool changed = false;
    int r = add_one(p, t, e, &changed, err, errlen);
    return after_write(p, t, r, changed, err, errlen);
}

int p4prog_table_set_default(P4Prog *p, const P4iTable *t, const uint8_t *value, char *err,
                             size_t errlen)
{
    /* The cache never holds the default action: no bump. */
    struct bpf_map *m = table_map(p, t->default_map, t, err, errlen);
    uint32_t zero = 0;
    if (!m)
        return -1;
    if (bpf_map_update_elem(bpf_map__fd(m), &zero, value, BPF_ANY))
        return map_error(err, errlen, "cannot set the default action", t->default_map, errno);
    return 0;
}

/* Every entry of T gone, without the cache bump. */
static int clear_maps(P4Prog *p, const P4iTable *t, char *err, size_t errlen)
{
    if (t->kind == P4I_KEYLESS)
        return 0;   /* it has none */
    if (t->kind == P4I_SLOTS) {
        TssMaps tm;
        if (tss_maps(p, t, &tm, err, errlen) < 0)
            return -1;
        int r = tss_clear(t, &tm);
        return r < 0 ? map_error(err, errlen, "cannot clear the table", t->map, -r) : 0;
    }
    struct bpf_map *m = table_map(p, t->map, t, err, errlen);
    if (!m)
        return -1;
    int fd = bpf_map__fd(m);
    if (t->kind == P4I_ARRAY) {
        size_t vsize = bpf_map__value_size(m);
        uint8_t *zero = calloc(1, vsize);
        if (!zero)
            abort();
        for (uint32_t i = 0; i < bpf_map__max_entries(m); i++) {
            if (bpf_map_update_elem(fd, &i, zero, BPF_ANY)) {
                free(zero);
                return map_error(err, errlen, "cannot clear the table", t->map, errno);
            }
        }
        free(zero);
        return 0;
    }
    size_t ksize = bpf_map__key_size(m);
    uint8_t *key = calloc(1, ksize);
    if (!key)
        abort();
    /* Deleting while walking skips entries of a hash map; start over from
     * the first key each time. */
    while (bpf_map_get_next_key(fd, NULL, key) == 0) {
        if (bpf_map_delete_elem(fd, key)) {
            free(key);
            return map_error(err, errlen, "cannot delete an entry", t->map, errno);
        }
    }
    free(key);
    return 0;
}

int p4prog_table_clear(P4Prog *p, const P4iTable *t, char *err, size_t errlen)
{
    /* Even a clear that stopped half-way may have removed entries. */
    int r = clear_maps(p, t, err, errlen);
    return after_write(p, t, r, true, err, errlen);
}

int p4prog_counter_read(P4Prog *p, const P4iCounter *c, uint32_t index, uint64_t *out, char *err,
                        size_t errlen)
{
    struct bpf_map *m = bpf_object__find_map_by_name(p->obj, c->map);
    *out = 0;
    if (!m) {
        snprintf(err, errlen, "the object has no map '%s' (counter '%s')", c->map, c->n.name);
        return -1;
    }
    if (!c->sparse && index >= bpf_map__max_entries(m)) {
        snprintf(err, errlen, "index %u is out of range for counter '%s' (size %u)", index,
                 c->n.name, bpf_map__max_entries(m));
        return -1;
    }
    enum bpf_map_type type = bpf_map__type(m);
    bool percpu = type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH;
    int ncpus = percpu ? libbpf_num_possible_cpus() : 1;
    if (ncpus < 1) {
        snprintf(err, errlen, "cannot count the possible CPUs");
        return -1;
    }
    size_t vsize = bpf_map__value_size(m), stride = percpu ? (vsize + 7) / 8 * 8 : vsize;
    uint8_t *vals = calloc((size_t)ncpus, stride);
    if (!vals)
        abort();
    if (bpf_map_lookup_elem(bpf_map__fd(m), &index, vals)) {
        int e = errno;
        free(vals);
        if (e == ENOENT)
            return 0; /* a sparse counter's untouched cell */
        snprintf(err, errlen, "cannot read counter '%s': %s", c->n.name, strerror(e));
        return -1;
    }
    for (int cpu = 0; cpu < ncpus; cpu++) {
        uint64_t v = 0;
        memcpy(&v, vals + (size_t)cpu * stride, vsize < 8 ? vsize : 8);
        *out += v;
    }
    free(vals);
    return 0;
}

int p4prog_run(P4Prog *p, uint32_t in_port, const uint8_t *pkt, size_t len, P4RunResult *res,
               int *errno_out, char *err, size_t errlen)
{
    uint32_t ifindex = TEST_IFINDEX, zero = 0, no_port = NO_PORT;
    memset(res, 0, sizeof *res);
    *errno_out = 0;
    if (len < ETH_HLEN_MIN) {
        snprintf(err, errlen,
                 "the packet has %zu bytes; BPF_PROG_TEST_RUN runs packets of at least %d",
                 len, ETH_HLEN_MIN);
        *errno_out = -EINVAL;
        return -1;
    }
    if (p->ports_fd < 0) {
        snprintf(err, errlen, "the object has no port map (p4cc_ports)");
        *errno_out = -ENOENT;
        return -1;
    }
    if (bpf_map_update_elem(p->ports_fd, &ifindex, &in_port, BPF_ANY)) {
        *errno_out = -errno;
        snprintf(err, errlen, "cannot set the input port: %s", strerror(errno));
        return -1;
    }
    if (p->out_fd >= 0)
        bpf_map_update_elem(p->out_fd, &zero, &no_port, BPF_ANY);

    size_t cap = len + 4096;
    res->data = malloc(cap);
    if (!res->data)
        abort();
    struct xdp_md ctx = {.data = 0, .data_end = (uint32_t)len, .ingress_ifindex = TEST_IFINDEX};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = (uint32_t)len,
                .data_out = res->data, .data_size_out = (uint32_t)cap, .ctx_in = &ctx,
                .ctx_size_in = sizeof ctx, .repeat = 1);
    if (bpf_prog_test_run_opts(p->prog_fd, &opts)) {
        int e = errno;
        *errno_out = -e;
        snprintf(err, errlen, "BPF_PROG_TEST_RUN failed: %s", strerror(e));
        p4prog_run_free(res);
        return -1;
    }
    res->len = opts.data_size_out;
    res->xdp_action = opts.retval;
    switch (opts.retval) {
    case XDP_ABORTED:
    case XDP_DROP:
        res->verdict = P4_VERDICT_DROP;
        break;
    case XDP_PASS:
    case XDP_TX:
        res->verdict = P4_VERDICT_OUT;
        res->port = in_port;
        break;
    case XDP_REDIRECT: {
        uint32_t port = NO_PORT;
        if (p->out_fd >= 0)
            bpf_map_lookup_elem(p->out_fd, &zero, &port);
        if (port == NO_PORT) {
            snprintf(err, errlen,
                     "the program returned XDP_REDIRECT without storing a port in p4cc_out[0]");
            p4prog_run_free(res);
            return -1;
        }
        res->verdict = P4_VERDICT_OUT;
        res->port = port;
        break;
    }
    default:
        snprintf(err, errlen, "the program returned %u, which is no XDP action", opts.retval);
        p4prog_run_free(res);
        return -1;
    }
    return 0;
}

void p4prog_run_free(P4RunResult *res)
{
    free(res->data);
    res->data = NULL;
    res->len = 0;
}
