/* v1model's digests (docs/RUNTIME.md, "Digests"): each digest type's ring
 * buffer read with libbpf's ring_buffer, one manager per pipeline handle
 * for all the digests it watches, and each record decoded into named field
 * values by p4info's layout. See include/p4rt.h. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Room for a field's text: an IPv6 address, a 512-bit number in hex, a
 * member's name. */
#define TEXT_MAX 160

typedef struct {
    p4rt_pipeline *p;
    size_t index;           /* into p->info.digests */
    p4rt_digest_fn fn;
    void *ctx;
    int ring_fd;
    p4rt_digest_value *values;
    uint8_t (*bytes)[P4V_BYTES];
    char (*text)[TEXT_MAX];
} Watch;

struct P4rtDigests {
    struct ring_buffer *rb;  /* every watch's ring; NULL while none */
    Watch **watches;
    size_t n;
    int stopped;             /* a function's non-zero return */
    bool polling;            /* inside ring_buffer__poll: the rings must stay */
};

static const char *pipeline_name(const p4rt_pipeline *p)
{
    return p->name[0] ? p->name : p->info.program;
}

/* DIGEST's index in P's p4info; -ENOENT (naming the digests there are). */
static long find_digest(const p4rt_pipeline *p, const char *digest)
{
    long a, b, i = P4I_LOOKUP(p->info.digests, p->info.ndigests, digest, &a, &b);
    if (i >= 0)
        return i;
    if (i == -2)
        return p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "'%s' names two digests: %s and %s",
                            digest, p->info.digests[a].n.name, p->info.digests[b].n.name);
    if (!p->info.ndigests)
        return p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "pipeline '%s' has no digest "
                            "'%s': its program sends none", pipeline_name(p), digest);
    char have[256] = "";
    size_t used = 0;
    for (size_t k = 0; k < p->info.ndigests && used < sizeof have; k++)
        used += (size_t)snprintf(have + used, sizeof have - used, "%s%s", k ? ", " : "",
                                 p->info.digests[k].n.name);
    return p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "pipeline '%s' has no digest '%s' "
                        "(its digests: %s)", pipeline_name(p), digest, have);
}

size_t p4rt_digest_count(const p4rt_pipeline *p)
{
    return p ? p->info.ndigests : 0;
}

const char *p4rt_digest_name(const p4rt_pipeline *p, size_t i)
{
    return p && i < p->info.ndigests ? p->info.digests[i].n.name : NULL;
}

int p4rt_digest_get_info(p4rt_pipeline *p, const char *digest, p4rt_digest_info *info)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(digest);
    P4RT_NONNULL(info);
    long i = find_digest(p, digest);
    if (i < 0)
        return (int)i;
    const P4iDigest *d = &p->info.digests[i];
    *info = (p4rt_digest_info){d->n.name, d->id, (uint32_t)d->nfields, d->size};
    return 0;
}

int p4rt_digest_get_field(p4rt_pipeline *p, const char *digest, size_t i,
                          p4rt_digest_field_info *field)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(digest);
    P4RT_NONNULL(field);
    long k = find_digest(p, digest);
    if (k < 0)
        return (int)k;
    const P4iDigest *d = &p->info.digests[k];
    if (i >= d->nfields)
        return p4rt_fail(ERANGE, "digest '%s' has %zu fields, not %zu", d->n.name, d->nfields,
                         i + 1);
    const P4iDigestField *f = &d->fields[i];
    *field = (p4rt_digest_field_info){f->f.n.name, f->f.width, f->kind, f->is_signed,
                                      f->type_name};
    return 0;
}

/* A record's field F into V (big-endian, right-aligned, the field's bits
 * only). */
static void load(const P4iDigestField *f, const uint8_t *record, uint8_t v[P4V_BYTES])
{
    const uint8_t *at = record + f->f.offset;
    memset(v, 0, P4V_BYTES);
    if (f->f.network) {
        memcpy(v + P4V_BYTES - f->f.size, at, f->f.size);
    } else {
        uint64_t n = 0;
        switch (f->f.size) {
        case 1: { uint8_t x; memcpy(&x, at, 1); n = x; break; }
        case 2: { uint16_t x; memcpy(&x, at, 2); n = x; break; }
        case 4: { uint32_t x; memcpy(&x, at, 4); n = x; break; }
        default: memcpy(&n, at, 8); break;
        }
        p4v_from_u64(v, n);
    }
    uint8_t mask[P4V_BYTES];
    p4v_ones(mask, f->f.width);
    for (int i = 0; i < P4V_BYTES; i++)
        v[i] &= mask[i];
}

