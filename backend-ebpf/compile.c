/* Runs the backend: C from the IR, then clang (-target bpf -O2 -g) for the
 * object, and the p4info file next to it. */
#include "backend.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emit.h"

/* OUTPUT with its extension replaced by SUFFIX: prog.o -> prog.p4info.json. */
static char *sibling_path(const char *output, const char *suffix)
{
    size_t len = strlen(output);
    const char *slash = strrchr(output, '/');
    const char *dot = strrchr(output, '.');
    if (dot && (!slash || dot > slash))
        len = (size_t)(dot - output);
    char *path = malloc(len + strlen(suffix) + 1);
    if (path) {
        memcpy(path, output, len);
        strcpy(path + len, suffix);
    }
    return path;
}

/* Where the host's asm/ headers are, which linux/bpf.h includes: the
 * multiarch directory the build machine's compiler names. */
#ifndef P4CC_MULTIARCH
#define P4CC_MULTIARCH "x86_64-linux-gnu"
#endif

/* Runs clang on C_FILE, with DEFINE and EXTRA (options; either may be
 * NULL). Its messages go to LOG when LOG is not NULL ("/dev/null" to drop
 * them), else to p4cc's stderr. */
static int run_clang(const char *clang, const char *c_file, const char *object,
                     const char *define, const char *extra, const char *log)
{
    const char *argv[] = {clang, "-target", "bpf", "-O2", "-g", "-Wno-unused-label",
                          "-Wno-unused-variable", "-Wno-unused-function",
                          "-Wno-parentheses-equality", "-Wno-tautological-constant-out-of-range-compare",
                          /* an extern function no --extern-c file defines */
                          "-Werror=implicit-function-declaration",
                          "-I/usr/include/" P4CC_MULTIARCH, "-c", c_file, "-o", object,
                          NULL, NULL, NULL};
    int n = 16;
    if (define)
        argv[n++] = define;
    if (extra)
        argv[n++] = extra;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (log && !freopen(log, "w", stderr))
            _exit(127);
        execvp(clang, (char *const *)argv);
        fprintf(stderr, "p4cc: error: cannot run '%s': %s (set --clang or CLANG)\n", clang,
                strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* A crash (a stack overflow, say) leaves no message of its own. */
    if (WIFSIGNALED(status) && !log)
        fprintf(stderr, "p4cc: error: %s was killed by signal %d (%s)\n", clang,
                WTERMSIG(status), strsignal(WTERMSIG(status)));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The verifier adds the frame of a function called (a bpf_loop callback,
 * the capture function p4cc_capture_packet of <p4cc/capture.h>) to the
 * frame of its caller, and the sum may not pass 512 bytes; each frame
 * counts rounded up to 32 bytes (the interpreter's granularity). clang
 * checks each function alone, so p4cc checks the pair: LOG holds clang's
 * -Wframe-larger-than=0 warnings, one per function with a frame, and the
 * two largest frames must fit together (the main function and its largest
 * callee, or an overestimate). No sizes found (clang words the warning
 * differently): unknown, so no. */
static bool frames_fit(const char *log)
{
    FILE *f = fopen(log, "r");
    if (!f)
        return false;
    long first = -1, second = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "stack frame size");
        if (!p)
            continue;
        p += strcspn(p, "0123456789");
        long size = (strtol(p, NULL, 10) + 31) / 32 * 32;
        if (size > first) {
            second = first < 0 ? 0 : first;
            first = size;
        } else if (size > second) {
            second = size;
        }
    }
    fclose(f);
    return first >= 0 && first + second <= 512;
}

/* clang on C_FILE with DEFINE (or none); CHECK_FRAMES: its frames must
 * fit together too (frames_fit). 0 when the object is good. */
static int compile_checked(const char *clang, const char *c_file, const char *object,
                           const char *define, bool check_frames)
{
    char *log = check_frames ? sibling_path(object, ".p4cc.log") : NULL;
    if (check_frames && !log)
        return -1;
    int status = run_clang(clang, c_file, object, define,
                           check_frames ? "-Wframe-larger-than=0" : NULL,
                           log ? log : "/dev/null");
    if (status == 0 && check_frames && !frames_fit(log))
        status = 1;
    if (log) {
        unlink(log);
        free(log);
    }
    return status;
}

/* The object: the per-packet state on the stack when it is small
 * (P4CC_STATE_ON_STACK, emit_program.c), with the capture hooks. When
 * clang fails (the locals overflow the 512-byte stack) or the frames do
 * not fit together (the main function's and the capture function's, or a
 * bpf_loop callback's), the hooks are compiled out first, so that the
 * packets' path stays as it is (such a program cannot be captured:
 * libp4rt says so), and else the state goes to its map. The messages of
 * the runs before the last are dropped: a failure's show in the last. */
static bool compile_object(IrProgram *ir, const char *clang, const char *c_file,
                           const char *object)
{
    bool callbacks = emit_has_callbacks(ir);
    int status = compile_checked(clang, c_file, object, NULL, true);
    if (status != 0)
        status = compile_checked(clang, c_file, object, "-DP4CC_CAPTURE=0", callbacks);
    if (status != 0)
        status = run_clang(clang, c_file, object, "-DP4CC_STATE_ON_STACK=0", NULL, NULL);
    return status == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* prog.h beside prog.o, or where --api-header says. */
static bool write_header(IrProgram *ir, const P4Ids *ids, const BackendOptions *options)
{
    char *path = options->api_header ? NULL : sibling_path(options->output, ".h");
    const char *file = options->api_header ? options->api_header : path;
    FILE *out = file ? fopen(file, "w") : NULL;
    bool ok = out != NULL;
    if (!out)
        fprintf(stderr, "p4cc: error: cannot write %s: %s\n", file ? file : "?", strerror(errno));
    else
        ok = write_api_header(ir, ids, out, base_name(file));
    if (out && fclose(out) != 0)
        ok = false;
    free(path);
    return ok;
}

bool backend_compile(IrProgram *ir, const BackendOptions *options)
{
    if (options->api_only) {
        FILE *out = options->output ? fopen(options->output, "w") : stdout;
        if (!out) {
            fprintf(stderr, "p4cc: error: cannot write %s: %s\n", options->output, strerror(errno));
            return false;
        }
        P4Ids ids = p4ids_assign(ir);
        bool ok = write_api_header(ir, &ids, out,
                                   options->output ? base_name(options->output)
                                                   : arena_printf(ir->arena, "%s.h", ir->name));
        if (out != stdout && fclose(out) != 0)
            ok = false;
        return ok;
    }
    if (options->c_only) {
        FILE *out = options->output ? fopen(options->output, "w") : stdout;
        if (!out) {
            fprintf(stderr, "p4cc: error: cannot write %s: %s\n", options->output, strerror(errno));
            return false;
        }
        bool ok = emit_c_program(ir, out, options->extern_c, options->nextern_c);
        if (out != stdout)
            fclose(out);
        return ok;
    }
    P4Ids ids = p4ids_assign(ir); /* once: p4info and prog.h agree, warnings come once */
    char *c_file = sibling_path(options->output, ".p4cc.c");
    char *info_file = sibling_path(options->output, ".p4info.json");
    bool ok = c_file && info_file;
    FILE *out = ok ? fopen(c_file, "w") : NULL;
    if (!out) {
        fprintf(stderr, "p4cc: error: cannot write %s (the generated C, kept beside the object): %s\n",
                c_file ? c_file : options->output, strerror(errno));
        ok = false;
    } else {
        ok = emit_c_program(ir, out, options->extern_c, options->nextern_c);
        if (fclose(out) != 0)
            ok = false;
    }
    if (ok) {
        const char *clang = options->clang ? options->clang : getenv("CLANG");
        clang = clang && *clang ? clang : "clang";
        if (!compile_object(ir, clang, c_file, options->output)) {
            fprintf(stderr, "p4cc: error: clang failed on the generated C (kept in %s)\n", c_file);
            ok = false;
        }
    }
    if (ok) {
        FILE *info = fopen(info_file, "w");
        if (!info) {
            fprintf(stderr, "p4cc: error: cannot write %s: %s\n", info_file, strerror(errno));
            ok = false;
        } else {
            ok = write_p4info(ir, &ids, info, base_name(options->output));
            fclose(info);
        }
    }
    if (ok && !options->no_api_header)
        ok = write_header(ir, &ids, options);
    if (ok)
        unlink(c_file);
    free(c_file);
    free(info_file);
    return ok;
}
