/* The one way libp4rt reports errors: a negative errno returned, and a
 * message for the thread that made the call (include/p4rt.h, "Errors"). */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static _Thread_local char errmsg[1024];

const char *p4rt_errmsg(void)
{
    return errmsg;
}

int p4rt_fail(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errmsg, sizeof errmsg, fmt, ap);
    va_end(ap);
    return -err;
}