static uint64_t low64(const uint8_t v[P4V_BYTES])
{
    uint64_t n = 0;
    for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
        n = n << 8 | v[i];
    return n;
}

static void format(const P4iDigestField *f, const uint8_t v[P4V_BYTES], char *buf)
{
    uint64_t n = low64(v);
    if (f->kind == P4RT_DIGEST_BOOL) {
        snprintf(buf, TEXT_MAX, "%s", n ? "true" : "false");
        return;
    }
    for (size_t m = 0; m < f->nmembers; m++)
        if (f->member_values[m] == n) {
            snprintf(buf, TEXT_MAX, "%s", f->member_names[m]);
            return;
        }
    if (f->is_signed && f->f.width <= 64) {
        int64_t s = f->f.width < 64 && (n >> (f->f.width - 1)) & 1
                    ? (int64_t)(n | ~((UINT64_C(1) << f->f.width) - 1)) : (int64_t)n;
        snprintf(buf, TEXT_MAX, "%" PRId64, s);
        return;
    }
    if (f->kind != P4RT_DIGEST_BITS) {   /* a number no member has */
        snprintf(buf, TEXT_MAX, "%" PRIu64, n);
        return;
    }
    p4rt_format_value(&f->f, v, buf, TEXT_MAX);
}

static int on_record(void *ctx, void *data, size_t size)
{
    Watch *w = ctx;
    const P4iDigest *d = &w->p->info.digests[w->index];
    struct P4rtDigests *ds = w->p->digests;
    if (size < d->size)
        return 0;   /* not a record of this program's layout */
    for (size_t i = 0; i < d->nfields; i++) {
        const P4iDigestField *f = &d->fields[i];
        load(f, data, w->bytes[i]);
        format(f, w->bytes[i], w->text[i]);
        w->values[i] = (p4rt_digest_value){
            .name = f->f.n.name, .width = f->f.width, .kind = f->kind,
            .bytes = w->bytes[i] + P4V_BYTES - (f->f.width + 7) / 8,
            .value = low64(w->bytes[i]), .text = w->text[i]};
    }
    p4rt_digest dg = {d->n.name, d->id, d->nfields, w->values, data, size};
    int r = w->fn(&dg, w->ctx);
    if (r) {
        ds->stopped = r;
        return -ECANCELED;   /* libbpf stops after this record */
    }
    return 0;
}

static void free_watch(Watch *w)
{
    if (w->ring_fd >= 0)
        close(w->ring_fd);
    free(w->values);
    free(w->bytes);
    free(w->text);
    free(w);
}

/* The ring buffer manager over every watch's ring, anew. */
static int rebuild(p4rt_pipeline *p)
{
    struct P4rtDigests *ds = p->digests;
    ring_buffer__free(ds->rb);
    ds->rb = NULL;
    for (size_t i = 0; i < ds->n; i++) {
        Watch *w = ds->watches[i];
        int r = ds->rb ? ring_buffer__add(ds->rb, w->ring_fd, on_record, w) : 0;
        if (!ds->rb && !(ds->rb = ring_buffer__new(w->ring_fd, on_record, w, NULL)))
            r = -errno;
        if (r < 0)
            return p4rt_fail(-r, "cannot read digest '%s''s ring buffer: %s",
                             p->info.digests[w->index].n.name, p4rt_strerror(r));
    }
    return 0;
}

/* -EBUSY inside a poll's callback, which runs on the rings a change
 * would free. */
static int not_polling(const p4rt_pipeline *p)
{
    if (p->digests && p->digests->polling)
        return p4rt_fail(EBUSY, "digests cannot be watched or unwatched from a digest callback");
    return 0;
}

static int watch(p4rt_pipeline *p, long i, p4rt_digest_fn fn, void *ctx)
{
    P4RT_TRY(not_polling(p));
    if (!p->digests)
        p->digests = xcalloc(1, sizeof *p->digests);
    struct P4rtDigests *ds = p->digests;
    for (size_t k = 0; k < ds->n; k++)
        if (ds->watches[k]->index == (size_t)i) {
            ds->watches[k]->fn = fn;
            ds->watches[k]->ctx = ctx;
            return 0;
        }
    const P4iDigest *d = &p->info.digests[i];
    int fd = p4rt_map_fd(p, d->map);
    if (fd < 0)
        return fd;
    Watch *w = xcalloc(1, sizeof *w);
    *w = (Watch){.p = p, .index = (size_t)i, .fn = fn, .ctx = ctx, .ring_fd = fd};
    w->values = xcalloc(d->nfields, sizeof *w->values);
    w->bytes = xcalloc(d->nfields, sizeof *w->bytes);
    w->text = xcalloc(d->nfields, sizeof *w->text);
    Watch **grown = realloc(ds->watches, (ds->n + 1) * sizeof *grown);
    if (!grown)
        abort();
    ds->watches = grown;
    ds->watches[ds->n++] = w;
    int r = rebuild(p);
    if (r < 0) {
        ds->n--;
        free_watch(w);
        rebuild(p);
    }
    return r;
}

