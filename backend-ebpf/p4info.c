/* prog.p4info.json: the control-plane surface of a compiled program, in the
 * format docs/RUNTIME.md describes. */
#include "emit.h"

#include <string.h>

#include "constvalue.h"
#include "p4cc/digest.h"

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Names a tool may use for the same object: the last part of the dotted
 * name, and the spelling p4c-ebpf gives it in C (dots as underscores). */
static void json_aliases(FILE *out, Arena *arena, const char *name, const char *extra)
{
    fputs("\"aliases\": [", out);
    const char *dot = strrchr(name, '.');
    bool first = true;
    if (dot) {
        json_string(out, dot + 1);
        first = false;
    }
    char *underscored = arena_strdup(arena, name);
    for (char *p = underscored; *p; p++)
        if (*p == '.')
            *p = '_';
    if (strcmp(underscored, name) != 0) {
        fputs(first ? "" : ", ", out);
        json_string(out, underscored);
        first = false;
    }
    if (extra && strcmp(extra, underscored) != 0) {
        fputs(first ? "" : ", ", out);
        json_string(out, extra);
    }
    fputs("]", out);
}

static void write_action(FILE *out, const IrProgram *ir, const P4Ids *ids, const IrAction *a)
{
    fprintf(out, "        { \"id\": %u, \"code\": %d, \"name\": ", p4ids_action(ids, ir, a), a->id);
    json_string(out, a->name);
    fputs(", ", out);
    json_aliases(out, ir->arena, a->name, a->c_name);
    fputs(", \"params\": [", out);
    /* Action data only: directional parameters are bound in the actions
     * list, not by the control plane. */
    ActionDataField *fields;
    int n = action_data_fields(ir->arena, a, &fields);
    for (int f = 0; f < n; f++) {
        fprintf(out, "%s\n          { \"name\": ", f ? "," : "");
        json_string(out, fields[f].name);
        fprintf(out, ", \"width\": %d, \"offset\": %d, \"size\": %d, \"byte_order\": \"%s\" }",
                fields[f].width, fields[f].offset, fields[f].size,
                fields[f].network_order ? "network" : "host");
    }
    fputs(n ? " ] }" : "] }", out);
}

