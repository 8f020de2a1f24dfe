/* libFuzzer harness: any byte string goes through the lexer, the parser,
 * semantic analysis and the printer. It must never crash, hang or trip a
 * sanitizer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "parse.h"
#include "printer.h"
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
    if (diag.errors == 0) {
        print_program(sink, program, NULL);
        sema_check(&arena, &diag, program);
    }
    arena_free(&arena);
    return 0;
}
