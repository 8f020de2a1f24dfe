/* Tables and actions: key and value structs and maps laid out as
 * docs/RUNTIME.md says, the lookup and action dispatch of `apply`, const
 * entries compiled into code, and one C function per action. */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"
#include "runtime_text.h"

static int field_bytes(int width)
{
    int c = c_container_bits(width);
    return c ? c / 8 : (width + 7) / 8;
}

static int align_to(int offset, int align)
{
    return (offset + align - 1) / align * align;
}

/* ---- layouts (also what p4info describes) ---- */

void table_key_layout(const IrTable *t, FieldLayout *fields, int *key_size)
{
    if (t->kind == TABLE_KEYLESS) {
        *key_size = 0;
        return;
    }
    if (t->kind == TABLE_LPM) {
        int off = 4;
        for (int i = 0; i < t->nkeys; i++) {
            int bytes = (t->keys[i].width + 7) / 8;
            fields[i] = (FieldLayout){.offset = off, .size = bytes, .network_order = true};
            off += bytes;
        }
        *key_size = off;
        return;
    }
    if (t->kind == TABLE_ARRAY) {
        fields[0] = (FieldLayout){.offset = 0, .size = 4};
        *key_size = 4;
        return;
    }
    int off = 0, max_align = 1;
    for (int i = 0; i < t->nkeys; i++) {
        int bytes = field_bytes(t->keys[i].width);
        bool wide = t->keys[i].width > 64;
        int align = wide ? 1 : bytes;
        off = align_to(off, align);
        fields[i] = (FieldLayout){.offset = off, .size = bytes, .network_order = wide};
        off += bytes;
        if (align > max_align)
            max_align = align;
    }
    *key_size = align_to(off ? off : 1, max_align);
}

/* The slots of T's lookup cache: its @p4cc_cache size rounded up to a
 * power of two, so a key's hash picks one with a mask. */
int table_cache_slots(const IrTable *t)
{
    int n = 1;
    while (n < t->cache_size)
        n *= 2;
    return n;
}

bool param_is_action_data(const Param *p)
{
    return p->dir == DIR_NONE;
}

int action_data_count(const IrAction *a)
{
    int n = 0;
    for (int i = 0; a->decl->ty && i < a->decl->ty->nparams; i++)
        n += param_is_action_data(&a->decl->ty->params[i]);
    return n;
}

/* The C size and alignment of a value of type T in the value struct, as
 * emit_types.c declares it: numbers in their container, wider ones as
 * bytes, structs of those with C's padding; -1 for what the control plane
 * cannot write (headers, unions, stacks, ...). */
int c_layout(const Type *t, int *align)
{
    while ((t->kind == T_NEWTYPE || t->kind == T_SERENUM) && t->base)
        t = t->base;
    if (t->kind == T_BOOL || t->kind == T_BITS) {
        int w = t->kind == T_BOOL ? 1 : t->width;
        int bytes = field_bytes(w > 0 ? w : 8);
        *align = w > 64 ? 1 : bytes;
        return bytes;
    }
    if (t->kind != T_STRUCT || t->nfields == 0)
        return -1;
    int off = 0, max_align = 1;
    for (int i = 0; i < t->nfields; i++) {
        int a, size = c_layout(t->fields[i].type, &a);
        if (size < 0)
            return -1;
        off = align_to(off, a) + size;
        if (a > max_align)
            max_align = a;
    }
    *align = max_align;
    return align_to(off, max_align);
}

bool action_data_type_ok(const Type *t)
{
    int align;
    return c_layout(t, &align) >= 0;
}

int action_param_layout(const IrAction *a, FieldLayout *params, int *params_size)
{
    const Type *t = a->decl->ty;
    int off = 0, max_align = 1;
    for (int i = 0; t && i < t->nparams; i++) {
        int align, bytes = c_layout(t->params[i].type, &align);
        if (bytes < 0)
            bytes = align = 1;   /* reported by check_action_data */
        bool wide = value_width(t->params[i].type) > 64;
        off = align_to(off, align);
        if (params)
            params[i] = (FieldLayout){.offset = 8 + off, .size = bytes, .align = align,
                                      .network_order = wide};
        off += bytes;
        if (align > max_align)
            max_align = align;
    }
    *params_size = align_to(off, max_align);
    return max_align;
}

/* The fields of a struct parameter, each at its offset, named P.F, stored
 * in OUT from index N (OUT NULL: only counted); the new count. */
static int struct_fields(Arena *arena, const Type *t, const char *name, int base,
                         ActionDataField *out, int n)
{
    int off = 0;
    for (int i = 0; i < t->nfields; i++) {
        const Type *ft = t->fields[i].type;
        int align, size = c_layout(ft, &align);
        off = align_to(off, align);
        const char *fname = out ? arena_printf(arena, "%s.%s", name, t->fields[i].name) : NULL;
        const Type *v = ft;
        while ((v->kind == T_NEWTYPE || v->kind == T_SERENUM) && v->base)
            v = v->base;
        if (v->kind == T_STRUCT) {
            n = struct_fields(arena, v, fname, base + off, out, n);
        } else {
            int w = value_width(v);
            if (out)
                out[n] = (ActionDataField){fname, w, base + off, size, w > 64};
            n++;
        }
        off += size;
    }
    return n;
}

/* The fields of A's action data, stored in OUT (NULL: only counted). */
static int data_fields(Arena *arena, const IrAction *a, const FieldLayout *params,
                       ActionDataField *out)
{
    const Type *t = a->decl->ty;
    int n = 0;
    for (int i = 0; t && i < t->nparams; i++) {
        const Param *p = &t->params[i];
        const Type *v = p->type;
        while ((v->kind == T_NEWTYPE || v->kind == T_SERENUM) && v->base)
            v = v->base;
        if (!param_is_action_data(p))
            continue;
        if (v->kind == T_STRUCT) {
            n = struct_fields(arena, v, p->name, params[i].offset, out, n);
        } else {
            if (out)
                out[n] = (ActionDataField){p->name, value_width(v), params[i].offset,
                                           params[i].size, params[i].network_order};
            n++;
        }
    }
    return n;
}

int action_data_fields(Arena *arena, const IrAction *a, ActionDataField **out)
{
    int np = a->decl->ty ? a->decl->ty->nparams : 0, size;
    FieldLayout *params = arena_alloc(arena, sizeof *params * (size_t)(np + 1));
    action_param_layout(a, params, &size);
    int n = data_fields(arena, a, params, NULL);
    *out = arena_alloc(arena, sizeof **out * (size_t)(n + 1));
    return data_fields(arena, a, params, *out);
}

/* The widest parameter struct of the table's actions (*SIZE) and the
 * alignment the value union needs (the result). */
static int value_union_layout(const IrTable *t, int *size)
{
    int align = 4;
    *size = 0;
    for (int i = 0; i < t->nactions; i++) {
        int psize = 0;
        int palign = action_param_layout(t->actions[i].action, NULL, &psize);
        if (psize > *size)
            *size = psize;
        if (palign > align)
            align = palign;
    }
    return align;
}

/* The end of the action part of the value: the union always has a
 * member, so it is at least one byte. */
static int action_part_end(const IrTable *t, int *align)
{
    int size;
    *align = value_union_layout(t, &size);
    return 8 + (size ? size : 1);
}

int table_direct_layout(const IrTable *t, int *counter_offset, int *meter_offset)
{
    int align;
    int end = action_part_end(t, &align);
    *counter_offset = *meter_offset = -1;
    if (t->direct_counter) {
        *counter_offset = align_to(end, 8);
        end = *counter_offset + 16;   /* struct p4cc_counter */
    }
    if (t->direct_meter) {
        *meter_offset = align_to(end, 8);
        end = *meter_offset + 64;     /* struct p4cc_meter */
    }
    return end;
}

int table_value_align(const IrTable *t)
{
    int align;
    action_part_end(t, &align);
    return (t->direct_counter || t->direct_meter) && align < 8 ? 8 : align;
}

int table_value_size(const IrTable *t)
{
    int counter_offset, meter_offset;
    return align_to(table_direct_layout(t, &counter_offset, &meter_offset), table_value_align(t));
}

bool table_entries_in_code(const IrTable *t)
{
    return t->entries_const && t->nentries && !t->direct_counter && !t->direct_meter;
}

/* ---- types and maps ---- */

static const char *key_c_type(Emitter *em, const IrKey *k)
{
    int c = c_container_bits(k->width);
    return c ? arena_printf(em->arena, "u%d", c) : NULL;
}

