/* prog.h: a typed C API over libp4rt for one program's tables, counters
 * and registers (docs/RUNTIME.md, "Generated API"). Every name starts with
 * the program's name, then the object's C name (its P4 name with dots as
 * '_'), so headers of two programs can share a file, and the names do not
 * change when an unchanged program is compiled again. The functions go
 * through libp4rt's typed entry points by p4info id, never through text. */
#include "emit.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    FILE *out;
    Arena *arena;
    IrProgram *ir;
    const P4Ids *ids;
    const char *prefix; /* the program's name as an identifier */
} Api;

static bool is_c_keyword(const char *s)
{
    static const char *const words[] = {
        "auto", "bool", "break", "case", "char", "const", "continue", "default", "do", "double",
        "else", "enum", "extern", "false", "float", "for", "goto", "if", "inline", "int", "long",
        "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "true", "typedef", "union", "unsigned", "void", "volatile", "while",
        "priority", "action", "params"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

/* NAME as an identifier: other characters become '_'; a leading digit or
 * a keyword gets '_' added. */
static const char *ident(Api *api, const char *name)
{
    const char *id = ir_c_identifier(api->arena, name);
    if (!id[0] || isdigit((unsigned char)id[0]))
        return arena_printf(api->arena, "_%s", id);
    if (is_c_keyword(id))
        return arena_printf(api->arena, "%s_", id);
    return id;
}

/* The C type of a WIDTH-bit value; wider than 64 bits: NULL (a byte array). */
static const char *c_uint(int width)
{
    return width <= 8 ? "uint8_t" : width <= 16 ? "uint16_t" : width <= 32 ? "uint32_t"
           : width <= 64 ? "uint64_t" : NULL;
}

static int nbytes(int width)
{
    return bytes_of_bits(width);
}

/* A member declaration "T NAME;" or "uint8_t NAME[N];" for WIDTH bits,
 * with COMMENT (may be NULL) after it. */
static void member(Api *api, int width, const char *name, const char *comment)
{
    const char *t = c_uint(width);
    if (t && comment)
        fprintf(api->out, "    %s %s; /* %s */\n", t, name, comment);
    else if (t)
        fprintf(api->out, "    %s %s;\n", t, name);
    else
        fprintf(api->out, "    uint8_t %s[%d]; /* big-endian%s%s */\n", name, nbytes(width),
                comment ? "; " : "", comment ? comment : "");
}

/* Unique member names for a table's key fields. */
static const char **key_names(Api *api, const IrTable *t)
{
    const char **names = arena_alloc(api->arena, sizeof(char *) * (size_t)(t->nkeys + 1));
    for (int k = 0; k < t->nkeys; k++) {
        const char *n = ident(api, t->keys[k].name);
        for (int j = 0; j < k; j++)
            if (strcmp(names[j], n) == 0)
                n = arena_printf(api->arena, "%s_%d", n, k);
        names[k] = n;
    }
    return names;
}

/* S inside a C comment or string literal: no comment end, quote,
 * backslash or control character. */
static const char *text(Api *api, const char *s)
{
    char *t = arena_printf(api->arena, "%s", s);
    for (char *p = t; *p; p++)
        if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || (p[0] == '*' && p[1] == '/'))
            *p = '_';
    return t;
}

static const char *upper(Api *api, const char *s)
{
    char *u = arena_printf(api->arena, "%s", s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

/* Member of the action-data union for action A of table T: the last part
 * of its name, or its whole C name when another action of T shares that. */
static const char *action_member(Api *api, const IrTable *t, const IrAction *a)
{
    const char *dot = strrchr(a->name, '.');
    const char *last = ident(api, dot ? dot + 1 : a->name);
    /* Not the table's own macros (T_ID, T_SIZE). */
    if (strcmp(upper(api, last), "ID") == 0 || strcmp(upper(api, last), "SIZE") == 0)
        return ident(api, a->c_name);
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *b = t->actions[i].action;
        const char *bdot = strrchr(b->name, '.');
        if (b != a && strcmp(ident(api, bdot ? bdot + 1 : b->name), last) == 0)
            return ident(api, a->c_name);
    }
    return last;
}

static bool table_has_priority(const IrTable *t)
{
    return t->kind == TABLE_TERNARY;
}

static void emit_helpers(Api *api)
{
    const char *p = api->prefix;
    fprintf(api->out,
            "/* Big-endian bytes of a number, and back. */\n"
            "static inline void %s_put_be_(uint8_t *dst, uint64_t v, unsigned n)\n{\n"
            "    while (n-- > 0) {\n        dst[n] = (uint8_t)v;\n        v >>= 8;\n    }\n}\n\n"
            "static inline uint64_t %s_get_be_(const uint8_t *src, unsigned n)\n{\n"
            "    uint64_t v = 0;\n    for (unsigned i = 0; i < n; i++)\n"
            "        v = v << 8 | src[i];\n    return v;\n}\n\n",
            p, p);
}

/* One parameter struct per action that has parameters (shared by the
 * tables that list the action). */
static void emit_params_structs(Api *api)
{
    for (int i = 0; i < api->ir->nactions; i++) {
        const IrAction *a = api->ir->actions[i];
        const Type *ty = a->decl->ty;
        if (!ty || action_data_count(a) == 0)
            continue;
        fprintf(api->out, "/* Parameters of action %s. */\ntypedef struct {\n",
                text(api, a->name));
        ActionDataField *f;
        int n = action_data_fields(api->arena, a, &f);
        for (int k = 0; k < n; k++)
            member(api, f[k].width, ident(api, f[k].name),
                   arena_printf(api->arena, "bit<%d>", f[k].width));
        fprintf(api->out, "} %s_%s_params;\n\n", api->prefix, a->c_name);
    }
}

/* "buf + OFF" gets field EXPR of WIDTH bits. */
static void put_field(Api *api, int width, const char *expr, int off)
{
    if (width > 64)
        fprintf(api->out, "    memcpy(buf + %d, %s, %d);\n", off, expr, nbytes(width));
    else
        fprintf(api->out, "    %s_put_be_(buf + %d, %s, %d);\n", api->prefix, off, expr,
                nbytes(width));
}

static void emit_key_encoder(Api *api, const IrTable *t, const char *tp, const char **names)
{
    fprintf(api->out,
            "static inline void %s_key_(const %s_key *key, uint8_t *buf, p4rt_key_bytes *kb)\n{\n"
            "    (void)key;\n    (void)buf;\n    memset(kb, 0, sizeof(p4rt_key_bytes) * %d);\n",
            tp, tp, t->nkeys + 1);
    int off = 0;
    for (int k = 0; k < t->nkeys; k++) {
        const IrKey *key = &t->keys[k];
        const char *n = names[k];
        int nb = nbytes(key->width);
        fprintf(api->out, "    /* %s: %s, bit<%d> */\n", text(api, key->name),
                ir_match_kind_name(key->match),
                key->width);
        const char *lo = key->match == MATCH_RANGE ? arena_printf(api->arena, "%s_low", n) : n;
        put_field(api, key->width, arena_printf(api->arena, "key->%s", lo), off);
        fprintf(api->out, "    kb[%d].value = buf + %d;\n", k, off);
        off += nb;
        if (key->match == MATCH_TERNARY || key->match == MATCH_RANGE) {
            const char *second = arena_printf(api->arena, "%s_%s", n,
                                              key->match == MATCH_RANGE ? "high" : "mask");
            put_field(api, key->width, arena_printf(api->arena, "key->%s", second), off);
            fprintf(api->out, "    kb[%d].mask = buf + %d;\n", k, off);
            off += nb;
        } else if (key->match == MATCH_LPM) {
            fprintf(api->out, "    kb[%d].prefix_len = key->%s_prefix_len;\n", k, n);
        } else if (key->match == MATCH_OPTIONAL) {
            fprintf(api->out, "    kb[%d].any = key->%s_any;\n", k, n);
        }
    }
    fputs("}\n\n", api->out);
}

static int key_buffer_size(const IrTable *t)
{
    int size = 0;
    for (int k = 0; k < t->nkeys; k++)
        size += nbytes(t->keys[k].width) *
                (t->keys[k].match == MATCH_TERNARY || t->keys[k].match == MATCH_RANGE ? 2 : 1);
    return size;
}

static int args_size(Api *api, const IrAction *a)
{
    ActionDataField *f;
    int n = action_data_fields(api->arena, a, &f), size = 0;
    for (int k = 0; k < n; k++)
        size += nbytes(f[k].width);
    return size;
}

/* The action data to argument bytes, and back. */
static void emit_args_codec(Api *api, const IrTable *t, const char *tp)
{
    fprintf(api->out,
            "static inline size_t %s_args_(const %s_action_data *a, uint8_t *buf)\n{\n"
            "    (void)buf;\n    switch (a->action) {\n", tp, tp);
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        const Type *ty = a->decl->ty;
        if (!ty || action_data_count(a) == 0)
            continue;
        const char *m = action_member(api, t, a);
        fprintf(api->out, "    case %s_%s: {\n", upper(api, tp), upper(api, m));
        ActionDataField *f;
        int n = action_data_fields(api->arena, a, &f), off = 0;
        for (int k = 0; k < n; k++) {
            fputs("    ", api->out);
            put_field(api, f[k].width, arena_printf(api->arena, "a->params.%s.%s", m,
                                                    ident(api, f[k].name)), off);
            off += nbytes(f[k].width);
        }
        fprintf(api->out, "        return %d;\n    }\n", off);
    }
    fputs("    default:\n        return 0;\n    }\n}\n\n", api->out);

    fprintf(api->out,
            "static inline void %s_unargs_(%s_action_data *a, const uint8_t *buf)\n{\n"
            "    (void)buf;\n    switch (a->action) {\n", tp, tp);
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        const Type *ty = a->decl->ty;
        if (!ty || action_data_count(a) == 0)
            continue;
        const char *m = action_member(api, t, a);
        fprintf(api->out, "    case %s_%s:\n", upper(api, tp), upper(api, m));
        ActionDataField *f;
        int n = action_data_fields(api->arena, a, &f), off = 0;
        for (int k = 0; k < n; k++) {
            int w = f[k].width;
            const char *dst = arena_printf(api->arena, "a->params.%s.%s", m,
                                           ident(api, f[k].name));
            if (w > 64)
                fprintf(api->out, "        memcpy(%s, buf + %d, %d);\n", dst, off, nbytes(w));
            else
                fprintf(api->out, "        %s = (%s)%s_get_be_(buf + %d, %d);\n", dst,
                        c_uint(w), api->prefix, off, nbytes(w));
            off += nbytes(w);
        }
        fputs("        break;\n", api->out);
    }
    fputs("    default:\n        break;\n    }\n}\n\n", api->out);
}

