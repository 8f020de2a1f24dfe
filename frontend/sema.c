/* Semantic analysis entry point: checks the top-level declarations in
 * order, then what the whole program needs (a `main` instance). */
#include "sema_internal.h"

#include <string.h>

bool sema_check(Arena *arena, Diag *diag, Node *program)
{
    int errors_before = diag->errors;
    Checker ck = {.arena = arena, .diag = diag};
    ck.global = env_new(&ck, NULL, 1024);
    ck.env = ck.global;
    ck.errors = env_new(&ck, NULL, 64);
    for (int i = 0; i < program->items.len; i++) {
        if (diag_too_many_errors(diag))
            break;
        check_declaration(&ck, program->items.items[i]);
        ck.env = ck.global;
    }
    return diag->errors == errors_before;
}
