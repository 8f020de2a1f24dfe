/* Value sets that value_set.c's 64-bit members do not cover
 * (docs/RUNTIME.md, "Value sets"): members wider than 64 bits, a HASH map
 * keyed by their bytes most significant first (NETWORK), and sets with
 * ternary, lpm, range or optional fields, an ARRAY of slots the program
 * scans (SLOTS). Members travel as text both ways. */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static P4Packed packed_of(const P4iValueSet *v)
{
    return (P4Packed){"value set", v->n.name, v->width, v->fields, v->nfields};
}

static int map_error(const P4iValueSet *v, const char *what, int e)
{
    return p4rt_fail(e, "cannot %s value set '%s': %s", what, v->n.name, strerror(e));
}

static int full(const P4iValueSet *v, uint32_t n)
{
    return p4rt_fail(ENOSPC, "value set '%s' is full (%u of %u members)", v->n.name, n, v->size);
}

/* ---- NETWORK: the packed member's bytes are the key */

/* The keys, read before any is deleted (a hash walk can restart). */
static int read_keys(const P4iValueSet *v, const P4rtMap *m, uint8_t **out, size_t *n)
{
    uint8_t key[32] = {0}, next[32] = {0};
    const void *prev = NULL;
    size_t cap = v->size ? v->size : 1;
    uint8_t *ks = calloc(cap, v->key_size);
    if (!ks)
        return p4rt_fail(ENOMEM, "out of memory");
    *n = 0;
    while (*n < cap && bpf_map_get_next_key(m->fd, prev, next) == 0) {
        memcpy(ks + *n * v->key_size, next, v->key_size);
        (*n)++;
        memcpy(key, next, sizeof key);
        prev = key;
    }
    *out = ks;
    return 0;
}

static int wide_key(const P4iValueSet *v, const char *text, uint8_t key[32])
{
    P4Packed pk = packed_of(v);
    uint8_t val[P4V_BYTES];
    int e = p4packed_parse(&pk, text, val);
    if (e == 0)
        memcpy(key, val + P4V_BYTES - v->key_size, v->key_size);
    return e;
}

static int wide_add(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text)
{
    uint8_t key[32], one = 1, *ks = NULL;
    size_t n = 0;
    int e;
    if ((e = wide_key(v, text, key)) < 0 || (e = p4rt_need_loaded(p)) < 0 ||
        (e = p4rt_lock(p, true)) < 0)
        return e;
    e = bpf_map_update_elem(p->value_sets[vi].fd, key, &one, BPF_ANY) ? errno : 0;
    p4rt_unlock(p);
    if (e == E2BIG && read_keys(v, &p->value_sets[vi], &ks, &n) == 0) {
        free(ks);
        return full(v, (uint32_t)n);
    }
    return e ? map_error(v, "add to", e) : 0;
}

static int wide_delete(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text)
{
    uint8_t key[32];
    int e;
    if ((e = wide_key(v, text, key)) < 0 || (e = p4rt_need_loaded(p)) < 0 ||
        (e = p4rt_lock(p, true)) < 0)
        return e;
    e = bpf_map_delete_elem(p->value_sets[vi].fd, key) ? errno : 0;
    p4rt_unlock(p);
    if (e == ENOENT)
        return p4rt_fail(ENOENT, "%s is not a member of value set '%s'", text, v->n.name);
    return e ? map_error(v, "delete from", e) : 0;
}

static int wide_clear(p4rt_pipeline *p, const P4iValueSet *v, size_t vi)
{
    uint8_t *ks = NULL;
    size_t n = 0;
    int e = read_keys(v, &p->value_sets[vi], &ks, &n);
    for (size_t i = 0; i < n && e == 0; i++)
        if (bpf_map_delete_elem(p->value_sets[vi].fd, ks + i * v->key_size) && errno != ENOENT)
            e = map_error(v, "clear", errno);
    free(ks);
    return e;
}

