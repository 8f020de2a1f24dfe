/* Counters (docs/RUNTIME.md, "Counters" and "v1model counters"):
 * ebpf_model's CounterArray (a u64 of packets per index), v1model's
 * counter (struct p4cc_counter per index) and direct_counter (a struct
 * p4cc_counter in each table entry's value). Indexed counters are per-CPU
 * arrays: a packet adds to its CPU's cell without an atomic operation,
 * and the control plane sums the CPUs. A direct counter lives in an entry
 * that every CPU shares, so it is added to atomically. */
#include "emit.h"

#include <string.h>

/* The length of the packet as it arrived: controls do not change it, only
 * the deparser does, after them. */
#define PACKET_BYTES "(u64)(ctx->data_end - ctx->data)"

void emit_counter_maps(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        const char *type = x->sparse ? "BPF_MAP_TYPE_PERCPU_HASH" : "BPF_MAP_TYPE_PERCPU_ARRAY";
        const char *value = x->kind == EXTERN_COUNTER ? "struct p4cc_counter" : "u64";
        if (x->kind != EXTERN_COUNTER_ARRAY && x->kind != EXTERN_COUNTER)
            continue;
        fprintf(em->out, "struct {\n    __uint(type, %s);\n    __type(key, u32);\n"
                         "    __type(value, %s);\n    __uint(max_entries, %d);\n} %s SEC(\".maps\");\n\n",
                type, value, (int)(x->size > 0 ? x->size : 1), x->c_name);
    }
}

/* CounterArray's increment(i) and add(i, v): a sparse counter's first
 * count creates its cell. */
void emit_counter_array_call(Emitter *em, Node *call, IrExtern *x, const char *method)
{
    const char *index = call->args.len ? emit_expr(em, call->args.items[0]->expr) : "0";
    const char *amount = strcmp(method, "add") == 0 && call->args.len > 1
                         ? emit_expr(em, call->args.items[1]->expr) : "1";
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 index = %s;", index);
    emit_line(em, "u64 *count = bpf_map_lookup_elem(&%s, &index);", x->c_name);
    emit_line(em, "if (count)");
    emit_line(em, "    *count += %s;", amount);
    if (x->sparse) {
        emit_line(em, "else {");
        emit_line(em, "    u64 first = %s;", amount);
        emit_line(em, "    bpf_map_update_elem(&%s, &index, &first, BPF_NOEXIST);", x->c_name);
        emit_line(em, "}");
    }
    em->indent--;
    emit_line(em, "}");
}

/* @counter_count(c, index): an index past the end counts nothing. */
void emit_counter_count(Emitter *em, IrExtern *x, Node *index)
{
    const char *i = new_temp(em, "counter_index");
    const char *cell = new_temp(em, "counter_cell");
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 %s = %s;", i, emit_expr(em, index));
    emit_line(em, "struct p4cc_counter *%s = bpf_map_lookup_elem(&%s, &%s);", cell, x->c_name, i);
    emit_line(em, "if (%s) {", cell);
    emit_line(em, "    %s->packets += 1;", cell);
    emit_line(em, "    %s->bytes += %s;", cell, PACKET_BYTES);
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* A hit of table T counts in the direct counter of the entry ENTRY points
 * to (the map's value). */
void emit_direct_count(Emitter *em, const IrTable *t, const char *entry)
{
    emit_line(em, "if (%s_hit) {", t->c_name);
    emit_line(em, "    __sync_fetch_and_add(&%s->counter.packets, 1);", entry);
    emit_line(em, "    __sync_fetch_and_add(&%s->counter.bytes, %s);", entry, PACKET_BYTES);
    emit_line(em, "}");
}
