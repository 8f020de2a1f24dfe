/* Typed entries (include/p4rt.h, "Typed entries"): big-endian byte strings
 * by field position and p4info ids, turned into the P4Value form the text
 * path also produces, so both are checked and encoded by the same code
 * (entry.c) and written through the raw functions (table.c). */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static size_t field_bytes(const P4iField *f)
{
    return (f->width + 7) / 8;
}

static const P4iTable *table_of(p4rt_pipeline *p, uint32_t id, size_t *ti)
{
    for (size_t i = 0; i < p->info.ntables; i++) {
        uint32_t tid = p->info.tables[i].id ? p->info.tables[i].id : (uint32_t)i + 1;
        if (tid == id) {
            *ti = i;
            return &p->info.tables[i];
        }
    }
    p4rt_fail(ENOENT, "the program has no table with id %u", id);
    return NULL;
}

static const P4iAction *action_of(const P4iTable *t, uint32_t id)
{
    for (size_t i = 0; i < t->nactions; i++)
        if (t->actions[i].id == id)
            return &t->actions[i];
    p4rt_fail(EINVAL, "table '%s' has no action with id %u", t->n.name, id);
    return NULL;
}

/* N big-endian bytes into a P4V array (right-aligned), and as hex text
 * appended to TEXT. */
static void load_bytes(const uint8_t *b, size_t n, uint8_t v[P4V_BYTES], char *text, size_t size)
{
    memset(v, 0, P4V_BYTES);
    memcpy(v + P4V_BYTES - n, b, n);
    size_t len = strlen(text), i = 0;
    while (i + 1 < n && b[i] == 0)
        i++;
    len += (size_t)snprintf(text + len, len < size ? size - len : 0, "0x");
    for (; i < n && len + 3 < size; i++)
        len += (size_t)snprintf(text + len, size - len, "%02x", b[i]);
}

/* Key field F given as KB into V; *SKIP when it matches anything. */
static int key_value(const P4iTable *t, const P4iField *f, const p4rt_key_bytes *kb, P4Value *v,
                     bool *skip)
{
    size_t n = field_bytes(f);
    memset(v, 0, sizeof *v);
    *skip = false;
    if (kb->any) {
        if (f->match == P4I_EXACT || t->kind == P4I_ARRAY)
            return p4rt_fail(EINVAL, "key field '%s' is matched exact: it needs a value",
                             f->n.name);
        *skip = true;
        return 0;
    }
    if (!kb->value)
        return p4rt_fail(EINVAL, "key field '%s' has no value", f->n.name);
    load_bytes(kb->value, n, v->v, v->text, sizeof v->text);
    v->kind = P4V_PLAIN;
    size_t len = strlen(v->text);
    if (f->match == P4I_LPM) {
        v->kind = P4V_PREFIX;
        v->prefix_len = kb->prefix_len;
        v->part2 = len + 1;
        snprintf(v->text + len, sizeof v->text - len, "/%u", kb->prefix_len);
    } else if ((f->match == P4I_TERNARY || f->match == P4I_RANGE) && kb->mask) {
        bool range = f->match == P4I_RANGE;
        v->kind = range ? P4V_RANGE : P4V_MASKED;
        v->part2 = len + (range ? 2 : 3);
        snprintf(v->text + len, sizeof v->text - len, range ? ".." : "&&&");
        load_bytes(kb->mask, n, v->m, v->text, sizeof v->text);
        if (!range && p4v_bits(v->m) == 0)
            *skip = true; /* mask 0: anything */
    }
    return 0;
}

/* The error entry.c just set about a key or argument value, with the
 * value in hex in front ("port=0x0200: "), as the text functions name
 * theirs; KPOS[I]: which of the request's keys KN[I] is. */
static int restate(const P4eNamed *kn, const size_t *kpos, const P4eNamed *an)
{
    const p4rt_where *w = p4rt_errwhere();
    bool key = w->part == P4RT_AT_KEY_VALUE;
    if (!key && w->part != P4RT_AT_ARG_VALUE)
        return -EINVAL; /* the message stands */
    const P4eNamed *f = key ? &kn[w->index] : &an[w->index];
    char named[300], detail[512];
    snprintf(named, sizeof named, "%s=%s", f->name, f->value->text);
    snprintf(detail, sizeof detail, "%s", w->detail);
    return p4rt_fail_at(EINVAL, w->part, key ? kpos[w->index] : w->index, w->offset, named, "%s",
                        detail);
}