/* N keys of SIZE bytes in increasing order (a set holds few: insertion). */
static void sort_keys(uint8_t *ks, size_t n, size_t size)
{
    uint8_t t[32];
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && memcmp(ks + (j - 1) * size, ks + j * size, size) > 0; j--) {
            memcpy(t, ks + j * size, size);
            memcpy(ks + j * size, ks + (j - 1) * size, size);
            memcpy(ks + (j - 1) * size, t, size);
        }
}

static int wide_dump(p4rt_pipeline *p, const P4iValueSet *v, size_t vi,
                     int (*fn)(const char *, void *), void *ctx)
{
    uint8_t *ks;
    size_t n;
    int e = read_keys(v, &p->value_sets[vi], &ks, &n);
    if (e < 0)
        return e;
    sort_keys(ks, n, v->key_size);
    for (size_t i = 0; i < n && e == 0; i++) {
        char text[80] = "0x";
        for (uint32_t b = 0; b < v->key_size; b++)
            snprintf(text + 2 + 2 * b, sizeof text - 2 - 2 * b, "%02x", ks[i * v->key_size + b]);
        e = fn(text, ctx);
    }
    free(ks);
    return e;
}

/* ---- SLOTS: { u32 used; u32 pad; u64 a[F]; u64 b[F]; } per member */

static uint64_t ones(uint32_t w)
{
    return w >= 64 ? ~0ull : (1ull << w) - 1;
}

/* The low 64 bits of a P4V_BYTES number, -1 when it has more. */
static int low64(const uint8_t a[P4V_BYTES], uint64_t *out)
{
    if (p4v_bits(a) > 64)
        return -1;
    uint64_t x = 0;
    for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
        x = x << 8 | a[i];
    *out = x;
    return 0;
}

/* VAL (parsed) as field F's value and mask, or low and high bounds. */
static int slot_value(const P4iValueSetField *f, const P4Value *val, uint64_t *a, uint64_t *b)
{
    uint64_t m = ones(f->width), x, y;
    if (low64(val->v, &x) < 0 || low64(val->m, &y) < 0)
        return -ERANGE;
    switch (val->kind) {
    case P4V_PLAIN:
        *a = x;
        *b = f->match == P4I_RANGE ? x : m;
        return 0;
    case P4V_MASKED: case P4V_TERNARY:   /* the mask, or the digits' care bits */
        if (f->match != P4I_TERNARY && !(f->match == P4I_OPTIONAL && (y == 0 || y == m)))
            return -EINVAL;
        *b = y & m;
        *a = x & *b;
        return 0;
    case P4V_PREFIX:
        if ((f->match != P4I_TERNARY && f->match != P4I_LPM) || val->prefix_len > f->width)
            return -EINVAL;
        *b = val->prefix_len ? m & ~ones(f->width - val->prefix_len) : 0;
        *a = x & *b;
        return 0;
    default:   /* LOW..HIGH */
        if (f->match != P4I_RANGE || x > y)
            return -EINVAL;
        *a = x;
        *b = y;
        return 0;
    }
}

static const char *forms(P4iMatch m)
{
    switch (m) {
    case P4I_TERNARY: return "VALUE, VALUE&&&MASK or VALUE/LEN";
    case P4I_LPM: return "VALUE or VALUE/LEN";
    case P4I_RANGE: return "VALUE or LOW..HIGH";
    case P4I_OPTIONAL: return "VALUE or *";
    default: return "VALUE";
    }
}

