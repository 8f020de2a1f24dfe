/* Table operations, values as text. See include/p4rt.h and
 * docs/RUNTIME.md ("Tables"). */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------ formatting */

static bool name_is_address(const char *name)
{
    const char *last = strrchr(name, '.');
    char low[128];
    size_t i;
    last = last ? last + 1 : name;
    for (i = 0; last[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)last[i]);
    low[i] = '\0';
    return strstr(low, "addr") || strncmp(low, "ip", 2) == 0 ||
           (i >= 2 && strcmp(low + i - 2, "ip") == 0) || strstr(low, "ipv4");
}

void p4rt_format_value(const P4iField *f, const uint8_t v[P4V_BYTES], char *buf, size_t size)
{
    const uint8_t *low = v + P4V_BYTES;
    if (f->width == 48) {
        low -= 6;
        snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x", low[0], low[1], low[2], low[3],
                 low[4], low[5]);
        return;
    }
    if (f->width == 128) {
        char s[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, low - 16, s, sizeof s);
        snprintf(buf, size, "%s", s);
        return;
    }
    if (f->width == 32 && name_is_address(f->n.name)) {
        snprintf(buf, size, "%u.%u.%u.%u", low[-4], low[-3], low[-2], low[-1]);
        return;
    }
    if (f->width <= 64) {
        uint64_t n = 0;
        for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
            n = n << 8 | v[i];
        snprintf(buf, size, "%llu", (unsigned long long)n);
        return;
    }
    /* Hex of the field's bytes, leading zero bytes dropped. */
    unsigned bytes = (f->width + 7) / 8, i = P4V_BYTES - bytes;
    while (i + 1 < P4V_BYTES && v[i] == 0)
        i++;
    size_t n = (size_t)snprintf(buf, size, "0x");
    for (; i < P4V_BYTES && n + 3 <= size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%02x", v[i]);
}

