/* v1model's meters (docs/RUNTIME.md, "v1model meters"): meter(size,
 * type), an ARRAY of struct p4cc_meter, and direct_meter(type), a struct
 * p4cc_meter in each entry of its table. include/p4cc/meter.h colours a
 * packet. A direct meter runs when its table hits, before the entry's
 * action, whose read() then gives the colour: the state struct keeps it,
 * as colour + 1 (0: the table missed, and read() leaves its destination
 * as it was, as BMv2 does). */
#include "emit.h"

#include <string.h>

/* A packet's cost in tokens: 1, or its length as it arrived. */
static const char *cost(const IrExtern *x)
{
    return x->unit == UNIT_BYTES ? "(u64)(ctx->data_end - ctx->data)" : "1";
}

void emit_meter_maps(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        if (x->kind != EXTERN_METER)
            continue;
        fprintf(em->out, "struct {\n    __uint(type, BPF_MAP_TYPE_ARRAY);\n    __type(key, u32);\n"
                         "    __type(value, struct p4cc_meter);\n    __uint(max_entries, %ld);\n"
                         "} %s SEC(\".maps\");\n\n", x->size, x->c_name);
    }
}

static const char *colour_field(Emitter *em, const IrExtern *x)
{
    return arena_printf(em->arena, "direct_meter_%s", x->c_name);
}

void emit_meter_state_fields(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        if (x->kind == EXTERN_DIRECT_METER && x->table)
            fprintf(em->out, "    u8 %s;    /* colour + 1 of the last hit; 0: a miss */\n",
                    colour_field(em, x));
    }
}

/* @meter_execute(m, index, otherwise): the colour, or OTHERWISE for an
 * index past the end. The clock is read before the meter's lock. */
const char *emit_meter_execute(Emitter *em, IrExtern *x, Node *e)
{
    const char *index = emit_expr(em, e->args.items[1]);
    const char *otherwise = emit_expr(em, e->args.items[2]);
    const char *i = new_temp(em, "meter_index");
    const char *m = new_temp(em, "meter");
    return arena_printf(em->arena, "({ u32 %s = %s; struct p4cc_meter *%s = "
                                   "bpf_map_lookup_elem(&%s, &%s); %s ? (%s)p4cc_meter_execute(%s, "
                                   "bpf_ktime_get_ns(), %s) : (%s); })",
                        i, index, m, x->c_name, i, m, c_type(em, e->ty), m, cost(x), otherwise);
}

/* The direct meter of table T on its apply: the entry ENTRY points to is
 * metered on a hit. */
void emit_direct_meter(Emitter *em, const IrTable *t, const char *entry)
{
    const IrExtern *x = t->direct_meter;
    emit_line(em, "st->%s = %s_hit ? 1 + p4cc_meter_execute(&%s->meter, bpf_ktime_get_ns(), %s) "
                  ": 0;", colour_field(em, x), t->c_name, entry, cost(x));
}

/* @direct_meter_read(dm, otherwise). */
const char *emit_direct_meter_read(Emitter *em, IrExtern *x, Node *e)
{
    const char *otherwise = emit_expr(em, e->args.items[1]);
    if (!x->table)
        return otherwise;   /* a meter no table has: never executed */
    const char *f = colour_field(em, x);
    return arena_printf(em->arena, "(st->%s ? (%s)(st->%s - 1) : (%s))", f, c_type(em, e->ty), f,
                        otherwise);
}
