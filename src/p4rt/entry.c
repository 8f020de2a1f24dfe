/* Entry encoding (internal.h, "entries"; the layouts are docs/RUNTIME.md's,
 * "Tables"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* -EINVAL about part WHERE of the request, its INDEX-th key or argument. */
#define fail(where, index, ...) p4rt_fail_at(EINVAL, (where), (index), 0, NULL, __VA_ARGS__)
/* -EINVAL about key value I, OFFSET characters into its text. */
#define fail_at(i, offset, ...) \
    p4rt_fail_at(EINVAL, P4RT_AT_KEY_VALUE, (i), (offset), NULL, __VA_ARGS__)

/* "port, dmac" (or "none"): the names of N objects of STRIDE bytes at BASE,
 * each starting with P4iNames, cut short with "..." when SIZE is too small. */
static void names_list(const void *base, size_t n, size_t stride, char *buf, size_t size)
{
    size_t used = 0;
    snprintf(buf, size, "none");
    for (size_t i = 0; i < n; i++) {
        const P4iNames *names = (const P4iNames *)((const char *)base + i * stride);
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names->name);
        if (w < 0 || (size_t)w >= size - used) {
            static const char more[] = ", ...";
            memcpy(buf + (used + sizeof more <= size ? used : size - sizeof more), more,
                   sizeof more);
            return;
        }
        used += (size_t)w;
    }
}

/* The error for a lookup of QUERY among N objects at BASE that returned R
 * (ERR: -ENOENT or -EINVAL): an ambiguous name names two candidates, an
 * unknown one lists them all (WHATS, e.g. "key fields"), so the user need
 * not open the p4info. */
static int lookup_failed(int err, p4rt_part where, size_t index, long r, const char *what,
                         const char *whats, const char *query, const char *in, const void *base,
                         size_t n, size_t stride, long a, long b)
{
    const P4iNames *na = (const P4iNames *)((const char *)base + (size_t)a * stride);
    const P4iNames *nb = (const P4iNames *)((const char *)base + (size_t)b * stride);
    if (r == -2)
        return p4rt_fail_at(err, where, index, 0, NULL,
                            "%s name '%s' is ambiguous: it could be '%s' or '%s'", what, query,
                            na->name, nb->name);
    char list[160];
    names_list(base, n, stride, list, sizeof list);
    if (in)
        return p4rt_fail_at(err, where, index, 0, NULL, "%s has no %s '%s' (its %s: %s)", in,
                            what, query, whats, list);
    return p4rt_fail_at(err, where, index, 0, NULL, "the program has no %s '%s' (its %s: %s)",
                        what, query, whats, list);
}

#define LOOKUP_FAILED(err, where, index, r, what, whats, query, in, arr, n, a, b) \
    lookup_failed((err), (where), (index), (r), (what), (whats), (query), (in), (arr), (n), \
                  sizeof *(arr), (a), (b))

const P4iTable *p4e_table(const P4Info *info, const char *name)
{
    long a = 0, b = 0, r = P4I_LOOKUP(info->tables, info->ntables, name, &a, &b);
    if (r >= 0)
        return &info->tables[r];
    LOOKUP_FAILED(ENOENT, P4RT_AT_NAME, 0, r, "table", "tables", name, NULL, info->tables,
                  info->ntables, a, b);
    return NULL;
}

const P4iCounter *p4e_counter(const P4Info *info, const char *name)
{
    long a = 0, b = 0, r = P4I_LOOKUP(info->counters, info->ncounters, name, &a, &b);
    if (r >= 0)
        return &info->counters[r];
    LOOKUP_FAILED(ENOENT, P4RT_AT_NAME, 0, r, "counter", "counters", name, NULL, info->counters,
                  info->ncounters, a, b);
    return NULL;
}