/* A mask: like a value for addresses, else hex. */
static void format_mask(const P4iField *f, const uint8_t m[P4V_BYTES], char *buf, size_t size)
{
    if (f->width == 48 || f->width == 128 || (f->width == 32 && name_is_address(f->n.name))) {
        p4rt_format_value(f, m, buf, size);
        return;
    }
    unsigned bytes = (f->width + 7) / 8, i = P4V_BYTES - bytes;
    while (i + 1 < P4V_BYTES && m[i] == 0)
        i++;
    size_t n = (size_t)snprintf(buf, size, "0x");
    for (; i < P4V_BYTES && n + 3 <= size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%02x", m[i]);
}

/* BYTES as stored (host integer or network bytes) into a P4V array. */
static void load_field(const P4iField *f, const uint8_t *bytes, uint8_t v[P4V_BYTES])
{
    memset(v, 0, P4V_BYTES);
    if (f->network) {
        memcpy(v + P4V_BYTES - f->size, bytes, f->size);
        return;
    }
    uint64_t n = 0;
    switch (f->size) {
    case 1: { uint8_t x; memcpy(&x, bytes, 1); n = x; break; }
    case 2: { uint16_t x; memcpy(&x, bytes, 2); n = x; break; }
    case 4: { uint32_t x; memcpy(&x, bytes, 4); n = x; break; }
    default: memcpy(&n, bytes, 8); break;
    }
    p4v_from_u64(v, n);
}

void p4rt_format_field(const P4iField *f, const uint8_t *bytes, char *buf, size_t size)
{
    uint8_t v[P4V_BYTES];
    load_field(f, bytes, v);
    p4rt_format_value(f, v, buf, size);
}

/* ----------------------------------------------------------- entry output */

typedef struct {
    p4rt_entry_out out; /* first: the public part */
    p4rt_field *keys, *args;
    char *pool;
    size_t used, cap;
} OutBuf;

static const char *keep(OutBuf *o, const char *s)
{
    size_t n = strlen(s) + 1;
    if (o->used + n > o->cap) {
        /* Strings already handed out point into the pool: never move it. */
        abort();
    }
    char *d = o->pool + o->used;
    memcpy(d, s, n);
    o->used += n;
    return d;
}

static OutBuf *out_new(const P4iTable *t)
{
    OutBuf *o = xcalloc(1, sizeof *o);
    size_t maxargs = 0;
    for (size_t i = 0; i < t->nactions; i++)
        if (t->actions[i].nparams > maxargs)
            maxargs = t->actions[i].nparams;
    o->keys = xcalloc(t->nkeys, sizeof *o->keys);
    o->args = xcalloc(maxargs, sizeof *o->args);
    /* Each value at most ~ 2 * 160 characters (value&&&mask of 512 bits). */
    o->cap = 512 + (t->nkeys + maxargs) * 400;
    o->pool = xcalloc(1, o->cap);
    o->out.table = t->n.name;
    o->out.e.keys = o->keys;
    o->out.e.args = o->args;
    o->out.has_priority = t->kind == P4I_SLOTS;
    return o;
}

void p4rt_entry_release(p4rt_entry_out *out)
{
    OutBuf *o = (OutBuf *)out;
    if (!o)
        return;
    free(o->keys);
    free(o->args);
    free(o->pool);
    free(o);
}

/* The action whose CODE an entry's value header holds. */
static const P4iAction *action_by_code(const P4iTable *t, uint32_t code)
{
    for (size_t i = 0; i < t->nactions; i++)
        if (t->actions[i].code == code)
            return &t->actions[i];
    return NULL;
}

static const P4iAction *action_by_id(const P4iTable *t, uint32_t id)
{
    for (size_t i = 0; i < t->nactions; i++)
        if (t->actions[i].id == id)
            return &t->actions[i];
    return NULL;
}

/* The action part of VALUE into O. */
static void decode_action(const P4iTable *t, const uint8_t *value, OutBuf *o)
{
    uint32_t id;
    char buf[200];
    memcpy(&id, value, 4);
    const P4iAction *a = action_by_code(t, id);
    if (!a) {
        snprintf(buf, sizeof buf, "(unknown action code %u)", id);
        o->out.e.action = keep(o, buf);
        return;
    }
    o->out.e.action = a->n.name;
    for (size_t i = 0; i < a->nparams; i++) {
        p4rt_format_field(&a->params[i], value + a->params[i].offset, buf, sizeof buf);
        o->args[i].name = a->params[i].n.name;
        o->args[i].value = keep(o, buf);
    }
    o->out.e.nargs = a->nparams;
}

/* One key field of a slot: VALUE and MASK bytes of the key. */
static void decode_slot_field(const P4iField *f, const uint8_t *value, const uint8_t *mask,
                              char *buf, size_t size)
{
    uint8_t v[P4V_BYTES], m[P4V_BYTES], ones[P4V_BYTES];
    char a[180], b[180];
    load_field(f, value + f->offset, v);
    load_field(f, mask + f->offset, m);
    p4v_ones(ones, f->width);
    if (f->match == P4I_RANGE) {
        if (p4v_bits(v) == 0 && memcmp(m, ones, P4V_BYTES) == 0) {
            snprintf(buf, size, "*");
        } else if (memcmp(v, m, P4V_BYTES) == 0) {
            p4rt_format_value(f, v, buf, size);
        } else {
            p4rt_format_value(f, v, a, sizeof a);
            p4rt_format_value(f, m, b, sizeof b);
            snprintf(buf, size, "%s..%s", a, b);
        }
        return;
    }
    if (f->match == P4I_EXACT || memcmp(m, ones, P4V_BYTES) == 0) {
        p4rt_format_value(f, v, buf, size);
        return;
    }
    if (p4v_bits(m) == 0) {
        snprintf(buf, size, "*");
        return;
    }
    /* A prefix mask? */
    for (unsigned len = 1; len < f->width; len++) {
        uint8_t pm[P4V_BYTES];
        p4v_prefix_mask(pm, f->width, len);
        if (memcmp(pm, m, P4V_BYTES) == 0) {
            p4rt_format_value(f, v, a, sizeof a);
            snprintf(buf, size, "%s/%u", a, len);
            return;
        }
    }
    p4rt_format_value(f, v, a, sizeof a);
    format_mask(f, m, b, sizeof b);
    snprintf(buf, size, "%s&&&%s", a, b);
}

/* The key of an entry (KEY as in the map; MASK for slots; INDEX for
 * arrays) into O. */
static void decode_key(const P4iTable *t, const uint8_t *key, const uint8_t *mask, uint32_t index,
                       OutBuf *o)
{
    char buf[400];
    uint32_t plen = 0;
    if (t->kind == P4I_LPM_TRIE)
        memcpy(&plen, key, 4);
    for (size_t k = 0; k < t->nkeys; k++) {
        const P4iField *f = &t->keys[k];
        if (t->kind == P4I_ARRAY) {
            snprintf(buf, sizeof buf, "%u", index);
        } else if (t->kind == P4I_SLOTS) {
            decode_slot_field(f, key, mask, buf, sizeof buf);
        } else if (t->kind == P4I_LPM_TRIE && f->match == P4I_LPM) {
            uint32_t before = (f->offset - 4) * 8 + (f->size * 8 - f->width);
            uint32_t len = plen > before ? plen - before : 0;
            p4rt_format_field(f, key + f->offset, buf, sizeof buf);
            if (len < f->width) {
                size_t n = strlen(buf);
                if (len == 0)
                    snprintf(buf, sizeof buf, "*");
                else
                    snprintf(buf + n, sizeof buf - n, "/%u", len);
            }
        } else {
            p4rt_format_field(f, key + f->offset, buf, sizeof buf);
        }
        o->keys[k].name = f->n.name;
        o->keys[k].value = keep(o, buf);
    }
    o->out.e.nkeys = t->nkeys;
}

/* ------------------------------------------------------------ input side */

static const P4iTable *find_table(p4rt_pipeline *p, const char *name, size_t *idx)
{
    const P4iTable *t = p4e_table(&p->info, name);
    if (t)
        *idx = (size_t)(t - p->info.tables);
    return t;
}

/* An error in the key field or argument F (the request's I-th, PART), with
 * "NAME=VALUE: " in front; OFFSET into the value's text. */
static int field_fail(p4rt_part part, size_t i, size_t offset, const p4rt_field *f,
                      const char *msg)
{
    char named[400], detail[512];
    snprintf(named, sizeof named, "%s=%s", f->name, f->value);
    snprintf(detail, sizeof detail, "%s", msg); /* MSG may be this thread's message */
    return p4rt_fail_at(EINVAL, part, i, offset, named, "%s", detail);
}

/* The error entry.c just set about its I-th key or argument, restated for
 * the request: its key fields KEYS (the I-th encoded one was KEYS[KMAP[I]])
 * and arguments ARGS, values named as the caller wrote them. */
static int restate(const p4rt_field *keys, const size_t *kmap, const p4rt_field *args)
{
    const p4rt_where *w = p4rt_errwhere();
    size_t i = w->index;
    char msg[512];
    switch (w->part) {
    case P4RT_AT_KEY_NAME:
        snprintf(msg, sizeof msg, "%s", p4rt_errmsg());
        return p4rt_fail_at(EINVAL, P4RT_AT_KEY_NAME, kmap[i], 0, NULL, "%s", msg);
    case P4RT_AT_KEY_VALUE:
        return field_fail(P4RT_AT_KEY_VALUE, kmap[i], w->offset, &keys[kmap[i]], w->detail);
    case P4RT_AT_ARG_VALUE:
        return field_fail(P4RT_AT_ARG_VALUE, i, w->offset, &args[i], w->detail);
    default:
        return -EINVAL; /* the message stands */
    }
}

/* "a=1, b=2" of the key fields the caller gave, for messages. */
static void key_text(const p4rt_entry *e, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < e->nkeys && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s=%s", i ? " " : "", e->keys[i].name,
                              e->keys[i].value);
    if (e->nkeys == 0)
        snprintf(buf, size, "(empty key)");
}

