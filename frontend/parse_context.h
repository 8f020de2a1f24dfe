/* State shared by the lexer and the parser of one compilation. */
#ifndef P4CC_PARSE_CONTEXT_H
#define P4CC_PARSE_CONTEXT_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "scope.h"

/* A declared name with C-style array dimensions: `x[2][3]`. */
typedef struct Declarator {
    const char *name;
    SrcRange loc;
    NodeList dims;
} Declarator;

typedef struct ParseContext {
    Arena *arena;
    Diag *diag;
    Scope scope;
    Node *program;
    void *scanner;            /* the flex scanner (yyscan_t) */

    /* Position in the original source, moved by `# LINE "FILE"` markers. */
    const char *file;
    int line, col;

    /* What the lexer remembers of the previous token to classify the next. */
    int prev_token;
    const char *prev_text;    /* spelling of the last token, for syntax errors */
    Symbol *last_symbol;      /* symbol of the last identifier, if known */
    bool member_context;      /* the last `.` selects a member of what precedes it */
    bool template_args;       /* a `<` now opens type arguments */

    const char **files;       /* interned file names */
    int nfiles, files_cap;
} ParseContext;

/* Interns a file name from a line marker, so equal names share one pointer. */
const char *parse_intern_file(ParseContext *ctx, const char *name, int len);

#endif
