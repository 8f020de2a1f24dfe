/* Reading prog.p4info.json with json-c (internal.h, "p4info"; the format
 * is docs/RUNTIME.md's). */
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef struct {
    const char *path;
    char where[256]; /* e.g. "tables[0] (pipe.t): keys[1]" */
} Ctx;

static int fail(Ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(Ctx *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->where[0])
        return p4rt_fail(EINVAL, "%s: %s: %s", c->path, c->where, msg);
    return p4rt_fail(EINVAL, "%s: %s", c->path, msg);
}

static char *dup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        abort();
    return p;
}

static void *grow(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        abort();
    return p;
}

static void *zalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static json_object *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v))
        return NULL;
    return v;
}

static int get_string(Ctx *c, json_object *o, const char *key, bool required, char **out)
{
    json_object *v = member(o, key);
    *out = NULL;
    if (!v || json_object_get_type(v) == json_type_null) {
        if (required)
            return fail(c, "missing \"%s\"", key);
        return 0;
    }
    if (!json_object_is_type(v, json_type_string))
        return fail(c, "\"%s\" must be a string", key);
    *out = dup(json_object_get_string(v));
    return 0;
}

static int get_uint(Ctx *c, json_object *o, const char *key, bool required, uint64_t max,
                    uint32_t *out)
{
    json_object *v = member(o, key);
    if (!v) {
        if (required)
            return fail(c, "missing \"%s\"", key);
        *out = 0;
        return 0;
    }
    if (!json_object_is_type(v, json_type_int))
        return fail(c, "\"%s\" must be an integer", key);
    errno = 0;
    int64_t n = json_object_get_int64(v);
    if (n < 0 || (uint64_t)n > max || errno)
        return fail(c, "\"%s\" is out of range (%lld)", key, (long long)n);
    *out = (uint32_t)n;
    return 0;
}

static int get_bool(Ctx *c, json_object *o, const char *key, bool *out)
{
    json_object *v = member(o, key);
    *out = false;
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_boolean))
        return fail(c, "\"%s\" must be true or false", key);
    *out = json_object_get_boolean(v);
    return 0;
}

static int get_array(Ctx *c, json_object *o, const char *key, bool required, json_object **out)
{
    json_object *v = member(o, key);
    *out = NULL;
    if (!v) {
        if (required)
            return fail(c, "missing \"%s\"", key);
        return 0;
    }
    if (!json_object_is_type(v, json_type_array))
        return fail(c, "\"%s\" must be an array", key);
    *out = v;
    return 0;
}

static bool is_ident(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

static int get_names(Ctx *c, json_object *o, P4iNames *n)
{
    json_object *arr;
    if (get_string(c, o, "name", true, &n->name) < 0 || get_array(c, o, "aliases", false, &arr) < 0)
        return -1;
    if (!n->name[0])
        return fail(c, "empty \"name\"");
    size_t k = arr ? json_object_array_length(arr) : 0;
    n->aliases = grow(NULL, (k + 2) * sizeof *n->aliases);
    for (size_t i = 0; i < k; i++) {
        json_object *a = json_object_array_get_idx(arr, i);
        if (!json_object_is_type(a, json_type_string))
            return fail(c, "\"aliases\" must hold strings");
        n->aliases[n->naliases++] = dup(json_object_get_string(a));
    }
    return 0;
}

static void add_alias(P4iNames *n, const char *alias)
{
    n->aliases = grow(n->aliases, (n->naliases + 1) * sizeof *n->aliases);
    n->aliases[n->naliases++] = dup(alias);
}

static void free_names(P4iNames *n)
{
    free(n->name);
    for (size_t i = 0; i < n->naliases; i++)
        free(n->aliases[i]);
    free(n->aliases);
}

const char *p4i_match_name(P4iMatch m)
{
    static const char *const names[] = {"exact", "lpm", "ternary", "range", "optional"};
    return names[m];
}

/* A "match" string as a P4iMatch; -1 when unknown. */
static int match_kind(const char *s)
{
    static const char *const kinds[] = {"exact", "lpm", "ternary", "range", "optional"};
    for (int k = 0; k < 5; k++)
        if (strcmp(s, kinds[k]) == 0)
            return k;
    return -1;
}

const char *p4i_kind_name(P4iTableKind k)
{
    static const char *const names[] = {"hash", "lpm", "array", "ternary", "keyless"};
    return names[k];
}

/* A key field (IS_KEY) or an action parameter, inside a struct of
 * STRUCT_SIZE bytes whose fields start at MIN_OFFSET. */
static int parse_field(Ctx *c, json_object *o, bool is_key, uint32_t min_offset,
                       uint32_t struct_size, P4iField *f)
{
    char *s = NULL;
    uint32_t width, offset, size;
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &f->n) < 0)
        return -1;
    if (is_key) {
        if (get_string(c, o, "match", true, &s) < 0)
            return -1;
        static const char *const kinds[] = {"exact", "lpm", "ternary", "range", "optional"};
        size_t k;
        for (k = 0; k < 5; k++)
            if (strcmp(s, kinds[k]) == 0)
                break;
        if (k == 5) {
            fail(c, "unknown match kind \"%s\"", s);
            free(s);
            return -1;
        }
        free(s);
        f->match = (P4iMatch)k;
    }
    if (get_uint(c, o, "width", true, 1u << 20, &width) < 0 ||
        get_uint(c, o, "offset", true, UINT32_MAX, &offset) < 0 ||
        get_uint(c, o, "size", true, UINT32_MAX, &size) < 0 ||
        get_string(c, o, "byte_order", false, &s) < 0)
        return -1;
    f->width = width, f->offset = offset, f->size = size;
    if (!s || strcmp(s, "host") == 0) {
        f->network = false;
    } else if (strcmp(s, "network") == 0) {
        f->network = true;
    } else {
        fail(c, "\"byte_order\" must be \"host\" or \"network\", not \"%s\"", s);
        free(s);
        return -1;
    }
    free(s);
    if (width == 0)
        return fail(c, "\"width\" must be at least 1");
    if (width > 512)
        return fail(c, "\"width\" %u is wider than p4ctl handles (512 bits)", width);
    if (!f->network && size != 1 && size != 2 && size != 4 && size != 8)
        return fail(c, "a host-order field must have \"size\" 1, 2, 4 or 8, not %u", size);
    if ((uint64_t)size * 8 < width)
        return fail(c, "\"size\" %u bytes cannot hold %u bits", size, width);
    if (offset < min_offset || (uint64_t)offset + size > struct_size)
        return fail(c, "bytes %u..%u lie outside %u..%u", offset, offset + size - 1, min_offset,
                    struct_size ? struct_size - 1 : 0);
    return 0;
}

