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

int p4rt_bad_arg(const char *func, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return p4rt_fail(EINVAL, "%s: invalid argument: %s", func, what);
}

int p4rt_check_fields(const char *func, const char *what, const p4rt_field *f, size_t n,
                      p4rt_part part)
{
    if (n && !f)
        return p4rt_bad_arg(func, "%s is NULL, with %zu of them", what, n);
    for (size_t i = 0; i < n; i++)
        if (!f[i].name || !f[i].value)
            return p4rt_fail_at(EINVAL, part, i, 0, NULL, "%s: invalid argument: %s[%zu].%s is NULL",
                                func, what, i, f[i].name ? "value" : "name");
    return 0;
}

int p4rt_check_entry(const char *func, const p4rt_entry *e)
{
    if (!e)
        return p4rt_bad_arg(func, "the entry is NULL");
    if (e->nkeys && !e->keys)
        return p4rt_bad_arg(func, "the entry's keys are NULL, with nkeys %zu", e->nkeys);
    if (e->nargs && !e->args)
        return p4rt_bad_arg(func, "the entry's args are NULL, with nargs %zu", e->nargs);
    return 0; /* the fields themselves: encode() */
}

int p4rt_check_op(const char *func, p4rt_op op)
{
    if (op != P4RT_OP_ADD && op != P4RT_OP_MODIFY && op != P4RT_OP_DELETE)
        return p4rt_bad_arg(func, "op %d is none of P4RT_OP_ADD, P4RT_OP_MODIFY and "
                                  "P4RT_OP_DELETE", (int)op);
    return 0;
}