/* Encode E (its action too when WITH_ACTION) for table T into ENT. */
static int encode(const P4iTable *t, const p4rt_entry *e, bool with_action, P4Entry *ent)
{
    size_t nk = e->nkeys, na = with_action ? e->nargs : 0, kused = 0;
    P4Value *kv = xcalloc(nk, sizeof *kv), *av = xcalloc(na, sizeof *av);
    P4eNamed *kn = xcalloc(nk, sizeof *kn), *an = xcalloc(na, sizeof *an);
    size_t *kmap = xcalloc(nk, sizeof *kmap);
    size_t off;
    int r = 0;
    memset(ent, 0, sizeof *ent);

    if (with_action && (!e->action || !e->action[0])) {
        r = p4rt_fail_at(EINVAL, P4RT_AT_ACTION, 0, 0, NULL,
                         "no action given for the entry of table '%s'", t->n.name);
        goto out;
    }
    if (t->kind != P4I_SLOTS && e->priority) {
        r = p4rt_fail(EINVAL,
                      "table '%s' has no priorities (only tables with ternary, range or "
                      "optional keys do)",
                      t->n.name);
        goto out;
    }
    for (size_t i = 0; i < nk; i++) {
        const char *name = e->keys[i].name, *text = e->keys[i].value;
        if (!name || !text) {
            r = p4rt_fail_at(EINVAL, P4RT_AT_KEY_NAME, i, 0, NULL,
                             "key field %zu has no name or no value", i + 1);
            goto out;
        }
        if (strcmp(text, "*") == 0) {
            /* Match anything: leave the field out, unless it must be given. */
            long a, b, k = P4I_LOOKUP(t->keys, t->nkeys, name, &a, &b);
            if (k >= 0 && (t->keys[k].match == P4I_EXACT || t->kind == P4I_ARRAY)) {
                char msg[300];
                snprintf(msg, sizeof msg, "key field '%s' is matched exact: it needs a value",
                         t->keys[k].n.name);
                r = field_fail(P4RT_AT_KEY_VALUE, i, 0, &e->keys[i], msg);
                goto out;
            }
            if (k >= 0)
                continue;
        }
        if (p4v_parse(text, strlen(text), P4V_ALLOW_CP, &kv[kused], &off) < 0) {
            r = field_fail(P4RT_AT_KEY_VALUE, i, off, &e->keys[i], p4rt_errmsg());
            goto out;
        }
        kn[kused].name = name;
        kn[kused].value = &kv[kused];
        kmap[kused++] = i;
    }
    for (size_t i = 0; i < na; i++) {
        const char *name = e->args[i].name, *text = e->args[i].value;
        if (!name || !text) {
            r = p4rt_fail_at(EINVAL, P4RT_AT_ARG_NAME, i, 0, NULL,
                             "argument %zu has no name or no value", i + 1);
            goto out;
        }
        if (p4v_parse(text, strlen(text), P4V_ALLOW_PLAIN | P4V_ALLOW_ADDR, &av[i], &off) < 0) {
            r = field_fail(P4RT_AT_ARG_VALUE, i, off, &e->args[i], p4rt_errmsg());
            goto out;
        }
        an[i].name = name;
        an[i].value = &av[i];
    }
    if (p4e_entry(t, kn, kused, e->priority, with_action ? e->action : NULL, an, na, ent) < 0) {
        r = restate(e->keys, kmap, e->args);
        p4e_entry_free(ent);
    }
out:
    free(kv);
    free(av);
    free(kn);
    free(an);
    free(kmap);
    return r;
}