static void emit_key_type(Api *api, const IrTable *t, const char *tp, const char **names)
{
    fprintf(api->out, "/* Key of %s: every field in host order (wider than 64 bits: bytes). */\n"
                      "typedef struct {\n", text(api, t->name));
    for (int k = 0; k < t->nkeys; k++) {
        const IrKey *key = &t->keys[k];
        const char *n = names[k];
        const char *c = arena_printf(api->arena, "%s: %s", text(api, key->name),
                                     ir_match_kind_name(key->match));
        switch (key->match) {
        case MATCH_RANGE:
            member(api, key->width, arena_printf(api->arena, "%s_low", n), c);
            member(api, key->width, arena_printf(api->arena, "%s_high", n), NULL);
            break;
        case MATCH_TERNARY:
            member(api, key->width, n, c);
            member(api, key->width, arena_printf(api->arena, "%s_mask", n),
                   "1 bits must match; 0: anything");
            break;
        case MATCH_LPM:
            member(api, key->width, n, c);
            fprintf(api->out, "    uint32_t %s_prefix_len;\n", n);
            break;
        case MATCH_OPTIONAL:
            member(api, key->width, n, c);
            fprintf(api->out, "    bool %s_any; /* true: matches anything */\n", n);
            break;
        default:
            member(api, key->width, n, c);
            break;
        }
    }
    if (table_has_priority(t))
        fputs("    uint32_t priority; /* larger wins */\n", api->out);
    fprintf(api->out, "} %s_key;\n\n", tp);
}