static void write_table(FILE *out, const IrProgram *ir, const P4Ids *ids, const IrTable *t,
                        uint32_t id)
{
    fprintf(out, "    {\n      \"id\": %u,\n      \"name\": ", id);
    json_string(out, t->name);
    fputs(",\n      ", out);
    json_aliases(out, ir->arena, t->name, NULL);
    /* A table without a key has no entries, so no map: only its default. */
    if (t->kind != TABLE_KEYLESS)
        fprintf(out, ",\n      \"map\": \"%s\"", t->c_name);
    fprintf(out, ",\n      \"default_map\": \".data.%s_default\",\n", t->c_name);
    fprintf(out, "      \"kind\": \"%s\",\n      \"size\": %d,\n", ir_table_kind_name(t->kind), t->size);
    FieldLayout *keys = arena_alloc(ir->arena, sizeof *keys * (size_t)(t->nkeys + 1));
    int key_size = 0;
    table_key_layout(t, keys, &key_size);
    fprintf(out, "      \"key_size\": %d,\n      \"keys\": [", key_size);
    for (int k = 0; k < t->nkeys; k++) {
        fprintf(out, "%s\n        { \"name\": ", k ? "," : "");
        json_string(out, t->keys[k].name);
        fprintf(out, ", \"aliases\": [\"key.field%d\"", k);
        const char *dot = strrchr(t->keys[k].name, '.');
        if (dot) {
            fputs(", ", out);
            json_string(out, dot + 1);
        }
        fprintf(out, "], \"match\": \"%s\", \"width\": %d, \"offset\": %d, \"size\": %d, "
                     "\"byte_order\": \"%s\" }",
                ir_match_kind_name(t->keys[k].match), t->keys[k].width, keys[k].offset, keys[k].size,
                keys[k].network_order ? "network" : "host");
    }
    fputs(t->nkeys ? "\n      ],\n" : "],\n", out);
    int value_size = table_value_size(t);
    fprintf(out, "      \"value_size\": %d,\n", value_size);
    if (t->kind == TABLE_TERNARY) {
        int key_align = 1;
        for (int k = 0; k < t->nkeys; k++)
            if (!keys[k].network_order && keys[k].size > key_align)
                key_align = keys[k].size;
        int value_align = table_value_align(t);
        int value_off = (8 + key_align - 1) / key_align * key_align;
        int mask_off = value_off + key_size;
        int action_off = (mask_off + key_size + value_align - 1) / value_align * value_align;
        int slot_align = key_align > value_align ? key_align : value_align;
        int slot_size = (action_off + value_size + slot_align - 1) / slot_align * slot_align;
        fprintf(out, "      \"slot_size\": %d,\n      \"slot_value_offset\": %d,\n"
                     "      \"slot_mask_offset\": %d,\n      \"slot_action_offset\": %d,\n",
                slot_size, value_off, mask_off, action_off);
        /* Tuple-space search: hash key {u32 mask_id; u32 pad; key} and
         * value {u32 priority; u32 pad; value}, mask records {u32 priority,
         * id, refs, pad; key} (docs/RUNTIME.md, "Ternary tables"). */
        int rec_align = key_align > 4 ? key_align : 4;
        int tkey_size = (8 + key_size + rec_align - 1) / rec_align * rec_align;
        int mask_size = (16 + key_size + rec_align - 1) / rec_align * rec_align;
        fprintf(out, "      \"masks_map\": \"%s_masks\",\n      \"slots_map\": \"%s_slots\",\n"
                     "      \"header_map\": \"%s_tss\",\n      \"tss_key_size\": %d,\n"
                     "      \"tss_value_size\": %d,\n      \"mask_size\": %d,\n",
                t->c_name, t->c_name, t->c_name, tkey_size, 8 + value_size, mask_size);
    }
    if (t->cache_size)
        /* The control plane bumps the version after changing entries
         * (docs/RUNTIME.md, "Lookup cache"). */
        fprintf(out, "      \"cache_map\": \"%s_cache\",\n"
                     "      \"cache_version_map\": \"%s_cache_version\",\n"
                     "      \"cache_size\": %d,\n",
                t->c_name, t->c_name, table_cache_slots(t));
    fputs("      \"actions\": [\n", out);
    for (int a = 0; a < t->nactions; a++) {
        write_action(out, ir, ids, t->actions[a].action);
        fputs(a + 1 < t->nactions ? ",\n" : "\n", out);
    }
    fputs("      ],\n      \"default_action\": ", out);
    if (t->default_action)
        fprintf(out, "{ \"id\": %u, \"code\": %d, \"const\": %s }",
                p4ids_action(ids, ir, t->default_action), t->default_action->id,
                t->default_is_const ? "true" : "false");
    else
        fputs("null", out);
    fprintf(out, ",\n      \"const_entries\": %s", t->entries_const ? "true" : "false");
    if (t->implementation) {
        fputs(",\n      \"implementation\": ", out);
        json_string(out, t->implementation->name);
    }
    fputs("\n    }", out);
}

/* A struct element's fields, packed into one value, the first most
 * significant (value sets, registers); nothing for a bit<W> element. */
static void write_packed_fields(FILE *out, const IrValueSetField *fields, int n)
{
    if (!n)
        return;
    fputs(", \"fields\": [", out);
    for (int f = 0; f < n; f++) {
        fputs(f ? ", { \"name\": " : " { \"name\": ", out);
        json_string(out, fields[f].name);
        fprintf(out, ", \"width\": %d", fields[f].width);
        if (fields[f].match)
            fprintf(out, ", \"match\": \"%s\"", fields[f].match);
        fputs(" }", out);
    }
    fputs(" ]", out);
}