static int parse_action(Ctx *c, json_object *o, uint32_t value_size, P4iAction *a)
{
    json_object *params;
    char where[sizeof c->where];
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &a->n) < 0 || get_uint(c, o, "id", true, UINT32_MAX, &a->id) < 0 ||
        get_array(c, o, "params", false, &params) < 0)
        return -1;
    if (a->id == 0)
        return fail(c, "action id 0 is reserved (\"no action\")");
    if (get_uint(c, o, "code", false, UINT32_MAX, &a->code) < 0)
        return -1;
    if (!member(o, "code"))
        a->code = a->id;
    if (a->code == 0)
        return fail(c, "action code 0 is reserved (\"no action\")");
    size_t n = params ? json_object_array_length(params) : 0;
    a->params = zalloc(n, sizeof *a->params);
    a->param_names = zalloc(n, sizeof *a->param_names);
    memcpy(where, c->where, sizeof where);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "%.200s: params[%zu]", where, i);
        a->nparams++;
        if (parse_field(c, json_object_array_get_idx(params, i), false, 8, value_size,
                        &a->params[i]) < 0)
            return -1;
        a->param_names[i] = a->params[i].n.name;
    }
    memcpy(c->where, where, sizeof where);
    return 0;
}

static int parse_table(Ctx *c, json_object *o, P4iTable *t)
{
    json_object *keys, *actions, *def;
    char *kind = NULL;
    char where[sizeof c->where];

    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &t->n) < 0)
        return -1;
    snprintf(c->where + strlen(c->where), sizeof c->where - strlen(c->where), " (%.100s)",
             t->n.name);
    if (get_uint(c, o, "id", false, UINT32_MAX, &t->id) < 0 ||
        get_string(c, o, "default_map", false, &t->default_map) < 0 ||
        get_string(c, o, "kind", true, &kind) < 0)
        return -1;
    size_t k;
    for (k = 0; k <= P4I_KEYLESS; k++)
        if (strcmp(kind, p4i_kind_name((P4iTableKind)k)) == 0)
            break;
    if (k > P4I_KEYLESS) {
        fail(c, "unknown table kind \"%s\"", kind);
        free(kind);
        return -1;
    }
    free(kind);
    t->kind = (P4iTableKind)k;
    bool keyless = t->kind == P4I_KEYLESS;
    if (get_string(c, o, "map", !keyless, &t->map) < 0 ||
        get_uint(c, o, "size", true, UINT32_MAX, &t->size) < 0 ||
        get_uint(c, o, "key_size", t->kind != P4I_ARRAY && !keyless, UINT32_MAX, &t->key_size) < 0 ||
        get_uint(c, o, "value_size", true, UINT32_MAX, &t->value_size) < 0 ||
        get_array(c, o, "keys", true, &keys) < 0 || get_array(c, o, "actions", true, &actions) < 0 ||
        get_bool(c, o, "const_entries", &t->const_entries) < 0)
        return -1;
    if (t->value_size < 8)
        return fail(c, "\"value_size\" %u is smaller than the 8-byte action header", t->value_size);
    if (t->kind == P4I_ARRAY && t->key_size == 0)
        t->key_size = 4;
    if (t->kind == P4I_SLOTS) {
        if (get_uint(c, o, "slot_size", true, UINT32_MAX, &t->slot_size) < 0 ||
            get_uint(c, o, "slot_value_offset", true, UINT32_MAX, &t->slot_value_offset) < 0 ||
            get_uint(c, o, "slot_mask_offset", true, UINT32_MAX, &t->slot_mask_offset) < 0 ||
            get_uint(c, o, "slot_action_offset", true, UINT32_MAX, &t->slot_action_offset) < 0)
            return -1;
        if (t->slot_value_offset < 8 || t->slot_mask_offset < 8 || t->slot_action_offset < 8 ||
            (uint64_t)t->slot_value_offset + t->key_size > t->slot_size ||
            (uint64_t)t->slot_mask_offset + t->key_size > t->slot_size ||
            (uint64_t)t->slot_action_offset + t->value_size > t->slot_size)
            return fail(c, "the slot layout does not fit in \"slot_size\" %u", t->slot_size);
        if (get_string(c, o, "masks_map", true, &t->masks_map) < 0 ||
            get_string(c, o, "slots_map", true, &t->slots_map) < 0 ||
            get_string(c, o, "header_map", true, &t->header_map) < 0 ||
            get_uint(c, o, "tss_key_size", true, UINT32_MAX, &t->tss_key_size) < 0 ||
            get_uint(c, o, "tss_value_size", true, UINT32_MAX, &t->tss_value_size) < 0 ||
            get_uint(c, o, "mask_size", true, UINT32_MAX, &t->mask_size) < 0)
            return -1;
        if ((uint64_t)t->tss_key_size < 8 + (uint64_t)t->key_size ||
            (uint64_t)t->tss_value_size < 8 + (uint64_t)t->value_size ||
            (uint64_t)t->mask_size < 16 + (uint64_t)t->key_size)
            return fail(c, "the tuple-space layout does not fit in \"tss_key_size\", "
                           "\"tss_value_size\" or \"mask_size\"");
    }

    if (get_string(c, o, "cache_map", false, &t->cache_map) < 0 ||
        get_string(c, o, "cache_version_map", false, &t->cache_version_map) < 0 ||
        get_uint(c, o, "cache_size", false, UINT32_MAX, &t->cache_size) < 0)
        return -1;
    if (t->cache_map || t->cache_version_map || member(o, "cache_size")) {
        const char *missing = !t->cache_map           ? "cache_map"
                              : !t->cache_version_map ? "cache_version_map"
                              : !member(o, "cache_size") ? "cache_size"
                                                         : NULL;
        if (missing)
            return fail(c, "missing \"%s\" (a table with a lookup cache has \"cache_map\", "
                           "\"cache_version_map\" and \"cache_size\")",
                        missing);
        if (!t->cache_map[0] || !t->cache_version_map[0])
            return fail(c, "empty \"%s\"", t->cache_map[0] ? "cache_version_map" : "cache_map");
        if (t->cache_size == 0)
            return fail(c, "\"cache_size\" must be at least 1");
    }

    memcpy(where, c->where, sizeof where);
    size_t n = json_object_array_length(keys);
    t->keys = zalloc(n, sizeof *t->keys);
    size_t nlpm = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "%.200s: keys[%zu]", where, i);
        t->nkeys++;
        if (parse_field(c, json_object_array_get_idx(keys, i), true,
                        t->kind == P4I_LPM_TRIE ? 4 : 0, t->key_size, &t->keys[i]) < 0)
            return -1;
        P4iField *f = &t->keys[i];
        nlpm += f->match == P4I_LPM;
        if (t->kind == P4I_HASH && f->match != P4I_EXACT)
            return fail(c, "a hash table has only exact keys, not %s", p4i_match_name(f->match));
        if (t->kind == P4I_LPM_TRIE && f->match != P4I_EXACT && f->match != P4I_LPM)
            return fail(c, "an lpm table has only exact and lpm keys, not %s",
                        p4i_match_name(f->match));
        if (t->kind == P4I_LPM_TRIE && !f->network)
            return fail(c, "lpm table keys are in network byte order");
    }
    memcpy(c->where, where, sizeof where);
    if (keyless && n != 0)
        return fail(c, "a keyless table has no keys, not %zu", n);
    if (keyless && t->map)
        return fail(c, "a keyless table has no \"map\"");
    if (t->kind == P4I_ARRAY && n != 1)
        return fail(c, "an array table has exactly one key (the index), not %zu", n);
    if (t->kind == P4I_LPM_TRIE) {
        if (nlpm != 1)
            return fail(c, "an lpm table has exactly one lpm key, not %zu", nlpm);
        for (size_t i = 0; i < n; i++)
            if (t->keys[i].match == P4I_LPM && t->keys[i].offset + t->keys[i].size != t->key_size)
                return fail(c, "the lpm key \"%s\" must come last in the key", t->keys[i].n.name);
    }

    n = json_object_array_length(actions);
    t->actions = zalloc(n, sizeof *t->actions);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "%.200s: actions[%zu]", where, i);
        t->nactions++;
        if (parse_action(c, json_object_array_get_idx(actions, i), t->value_size,
                         &t->actions[i]) < 0)
            return -1;
        for (size_t j = 0; j < i; j++)
        {
            if (t->actions[j].id == t->actions[i].id)
                return fail(c, "action id %u is also the id of \"%s\"", t->actions[i].id,
                            t->actions[j].n.name);
            if (t->actions[j].code == t->actions[i].code)
                return fail(c, "action code %u is also the code of \"%s\"", t->actions[i].code,
                            t->actions[j].n.name);
        }
    }
    memcpy(c->where, where, sizeof where);

    def = member(o, "default_action");
    if (def) { /* null: none */
        if (!json_object_is_type(def, json_type_object))
            return fail(c, "\"default_action\" must be an object");
        snprintf(c->where, sizeof c->where, "%.200s: default_action", where);
        if (get_uint(c, def, "id", true, UINT32_MAX, &t->default_action) < 0 ||
            get_bool(c, def, "const", &t->default_const) < 0)
            return -1;
        memcpy(c->where, where, sizeof where);
    }

    /* Names the control plane may also use: the map and p4c-ebpf's. */
    if (t->map)
        add_alias(&t->n, t->map);
    return 0;
}

