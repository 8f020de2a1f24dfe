/* One writer at a time per pinned pipeline: an flock(2) on its pin
 * directory, P4RT_PIN_ROOT/NAME (docs/RUNTIME.md, "Concurrency"). Every
 * request that changes a pinned pipeline holds it exclusively from its
 * first read of the maps to its last write (a ternary table's steps, the
 * cache bump, a port's two maps and the attach); multi-step reads (a
 * ternary table's entries, opening the pins) hold it shared. flock locks
 * belong to an open file, so two handles conflict even in one process,
 * and the kernel drops a lock when its holder dies. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

bool p4rt_dir_current(int fd, const char *name)
{
    char path[P4RT_NAME_MAX + 32];
    struct stat held, now;
    snprintf(path, sizeof path, P4RT_PIN_ROOT "/%s", name);
    return fstat(fd, &held) == 0 && stat(path, &now) == 0 && held.st_ino == now.st_ino &&
           held.st_dev == now.st_dev;
}

int p4rt_lock(p4rt_pipeline *p, bool exclusive)
{
    /* Not pinned: only this handle reaches the pipeline. */
    if (p->dir_fd < 0)
        return 0;
    /* Nested: the outer request holds it already (a shared lock is never
     * made exclusive in place: flock would let another writer in between). */
    if (p->lock_depth > 0) {
        if (exclusive && !p->lock_exclusive)
            return p4rt_fail(EDEADLK, "pipeline '%s': a write inside a read", p->name);
        p->lock_depth++;
        return 0;
    }
    p->lock_depth = 1;
    p->lock_exclusive = exclusive;
    while (flock(p->dir_fd, exclusive ? LOCK_EX : LOCK_SH) < 0) {
        if (errno != EINTR) {
            int e = errno;
            p->lock_depth = 0;
            return p4rt_fail(e, "cannot lock pipeline '%s': %s", p->name, strerror(e));
        }
    }
    /* An unload or a replace that ran while this one waited left the
     * directory this handle opened; its maps no longer serve packets. */
    if (!p4rt_dir_current(p->dir_fd, p->name)) {
        p4rt_unlock(p);
        return p4rt_fail(ESTALE,
                         "pipeline '%s' was unloaded or replaced after this handle opened it "
                         "(open it again)",
                         p->name);
    }
    return 0;
}

void p4rt_unlock(p4rt_pipeline *p)
{
    if (p->dir_fd < 0 || p->lock_depth == 0)
        return;
    if (--p->lock_depth == 0) {
        int e = errno;
        flock(p->dir_fd, LOCK_UN);
        errno = e;
    }
}
