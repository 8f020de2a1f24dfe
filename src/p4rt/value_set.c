/* Value sets: the members of a parser's value_set<bit<W>>(size) or
 * value_set<S>(size) of a struct S, the keys of its HASH map
 * (docs/RUNTIME.md, "Value sets"). */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const P4iValueSet *find_value_set(p4rt_pipeline *p, const char *name, size_t *vi)
{
    const P4iValueSet *v = p4e_value_set(&p->info, name);
    if (v)
        *vi = (size_t)(v - p->info.value_sets);
    return v;
}

static const P4iValueSet *value_set_by_id(p4rt_pipeline *p, uint32_t id, size_t *vi)
{
    for (size_t i = 0; i < p->info.nvalue_sets; i++)
        if (p->info.value_sets[i].id == id) {
            *vi = i;
            return &p->info.value_sets[i];
        }
    p4rt_fail(ENOENT, "the program has no value set with id %u", id);
    return NULL;
}

static int fits(const P4iValueSet *v, uint64_t x, const char *text)
{
    if (v->width < 64 && x >> v->width)
        return p4rt_fail(ERANGE, "value %s does not fit in value set '%s' (bit<%u>)", text,
                         v->n.name, v->width);
    return 0;
}

/* TEXT[0..LEN) as a plain number or address, the value of WHAT. */
static int plain_value(const P4iValueSet *v, const char *text, size_t len, const char *what,
                       uint32_t width, uint64_t *out)
{
    P4Value val;
    char err[300];
    size_t off;
    if (p4v_parse(text, len, P4V_ALLOW_PLAIN | P4V_ALLOW_ADDR, &val, &off) < 0) {
        snprintf(err, sizeof err, "%s", p4rt_errmsg());
        return p4rt_fail(EINVAL, "%.*s: %s", (int)len, text, err);
    }
    if (val.kind != P4V_PLAIN)
        return p4rt_fail(EINVAL, "%.*s: %s of value set '%s' is a plain value", (int)len, text,
                         what, v->n.name);
    if (p4v_to_u64(&val, out) < 0 || (width < 64 && *out >> width))
        return p4rt_fail(ERANGE, "value %.*s does not fit in %s of value set '%s' (bit<%u>)",
                         (int)len, text, what, v->n.name, width);
    return 0;
}

/* TEXT as a member of V, whose element is a struct: NAME=VALUE for each of
 * its fields, separated by spaces or commas, in any order; the fields
 * packed, the first most significant. */
static int fields_member(const P4iValueSet *v, const char *text, uint64_t *out)
{
    uint64_t vals[64];
    bool seen[64] = {false};
    const char *s = text;
    int e;
    if (v->nfields > 64)
        return p4rt_fail(EINVAL, "value set '%s' has too many fields", v->n.name);
    for (;;) {
        s += strspn(s, " \t,");
        if (!*s)
            break;
        size_t len = strcspn(s, " \t,");
        const char *eq = memchr(s, '=', len);
        if (!eq)
            return p4rt_fail(EINVAL, "%.*s: a member of value set '%s' is written FIELD=VALUE "
                                     "for each of its fields", (int)len, s, v->n.name);
        size_t nl = (size_t)(eq - s), f;
        for (f = 0; f < v->nfields; f++)
            if (strlen(v->fields[f].name) == nl && memcmp(v->fields[f].name, s, nl) == 0)
                break;
        if (f == v->nfields)
            return p4rt_fail(EINVAL, "value set '%s' has no field '%.*s'", v->n.name, (int)nl, s);
        if (seen[f])
            return p4rt_fail(EINVAL, "field '%s' of value set '%s' is given twice",
                             v->fields[f].name, v->n.name);
        char what[160];
        snprintf(what, sizeof what, "field '%s'", v->fields[f].name);
        if ((e = plain_value(v, eq + 1, len - nl - 1, what, v->fields[f].width, &vals[f])) < 0)
            return e;
        seen[f] = true;
        s += len;
    }
    uint64_t x = 0;
    for (size_t f = 0; f < v->nfields; f++) {
        if (!seen[f])
            return p4rt_fail(EINVAL, "no value given for field '%s' of value set '%s'",
                             v->fields[f].name, v->n.name);
        x = v->fields[f].width < 64 ? (x << v->fields[f].width) | vals[f] : vals[f];
    }
    *out = x;
    return 0;
}