static int parse_counter(Ctx *c, json_object *o, P4iCounter *ct)
{
    char *kind = NULL;
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &ct->n) < 0 || get_uint(c, o, "id", false, UINT32_MAX, &ct->id) < 0 ||
        get_string(c, o, "map", true, &ct->map) < 0 || get_string(c, o, "kind", true, &kind) < 0)
        return -1;
    if (strcmp(kind, "array") == 0) {
        ct->sparse = false;
    } else if (strcmp(kind, "hash") == 0) {
        ct->sparse = true;
    } else {
        fail(c, "unknown counter kind \"%s\"", kind);
        free(kind);
        return -1;
    }
    free(kind);
    if (get_uint(c, o, "size", true, UINT32_MAX, &ct->size) < 0 ||
        get_string(c, o, "value", false, &ct->value) < 0)
        return -1;
    add_alias(&ct->n, ct->map);
    return 0;
}

/* "fields" of a struct element packed into WIDTH bits (value sets,
 * registers) into *OUT and *NOUT. */
static int parse_packed_fields(Ctx *c, json_object *fields, uint32_t width,
                               P4iValueSetField **out, size_t *nout)
{
    size_t n = json_object_array_length(fields);
    uint32_t total = 0;
    P4iValueSetField *fs = *out = zalloc(n, sizeof *fs);
    for (size_t i = 0; i < n; i++) {
        json_object *f = json_object_array_get_idx(fields, i);
        P4iValueSetField *vf = &fs[i];
        if (!json_object_is_type(f, json_type_object))
            return fail(c, "fields[%zu] must be an object", i);
        (*nout)++;
        char *m = NULL;
        if (get_string(c, f, "name", true, &vf->name) < 0 ||
            get_uint(c, f, "width", true, 256, &vf->width) < 0 ||
            get_string(c, f, "match", false, &m) < 0)
            return -1;
        int kind = m ? match_kind(m) : P4I_EXACT;
        free(m);
        if (kind < 0)
            return fail(c, "fields[%zu]: unknown match kind", i);
        vf->match = (P4iMatch)kind;
        if (vf->width == 0)
            return fail(c, "fields[%zu]: \"width\" must be at least 1", i);
        for (size_t k = 0; k < i; k++)
            if (strcmp(fs[k].name, vf->name) == 0)
                return fail(c, "two fields named '%s'", vf->name);
        total += vf->width;
    }
    if (n && total != width)
        return fail(c, "the widths of \"fields\" add up to %u, not the \"width\" %u", total,
                    width);
    return 0;
}

