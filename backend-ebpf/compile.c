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
#include "outfile.h"

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
 * fit together too (frames_fit; clang's log goes beside the C). 0 when the
 * object is good. */
static int compile_checked(const char *clang, const char *c_file, const char *object,
                           const char *define, bool check_frames)
{
    char *log = check_frames ? sibling_path(c_file, ".log") : NULL;
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
 * (P4CC_STATE_ON_STACK, emit_program.c). When clang fails (the locals
 * overflow the 512-byte stack; with --trace the program has its code
 * twice, the traced copy with an event on the stack) or the frames do not
 * fit together (a bpf_loop callback's, or with --capture the capture
 * function's, with the main function's), the state goes to its map; with
 * --capture that is an error instead, as the hooks are there to watch the
 * packets' usual path (a trace names states, tables and actions, the same
 * either way). The messages of the runs before the last are dropped: a
 * failure's show in the last. */
static bool compile_object(IrProgram *ir, const char *clang, const char *c_file,
                           const char *object, bool capture, bool trace)
{
    bool callbacks = emit_has_callbacks(ir);
    int status = compile_checked(clang, c_file, object, NULL, capture || trace || callbacks);
    if (status != 0 && capture) {
        fprintf(stderr, "p4cc: error: with the capture hooks (--capture) this program does not "
                        "fit the BPF stack; compile it without --capture\n");
        return false;
    }
    if (status != 0 && trace) {
        status = compile_checked(clang, c_file, object, "-DP4CC_STATE_ON_STACK=0", true);
        if (status != 0)
            fprintf(stderr, "p4cc: error: with the trace hooks (--trace) this program does not "
                            "fit the BPF stack; compile it without --trace\n");
        return status == 0;
    }
    if (status != 0)
        status = run_clang(clang, c_file, object, "-DP4CC_STATE_ON_STACK=0", NULL, NULL);
    return status == 0;
}

/* Whether FILE, which clang was to write, is a BPF object: an ELF file
 * (a clang that exits 0 having written nothing is not a compiler). */
static bool is_elf_object(const char *file)
{
    unsigned char magic[4] = {0};
    FILE *f = fopen(file, "rb");
    bool ok = f && fread(magic, 1, sizeof magic, f) == sizeof magic &&
              memcmp(magic, "\x7f" "ELF", 4) == 0;
    if (f)
        fclose(f);
    return ok;
}

/* Copies FROM to TO (written in place: standard output, a device, a link). */
static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        fprintf(stderr, "p4cc: error: cannot read %s: %s\n", from, strerror(errno));
        return false;
    }
    OutFile out;
    bool ok = outfile_open(&out, to);
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out.f);
    if (ok && ferror(in)) {
        fprintf(stderr, "p4cc: error: cannot read %s: %s\n", from, strerror(errno));
        outfile_discard(&out);
        ok = false;
    }
    fclose(in);
    return ok && outfile_close(&out) && outfile_commit(&out);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Writes one text output (the C, the C API header) to PATH (NULL:
 * standard output) completely or not at all. */
static bool write_whole(const char *path, bool (*write)(IrProgram *, const void *, FILE *),
                        IrProgram *ir, const void *arg)
{
    OutFile out;
    if (!outfile_open(&out, path))
        return false;
    if (!write(ir, arg, out.f)) {
        outfile_discard(&out);
        return false;
    }
    return outfile_close(&out) && outfile_commit(&out);
}

typedef struct HeaderArgs {
    const P4Ids *ids;
    const char *name;   /* the header's file name, for its include guard */
} HeaderArgs;

static bool header_writer(IrProgram *ir, const void *arg, FILE *out)
{
    const HeaderArgs *h = arg;
    return write_api_header(ir, h->ids, out, h->name);
}

static bool c_writer(IrProgram *ir, const void *arg, FILE *out)
{
    const BackendOptions *options = arg;
    return emit_c_program(ir, out, options->extern_c, options->nextern_c, options->capture,
                          options->trace);
}

/* The generated C of a compilation into OBJECT, which clang compiles: beside
 * a regular OBJECT (PROG.p4cc.c), else (/dev/null, standard output) in a
 * new directory under $TMPDIR. Sets *DIR to that directory, if any. */
static char *c_file_for(IrProgram *ir, const char *object, bool regular, char **dir)
{
    *dir = NULL;
    if (regular)
        return sibling_path(object, ".p4cc.c");
    const char *tmp = getenv("TMPDIR");
    char *d = arena_printf(ir->arena, "%s/p4cc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(d)) {
        fprintf(stderr, "p4cc: error: cannot make a directory for the generated C (%s): %s\n", d,
                strerror(errno));
        return NULL;
    }
    *dir = strdup(d);
    size_t len = strlen(d) + strlen(ir->name) + sizeof "/.p4cc.c";
    char *c = malloc(len);
    if (c)
        snprintf(c, len, "%s/%s.p4cc.c", d, ir->name);
    return c;
}

