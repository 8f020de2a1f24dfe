/* Runs the flex scanner and bison parser over one preprocessed text. */
#include "parse.h"

#include <string.h>

#include "parse_context.h"
#include "parser.h"
#include "lexer.h"

const char *parse_intern_file(ParseContext *ctx, const char *name, int len)
{
    if (ctx->file && (int)strlen(ctx->file) == len && memcmp(ctx->file, name, (size_t)len) == 0)
        return ctx->file;
    /* Files recur (each #include returns to its includer); keep one copy each. */
    for (const char **f = ctx->files; f && f < ctx->files + ctx->nfiles; f++)
        if ((int)strlen(*f) == len && memcmp(*f, name, (size_t)len) == 0)
            return *f;
    if (ctx->nfiles == ctx->files_cap) {
        int cap = ctx->files_cap ? ctx->files_cap * 2 : 16;
        ctx->files = arena_realloc(ctx->arena, ctx->files, sizeof(char *) * (size_t)ctx->files_cap,
                                   sizeof(char *) * (size_t)cap);
        ctx->files_cap = cap;
    }
    const char *copy = arena_strndup(ctx->arena, name, (size_t)len);
    ctx->files[ctx->nfiles++] = copy;
    return copy;
}

/* Parses from either a byte buffer (TEXT) or a stream (IN). */
static Node *run_parser(Arena *arena, Diag *diag, const char *text, size_t len, FILE *in,
                        const char *file_name)
{
    ParseContext ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.diag = diag;
    scope_init(&ctx.scope, arena);
    ctx.file = parse_intern_file(&ctx, file_name, (int)strlen(file_name));
    ctx.line = 1;
    ctx.col = 1;

    yyscan_t scanner;
    if (p4lexlex_init_extra(&ctx, &scanner) != 0) {
        diag_plain_error(diag, "cannot create the lexer");
        return ast_new(arena, N_PROGRAM, (SrcRange){0});
    }
    ctx.scanner = scanner;
    YY_BUFFER_STATE buffer = NULL;
    if (in)
        p4lexset_in(in, scanner);
    else
        buffer = p4lex_scan_bytes(text, (int)len, scanner);
    p4yyparse(&ctx);
    if (ctx.program && ctx.program->loc.line == 0) {
        /* An empty rule has no position of its own: the program starts at
         * the beginning of the input. */
        ctx.program->loc = (SrcRange){.file = parse_intern_file(&ctx, file_name,
                                                                (int)strlen(file_name)),
                                      .line = 1, .col = 1, .end_line = 1, .end_col = 1};
    }
    if (buffer)
        p4lex_delete_buffer(buffer, scanner);
    p4lexlex_destroy(scanner);

    if (!ctx.program)
        ctx.program = ast_new(arena, N_PROGRAM, (SrcRange){.file = ctx.file, .line = 1, .col = 1});
    return ctx.program;
}

Node *parse_program(Arena *arena, Diag *diag, const char *text, size_t len, const char *file_name)
{
    return run_parser(arena, diag, text, len, NULL, file_name);
}

Node *parse_program_stream(Arena *arena, Diag *diag, FILE *in, const char *file_name)
{
    return run_parser(arena, diag, NULL, 0, in, file_name);
}
