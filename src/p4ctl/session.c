/* A run of p4ctl's commands: messages located at the line of a batch, and
 * the pipeline kept open across its lines. See cmd.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int usage(Session *s, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "p4ctl: %s", s->where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'p4ctl --help'.\n", stderr);
    return STATUS_USAGE;
}

int failed(Session *s, const char *pipeline, int r)
{
    if (pipeline)
        fprintf(stderr, "p4ctl: %s%s: %s\n", s->where, pipeline, p4rt_errmsg());
    else
        fprintf(stderr, "p4ctl: %s%s\n", s->where, p4rt_errmsg());
    return r == -EPERM || r == -EACCES ? STATUS_SKIP : STATUS_FAIL;
}

void note(Session *s, const char *msg)
{
    fprintf(stderr, "p4ctl: %snote: %s\n", s->where, msg);
}

void session_drop(Session *s)
{
    if (s->run)
        return; /* not the session's to close */
    p4rt_close(s->kept);
    s->kept = NULL;
    s->kept_name[0] = '\0';
}

p4rt_pipeline *session_pipeline(Session *s, const char *name, int *status)
{
    if (s->run) {
        if (!s->kept_name[0])
            snprintf(s->kept_name, sizeof s->kept_name, "%s", name);
        if (strcmp(s->kept_name, name) != 0) {
            *status = usage(s, "pipeline '%s', where the lines before named '%s': a table "
                               "file fills the one program run",
                            name, s->kept_name);
            return NULL;
        }
        return s->run;
    }
    if (s->kept && strcmp(s->kept_name, name) == 0)
        return s->kept;
    session_drop(s);
    p4rt_pipeline *p = p4rt_open_pinned(name);
    if (!p) {
        *status = failed(s, NULL, -errno);
        return NULL;
    }
    s->kept = p;
    snprintf(s->kept_name, sizeof s->kept_name, "%s", name);
    return p;
}