static void emit_table_types_api(Api *api, const IrTable *t, const char *tp)
{
    fprintf(api->out, "/* Actions of %s (values: their p4info ids). */\ntypedef enum {\n",
            text(api, t->name));
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        fprintf(api->out, "    %s_%s = 0x%08xu, /* %s */\n", upper(api, tp),
                upper(api, action_member(api, t, a)), p4ids_action(api->ids, api->ir, a),
                text(api, a->name));
    }
    fprintf(api->out, "} %s_action;\n\n", tp);

    fprintf(api->out, "/* An action of %s with its parameters. */\ntypedef struct {\n"
                      "    %s_action action;\n    union {\n", text(api, t->name), tp);
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        if (action_data_count(a) > 0)
            fprintf(api->out, "        %s_%s_params %s;\n", api->prefix, a->c_name,
                    action_member(api, t, a));
    }
    fprintf(api->out, "        uint8_t none_;\n    } params;\n} %s_action_data;\n\n", tp);
}

/* Bytes for the arguments of any action of T, and one more. */
static int args_buffer_size(Api *api, const IrTable *t)
{
    int abuf = 1;
    for (int i = 0; i < t->nactions; i++)
        if (args_size(api, t->actions[i].action) + 1 > abuf)
            abuf = args_size(api, t->actions[i].action) + 1;
    return abuf;
}

