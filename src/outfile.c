/* Output files written completely or not at all; see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *path, int err)
{
    fprintf(stderr, "p4cc: error: cannot write %s: %s\n", path ? path : "standard output",
            strerror(err ? err : EIO));
}

/* Whether p4cc writes PATH through a temporary: a regular file or a new
 * name, not a symbolic link (which stays one, written through). */
static bool replaceable(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return false;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    return S_ISREG(st.st_mode);
}

/* Whether the directory of PATH is in /proc (where /dev/stdout and
 * /dev/fd/N lead). */
static bool in_proc(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return true;
    char *slash = strrchr(copy, '/');
    const char *dir = !slash ? "." : slash == copy ? "/" : (*slash = '\0', copy);
    char *real = realpath(dir, NULL);
    bool proc = !real || strncmp(real, "/proc/", 6) == 0 || strcmp(real, "/proc") == 0;
    free(real);
    free(copy);
    return proc;
}

bool outfile_is_regular(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return false;
    /* Follow symbolic links one by one: a link to a regular file is one,
     * /dev/stdout (a link into /proc) redirected to a file is not. */
    char *cur = strdup(path);
    bool regular = false;
    for (int hops = 0; cur && hops < 40 && !in_proc(cur); hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            regular = errno == ENOENT;
            break;
        }
        if (!S_ISLNK(st.st_mode)) {
            regular = S_ISREG(st.st_mode);
            break;
        }
        char target[4096];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0)
            break;
        target[n] = '\0';
        char *next;
        const char *slash = strrchr(cur, '/');
        if (target[0] == '/' || !slash)
            next = strdup(target);
        else if (asprintf(&next, "%.*s/%s", (int)(slash - cur), cur, target) < 0)
            next = NULL;
        free(cur);
        cur = next;
    }
    free(cur);
    return regular;
}

/* A new empty file beside PATH with the mode a new PATH would get; its
 * descriptor, or -1 after reporting. */
static int make_temp(OutFile *o, const char *path)
{
    size_t len = strlen(path);
    o->tmp = malloc(len + sizeof ".tmpXXXXXX");
    if (!o->tmp) {
        report(path, ENOMEM);
        return -1;
    }
    memcpy(o->tmp, path, len);
    strcpy(o->tmp + len, ".tmpXXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        report(path, errno);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        report(path, errno);
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return fd;
}

bool outfile_open(OutFile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return true;
    }
    o->path = path;
    if (!replaceable(path)) {
        o->f = fopen(path, "w");
        if (!o->f)
            report(path, errno);
        return o->f != NULL;
    }
    int fd = make_temp(o, path);
    if (fd < 0)
        return false;
    o->f = fdopen(fd, "w");
    if (!o->f) {
        report(path, errno);
        close(fd);
        outfile_discard(o);
        return false;
    }
    return true;
}

bool outfile_reserve(OutFile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!replaceable(path))
        return true;
    int fd = make_temp(o, path);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

const char *outfile_name(const OutFile *o)
{
    return o->tmp ? o->tmp : o->path ? o->path : "-";
}

bool outfile_close(OutFile *o)
{
    if (!o->f)
        return true;
    /* errno still tells why a write failed, if one did: nothing since
     * has failed. */
    int err = errno;
    bool failed = ferror(o->f);
    if (fflush(o->f) != 0) {
        failed = true;
        err = errno;
    }
    if (o->f == stdout) {
        clearerr(stdout);   /* reported here, not again at exit */
    } else if (fclose(o->f) != 0 && !failed) {
        failed = true;
        err = errno;
    }
    o->f = NULL;
    if (failed) {
        report(o->path, err);
        outfile_discard(o);
    }
    return !failed;
}

bool outfile_commit(OutFile *o)
{
    if (!o->tmp)
        return true;
    bool ok = rename(o->tmp, o->path) == 0;
    if (!ok) {
        report(o->path, errno);
        unlink(o->tmp);
    }
    free(o->tmp);
    o->tmp = NULL;
    return ok;
}

void outfile_discard(OutFile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
}

bool stdout_flushed(void)
{
    int err = errno;
    bool failed = ferror(stdout);
    if (fflush(stdout) != 0) {
        failed = true;
        err = errno;
    }
    if (failed) {
        report(NULL, err);
        clearerr(stdout);
    }
    return !failed;
}
