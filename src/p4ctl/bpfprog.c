/* Loading and driving a compiled program; see bpfprog.h. */
#include "bpfprog.h"

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

int p4prog_check_maps(P4Prog *p, char *err, size_t errlen)
{
    const P4Info *info = p->info;
    for (size_t i = 0; i < info->ntables; i++) {
        const P4iTable *t = &info->tables[i];
        uint32_t ks = t->kind == P4I_ARRAY || t->kind == P4I_SLOTS ? 4 : t->key_size;
        uint32_t vs = t->kind == P4I_SLOTS ? t->slot_size : t->value_size;
        if (check_map(p, t->map, "table", t->n.name, ks, vs, err, errlen) < 0)
            return -1;
        if (t->default_map &&
            check_map(p, t->default_map, "default action of table", t->n.name, 4, t->value_size,
                      err, errlen) < 0)
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

/* Slots of a ternary table read by one batched lookup. */
#define SLOT_BATCH 1024u

/* Reads slots FIRST .. FIRST + N - 1 (N <= SLOT_BATCH) of the ARRAY map FD
 * into OUT (N * SIZE bytes): one batched lookup where the kernel has it
 * (5.6 and later), else one lookup per slot. 0, or -1 with errno set. */
static int read_slots(int fd, uint32_t first, uint32_t n, uint32_t size, uint8_t *out)
{
    uint32_t keys[SLOT_BATCH], prev = first - 1, last, count = n;
    /* The batch cursor is the last key read before: the batch starts at
     * the key after it (no cursor: at the first key). */
    int r = bpf_map_lookup_batch(fd, first ? &prev : NULL, &last, keys, out, &count, NULL);
    if ((r == 0 || errno == ENOENT) && count == n) {
        for (uint32_t j = 0; j < n; j++)
            if (keys[j] != first + j)
                goto one_by_one;
        return 0;
    }
    if (r != 0 && errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOENT)
        return -1;
one_by_one:
    for (uint32_t j = 0; j < n; j++) {
        uint32_t key = first + j;
        if (bpf_map_lookup_elem(fd, &key, out + (size_t)j * size))
            return -1;
    }
    return 0;
}

int p4prog_table_add_many(P4Prog *p, const P4iTable *t, const P4Entry *const *entries, size_t n,
                          size_t *added, char *err, size_t errlen)
{
    *added = 0;
    if (t->kind != P4I_SLOTS) {
        for (; *added < n; (*added)++)
            if (p4prog_table_add(p, t, entries[*added], err, errlen) < 0)
                return -1;
        return 0;
    }
    struct bpf_map *m = table_map(p, t->map, t, err, errlen);
    if (!m)
        return -1;
    int fd = bpf_map__fd(m);
    /* All slots are read once (in batches); each entry then replaces the
     * one with the same value, mask and priority, else takes the first
     * free slot, and only its slot is written back. */
    size_t ss = t->slot_size;
    uint8_t *slots = malloc((size_t)t->size * ss + 1);
    if (!slots)
        abort();
    for (uint32_t i = 0; i < t->size; i += SLOT_BATCH) {
        uint32_t k = t->size - i < SLOT_BATCH ? t->size - i : SLOT_BATCH;
        if (read_slots(fd, i, k, t->slot_size, slots + (size_t)i * ss) < 0) {
            map_error(err, errlen, "cannot read a slot", t->map, errno);
            free(slots);
            return -1;
        }
    }
    for (; *added < n; (*added)++) {
        const P4Entry *e = entries[*added];
        uint32_t found = UINT32_MAX, free_slot = UINT32_MAX;
        for (uint32_t i = 0; i < t->size && found == UINT32_MAX; i++) {
            const uint8_t *s = slots + (size_t)i * ss;
            uint32_t in_use, prio;
            memcpy(&in_use, s, 4);
            memcpy(&prio, s + 4, 4);
            if (!in_use) {
                if (free_slot == UINT32_MAX)
                    free_slot = i;
            } else if (prio == e->priority &&
                       memcmp(s + t->slot_value_offset, e->key, t->key_size) == 0 &&
                       memcmp(s + t->slot_mask_offset, e->mask, t->key_size) == 0) {
                found = i;
            }
        }
        uint32_t i = found != UINT32_MAX ? found : free_slot;
        if (i == UINT32_MAX) {
            snprintf(err, errlen, "table '%s' is full (%u entries)", t->n.name, t->size);
            free(slots);
            return -1;
        }
        uint8_t *slot = slots + (size_t)i * ss;
        uint32_t one = 1;
        memset(slot, 0, ss);
        memcpy(slot, &one, 4);
        memcpy(slot + 4, &e->priority, 4);
        memcpy(slot + t->slot_value_offset, e->key, t->key_size);
        memcpy(slot + t->slot_mask_offset, e->mask, t->key_size);
        memcpy(slot + t->slot_action_offset, e->value, t->value_size);
        if (bpf_map_update_elem(fd, &i, slot, BPF_ANY)) {
            map_error(err, errlen, "cannot add the entry", t->map, errno);
            free(slots);
            return -1;
        }
    }
    free(slots);
    return 0;
}

int p4prog_table_add(P4Prog *p, const P4iTable *t, const P4Entry *e, char *err, size_t errlen)
{
    if (t->kind == P4I_SLOTS) {
        size_t added;
        return p4prog_table_add_many(p, t, &e, 1, &added, err, errlen);
    }
    struct bpf_map *m = table_map(p, t->map, t, err, errlen);
    if (!m)
        return -1;
    int fd = bpf_map__fd(m);
    const void *key = t->kind == P4I_ARRAY ? (const void *)&e->index : (const void *)e->key;
    if (bpf_map_update_elem(fd, key, e->value, BPF_ANY))
        return map_error(err, errlen, "cannot add the entry", t->map, errno);
    return 0;
}

int p4prog_table_set_default(P4Prog *p, const P4iTable *t, const uint8_t *value, char *err,
                             size_t errlen)
{
    struct bpf_map *m = table_map(p, t->default_map, t, err, errlen);
    uint32_t zero = 0;
    if (!m)
        return -1;
    if (bpf_map_update_elem(bpf_map__fd(m), &zero, value, BPF_ANY))
        return map_error(err, errlen, "cannot set the default action", t->default_map, errno);
    return 0;
}

int p4prog_table_clear(P4Prog *p, const P4iTable *t, char *err, size_t errlen)
{
    struct bpf_map *m = table_map(p, t->map, t, err, errlen);
    if (!m)
        return -1;
    int fd = bpf_map__fd(m);
    if (t->kind == P4I_ARRAY || t->kind == P4I_SLOTS) {
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
