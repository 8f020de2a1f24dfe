/* --dump-ir: the IR as text, for tests and for users who want to see what
 * the midend made of their program. */
#include "ir.h"

#include "printer.h"

#include <string.h>

const char *ir_match_kind_name(IrMatchKind m)
{
    switch (m) {
    case MATCH_EXACT: return "exact";
    case MATCH_LPM: return "lpm";
    case MATCH_TERNARY: return "ternary";
    case MATCH_RANGE: return "range";
    case MATCH_OPTIONAL: return "optional";
    case MATCH_SELECTOR: return "selector";
    }
    return "?";
}

const char *ir_table_kind_name(IrTableKind k)
{
    switch (k) {
    case TABLE_HASH: return "hash";
    case TABLE_LPM: return "lpm";
    case TABLE_ARRAY: return "array";
    case TABLE_TERNARY: return "ternary";
    case TABLE_KEYLESS: return "keyless";
    }
    return "?";
}

static void dump_node(FILE *out, const char *indent, const Node *n)
{
    fputs(indent, out);
    print_node(out, n);
    fputc('\n', out);
}

static void dump_block(FILE *out, const IrBlock *b)
{
    static const char *const kinds[] = {"parser", "control", "deparser"};
    if (strcmp(b->role, kinds[b->kind]) == 0)
        fprintf(out, "%s %s\n", kinds[b->kind], b->name);
    else
        fprintf(out, "%s %s %s\n", kinds[b->kind], b->role, b->name);
    for (int i = 0; i < b->params.len; i++)
        dump_node(out, "  param ", b->params.items[i]);
    for (int i = 0; i < b->locals.len; i++)
        dump_node(out, "  local ", b->locals.items[i]);
    for (int i = 0; i < b->states.len; i++) {
        const Node *s = b->states.items[i];
        fprintf(out, "  state %s\n", s->name);
        for (int j = 0; j < s->items.len; j++)
            dump_node(out, "    ", s->items.items[j]);
        if (s->body)
            dump_node(out, "    ", s->body);
        else
            fputs("    transition reject;\n", out);
    }
    if (b->body)
        dump_node(out, "  apply ", b->body);
}

void ir_dump(FILE *out, const IrProgram *ir)
{
    fprintf(out, "program %s arch %s\n", ir->name, ir_arch_name(ir->arch));
    for (int i = 0; i < ir->type_instances.len; i++)
        fprintf(out, "type %s\n", type_name(ir->arena, ir->type_instances.items[i]));
    for (int i = 0; i < ir->nblocks; i++)
        dump_block(out, &ir->blocks[i]);
    for (int i = 0; i < ir->functions.len; i++) {
        const Node *f = ir->functions.items[i];
        fprintf(out, "function %s\n", f->name);
        for (int p = 0; p < f->params.len; p++)
            dump_node(out, "  param ", f->params.items[p]);
        if (f->body)
            dump_node(out, "  ", f->body);
    }
    for (int i = 0; i < ir->nactions; i++) {
        const IrAction *a = ir->actions[i];
        fprintf(out, "action %d %s\n", a->id, a->name);
        if (a->decl->body)
            dump_node(out, "  ", a->decl->body);
    }
    for (int i = 0; i < ir->ninstances; i++) {
        const IrInstance *inst = ir->instances[i];
        fprintf(out, "instance %s of %s %s\n", inst->name,
                inst->control->kind == N_PARSER ? "parser" : "control", inst->control->name);
        for (int p = 0; p < inst->control->type->params.len; p++)
            dump_node(out, "  param ", inst->control->type->params.items[p]);
        for (int l = 0; l < inst->locals.len; l++)
            dump_node(out, "  local ", inst->locals.items[l]);
        if (!ir->inlined && inst->control->body)
            dump_node(out, "  apply ", inst->control->body);
    }
    for (int i = 0; i < ir->ntables; i++) {
        const IrTable *t = ir->tables[i];
        fprintf(out, "table %s kind %s size %d", t->name, ir_table_kind_name(t->kind), t->size);
        if (t->cache_size)
            fprintf(out, " cache %d", t->cache_size);
        fputc('\n', out);
        for (int k = 0; k < t->nkeys; k++)
            fprintf(out, "  key %s : %s (%d bits)\n", t->keys[k].name, ir_match_kind_name(t->keys[k].match),
                    t->keys[k].width);
        for (int k = 0; k < t->nselector_keys; k++)
            fprintf(out, "  key %s : selector (%d bits)\n", t->selector_keys[k].name,
                    t->selector_keys[k].width);
        if (t->implementation)
            fprintf(out, "  implementation %s\n", t->implementation->name);
        for (int a = 0; a < t->nactions; a++) {
            const IrTableAction *ta = &t->actions[a];
            fprintf(out, "  action %s\n", ta->action->name);
            if (ta->run != ta->action) {
                /* Arguments bound in the actions list: the code the table runs. */
                fputs("    runs ", out);
                for (int p = 0; p < ta->run->decl->params.len; p++) {
                    fputs(p ? ", " : "(", out);
                    print_node(out, ta->run->decl->params.items[p]);
                }
                fputs(ta->run->decl->params.len ? ") " : "() ", out);
                print_node(out, ta->run->decl->body);
                fputc('\n', out);
            }
        }
        if (t->default_action)
            fprintf(out, "  default %s%s\n", t->default_is_const ? "const " : "",
                    t->default_action->name);
        for (int e = 0; e < t->nentries; e++) {
            fputs(t->entries_const ? "  const entry " : "  entry ", out);
            print_node(out, t->entries[e].keyset);
            fprintf(out, " -> %s", t->entries[e].action ? t->entries[e].action->name : "?");
            if (!t->entries_const && t->kind == TABLE_TERNARY)
                fprintf(out, " (data-plane priority %llu)", t->entries[e].rank);
            fputc('\n', out);
        }
    }
    for (int i = 0; i < ir->nexterns; i++) {
        const IrExtern *x = ir->externs[i];
        fprintf(out, "extern %s CounterArray size %ld%s\n", x->name, x->size,
                x->sparse ? " sparse" : "");
    }
}