/* TEXT ("f1=V f2=0x10&&&0xf0 ...") as a slot (used set). */
static int slot_of(const P4iValueSet *v, const char *text, uint64_t *slot)
{
    P4Packed pk = packed_of(v);
    const char *vals[P4PACKED_FIELDS];
    size_t lens[P4PACKED_FIELDS], n = v->nfields, off;
    int e = p4packed_split(&pk, text ? text : "", vals, lens);
    if (e < 0)
        return e;
    memset(slot, 0, v->slot_size);
    slot[0] = 1;   /* used, in the first u32 on a little-endian host */
    for (size_t i = 0; i < n; i++) {
        const P4iValueSetField *f = &v->fields[i];
        P4Value val;
        if (lens[i] == 1 && vals[i][0] == '*' && f->match == P4I_OPTIONAL) {
            slot[1 + i] = slot[1 + n + i] = 0;   /* anything */
            continue;
        }
        if (p4v_parse(vals[i], lens[i], P4V_ALLOW_CP, &val, &off) < 0 ||
            (e = slot_value(f, &val, &slot[1 + i], &slot[1 + n + i])) == -EINVAL)
            return p4rt_fail(EINVAL, "%.*s: field '%s' of value set '%s' (%s) is written %s",
                             (int)lens[i], vals[i], f->name, v->n.name, p4i_match_name(f->match),
                             forms(f->match));
        if (e < 0 || (slot[1 + i] | slot[1 + n + i]) > ones(f->width))
            return p4rt_fail(ERANGE, "value %.*s does not fit in field '%s' of value set '%s' "
                                     "(bit<%u>)", (int)lens[i], vals[i], f->name, v->n.name,
                             f->width);
    }
    return 0;
}

/* Reads slot I into SLOT (u64 words). */
static int read_slot(const P4iValueSet *v, const P4rtMap *m, uint32_t i, uint64_t *slot)
{
    return bpf_map_lookup_elem(m->fd, &i, slot) ? map_error(v, "read", errno) : 0;
}

static int write_slot(const P4iValueSet *v, const P4rtMap *m, uint32_t i, const uint64_t *slot)
{
    return bpf_map_update_elem(m->fd, &i, slot, BPF_ANY) ? map_error(v, "write", errno) : 0;
}

static bool used(const uint64_t *slot)
{
    return (uint32_t)slot[0] != 0;
}

/* Frees slot I: first marked unused with its values kept, so a packet
 * that reads it meanwhile never sees zero masks (which match anything). */
static int free_slot(const P4iValueSet *v, const P4rtMap *m, uint32_t i, uint64_t *slot)
{
    slot[0] = 0;
    int e = write_slot(v, m, i, slot);
    memset(slot, 0, v->slot_size);
    return e ? e : write_slot(v, m, i, slot);
}

/* The slot holding WANT, or the first free one (-1: none) in *FREE_AT. */
static int find_slot(const P4iValueSet *v, const P4rtMap *m, const uint64_t *want, long *found,
                     long *free_at, uint32_t *nused)
{
    uint64_t slot[1 + 2 * P4PACKED_FIELDS];
    *found = *free_at = -1;
    *nused = 0;
    for (uint32_t i = 0; i < v->size; i++) {
        int e = read_slot(v, m, i, slot);
        if (e < 0)
            return e;
        if (!used(slot) && *free_at < 0)
            *free_at = i;
        *nused += used(slot);
        if (used(slot) && *found < 0 && memcmp(slot + 1, want + 1, v->slot_size - 8) == 0)
            *found = i;
    }
    return 0;
}

static int slots_change(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text,
                        bool add)
{
    uint64_t want[1 + 2 * P4PACKED_FIELDS];
    long found, free_at;
    uint32_t n;
    const P4rtMap *m = &p->value_sets[vi];
    int e;
    if ((e = slot_of(v, text, want)) < 0 || (e = p4rt_need_loaded(p)) < 0 ||
        (e = p4rt_lock(p, true)) < 0)
        return e;
    if ((e = find_slot(v, m, want, &found, &free_at, &n)) < 0)
        goto out;
    if (add && found < 0) {
        if (free_at < 0) {
            e = full(v, n);
            goto out;
        }
        /* Values first, then used: a packet sees the slot whole or not. */
        want[0] = 0;
        if ((e = write_slot(v, m, (uint32_t)free_at, want)) == 0) {
            want[0] = 1;
            e = write_slot(v, m, (uint32_t)free_at, want);
        }
    } else if (!add) {
        e = found < 0 ? p4rt_fail(ENOENT, "%s is not a member of value set '%s'", text,
                                  v->n.name)
                      : free_slot(v, m, (uint32_t)found, want);
    }
out:
    p4rt_unlock(p);
    return e;
}