bool backend_compile(IrProgram *ir, const BackendOptions *options)
{
    if (options->api_only) {
        P4Ids ids = p4ids_assign(ir);
        HeaderArgs h = {&ids, options->output ? base_name(options->output)
                                              : arena_printf(ir->arena, "%s.h", ir->name)};
        return write_whole(options->output, header_writer, ir, &h);
    }
    if (options->c_only)
        return write_whole(options->output, c_writer, ir, options);

    P4Ids ids = p4ids_assign(ir); /* once: p4info and prog.h agree, warnings come once */
    const char *object = options->output ? options->output : "-";
    /* Files beside the object only beside a regular one: not /dev/null.h. */
    bool regular = outfile_is_regular(object);
    char *dir = NULL;
    char *c_file = c_file_for(ir, object, regular, &dir);
    char *info_file = regular ? sibling_path(object, ".p4info.json") : NULL;
    char *header_file = options->no_api_header ? NULL
                        : options->api_header ? strdup(options->api_header)
                        : regular ? sibling_path(object, ".h") : NULL;
    bool ok = c_file && (!regular || info_file) &&
              (options->no_api_header || options->api_header || !regular || header_file);
    OutFile obj = {0}, info = {0}, header = {0};

    /* The C, in place: kept for a look when clang fails on it. */
    FILE *out = ok ? fopen(c_file, "w") : NULL;
    if (ok && !out) {
        fprintf(stderr, "p4cc: error: cannot write %s (the generated C, kept beside the object): %s\n",
                c_file, strerror(errno));
        ok = false;
    } else if (out) {
        ok = emit_c_program(ir, out, options->extern_c, options->nextern_c, options->capture,
                          options->trace);
        bool written = !ferror(out) && fflush(out) == 0;
        int err = errno;
        if (fclose(out) != 0 && written) {
            written = false;
            err = errno;
        }
        if (!written) {
            fprintf(stderr, "p4cc: error: cannot write %s (the generated C): %s\n", c_file,
                    strerror(err ? err : EIO));
            ok = false;
        }
        if (!ok)
            unlink(c_file);
    }
    bool keep_c = false;
    /* clang writes the object's temporary, or, when the object is not a
     * file p4cc replaces (standard output, /dev/null, a link), a file
     * beside the C that p4cc copies there: clang itself would replace a
     * link such as /dev/stdout by a file. */
    char *clang_out = NULL;
    if (ok)
        ok = outfile_reserve(&obj, object);
    if (ok && !obj.tmp)
        ok = (clang_out = sibling_path(c_file, ".o")) != NULL;
    if (ok) {
        const char *clang = options->clang ? options->clang : getenv("CLANG");
        clang = clang && *clang ? clang : "clang";
        const char *written = clang_out ? clang_out : outfile_name(&obj);
        if (!compile_object(ir, clang, c_file, written, options->capture, options->trace)) {
            fprintf(stderr, "p4cc: error: clang failed on the generated C (kept in %s)\n", c_file);
            ok = false;
            keep_c = true;
        } else if (!is_elf_object(written)) {
            fprintf(stderr, "p4cc: error: %s exited with success but wrote no BPF object (the "
                            "generated C is kept in %s)\n", clang, c_file);
            ok = false;
            keep_c = true;
        }
    }
    if (ok && info_file && outfile_open(&info, info_file)) {
        ok = write_p4info(ir, &ids, info.f, base_name(object), options->trace);
        ok = outfile_close(&info) && ok;
    } else if (ok && info_file) {
        ok = false;
    }
    if (ok && header_file && outfile_open(&header, header_file)) {
        ok = write_api_header(ir, &ids, header.f, base_name(header_file));
        ok = outfile_close(&header) && ok;
    } else if (ok && header_file) {
        ok = false;
    }
    /* All written: the files take their names together. */
    if (ok)
        ok = outfile_commit(&obj) && outfile_commit(&info) && outfile_commit(&header);
    if (ok && clang_out)
        ok = copy_file(clang_out, object);
    if (clang_out) {
        unlink(clang_out);
        free(clang_out);
    }
    outfile_discard(&obj);
    outfile_discard(&info);
    outfile_discard(&header);
    if (!keep_c) {
        if (c_file)
            unlink(c_file);
        if (dir)
            rmdir(dir);
    }
    free(dir);
    free(c_file);
    free(info_file);
    free(header_file);
    return ok;
}