static void emit_key_struct(Emitter *em, const IrTable *t)
{
    fprintf(em->out, "struct %s_key {\n", t->c_name);
    if (t->kind == TABLE_LPM) {
        int bytes = 0;
        for (int i = 0; i < t->nkeys; i++)
            bytes += (t->keys[i].width + 7) / 8;
        fprintf(em->out, "    u32 prefixlen;\n    u8 data[%d];\n", bytes);
        /* Packed (docs/RUNTIME.md): the key is 4 + N bytes, no padding. */
        fputs("} __attribute__((packed));\n\n", em->out);
        return;
    } else if (t->kind == TABLE_ARRAY) {
        fprintf(em->out, "    u32 index;\n");
    } else {
        for (int i = 0; i < t->nkeys; i++) {
            const char *ct = key_c_type(em, &t->keys[i]);
            if (ct)
                fprintf(em->out, "    %s field%d;\n", ct, i);
            else
                fprintf(em->out, "    u8 field%d[%d];\n", i, (t->keys[i].width + 7) / 8);
        }
    }
    fputs("};\n\n", em->out);
}

static void emit_value_struct(Emitter *em, const IrTable *t)
{
    fprintf(em->out, "struct %s_value {\n    u32 action;\n    u32 pad;\n    union {\n", t->c_name);
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        const Type *at = a->decl->ty;
        fprintf(em->out, "        struct {\n");
        for (int p = 0; at && p < at->nparams; p++) {
            const Param *pm = &at->params[p];
            /* A bound parameter of a type the control plane cannot write
             * (a header, say) keeps the one byte action_param_layout
             * gives it: the value is never read there. */
            const char *ct = !param_is_action_data(pm) && !action_data_type_ok(pm->type)
                                 ? "u8" : c_type(em, pm->type);
            int w = type_width_bits(pm->type);
            fprintf(em->out, "            %s %s%s;\n", ct ? ct : "u8", c_ident(em, pm->name),
                    !ct && w > 64 ? arena_printf(em->arena, "[%d]", (w + 7) / 8) : "");
        }
        if (!at || at->nparams == 0)
            fprintf(em->out, "            u8 empty_;\n");
        fprintf(em->out, "        } %s;\n", a->c_name);
    }
    fprintf(em->out, "        u8 empty_;\n    } u;\n");
    if (t->direct_counter)
        fprintf(em->out, "    struct p4cc_counter counter;    /* direct_counter %s */\n",
                t->direct_counter->name);
    if (t->direct_meter)
        fprintf(em->out, "    struct p4cc_meter meter;    /* direct_meter %s */\n",
                t->direct_meter->name);
    fprintf(em->out, "};\n\n");
    if (t->kind == TABLE_TERNARY)   /* tuple-space search: include/p4cc/tss.h */
        fprintf(em->out, "P4CC_TSS_RECORDS(%s, struct %s_key, struct %s_value);\n\n", t->c_name,
                t->c_name, t->c_name);
}

static bool listed_before(const IrProgram *ir, int table, int index, const IrAction *a)
{
    for (int i = 0; i <= table; i++)
        for (int k = 0; k < (i == table ? index : ir->tables[i]->nactions); k++)
            if (ir->tables[i]->actions[k].action == a)
                return true;
    return false;
}

static void check_action_data(Emitter *em)
{
    for (int i = 0; i < em->ir->ntables; i++)
        for (int k = 0; k < em->ir->tables[i]->nactions; k++) {
            const IrAction *a = em->ir->tables[i]->actions[k].action;
            const Type *t = a->decl->ty;
            if (listed_before(em->ir, i, k, a))
                continue;
            for (int p = 0; t && p < t->nparams; p++)
                if (param_is_action_data(&t->params[p]) && !action_data_type_ok(t->params[p].type))
                    emit_error_at(em, t->params[p].decl, "action data parameter '%s' of type "
                                  "'%s' is not supported by the XDP backend: the control plane "
                                  "writes numbers, bools and structs of them",
                                  t->params[p].name, type_name(em->arena, t->params[p].type));
        }
}

/* Whether T compares a key wider than 64 bits in code (const entries, the
 * slots of a tuple-space search) rather than only in a map's lookup. */
static bool matches_wide_in_code(const IrTable *t)
{
    if (t->kind != TABLE_TERNARY && !(t->entries_const && t->nentries))
        return false;
    for (int i = 0; i < t->nkeys; i++)
        if (t->keys[i].width > 64)
            return true;
    return false;
}

void emit_table_types(Emitter *em)
{
    check_action_data(em);
    bool tss = false, wide = false;
    for (int i = 0; i < em->ir->ntables; i++) {
        tss = tss || em->ir->tables[i]->kind == TABLE_TERNARY;
        wide = wide || matches_wide_in_code(em->ir->tables[i]);
    }
    if (tss) {
        fputs(p4cc_runtime_tss_h, em->out);
        fputc('\n', em->out);
    }
    if (wide) {
        fputs(p4cc_runtime_wide_match_h, em->out);
        fputc('\n', em->out);
    }
    for (int i = 0; i < em->ir->ntables; i++) {
        if (em->ir->tables[i]->kind != TABLE_KEYLESS)
            emit_key_struct(em, em->ir->tables[i]);
        emit_value_struct(em, em->ir->tables[i]);
        if (em->ir->tables[i]->cache_size)
            /* The key as 8-byte words: the key struct may be packed (lpm),
             * and clang reads a packed field a byte at a time. */
            fprintf(em->out, "struct %s_cached {\n    u32 stamp;\n    u32 found;\n"
                             "    u64 key[(sizeof(struct %s_key) + 7) / 8];\n"
                             "    struct %s_value action;\n};\n\n",
                    em->ir->tables[i]->c_name, em->ir->tables[i]->c_name,
                    em->ir->tables[i]->c_name);
    }
}

static void emit_map(Emitter *em, const char *name, const char *type, const char *key,
                     const char *value, int entries, const char *flags)
{
    fprintf(em->out, "struct {\n    __uint(type, %s);\n    __type(key, %s);\n    __type(value, %s);\n"
                     "    __uint(max_entries, %d);\n%s} %s SEC(\".maps\");\n\n",
            type, key, value, entries, flags ? flags : "", name);
}

/* A value set with ternary, lpm, range or optional fields: SIZE slots,
 * each with per field a value and mask (a range: low and high bounds),
 * and a bpf_loop callback that finds whether a slot matches the select's
 * keys (docs/RUNTIME.md, "Value sets"). */
static void emit_value_set_slots(Emitter *em, const IrValueSet *vs)
{
    const char *n = vs->c_name;
    int f = vs->nfields;
    fprintf(em->out, "struct %s_slot {\n    u32 used;\n    u32 pad;\n    u64 a[%d];\n"
                     "    u64 b[%d];\n};\n\n", n, f, f);
    emit_map(em, n, "BPF_MAP_TYPE_ARRAY", "u32", arena_printf(em->arena, "struct %s_slot", n),
             vs->size, NULL);
    fprintf(em->out, "struct %s_scan {\n    u64 k[%d];\n    int found;\n};\n\n"
                     "static long %s_match(u32 index, void *arg)\n{\n"
                     "    struct %s_scan *s = arg;\n"
                     "    struct %s_slot *slot = bpf_map_lookup_elem(&%s, &index);\n"
                     "    if (!slot || !slot->used)\n        return 0;\n", n, f, n, n, n, n);
    for (int i = 0; i < f; i++) {
        bool range = vs->fields[i].match && strcmp(vs->fields[i].match, "range") == 0;
        if (range)
            fprintf(em->out, "    if (s->k[%d] < slot->a[%d] || s->k[%d] > slot->b[%d])\n"
                             "        return 0;\n", i, i, i, i);
        else
            fprintf(em->out, "    if ((s->k[%d] & slot->b[%d]) != slot->a[%d])\n"
                             "        return 0;\n", i, i, i);
    }
    fputs("    s->found = 1;\n    return 1;\n}\n\n", em->out);
}

/* A ternary table's four maps: the hash of (mask id, masked key), two
 * copies of the mask list, the slots of the linear stage and the header. */
static void emit_tss_maps(Emitter *em, const IrTable *t)
{
    const char *n = t->c_name;
    emit_map(em, n, "BPF_MAP_TYPE_HASH", arena_printf(em->arena, "struct %s_tkey", n),
             arena_printf(em->arena, "struct %s_entry", n), t->size, NULL);
    emit_map(em, arena_printf(em->arena, "%s_masks", n), "BPF_MAP_TYPE_ARRAY", "u32",
             arena_printf(em->arena, "struct %s_mask", n), 2 * t->size, NULL);
    emit_map(em, arena_printf(em->arena, "%s_slots", n), "BPF_MAP_TYPE_ARRAY", "u32",
             arena_printf(em->arena, "struct %s_slot", n), t->size + 1, NULL);
    emit_map(em, arena_printf(em->arena, "%s_tss", n), "BPF_MAP_TYPE_ARRAY", "u32",
             "struct p4cc_tss_header", 1, NULL);
}

/* T's default action: global data in a section of its own, which libbpf
 * makes a one-entry ARRAY map named after the section. The program reads
 * it through a constant address, with no lookup call and no NULL check;
 * external linkage keeps clang from folding it to its initial zeros. */