/* A register's "byte_order": "host" (the default), or "network" for a
 * cell of more than 64 bits, VALUE_SIZE bytes holding exactly its width. */
static int register_layout(Ctx *c, json_object *o, P4iRegister *r)
{
    char *order = NULL;
    if (get_string(c, o, "byte_order", false, &order) < 0)
        return -1;
    r->network = order && strcmp(order, "network") == 0;
    bool host = !order || strcmp(order, "host") == 0;
    free(order);
    if (!host && !r->network)
        return fail(c, "\"byte_order\" of a register must be \"host\" or \"network\"");
    if (r->network != (r->width > 64))
        return fail(c, "a register of %u bits has \"byte_order\" \"%s\"", r->width,
                    r->width > 64 ? "network" : "host");
    if (r->network && r->value_size != (r->width + 7) / 8)
        return fail(c, "\"value_size\" of %u-bit cells must be %u, not %u", r->width,
                    (r->width + 7) / 8, r->value_size);
    if (!r->network && r->value_size != 1 && r->value_size != 2 && r->value_size != 4 &&
        r->value_size != 8)
        return fail(c, "\"value_size\" must be 1, 2, 4 or 8, not %u", r->value_size);
    if (r->value_size * 8 < r->width)
        return fail(c, "\"value_size\" %u bytes cannot hold %u bits", r->value_size, r->width);
    return 0;
}