static int slots_clear(p4rt_pipeline *p, const P4iValueSet *v, size_t vi)
{
    uint64_t slot[1 + 2 * P4PACKED_FIELDS];
    int e = 0;
    for (uint32_t i = 0; i < v->size && e == 0; i++)
        if ((e = read_slot(v, &p->value_sets[vi], i, slot)) == 0 && used(slot))
            e = free_slot(v, &p->value_sets[vi], i, slot);
    return e;
}

/* A slot as the text that adds it. */
static void slot_text(const P4iValueSet *v, const uint64_t *slot, char *out, size_t room)
{
    size_t len = 0, n = v->nfields;
    for (size_t i = 0; i < n && len < room; i++) {
        const P4iValueSetField *f = &v->fields[i];
        unsigned long long a = slot[1 + i], b = slot[1 + n + i];
        const char *sep = i ? " " : "";
        int k;
        if (f->match == P4I_RANGE)
            k = snprintf(out + len, room - len, "%s%s=0x%llx..0x%llx", sep, f->name, a, b);
        else if (f->match == P4I_LPM)
            k = snprintf(out + len, room - len, "%s%s=0x%llx/%d", sep, f->name, a,
                         __builtin_popcountll(b));
        else if (f->match == P4I_OPTIONAL && b == 0)
            k = snprintf(out + len, room - len, "%s%s=*", sep, f->name);
        else if (f->match == P4I_EXACT || f->match == P4I_OPTIONAL || b == ones(f->width))
            k = snprintf(out + len, room - len, "%s%s=0x%llx", sep, f->name, a);
        else
            k = snprintf(out + len, room - len, "%s%s=0x%llx&&&0x%llx", sep, f->name, a, b);
        len += k > 0 ? (size_t)k : 0;
    }
}

static int slots_dump(p4rt_pipeline *p, const P4iValueSet *v, size_t vi,
                      int (*fn)(const char *, void *), void *ctx)
{
    uint64_t slot[1 + 2 * P4PACKED_FIELDS];
    char text[4096];
    int e = 0;
    for (uint32_t i = 0; i < v->size && e == 0; i++)
        if ((e = read_slot(v, &p->value_sets[vi], i, slot)) == 0 && used(slot)) {
            slot_text(v, slot, text, sizeof text);
            e = fn(text, ctx);
        }
    return e;
}

/* ---- the entry points value_set.c calls */

int p4vs_add(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text)
{
    return v->slots ? slots_change(p, v, vi, text, true) : wide_add(p, v, vi, text);
}

int p4vs_delete(p4rt_pipeline *p, const P4iValueSet *v, size_t vi, const char *text)
{
    return v->slots ? slots_change(p, v, vi, text, false) : wide_delete(p, v, vi, text);
}

int p4vs_clear(p4rt_pipeline *p, const P4iValueSet *v, size_t vi)
{
    int e;
    if ((e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    e = v->slots ? slots_clear(p, v, vi) : wide_clear(p, v, vi);
    p4rt_unlock(p);
    return e;
}

int p4vs_dump_text(p4rt_pipeline *p, const P4iValueSet *v, size_t vi,
                   int (*fn)(const char *member, void *ctx), void *ctx)
{
    int e = p4rt_need_loaded(p);
    if (e < 0)
        return e;
    return v->slots ? slots_dump(p, v, vi, fn, ctx) : wide_dump(p, v, vi, fn, ctx);
}
