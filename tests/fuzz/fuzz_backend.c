/* libFuzzer harness for the midend and the C generation: input that the
 * parser and the checker accept is lowered to the IR, run through the
 * passes and printed as C and p4info. Any input must come out as C or as
 * located errors, never as a crash, hang or sanitizer report. Seed it with
 * preprocessed ebpf_model / xdp_model programs (see `make fuzz`). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "ir.h"
#include "parse.h"
#include "sema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    Arena arena;
    arena_init(&arena);
    Diag diag;
    diag_init(&diag, &arena, sink);
    diag.show_source = false;
    Node *program = parse_program(&arena, &diag, (const char *)data, size, "fuzz.p4");
    if (diag.errors == 0 && sema_check(&arena, &diag, program)) {
        IrProgram *ir = ir_lower(&arena, &diag, program, "fuzz");
        if (ir && ir_run_passes(ir, NULL, NULL) && emit_c_program(ir, sink, NULL, 0, false, false)) {
            P4Ids ids = p4ids_assign(ir);
            write_p4info(ir, &ids, sink, "fuzz.o", false);
            write_api_header(ir, &ids, sink, "fuzz.h");
        }
    }
    arena_free(&arena);
    return 0;
}