static int parse_register(Ctx *c, json_object *o, P4iRegister *r)
{
    json_object *init, *fields;
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &r->n) < 0 || get_uint(c, o, "id", false, UINT32_MAX, &r->id) < 0 ||
        get_string(c, o, "map", true, &r->map) < 0 ||
        get_uint(c, o, "size", true, UINT32_MAX, &r->size) < 0 ||
        get_uint(c, o, "width", true, 256, &r->width) < 0 ||
        get_uint(c, o, "value_size", true, 32, &r->value_size) < 0 ||
        get_array(c, o, "fields", false, &fields) < 0)
        return -1;
    if (r->width == 0)
        return fail(c, "\"width\" must be at least 1");
    if (register_layout(c, o, r) < 0)
        return -1;
    if (fields && parse_packed_fields(c, fields, r->width, &r->fields, &r->nfields) < 0)
        return -1;
    init = member(o, "initial_value");
    if (init) {
        if (!json_object_is_type(init, json_type_int))
            return fail(c, "\"initial_value\" must be an integer");
        r->initial = json_object_get_uint64(init);
        if (r->network && r->initial)
            return fail(c, "\"initial_value\" of %u-bit cells must be 0", r->width);
        if (r->width < 64 && r->initial >> r->width)
            return fail(c, "\"initial_value\" %llu is wider than %u bits",
                        (unsigned long long)r->initial, r->width);
    }
    add_alias(&r->n, r->map);
    return 0;
}

/* "fields" of a value set: its struct element's fields, whose widths add
 * up to the set's. */
/* "kind" ("hash", the default, or "slots") and the key it implies. */
static int value_set_kind(Ctx *c, json_object *o, P4iValueSet *v)
{
    char *kind = NULL;
    if (get_string(c, o, "kind", false, &kind) < 0)
        return -1;
    v->slots = kind && strcmp(kind, "slots") == 0;
    bool hash = !kind || strcmp(kind, "hash") == 0;
    free(kind);
    if (!hash && !v->slots)
        return fail(c, "\"kind\" of a value set must be \"hash\" or \"slots\"");
    if (v->slots) {
        if (get_uint(c, o, "slot_size", true, 1u << 20, &v->slot_size) < 0)
            return -1;
        if (v->key_size != 4 || v->network)
            return fail(c, "a value set of slots has \"key_size\" 4 in host order");
        return 0;
    }
    if (v->network) {
        if (v->width <= 64 || v->key_size != (v->width + 7) / 8)
            return fail(c, "a network-order value set of %u bits has \"key_size\" %u", v->width,
                        v->width > 64 ? (v->width + 7) / 8 : 0);
        return 0;
    }
    if (v->key_size != 1 && v->key_size != 2 && v->key_size != 4 && v->key_size != 8)
        return fail(c, "\"key_size\" must be 1, 2, 4 or 8, not %u", v->key_size);
    if (v->key_size * 8 < v->width)
        return fail(c, "\"key_size\" %u bytes cannot hold %u bits", v->key_size, v->width);
    return 0;
}

static int parse_value_set(Ctx *c, json_object *o, P4iValueSet *v)
{
    char *order = NULL;
    json_object *fields;
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &v->n) < 0)
        return -1;
    snprintf(c->where + strlen(c->where), sizeof c->where - strlen(c->where), " (%.100s)",
             v->n.name);
    if (get_uint(c, o, "id", false, UINT32_MAX, &v->id) < 0 ||
        get_string(c, o, "map", true, &v->map) < 0 ||
        get_uint(c, o, "size", true, UINT32_MAX, &v->size) < 0 ||
        get_uint(c, o, "width", true, 1u << 16, &v->width) < 0 ||
        get_uint(c, o, "key_size", true, 32, &v->key_size) < 0 ||
        get_string(c, o, "byte_order", false, &order) < 0 ||
        get_array(c, o, "fields", false, &fields) < 0)
        return -1;
    bool host = !order || strcmp(order, "host") == 0;
    v->network = order && strcmp(order, "network") == 0;
    free(order);
    if (!host && !v->network)
        return fail(c, "\"byte_order\" of a value set must be \"host\" or \"network\"");
    if (v->width == 0)
        return fail(c, "\"width\" must be at least 1");
    if (value_set_kind(c, o, v) < 0)
        return -1;
    if (fields && parse_packed_fields(c, fields, v->width, &v->fields, &v->nfields) < 0)
        return -1;
    if (v->slots && !v->nfields)
        return fail(c, "a value set of \"kind\" \"slots\" needs \"fields\"");
    if (v->slots && v->slot_size != 8 + 16 * v->nfields)
        return fail(c, "\"slot_size\" of %zu fields must be %zu, not %u", v->nfields,
                    8 + 16 * v->nfields, v->slot_size);
    for (size_t i = 0; v->slots && i < v->nfields; i++)
        if (v->fields[i].width > 64)
            return fail(c, "fields[%zu]: a field of a value set of slots has at most 64 bits", i);
    for (size_t i = 0; !v->slots && i < v->nfields; i++)
        if (v->fields[i].match != P4I_EXACT)
            return fail(c, "fields[%zu]: a %s field needs \"kind\" \"slots\"", i,
                        p4i_match_name(v->fields[i].match));
    add_alias(&v->n, v->map);
    return 0;
}

