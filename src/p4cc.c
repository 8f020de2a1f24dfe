/* p4cc: the compiler driver. Parses the command line cc-style, runs the
 * preprocessor and the front end, and writes what was asked for. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "backend.h"
#include "ir.h"
#include "ast.h"
#include "diag.h"
#include "outfile.h"
#include "parse.h"
#include "preprocess.h"
#include "printer.h"
#include "sema.h"

enum { EXIT_PROGRAM_ERROR = 1, EXIT_USAGE = 2 };

typedef enum Mode {
    MODE_COMPILE,       /* the default: all the way to an object */
    MODE_PREPROCESS,    /* -E */
    MODE_PARSE_ONLY,    /* --parse-only */
    MODE_SYNTAX_ONLY,   /* -fsyntax-only */
    MODE_EMIT_P4,       /* --emit=p4 */
    MODE_EMIT_C,        /* -S, --emit=c */
    MODE_EMIT_API,      /* --emit=api */
    MODE_EMIT_TYPED_P4, /* --emit=typed-p4 */
} Mode;

typedef struct Options {
    Mode mode;
    const char *input;
    const char *output;
    bool warnings_are_errors;
    bool no_warnings;
    const char **cpp_args;
    int ncpp_args;
    const char *dump_ir;    /* --dump-ir=PASS */
    const char *clang;      /* --clang PATH */
    const char **extern_c;  /* --extern-c FILE, each */
    int nextern_c;
    const char **extern_dirs; /* --extern-dir DIR, each */
    int nextern_dirs;
    const char *api_header; /* --api-header FILE */
    bool no_api_header;     /* --no-api-header */
    bool capture;           /* --capture */
    bool trace;             /* --trace */
    PreprocessorKind preprocessor;  /* --preprocessor=KIND */
} Options;

static const char usage_text[] =
    "usage: p4cc [options] FILE.p4\n"
    "\n"
    "Compile a P4-16 program.\n"
    "\n"
    "options:\n"
    "  -o FILE          write output to FILE (default: PROG.o, with PROG.h and\n"
    "                   PROG.p4info.json beside it when it is a regular file;\n"
    "                   standard output for -E, -S and --emit)\n"
    "  -I DIR           add DIR to the include search path\n"
    "  -D NAME[=VALUE]  define a preprocessor macro\n"
    "  -U NAME          undefine a preprocessor macro\n"
    "  -E               preprocess only\n"
    "  --preprocessor=KIND  auto (default: the built-in preprocessor, the system\n"
    "                   cpp for what it does not handle), builtin or system\n"
    "  --parse-only     stop after parsing\n"
    "  -fsyntax-only    check the program and stop\n"
    "  --emit=p4        print the program back as P4 source\n"
    "  --emit=typed-p4  the same after checking, with the widths the checker gave\n"
    "                   to unsized literals (its implicit casts) written out\n"
    "  -S, --emit=c     stop at the generated C for XDP\n"
    "  --emit=api       only the typed C API header (see --api-header)\n"
    "  --dump-ir=PASS   print the IR after PASS (lower, specialize, inline, emits,\n"
    "                   dead-states, constfold, dead-code) to standard error\n"
    "  --clang PATH     the clang that compiles the C (default: $CLANG, else clang)\n"
    "  --extern-c FILE  C code implementing the program's own extern functions\n"
    "                   (may be repeated)\n"
    "  --extern-dir DIR for each extern function NAME the program declares, use\n"
    "                   DIR/NAME.c when it exists (may be repeated)\n"
    "  --api-header FILE  write the typed C API to FILE (default: PROG.h beside\n"
    "                   the object)\n"
    "  --no-api-header  do not write the C API header\n"
    "  --capture        put in the hooks p4ctl capture needs (a few ns per\n"
    "                   packet even while no capture runs)\n"
    "  --trace          put in the hooks p4ctl trace needs (packet traces: parser\n"
    "                   states, tables, actions, verdicts)\n"
    "  -Werror          treat warnings as errors\n"
    "  -w               suppress warnings\n"
    "  --version        print the version and exit\n"
    "  --help           print this help and exit\n"
    "\n"
    "environment:\n"
    "  P4CC_INCLUDE     standard include directory (default: the installed p4include)\n"
    "  CPP              system preprocessor command (default: cpp); when set,\n"
    "                   --preprocessor=auto uses it for every file\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("p4cc: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (see p4cc --help)\n", stderr);
    return EXIT_USAGE;
}