static void emit_entry_functions(Api *api, const IrTable *t, const char *tp)
{
    int kbuf = key_buffer_size(t) + 1, abuf = args_buffer_size(api, t);
    const char *prio = table_has_priority(t) ? "key->priority" : "0";
    fprintf(api->out,
            "static inline int %s_write_(p4rt_pipeline *p, p4rt_op op, const %s_key *key,\n"
            "                            const %s_action_data *a)\n{\n"
            "    uint8_t kbuf[%d], abuf[%d];\n    p4rt_key_bytes kb[%d];\n"
            "    %s_key_(key, kbuf, kb);\n"
            "    p4rt_typed_entry e = {kb, %d, %s, a ? (uint32_t)a->action : 0, abuf,\n"
            "                          a ? %s_args_(a, abuf) : 0};\n"
            "    return p4rt_table_write_typed(p, %s_ID, op, &e);\n}\n\n",
            tp, tp, tp, kbuf, abuf, t->nkeys + 1, tp, t->nkeys, prio, tp, upper(api, tp));
    fprintf(api->out,
            "/* Add an entry; -EEXIST if there is one with this key. */\n"
            "static inline int %s_add(p4rt_pipeline *p, const %s_key *key,\n"
            "                         const %s_action_data *action)\n{\n"
            "    return %s_write_(p, P4RT_OP_ADD, key, action);\n}\n\n"
            "/* Change the action of the entry with this key; -ENOENT if none. */\n"
            "static inline int %s_modify(p4rt_pipeline *p, const %s_key *key,\n"
            "                            const %s_action_data *action)\n{\n"
            "    return %s_write_(p, P4RT_OP_MODIFY, key, action);\n}\n\n"
            "static inline int %s_delete(p4rt_pipeline *p, const %s_key *key)\n{\n"
            "    return %s_write_(p, P4RT_OP_DELETE, key, NULL);\n}\n\n",
            tp, tp, tp, tp, tp, tp, tp, tp, tp, tp, tp);
    fprintf(api->out,
            "/* The action of the entry with this key; -ENOENT if none. */\n"
            "static inline int %s_get(p4rt_pipeline *p, const %s_key *key,\n"
            "                         %s_action_data *action)\n{\n"
            "    uint8_t kbuf[%d], abuf[%d];\n    p4rt_key_bytes kb[%d];\n    uint32_t id;\n"
            "    %s_key_(key, kbuf, kb);\n"
            "    p4rt_typed_entry e = {kb, %d, %s, 0, NULL, 0};\n"
            "    memset(action, 0, sizeof *action);\n"
            "    int r = p4rt_table_get_typed(p, %s_ID, &e, &id, abuf, sizeof abuf);\n"
            "    if (r == 0) {\n        action->action = (%s_action)id;\n"
            "        %s_unargs_(action, abuf);\n    }\n    return r;\n}\n\n",
            tp, tp, tp, kbuf, abuf, t->nkeys + 1, tp, t->nkeys, prio, upper(api, tp), tp, tp);
}