/* E for table T into ENT: through entry.c's checks and encoding. */
static int build(const P4iTable *t, const p4rt_typed_entry *e, bool with_action, P4Entry *ent)
{
    size_t nk = 0, na = 0;
    P4Value *kv = xcalloc(t->nkeys, sizeof *kv), *av = NULL;
    P4eNamed *kn = xcalloc(t->nkeys, sizeof *kn), *an = NULL;
    size_t *kpos = xcalloc(t->nkeys, sizeof *kpos);
    const P4iAction *a = NULL;
    int r = 0;
    memset(ent, 0, sizeof *ent);
    if (e->nkeys != t->nkeys) {
        r = p4rt_fail(EINVAL, "table '%s' has %zu key field%s, not %zu", t->n.name, t->nkeys,
                      t->nkeys == 1 ? "" : "s", e->nkeys);
        goto out;
    }
    bool prioritized = false;
    for (size_t i = 0; i < t->nkeys; i++)
        prioritized |= t->keys[i].match == P4I_TERNARY || t->keys[i].match == P4I_RANGE ||
                       t->keys[i].match == P4I_OPTIONAL;
    if (e->priority && !prioritized) {
        r = p4rt_fail(EINVAL,
                      "table '%s' has no priorities (only tables with ternary, range or "
                      "optional keys do)",
                      t->n.name);
        goto out;
    }
    for (size_t i = 0; i < t->nkeys; i++) {
        bool skip;
        if ((r = key_value(t, &t->keys[i], &e->keys[i], &kv[nk], &skip)) < 0)
            goto out;
        if (!skip) {
            kn[nk].name = t->keys[i].n.name;
            kn[nk].value = &kv[nk];
            kpos[nk++] = i;
        }
    }
    if (with_action) {
        if (!(a = action_of(t, e->action_id))) {
            r = -EINVAL;
            goto out;
        }
        size_t want = 0;
        for (size_t i = 0; i < a->nparams; i++)
            want += field_bytes(&a->params[i]);
        if (e->args_size != want || (want && !e->args)) {
            r = p4rt_fail(EINVAL, "action '%s' takes %zu bytes of arguments, not %zu", a->n.name,
                          want, e->args_size);
            goto out;
        }
        av = xcalloc(a->nparams, sizeof *av);
        an = xcalloc(a->nparams, sizeof *an);
        for (size_t i = 0, off = 0; i < a->nparams; i++) {
            load_bytes(e->args + off, field_bytes(&a->params[i]), av[i].v, av[i].text,
                       sizeof av[i].text);
            off += field_bytes(&a->params[i]);
            an[i].name = a->params[i].n.name;
            an[i].value = &av[i];
        }
        na = a->nparams;
    }
    if (p4e_entry(t, kn, nk, e->priority, a ? a->n.name : NULL, an, na, ent) < 0) {
        r = restate(kn, kpos, an);
        p4e_entry_free(ent);
    }
out:
    free(kv);
    free(kn);
    free(kpos);
    free(av);
    free(an);
    return r;
}

int p4rt_table_write_typed(p4rt_pipeline *p, uint32_t table_id, p4rt_op op,
                           const p4rt_typed_entry *e)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(e);
    P4RT_TRY(p4rt_check_op(__func__, op));
    P4RT_ARG(e->keys || !e->nkeys, "e->keys is NULL, with %zu of them", e->nkeys);
    size_t ti;
    const P4iTable *t = table_of(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    P4Entry ent;
    int r = build(t, e, op != P4RT_OP_DELETE, &ent);
    if (r < 0)
        return r;
    const void *key = t->kind == P4I_ARRAY ? (const void *)&ent.index : ent.key;
    r = p4rt_table_write_raw(p, table_id, op, key, ent.mask, e->priority, ent.value);
    p4e_entry_free(&ent);
    return r;
}

/* An LPM trie's lookup is a longest-prefix match: is KEY itself there? */
static bool lpm_has(int fd, const P4iTable *t, const uint8_t *key)
{
    uint8_t *k = xcalloc(2, t->key_size), *prev = NULL;
    bool found = false;
    while (!found && bpf_map_get_next_key(fd, prev, k) == 0) {
        found = memcmp(k, key, t->key_size) == 0;
        memcpy(k + t->key_size, k, t->key_size);
        prev = k + t->key_size;
    }
    free(k);
    return found;
}