static int parse_members(Ctx *c, json_object *members, P4iDigestField *df)
{
    size_t n = json_object_array_length(members);
    df->member_names = zalloc(n, sizeof *df->member_names);
    df->member_values = zalloc(n, sizeof *df->member_values);
    for (size_t i = 0; i < n; i++) {
        json_object *m = json_object_array_get_idx(members, i), *v;
        if (!json_object_is_type(m, json_type_object))
            return fail(c, "members[%zu] must be an object", i);
        df->nmembers++;
        if (get_string(c, m, "name", true, &df->member_names[i]) < 0)
            return -1;
        if (!(v = member(m, "value")) || !json_object_is_type(v, json_type_int))
            return fail(c, "members[%zu]: \"value\" must be an integer", i);
        df->member_values[i] = (uint64_t)json_object_get_int64(v);
    }
    return 0;
}

static int parse_digest(Ctx *c, json_object *o, P4iDigest *d)
{
    json_object *fields;
    if (!json_object_is_type(o, json_type_object))
        return fail(c, "must be an object");
    if (get_names(c, o, &d->n) < 0)
        return -1;
    snprintf(c->where + strlen(c->where), sizeof c->where - strlen(c->where), " (%.100s)",
             d->n.name);
    if (get_uint(c, o, "id", false, UINT32_MAX, &d->id) < 0 ||
        get_string(c, o, "map", true, &d->map) < 0 ||
        get_string(c, o, "lost_map", true, &d->lost_map) < 0 ||
        get_uint(c, o, "lost_index", true, UINT32_MAX, &d->lost_index) < 0 ||
        get_uint(c, o, "size", true, 1u << 20, &d->size) < 0 ||
        get_array(c, o, "fields", true, &fields) < 0)
        return -1;
    size_t n = json_object_array_length(fields), len = strlen(c->where);
    if (n == 0)
        return fail(c, "a digest has at least one field");
    d->fields = zalloc(n, sizeof *d->fields);
    for (size_t i = 0; i < n; i++) {
        json_object *f = json_object_array_get_idx(fields, i), *members;
        P4iDigestField *df = &d->fields[i];
        char *kind = NULL;
        snprintf(c->where + len, sizeof c->where - len, ": fields[%zu]", i);
        d->nfields++;
        if (parse_field(c, f, false, 0, d->size, &df->f) < 0 ||
            get_string(c, f, "type", false, &kind) < 0 ||
            get_bool(c, f, "signed", &df->is_signed) < 0 ||
            get_string(c, f, "type_name", false, &df->type_name) < 0 ||
            get_array(c, f, "members", false, &members) < 0) {
            free(kind);
            return -1;
        }
        static const char *const kinds[] = {"bits", "bool", "enum", "serializable_enum",
                                            "error"};
        size_t k = 0;
        while (kind && k < 5 && strcmp(kind, kinds[k]) != 0)
            k++;
        if (k == 5) {
            fail(c, "unknown \"type\" \"%s\"", kind);
            free(kind);
            return -1;
        }
        free(kind);
        df->kind = (p4rt_digest_kind)k;
        if (df->f.width > 64 && !df->f.network)
            return fail(c, "a field wider than 64 bits has \"byte_order\" \"network\"");
        if (members && parse_members(c, members, df) < 0)
            return -1;
        for (size_t k2 = 0; k2 < i; k2++)
            if (strcmp(d->fields[k2].f.n.name, df->f.n.name) == 0)
                return fail(c, "two fields named '%s'", df->f.n.name);
    }
    c->where[len] = '\0';
    add_alias(&d->n, d->map);
    return 0;
}