static void emit_default_value(Emitter *em, const IrTable *t)
{
    fprintf(em->out, "struct %s_value %s_default SEC(\".data.%s_default\") = {0};\n\n", t->c_name,
            t->c_name, t->c_name);
}

void emit_table_maps(Emitter *em)
{
    for (int i = 0; i < em->ir->ntables; i++) {
        IrTable *t = em->ir->tables[i];
        const char *key = arena_printf(em->arena, "struct %s_key", t->c_name);
        const char *value = arena_printf(em->arena, "struct %s_value", t->c_name);
        /* Const entries are matched in code, but the map exists all the
         * same: docs/RUNTIME.md gives every table one and tools open it. */
        {
            switch (t->kind) {
            case TABLE_HASH:
                emit_map(em, t->c_name, "BPF_MAP_TYPE_HASH", key, value, t->size, NULL);
                break;
            case TABLE_LPM:
                emit_map(em, t->c_name, "BPF_MAP_TYPE_LPM_TRIE", key, value, t->size,
                         "    __uint(map_flags, BPF_F_NO_PREALLOC);\n");
                break;
            case TABLE_ARRAY:
                emit_map(em, t->c_name, "BPF_MAP_TYPE_ARRAY", "u32", value, t->size, NULL);
                break;
            case TABLE_TERNARY:
                emit_tss_maps(em, t);
                break;
            case TABLE_KEYLESS:   /* no entries: only the default action's map */
                break;
            }
        }
        emit_default_value(em, t);
        if (t->cache_size) {
            emit_map(em, arena_printf(em->arena, "%s_cache", t->c_name), "BPF_MAP_TYPE_PERCPU_ARRAY",
                     "u32", arena_printf(em->arena, "struct %s_cached", t->c_name),
                     table_cache_slots(t), NULL);
            emit_map(em, arena_printf(em->arena, "%s_cache_version", t->c_name),
                     "BPF_MAP_TYPE_ARRAY", "u32", "u32", 1, NULL);
        }
    }
    for (int i = 0; i < em->ir->nvalue_sets; i++) {
        IrValueSet *vs = em->ir->value_sets[i];
        if (vs->slots)
            emit_value_set_slots(em, vs);
        else if (vs->width > 64)   /* the packed element's bytes, network order */
            emit_map(em, vs->c_name, "BPF_MAP_TYPE_HASH",
                     arena_printf(em->arena, "u8[%d]", bytes_of_bits(vs->width)), "u8", vs->size,
                     NULL);
        else
            emit_map(em, vs->c_name, "BPF_MAP_TYPE_HASH",
                     arena_printf(em->arena, "u%d", c_container_bits(vs->width)), "u8",
                     vs->size, NULL);
    }
}

/* ---- actions ---- */

static void emit_action_function(Emitter *em, IrAction *a);

/* The actions emitted so far: an action another one calls (`NoAction();`
 * in a top-level `nop`) is defined before its caller, as C needs. */
typedef struct ActionOrder {
    Emitter *em;
    bool *emitted;   /* by index in ir->actions */
} ActionOrder;

static void emit_action_after_callees(ActionOrder *order, int index);

static bool emit_called_action_first(Node *n, void *ctx)
{
    ActionOrder *order = ctx;
    if (n->kind != N_CALL || n->expr->kind != N_NAME || !n->expr->ref ||
        n->expr->ref->kind != N_ACTION)
        return true;
    for (int i = 0; i < order->em->ir->nactions; i++)
        if (order->em->ir->actions[i]->decl == n->expr->ref)
            emit_action_after_callees(order, i);
    return true;
}

static void emit_action_after_callees(ActionOrder *order, int index)
{
    if (order->emitted[index])
        return;
    order->emitted[index] = true;   /* before the walk: recursion is refused earlier */
    IrAction *a = order->em->ir->actions[index];
    AstWalker w = {.pre = emit_called_action_first, .ctx = order};
    ast_walk(a->decl->body, &w);
    emit_action_function(order->em, a);
}

/* Whether any code or table names action decl CTX->decl. */
typedef struct ActionUse {
    const Node *decl;
    bool used;
} ActionUse;

static bool names_action(Node *n, void *ctx)
{
    ActionUse *u = ctx;
    if (n->ref == u->decl)
        u->used = true;
    return !u->used;
}

static void visit_action_use(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = names_action, .ctx = ctx};
    ast_walk(code, &w);
}

static bool action_used(Emitter *em, const IrAction *a)
{
    for (int i = 0; i < em->ir->ntables; i++) {
        const IrTable *t = em->ir->tables[i];
        if (t->default_action == a)
            return true;
        for (int k = 0; k < t->nactions; k++)
            if (t->actions[k].action == a || t->actions[k].run == a)
                return true;
    }
    ActionUse u = {a->decl, false};
    ir_walk_code(em->ir, visit_action_use, &u);
    return u.used;
}

/* One C function per action, and per action a table runs with bound
 * arguments (IrTableAction.run). An action whose parameters C cannot take
 * (a header stack: its direct calls are inlined, pass_inline.c) is left
 * out when nothing runs it; one that something runs is the error. */
void emit_actions(Emitter *em)
{
    ActionOrder order = {em, arena_alloc(em->arena, sizeof(bool) * (size_t)(em->ir->nactions + 1))};
    memset(order.emitted, 0, sizeof(bool) * (size_t)(em->ir->nactions + 1));
    for (int i = 0; i < em->ir->nactions; i++) {
        IrAction *a = em->ir->actions[i];
        if (!c_params_ok(em, a->decl->ty) && !action_used(em, a))
            order.emitted[i] = true;
        emit_action_after_callees(&order, i);
    }
    for (int i = 0; i < em->ir->ntables; i++)
        for (int k = 0; k < em->ir->tables[i]->nactions; k++) {
            IrTableAction *ta = &em->ir->tables[i]->actions[k];
            if (ta->run != ta->action)
                emit_action_function(em, ta->run);
        }
}

static void emit_action_function(Emitter *em, IrAction *a)
{
    {
        const Type *t = a->decl->ty;
        em->instance = a->owner;
        const char *params = c_param_list(em, t);
        emit_line_directive(em, a->decl);
        fprintf(em->out, "/* action %s */\nstatic __always_inline int action_%s(%s%s)\n{\n",
                a->name, a->c_name, action_context_params(em), params);
        emit_raw_lines_written(em);
        em->in_action = true;
        em->indent = 1;
        emit_statement(em, a->decl->body);
        emit_line(em, "return 0;");
        em->indent = 0;
        em->in_action = false;
        em->instance = NULL;
        fputs("}\n\n", em->out);
    }
}

/* ---- apply ---- */

static const char *key_value_expr(Emitter *em, const IrKey *k)
{
    const char *e = emit_expr(em, k->expr);
    if (k->expr->ty && k->expr->ty->kind == T_BOOL)
        return arena_printf(em->arena, "(u8)(%s)", e);
    return e;
}

static bool entries_use(const IrTable *t, const IrAction *a);
static const char *entry_arg(Emitter *em, const IrAction *a, const Param *p);

/* The trace of an apply that looks up no action to run (all are no-ops):
 * a hit's action is ACTION_ID's, a miss's the compiled-in default. */
static void emit_trace_no_op(Emitter *em, const IrTable *t, const char *action_id)
{
    const char *hit = arena_printf(em->arena, "%s_hit", t->c_name);
    emit_trace_table(em, t, hit, arena_printf(em->arena, "%s ? %s : %d", hit, action_id,
                                              t->default_action ? t->default_action->id : 0));
}

/* Runs the action `action_id` names, with the action data `value` points
 * at; FROM_ENTRIES: only the actions of const entries, with the data
 * entry_scalars left in scalars. */
static void emit_dispatch(Emitter *em, IrTable *t, const Node *sw, bool from_entries)
{
    emit_line(em, "%s_action_run = action_id;", t->c_name);
    emit_trace_table(em, t, arena_printf(em->arena, "%s_hit", t->c_name), "action_id");
    emit_line(em, "switch (action_id) {");
    for (int i = 0; i < t->nactions; i++) {
        IrAction *a = t->actions[i].action, *run = t->actions[i].run;
        if (from_entries && !entries_use(t, a))
            continue;
        const Type *at = a->decl->ty;
        Node *ref = t->actions[i].ref;
        const char *args = "";
        for (int p = ref->args.len; at && p < at->nparams; p++) {
            if (from_entries)
                args = arena_printf(em->arena, "%s, %s", args, entry_arg(em, a, &at->params[p]));
            else
                args = arena_printf(em->arena, "%s, value->u.%s.%s", args, a->c_name,
                                    c_ident(em, at->params[p].name));
        }
        emit_line(em, "case %d: {", a->id);
        em->indent++;
        emit_action_and_arm(em, sw, a, run, arena_printf(em->arena, "action_%s(%s%s)",
                                                         run->c_name, action_context_args(em),
                                                         args));
        emit_line(em, "break;");
        em->indent--;
        emit_line(em, "}");
    }
    emit_line(em, "}");
}