/* ----------------------------------------------------------- map access */

typedef enum { W_ADD, W_MODIFY, W_DELETE } WriteOp;

/* What p4e_entry says of entries of a keyless table, for raw access. */
static int keyless_fail(const P4iTable *t, int e)
{
    return p4rt_fail_at(e, P4RT_AT_NAME, 0, 0, NULL, "table '%s' has no key, so it has no "
                        "entries: every packet misses it and runs its default action", t->n.name);
}

static int map_fail(const P4iTable *t, const char *what, int e)
{
    if (e == E2BIG || e == ENOSPC)
        return p4rt_fail(ENOSPC, "table '%s' is full (%u entries)", t->n.name, t->size);
    return p4rt_fail(e, "cannot %s the entry of table '%s': %s", what, t->n.name, strerror(e));
}

/* A tuple-space operation's result as this library's message. */
static int tss_fail(const P4iTable *t, int r, const char *what, const char *keytext,
                    uint32_t priority)
{
    switch (r) {
    case 0:
        return 0;
    case -EEXIST:
        return p4rt_fail(EEXIST, "table '%s' already has an entry with key %s and priority %u",
                         t->n.name, keytext, priority);
    case -ENOENT:
        return p4rt_fail(ENOENT, "table '%s' has no entry with key %s and priority %u",
                         t->n.name, keytext, priority);
    default:
        return map_fail(t, what, -r);
    }
}

int p4cache_bump(const P4iTable *t, int version_fd)
{
    uint32_t zero = 0, version = 0;
    if (!t->cache_version_map)
        return 0;
    if (version_fd < 0)
        return p4rt_fail(EBADF,
                         "cannot bump the cache version of table '%s': map '%s' is not open",
                         t->n.name, t->cache_version_map);
    if (bpf_map_lookup_elem(version_fd, &zero, &version) == 0) {
        version++;
        if (bpf_map_update_elem(version_fd, &zero, &version, BPF_ANY) == 0)
            return 0;
    }
    int e = errno;
    return p4rt_fail(e, "cannot bump the cache version of table '%s' (map '%s'): %s", t->n.name,
                     t->cache_version_map, strerror(e));
}

bool p4cache_touched(int r)
{
    return r != -EEXIST && r != -ENOENT && r != -ENOSPC;
}

/* After a write to table TI's entries that returned R (0 or a negative
 * errno with the message set): its cache version bumped when the write may
 * have CHANGED them. Returns R, or the bump's error (after R's message). */
static int after_write(p4rt_pipeline *p, size_t ti, int r, bool changed)
{
    const P4iTable *t = &p->info.tables[ti];
    char first[512];
    if (!t->cache_version_map || !changed)
        return r;
    snprintf(first, sizeof first, "%s", p4rt_errmsg());
    int b = p4cache_bump(t, p->cache_versions[ti].fd); /* a bump that works says nothing */
    if (b == 0 || r == 0)
        return b == 0 ? r : b;
    char bump[512];
    snprintf(bump, sizeof bump, "%s", p4rt_errmsg());
    return p4rt_fail(-r, "%s; %s", first, bump);
}

static int write_maps(p4rt_pipeline *p, size_t ti, WriteOp op, const uint8_t *key,
                      const uint8_t *mask, uint32_t index, uint32_t priority,
                      const uint8_t *value, const char *keytext);

static int write_entry(p4rt_pipeline *p, size_t ti, WriteOp op, const uint8_t *key,
                       const uint8_t *mask, uint32_t index, uint32_t priority,
                       const uint8_t *value, const char *keytext)
{
    const P4iTable *t = &p->info.tables[ti];
    if (t->kind == P4I_KEYLESS)
        return keyless_fail(t, EINVAL);
    if (p->tables[ti].fd < 0)
        return p4rt_fail(ENOENT, "table '%s' has no map", t->n.name);
    if (t->const_entries)
        return p4rt_fail_at(EPERM, P4RT_AT_NAME, 0, 0, NULL,
                            "table '%s' has const entries: it cannot be changed", t->n.name);
    if (t->kind == P4I_ARRAY && index >= t->size)
        return p4rt_fail(ERANGE, "index %u is out of range for table '%s' (size %u)", index,
                         t->n.name, t->size);
    /* The ternary table's steps and the cache bump, one writer at a time. */
    int r = p4rt_lock(p, true);
    if (r < 0)
        return r;
    r = write_maps(p, ti, op, key, mask, index, priority, value, keytext);
    r = after_write(p, ti, r, p4cache_touched(r));
    p4rt_unlock(p);
    return r;
}

