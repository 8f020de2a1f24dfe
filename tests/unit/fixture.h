/* The fixture the front-end unit tests share: each test gets an arena and
 * a diagnostics stream captured in memory (source lines not shown, so the
 * expected texts stay short). Include after <cmocka.h>. */
#ifndef P4CC_TEST_FIXTURE_H
#define P4CC_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

typedef struct Fixture {
    Arena arena;
    Diag diag;
    FILE *diag_out;
    char *diag_text;
    size_t diag_len;
    Node *program;      /* the program the test built last, if it keeps one */
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    arena_init(&f->arena);
    f->diag_out = open_memstream(&f->diag_text, &f->diag_len);
    if (!f->diag_out)
        return -1;
    diag_init(&f->diag, &f->arena, f->diag_out);
    f->diag.show_source = false;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    fclose(f->diag_out);
    free(f->diag_text);
    arena_free(&f->arena);
    free(f);
    return 0;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

#endif