static void emit_default_functions(Api *api, const IrTable *t, const char *tp)
{
    int abuf = args_buffer_size(api, t);
    fprintf(api->out,
            "/* The action run on a miss; reset: the program's own. */\n"
            "static inline int %s_set_default(p4rt_pipeline *p, const %s_action_data *action)\n{\n"
            "    uint8_t abuf[%d];\n    size_t n = %s_args_(action, abuf);\n"
            "    return p4rt_table_set_default_typed(p, %s_ID, (uint32_t)action->action, abuf, n);\n"
            "}\n\n"
            "static inline int %s_reset_default(p4rt_pipeline *p)\n{\n"
            "    return p4rt_table_reset_default_id(p, %s_ID);\n}\n\n",
            tp, tp, abuf, tp, upper(api, tp), tp, upper(api, tp));
}

static void emit_table_api(Api *api, const IrTable *t, uint32_t id)
{
    const char *tp = arena_printf(api->arena, "%s_%s", api->prefix, t->c_name);
    const char **names = key_names(api, t);
    fprintf(api->out, "/* ---- table %s (%s, %d entries) */\n\n#define %s_ID 0x%08xu\n"
                      "#define %s_SIZE %du\n\n",
            text(api, t->name), ir_table_kind_name(t->kind), t->size, upper(api, tp), id, upper(api, tp),
            t->size);
    /* A table without a key has no entries: only its default action. */
    if (t->kind != TABLE_KEYLESS)
        emit_key_type(api, t, tp, names);
    emit_table_types_api(api, t, tp);
    if (t->kind != TABLE_KEYLESS)
        emit_key_encoder(api, t, tp, names);
    emit_args_codec(api, t, tp);
    if (t->kind != TABLE_KEYLESS)
        emit_entry_functions(api, t, tp);
    emit_default_functions(api, t, tp);
}