static void write_registers(FILE *out, const IrProgram *ir, const P4Ids *ids)
{
    int n = 0;
    fputs("  \"registers\": [\n", out);
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        if (x->kind != EXTERN_REGISTER)
            continue;
        fprintf(out, "%s    { \"id\": %u, \"name\": ", n++ ? ",\n" : "", ids->externs[i]);
        json_string(out, x->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, x->name, NULL);
        bool wide = x->width > 64;
        fprintf(out, ", \"map\": \"%s\", \"size\": %ld, \"width\": %d, \"value_size\": %d, "
                     "\"initial_value\": %llu",
                x->c_name, x->size, x->width,
                wide ? bytes_of_bits(x->width) : c_container_bits(x->width) / 8, x->initial);
        if (wide)   /* a byte array, the value right-aligned */
            fputs(", \"byte_order\": \"network\"", out);
        write_packed_fields(out, x->fields, x->nfields);
        fputs(" }", out);
    }
    fputs(n ? "\n  ],\n" : "  ],\n", out);
}

static const char *unit_name(IrUnit unit)
{
    return unit == UNIT_BYTES ? "bytes" : unit == UNIT_PACKETS ? "packets" : "packets_and_bytes";
}

static uint32_t table_id(const IrProgram *ir, const P4Ids *ids, const IrTable *t)
{
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i] == t)
            return ids->tables[i];
    return 0;
}

/* v1model's direct counters and meters (KIND), each inside the value of
 * its table's entries; and its meters: only when the program has them. */
static void write_direct(FILE *out, const IrProgram *ir, const P4Ids *ids, IrExternKind kind)
{
    int n = 0;
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        if (x->kind != kind || !x->table)
            continue;
        int counter_offset, meter_offset;
        table_direct_layout(x->table, &counter_offset, &meter_offset);
        fprintf(out, "%s    { \"id\": %u, \"name\": ",
                n++ ? ",\n" : kind == EXTERN_DIRECT_COUNTER ? "  \"direct_counters\": [\n"
                                                          : "  \"direct_meters\": [\n", ids->externs[i]);
        json_string(out, x->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, x->name, NULL);
        fputs(", \"table\": ", out);
        json_string(out, x->table->name);
        fprintf(out, ", \"table_id\": %u, \"unit\": \"%s\", \"offset\": %d, \"size\": %d }",
                table_id(ir, ids, x->table), unit_name(x->unit),
                kind == EXTERN_DIRECT_COUNTER ? counter_offset : meter_offset,
                kind == EXTERN_DIRECT_COUNTER ? 16 : 64);
    }
    if (n)
        fputs("\n  ],\n", out);
}

static void write_meters(FILE *out, const IrProgram *ir, const P4Ids *ids)
{
    int n = 0;
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        if (x->kind != EXTERN_METER)
            continue;
        fprintf(out, "%s    { \"id\": %u, \"name\": ", n++ ? ",\n" : "  \"meters\": [\n",
                ids->externs[i]);
        json_string(out, x->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, x->name, NULL);
        fprintf(out, ", \"map\": \"%s\", \"size\": %ld, \"unit\": \"%s\", \"value_size\": 64 }",
                x->c_name, x->size, unit_name(x->unit));
    }
    if (n)
        fputs("\n  ],\n", out);
}

/* v1model's action profiles and selectors, when the program has them. */
static void write_action_profiles(FILE *out, const IrProgram *ir, const P4Ids *ids)
{
    int n = 0;
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        if ((x->kind != EXTERN_ACTION_PROFILE && x->kind != EXTERN_ACTION_SELECTOR) || !x->ntables)
            continue;
        fprintf(out, "%s    { \"id\": %u, \"name\": ", n++ ? ",\n" : "  \"action_profiles\": [\n",
                ids->externs[i]);
        json_string(out, x->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, x->name, NULL);
        fputs(", \"tables\": [", out);
        for (int t = 0; t < x->ntables; t++) {
            fputs(t ? ", " : "", out);
            json_string(out, x->tables[t]->name);
        }
        fprintf(out, "],\n      \"map\": \"%s_members\", \"size\": %ld, \"value_size\": %d",
                x->c_name, x->size, table_value_size(x->tables[0]));
        if (x->kind == EXTERN_ACTION_SELECTOR) {
            const IrTable *t = x->tables[0];
            fprintf(out, ",\n      \"groups_map\": \"%s_groups\", \"max_group_size\": %d, "
                         "\"selector\": { \"algorithm\": ", x->c_name, x->max_group_size);
            json_string(out, t->selector_hash ? t->selector_hash->text : "?");
            fputs(", \"fields\": [", out);
            for (int k = 0; k < t->nselector_keys; k++) {
                fputs(k ? ", " : "", out);
                json_string(out, t->selector_keys[k].name);
            }
            fputs("] }", out);
        }
        fputs(" }", out);
    }
    if (n)
        fputs("\n  ],\n", out);
}