/* Runs ACTION with the arguments of CALL (an N_CALL, N_NAME or N_ACTION_REF). */
/* What T runs for its action A (A's wrapper when the actions list binds
 * arguments), and how many arguments the list binds. */
static IrAction *run_of(const IrTable *t, IrAction *a, int *nbound)
{
    for (int i = 0; i < t->nactions; i++)
        if (t->actions[i].action == a) {
            *nbound = t->actions[i].ref->args.len;
            return t->actions[i].run;
        }
    *nbound = 0;
    return a;
}

/* Runs ACTION with the arguments of CALL (an N_CALL, N_NAME or N_ACTION_REF). */
static void emit_fixed_action(Emitter *em, IrTable *t, IrAction *a, Node *call, const Node *sw)
{
    const Type *at = a->decl->ty;
    NodeList *args = call && (call->kind == N_CALL || call->kind == N_ACTION_REF) ? &call->args : NULL;
    int nbound;
    IrAction *run = run_of(t, a, &nbound);
    const char *text = "";
    for (int p = nbound; at && p < at->nparams; p++) {
        Node *arg = args && p < args->len ? args->items[p]->expr : NULL;
        text = arena_printf(em->arena, "%s, %s", text, arg ? emit_expr(em, arg) : "0");
    }
    emit_line(em, "%s_action_run = %d;", t->c_name, a->id);
    emit_trace_table(em, t, arena_printf(em->arena, "%s_hit", t->c_name),
                     arena_printf(em->arena, "%d", a->id));
    emit_action_and_arm(em, sw, a, run, arena_printf(em->arena, "action_%s(%s%s)", run->c_name,
                                                     action_context_args(em), text));
}

/* E's value when it is a non-negative integer constant of at most 64 bits. */
static bool const_bound(Emitter *em, Node *e, unsigned long long *v)
{
    uint64_t u;
    if (!const_value_u64(e->value ? e->value : fold_constant(em->arena, e), &u))
        return false;
    *v = u;
    return true;
}

/* KEY in the range R. With constant bounds on an unsigned key, one
 * unsigned comparison, (key - lo) <= (hi - lo), two instructions where
 * the two comparisons cost clang's branchless form about eight. */
static const char *range_condition(Emitter *em, const IrKey *ik, const char *key, Node *r)
{
    const Type *kt = ik->expr->ty;
    unsigned long long lo, hi;
    if (!kt || kt->kind != T_BITS || kt->is_signed || !const_bound(em, r->lhs, &lo) ||
        !const_bound(em, r->rhs, &hi))
        return arena_printf(em->arena, "(%s >= %s && %s <= %s)", key, emit_expr(em, r->lhs), key,
                            emit_expr(em, r->rhs));
    if (lo > hi)
        return "0";
    if (lo == hi)
        return arena_printf(em->arena, "(%s == %lluULL)", key, lo);
    if (lo == 0)
        return arena_printf(em->arena, "(%s <= %lluULL)", key, hi);
    return arena_printf(em->arena, "((u64)(%s - %lluULL) <= %lluULL)", key, lo, hi - lo);
}

/* Lowering refuses wider keys. */
enum { WIDE_KEY_MAX_BYTES = IR_MAX_KEY_BITS / 8 };

/* The value of an entry's key component E (compile-time known) as W
 * bits, most significant byte first, into OUT; false after a located
 * error. */
static bool entry_bytes(Emitter *em, Node *e, int w, unsigned char *out)
{
    const ConstValue *v = e->value ? e->value : fold_constant(em->arena, e);
    int n = (w + 7) / 8;
    if (v && v->kind == CV_BOOL) {
        memset(out, 0, (size_t)n);
        out[n - 1] = v->boolean;
        return true;
    }
    if (!v || v->kind != CV_INT) {
        emit_error_at(em, e, "the XDP backend needs this part of a table entry to be a "
                             "compile-time known number");
        return false;
    }
    wide_const_bytes(v->digits, w, out);
    return true;
}

/* E as a constant byte array of W bits (C text), for wide keys. */
static const char *entry_array(Emitter *em, Node *e, int w)
{
    unsigned char bytes[WIDE_KEY_MAX_BYTES];
    int n = (w + 7) / 8;
    if (!entry_bytes(em, e, w, bytes))
        return "0";
    const char *text = "";
    for (int i = 0; i < n; i++)
        text = arena_printf(em->arena, "%s%s0x%02x", text, i ? ", " : "", bytes[i]);
    return arena_printf(em->arena, "((const u8[%d]){%s})", n, text);
}

/* Whether key component K of a wide key matches the bytes at KEY. */
static const char *wide_entry_condition(Emitter *em, const IrKey *ik, const char *key, Node *k)
{
    int w = ik->width, n = (w + 7) / 8;
    switch (k->kind) {
    case N_DEFAULT: case N_DONTCARE:
        return "1";
    case N_MASK:
        return arena_printf(em->arena, "p4cc_w_eq_masked(%s, %s, %s, %d)", key,
                            entry_array(em, k->lhs, w), entry_array(em, k->rhs, w), n);
    case N_RANGE:
        return arena_printf(em->arena, "p4cc_w_in_range(%s, %s, %s, %d)", key,
                            entry_array(em, k->lhs, w), entry_array(em, k->rhs, w), n);
    default:
        return arena_printf(em->arena, "p4cc_w_eq_masked(%s, %s, NULL, %d)", key,
                            entry_array(em, k, w), n);
    }
}

/* The condition under which const entry EN matches the key values k0,
 * k1, ... An lpm component without a mask is the whole width. */
static const char *entry_condition(Emitter *em, IrTable *t, IrEntry *en)
{
    const char *cond = "1";
    /* `default` or `_` for the whole key: one condition says it. */
    int n = en->keyset->kind == N_TUPLE_KEYSET ? t->nkeys : 1;
    for (int i = 0; i < n; i++) {
        Node *k = ir_entry_key(t, en, i);
        const char *key = arena_printf(em->arena, "k%d", i);
        const char *c;
        if (t->keys[i].width > 64) {
            c = wide_entry_condition(em, &t->keys[i], key, k);
        } else {
            switch (k->kind) {
            case N_DEFAULT: case N_DONTCARE:
                c = "1";
                break;
            case N_MASK:
                c = arena_printf(em->arena, "((%s & %s) == (%s & %s))", key,
                                 emit_expr(em, k->rhs), emit_expr(em, k->lhs),
                                 emit_expr(em, k->rhs));
                break;
            case N_RANGE:
                c = range_condition(em, &t->keys[i], key, k);
                break;
            default:
                c = arena_printf(em->arena, "(%s == %s)", key, emit_expr(em, k));
                break;
            }
        }
        cond = arena_printf(em->arena, "%s && %s", cond, c);
    }
    return cond;
}

/* The match condition of a slot of the linear stage against the key. */
static const char *slot_condition(Emitter *em, const IrTable *t)
{
    const char *cond = "1";
    for (int i = 0; i < t->nkeys; i++) {
        const char *f = arena_printf(em->arena, "field%d", i);
        int n = (t->keys[i].width + 7) / 8;
        if (t->keys[i].width > 64 && t->keys[i].match == MATCH_RANGE)
            cond = arena_printf(em->arena, "%s && p4cc_w_in_range(s->key.%s, slot->value.%s, "
                                           "slot->mask.%s, %d)", cond, f, f, f, n);
        else if (t->keys[i].width > 64)
            cond = arena_printf(em->arena, "%s && p4cc_w_eq_masked(s->key.%s, slot->value.%s, "
                                           "slot->mask.%s, %d)", cond, f, f, f, n);
        else if (t->keys[i].match == MATCH_RANGE)
            cond = arena_printf(em->arena, "%s && s->key.%s >= slot->value.%s && "
                                           "s->key.%s <= slot->mask.%s", cond, f, f, f, f);
        else
            cond = arena_printf(em->arena, "%s && ((s->key.%s ^ slot->value.%s) & slot->mask.%s) "
                                           "== 0", cond, f, f, f);
    }
    return cond;
}

/* The statements that mask the scanned key into k.key with mask m. */
static const char *masked_key(Emitter *em, const IrTable *t)
{
    const char *text = "";
    for (int i = 0; i < t->nkeys; i++)
        if (t->keys[i].width > 64)
            text = arena_printf(em->arena, "%s    p4cc_w_logic(k.key.field%d, s->key.field%d, "
                                           "m->mask.field%d, %d, 0);\n",
                                text, i, i, i, (t->keys[i].width + 7) / 8);
        else
            text = arena_printf(em->arena, "%s    k.key.field%d = s->key.field%d & "
                                           "m->mask.field%d;\n", text, i, i, i);
    return text;
}

