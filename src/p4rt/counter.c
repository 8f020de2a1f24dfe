/* Counters: cells of a CounterArray's map summed over CPUs, by name or by
 * p4info id (for generated code, where a header from an older compile of
 * a changed program fails instead of reaching another counter). See
 * include/p4rt.h and docs/RUNTIME.md ("Counters"). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const P4iCounter *find_counter(p4rt_pipeline *p, const char *name, size_t *ci)
{
    const P4iCounter *c = p4e_counter(&p->info, name);
    if (c)
        *ci = (size_t)(c - p->info.counters);
    return c;
}

int p4rt_counter_get_info(p4rt_pipeline *p, const char *counter, p4rt_counter_info *info)
{
    size_t ci;
    const P4iCounter *c = find_counter(p, counter, &ci);
    if (!c)
        return -ENOENT;
    *info = (p4rt_counter_info){c->n.name, c->id, c->size, c->sparse,
                                c->value ? c->value : "packets"};
    return 0;
}

static bool percpu(const P4rtMap *m)
{
    return m->type == BPF_MAP_TYPE_PERCPU_ARRAY || m->type == BPF_MAP_TYPE_PERCPU_HASH;
}

/* The sum of cell INDEX over CPUs; 0 for a sparse counter's missing cell. */
static int counter_sum(const P4iCounter *c, const P4rtMap *m, uint32_t index, uint64_t *sum)
{
    int ncpus = percpu(m) ? libbpf_num_possible_cpus() : 1;
    size_t vsize = m->value_size ? m->value_size : 8;
    size_t stride = percpu(m) ? (vsize + 7) / 8 * 8 : vsize;
    *sum = 0;
    if (ncpus < 1)
        return p4rt_fail(EIO, "cannot count the possible CPUs");
    uint8_t *vals = xcalloc((size_t)ncpus, stride);
    if (bpf_map_lookup_elem(m->fd, &index, vals)) {
        int e = errno;
        free(vals);
        if (e == ENOENT && c->sparse)
            return 0;
        return p4rt_fail(e, "cannot read counter '%s' cell %u: %s", c->n.name, index,
                         strerror(e));
    }
    for (int cpu = 0; cpu < ncpus; cpu++) {
        uint64_t v = 0;
        memcpy(&v, vals + (size_t)cpu * stride, vsize < 8 ? vsize : 8);
        *sum += v;
    }
    free(vals);
    return 0;
}

/* A sparse counter's cells are the indexes the program used, whatever
 * they are: any 32-bit index names one. */
static int counter_index_ok(const P4iCounter *c, long index)
{
    if (c->sparse && index >= 0 && (uint64_t)index <= UINT32_MAX)
        return 0;
    if (index < 0 || (uint64_t)index >= c->size)
        return p4rt_fail_at(ERANGE, P4RT_AT_INDEX, 0, 0, NULL,
                            "index %ld is out of range for counter '%s' (size %u)", index,
                            c->n.name, c->size);
    return 0;
}

int p4rt_counter_read(p4rt_pipeline *p, const char *counter, uint32_t index, uint64_t *value)
{
    size_t ci;
    *value = 0;
    const P4iCounter *c = find_counter(p, counter, &ci);
    if (!c)
        return -ENOENT;
    int r;
    if ((r = counter_index_ok(c, index)) < 0 || (r = p4rt_need_loaded(p)) < 0)
        return r;
    return counter_sum(c, &p->counters[ci], index, value);
}