static int parse_root(Ctx *c, json_object *root, P4Info *info)
{
    json_object *maps, *tables, *counters, *registers, *value_sets, *digests;
    uint32_t version;
    if (!json_object_is_type(root, json_type_object))
        return fail(c, "the top level must be an object");
    if (get_uint(c, root, "p4info_version", true, UINT32_MAX, &version) < 0)
        return -1;
    info->version = (int)version;
    if (version != 1)
        return fail(c, "unsupported p4info_version %u (p4ctl reads version 1)", version);
    if (get_string(c, root, "program", false, &info->program) < 0 ||
        get_string(c, root, "arch", false, &info->arch) < 0 ||
        get_string(c, root, "object", false, &info->object) < 0)
        return -1;
    maps = member(root, "maps");
    if (maps) {
        if (!json_object_is_type(maps, json_type_object))
            return fail(c, "\"maps\" must be an object");
        snprintf(c->where, sizeof c->where, "maps");
        if (get_string(c, maps, "ports", false, &info->ports_map) < 0 ||
            get_string(c, maps, "tx", false, &info->tx_map) < 0 ||
            get_string(c, maps, "out", false, &info->out_map) < 0)
            return -1;
        c->where[0] = '\0';
    }
    /* Hand-written p4info may leave the runtime's own maps out. */
    if (!info->ports_map)
        info->ports_map = dup("p4cc_ports");
    if (!info->tx_map)
        info->tx_map = dup("p4cc_tx");
    if (!info->out_map)
        info->out_map = dup("p4cc_out");
    json_object *mcast = member(root, "multicast");
    if (mcast) {
        if (!json_object_is_type(mcast, json_type_object))
            return fail(c, "\"multicast\" must be an object");
        snprintf(c->where, sizeof c->where, "multicast");
        if (get_string(c, mcast, "groups_map", true, &info->mcast_map) < 0 ||
            get_string(c, mcast, "rids_map", true, &info->mcast_rid_map) < 0 ||
            get_string(c, mcast, "egress_program", true, &info->egress_program) < 0)
            return -1;
        c->where[0] = '\0';
    }
    json_object *clone = member(root, "clone");
    if (clone) {
        if (!json_object_is_type(clone, json_type_object))
            return fail(c, "\"clone\" must be an object");
        snprintf(c->where, sizeof c->where, "clone");
        if (get_string(c, clone, "sessions_map", true, &info->clone_sessions_map) < 0 ||
            get_string(c, clone, "copies_map", true, &info->clone_copies_map) < 0 ||
            get_string(c, clone, "lost_map", true, &info->clone_lost_map) < 0 ||
            get_string(c, clone, "clone_program", true, &info->clone_program) < 0 ||
            get_string(c, clone, "original_program", true, &info->clone_orig_program) < 0 ||
            get_string(c, clone, "group_copies_map", false, &info->clone_group_copies_map) < 0)
            return -1;
        c->where[0] = '\0';
    }
    if (get_array(c, root, "tables", false, &tables) < 0 ||
        get_array(c, root, "counters", false, &counters) < 0 ||
        get_array(c, root, "registers", false, &registers) < 0 ||
        get_array(c, root, "value_sets", false, &value_sets) < 0 ||
        get_array(c, root, "digests", false, &digests) < 0)
        return -1;
    size_t n = tables ? json_object_array_length(tables) : 0;
    info->tables = zalloc(n, sizeof *info->tables);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "tables[%zu]", i);
        info->ntables++;
        if (parse_table(c, json_object_array_get_idx(tables, i), &info->tables[i]) < 0)
            return -1;
    }
    n = counters ? json_object_array_length(counters) : 0;
    info->counters = zalloc(n, sizeof *info->counters);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "counters[%zu]", i);
        info->ncounters++;
        if (parse_counter(c, json_object_array_get_idx(counters, i), &info->counters[i]) < 0)
            return -1;
    }
    n = registers ? json_object_array_length(registers) : 0;
    info->registers = zalloc(n, sizeof *info->registers);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "registers[%zu]", i);
        info->nregisters++;
        if (parse_register(c, json_object_array_get_idx(registers, i), &info->registers[i]) < 0)
            return -1;
    }
    n = value_sets ? json_object_array_length(value_sets) : 0;
    info->value_sets = zalloc(n, sizeof *info->value_sets);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "value_sets[%zu]", i);
        info->nvalue_sets++;
        if (parse_value_set(c, json_object_array_get_idx(value_sets, i),
                            &info->value_sets[i]) < 0)
            return -1;
    }
    n = digests ? json_object_array_length(digests) : 0;
    info->digests = zalloc(n, sizeof *info->digests);
    for (size_t i = 0; i < n; i++) {
        snprintf(c->where, sizeof c->where, "digests[%zu]", i);
        info->ndigests++;
        if (parse_digest(c, json_object_array_get_idx(digests, i), &info->digests[i]) < 0)
            return -1;
    }
    c->where[0] = '\0';
    return 0;
}