/* TEXT as a member of V: a plain number or address that fits in its width,
 * or for a struct element, its fields (fields_member). */
static int member_of(const P4iValueSet *v, const char *text, uint64_t *out)
{
    P4Value val;
    char err[300];
    size_t off;
    if (!text)
        return p4rt_fail(EINVAL, "no value given for value set '%s'", v->n.name);
    if (v->nfields && strchr(text, '='))
        return fields_member(v, text, out);
    if (p4v_parse(text, strlen(text), P4V_ALLOW_PLAIN | P4V_ALLOW_ADDR, &val, &off) < 0) {
        snprintf(err, sizeof err, "%s", p4rt_errmsg());
        return p4rt_fail(EINVAL, "%s: %s", text, err);
    }
    if (val.kind != P4V_PLAIN)
        return p4rt_fail(EINVAL, "%s: a member of value set '%s' is a plain value", text,
                         v->n.name);
    if (p4v_to_u64(&val, out) < 0)
        return p4rt_fail(ERANGE, "value %s does not fit in value set '%s' (bit<%u>)", text,
                         v->n.name, v->width);
    return fits(v, *out, text);
}

/* The functions that take members as numbers need sets of 64-bit ones. */
static int numbers(const P4iValueSet *v)
{
    if (v->network || v->slots)
        return p4rt_fail(EINVAL, "the members of value set '%s' are not 64-bit numbers (%s): "
                         "use their text (p4rt_value_set_add, p4rt_value_set_dump_text)",
                         v->n.name, v->slots ? "its fields have masks or ranges"
                                             : "they are wider");
    return 0;
}

/* The map key of member X: a host-order integer of the set's key size. */
static void member_key(const P4iValueSet *v, uint64_t x, uint8_t key[8])
{
    uint8_t be[P4V_BYTES];
    p4v_from_u64(be, x);
    p4v_store(be, v->key_size, false, key);
}

static uint64_t key_member(const P4iValueSet *v, const uint8_t key[8])
{
    switch (v->key_size) {
    case 1: return key[0];
    case 2: { uint16_t x; memcpy(&x, key, 2); return x; }
    case 4: { uint32_t x; memcpy(&x, key, 4); return x; }
    default: { uint64_t x; memcpy(&x, key, 8); return x; }
    }
}

size_t p4rt_value_set_count(const p4rt_pipeline *p)
{
    if (!p) {
        p4rt_bad_arg(__func__, "p is NULL");
        return 0;
    }
    return p->info.nvalue_sets;
}

const char *p4rt_value_set_name(const p4rt_pipeline *p, size_t i)
{
    P4RT_NONNULL_PTR(p);
    return i < p->info.nvalue_sets ? p->info.value_sets[i].n.name : NULL;
}

int p4rt_value_set_get_info(p4rt_pipeline *p, const char *set, p4rt_value_set_info *info)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(info);
    size_t vi;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    *info = (p4rt_value_set_info){v->n.name, v->id, v->size, v->width, (uint32_t)v->nfields,
                                  v->network || v->slots};
    return 0;
}

int p4rt_value_set_get_field(p4rt_pipeline *p, const char *set, size_t i, const char **name,
                             uint32_t *width)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(name);
    P4RT_NONNULL(width);
    size_t vi;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    if (i >= v->nfields)
        return p4rt_fail(ENOENT, "value set '%s' has %zu fields, no field %zu", v->n.name,
                         v->nfields, i);
    *name = v->fields[i].name;
    *width = v->fields[i].width;
    return 0;
}

