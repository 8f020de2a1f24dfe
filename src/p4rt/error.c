/* The one way libp4rt reports errors: a negative errno returned, and a
 * message and the part of the request it is about kept for the thread
 * that made the call (include/p4rt.h, "Errors"). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static _Thread_local char errmsg[1024];
static _Thread_local p4rt_where where;
static _Thread_local size_t detail_at; /* where the detail starts in errmsg */

const char *p4rt_errmsg(void)
{
    return errmsg;
}

const p4rt_where *p4rt_errwhere(void)
{
    where.detail = errmsg + detail_at;
    return &where;
}

static int vfail(int err, p4rt_part part, size_t index, size_t offset, const char *named,
                 const char *fmt, va_list ap)
{
    size_t n = 0;
    if (named)
        n = (size_t)snprintf(errmsg, sizeof errmsg, "%s: ", named);
    if (n >= sizeof errmsg)
        n = sizeof errmsg - 1;
    vsnprintf(errmsg + n, sizeof errmsg - n, fmt, ap);
    where = (p4rt_where){part, index, offset, NULL};
    detail_at = n;
    return -err;
}

int p4rt_fail(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfail(err, P4RT_AT_REQUEST, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return r;
}

int p4rt_fail_at(int err, p4rt_part part, size_t index, size_t offset, const char *named,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfail(err, part, index, offset, named, fmt, ap);
    va_end(ap);
    return r;
}
