/* Diagnostics in the gcc/clang form: "file:line:col: error: message",
 * then the source line and a caret under the range. */
#ifndef P4CC_DIAG_H
#define P4CC_DIAG_H

#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>

#include "arena.h"
#include "srcloc.h"

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct SourceText SourceText;

typedef struct Diag {
    FILE *out;
    Arena *arena;
    int errors, warnings;
    int max_errors;          /* stop reporting (and parsing) after this many; 0 = no limit */
    bool warnings_are_errors;
    bool suppress_warnings;
    bool show_source;        /* print the source line and caret */
    bool last_suppressed;    /* the previous report was dropped, so drop its notes too */
    SourceText *sources;     /* files read so far to show their lines */
} Diag;

void diag_init(Diag *diag, Arena *arena, FILE *out);
void diag_report(Diag *diag, DiagLevel level, SrcRange loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_error(Diag *diag, SrcRange loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_verror(Diag *diag, SrcRange loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void diag_warning(Diag *diag, SrcRange loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(Diag *diag, SrcRange loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error that belongs to no source position: "p4cc: error: ...". */
void diag_plain_error(Diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool diag_too_many_errors(const Diag *diag);
/* Give the text of a file directly (for input that is not on disk, or tests). */
void diag_add_source(Diag *diag, const char *name, const char *text, size_t len);

#endif