static void emit_extern_api(Api *api, const IrExtern *x, uint32_t id)
{
    const char *xp = arena_printf(api->arena, "%s_%s", api->prefix, x->c_name);
    const char *name = text(api, x->name);
    if (x->kind == EXTERN_COUNTER_ARRAY || x->kind == EXTERN_COUNTER) {
        fprintf(api->out,
                "/* ---- counter %s (%ld cells) */\n\n#define %s_ID 0x%08xu\n#define %s_SIZE %ldu\n\n"
                "/* Cell INDEX%s, summed over CPUs. */\n"
                "static inline int %s_read(p4rt_pipeline *p, uint32_t index, uint64_t *value)\n{\n"
                "    return p4rt_counter_read_id(p, %s_ID, index, value);\n}\n\n"
                "/* Set cell INDEX (INDEX < 0: every cell) to zero. */\n"
                "static inline int %s_reset(p4rt_pipeline *p, long index)\n{\n"
                "    return p4rt_counter_reset_id(p, %s_ID, index);\n}\n\n",
                name, x->size, upper(api, xp), id, upper(api, xp), x->size,
                x->kind == EXTERN_COUNTER ? "'s packets" : "", xp, upper(api, xp), xp,
                upper(api, xp));
        return;
    }
    if (x->width > 64) {   /* big-endian bytes, as wide keys */
        int n = bytes_of_bits(x->width);
        fprintf(api->out,
                "/* ---- register %s (%ld cells of %d bits, as %d big-endian bytes) */\n\n"
                "#define %s_ID 0x%08xu\n#define %s_SIZE %ldu\n\n"
                "static inline int %s_read(p4rt_pipeline *p, uint32_t index, uint8_t value[%d])\n"
                "{\n    return p4rt_register_read_bytes_id(p, %s_ID, index, value, %d);\n}\n\n"
                "static inline int %s_write(p4rt_pipeline *p, uint32_t index, "
                "const uint8_t value[%d])\n"
                "{\n    return p4rt_register_write_bytes_id(p, %s_ID, index, value, %d);\n}\n\n"
                "/* Set cell INDEX (INDEX < 0: every cell) back to zero. */\n"
                "static inline int %s_reset(p4rt_pipeline *p, long index)\n{\n"
                "    return p4rt_register_reset_id(p, %s_ID, index);\n}\n\n",
                name, x->size, x->width, n, upper(api, xp), id, upper(api, xp), x->size, xp, n,
                upper(api, xp), n, xp, n, upper(api, xp), n, xp, upper(api, xp));
        return;
    }
    const char *t = c_uint(x->width);
    fprintf(api->out,
            "/* ---- register %s (%ld cells of bit<%d>) */\n\n#define %s_ID 0x%08xu\n"
            "#define %s_SIZE %ldu\n\n"
            "static inline int %s_read(p4rt_pipeline *p, uint32_t index, %s *value)\n{\n"
            "    uint64_t v = 0;\n    int r = p4rt_register_read_id(p, %s_ID, index, &v);\n"
            "    *value = (%s)v;\n    return r;\n}\n\n"
            "static inline int %s_write(p4rt_pipeline *p, uint32_t index, %s value)\n{\n"
            "    return p4rt_register_write_id(p, %s_ID, index, value);\n}\n\n"
            "/* Set cell INDEX (INDEX < 0: every cell) back to the initial value. */\n"
            "static inline int %s_reset(p4rt_pipeline *p, long index)\n{\n"
            "    return p4rt_register_reset_id(p, %s_ID, index);\n}\n\n",
            name, x->size, x->width, upper(api, xp), id, upper(api, xp), x->size, xp, t,
            upper(api, xp), t, xp, t, upper(api, xp), xp, upper(api, xp));
}

/* A set whose members are text only (wider than 64 bits, or with masks):
 * the functions take the member as libp4rt's text and name the set. */
static void emit_text_value_set_api(Api *api, const IrValueSet *vs, uint32_t id, const char *vp)
{
    fprintf(api->out,
            "/* ---- value set %s (at most %d members of %d bits, written as text) */\n\n"
            "#define %s_ID 0x%08xu\n#define %s_SIZE %du\n\n"
            "/* MEMBER as p4rt_value_set_add takes it (\"f1=0x810 f2=0x4/2 ...\"). */\n"
            "static inline int %s_add(p4rt_pipeline *p, const char *member)\n{\n"
            "    return p4rt_value_set_add(p, \"%s\", member);\n}\n\n"
            "static inline int %s_delete(p4rt_pipeline *p, const char *member)\n{\n"
            "    return p4rt_value_set_delete(p, \"%s\", member);\n}\n\n"
            "static inline int %s_clear(p4rt_pipeline *p)\n{\n"
            "    return p4rt_value_set_clear_id(p, %s_ID);\n}\n\n",
            text(api, vs->name), vs->size, vs->width, upper(api, vp), id, upper(api, vp),
            vs->size, vp, vs->name, vp, vs->name, vp, upper(api, vp));
}