/* Parameter F as stored at BYTES into N big-endian bytes at OUT. */
static void store_be(const P4iField *f, const uint8_t *bytes, uint8_t *out, size_t n)
{
    if (f->network) {
        memcpy(out, bytes + f->size - n, n);
        return;
    }
    uint64_t v = 0;
    switch (f->size) {
    case 1: v = bytes[0]; break;
    case 2: { uint16_t x; memcpy(&x, bytes, 2); v = x; break; }
    case 4: { uint32_t x; memcpy(&x, bytes, 4); v = x; break; }
    default: memcpy(&v, bytes, 8); break;
    }
    for (size_t i = n; i-- > 0; v >>= 8)
        out[i] = (uint8_t)v;
}

int p4rt_table_get_typed(p4rt_pipeline *p, uint32_t table_id, const p4rt_typed_entry *key,
                         uint32_t *action_id, uint8_t *args, size_t args_size)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(key);
    P4RT_NONNULL(action_id);
    P4RT_ARG(args || !args_size, "args is NULL, with args_size %zu", args_size);
    P4RT_ARG(key->keys || !key->nkeys, "key->keys is NULL, with %zu of them", key->nkeys);
    size_t ti;
    *action_id = 0;
    if (args_size)
        memset(args, 0, args_size);
    const P4iTable *t = table_of(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    P4Entry ent;
    int r = build(t, key, false, &ent);
    if (r < 0)
        return r;
    uint8_t *value = xcalloc(1, t->value_size);
    const void *k = t->kind == P4I_ARRAY ? (const void *)&ent.index : ent.key;
    if ((r = p4rt_need_loaded(p)) == 0 && t->kind == P4I_LPM_TRIE &&
        !lpm_has(p->tables[ti].fd, t, ent.key))
        r = p4rt_fail(ENOENT, "table '%s' has no such entry", t->n.name);
    if (r == 0)
        r = p4rt_table_read_raw(p, table_id, k, ent.mask, key->priority, value);
    uint32_t code = 0;
    memcpy(&code, value, 4);
    const P4iAction *a = NULL;
    for (size_t i = 0; r == 0 && i < t->nactions; i++)
        if (t->actions[i].code == code)
            a = &t->actions[i];
    if (r == 0 && !a)
        r = p4rt_fail(EIO, "table '%s' holds an entry with an unknown action code %u", t->n.name,
                      code);
    size_t off = 0;
    for (size_t i = 0; r == 0 && i < a->nparams; i++) {
        const P4iField *f = &a->params[i];
        size_t n = field_bytes(f);
        if (off + n > args_size) {
            r = p4rt_fail(EINVAL, "action '%s' has %zu bytes of arguments or more, more than %zu",
                          a->n.name, off + n, args_size);
            break;
        }
        store_be(f, value + f->offset, args + off, n);
        off += n;
    }
    if (r == 0)
        *action_id = a->id;
    free(value);
    p4e_entry_free(&ent);
    return r;
}

int p4rt_table_set_default_typed(p4rt_pipeline *p, uint32_t table_id, uint32_t action_id,
                                 const uint8_t *args, size_t args_size)
{
    P4RT_NONNULL(p);
    size_t ti;
    const P4iTable *t = table_of(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    if (t->default_const)
        return p4rt_fail(EPERM, "the default action of table '%s' is const", t->n.name);
    const P4iAction *a = action_of(t, action_id);
    int r = a ? 0 : -EINVAL;
    uint8_t *value = xcalloc(1, t->value_size);
    if (r == 0) {
        size_t want = 0;
        for (size_t i = 0; i < a->nparams; i++)
            want += field_bytes(&a->params[i]);
        if (args_size != want || (want && !args))
            r = p4rt_fail(EINVAL, "action '%s' takes %zu bytes of arguments, not %zu", a->n.name,
                          want, args_size);
    }
    for (size_t i = 0, off = 0; r == 0 && i < a->nparams; i++) {
        const P4iField *f = &a->params[i];
        uint8_t v[P4V_BYTES] = {0};
        size_t n = field_bytes(f);
        memcpy(v + P4V_BYTES - n, args + off, n);
        off += n;
        if (p4v_bits(v) > f->width) {
            char text[P4V_TEXT] = "";
            load_bytes(args + off - n, n, v, text, sizeof text);
            r = p4rt_fail(EINVAL, "%s=%s: value %s does not fit in parameter '%s' (bit<%u>)",
                          f->n.name, text, text, f->n.name, f->width);
            break;
        }
        p4v_store(v, f->size, f->network, value + f->offset);
    }
    if (r == 0) {
        memcpy(value, &a->code, 4);
        r = p4rt_table_default_raw(p, table_id, value);
    }
    free(value);
    return r;
}

int p4rt_table_reset_default_id(p4rt_pipeline *p, uint32_t table_id)
{
    P4RT_NONNULL(p);
    return p4rt_table_default_raw(p, table_id, NULL);
}
