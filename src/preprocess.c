/* Preprocessing: the built-in preprocessor when it can do the job (no
 * process to start), else the system `cpp`: #include, #define and #if work
 * as in p4c, and the line markers left in the output let the lexer report
 * positions in the original files. */
#include "preprocess.h"

#include "cpp.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *find_include_dir(void)
{
    const char *env = getenv("P4CC_INCLUDE");
    if (env && *env) {
        char *real = realpath(env, NULL);
        return real ? real : strdup(env);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = dirname(exe);
        /* The source tree's p4include when running from a build directory,
         * else an installation next to the binary (PREFIX/bin, PREFIX/share),
         * which keeps an installed tree relocatable. */
        static const char *const candidates[] = {"%s/../p4include", "%s/../share/p4cc/p4include"};
        for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
            char candidate[PATH_MAX + 64];
            snprintf(candidate, sizeof candidate, candidates[i], dir);
            char probe[PATH_MAX + 80];
            snprintf(probe, sizeof probe, "%s/core.p4", candidate);
            if (!file_exists(probe))
                continue;
            char *real = realpath(candidate, NULL);
            if (real)
                return real;
        }
    }
    return strdup(P4CC_INCLUDE_DIR);
}

/* Reads everything from FD into a malloc'd NUL-terminated buffer. */
static char *read_all(int fd, size_t *len)
{
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (cap - used < 4096) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
        }
        ssize_t n = read(fd, buf + used, cap - used - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        used += (size_t)n;
    }
    buf[used] = '\0';
    *len = used;
    return buf;
}

/* The built-in preprocessor's output, kept in memory for the parser. */
static bool builtin_start(const char *path, const PreprocessOptions *options, Preprocessor *pp,
                          char *why, size_t why_size)
{
    size_t len = 0;
    char *text = cpp_builtin(path, options->user_args, options->nuser_args, options->include_dir,
                             &len, why, why_size);
    if (!text)
        return false;
    pp->pid = 0;
    pp->output = NULL;
    pp->text = text;
    pp->text_len = len;
    return true;
}

bool preprocess_start(const char *path, const PreprocessOptions *options, Preprocessor *pp)
{
    pp->text = NULL;
    const char *cpp_env = getenv("CPP");
    bool use_builtin = options->kind == PREPROCESSOR_BUILTIN ||
                       (options->kind == PREPROCESSOR_AUTO && !(cpp_env && *cpp_env));
    if (use_builtin) {
        char why[512];
        if (builtin_start(path, options, pp, why, sizeof why))
            return true;
        if (options->kind == PREPROCESSOR_BUILTIN) {
            fprintf(stderr, "p4cc: error: the built-in preprocessor cannot do this: %s "
                            "(--preprocessor=system uses cpp)\n", why);
            return false;
        }
    }
    const char *cpp = getenv("CPP");
    if (!cpp || !*cpp)
        cpp = "cpp";
    /* cpp -undef -nostdinc -x c -Wno-comment USER-ARGS -I INCLUDE PATH */
    int argc = 0;
    const char **argv = calloc((size_t)options->nuser_args + 16, sizeof(char *));
    if (!argv)
        return false;
    argv[argc++] = cpp;
    argv[argc++] = "-undef";
    argv[argc++] = "-nostdinc";
    argv[argc++] = "-x";
    argv[argc++] = "c";
    argv[argc++] = "-Wno-comment";
    /* Keep non-ASCII bytes as they are (gcc's cpp would write UCNs), so the
     * lexer reports them as written. Only for the default cpp: another
     * preprocessor may not know the flag. */
    if (!getenv("CPP") || !*getenv("CPP"))
        argv[argc++] = "-fno-extended-identifiers";
    argv[argc++] = "-D__p4cc__=1";
    for (int i = 0; i < options->nuser_args; i++)
        argv[argc++] = options->user_args[i];
    argv[argc++] = "-I";
    argv[argc++] = options->include_dir;
    argv[argc++] = path;
    argv[argc] = NULL;

    int pipefd[2];
    if (pipe(pipefd) != 0) {
        fprintf(stderr, "p4cc: error: cannot run the preprocessor: %s\n", strerror(errno));
        free(argv);
        return false;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "p4cc: error: cannot run the preprocessor: %s\n", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        free(argv);
        return false;
    }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        execvp(cpp, (char *const *)argv);
        fprintf(stderr, "p4cc: error: cannot run the preprocessor '%s': %s\n", cpp, strerror(errno));
        _exit(127);
    }
    free(argv);
    close(pipefd[1]);
    pp->pid = pid;
    pp->output = fdopen(pipefd[0], "r");
    if (!pp->output) {
        close(pipefd[0]);
        preprocess_finish(pp);
        return false;
    }
    return true;
}

bool preprocess_finish(Preprocessor *pp)
{
    if (pp->pid == 0) {
        free(pp->text);
        pp->text = NULL;
        return true;
    }
    if (pp->output) {
        /* Drain what is left so the preprocessor never blocks on a full pipe. */
        char buf[4096];
        while (fread(buf, 1, sizeof buf, pp->output) > 0)
            ;
        fclose(pp->output);
        pp->output = NULL;
    }
    int status = 0;
    while (waitpid(pp->pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

char *preprocess_file(const char *path, const PreprocessOptions *options, size_t *len)
{
    Preprocessor pp;
    if (!preprocess_start(path, options, &pp))
        return NULL;
    if (pp.pid == 0) {      /* the built-in preprocessor's text as it is */
        *len = pp.text_len;
        return pp.text;
    }
    char *text = read_all(fileno(pp.output), len);
    bool ok = preprocess_finish(&pp);
    if (!text || !ok) {
        free(text);
        return NULL;
    }
    return text;
}