static const char *const digest_kinds[] = {
    [DIGEST_BITS] = "bits", [DIGEST_BOOL] = "bool", [DIGEST_ENUM] = "enum",
    [DIGEST_SERENUM] = "serializable_enum", [DIGEST_ERROR] = "error"};

/* An enum's or error's members with their codes, as the program has them. */
static void write_members(FILE *out, const IrProgram *ir, const IrDigestField *f)
{
    fputs(", \"members\": [", out);
    if (f->kind == DIGEST_ERROR) {
        for (int i = 0; i < ir->errors.len; i++) {
            fputs(i ? ", { \"name\": " : "{ \"name\": ", out);
            json_string(out, ir->errors.items[i]->name);
            fprintf(out, ", \"value\": %d }", i);
        }
    } else {
        const Node *decl = f->type->decl;
        for (int i = 0; decl && i < decl->items.len; i++) {
            const Node *m = decl->items.items[i];
            fputs(i ? ", { \"name\": " : "{ \"name\": ", out);
            json_string(out, m->name);
            if (m->expr && m->expr->value && m->expr->value->kind == CV_INT)
                fprintf(out, ", \"value\": %s }", m->expr->value->digits);
            else
                fprintf(out, ", \"value\": %d }", i);
        }
    }
    fputs("]", out);
}

/* v1model's digests (docs/RUNTIME.md, "Digests"), when the program sends
 * some. */
static void write_digests(FILE *out, const IrProgram *ir, const P4Ids *ids)
{
    if (!ir->ndigests)
        return;
    fputs("  \"digests\": [\n", out);
    for (int i = 0; i < ir->ndigests; i++) {
        const IrDigest *d = ir->digests[i];
        FieldLayout *l = arena_alloc(ir->arena, sizeof *l * (size_t)(d->nfields + 1));
        int size = digest_layout(d, l, NULL);
        fprintf(out, "    { \"id\": %u, \"name\": ", ids->digests[i]);
        json_string(out, d->name);
        fprintf(out, ", \"map\": \"p4cc_digest_%s\", \"ring_size\": %d,\n      \"lost_map\": "
                     "\"p4cc_digest_lost\", \"lost_index\": %d, \"size\": %d, \"fields\": [",
                d->c_name, P4CC_DIGEST_RING_BYTES, d->index, size);
        for (int f = 0; f < d->nfields; f++) {
            const IrDigestField *df = &d->fields[f];
            fprintf(out, "%s\n        { \"name\": ", f ? "," : "");
            json_string(out, df->name);
            fprintf(out, ", \"width\": %d, \"offset\": %d, \"size\": %d, \"byte_order\": "
                         "\"%s\", \"type\": \"%s\"", df->width, l[f].offset, l[f].size,
                    l[f].network_order ? "network" : "host", digest_kinds[df->kind]);
            if (df->is_signed)
                fputs(", \"signed\": true", out);
            if (df->kind == DIGEST_ENUM || df->kind == DIGEST_SERENUM || df->kind == DIGEST_ERROR) {
                fputs(", \"type_name\": ", out);
                json_string(out, df->kind == DIGEST_ERROR ? "error" : df->type->name);
                write_members(out, ir, df);
            }
            fputs(" }", out);
        }
        fprintf(out, " ] }%s\n", i + 1 < ir->ndigests ? "," : "");
    }
    fputs("  ],\n", out);
}