/* The number of members, up to LIMIT. */
static int count_members(const P4iValueSet *v, const P4rtMap *m, uint32_t limit, uint32_t *n)
{
    uint8_t key[8] = {0}, next[8];
    const void *prev = NULL;
    *n = 0;
    while (*n < limit && bpf_map_get_next_key(m->fd, prev, next) == 0) {
        memcpy(key, next, v->key_size);
        prev = key;
        (*n)++;
    }
    return 0;
}

static int add_member(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, uint64_t x,
                      const char *text)
{
    int e;
    if ((e = fits(v, x, text)) < 0 || (e = p4rt_need_loaded(p)) < 0)
        return e;
    uint8_t key[8] = {0}, one = 1;
    member_key(v, x, key);
    if ((e = p4rt_lock(p, true)) < 0)
        return e;
    e = bpf_map_update_elem(p->value_sets[vi].fd, key, &one, BPF_ANY) ? errno : 0;
    p4rt_unlock(p);
    if (e == 0)
        return 0;
    if (e == E2BIG) {
        uint32_t n;
        count_members(v, &p->value_sets[vi], v->size, &n);
        return p4rt_fail(ENOSPC, "value set '%s' is full (%u of %u members)", v->n.name, n,
                         v->size);
    }
    return p4rt_fail(e, "cannot add %s to value set '%s': %s", text, v->n.name, strerror(e));
}

static int delete_member(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, uint64_t x,
                         const char *text)
{
    int e;
    if ((e = fits(v, x, text)) < 0 || (e = p4rt_need_loaded(p)) < 0)
        return e;
    uint8_t key[8] = {0};
    member_key(v, x, key);
    if ((e = p4rt_lock(p, true)) < 0)
        return e;
    e = bpf_map_delete_elem(p->value_sets[vi].fd, key) ? errno : 0;
    p4rt_unlock(p);
    if (e == 0)
        return 0;
    if (e == ENOENT)
        return p4rt_fail(ENOENT, "%s is not a member of value set '%s'", text, v->n.name);
    return p4rt_fail(e, "cannot delete %s from value set '%s': %s", text, v->n.name,
                     strerror(e));
}

int p4rt_value_set_add(p4rt_pipeline *p, const char *set, const char *value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(value);
    size_t vi;
    uint64_t x;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    if (v->network || v->slots)
        return p4vs_add(p, v, vi, value);
    int e = member_of(v, value, &x);
    return e < 0 ? e : add_member(p, v, vi, x, value);
}

int p4rt_value_set_delete(p4rt_pipeline *p, const char *set, const char *value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(value);
    size_t vi;
    uint64_t x;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    if (v->network || v->slots)
        return p4vs_delete(p, v, vi, value);
    int e = member_of(v, value, &x);
    return e < 0 ? e : delete_member(p, v, vi, x, value);
}

int p4rt_value_set_add_id(p4rt_pipeline *p, uint32_t set_id, uint64_t value)
{
    P4RT_NONNULL(p);
    size_t vi;
    char text[24];
    const P4iValueSet *v = value_set_by_id(p, set_id, &vi);
    snprintf(text, sizeof text, "%llu", (unsigned long long)value);
    if (v && numbers(v) < 0)
        return -EINVAL;
    return v ? add_member(p, v, vi, value, text) : -ENOENT;
}

int p4rt_value_set_delete_id(p4rt_pipeline *p, uint32_t set_id, uint64_t value)
{
    P4RT_NONNULL(p);
    size_t vi;
    char text[24];
    const P4iValueSet *v = value_set_by_id(p, set_id, &vi);
    snprintf(text, sizeof text, "%llu", (unsigned long long)value);
    if (v && numbers(v) < 0)
        return -EINVAL;
    return v ? delete_member(p, v, vi, value, text) : -ENOENT;
}

/* The members, read before any is deleted or reported: deleting while
 * walking a hash map's keys can restart or skip the walk. */