/* The write itself, without the checks above and the cache bump. */
static int write_maps(p4rt_pipeline *p, size_t ti, WriteOp op, const uint8_t *key,
                      const uint8_t *mask, uint32_t index, uint32_t priority,
                      const uint8_t *value, const char *keytext)
{
    const P4iTable *t = &p->info.tables[ti];
    int fd = p->tables[ti].fd, r;

    if (t->kind == P4I_ARRAY) {
        uint8_t *cur = xcalloc(1, t->value_size);
        uint32_t id = 0;
        if (bpf_map_lookup_elem(fd, &index, cur)) {
            int e = errno;
            free(cur);
            return map_fail(t, "read", e);
        }
        memcpy(&id, cur, 4);
        if (op == W_ADD && id != 0)
            r = p4rt_fail(EEXIST, "table '%s' already has an entry at index %u", t->n.name,
                          index);
        else if (op != W_ADD && id == 0)
            r = p4rt_fail(ENOENT, "table '%s' has no entry at index %u", t->n.name, index);
        else {
            memset(cur, 0, t->value_size);
            r = bpf_map_update_elem(fd, &index, op == W_DELETE ? cur : value, BPF_ANY)
                    ? map_fail(t, "write", errno)
                    : 0;
        }
        free(cur);
        return r;
    }

    if (t->kind != P4I_SLOTS) {
        if (op == W_DELETE) {
            if (bpf_map_delete_elem(fd, key)) {
                int e = errno;
                if (e == ENOENT)
                    return p4rt_fail(ENOENT, "table '%s' has no entry with key %s", t->n.name,
                                     keytext);
                return map_fail(t, "delete", e);
            }
            return 0;
        }
        if (bpf_map_update_elem(fd, key, value, op == W_ADD ? BPF_NOEXIST : BPF_EXIST)) {
            int e = errno;
            if (e == EEXIST)
                return p4rt_fail(EEXIST, "table '%s' already has an entry with key %s",
                                 t->n.name, keytext);
            if (e == ENOENT)
                return p4rt_fail(ENOENT, "table '%s' has no entry with key %s", t->n.name,
                                 keytext);
            return map_fail(t, op == W_ADD ? "add" : "modify", e);
        }
        return 0;
    }

    const TssMaps *m = &p->tss[ti];
    switch (op) {
    case W_ADD:
        return tss_fail(t, tss_add(t, m, key, mask, priority, value), "add", keytext, priority);
    case W_MODIFY:
        return tss_fail(t, tss_modify(t, m, key, mask, priority, value), "modify", keytext,
                        priority);
    case W_DELETE:
        return tss_fail(t, tss_delete(t, m, key, mask, priority), "delete", keytext, priority);
    }
    return 0;
}

static int table_op(p4rt_pipeline *p, const char *table, const p4rt_entry *e, WriteOp op)
{
    size_t ti;
    P4Entry ent;
    char keytext[400];
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    int r = encode(t, e, op != W_DELETE, &ent);
    if (r < 0)
        return r;
    if ((r = p4rt_need_loaded(p)) == 0) {
        key_text(e, keytext, sizeof keytext);
        r = write_entry(p, ti, op, ent.key, ent.mask, ent.index, e->priority, ent.value, keytext);
    }
    p4e_entry_free(&ent);
    return r;
}

int p4rt_table_add(p4rt_pipeline *p, const char *table, const p4rt_entry *e)
{
    return table_op(p, table, e, W_ADD);
}

int p4rt_table_modify(p4rt_pipeline *p, const char *table, const p4rt_entry *e)
{
    return table_op(p, table, e, W_MODIFY);
}

int p4rt_table_delete(p4rt_pipeline *p, const char *table, const p4rt_entry *e)
{
    return table_op(p, table, e, W_DELETE);
}

/* Every entry of table TI gone, without the cache bump. */
static int clear_maps(p4rt_pipeline *p, size_t ti)
{
    const P4iTable *t = &p->info.tables[ti];
    int fd = p->tables[ti].fd, r = 0;
    if (t->kind == P4I_SLOTS)
        return tss_fail(t, tss_clear(t, &p->tss[ti]), "clear", "", 0);
    if (t->kind == P4I_ARRAY) {
        uint8_t *zero = xcalloc(1, t->value_size);
        for (uint32_t i = 0; i < t->size && r == 0; i++)
            if (bpf_map_update_elem(fd, &i, zero, BPF_ANY))
                r = map_fail(t, "clear", errno);
        free(zero);
        return r;
    }
    uint8_t *key = xcalloc(1, t->key_size);
    /* Deleting while walking can skip keys of a hash map: start over each
     * time. */
    while (r == 0 && bpf_map_get_next_key(fd, NULL, key) == 0)
        if (bpf_map_delete_elem(fd, key) && errno != ENOENT)
            r = map_fail(t, "delete", errno);
    free(key);
    return r;
}

