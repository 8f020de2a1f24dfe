/* Semantic analysis entry point: checks the top-level declarations in
 * order, then what the whole program needs (a `main` instance). */
#include "sema_internal.h"

#include <string.h>

/* `main` is the package instance a target runs (spec "Package
 * instantiation"); a program need not have one, and p4c lets a function
 * take the name, but no type or other object. */
static void check_main(Checker *ck)
{
    Binding *b = env_lookup_local(ck->global, "main");
    if (!b)
        return;
    Node *d = b->decl;
    if (decl_is_type(d) || d->kind == N_CONST ||
        (d->kind == N_INSTANCE && d->ty && d->ty->kind != T_PACKAGE && d->ty->kind != T_UNKNOWN))
        ERROR_AT(ck, d, "'main' must be an instance of a package");
}

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
    check_main(&ck);
    if (!diag_too_many_errors(diag))
        check_control_plane_names(&ck, program);
    return diag->errors == errors_before;
}