static int read_members(const P4iValueSet *v, const P4rtMap *m, uint64_t **out, size_t *n)
{
    uint8_t key[8] = {0}, next[8] = {0};
    const void *prev = NULL;
    size_t cap = v->size ? v->size : 1;
    uint64_t *xs = calloc(cap, sizeof *xs);
    if (!xs)
        return p4rt_fail(ENOMEM, "out of memory");
    *n = 0;
    while (*n < cap && bpf_map_get_next_key(m->fd, prev, next) == 0) {
        xs[(*n)++] = key_member(v, next);
        memcpy(key, next, sizeof key);
        prev = key;
    }
    *out = xs;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int clear_members(p4rt_pipeline *p, const P4iValueSet *v, size_t vi)
{
    size_t n;
    uint64_t *xs;
    int e;
    if (v->network || v->slots)
        return p4vs_clear(p, v, vi);
    if ((e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    if ((e = read_members(v, &p->value_sets[vi], &xs, &n)) < 0) {
        p4rt_unlock(p);
        return e;
    }
    for (size_t i = 0; i < n && e == 0; i++) {
        uint8_t key[8] = {0};
        member_key(v, xs[i], key);
        if (bpf_map_delete_elem(p->value_sets[vi].fd, key) && errno != ENOENT)
            e = p4rt_fail(errno, "cannot clear value set '%s': %s", v->n.name, strerror(errno));
    }
    p4rt_unlock(p);
    free(xs);
    return e;
}

int p4rt_value_set_clear(p4rt_pipeline *p, const char *set)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    size_t vi;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    return v ? clear_members(p, v, vi) : -ENOENT;
}

int p4rt_value_set_clear_id(p4rt_pipeline *p, uint32_t set_id)
{
    P4RT_NONNULL(p);
    size_t vi;
    const P4iValueSet *v = value_set_by_id(p, set_id, &vi);
    return v ? clear_members(p, v, vi) : -ENOENT;
}

int p4rt_value_set_dump(p4rt_pipeline *p, const char *set, p4rt_value_set_fn fn, void *ctx)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(fn);
    size_t vi, n;
    uint64_t *xs;
    int e;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    if ((e = numbers(v)) < 0)
        return e;
    if ((e = p4rt_need_loaded(p)) < 0 || (e = read_members(v, &p->value_sets[vi], &xs, &n)) < 0)
        return e;
    qsort(xs, n, sizeof *xs, cmp_u64);
    for (size_t i = 0; i < n && e == 0; i++)
        e = fn(xs[i], ctx);
    free(xs);
    return e;
}

/* Text of a 64-bit member: 0x and its digits, and a struct's fields. */
static void number_text(const P4iValueSet *v, uint64_t x, char *out, size_t room)
{
    int len = snprintf(out, room, "0x%0*llx", (int)(v->width + 3) / 4, (unsigned long long)x);
    uint32_t shift = v->width;
    for (size_t f = 0; f < v->nfields && len > 0 && (size_t)len < room; f++) {
        uint32_t w = v->fields[f].width;
        shift -= w;
        uint64_t y = w < 64 ? (x >> shift) & ((1ull << w) - 1) : x;
        len += snprintf(out + len, room - (size_t)len, "%s%s=0x%llx", f ? " " : "  ",
                        v->fields[f].name, (unsigned long long)y);
    }
}

int p4rt_value_set_dump_text(p4rt_pipeline *p, const char *set, p4rt_value_set_text_fn fn,
                             void *ctx)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(set);
    P4RT_NONNULL(fn);
    size_t vi, n;
    uint64_t *xs;
    char text[4096];
    int e;
    const P4iValueSet *v = find_value_set(p, set, &vi);
    if (!v)
        return -ENOENT;
    if (v->network || v->slots)
        return p4vs_dump_text(p, v, vi, fn, ctx);
    if ((e = p4rt_need_loaded(p)) < 0 || (e = read_members(v, &p->value_sets[vi], &xs, &n)) < 0)
        return e;
    qsort(xs, n, sizeof *xs, cmp_u64);
    for (size_t i = 0; i < n && e == 0; i++) {
        number_text(v, xs[i], text, sizeof text);
        e = fn(text, ctx);
    }
    free(xs);
    return e;
}
