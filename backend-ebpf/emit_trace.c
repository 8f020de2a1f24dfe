/* Packet trace hooks (p4cc --trace; docs/RUNTIME.md, "Traces"): events
 * for the parser states a packet enters, its parser error, the tables it
 * applies, its multicast group and its verdict, through the macros of
 * <p4cc/trace.h>; the program functions, whose code a --trace compile has
 * twice, without hooks and with them; and the "trace" section of
 * prog.p4info.json, which names the events' ids with their P4 source
 * lines. Without --trace nothing here writes a byte of its own, so the
 * generated C is what it was. */
#include "emit.h"

#include <string.h>

static int table_index(const IrProgram *ir, const IrTable *t)
{
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i] == t)
            return i;
    return -1;
}

void emit_trace_table(Emitter *em, const IrTable *t, const char *hit, const char *action)
{
    if (em->trace)
        emit_line(em, "P4CC_TRACE_EVENT(P4CC_TRACE_TABLE, %d, %s, %s);", table_index(em->ir, t),
                  action, hit);
}

void emit_trace_state(Emitter *em, int index)
{
    if (em->trace)
        emit_line(em, "P4CC_TRACE_EVENT(P4CC_TRACE_STATE, %d, 0, 0);", index);
}

void emit_trace_parser_error(Emitter *em)
{
    if (em->trace)
        emit_line(em, "    P4CC_TRACE_EVENT(P4CC_TRACE_PARSER_ERROR, p4_err, 0, 0);");
}

void emit_trace_mcast(Emitter *em, const char *group)
{
    if (em->trace)
        emit_line(em, "P4CC_TRACE_EVENT(P4CC_TRACE_MCAST, %s, 0, 0);", group);
}

void emit_trace_copy(Emitter *em, const char *group, const char *rid)
{
    if (em->trace)
        emit_line(em, "P4CC_TRACE_EVENT(P4CC_TRACE_MCAST, %s, %s, 1);", group, rid);
}

void emit_program_function(Emitter *em, const Node *at, const char *lead, const char *section,
                           const char *function, const char *from, void (*body)(Emitter *))
{
    emit_line_directive(em, at);
    if (!em->trace) {
        fprintf(em->out, "%sSEC(\"%s\")\nint %s(struct xdp_md *ctx)\n{\n", lead, section,
                function);
        emit_raw_lines_written(em);
        body(em);
        fputs("}\n", em->out);
        return;
    }
    /* A packet while no trace runs takes the code without hooks: it pays
     * the load and branch of the wrapper and nothing else (hooks in the
     * one code, each a test and a cold call, cost a few ns a packet). */
    em->trace = false;
    fprintf(em->out, "%sstatic __always_inline int %s_plain(struct xdp_md *ctx)\n{\n", lead,
            function);
    emit_raw_lines_written(em);
    body(em);
    fputs("}\n\n", em->out);
    em->trace = true;
    emit_line_directive(em, at);
    fprintf(em->out, "static __always_inline int %s_traced(struct xdp_md *ctx, u64 p4cc_tseq)\n{\n",
            function);
    emit_raw_lines_written(em);
    body(em);
    fputs("}\n", em->out);
    bool copy = strcmp(from, "P4CC_TRACE_FROM_COPY") == 0;
    fprintf(em->out,
            "\nSEC(\"%s\")\nint %s(struct xdp_md *ctx)\n{\n"
            "    if (P4CC_TRACE_ON) {\n"
            "        u64 p4cc_tseq = P4CC_TRACE_START(ctx, %s, ctx->%s_ifindex, %s);\n"
            "        int verdict = %s_traced(ctx, p4cc_tseq);\n"
            "        P4CC_TRACE_END(ctx, verdict);\n"
            "        return verdict;\n"
            "    }\n"
            "    return %s_plain(ctx);\n}\n",
            section, function, from, copy ? "egress" : "ingress",
            copy ? "sizeof(struct p4cc_bridge)" : "0", function, function);
    emit_raw_lines_written(em);
}

/* ---- the p4info section ---- */

static void json_chars(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
}

/* "name": NAME, "source": "FILE:LINE" (no source when N has no place). */
static void named(FILE *out, const char *name, const Node *n)
{
    fputs("\"name\": \"", out);
    json_chars(out, name);
    fputc('"', out);
    if (n && n->loc.file && n->loc.line > 0) {
        fputs(", \"source\": \"", out);
        json_chars(out, n->loc.file);
        fprintf(out, ":%d\"", n->loc.line);
    }
}

/* The ids of trace events: parser states and tables by index, actions by
 * code, errors by code; what libp4rt's trace reader names them by. */
void write_trace_info(IrProgram *ir, FILE *out)
{
    fputs("  \"trace\": {\n    \"states\": [", out);
    /* Every parser's states, one after the other (emit_parser.c numbers
     * them so); with more than one parser (PSA), named after theirs. */
    int nparsers = 0, n = 0;
    for (int b = 0; b < ir->nblocks; b++)
        nparsers += ir->blocks[b].kind == BLOCK_PARSER;
    for (int b = 0; b < ir->nblocks; b++) {
        if (ir->blocks[b].kind != BLOCK_PARSER)
            continue;
        NodeList *states = &ir->blocks[b].states;
        for (int i = 0; i < states->len; i++, n++) {
            fputs(n ? ",\n      { " : "\n      { ", out);
            const char *name = states->items[i]->name;
            if (nparsers > 1)
                name = arena_printf(ir->arena, "%s.%s", ir->blocks[b].name, name);
            named(out, name, states->items[i]);
            fputs(" }", out);
        }
    }
    fputs(" ],\n    \"tables\": [", out);
    for (int i = 0; i < ir->ntables; i++) {
        fputs(i ? ",\n      { " : "\n      { ", out);
        named(out, ir->tables[i]->name, ir->tables[i]->decl);
        fputs(" }", out);
    }
    fputs(" ],\n    \"actions\": [", out);
    for (int i = 0; i < ir->nactions; i++) {
        fprintf(out, "%s{ \"code\": %d, ", i ? ",\n      " : "\n      ",
                ir->actions[i]->id);
        named(out, ir->actions[i]->name, ir->actions[i]->decl);
        fputs(" }", out);
    }
    fputs(" ],\n    \"errors\": [", out);
    for (int i = 0; i < ir->errors.len; i++) {
        fputs(i ? ", \"" : " \"", out);
        json_chars(out, ir->errors.items[i]->name);
        fputc('"', out);
    }
    fputs(" ]\n  }", out);
}