/* Takes the value of an option given as `-X VALUE` or `-XVALUE`. */
static const char *option_value(int argc, char **argv, int *i, size_t prefix_len)
{
    if (argv[*i][prefix_len])
        return argv[*i] + prefix_len;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

/* Returns 0, or an exit status when the command line is wrong or asked for
 * --help / --version (then *done is set). */
static int parse_options(int argc, char **argv, Options *opts, bool *done)
{
    opts->cpp_args = calloc((size_t)argc * 2 + 1, sizeof(char *));
    opts->extern_c = calloc((size_t)argc + 1, sizeof(char *));
    opts->extern_dirs = calloc((size_t)argc + 1, sizeof(char *));
    if (!opts->cpp_args || !opts->extern_c || !opts->extern_dirs)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            *done = true;
            return 0;
        } else if (strcmp(arg, "--version") == 0) {
            printf("p4cc %s\n", P4CC_VERSION);
            *done = true;
            return 0;
        } else if (strncmp(arg, "-o", 2) == 0) {
            if (!(opts->output = option_value(argc, argv, &i, 2)))
                return usage_error("option '%s' needs a file name", arg);
        } else if (strncmp(arg, "-I", 2) == 0 || strncmp(arg, "-D", 2) == 0 ||
                   strncmp(arg, "-U", 2) == 0) {
            const char *flag = arg[1] == 'I' ? "-I" : arg[1] == 'D' ? "-D" : "-U";
            const char *value = option_value(argc, argv, &i, 2);
            if (!value || !*value)
                return usage_error("option '%s' needs an argument", flag);
            opts->cpp_args[opts->ncpp_args++] = flag;
            opts->cpp_args[opts->ncpp_args++] = value;
        } else if (strcmp(arg, "-E") == 0) {
            opts->mode = MODE_PREPROCESS;
        } else if (strncmp(arg, "--preprocessor=", 15) == 0) {
            if (strcmp(arg + 15, "auto") == 0)
                opts->preprocessor = PREPROCESSOR_AUTO;
            else if (strcmp(arg + 15, "builtin") == 0)
                opts->preprocessor = PREPROCESSOR_BUILTIN;
            else if (strcmp(arg + 15, "system") == 0)
                opts->preprocessor = PREPROCESSOR_SYSTEM;
            else
                return usage_error("unknown preprocessor in '%s' (known: auto, builtin, system)", arg);
        } else if (strcmp(arg, "--parse-only") == 0) {
            opts->mode = MODE_PARSE_ONLY;
        } else if (strcmp(arg, "-fsyntax-only") == 0) {
            opts->mode = MODE_SYNTAX_ONLY;
        } else if (strncmp(arg, "--emit=", 7) == 0) {
            if (strcmp(arg + 7, "p4") == 0)
                opts->mode = MODE_EMIT_P4;
            else if (strcmp(arg + 7, "c") == 0)
                opts->mode = MODE_EMIT_C;
            else if (strcmp(arg + 7, "typed-p4") == 0)
                opts->mode = MODE_EMIT_TYPED_P4;
            else if (strcmp(arg + 7, "api") == 0)
                opts->mode = MODE_EMIT_API;
            else
                return usage_error("unknown output kind in '%s' (known: p4, typed-p4, c, api)",
                                   arg);
        } else if (strcmp(arg, "-S") == 0) {
            opts->mode = MODE_EMIT_C;
        } else if (strncmp(arg, "--dump-ir=", 10) == 0) {
            if (!ir_is_pass_name(arg + 10))
                return usage_error("unknown pass in '%s' (see --help)", arg);
            opts->dump_ir = arg + 10;
        } else if (strcmp(arg, "--extern-c") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a file", arg);
            opts->extern_c[opts->nextern_c++] = argv[++i];
        } else if (strcmp(arg, "--extern-dir") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a directory", arg);
            opts->extern_dirs[opts->nextern_dirs++] = argv[++i];
        } else if (strcmp(arg, "--api-header") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a file", arg);
            opts->api_header = argv[++i];
        } else if (strcmp(arg, "--no-api-header") == 0) {
            opts->no_api_header = true;
        } else if (strcmp(arg, "--capture") == 0) {
            opts->capture = true;
        } else if (strcmp(arg, "--trace") == 0) {
            opts->trace = true;
        } else if (strcmp(arg, "--clang") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a path", arg);
            opts->clang = argv[++i];
        } else if (strcmp(arg, "-Werror") == 0) {
            opts->warnings_are_errors = true;
        } else if (strcmp(arg, "-w") == 0) {
            opts->no_warnings = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s'", arg);
        } else if (opts->input) {
            return usage_error("more than one input file ('%s')", arg);
        } else {
            opts->input = arg;
        }
    }
    if (!opts->input)
        return usage_error("%s", "no input file");
    struct stat st;
    if (stat(opts->input, &st) != 0) {
        fprintf(stderr, "p4cc: error: %s: %s\n", opts->input, strerror(errno));
        return EXIT_USAGE;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "p4cc: error: %s: is a directory\n", opts->input);
        return EXIT_USAGE;
    }
    return 0;
}