static void emit_value_set_api(Api *api, const IrValueSet *vs, uint32_t id)
{
    const char *vp = arena_printf(api->arena, "%s_%s", api->prefix, vs->c_name);
    const char *t = c_uint(vs->width);
    if (vs->slots || vs->width > 64) {
        emit_text_value_set_api(api, vs, id, vp);
        return;
    }
    fprintf(api->out,
            "/* ---- value set %s (at most %d members of bit<%d>) */\n\n#define %s_ID 0x%08xu\n"
            "#define %s_SIZE %du\n\n"
            "/* Make VALUE a member: -ERANGE when it is wider than bit<%d>, -ENOSPC when\n"
            " * the set is full. */\n"
            "static inline int %s_add(p4rt_pipeline *p, %s value)\n{\n"
            "    return p4rt_value_set_add_id(p, %s_ID, value);\n}\n\n"
            "/* -ENOENT when VALUE is not a member. */\n"
            "static inline int %s_delete(p4rt_pipeline *p, %s value)\n{\n"
            "    return p4rt_value_set_delete_id(p, %s_ID, value);\n}\n\n"
            "static inline int %s_clear(p4rt_pipeline *p)\n{\n"
            "    return p4rt_value_set_clear_id(p, %s_ID);\n}\n\n",
            text(api, vs->name), vs->size, vs->width, upper(api, vp), id, upper(api, vp), vs->size,
            vs->width, vp, t, upper(api, vp), vp, t, upper(api, vp), vp, upper(api, vp));
    if (vs->nfields) {   /* a struct's: the value its fields packed */
        fputs("/* The value of a member: the struct's fields packed, the first most\n"
              " * significant:", api->out);
        for (int f = 0; f < vs->nfields; f++)
            fprintf(api->out, "%s %s (%d bits)", f ? "," : "", vs->fields[f].name,
                    vs->fields[f].width);
        fputs(". */\n\n", api->out);
    }
}

static const char *digest_field_comment(Api *api, const IrDigestField *f)
{
    switch (f->kind) {
    case DIGEST_BOOL: return "bool";
    case DIGEST_ENUM: return arena_printf(api->arena, "enum %s: its member's number", f->type->name);
    case DIGEST_SERENUM: return arena_printf(api->arena, "enum bit<%d> %s", f->width, f->type->name);
    case DIGEST_ERROR: return "error: its code";
    default: return arena_printf(api->arena, "%s<%d>", f->is_signed ? "int" : "bit", f->width);
    }
}

/* A digest: a struct of its fields, and a watch that hands each digest
 * received to a typed callback (libp4rt's p4rt_digest_watch_id, decoded
 * from the named values it gives). */
static void emit_digest_api(Api *api, const IrDigest *d, uint32_t id)
{
    const char *dp = arena_printf(api->arena, "%s_%s", api->prefix, d->c_name);
    const char **names = arena_alloc(api->arena, sizeof(char *) * (size_t)(d->nfields + 1));
    for (int f = 0; f < d->nfields; f++) {
        const char *n = ident(api, d->fields[f].name);
        for (int j = 0; j < f; j++)
            if (strcmp(names[j], n) == 0)
                n = arena_printf(api->arena, "%s_%d", n, f);
        names[f] = n;
    }
    fprintf(api->out, "/* ---- digest %s (%d fields) */\n\n#define %s_ID 0x%08xu\n\n"
                      "/* A digest %s as received: numbers in host order (wider than 64\n"
                      " * bits: big-endian bytes), int<W> sign-extended. */\ntypedef struct {\n",
            text(api, d->name), d->nfields, upper(api, dp), id, text(api, d->name));
    for (int f = 0; f < d->nfields; f++) {
        const IrDigestField *df = &d->fields[f];
        const char *c = arena_printf(api->arena, "%s: %s", text(api, df->name),
                                     digest_field_comment(api, df));
        if (df->kind == DIGEST_BOOL)
            fprintf(api->out, "    bool %s; /* %s */\n", names[f], c);
        else if (df->is_signed && df->width <= 64)
            fprintf(api->out, "    int%d_t %s; /* %s */\n", c_container_bits(df->width),
                    names[f], c);
        else
            member(api, df->width, names[f], c);
    }
    fprintf(api->out, "} %s_digest;\n\n"
                      "typedef int (*%s_fn)(const %s_digest *d, void *ctx);\n\n"
                      "/* What a watch calls: FN with CTX. */\n"
                      "typedef struct {\n    %s_fn fn;\n    void *ctx;\n} %s_watcher;\n\n",
            dp, dp, dp, dp, dp);
    fprintf(api->out, "static inline int %s_decode_(const p4rt_digest *d, void *ctx)\n{\n"
                      "    const %s_watcher *w = (const %s_watcher *)ctx;\n    %s_digest v;\n"
                      "    memset(&v, 0, sizeof v);\n"
                      "    if (d->nfields != %d)\n        return -EPROTO; /* another program's */\n",
            dp, dp, dp, dp, d->nfields);
    for (int f = 0; f < d->nfields; f++) {
        const IrDigestField *df = &d->fields[f];
        int w = df->width;
        if (df->kind == DIGEST_BOOL)
            fprintf(api->out, "    v.%s = d->fields[%d].value != 0;\n", names[f], f);
        else if (w > 64)
            fprintf(api->out, "    memcpy(v.%s, d->fields[%d].bytes, %d);\n", names[f], f,
                    nbytes(w));
        else if (df->is_signed && w < 64)
            fprintf(api->out, "    v.%s = (int%d_t)((int64_t)(d->fields[%d].value ^ 0x%llxull) - "
                              "(int64_t)0x%llxull);\n", names[f], c_container_bits(w), f,
                    1ull << (w - 1), 1ull << (w - 1));
        else if (df->is_signed)
            fprintf(api->out, "    v.%s = (int64_t)d->fields[%d].value;\n", names[f], f);
        else
            fprintf(api->out, "    v.%s = (%s)d->fields[%d].value;\n", names[f], c_uint(w), f);
    }
    fprintf(api->out, "    return w->fn(&v, w->ctx);\n}\n\n"
                      "/* Watch digest %s: p4rt_digest_poll(p, timeout) then calls W->fn with\n"
                      " * each one. W must last as long as the watch. */\n"
                      "static inline int %s_watch(p4rt_pipeline *p, %s_watcher *w)\n{\n"
                      "    return p4rt_digest_watch_id(p, %s_ID, %s_decode_, w);\n}\n\n",
            text(api, d->name), dp, dp, upper(api, dp), dp);
}

