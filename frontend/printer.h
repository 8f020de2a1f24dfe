/* Prints an AST back as P4-16 source (--emit=p4). */
#ifndef P4CC_PRINTER_H
#define P4CC_PRINTER_H

#include <stdio.h>

#include "ast.h"

typedef struct PrintOptions {
    /* Top-level declarations whose source file lies in this directory (the
     * p4include directory) are not printed; an `#include <file>` line stands
     * in their place instead. NULL prints everything. */
    const char *system_include_dir;
    /* After semantic analysis: print unsized literals with the width the
     * checker gave them (`5` assigned to a bit<8> prints as `8w5`), so the
     * output shows the implicit casts it concluded (--emit=typed-p4). */
    bool show_types;
} PrintOptions;

/* The whole program, one declaration after another, 4-space indentation.
 * The output parses back into the same AST, and printing that AST again
 * gives the same text. */
void print_program(FILE *out, const Node *program, const PrintOptions *options);

/* Any single node (type, expression, statement, declaration) as it would
 * appear inside a program, without a trailing newline. */
void print_node(FILE *out, const Node *node);

#endif
