/* v1model's resubmit and recirculate (docs/RUNTIME.md, "Resubmit and
 * recirculate"), in programs that call them: p4cc_main tail-calls itself
 * through p4cc_progs (slot 0, which the loader fills), with the packet as
 * it came in (resubmit: v1model writes nothing into it before the
 * deparser) or as the deparser left it (recirculate). What the next pass
 * keeps (its instance type and the field list's values) waits in a
 * per-CPU map: a tail call runs on the same CPU, in the same program run,
 * so no other packet comes between. The kernel allows 33 tail calls in a
 * run: a packet looping longer is dropped. */
#include "emit.h"

void emit_recirc_state_fields(Emitter *em)
{
    fputs("    u8 resubmit_req;   /* 1 + the field list of the last resubmit, or 0 */\n"
          "    u8 recirc_req;     /* 1 + the field list of the last recirculate, or 0 */\n",
          em->out);
}

void emit_recirc_struct(Emitter *em)
{
    bool any = false;
    for (int l = 0; l < em->ir->nfield_lists; l++)
        any = any || em->ir->field_lists[l].nfields > 0;
    fprintf(em->out,
            "/* What a resubmitted or recirculated packet keeps, from one pass to the\n"
            " * next (emit_recirc.c). */\n"
            "struct p4cc_recirc {\n"
            "    u8 pending;        /* set just before the tail call */\n"
            "    u8 kind;           /* instance_type: 6 resubmit, 4 recirculate */\n"
            "    u8 list;\n"
            "    u8 pad;\n"
            "%s"
            "};\n\n",
            any ? "    union p4cc_field_lists lists;\n" : "");
    emit_recirc_maps(em);
}

void emit_recirc_maps(Emitter *em)
{
    fputs("struct {\n"
          "    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);\n"
          "    __type(key, u32);\n"
          "    __type(value, struct p4cc_recirc);\n"
          "    __uint(max_entries, 1);\n"
          "} p4cc_recirc SEC(\".maps\");\n\n"
          "/* Slot 0: p4cc_main itself (the loader puts it there). */\n"
          "struct {\n"
          "    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);\n"
          "    __uint(key_size, sizeof(u32));\n"
          "    __uint(value_size, sizeof(u32));\n"
          "    __uint(max_entries, 1);\n"
          "} p4cc_progs SEC(\".maps\");\n\n", em->out);
}

void emit_next_pass_open(Emitter *em)
{
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_recirc *rc = bpf_map_lookup_elem(&p4cc_recirc, &zero);");
    emit_line(em, "if (!rc)");
    emit_line(em, "    return XDP_DROP;");
}

void emit_next_pass_call(Emitter *em)
{
    emit_line(em, "rc->pending = 1;");
    emit_line(em, "bpf_tail_call(ctx, &p4cc_progs, 0);");
    emit_line(em, "rc->pending = 0;");
    emit_line(em, "return XDP_DROP;");
}

void emit_recirc_request(Emitter *em, Node *e)
{
    bool resubmit = e->name[2] == 's';
    emit_line(em, "st->%s = 1 + %s;", resubmit ? "resubmit_req" : "recirc_req",
              emit_expr(em, e->args.items[0]));
}

/* A packet of a resubmit or recirculate starts as BMv2 makes it: the
 * metadata zero but for the field list, the instance type, its length;
 * the parser sees them. */
void emit_recirc_entry(Emitter *em)
{
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "u32 zero = 0;");
    emit_line(em, "struct p4cc_recirc *rc = bpf_map_lookup_elem(&p4cc_recirc, &zero);");
    emit_line(em, "if (rc && rc->pending) {");
    em->indent++;
    emit_line(em, "rc->pending = 0;");
    emit_line(em, "__builtin_memset(&st->std, 0, sizeof(st->std));");
    emit_line(em, "st->std.instance_type = rc->kind;");
    emit_line(em, "st->std.packet_length = (u32)(data_end - data);");
    emit_copy_field_lists(em, "rc->", false);
    em->indent--;
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}

/* The next pass of KIND with field list REQ - 1; returns only when the
 * tail call failed (the loop is too long, or no loader filled the slot):
 * then the packet is dropped. */
static void tail_call(Emitter *em, const char *req, int kind)
{
    emit_next_pass_open(em);
    emit_line(em, "rc->kind = %d;", kind);
    emit_line(em, "rc->list = st->%s - 1;", req);
    emit_copy_field_lists(em, "rc->", true);
    emit_next_pass_call(em);
}

/* After ingress (and its clone, which a frame that is not sent cannot
 * carry: counted as lost): resubmit wins over multicast and unicast. */
void emit_resubmit(Emitter *em)
{
    emit_line(em, "if (st->resubmit_req) {");
    em->indent++;
    if (em->clones) {
        emit_line(em, "if (st->clone_out)");
        emit_line(em, "    p4cc_count_clone_lost();");
    }
    tail_call(em, "resubmit_req", 6);
    em->indent--;
    emit_line(em, "}");
}

/* After the deparser, for a packet egress did not drop. */
void emit_recirculate(Emitter *em)
{
    const char *cond = "st->recirc_req";
    if (em->clones)
        cond = "st->recirc_req && !st->clone_dropped";
    if (em->multicast)
        cond = arena_printf(em->arena, "%s && !st->std.mcast_grp", cond);
    emit_line(em, "if (%s) {", cond);
    em->indent++;
    if (em->clones) {
        emit_line(em, "if (st->clone_out)");
        emit_line(em, "    p4cc_count_clone_lost();");
    }
    tail_call(em, "recirc_req", 4);
    em->indent--;
    emit_line(em, "}");
}
