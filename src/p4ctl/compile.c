/* Compiling .p4 inputs with p4cc; see compile.h. */
#include "compile.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        abort();
    return p;
}

static char *concat(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s%s%s", a, b, c);
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

char *p4build_find_p4cc(const char *p4cc_opt)
{
    char self[4096];
    if (p4cc_opt)
        return xstrdup(p4cc_opt);
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *sibling = concat(dirname(self), "/p4cc", "");
        if (access(sibling, X_OK) == 0)
            return sibling;
        free(sibling);
    }
    const char *env = getenv("P4CC");
    return xstrdup(env && *env ? env : "p4cc");
}

/* The path without its directory and without SUFFIX. */
static char *stem(const char *path, const char *suffix)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *s = xstrdup(base);
    if (ends_with(s, suffix) && strlen(s) > strlen(suffix))
        s[strlen(s) - strlen(suffix)] = '\0';
    return s;
}

int p4build_prepare(const char *input, const char *p4cc, char *const *opts, size_t nopts,
                    P4Build *b, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    if (!ends_with(input, ".p4")) {
        b->obj = xstrdup(input);
        size_t n = strlen(input);
        if (ends_with(input, ".o"))
            n -= 2;
        b->p4info = malloc(n + sizeof ".p4info.json");
        if (!b->p4info)
            abort();
        memcpy(b->p4info, input, n);
        strcpy(b->p4info + n, ".p4info.json");
        return 0;
    }

    const char *tmp = getenv("TMPDIR");
    char *templ = concat(tmp && *tmp ? tmp : "/tmp", "/p4ctl.XXXXXX", "");
    if (!mkdtemp(templ)) {
        snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
        free(templ);
        return -1;
    }
    b->dir = templ;
    char *name = stem(input, ".p4");
    char *obj = concat(b->dir, "/", name);
    b->obj = concat(obj, ".o", "");
    b->p4info = concat(obj, ".p4info.json", "");
    free(obj);
    free(name);

    char **argv = calloc(nopts + 5, sizeof *argv);
    if (!argv)
        abort();
    size_t k = 0;
    argv[k++] = (char *)p4cc;
    for (size_t i = 0; i < nopts; i++)
        argv[k++] = opts[i];
    argv[k++] = (char *)input;
    argv[k++] = "-o";
    argv[k++] = b->obj;
    argv[k] = NULL;

    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot run %s: %s", p4cc, strerror(errno));
        free(argv);
        return -1;
    }
    if (pid == 0) {
        dup2(STDERR_FILENO, STDOUT_FILENO);
        execvp(p4cc, argv);
        fprintf(stderr, "p4ctl: cannot run %s: %s\n", p4cc, strerror(errno));
        _exit(127);
    }
    free(argv);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            snprintf(err, errlen, "waiting for %s: %s", p4cc, strerror(errno));
            return -1;
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (access(b->obj, R_OK) != 0) {
            snprintf(err, errlen, "%s wrote no object for %s", p4cc, input);
            return -1;
        }
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(err, errlen, "cannot run %s (set P4CC or put p4cc on PATH)", p4cc);
    else if (WIFEXITED(status))
        snprintf(err, errlen, "%s could not compile %s (exit status %d)", p4cc, input,
                 WEXITSTATUS(status));
    else
        snprintf(err, errlen, "%s died of signal %d compiling %s", p4cc, WTERMSIG(status), input);
    return -1;
}

/* Remove DIR and the files in it (p4cc writes no subdirectories). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *path = concat(dir, "/", e->d_name);
            unlink(path);
            free(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

void p4build_cleanup(P4Build *b)
{
    if (b->dir) {
        /* Remove what p4cc wrote (prog.o, prog.p4info.json, prog.c ...). */
        remove_tree(b->dir);
    }
    free(b->dir);
    free(b->obj);
    free(b->p4info);
    memset(b, 0, sizeof *b);
}