const P4iValueSet *p4e_value_set(const P4Info *info, const char *name)
{
    long a = 0, b = 0, r = P4I_LOOKUP(info->value_sets, info->nvalue_sets, name, &a, &b);
    if (r >= 0)
        return &info->value_sets[r];
    LOOKUP_FAILED(ENOENT, P4RT_AT_NAME, 0, r, "value set", "value sets", name, NULL,
                  info->value_sets, info->nvalue_sets, a, b);
    return NULL;
}

static bool is_noaction(const char *name)
{
    size_t n = strlen(name);
    return strcmp(name, "NoAction") == 0 || (n > 9 && strcmp(name + n - 9, ".NoAction") == 0);
}

const P4iAction *p4e_action(const P4iTable *t, const char *name)
{
    char in[200];
    long a = 0, b = 0, r = P4I_LOOKUP(t->actions, t->nactions, name, &a, &b);
    if (r >= 0)
        return &t->actions[r];
    if (r == -1 && strcmp(name, "_NoAction") == 0)
        for (size_t i = 0; i < t->nactions; i++)
            if (is_noaction(t->actions[i].n.name))
                return &t->actions[i];
    snprintf(in, sizeof in, "table '%s'", t->n.name);
    LOOKUP_FAILED(EINVAL, P4RT_AT_ACTION, 0, r, "action", "actions", name, in, t->actions,
                  t->nactions, a, b);
    return NULL;
}

static void type_name(const P4iField *f, char *buf, size_t size)
{
    snprintf(buf, size, "bit<%u>", f->width);
}

/* VAL fits in field F? WHAT is "key field" or "parameter". */
static int check_width(const P4iField *f, const uint8_t v[P4V_BYTES], const char *text,
                       const char *what, p4rt_part where, size_t index)
{
    char ty[32];
    if (p4v_bits(v) <= f->width)
        return 0;
    type_name(f, ty, sizeof ty);
    return fail(where, index, "value %s does not fit in %s '%s' (%s)", text, what, f->n.name, ty);
}

int p4e_action_value(const P4iTable *t, const char *name, const P4eNamed *args, size_t nargs,
                     uint8_t *value)
{
    const P4iAction *a = p4e_action(t, name);
    if (!a)
        return -EINVAL;
    memset(value, 0, t->value_size);
    memcpy(value, &a->code, 4);
    bool given[a->nparams ? a->nparams : 1];
    memset(given, 0, sizeof given);
    char in[200];
    snprintf(in, sizeof in, "action '%s'", a->n.name);
    for (size_t i = 0; i < nargs; i++) {
        long x = 0, y = 0, r = P4I_LOOKUP(a->params, a->nparams, args[i].name, &x, &y);
        if (r < 0)
            return LOOKUP_FAILED(EINVAL, P4RT_AT_ARG_NAME, i, r, "parameter", "parameters",
                                 args[i].name, in, a->params, a->nparams, x, y);
        if (given[r])
            return fail(P4RT_AT_ARG_NAME, i, "parameter '%s' of action '%s' is given twice",
                        a->params[r].n.name, a->n.name);
        given[r] = true;
        const P4iField *p = &a->params[r];
        if (args[i].value->kind != P4V_PLAIN)
            return fail(P4RT_AT_ARG_VALUE, i, "an action argument must be a plain number");
        if (check_width(p, args[i].value->v, args[i].value->text, "parameter", P4RT_AT_ARG_VALUE,
                        i) < 0)
            return -EINVAL;
        p4v_store(args[i].value->v, p->size, p->network, value + p->offset);
    }
    for (size_t k = 0; k < a->nparams; k++)
        if (!given[k])
            return fail(P4RT_AT_ACTION, 0, "missing argument '%s' of action '%s'",
                        a->params[k].n.name, a->n.name);
    return 0;
}

/* p4c-ebpf names key fields key.field0, key.field1, ... */
static long ebpf_key_index(const P4iTable *t, const char *name)
{
    unsigned n;
    int len = 0;
    if (sscanf(name, "key.field%u%n", &n, &len) == 1 && name[len] == '\0' && n < t->nkeys)
        return (long)n;
    return -1;
}

