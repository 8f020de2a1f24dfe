/* Front door of the parser: preprocessed P4 text in, AST out. */
#ifndef P4CC_PARSE_H
#define P4CC_PARSE_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Parses TEXT (the output of the C preprocessor; `# LINE "FILE"` markers
 * move the reported position). FILE_NAME names the text until the first
 * marker. Syntax errors go to DIAG; the parser recovers and goes on up to
 * diag->max_errors. Returns the program (possibly partial), never NULL. */
Node *parse_program(Arena *arena, Diag *diag, const char *text, size_t len,
                    const char *file_name);

/* The same, reading the text from IN as it arrives (a pipe from the
 * preprocessor). */
Node *parse_program_stream(Arena *arena, Diag *diag, FILE *in, const char *file_name);

#endif