/* Ternary tables: tuple-space search. One bpf_loop callback visits the
 * masks in order of their best priority and does one hash lookup each;
 * another scans the slots of the linear stage. The verifier checks each
 * callback once, whatever the number of masks and slots. */
/* The hash of a key of table T (for its cache slot) and the equality of
 * two keys, both over the key's bytes in 8/4/2/1-byte pieces. */
static void emit_cache_helpers(Emitter *em, const IrTable *t)
{
    FieldLayout *fields = arena_alloc(em->arena, sizeof(FieldLayout) * (size_t)(t->nkeys + 1));
    int size;
    table_key_layout(t, fields, &size);
    static const char *const type[] = {[1] = "u8", [2] = "u16", [4] = "u32", [8] = "u64"};
    const char *n = t->c_name;
    fprintf(em->out, "static __always_inline u32 %s_key_hash(const struct %s_key *k)\n{\n"
                     "    u64 h = 0xcbf29ce484222325ULL;\n", n, n);
    for (int done = 0; done < size;) {
        int c = chunk_bytes(size - done);
        fprintf(em->out, "    {\n        %s piece;\n"
                         "        __builtin_memcpy(&piece, (const u8 *)k + %d, %d);\n"
                         "        h = (h ^ piece) * 0x100000001b3ULL;\n    }\n", type[c], done, c);
        done += c;
    }
    fputs("    return (u32)(h >> 32) ^ (u32)h;\n}\n\n", em->out);
    /* A's words past the key's bytes stay zero: the cache stores only
     * sizeof(key) bytes into them. */
    fprintf(em->out, "static __always_inline int %s_key_eq(const u64 *a, const struct %s_key *b)\n"
                     "{\n", n, n);
    for (int w = 0; w * 8 < size; w++) {
        int c = size - w * 8 < 8 ? size - w * 8 : 8;
        fprintf(em->out, "    {\n        u64 y = 0;\n"
                         "        __builtin_memcpy(&y, (const u8 *)b + %d, %d);\n"
                         "        if (a[%d] != y)\n            return 0;\n    }\n", w * 8, c, w);
    }
    fputs("    return 1;\n}\n\n", em->out);
}

void emit_table_helpers(Emitter *em)
{
    for (int i = 0; i < em->ir->ntables; i++)
        if (em->ir->tables[i]->cache_size)
            emit_cache_helpers(em, em->ir->tables[i]);
    for (int i = 0; i < em->ir->ntables; i++) {
        IrTable *t = em->ir->tables[i];
        if (t->kind != TABLE_TERNARY || table_entries_in_code(t))
            continue;
        const char *n = t->c_name;
        /* With direct resources, a hit needs the entry itself (whose lock
         * no copy may read): the scan keeps a pointer to it. */
        bool direct = t->direct_counter || t->direct_meter;
        fprintf(em->out,
                "struct %s_scan {\n    struct %s_key key;\n    u32 base;\n"
                "    u32 best_priority;\n    u32 found;\n    u32 pad;\n"
                "    %s;\n};\n\n", n, n,
                direct ? arena_printf(em->arena, "struct %s_value *entry", n)
                       : arena_printf(em->arena, "struct %s_value action", n));
        const char *take_entry = direct ? "s->entry = &e->action;"
                                        : "__builtin_memcpy(&s->action, &e->action, sizeof(s->action));";
        const char *take_slot = direct ? "s->entry = &slot->action;"
                                       : "__builtin_memcpy(&s->action, &slot->action, sizeof(s->action));";
        /* Masks come sorted by best priority: once the best match found
         * beats or ties the next mask's best, no later mask can win. */
        fprintf(em->out,
                "static long %s_tss_mask(u32 i, void *arg)\n{\n"
                "    struct %s_scan *s = arg;\n    u32 index = s->base + i;\n"
                "    struct %s_mask *m = bpf_map_lookup_elem(&%s_masks, &index);\n"
                "    if (!m || (s->found && s->best_priority >= m->priority))\n        return 1;\n"
                "    struct %s_tkey k;\n    __builtin_memset(&k, 0, sizeof(k));\n"
                "    k.mask_id = m->id;\n%s"
                "    struct %s_entry *e = bpf_map_lookup_elem(&%s, &k);\n"
                "    if (e && (!s->found || e->priority > s->best_priority)) {\n"
                "        s->found = 1;\n        s->best_priority = e->priority;\n"
                "        %s\n"
                "    }\n    return 0;\n}\n\n",
                n, n, n, n, n, masked_key(em, t), n, n, take_entry);
        fprintf(em->out,
                "static long %s_scan_slot(u32 index, void *arg)\n{\n"
                "    struct %s_scan *s = arg;\n"
                "    struct %s_slot *slot = bpf_map_lookup_elem(&%s_slots, &index);\n"
                "    if (!slot)\n        return 1;\n"
                "    if (!slot->in_use || (s->found && slot->priority <= s->best_priority))\n"
                "        return 0;\n"
                "    if (%s) {\n        s->found = 1;\n        s->best_priority = slot->priority;\n"
                "        %s\n"
                "    }\n    return 0;\n}\n\n",
                n, n, n, n, slot_condition(em, t), take_slot);
    }
}

/* The header says which copy of the mask list is current and how many
 * masks and slots are in use. The control plane bumps gen before it
 * rewrites anything a lookup may be reading (the unused copy of the mask
 * list, a free slot), so a lookup that saw gen change scans again: a
 * packet held up across two republishes would otherwise walk a copy being
 * rewritten. Four scans bound the work; the fourth result stands. */
static void emit_ternary_lookup(Emitter *em, IrTable *t)
{
    const char *n = t->c_name;
    emit_line(em, "struct %s_scan scan;", n);
    emit_line(em, "__builtin_memset(&scan, 0, sizeof(scan));");
    emit_line(em, "scan.key = key;");
    emit_line(em, "u32 tss_zero = 0;");
    emit_line(em, "struct p4cc_tss_header *tss = bpf_map_lookup_elem(&%s_tss, &tss_zero);", n);
    emit_line(em, "if (tss) {");
    emit_line(em, "    #pragma clang loop unroll(disable)");
    emit_line(em, "    for (u32 attempt = 0; attempt < 4; attempt++) {");
    emit_line(em, "        u32 gen = *(volatile u32 *)&tss->gen;");
    emit_line(em, "        u32 active = *(volatile u32 *)&tss->active & 1;");
    emit_line(em, "        u32 count = active ? *(volatile u32 *)&tss->count[1] : "
                  "*(volatile u32 *)&tss->count[0];");
    emit_line(em, "        u32 nslots = *(volatile u32 *)&tss->nslots;");
    emit_line(em, "        scan.found = 0;");
    emit_line(em, "        scan.base = active * %d;", t->size);
    emit_line(em, "        if (count)");
    emit_line(em, "            bpf_loop(count < %d ? count : %d, %s_tss_mask, &scan, 0);", t->size,
              t->size, n);
    emit_line(em, "        if (nslots)");
    emit_line(em, "            bpf_loop(nslots < %d ? nslots : %d, %s_scan_slot, &scan, 0);",
              t->size + 1, t->size + 1, n);
    emit_line(em, "        if (*(volatile u32 *)&tss->gen == gen)");
    emit_line(em, "            break;");
    emit_line(em, "    }");
    emit_line(em, "}");
    emit_line(em, "if (scan.found)");
    emit_line(em, "    value = %s;",
              t->direct_counter || t->direct_meter ? "scan.entry" : "&scan.action");
}

/* The C lvalue of an apply's key. An lpm key {u32 prefixlen; u8 data[]}
 * sits 4 bytes into an 8-aligned box, so that its data is 8-aligned and
 * clang stores 64-bit pieces whole (an IPv6 address: 2 stores, not 4). */
static const char *key_lvalue(const IrTable *t)
{
    return t->kind == TABLE_LPM ? "key_box.k" : "key";
}

/* `value` = the entry KEY matches in T's maps, or NULL. */
static void emit_lookup(Emitter *em, IrTable *t)
{
    if (t->kind == TABLE_TERNARY)
        emit_ternary_lookup(em, t);
    else if (t->kind == TABLE_ARRAY)
        emit_line(em, "value = bpf_map_lookup_elem(&%s, &key.index);", t->c_name);
    else
        emit_line(em, "value = bpf_map_lookup_elem(&%s, &%s);", t->c_name, key_lvalue(t));
}

/* The lookup through T's cache (@p4cc_cache; docs/RUNTIME.md, "Lookup
 * cache"): a per-CPU array of results, one slot per key hash, each stamped
 * with the table's version + 1 as read before the lookup that filled it.
 * The control plane bumps the version after every change to the entries,
 * so a result older than a change no longer matches and the lookup runs
 * again. Per CPU, only this CPU's program writes a slot, and programs do
 * not overlap on one CPU: no slot is read while it is rewritten. */