static int preprocess_only(const Options *opts, const PreprocessOptions *pp)
{
    size_t len = 0;
    char *text = preprocess_file(opts->input, pp, &len);
    if (!text)
        return EXIT_PROGRAM_ERROR;
    OutFile out;
    bool ok = outfile_open(&out, opts->output);
    if (ok) {
        fwrite(text, 1, len, out.f);
        ok = outfile_close(&out) && outfile_commit(&out);
    }
    free(text);
    return ok ? 0 : EXIT_PROGRAM_ERROR;
}

/* Parses while the system preprocessor still runs (or the built-in one's
 * text when that did the job). The parser's diagnostics wait
 * in memory: when the preprocessor fails (say, a missing #include), its own
 * messages explain the failure and the parser's would only be noise. */
static Node *preprocess_and_parse(const Options *opts, const PreprocessOptions *pp_options,
                                  Arena *arena, Diag *diag)
{
    Preprocessor pp;
    if (!preprocess_start(opts->input, pp_options, &pp))
        return NULL;
    char *messages = NULL;
    size_t messages_len = 0;
    FILE *held = open_memstream(&messages, &messages_len);
    FILE *real_out = diag->out;
    if (held)
        diag->out = held;
    Node *program = pp.text ? parse_program(arena, diag, pp.text, pp.text_len, opts->input)
                            : parse_program_stream(arena, diag, pp.output, opts->input);
    bool preprocessed = preprocess_finish(&pp);
    if (held) {
        fclose(held);
        diag->out = real_out;
        if (preprocessed)
            fwrite(messages, 1, messages_len, real_out);
        free(messages);
    }
    return preprocessed ? program : NULL;
}

/* The program's name: its file name without directory and `.p4`. */
static char *program_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".p4") == 0)
        len -= 3;
    return strndup(base, len);
}

/* Adds the absolute path of FILE to LIST (N entries) unless it is there;
 * false after reporting when FILE cannot be resolved. */
static bool add_extern_c(const char *file, Arena *arena, const char **list, int *n)
{
    char *path = realpath(file, NULL);
    if (!path) {
        fprintf(stderr, "p4cc: error: %s: %s\n", file, strerror(errno));
        return false;
    }
    bool known = false;
    for (int i = 0; i < *n && !known; i++)
        known = strcmp(list[i], path) == 0;
    if (!known)
        list[(*n)++] = arena_strdup(arena, path);
    free(path);
    return true;
}

/* The C files implementing the program's extern functions: each
 * --extern-c FILE, then DIR/NAME.c for each extern function NAME the
 * program declares and each --extern-dir DIR that has that file (the
 * first such DIR). Sets *LIST; returns its length, or -1 after reporting
 * an error. */
static int find_extern_c(const Options *opts, Node *program, Arena *arena, const char ***list)
{
    int nfunctions = 0;
    for (int i = 0; i < program->items.len; i++)
        nfunctions += program->items.items[i]->kind == N_EXTERN_FUNCTION;
    const char **files = arena_alloc(arena, sizeof(char *) * (size_t)(opts->nextern_c + nfunctions + 1));
    int n = 0;
    for (int i = 0; i < opts->nextern_c; i++)
        if (!add_extern_c(opts->extern_c[i], arena, files, &n))
            return -1;
    for (int i = 0; i < program->items.len; i++) {
        Node *decl = program->items.items[i];
        if (decl->kind != N_EXTERN_FUNCTION)
            continue;
        for (int d = 0; d < opts->nextern_dirs; d++) {
            const char *file = arena_printf(arena, "%s/%s.c", opts->extern_dirs[d], decl->name);
            if (access(file, R_OK) == 0) {
                if (!add_extern_c(file, arena, files, &n))
                    return -1;
                break;
            }
        }
    }
    *list = files;
    return n;
}