int p4rt_counter_dump(p4rt_pipeline *p, const char *counter, p4rt_counter_fn fn, void *ctx)
{
    size_t ci;
    const P4iCounter *c = find_counter(p, counter, &ci);
    if (!c)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    const P4rtMap *m = &p->counters[ci];
    if (!c->sparse) {
        for (uint32_t i = 0; i < c->size && r == 0; i++) {
            uint64_t v;
            if ((r = counter_sum(c, m, i, &v)) == 0 && v)
                r = fn(i, v, ctx);
        }
        return r;
    }
    /* Sparse: the cells that exist, sorted. */
    size_t n = 0, cap = 16;
    uint32_t *keys = xcalloc(cap, sizeof *keys), key, *prev = NULL, pk;
    while (bpf_map_get_next_key(m->fd, prev, &key) == 0) {
        if (n == cap) {
            cap *= 2;
            keys = realloc(keys, cap * sizeof *keys);
            if (!keys)
                abort();
        }
        keys[n++] = key;
        pk = key;
        prev = &pk;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && keys[j - 1] > keys[j]; j--) {
            uint32_t t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
        }
    for (size_t i = 0; i < n && r == 0; i++) {
        uint64_t v;
        if ((r = counter_sum(c, m, keys[i], &v)) == 0 && v)
            r = fn(keys[i], v, ctx);
    }
    free(keys);
    return r;
}

static int reset_cells(p4rt_pipeline *p, const P4iCounter *c, size_t ci, long index)
{
    int r = 0;
    const P4rtMap *m = &p->counters[ci];
    if (c->sparse) {
        if (index >= 0) {
            uint32_t k = (uint32_t)index;
            if (bpf_map_delete_elem(m->fd, &k) && errno != ENOENT)
                return p4rt_fail(errno, "cannot reset counter '%s': %s", c->n.name,
                                 strerror(errno));
            return 0;
        }
        uint32_t key;
        while (bpf_map_get_next_key(m->fd, NULL, &key) == 0)
            if (bpf_map_delete_elem(m->fd, &key) && errno != ENOENT)
                return p4rt_fail(errno, "cannot reset counter '%s': %s", c->n.name,
                                 strerror(errno));
        return 0;
    }
    int ncpus = percpu(m) ? libbpf_num_possible_cpus() : 1;
    size_t vsize = m->value_size ? m->value_size : 8;
    uint8_t *zero = xcalloc((size_t)(ncpus > 0 ? ncpus : 1), (vsize + 7) / 8 * 8);
    uint32_t lo = index >= 0 ? (uint32_t)index : 0, hi = index >= 0 ? lo + 1 : c->size;
    for (uint32_t i = lo; i < hi && r == 0; i++)
        if (bpf_map_update_elem(m->fd, &i, zero, BPF_ANY))
            r = p4rt_fail(errno, "cannot reset counter '%s': %s", c->n.name, strerror(errno));
    free(zero);
    return r;
}

int p4rt_counter_reset(p4rt_pipeline *p, const char *counter, long index)
{
    size_t ci;
    const P4iCounter *c = find_counter(p, counter, &ci);
    if (!c)
        return -ENOENT;
    int r;
    if (index >= 0 && (r = counter_index_ok(c, index)) < 0)
        return r;
    if ((r = p4rt_need_loaded(p)) < 0 || (r = p4rt_lock(p, true)) < 0)
        return r;
    r = reset_cells(p, c, ci, index);
    p4rt_unlock(p);
    return r;
}

static const char *counter_name(p4rt_pipeline *p, uint32_t id)
{
    for (size_t i = 0; i < p->info.ncounters; i++)
        if (p->info.counters[i].id == id)
            return p->info.counters[i].n.name;
    p4rt_fail(ENOENT, "the program has no counter with id %u", id);
    return NULL;
}

int p4rt_counter_read_id(p4rt_pipeline *p, uint32_t counter_id, uint32_t index, uint64_t *value)
{
    const char *name = counter_name(p, counter_id);
    *value = 0;
    return name ? p4rt_counter_read(p, name, index, value) : -ENOENT;
}

int p4rt_counter_reset_id(p4rt_pipeline *p, uint32_t counter_id, long index)
{
    const char *name = counter_name(p, counter_id);
    return name ? p4rt_counter_reset(p, name, index) : -ENOENT;
}