bool write_api_header(IrProgram *ir, const P4Ids *ids, FILE *out, const char *header_name)
{
    Api api = {out, ir->arena, ir, ids, NULL};
    api.prefix = ident(&api, ir->name);
    const char *guard = upper(&api, ident(&api, header_name));
    fprintf(out,
            "/* %s: the typed control-plane API of %s.p4, written by p4cc. Do not edit.\n"
            " *\n"
            " * For each table T of control C (C name %s_C_T): a key struct, an enum of\n"
            " * its actions, a struct of an action with its parameters, and functions\n"
            " * to add, modify, delete and look up entries and to set and reset the\n"
            " * default action; for counters and registers, functions to read them;\n"
            " * for value sets, functions to add and delete members%s.\n"
            " * They return 0 or a negative errno, with p4rt_errmsg() saying why\n"
            " * (include/p4rt.h). Link with libp4rt. */\n"
            "#ifndef %s\n#define %s\n\n#include <p4rt.h>\n#include <stdbool.h>\n"
            "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n%s\n",
            text(&api, header_name), text(&api, ir->name), api.prefix,
            ir->ndigests ? ";\n * for digests, a struct and a typed watch" : "", guard, guard,
            ir->ndigests ? "#include <errno.h>\n" : "");
    fprintf(out, "#define %s_PROGRAM \"%s\"\n\n", upper(&api, api.prefix), text(&api, ir->name));
    emit_helpers(&api);
    emit_params_structs(&api);
    for (int i = 0; i < ir->ntables; i++)
        emit_table_api(&api, ir->tables[i], ids->tables[i]);
    for (int i = 0; i < ir->nexterns; i++)
        if (ir->externs[i]->kind == EXTERN_COUNTER_ARRAY || ir->externs[i]->kind == EXTERN_COUNTER ||
            ir->externs[i]->kind == EXTERN_REGISTER)
            emit_extern_api(&api, ir->externs[i], ids->externs[i]);
    for (int i = 0; i < ir->nvalue_sets; i++)
        emit_value_set_api(&api, ir->value_sets[i], ids->value_sets[i]);
    for (int i = 0; i < ir->ndigests; i++)
        emit_digest_api(&api, ir->digests[i], ids->digests[i]);
    fprintf(out, "#endif /* %s */\n", guard);
    return true;
}