/* Midend and backend: the IR, its passes, then C or an object. */
static int generate(const Options *opts, Node *program, Arena *arena, Diag *diag)
{
    char *name = program_name(opts->input);
    int errors_before = diag->errors;
    IrProgram *ir = ir_lower(arena, diag, program, arena_strdup(arena, name));
    int status = EXIT_PROGRAM_ERROR;
    bool lowered = ir && ir_run_passes(ir, opts->dump_ir, stderr);
    /* Never fail in silence: a pass that gives up without saying why is a
     * bug of ours, and the user should hear of it. */
    if (!lowered && diag->errors == errors_before)
        diag_plain_error(diag, "internal error: the midend rejected %s without saying why; "
                         "please report this program", opts->input);
    if (lowered) {
        char *default_output = NULL;
        const char **extern_c = NULL;
        int nextern_c = find_extern_c(opts, program, arena, &extern_c);
        if (nextern_c < 0) {
            free(name);
            return EXIT_PROGRAM_ERROR;
        }
        BackendOptions backend = {.output = opts->output, .c_only = opts->mode == MODE_EMIT_C,
                                  .api_only = opts->mode == MODE_EMIT_API,
                                  .clang = opts->clang,
                                  .extern_c = extern_c,
                                  .nextern_c = nextern_c,
                                  .api_header = opts->api_header,
                                  .no_api_header = opts->no_api_header,
                                  .capture = opts->capture, .trace = opts->trace};
        if (!backend.c_only && !backend.api_only && !backend.output)
            backend.output = default_output = arena_printf(arena, "%s.o", name);
        if (backend.output && strcmp(backend.output, "-") == 0)
            backend.output = NULL;
        if (backend_compile(ir, &backend))
            status = 0;
        (void)default_output;
    }
    free(name);
    return status;
}

static int compile(const Options *opts, const char *include_dir)
{
    PreprocessOptions pp = {
        .kind = opts->preprocessor,
        .include_dir = include_dir,
        .user_args = opts->cpp_args,
        .nuser_args = opts->ncpp_args,
    };
    if (opts->mode == MODE_PREPROCESS)
        return preprocess_only(opts, &pp);

    Arena arena;
    arena_init(&arena);
    Diag diag;
    diag_init(&diag, &arena, stderr);
    diag.warnings_are_errors = opts->warnings_are_errors;
    diag.suppress_warnings = opts->no_warnings;

    Node *program = preprocess_and_parse(opts, &pp, &arena, &diag);
    int status = !program || diag.errors ? EXIT_PROGRAM_ERROR : 0;
    bool wants_checking = opts->mode == MODE_SYNTAX_ONLY || opts->mode == MODE_COMPILE ||
                          opts->mode == MODE_EMIT_C || opts->mode == MODE_EMIT_TYPED_P4 ||
                          opts->mode == MODE_EMIT_API;
    if (status == 0 && wants_checking && !sema_check(&arena, &diag, program))
        status = EXIT_PROGRAM_ERROR;

    if (status == 0 && (opts->mode == MODE_EMIT_P4 || opts->mode == MODE_EMIT_TYPED_P4)) {
        OutFile out;
        if (!outfile_open(&out, opts->output)) {
            status = EXIT_PROGRAM_ERROR;
        } else {
            PrintOptions print = {.system_include_dir = include_dir,
                                  .show_types = opts->mode == MODE_EMIT_TYPED_P4};
            print_program(out.f, program, &print);
            if (!outfile_close(&out) || !outfile_commit(&out))
                status = EXIT_PROGRAM_ERROR;
        }
    } else if (status == 0 && (opts->mode == MODE_COMPILE || opts->mode == MODE_EMIT_C ||
                               opts->mode == MODE_EMIT_API)) {
        status = generate(opts, program, &arena, &diag);
    }
    arena_free(&arena);
    return status;
}

int main(int argc, char **argv)
{
    Options opts = {0};
    bool done = false;
    int status = parse_options(argc, argv, &opts, &done);
    if (status != 0 || done) {
        free(opts.cpp_args);
        free(opts.extern_c);
        free(opts.extern_dirs);
        /* --help or --version into a full disk did not do its job */
        return status == 0 && !stdout_flushed() ? EXIT_PROGRAM_ERROR : status;
    }
    char *include_dir = find_include_dir();
    status = compile(&opts, include_dir);
    free(include_dir);
    free(opts.cpp_args);
    free(opts.extern_c);
    free(opts.extern_dirs);
    if (!stdout_flushed() && status == 0)
        status = EXIT_PROGRAM_ERROR;
    return status;
}