int p4rt_table_clear(p4rt_pipeline *p, const char *table)
{
    size_t ti;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (t->const_entries)
        return p4rt_fail_at(EPERM, P4RT_AT_NAME, 0, 0, NULL,
                            "table '%s' has const entries: it cannot be changed", t->n.name);
    if (t->kind == P4I_KEYLESS)
        return 0;   /* it has no entries */
    if ((r = p4rt_lock(p, true)) < 0)
        return r;
    /* A clear that stopped half-way may have removed entries too: the
     * cache is bumped whatever the result. */
    r = after_write(p, ti, clear_maps(p, ti), true);
    p4rt_unlock(p);
    return r;
}

int p4rt_table_set_default(p4rt_pipeline *p, const char *table, const char *action,
                           const p4rt_field *args, size_t nargs)
{
    size_t ti;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    if (t->default_const)
        return p4rt_fail_at(EPERM, P4RT_AT_NAME, 0, 0, NULL,
                            "the default action of table '%s' is const", t->n.name);
    if (!action || !action[0])
        return p4rt_fail_at(EINVAL, P4RT_AT_ACTION, 0, 0, NULL,
                            "no action given for the default action of table '%s'", t->n.name);
    P4Value *av = xcalloc(nargs, sizeof *av);
    P4eNamed *an = xcalloc(nargs, sizeof *an);
    uint8_t *value = xcalloc(1, t->value_size);
    size_t off;
    int r = 0;
    for (size_t i = 0; i < nargs && r == 0; i++) {
        if (p4v_parse(args[i].value, strlen(args[i].value), P4V_ALLOW_PLAIN | P4V_ALLOW_ADDR,
                      &av[i], &off) < 0)
            r = field_fail(P4RT_AT_ARG_VALUE, i, off, &args[i], p4rt_errmsg());
        an[i].name = args[i].name;
        an[i].value = &av[i];
    }
    if (r == 0 && p4e_action_value(t, action, an, nargs, value) < 0)
        r = restate(NULL, NULL, args);
    if (r == 0)
        r = p4rt_table_default_raw(p, t->id ? t->id : (uint32_t)ti + 1, value);
    free(av);
    free(an);
    free(value);
    return r;
}

int p4rt_table_reset_default(p4rt_pipeline *p, const char *table)
{
    size_t ti;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    if (t->default_const)
        return p4rt_fail_at(EPERM, P4RT_AT_NAME, 0, 0, NULL,
                            "the default action of table '%s' is const", t->n.name);
    return p4rt_table_default_raw(p, t->id ? t->id : (uint32_t)ti + 1, NULL);
}

/* ------------------------------------------------------------ reading */

static bool lpm_has_key(int fd, const P4iTable *t, const uint8_t *key)
{
    uint8_t *k = xcalloc(1, t->key_size), *prev = NULL, *pk = xcalloc(1, t->key_size);
    bool found = false;
    while (!found && bpf_map_get_next_key(fd, prev, k) == 0) {
        found = memcmp(k, key, t->key_size) == 0;
        memcpy(pk, k, t->key_size);
        prev = pk;
    }
    free(k);
    free(pk);
    return found;
}

int p4rt_table_get(p4rt_pipeline *p, const char *table, const p4rt_entry *e,
                   p4rt_entry_out **out)
{
    size_t ti;
    P4Entry ent;
    char keytext[400];
    *out = NULL;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    int r = encode(t, e, false, &ent);
    if (r < 0)
        return r;
    if ((r = p4rt_need_loaded(p)) < 0)
        goto done;
    key_text(e, keytext, sizeof keytext);
    int fd = p->tables[ti].fd;
    uint8_t *value = xcalloc(1, t->value_size);
    if (t->kind == P4I_SLOTS) {
        if ((r = p4rt_lock(p, false)) == 0) {
            r = tss_get(t, &p->tss[ti], ent.key, ent.mask, e->priority, value);
            p4rt_unlock(p);
            r = tss_fail(t, r, "read", keytext, e->priority);
        }
        if (r == 0) {
            OutBuf *o = out_new(t);
            decode_key(t, ent.key, ent.mask, 0, o);
            decode_action(t, value, o);
            o->out.e.priority = e->priority;
            *out = &o->out;
        }
    } else {
        const void *k = t->kind == P4I_ARRAY ? (const void *)&ent.index : ent.key;
        uint32_t id = 0;
        /* An LPM trie's lookup is a longest-prefix match; "get" wants the
         * entry with exactly this prefix. */
        if (t->kind == P4I_LPM_TRIE && !lpm_has_key(fd, t, ent.key)) {
            r = p4rt_fail(ENOENT, "table '%s' has no entry with key %s", t->n.name, keytext);
        } else if (bpf_map_lookup_elem(fd, k, value)) {
            int err = errno;
            r = err == ENOENT ? p4rt_fail(ENOENT, "table '%s' has no entry with key %s",
                                          t->n.name, keytext)
                              : map_fail(t, "read", err);
        } else if (memcpy(&id, value, 4), id == 0) {
            r = p4rt_fail(ENOENT, "table '%s' has no entry with key %s", t->n.name, keytext);
        } else {
            OutBuf *o = out_new(t);
            decode_key(t, ent.key, NULL, ent.index, o);
            decode_action(t, value, o);
            *out = &o->out;
        }
    }
    free(value);
done:
    p4e_entry_free(&ent);
    return r;
}