/* V as the field F shows values when F holds addresses, else in hex. */
static void bits_text(const P4iField *f, const uint8_t v[P4V_BYTES], char *buf, size_t size)
{
    p4rt_format_value(f, v, buf, size);
    if (strchr(buf, '.') || strchr(buf, ':'))
        return;
    unsigned bytes = (f->width + 7) / 8, i = P4V_BYTES - bytes;
    while (i + 1 < P4V_BYTES && v[i] == 0)
        i++;
    size_t n = (size_t)snprintf(buf, size, "0x");
    for (; i < P4V_BYTES && n + 3 <= size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%02x", v[i]);
}

/* Key value I (VAL) with bits set where its mask M (or prefix) has none:
 * refused, naming the bits, as iproute2 and P4Runtime refuse it. Cleared
 * in silence, `table del 10.99.0.0/8` deleted 10.0.0.0/8. */
static int stray_bits(const P4iField *f, const P4Value *val, const uint8_t m[P4V_BYTES],
                      size_t i)
{
    uint8_t stray[P4V_BYTES], kept[P4V_BYTES];
    bool any = false;
    for (int b = 0; b < P4V_BYTES; b++) {
        stray[b] = (uint8_t)(val->v[b] & ~m[b]);
        kept[b] = (uint8_t)(val->v[b] & m[b]);
        any = any || stray[b];
    }
    if (!any)
        return 0;
    char bits[180], fixed[180];
    bits_text(f, stray, bits, sizeof bits);
    bits_text(f, kept, fixed, sizeof fixed);
    /* The "/LEN", "/MASK" or "&&&MASK" as written. */
    size_t sep = val->part2;
    while (sep > 0 && val->text[sep - 1] != '/' && val->text[sep - 1] != '&')
        sep--;
    while (sep > 0 && (val->text[sep - 1] == '/' || val->text[sep - 1] == '&'))
        sep--;
    return fail(P4RT_AT_KEY_VALUE, i, "bits %s of the value are outside its %s; write %s%s", bits,
                val->kind == P4V_PREFIX ? "prefix" : "mask", fixed, val->text + sep);
}

/* Encode key field F with value VAL (NULL when not given) into the entry. */
static int encode_key(const P4iTable *t, const P4iField *f, const P4Value *val, size_t i,
                      P4Entry *e, unsigned *prefixlen)
{
    uint8_t v[P4V_BYTES] = {0}, m[P4V_BYTES];
    char ty[32];
    type_name(f, ty, sizeof ty);
    p4v_ones(m, f->width);

    if (t->kind == P4I_ARRAY) {
        uint64_t idx;
        if (val->kind != P4V_PLAIN)
            return fail(P4RT_AT_KEY_VALUE, i, "the index of array table '%s' must be a plain number",
                        t->n.name);
        if (p4v_to_u64(val, &idx) < 0 || idx >= t->size)
            return fail(P4RT_AT_KEY_VALUE, i,
                        "index %s is out of range for table '%s' (size %u)", val->text, t->n.name,
                        t->size);
        e->index = (uint32_t)idx;
        return 0;
    }

    if (!val) {
        /* Left out: match anything. */
        if (f->match == P4I_LPM)
            *prefixlen = 0;
        if (f->match == P4I_RANGE)
            memcpy(v, m, sizeof v); /* low 0, high all ones */
        else
            memset(m, 0, sizeof m);
        if (f->match == P4I_RANGE) {
            uint8_t lo[P4V_BYTES] = {0};
            p4v_store(lo, f->size, f->network, e->key + f->offset);
            p4v_store(v, f->size, f->network, e->mask + f->offset);
            return 0;
        }
    } else {
        const char *text = val->text;
        const char *kindword = val->kind == P4V_TERNARY ? "a ternary value"
                               : val->kind == P4V_MASKED ? "a masked value"
                               : val->kind == P4V_PREFIX ? "a prefix"
                               : val->kind == P4V_RANGE  ? "a range"
                                                         : "a plain value";
        switch (f->match) {
        case P4I_EXACT:
            if (val->kind != P4V_PLAIN)
                return fail(P4RT_AT_KEY_VALUE, i,
                            "key field '%s' is matched exact: it takes a plain value, not %s",
                            f->n.name, kindword);
            break;
        case P4I_LPM:
            if (val->kind == P4V_PREFIX) {
                if (val->prefix_len > f->width)
                    return fail_at(i, val->part2,
                                   "prefix length %u is longer than key field '%s' (%s)",
                                   val->prefix_len, f->n.name, ty);
                *prefixlen = val->prefix_len;
                p4v_prefix_mask(m, f->width, val->prefix_len);
            } else if (val->kind == P4V_PLAIN) {
                *prefixlen = f->width;
            } else {
                return fail(P4RT_AT_KEY_VALUE, i,
                            "key field '%s' is matched lpm: it takes VALUE/LEN or a plain value, not %s",
                            f->n.name, kindword);
            }
            break;
        case P4I_TERNARY:
        case P4I_OPTIONAL:
            if (val->kind == P4V_RANGE)
                return fail(P4RT_AT_KEY_VALUE, i,
                            "key field '%s' is matched %s: it takes a value, VALUE&&&MASK or "
                            "VALUE/LEN, not a range",
                            f->n.name, p4i_match_name(f->match));
            if (val->kind == P4V_TERNARY) {
                /* Digits given: their care bits; above them the value is a
                 * number, so its (zero) high bits must match. */
                for (int b = 0; b < P4V_BYTES; b++) {
                    uint8_t above = 0;
                    for (int bit = 0; bit < 8; bit++) {
                        unsigned pos = (unsigned)(P4V_BYTES - 1 - b) * 8 + (unsigned)bit;
                        if (pos >= val->digit_bits)
                            above |= (uint8_t)(1u << bit);
                    }
                    m[b] &= (uint8_t)(val->m[b] | above);
                }
            } else if (val->kind == P4V_MASKED) {
                if (p4v_bits(val->m) > f->width)
                    return fail_at(i, val->part2,
                                   "mask %s does not fit in key field '%s' (%s)",
                                   text + val->part2, f->n.name, ty);
                memcpy(m, val->m, sizeof m);
            } else if (val->kind == P4V_PREFIX) {
                if (val->prefix_len > f->width)
                    return fail_at(i, val->part2,
                                   "prefix length %u is longer than key field '%s' (%s)",
                                   val->prefix_len, f->n.name, ty);
                p4v_prefix_mask(m, f->width, val->prefix_len);
            }
            if (f->match == P4I_OPTIONAL && p4v_bits(m) != 0) {
                uint8_t ones[P4V_BYTES];
                p4v_ones(ones, f->width);
                if (memcmp(m, ones, sizeof m) != 0)
                    return fail(P4RT_AT_KEY_VALUE, i,
                                "key field '%s' is matched optional: it takes a plain value or "
                                "all don't-care digits",
                                f->n.name);
            }
            break;
        case P4I_RANGE:
            if (val->kind == P4V_RANGE) {
                if (check_width(f, val->m, text + val->part2, "key field", P4RT_AT_KEY_VALUE,
                                i) < 0)
                    return -EINVAL;
                if (check_width(f, val->v, text, "key field", P4RT_AT_KEY_VALUE, i) < 0)
                    return -EINVAL;
                p4v_store(val->v, f->size, f->network, e->key + f->offset);
                p4v_store(val->m, f->size, f->network, e->mask + f->offset);
                return 0;
            }
            if (val->kind != P4V_PLAIN)
                return fail(P4RT_AT_KEY_VALUE, i,
                            "key field '%s' is matched range: it takes a plain value or LOW..HIGH, "
                            "not %s",
                            f->n.name, kindword);
            if (check_width(f, val->v, text, "key field", P4RT_AT_KEY_VALUE, i) < 0)
                return -EINVAL;
            p4v_store(val->v, f->size, f->network, e->key + f->offset);
            p4v_store(val->v, f->size, f->network, e->mask + f->offset);
            return 0;
        }
        if (check_width(f, val->v, text, "key field", P4RT_AT_KEY_VALUE, i) < 0)
            return -EINVAL;
        if (f->match != P4I_EXACT && stray_bits(f, val, m, i) < 0)
            return -EINVAL;
        for (int b = 0; b < P4V_BYTES; b++)
            v[b] = val->v[b] & (f->match == P4I_EXACT ? 0xff : m[b]);
    }
    p4v_store(v, f->size, f->network, e->key + f->offset);
    if (e->mask)
        p4v_store(m, f->size, f->network, e->mask + f->offset);
    return 0;
}

int p4e_entry(const P4iTable *t, const P4eNamed *keys, size_t nkeys, uint32_t priority,
              const char *action, const P4eNamed *args, size_t nargs, P4Entry *e)
{
    memset(e, 0, sizeof *e);
    if (t->const_entries)
        return fail(P4RT_AT_NAME, 0, "table '%s' has const entries: it cannot be changed",
                    t->n.name);
    if (t->kind == P4I_KEYLESS)
        return fail(P4RT_AT_NAME, 0, "table '%s' has no key, so it has no entries: every packet "
                    "misses it and runs its default action", t->n.name);
    e->key = xcalloc(1, t->key_size);
    e->value = xcalloc(1, t->value_size);
    if (t->kind == P4I_SLOTS)
        e->mask = xcalloc(1, t->key_size);
    e->priority = priority;

    const P4Value *given[t->nkeys ? t->nkeys : 1];
    memset(given, 0, sizeof given);
    char in[200];
    snprintf(in, sizeof in, "table '%s'", t->n.name);
    for (size_t i = 0; i < nkeys; i++) {
        long a = 0, b = 0, r = P4I_LOOKUP(t->keys, t->nkeys, keys[i].name, &a, &b);
        if (r == -1)
            r = ebpf_key_index(t, keys[i].name);
        if (r < 0)
            return LOOKUP_FAILED(EINVAL, P4RT_AT_KEY_NAME, i, r, "key field", "key fields",
                                 keys[i].name, in, t->keys, t->nkeys, a, b);
        if (given[r])
            return fail(P4RT_AT_KEY_NAME, i, "key field '%s' is given twice",
                        t->keys[r].n.name);
        given[r] = keys[i].value;
    }
    unsigned prefixlen = 0;
    for (size_t k = 0; k < t->nkeys; k++) {
        const P4iField *f = &t->keys[k];
        size_t i = 0;
        if (!given[k] && (f->match == P4I_EXACT || t->kind == P4I_ARRAY))
            return fail(P4RT_AT_NAME, 0, "missing key field '%s' of table '%s'", f->n.name,
                        t->n.name);
        for (i = 0; i < nkeys && given[k] && keys[i].value != given[k]; i++)
            ;
        if (encode_key(t, f, given[k], i, e, &prefixlen) < 0)
            return -EINVAL;
        if (t->kind == P4I_LPM_TRIE && f->match == P4I_LPM) {
            /* Everything before the lpm field in the trie's data, and the
             * unused high bits of its own bytes, is matched whole. */
            uint32_t plen = (f->offset - 4) * 8 + (f->size * 8 - f->width) + prefixlen;
            memcpy(e->key, &plen, 4);
        }
    }
    if (!action) /* the key alone: delete and look up */
        return 0;
    return p4e_action_value(t, action, args, nargs, e->value);
}

void p4e_entry_free(P4Entry *e)
{
    free(e->key);
    free(e->mask);
    free(e->value);
    memset(e, 0, sizeof *e);
}
