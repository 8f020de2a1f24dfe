/* Runs the flex scanner and bison parser over one preprocessed text. */
#include "parse.h"

#include <stdlib.h>
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

/* The checker, the passes and the backend walk the tree recursively; with
 * this limit on its depth their stacks (8 MB by default; the checker takes
 * about 100 bytes a level) hold any program the parser accepts. Bison's
 * stack bounds the nesting it parses (parentheses, blocks), but a chain
 * such as `x + x + ...` nests one level per operator without it. */
enum { MAX_TREE_DEPTH = 50000 };

typedef struct DepthWalk {
    Node **nodes;       /* nodes to visit, with their depths */
    int *depths;
    size_t len, cap;
    int depth;          /* of the node whose children are being pushed */
    bool failed;
} DepthWalk;

static bool push_child(Node *child, void *ctx)
{
    DepthWalk *w = ctx;
    if (w->len == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 256;
        Node **nodes = realloc(w->nodes, cap * sizeof *nodes);
        int *depths = realloc(w->depths, cap * sizeof *depths);
        if (nodes)
            w->nodes = nodes;
        if (depths)
            w->depths = depths;
        if (!nodes || !depths) {
            w->failed = true;
            return false;
        }
        w->cap = cap;
    }
    w->nodes[w->len] = child;
    w->depths[w->len++] = w->depth + 1;
    return true;
}

/* Reports a node nested deeper than MAX_TREE_DEPTH; walks with a stack of
 * its own, as a recursive walk is what must not run. */
static void check_depth(ParseContext *ctx, Node *program)
{
    DepthWalk w = {0};
    w.depth = -1;
    push_child(program, &w);
    while (w.len && !w.failed) {
        Node *n = w.nodes[--w.len];
        w.depth = w.depths[w.len];
        if (w.depth > MAX_TREE_DEPTH) {
            diag_error(ctx->diag, n->loc, "the program is nested too deeply here (more than %d "
                                          "levels)", MAX_TREE_DEPTH);
            break;
        }
        ast_for_each_child(n, push_child, &w);
    }
    if (w.failed)
        diag_plain_error(ctx->diag, "out of memory checking the program's nesting");
    free(w.nodes);
    free(w.depths);
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
    check_depth(&ctx, ctx.program);
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