int p4rt_table_get_default(p4rt_pipeline *p, const char *table, p4rt_entry_out **out)
{
    size_t ti;
    *out = NULL;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    int fd = p->defaults[ti].fd;
    if (fd < 0)
        return p4rt_fail(ENOENT, "table '%s' has no default-action map", t->n.name);
    uint8_t *value = xcalloc(1, t->value_size);
    uint32_t zero = 0, id;
    if (bpf_map_lookup_elem(fd, &zero, value)) {
        r = map_fail(t, "read", errno);
        free(value);
        return r;
    }
    OutBuf *o = out_new(t);
    o->out.is_default = true;
    memcpy(&id, value, 4);
    if (id == 0) {
        const P4iAction *a = action_by_id(t, t->default_action);
        o->out.is_program_default = true;
        o->out.e.action = a ? a->n.name : "(none)";
    } else {
        decode_action(t, value, o);
    }
    free(value);
    *out = &o->out;
    return 0;
}

static int cmp_keys(const void *a, const void *b, void *arg)
{
    const P4iTable *t = arg;
    const uint8_t *ka = a, *kb = b;
    for (size_t k = 0; k < t->nkeys; k++) {
        uint8_t va[P4V_BYTES], vb[P4V_BYTES];
        load_field(&t->keys[k], ka + t->keys[k].offset, va);
        load_field(&t->keys[k], kb + t->keys[k].offset, vb);
        int c = memcmp(va, vb, P4V_BYTES);
        if (c)
            return c;
    }
    if (t->kind == P4I_LPM_TRIE) {
        uint32_t pa, pb;
        memcpy(&pa, ka, 4);
        memcpy(&pb, kb, 4);
        return pa < pb ? 1 : pa > pb ? -1 : 0;
    }
    return 0;
}

/* Ternary tables: highest priority first (ties: in the order packets
 * see them). */
static int dump_tss(p4rt_pipeline *p, size_t ti, p4rt_entry_fn fn, void *ctx)
{
    const P4iTable *t = &p->info.tables[ti];
    uint8_t *slots;
    size_t n;
    int r = p4rt_lock(p, false);
    if (r < 0)
        return r;
    r = tss_read_all(t, &p->tss[ti], &slots, &n);
    p4rt_unlock(p);
    if (r < 0)
        return map_fail(t, "read", -r);
    for (size_t i = 0; i < n && r == 0; i++) {
        const uint8_t *v = slots + i * t->slot_size;
        OutBuf *o = out_new(t);
        decode_key(t, v + t->slot_value_offset, v + t->slot_mask_offset, 0, o);
        decode_action(t, v + t->slot_action_offset, o);
        memcpy(&o->out.e.priority, v + 4, 4);
        r = fn(&o->out, ctx);
        p4rt_entry_release(&o->out);
    }
    free(slots);
    return r;
}