bool write_p4info(IrProgram *ir, const P4Ids *idp, FILE *out, const char *object_name,
                  bool trace)
{
    const P4Ids ids = *idp;
    fputs("{\n  \"p4info_version\": 1,\n  \"program\": ", out);
    json_string(out, ir->name);
    fprintf(out, ",\n  \"arch\": \"%s\",\n  \"object\": ", ir_arch_name(ir->arch));
    json_string(out, object_name);
    fputs(",\n  \"maps\": { \"ports\": \"p4cc_ports\", \"tx\": \"p4cc_tx\", \"out\": \"p4cc_out\" },\n",
          out);
    /* v1model's copies (docs/RUNTIME.md, "Traffic manager: copies"). */
    if (ir_v1model_multicasts(ir))
        fputs("  \"multicast\": { \"groups_map\": \"p4cc_mcast\", \"rids_map\": \"p4cc_mcast_rid\", "
              "\"egress_program\": \"p4cc_egress\" },\n", out);
    /* Clone sessions (docs/RUNTIME.md, "Clone sessions"). */
    if (ir_v1model_clones(ir))
        fprintf(out, "  \"clone\": { \"sessions_map\": \"p4cc_clone_sessions\", \"copies_map\": "
                     "\"p4cc_clones\", %s\"lost_map\": \"p4cc_clone_lost\", \"clone_program\": "
                     "\"p4cc_clone\", \"original_program\": \"p4cc_clone_orig\" },\n",
                ir_v1model_multicasts(ir) ? "\"group_copies_map\": \"p4cc_clones_mc\", " : "");
    fputs("  \"tables\": [\n", out);
    for (int i = 0; i < ir->ntables; i++) {
        write_table(out, ir, &ids, ir->tables[i], ids.tables[i]);
        fputs(i + 1 < ir->ntables ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"counters\": [\n", out);
    int n = 0;
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        if (x->kind != EXTERN_COUNTER_ARRAY && x->kind != EXTERN_COUNTER)
            continue;
        fprintf(out, "%s    { \"id\": %u, \"name\": ", n++ ? ",\n" : "", ids.externs[i]);
        json_string(out, x->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, x->name, NULL);
        /* "value": what a cell holds, per CPU: a u64 of packets, or
         * struct p4cc_counter; "unit": what v1model's CounterType says. */
        fprintf(out, ", \"map\": \"%s\", \"kind\": \"%s\", \"size\": %ld, \"value\": \"%s\"",
                x->c_name, x->sparse ? "hash" : "array", x->size,
                x->kind == EXTERN_COUNTER ? "packets_and_bytes" : "packets");
        if (x->kind == EXTERN_COUNTER)
            fprintf(out, ", \"unit\": \"%s\", \"value_size\": 16", unit_name(x->unit));
        fputs(" }", out);
    }
    fputs(n ? "\n  ],\n" : "  ],\n", out);
    write_direct(out, ir, &ids, EXTERN_DIRECT_COUNTER);
    write_meters(out, ir, &ids);
    write_direct(out, ir, &ids, EXTERN_DIRECT_METER);
    write_action_profiles(out, ir, &ids);
    write_registers(out, ir, &ids);
    write_digests(out, ir, &ids);
    fputs("  \"value_sets\": [\n", out);
    for (int i = 0; i < ir->nvalue_sets; i++) {
        const IrValueSet *vs = ir->value_sets[i];
        fprintf(out, "    { \"id\": %u, \"name\": ", ids.value_sets[i]);
        json_string(out, vs->name);
        fputs(", ", out);
        json_aliases(out, ir->arena, vs->name, NULL);
        /* Slots: an ARRAY by u32 index; wide: the packed element's bytes. */
        bool wide = !vs->slots && vs->width > 64;
        fprintf(out, ", \"map\": \"%s\", \"size\": %d, \"width\": %d, \"key_size\": %d, "
                     "\"byte_order\": \"%s\"", vs->c_name, vs->size, vs->width,
                vs->slots ? 4 : wide ? bytes_of_bits(vs->width) : c_container_bits(vs->width) / 8,
                wide ? "network" : "host");
        if (vs->slots)   /* struct VS_slot: u32 used, u32 pad, u64 a[F], u64 b[F] */
            fprintf(out, ", \"kind\": \"slots\", \"slot_size\": %d", 8 + 16 * vs->nfields);
        write_packed_fields(out, vs->fields, vs->nfields);
        fprintf(out, " }%s\n", i + 1 < ir->nvalue_sets ? "," : "");
    }
    fputs(trace ? "  ],\n" : "  ]\n", out);
    if (trace)
        write_trace_info(ir, out);
    fputs(trace ? "\n}\n" : "}\n", out);
    return true;
}
