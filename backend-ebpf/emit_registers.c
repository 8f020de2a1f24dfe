/* Register<T, I> and v1model register<T, I> instances: one ARRAY map
 * each and two helpers that read and write a cell (docs/RUNTIME.md,
 * "Registers"). */
#include "emit.h"

#include <string.h>

/* A cell holds value ^ initial_value, so a zeroed map reads as the
 * initial value without the program having to fill it first. */
static const char *initial_text(Emitter *em, const IrExtern *x)
{
    return arena_printf(em->arena, "0x%llxULL", x->initial);
}

void emit_register_maps(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        const IrExtern *x = em->ir->externs[i];
        if (x->kind != EXTERN_REGISTER)
            continue;
        if (x->width > 64) {
            fprintf(em->out, "/* Register %s: %d-bit cells, network-order bytes */\n"
                             "struct {\n    __uint(type, BPF_MAP_TYPE_ARRAY);\n"
                             "    __type(key, u32);\n    __type(value, u8[%d]);\n"
                             "    __uint(max_entries, %ld);\n} %s SEC(\".maps\");\n\n",
                    x->name, x->width, bytes_of_bits(x->width), x->size, x->c_name);
            continue;
        }
        fprintf(em->out, "/* Register %s: %d-bit cells, stored XOR 0x%llx */\n"
                         "struct {\n    __uint(type, BPF_MAP_TYPE_ARRAY);\n    __type(key, u32);\n"
                         "    __type(value, u%d);\n    __uint(max_entries, %ld);\n} %s SEC(\".maps\");\n\n",
                x->name, x->width, x->initial, c_container_bits(x->width), x->size, x->c_name);
    }
}

/* A plain load and a plain store of the cell: never torn, but a read and
 * a write are not one atomic step. */
void emit_register_helpers(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        const IrExtern *x = em->ir->externs[i];
        if (x->kind != EXTERN_REGISTER || x->width > 64)
            continue;   /* wide cells: emit_register_get_wide, emit_register_set */
        int c = c_container_bits(x->width);
        const char *init = initial_text(em, x);
        fprintf(em->out,
                "static __always_inline u%d p4cc_register_read_%s(u32 index)\n{\n"
                "    u%d *cell = bpf_map_lookup_elem(&%s, &index);\n"
                "    return (u%d)((cell ? *(volatile u%d *)cell : 0) ^ %s);\n}\n\n"
                "static __always_inline void p4cc_register_write_%s(u32 index, u%d value)\n{\n"
                "    u%d *cell = bpf_map_lookup_elem(&%s, &index);\n"
                "    if (cell)\n        *(volatile u%d *)cell = (u%d)(value ^ %s);\n}\n\n",
                c, x->c_name, c, x->c_name, c, c, init, x->c_name, c, c, x->c_name, c, c, init);
    }
}

/* `r.read(i)` as a C expression, `r.write(i, v)` as a statement; NULL when
 * CALL is not a register method call. */
const char *emit_register_call(Emitter *em, Node *call)
{
    Node *callee = call->expr;
    if (callee->kind != N_MEMBER || callee->expr->kind != N_NAME || !callee->expr->ref)
        return NULL;
    IrExtern *x = ir_find_extern(em->ir, callee->expr->ref);
    if (!x || x->kind != EXTERN_REGISTER)
        return NULL;
    const char *index = call->args.len > 0 ? emit_expr(em, call->args.items[0]->expr) : "0";
    if (strcmp(callee->name, "read") == 0)
        return arena_printf(em->arena, "p4cc_register_read_%s((u32)(%s))", x->c_name, index);
    const char *value = call->args.len > 1 ? emit_expr(em, call->args.items[1]->expr) : "0";
    return arena_printf(em->arena, "p4cc_register_write_%s((u32)(%s), (u%d)(%s))", x->c_name,
                        index, c_container_bits(x->width), value);
}

/* v1model's @register_read(r, index, otherwise): the cell, or OTHERWISE
 * for an index past the end (BMv2 leaves the destination unchanged). */
const char *emit_register_get(Emitter *em, IrExtern *x, Node *e)
{
    int c = c_container_bits(x->width);
    const char *index = emit_expr(em, e->args.items[1]);
    const char *otherwise = emit_expr(em, e->args.items[2]);
    const char *i = new_temp(em, "register_index");
    const char *cell = new_temp(em, "register_cell");
    return arena_printf(em->arena, "({ u32 %s = %s; u%d *%s = bpf_map_lookup_elem(&%s, &%s); "
                                   "%s ? (u%d)(*(volatile u%d *)%s ^ %s) : (%s); })",
                        i, index, c, cell, x->c_name, i, cell, c, c, cell, initial_text(em, x),
                        otherwise);
}

/* LHS = @register_read(r, index, otherwise) of cells wider than 64 bits
 * (byte arrays, initial value 0): the cell's bytes, or OTHERWISE's for an
 * index past the end. Copied byte by byte, so a read may see part of a
 * write made on another CPU at the same time. */
void emit_register_get_wide(Emitter *em, IrExtern *x, const char *lhs, Node *e)
{
    int n = bytes_of_bits(x->width);
    emit_line(em, "{");
    em->indent++;
    const char *otherwise = emit_wide_value(em, e->args.items[2], x->width);
    const char *i = new_temp(em, "register_index");
    const char *cell = new_temp(em, "register_cell");
    emit_line(em, "u32 %s = %s;", i, emit_expr(em, e->args.items[1]));
    emit_line(em, "u8 *%s = bpf_map_lookup_elem(&%s, &%s);", cell, x->c_name, i);
    emit_line(em, "if (%s)", cell);
    emit_line(em, "    __builtin_memcpy(%s, %s, %d);", lhs, cell, n);
    if (strcmp(otherwise, lhs) != 0) {
        emit_line(em, "else");
        emit_line(em, "    __builtin_memcpy(%s, %s, %d);", lhs, otherwise, n);
    }
    em->indent--;
    emit_line(em, "}");
}

/* @register_write of a wide cell: the value's bytes, computed first. */
static void register_set_wide(Emitter *em, IrExtern *x, Node *e)
{
    emit_line(em, "{");
    em->indent++;
    const char *value = emit_wide_value(em, e->args.items[2], x->width);
    const char *i = new_temp(em, "register_index");
    const char *cell = new_temp(em, "register_cell");
    emit_line(em, "u32 %s = %s;", i, emit_expr(em, e->args.items[1]));
    emit_line(em, "u8 *%s = bpf_map_lookup_elem(&%s, &%s);", cell, x->c_name, i);
    emit_line(em, "if (%s)", cell);
    emit_line(em, "    __builtin_memcpy(%s, %s, %d);", cell, value, bytes_of_bits(x->width));
    em->indent--;
    emit_line(em, "}");
}

/* v1model's @register_write(r, index, value). */
void emit_register_set(Emitter *em, IrExtern *x, Node *e)
{
    if (x->width > 64) {
        register_set_wide(em, x, e);
        return;
    }
    emit_line(em, "p4cc_register_write_%s(%s, (u%d)(%s));", x->c_name,
              emit_expr(em, e->args.items[1]), c_container_bits(x->width),
              emit_expr(em, e->args.items[2]));
}