int p4rt_table_dump(p4rt_pipeline *p, const char *table, p4rt_entry_fn fn, void *ctx)
{
    size_t ti;
    const P4iTable *t = find_table(p, table, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    int fd = p->tables[ti].fd;
    if (t->kind == P4I_KEYLESS)
        return 0;   /* it has no entries */
    if (t->kind == P4I_SLOTS)
        return dump_tss(p, ti, fn, ctx);
    if (t->kind == P4I_ARRAY) {
        size_t vsize = t->value_size;
        uint8_t *v = xcalloc(1, vsize);
        for (uint32_t i = 0; i < t->size && r == 0; i++) {
            if (bpf_map_lookup_elem(fd, &i, v)) {
                r = map_fail(t, "read", errno);
                break;
            }
            uint32_t in_use;
            memcpy(&in_use, v, 4); /* slots: in_use; arrays: the action id */
            if (!in_use)
                continue;
            OutBuf *o = out_new(t);
            decode_key(t, NULL, NULL, i, o);
            decode_action(t, v, o);
            r = fn(&o->out, ctx);
            p4rt_entry_release(&o->out);
        }
        free(v);
        return r;
    }
    /* Every key first, then sorted (by field values; lpm: longer prefixes
     * first), so that dumps do not follow the map's hash order. */
    size_t n = 0, cap = 16, ks = t->key_size;
    uint8_t *keys = xcalloc(cap, ks), *prev = NULL;
    while (bpf_map_get_next_key(fd, prev, keys + n * ks) == 0) {
        prev = keys + n * ks;
        if (++n == cap) {
            cap *= 2;
            keys = realloc(keys, cap * ks);
            if (!keys)
                abort();
        }
    }
    qsort_r(keys, n, ks, cmp_keys, (void *)t);
    uint8_t *v = xcalloc(1, t->value_size);
    for (size_t i = 0; i < n && r == 0; i++) {
        uint8_t *key = keys + i * ks;
        if (bpf_map_lookup_elem(fd, key, v))
            continue; /* deleted meanwhile */
        OutBuf *o = out_new(t);
        decode_key(t, key, NULL, 0, o);
        decode_action(t, v, o);
        r = fn(&o->out, ctx);
        p4rt_entry_release(&o->out);
    }
    free(keys);
    free(v);
    return r;
}

/* ---------------------------------------------------------- typed access */

static const P4iTable *table_by_id(p4rt_pipeline *p, uint32_t id, size_t *ti)
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

int p4rt_table_write_raw(p4rt_pipeline *p, uint32_t table_id, p4rt_op op, const void *key,
                         const void *mask, uint32_t priority, const void *value)
{
    size_t ti;
    const P4iTable *t = table_by_id(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (t->kind == P4I_SLOTS && !mask)
        return p4rt_fail(EINVAL, "table '%s' needs a mask with the key", t->n.name);
    uint32_t index = 0;
    if (t->kind == P4I_ARRAY)
        memcpy(&index, key, 4);
    uint8_t *zero = NULL;
    if (op != P4RT_OP_DELETE) {
        uint32_t id;
        memcpy(&id, value, 4);
        if (!action_by_code(t, id))
            return p4rt_fail(EINVAL, "table '%s' has no action with code %u", t->n.name, id);
    } else {
        zero = xcalloc(1, t->value_size);
        value = zero;
    }
    r = write_entry(p, ti, op == P4RT_OP_ADD ? W_ADD : op == P4RT_OP_MODIFY ? W_MODIFY : W_DELETE,
                    key, mask, index, priority, value, "(given)");
    free(zero);
    return r;
}

int p4rt_table_read_raw(p4rt_pipeline *p, uint32_t table_id, const void *key, const void *mask,
                        uint32_t priority, void *value)
{
    size_t ti;
    const P4iTable *t = table_by_id(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    int fd = p->tables[ti].fd;
    if (t->kind == P4I_KEYLESS)
        return keyless_fail(t, ENOENT);
    if (t->kind == P4I_SLOTS) {
        if (!mask)
            return p4rt_fail(EINVAL, "table '%s' needs a mask with the key", t->n.name);
        if ((r = p4rt_lock(p, false)) < 0)
            return r;
        r = tss_get(t, &p->tss[ti], key, mask, priority, value);
        p4rt_unlock(p);
        if (r == -ENOENT)
            return p4rt_fail(ENOENT, "table '%s' has no such entry", t->n.name);
        return r < 0 ? map_fail(t, "read", -r) : 0;
    }
    if (bpf_map_lookup_elem(fd, key, value)) {
        int e = errno;
        return e == ENOENT ? p4rt_fail(ENOENT, "table '%s' has no such entry", t->n.name)
                           : map_fail(t, "read", e);
    }
    uint32_t id;
    memcpy(&id, value, 4);
    if (id == 0)
        return p4rt_fail(ENOENT, "table '%s' has no such entry", t->n.name);
    return 0;
}

int p4rt_table_default_raw(p4rt_pipeline *p, uint32_t table_id, const void *value)
{
    size_t ti;
    const P4iTable *t = table_by_id(p, table_id, &ti);
    if (!t)
        return -ENOENT;
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (t->default_const)
        return p4rt_fail(EPERM, "the default action of table '%s' is const", t->n.name);
    int fd = p->defaults[ti].fd;
    if (fd < 0)
        return p4rt_fail(ENOENT, "table '%s' has no default-action map", t->n.name);
    uint8_t *zero = xcalloc(1, t->value_size);
    uint32_t key = 0;
    if (value) {
        uint32_t id;
        memcpy(&id, value, 4);
        if (!action_by_code(t, id)) {
            free(zero);
            return p4rt_fail(EINVAL, "table '%s' has no action with code %u", t->n.name, id);
        }
    }
    /* No cache bump: a lookup cache never holds the default action. */
    if ((r = p4rt_lock(p, true)) == 0) {
        if (bpf_map_update_elem(fd, &key, value ? value : zero, BPF_ANY))
            r = p4rt_fail(errno, "cannot set the default action of table '%s': %s", t->n.name,
                          strerror(errno));
        p4rt_unlock(p);
    }
    free(zero);
    return r;
}