int p4rt_digest_watch(p4rt_pipeline *p, const char *digest, p4rt_digest_fn fn, void *ctx)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(digest);
    P4RT_NONNULL(fn);
    P4RT_TRY(p4rt_need_loaded(p));
    long i = find_digest(p, digest);
    return i < 0 ? (int)i : watch(p, i, fn, ctx);
}

int p4rt_digest_watch_id(p4rt_pipeline *p, uint32_t digest_id, p4rt_digest_fn fn, void *ctx)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(fn);
    P4RT_TRY(p4rt_need_loaded(p));
    for (size_t i = 0; i < p->info.ndigests; i++)
        if (p->info.digests[i].id == digest_id)
            return watch(p, (long)i, fn, ctx);
    return p4rt_fail(ENOENT, "pipeline '%s' has no digest with id %u", pipeline_name(p),
                     digest_id);
}

int p4rt_digest_unwatch(p4rt_pipeline *p, const char *digest)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(digest);
    long i = find_digest(p, digest);
    if (i < 0)
        return (int)i;
    P4RT_TRY(not_polling(p));
    struct P4rtDigests *ds = p->digests;
    for (size_t k = 0; ds && k < ds->n; k++)
        if (ds->watches[k]->index == (size_t)i) {
            free_watch(ds->watches[k]);
            memmove(ds->watches + k, ds->watches + k + 1, (ds->n - k - 1) * sizeof *ds->watches);
            ds->n--;
            return rebuild(p);
        }
    return p4rt_fail(ENOENT, "digest '%s' is not watched", p->info.digests[i].n.name);
}

int p4rt_digest_poll(p4rt_pipeline *p, int timeout_ms)
{
    P4RT_NONNULL(p);
    struct P4rtDigests *ds = p->digests;
    if (!ds || !ds->rb)
        return p4rt_fail(ENOENT, "no digest of pipeline '%s' is watched", pipeline_name(p));
    if (ds->polling)
        return p4rt_fail(EBUSY, "p4rt_digest_poll called from a digest callback");
    ds->stopped = 0;
    ds->polling = true;
    int n = ring_buffer__poll(ds->rb, timeout_ms);
    ds->polling = false;
    if (ds->stopped)
        return ds->stopped;
    /* Nothing came: is the program watched still the pipeline's? */
    if (n == 0 && p->dir_fd >= 0 && !p4rt_dir_current(p->dir_fd, p->name))
        return p4rt_fail(ESTALE, "pipeline '%s' was unloaded or replaced: the program watched "
                                 "no longer runs (watch it again)", p->name);
    if (n < 0)
        return n == -EINTR ? n : p4rt_fail(-n, "reading digests: %s", p4rt_strerror(n));
    return n;
}

int p4rt_digest_lost(p4rt_pipeline *p, const char *digest, uint64_t *lost)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(digest);
    P4RT_NONNULL(lost);
    long i = find_digest(p, digest);
    if (i < 0)
        return (int)i;
    const P4iDigest *d = &p->info.digests[i];
    int fd = p4rt_map_fd(p, d->lost_map);
    if (fd < 0)
        return fd;
    int cpus = libbpf_num_possible_cpus();
    if (cpus <= 0) {
        close(fd);
        return p4rt_fail(-cpus, "cannot count the CPUs: %s", p4rt_strerror(cpus));
    }
    uint64_t *per_cpu = xcalloc((size_t)cpus, sizeof *per_cpu);
    uint32_t key = d->lost_index;
    int r = 0;
    *lost = 0;
    if (bpf_map_lookup_elem(fd, &key, per_cpu) == 0)
        for (int c = 0; c < cpus; c++)
            *lost += per_cpu[c];
    else
        r = p4rt_fail(errno, "cannot read %s: %s", d->lost_map, strerror(errno));
    free(per_cpu);
    close(fd);
    return r;
}

void p4rt_digests_free(p4rt_pipeline *p)
{
    struct P4rtDigests *ds = p->digests;
    if (!ds)
        return;
    ring_buffer__free(ds->rb);
    for (size_t i = 0; i < ds->n; i++)
        free_watch(ds->watches[i]);
    free(ds->watches);
    free(ds);
    p->digests = NULL;
}