int p4info_parse(const char *path, const char *text, size_t len, P4Info *info)
{
    Ctx c = {path, ""};
    memset(info, 0, sizeof *info);
    json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    json_object *root = json_tokener_parse_ex(tok, text, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    if (!root || jerr != json_tokener_success) {
        size_t off = json_tokener_get_parse_end(tok);
        int line = 1, col = 1;
        for (size_t i = 0; i < off && i < len; i++) {
            if (text[i] == '\n')
                line++, col = 1;
            else
                col++;
        }
        json_object_put(root);
        json_tokener_free(tok);
        return p4rt_fail(EINVAL, "%s:%d:%d: invalid JSON: %s", path, line, col,
                         jerr == json_tokener_continue ? "unexpected end of file"
                                                       : json_tokener_error_desc(jerr));
    }
    json_tokener_free(tok);
    int r = parse_root(&c, root, info);
    json_object_put(root);
    return r < 0 ? -EINVAL : 0;
}

static void free_field(P4iField *f)
{
    free_names(&f->n);
}

void p4info_free(P4Info *info)
{
    for (size_t i = 0; i < info->ntables; i++) {
        P4iTable *t = &info->tables[i];
        free_names(&t->n);
        free(t->map);
        free(t->default_map);
        free(t->masks_map);
        free(t->slots_map);
        free(t->header_map);
        free(t->cache_map);
        free(t->cache_version_map);
        for (size_t k = 0; k < t->nkeys; k++)
            free_field(&t->keys[k]);
        free(t->keys);
        for (size_t a = 0; a < t->nactions; a++) {
            free_names(&t->actions[a].n);
            for (size_t p = 0; p < t->actions[a].nparams; p++)
                free_field(&t->actions[a].params[p]);
            free(t->actions[a].params);
            free(t->actions[a].param_names);
        }
        free(t->actions);
    }
    free(info->tables);
    for (size_t i = 0; i < info->ncounters; i++) {
        free_names(&info->counters[i].n);
        free(info->counters[i].map);
        free(info->counters[i].value);
    }
    free(info->counters);
    for (size_t i = 0; i < info->nregisters; i++) {
        free_names(&info->registers[i].n);
        free(info->registers[i].map);
        for (size_t f = 0; f < info->registers[i].nfields; f++)
            free(info->registers[i].fields[f].name);
        free(info->registers[i].fields);
    }
    free(info->registers);
    for (size_t i = 0; i < info->nvalue_sets; i++) {
        free_names(&info->value_sets[i].n);
        free(info->value_sets[i].map);
        for (size_t f = 0; f < info->value_sets[i].nfields; f++)
            free(info->value_sets[i].fields[f].name);
        free(info->value_sets[i].fields);
    }
    free(info->value_sets);
    for (size_t i = 0; i < info->ndigests; i++) {
        P4iDigest *d = &info->digests[i];
        free_names(&d->n);
        free(d->map);
        free(d->lost_map);
        for (size_t f = 0; f < d->nfields; f++) {
            P4iDigestField *df = &d->fields[f];
            free_field(&df->f);
            free(df->type_name);
            for (size_t m = 0; m < df->nmembers; m++)
                free(df->member_names[m]);
            free(df->member_names);
            free(df->member_values);
        }
        free(d->fields);
    }
    free(info->digests);
    free(info->program);
    free(info->arch);
    free(info->object);
    free(info->ports_map);
    free(info->tx_map);
    free(info->out_map);
    free(info->mcast_map);
    free(info->mcast_rid_map);
    free(info->egress_program);
    free(info->clone_sessions_map);
    free(info->clone_copies_map);
    free(info->clone_lost_map);
    free(info->clone_program);
    free(info->clone_orig_program);
    free(info->clone_group_copies_map);
    memset(info, 0, sizeof *info);
}

/* NAME with every non-identifier character made '_' equals Q. */
static bool mangled_equal(const char *name, const char *q)
{
    for (; *name && *q; name++, q++)
        if ((is_ident(*name) ? *name : '_') != *q)
            return false;
    return !*name && !*q;
}

/* Q is NAME, or a suffix of it that starts after a '.'. */
static bool dotted_suffix(const char *name, const char *q)
{
    size_t n = strlen(name), k = strlen(q);
    return k < n && name[n - k - 1] == '.' && strcmp(name + n - k, q) == 0;
}

/* QUERY with p4c's stack-element spelling `s$N` as ours, `s[N]`, into BUF:
 * BMv2's packet tests name key fields as p4c's control plane does. False
 * when QUERY has no such element or BUF is too small. */
static bool bracket_stack_elements(const char *query, char *buf, size_t size)
{
    size_t o = 0;
    bool changed = false;
    for (const char *q = query; *q; q++) {
        if (o + 3 >= size)
            return false;
        if (*q == '$' && q[1] >= '0' && q[1] <= '9') {
            buf[o++] = '[';
            while (q[1] >= '0' && q[1] <= '9' && o + 2 < size)
                buf[o++] = *++q;
            buf[o++] = ']';
            changed = true;
        } else {
            buf[o++] = *q;
        }
    }
    buf[o] = '\0';
    return changed;
}

long p4i_lookup(const void *base, size_t n, size_t stride, const char *query, long *a, long *b)
{
    char bracketed[256];
    if (bracket_stack_elements(query, bracketed, sizeof bracketed)) {
        long r = p4i_lookup(base, n, stride, bracketed, a, b);
        if (r != -1)
            return r;
    }
    for (int pass = 0; pass < 2; pass++) {
        long found = -1;
        for (size_t i = 0; i < n; i++) {
            const P4iNames *nm = (const P4iNames *)((const char *)base + i * stride);
            bool hit = pass == 0 ? strcmp(nm->name, query) == 0 || mangled_equal(nm->name, query)
                                 : dotted_suffix(nm->name, query);
            for (size_t k = 0; !hit && k < nm->naliases; k++)
                hit = pass == 0 ? strcmp(nm->aliases[k], query) == 0
                                : dotted_suffix(nm->aliases[k], query);
            if (!hit)
                continue;
            if (found >= 0) {
                if (a)
                    *a = found;
                if (b)
                    *b = (long)i;
                return -2;
            }
            found = (long)i;
        }
        if (found >= 0)
            return found;
    }
    return -1;
}
