/* The midend pipeline: the passes in order, and dumping the IR after one. */
#include "ir.h"

#include <string.h>

const IrPass ir_passes[] = {
    {"specialize", pass_specialize},
    {"v1model", pass_v1model},
    {"pna", pass_pna},
    {"psa", pass_psa},
    {"inline", pass_inline},
    {"emits", pass_emits},
    {"dead-states", pass_dead_states},
    {"constfold", pass_constfold},
    {"dead-code", pass_dead_code},
};
const int ir_npasses = sizeof ir_passes / sizeof ir_passes[0];

bool ir_is_pass_name(const char *name)
{
    if (strcmp(name, "lower") == 0)
        return true;
    for (int i = 0; i < ir_npasses; i++)
        if (strcmp(ir_passes[i].name, name) == 0)
            return true;
    return false;
}

bool ir_run_passes(IrProgram *ir, const char *dump_after, FILE *dump)
{
    if (dump_after && strcmp(dump_after, "lower") == 0)
        ir_dump(dump, ir);
    if (!ir_verify(ir, NULL))
        return false;
    for (int i = 0; i < ir_npasses; i++) {
        int errors = ir->diag->errors;
        if (!ir_passes[i].run(ir) || ir->diag->errors > errors)
            return false;
        if (dump_after && strcmp(dump_after, ir_passes[i].name) == 0)
            ir_dump(dump, ir);
        if (!ir_verify(ir, ir_passes[i].name))
            return false;
    }
    ir->header_writes = ir_find_header_writes(ir);
    return true;
}