static void emit_cached_lookup(Emitter *em, IrTable *t)
{
    const char *n = t->c_name;
    emit_line(em, "u32 cache_zero = 0;");
    emit_line(em, "u32 *cache_version = bpf_map_lookup_elem(&%s_cache_version, &cache_zero);", n);
    emit_line(em, "u32 cache_stamp = cache_version ? *(volatile u32 *)cache_version + 1 : 0;");
    const char *key = key_lvalue(t);
    emit_line(em, "u32 cache_slot = %s_key_hash(&%s) & %d;", n, key, table_cache_slots(t) - 1);
    emit_line(em, "struct %s_cached *cached = bpf_map_lookup_elem(&%s_cache, &cache_slot);", n, n);
    emit_line(em, "if (cached && cache_stamp && cached->stamp == cache_stamp && "
                  "%s_key_eq(cached->key, &%s)) {", n, key);
    emit_line(em, "    value = cached->found ? &cached->action : NULL;");
    emit_line(em, "} else {");
    em->indent++;
    emit_lookup(em, t);
    emit_line(em, "if (cached && cache_stamp) {");
    emit_line(em, "    cached->stamp = cache_stamp;");
    emit_line(em, "    __builtin_memcpy(cached->key, &%s, sizeof(%s));", key, key);
    emit_line(em, "    cached->found = value != NULL;");
    emit_line(em, "    if (value)");
    emit_line(em, "        cached->action = *value;");
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* On a miss: `value` and `action_id` from the default-action map, where
 * the control plane may have set the default (NULL and 0: the compiled-in
 * one runs). */
static void emit_default_lookup(Emitter *em, const IrTable *t)
{
    emit_line(em, "value = &%s_default;", t->c_name);
    emit_line(em, "action_id = value->action;");
    emit_line(em, "if (action_id == 0)");
    emit_line(em, "    value = NULL;");
}

/* `value` (or NULL: the compiled-in default action) runs. */
static void emit_default_or_dispatch(Emitter *em, IrTable *t, const Node *sw)
{
    emit_line(em, "if (value) {");
    em->indent++;
    emit_dispatch(em, t, sw, false);
    em->indent--;
    emit_line(em, "} else {");
    em->indent++;
    if (t->default_action)
        emit_fixed_action(em, t, t->default_action, t->default_call, sw);
    else {
        emit_line(em, "%s_action_run = 0;", t->c_name);
        emit_trace_table(em, t, arena_printf(em->arena, "%s_hit", t->c_name), "0");
        emit_action_and_arm(em, sw, NULL, NULL, NULL);
    }
    em->indent--;
    emit_line(em, "}");
}

/* The actions-list entry of A in T: its bound (directional) arguments. */
static const Node *action_ref(const IrTable *t, const IrAction *a)
{
    for (int i = 0; i < t->nactions; i++)
        if (t->actions[i].action == a)
            return t->actions[i].ref;
    return NULL;
}

/* Whether every const entry's action data is scalars of at most 64 bits,
 * which entry_scalars can hold. */
static bool entries_fit_values(const IrTable *t)
{
    for (int e = 0; e < t->nentries; e++) {
        const IrAction *a = t->entries[e].action;
        const Node *ref = action_ref(t, a);
        const Type *at = a->decl->ty;
        for (int p = ref ? ref->args.len : 0; at && p < at->nparams; p++) {
            const Type *pt = at->params[p].type;
            if (!pt || !(pt->kind == T_BOOL || (pt->kind == T_BITS && pt->width <= 64)))
                return false;
        }
    }
    return true;
}

/* Whether a const entry of T runs A. */
static bool entries_use(const IrTable *t, const IrAction *a)
{
    for (int e = 0; e < t->nentries; e++)
        if (t->entries[e].action == a)
            return true;
    return false;
}

/* The scalar holding parameter P of action A for the matching const entry. */
static const char *entry_arg(Emitter *em, const IrAction *a, const Param *p)
{
    return arena_printf(em->arena, "entry_%s_%s", a->c_name, c_ident(em, p->name));
}

/* An else-if chain nests one level deeper in C for every entry, and
 * clang's parser recurses on each level (it crashed on 16,000 entries):
 * after every ENTRY_CHAIN entries the chain starts again, inside a test
 * that no earlier entry matched (NONE_MATCHED). Shorter chains are one. */
enum { ENTRY_CHAIN = 64 };

static void entry_chain_if(Emitter *em, int e, const char *none_matched, const char *cond)
{
    if (e && e % ENTRY_CHAIN == 0) {
        if (e > ENTRY_CHAIN) {
            em->indent--;
            emit_line(em, "}");
        }
        emit_line(em, "if (%s) {", none_matched);
        em->indent++;
    }
    emit_line(em, "%sif (%s) {", e % ENTRY_CHAIN ? "else " : "", cond);
}

static void entry_chain_end(Emitter *em, int nentries)
{
    if (nentries > ENTRY_CHAIN) {
        em->indent--;
        emit_line(em, "}");
    }
}

/* Const entries as an if-chain that sets `action_id` and the matching
 * entry's action data, in one scalar per action parameter: clang keeps
 * those in registers, where a value struct whose address the dispatch
 * reads through would live on the stack (a memset and a store and load
 * per field on every packet). */
static void entry_scalars(Emitter *em, IrTable *t)
{
    emit_line(em, "u32 action_id = 0;");
    for (int i = 0; i < t->nactions; i++) {
        const IrAction *a = t->actions[i].action;
        const Type *at = a->decl->ty;
        const Node *ref = t->actions[i].ref;
        if (!entries_use(t, a))
            continue;
        for (int p = ref ? ref->args.len : 0; at && p < at->nparams; p++)
            emit_line(em, "%s %s = 0;", c_type(em, at->params[p].type),
                      entry_arg(em, a, &at->params[p]));
    }
    for (int e = 0; e < t->nentries; e++) {
        IrEntry *en = &t->entries[e];
        const Node *ref = action_ref(t, en->action);
        const Type *at = en->action->decl->ty;
        NodeList *args = en->call && (en->call->kind == N_CALL || en->call->kind == N_ACTION_REF)
                             ? &en->call->args : NULL;
        entry_chain_if(em, e, "!action_id", entry_condition(em, t, en));
        em->indent++;
        emit_line(em, "action_id = %d;", en->action->id);
        for (int p = ref ? ref->args.len : 0; at && p < at->nparams; p++)
            if (args && p < args->len)
                emit_line(em, "%s = %s;", entry_arg(em, en->action, &at->params[p]),
                          emit_expr(em, args->items[p]->expr));
        em->indent--;
        emit_line(em, "}");
    }
    entry_chain_end(em, t->nentries);
}

/* Const entries whose action data entry_scalars cannot store (wide or
 * structured arguments): each entry runs its action inline, then the
 * default on a miss. */
static void entry_actions(Emitter *em, IrTable *t)
{
    const char *none_matched = arena_printf(em->arena, "!%s_hit", t->c_name);
    if (t->nentries > ENTRY_CHAIN)
        emit_line(em, "%s_hit = 0;", t->c_name);
    for (int e = 0; e < t->nentries; e++) {
        IrEntry *en = &t->entries[e];
        entry_chain_if(em, e, none_matched, entry_condition(em, t, en));
        emit_line(em, "    %s_hit = 1;", t->c_name);
        em->indent++;
        emit_fixed_action(em, t, en->action, en->call, NULL);
        em->indent--;
        emit_line(em, "}");
    }
    emit_line(em, "%sif (1) {", t->nentries ? "else " : "");
    em->indent++;
    emit_line(em, "%s_hit = 0;", t->c_name);
    emit_line(em, "u32 action_id = 0;");
    if (!t->default_is_const)   /* a const one: value stays NULL, the compiled-in default */
        emit_default_lookup(em, t);
    emit_default_or_dispatch(em, t, NULL);
    em->indent--;
    emit_line(em, "}");
    entry_chain_end(em, t->nentries);
}

/* Whether every action T can run (NoAction and the like) has an empty
 * body. */
static bool actions_are_no_ops(const IrTable *t)
{
    for (int i = 0; i < t->nactions; i++) {
        const Node *body = t->actions[i].action->decl->body;
        if (body && body->items.len)
            return false;
    }
    const Node *body = t->default_action ? t->default_action->decl->body : NULL;
    return !body || !body->items.len;
}

typedef struct ActionRunSearch {
    const Node *table;
    bool found;
} ActionRunSearch;

static bool find_action_run(Node *n, void *ctx)
{
    ActionRunSearch *s = ctx;
    if (n->kind == N_MEMBER && strcmp(n->name, "action_run") == 0 && n->expr->ty &&
        n->expr->ty->kind == T_APPLY_RESULT && n->expr->expr->ref == s->table)
        s->found = true;
    return !s->found;
}

/* Whether some control reads T's action_run (a switch on it). */
static bool action_run_read(Emitter *em, const IrTable *t)
{
    ActionRunSearch s = {t->decl, false};
    AstWalker w = {.pre = find_action_run, .ctx = &s};
    ast_walk(em->ir->control->decl, &w);
    for (int i = 0; i < em->ir->ninstances && !s.found; i++)
        ast_walk(em->ir->instances[i]->control, &w);
    return s.found;
}

/* A table of const entries: the matching entry's action runs from the
 * scalars entry_scalars set, a miss takes the default (the control
 * plane's, else the compiled-in one) as a table in a map does. The hit
 * dispatch repeats the code of the entries' actions, in exchange for
 * action data in registers. */
static void emit_entries_apply(Emitter *em, IrTable *t)
{
    entry_scalars(em, t);
    emit_line(em, "%s_hit = action_id != 0;", t->c_name);
    if (actions_are_no_ops(t) && !action_run_read(em, t)) {
        emit_trace_no_op(em, t, "action_id");
        return;   /* only hit/miss can matter */
    }
    const Node *sw = em->fused_switch;
    em->fused_switch = NULL;
    emit_line(em, "if (%s_hit) {", t->c_name);
    em->indent++;
    emit_dispatch(em, t, sw, true);
    em->indent--;
    emit_line(em, "} else {");
    em->indent++;
    if (!t->default_is_const)   /* a const one: value stays NULL, the compiled-in default */
        emit_default_lookup(em, t);
    emit_default_or_dispatch(em, t, sw);
    em->indent--;
    emit_line(em, "}");
}

/* A table without a key: its lookup table is always empty (spec "Keys"),
 * so an apply misses and runs the default action, the control plane's
 * when it set one and the default is not const. */
static void emit_keyless_apply(Emitter *em, IrTable *t)
{
    emit_line(em, "%s_hit = 0;", t->c_name);
    if (actions_are_no_ops(t) && !action_run_read(em, t)) {
        emit_trace_no_op(em, t, "0");
        return;   /* only hit/miss can matter */
    }
    const Node *sw = em->fused_switch;
    em->fused_switch = NULL;
    if (t->default_is_const && t->default_action) {
        emit_fixed_action(em, t, t->default_action, t->default_call, sw);
        return;
    }
    emit_line(em, "struct %s_value *value = NULL;", t->c_name);
    emit_line(em, "u32 action_id = 0;");
    emit_default_lookup(em, t);
    emit_default_or_dispatch(em, t, sw);
}

/* The C lvalue of variable V of the per-packet state. */
static const char *state_lvalue(Emitter *em, Node *v)
{
    Node n = {.kind = N_NAME, .loc = v->loc, .name = v->name, .ref = v, .ty = v->ty};
    return emit_lvalue(em, &n);
}

/* PNA's add-on-miss (IrTable.learn_action, midend/pass_pna.c): after a
 * miss whose default action called add_entry, the entry under the lookup
 * key, unless one is there already (another CPU's). */
static void emit_learn(Emitter *em, IrTable *t)
{
    const char *flag = state_lvalue(em, t->learn_flag);
    const IrAction *a = t->learn_action;
    emit_line(em, "if (!%s_hit && %s) {   /* add_entry */", t->c_name, flag);
    em->indent++;
    emit_line(em, "%s = 0;", flag);
    emit_line(em, "struct %s_value learned;", t->c_name);
    emit_line(em, "__builtin_memset(&learned, 0, sizeof(learned));");
    emit_line(em, "learned.action = %d;", a->id);
    const Type *at = a->decl->ty;
    for (int i = 0; at && i < at->nparams; i++)
        emit_line(em, "learned.u.%s.%s = %s;", a->c_name, c_ident(em, at->params[i].name),
                  state_lvalue(em, t->learn_params[i]));
    emit_line(em, "bpf_map_update_elem(&%s, &key, &learned, BPF_NOEXIST);", t->c_name);
    em->indent--;
    emit_line(em, "}");
}

void emit_table_apply(Emitter *em, IrTable *t)
{
    emit_line(em, "/* apply %s */", t->name);
    emit_line(em, "{");
    em->indent++;
    if (t->kind == TABLE_KEYLESS) {
        emit_keyless_apply(em, t);
        em->indent--;
        emit_line(em, "}");
        return;
    }
    emit_line(em, "struct %s_value *value = NULL;", t->c_name);
    /* Only this apply's default action may ask for an entry. */
    if (t->learn_action)
        emit_line(em, "%s = 0;", state_lvalue(em, t->learn_flag));
    bool keyed_in_code = table_entries_in_code(t);
    if (keyed_in_code) {
        for (int i = 0; i < t->nkeys; i++) {
            int w = t->keys[i].width;
            if (w > 64) {
                emit_line(em, "u8 k%d[%d];", i, (w + 7) / 8);
                emit_wide_assign(em, arena_printf(em->arena, "k%d", i), t->keys[i].expr, w);
            } else {
                emit_line(em, "u64 k%d = %s;", i, key_value_expr(em, &t->keys[i]));
            }
        }
    } else {
        if (t->kind == TABLE_LPM)
            emit_line(em, "struct { u32 align_; struct %s_key k; } __attribute__((aligned(8))) "
                          "key_box;", t->c_name);
        else
            emit_line(em, "struct %s_key key;", t->c_name);
        emit_line(em, "__builtin_memset(&%s, 0, sizeof(%s));", key_lvalue(t), key_lvalue(t));
    }
    if (keyed_in_code) {
        /* Keys of const entries are compared in code, below. */
    } else if (t->kind == TABLE_LPM) {
        int off = 0, bits = 0;
        for (int i = 0; i < t->nkeys; i++) {
            int bytes = (t->keys[i].width + 7) / 8;
            if (t->keys[i].width > 64) {
                emit_wide_assign(em, arena_printf(em->arena, "%s.data + %d", key_lvalue(t), off),
                                 t->keys[i].expr, t->keys[i].width);
                off += bytes;
                bits += bytes * 8;
                continue;
            }
            const char *v = key_value_expr(em, &t->keys[i]);
            /* Big-endian, as the trie compares prefixes: one store of the
             * byte-swapped value, where clang cancels the swap the parser
             * made (an IPv4 address goes from packet to key unchanged). */
            static const char *const swap[9] = {[2] = "bpf_htons((u16)", [4] = "bpf_htonl((u32)",
                                                [8] = "__builtin_bswap64((u64)"};
            if (swap[bytes]) {
                emit_line(em, "{");
                emit_line(em, "    u%d kv = %s(%s));", bytes * 8, swap[bytes], v);
                emit_line(em, "    __builtin_memcpy(%s.data + %d, &kv, %d);", key_lvalue(t), off,
                          bytes);
                emit_line(em, "}");
            } else {
                for (int b = 0; b < bytes; b++)
                    emit_line(em, "%s.data[%d] = (u8)((u64)(%s) >> %d);", key_lvalue(t), off + b, v,
                              8 * (bytes - 1 - b));
            }
            off += bytes;
            bits += bytes * 8;
        }
        emit_line(em, "%s.prefixlen = %d;", key_lvalue(t), bits);
    } else if (t->kind == TABLE_ARRAY) {
        emit_line(em, "key.index = %s;", key_value_expr(em, &t->keys[0]));
    } else {
        for (int i = 0; i < t->nkeys; i++) {
            if (t->keys[i].width > 64)
                emit_wide_assign(em, arena_printf(em->arena, "key.field%d", i), t->keys[i].expr,
                                 t->keys[i].width);
            else
                emit_line(em, "key.field%d = %s;", i, key_value_expr(em, &t->keys[i]));
        }
    }
    if (keyed_in_code && !entries_fit_values(t)) {
        entry_actions(em, t);
    } else if (keyed_in_code) {
        emit_entries_apply(em, t);
    } else {
        if (t->cache_size)
            emit_cached_lookup(em, t);
        else
            emit_lookup(em, t);
        /* Direct resources live in the entry, not in the member it names. */
        const char *entry = "value";
        if (t->implementation) {
            if (t->direct_counter || t->direct_meter) {
                emit_line(em, "struct %s_value *entry = value;", t->c_name);
                entry = "entry";
            }
            emit_member_lookup(em, t);
        }
        /* The action id read once: the dispatch then switches on a
         * value, not on a reload through the pointer both lookups set. */
        emit_line(em, "u32 action_id = value ? value->action : 0;");
        emit_line(em, "%s_hit = action_id != 0;", t->c_name);
        if (t->direct_counter)
            emit_direct_count(em, t, entry);
        if (t->direct_meter)
            emit_direct_meter(em, t, entry);
        if (actions_are_no_ops(t) && !action_run_read(em, t)) {
            /* Only hit/miss can matter: no default or action to look up. */
            emit_trace_no_op(em, t, "action_id");
            em->indent--;
            emit_line(em, "}");
            return;
        }
        /* A miss takes the control plane's default, else the compiled-in
         * one: one dispatch for hits and defaults keeps the actions'
         * inlined code once in the program, not twice. A const default
         * cannot change: it runs without a look at the map. */
        if (t->default_is_const) {
            emit_line(em, "if (!%s_hit)", t->c_name);
            emit_line(em, "    value = NULL;");
        } else {
            emit_line(em, "if (!%s_hit) {", t->c_name);
            em->indent++;
            emit_default_lookup(em, t);
            em->indent--;
            emit_line(em, "}");
        }
        /* A switch on action_run waiting for this apply: its arms run in
         * the dispatch, after their actions. */
        const Node *sw = em->fused_switch;
        em->fused_switch = NULL;
        emit_default_or_dispatch(em, t, sw);
        if (t->learn_action)
            emit_learn(em, t);
    }
    em->indent--;
    emit_line(em, "}");
}

/* ---- initial (non-const) entries ---- */

/* The prefix length a mask of WIDTH bits (BYTES, right-aligned) gives:
 * its leading ones (sema checked the rest are zeros). */
static int prefix_length(const unsigned char *mask, int width)
{
    int n = (width + 7) / 8, pad = n * 8 - width, len = 0;
    for (int bit = pad; bit < n * 8 && (mask[bit / 8] >> (7 - bit % 8)) & 1; bit++)
        len++;
    return len;
}

/* Sets a wide field, DST, to entry component E: as bytes. */
static void emit_wide_entry_field(Emitter *em, const char *dst, Node *e, int width)
{
    emit_line(em, "__builtin_memcpy(%s, %s, %d);", dst, entry_array(em, e, width),
              (width + 7) / 8);
}

/* An all-ones mask for field I of WIDTH bits into MASK. */
static void emit_full_mask(Emitter *em, const char *mask, int i, int width)
{
    if (width > 64)
        emit_line(em, "__builtin_memset(%s.field%d, 0xff, %d);%s", mask, i, (width + 7) / 8,
                  width % 8 ? arena_printf(em->arena, " %s.field%d[0] = 0x%x;", mask, i,
                                           (1u << (width % 8)) - 1) : "");
    else
        emit_line(em, "%s.field%d = 0x%llxULL;", mask, i,
                  width >= 64 ? ~0ULL : (1ULL << width) - 1);
}

/* Sets the key (or, for ternary slots, value and mask) of one entry. */
static void emit_entry_key(Emitter *em, IrTable *t, IrEntry *en, const char *key,
                           const char *mask)
{
    int off = 0, bits = 0;
    for (int i = 0; i < t->nkeys; i++) {
        Node *k = ir_entry_key(t, en, i);
        const IrKey *ik = &t->keys[i];
        Node *value = k->kind == N_MASK || k->kind == N_RANGE ? k->lhs : k;
        bool any = k->kind == N_DEFAULT || k->kind == N_DONTCARE;
        if (t->kind == TABLE_LPM) {
            int bytes = (ik->width + 7) / 8;
            unsigned char v[WIDE_KEY_MAX_BYTES] = {0}, m[WIDE_KEY_MAX_BYTES];
            if (!any && !entry_bytes(em, value, ik->width, v))
                return;
            for (int b = 0; b < bytes; b++)
                emit_line(em, "%s.data[%d] = %u;", key, off + b, v[b]);
            int plen = ik->match != MATCH_LPM ? bytes * 8
                     : any ? 0
                     : k->kind == N_MASK ? (entry_bytes(em, k->rhs, ik->width, m)
                                                ? prefix_length(m, ik->width) : 0)
                     : ik->width;
            bits += ik->match == MATCH_LPM ? plen + (bytes * 8 - ik->width) : bytes * 8;
            off += bytes;
            continue;
        }
        if (t->kind == TABLE_ARRAY) {
            emit_line(em, "%s.index = %s;", key, emit_expr(em, value));
            continue;
        }
        const char *field = arena_printf(em->arena, "%s.field%d", key, i);
        bool wide = ik->width > 64;
        if (wide && !any)
            emit_wide_entry_field(em, field, value, ik->width);
        else if (!wide)
            emit_line(em, "%s = %s;", field, any ? "0" : emit_expr(em, value));
        if (!mask)
            continue;
        const char *mfield = arena_printf(em->arena, "%s.field%d", mask, i);
        if (k->kind == N_MASK || k->kind == N_RANGE) {
            if (wide)
                emit_wide_entry_field(em, mfield, k->rhs, ik->width);
            else
                emit_line(em, "%s = %s;", mfield, emit_expr(em, k->rhs));
        } else if (!any && ik->match == MATCH_RANGE) {
            if (wide)
                emit_wide_entry_field(em, mfield, value, ik->width);
            else
                emit_line(em, "%s = %s;", mfield, emit_expr(em, value));
        } else if (!any || ik->match == MATCH_RANGE) {
            /* A value: all bits matter; `_` of a range: 0 to the largest. */
            emit_full_mask(em, mask, i, ik->width);
        }
    }
    if (t->kind == TABLE_LPM)
        emit_line(em, "%s.prefixlen = %d;", key, bits);
}

static void emit_entry_value(Emitter *em, IrEntry *en, const char *value)
{
    emit_line(em, "%s.action = %d;", value, en->action->id);
    const Type *at = en->action->decl->ty;
    NodeList *args = &en->call->args;
    for (int p = 0; at && p < at->nparams && p < args->len; p++)
        emit_line(em, "%s.u.%s.%s = %s;", value, en->action->c_name, c_ident(em, at->params[p].name),
                  emit_expr(em, args->items[p]->expr));
}

/* Initial entries (`entries = {...}` without const) must be in the tables
 * the moment the program is loaded, with no control plane: the program
 * inserts them itself the first time it runs (BPF_NOEXIST, so entries the
 * control plane added before are kept). */
void emit_table_init(Emitter *em)
{
    bool any = false;
    for (int i = 0; i < em->ir->ntables; i++)
        any = any || (em->ir->tables[i]->nentries && !table_entries_in_code(em->ir->tables[i]));
    if (!any)
        return;
    fputs("struct {\n    __uint(type, BPF_MAP_TYPE_ARRAY);\n    __type(key, u32);\n"
          "    __type(value, u32);\n    __uint(max_entries, 1);\n} p4cc_init SEC(\".maps\");\n\n"
          "static __always_inline void p4cc_insert_initial_entries(void)\n{\n", em->out);
    em->indent = 1;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "u32 *done = bpf_map_lookup_elem(&p4cc_init, &zero);");
    emit_line(em, "if (!done || *done)");
    emit_line(em, "    return;");
    emit_line(em, "*done = 1;");
    for (int i = 0; i < em->ir->ntables; i++) {
        IrTable *t = em->ir->tables[i];
        if (!t->nentries || table_entries_in_code(t))
            continue;
        for (int e = 0; e < t->nentries; e++) {
            IrEntry *en = &t->entries[e];
            emit_line_directive(em, en->keyset);
            emit_line(em, "{");
            em->indent++;
            if (t->kind == TABLE_TERNARY) {
                emit_line(em, "struct %s_slot slot;", t->c_name);
                emit_line(em, "__builtin_memset(&slot, 0, sizeof(slot));");
                emit_line(em, "slot.in_use = 1;");
                /* midend/entries.c ranked them (spec "Entry priorities"). */
                emit_line(em, "slot.priority = %llu;", en->rank);
                emit_entry_key(em, t, en, "slot.value", "slot.mask");
                emit_entry_value(em, en, "slot.action");
                /* Appended to the linear stage, after the entries the
                 * control plane may have added first. */
                emit_line(em, "struct p4cc_tss_header *tss = bpf_map_lookup_elem(&%s_tss, &zero);",
                          t->c_name);
                emit_line(em, "if (tss && tss->nslots < %d) {", t->size);
                emit_line(em, "    u32 index = tss->nslots;");
                emit_line(em, "    if (!bpf_map_update_elem(&%s_slots, &index, &slot, BPF_ANY))",
                          t->c_name);
                emit_line(em, "        tss->nslots = index + 1;");
                emit_line(em, "}");
            } else {
                emit_line(em, "struct %s_key key;", t->c_name);
                emit_line(em, "__builtin_memset(&key, 0, sizeof(key));");
                emit_line(em, "struct %s_value value;", t->c_name);
                emit_line(em, "__builtin_memset(&value, 0, sizeof(value));");
                emit_entry_key(em, t, en, "key", NULL);
                emit_entry_value(em, en, "value");
                emit_line(em, "bpf_map_update_elem(&%s, %s, &value, BPF_NOEXIST);", t->c_name,
                          t->kind == TABLE_ARRAY ? "&key.index" : "&key");
            }
            em->indent--;
            emit_line(em, "}");
        }
    }
    em->indent = 0;
    fputs("}\n\n", em->out);
    em->has_initial_entries = true;
}
