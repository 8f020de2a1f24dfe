/* p4ctl batch FILE|-: control-plane commands one a line, each through the
 * same table as the command line's, its messages after FILE:LINE:, one
 * pipeline kept open from line to line. See docs/p4ctl.1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define MAX_WORDS 256

static int run_line(Session *s, char *line)
{
    char *argv[MAX_WORDS];
    int argc = 0;
    for (char *w = strtok(line, " \t\r\n"); w; w = strtok(NULL, " \t\r\n")) {
        if (w[0] == '#')
            break;
        if (argc == MAX_WORDS - 1)
            return usage(s, "too many words on one line (at most %d)", MAX_WORDS - 1);
        argv[argc++] = w;
    }
    argv[argc] = NULL;
    if (argc > 0 && strcmp(argv[0], "p4ctl") == 0) {
        memmove(argv, argv + 1, (size_t)argc * sizeof *argv);
        argc--;
    }
    if (argc == 0)
        return STATUS_OK;
    if (strcmp(argv[0], "batch") == 0)
        return usage(s, "batch files cannot run batch");
    if (s->run && strcmp(argv[0], "table") != 0 && strcmp(argv[0], "counter") != 0 &&
        strcmp(argv[0], "register") != 0 && strcmp(argv[0], "value-set") != 0)
        return usage(s, "a table file for run may only have table, counter, register and "
                        "value-set lines, not %s",
                     argv[0]);
    if (!command_find(argv[0], true)) {
        char names[200];
        command_names(true, names, sizeof names);
        return usage(s, "unknown command '%s' (%s)", argv[0], names);
    }
    return command_run(s, argc, argv);
}

int cmd_batch(Session *s, int argc, char **argv)
{
    if (argc != 2)
        return usage(s, "usage: batch FILE|-");
    return batch_file(s, argv[1]);
}

int batch_file(Session *s, const char *path)
{
    bool from_stdin = strcmp(path, "-") == 0;
    const char *label = from_stdin ? "<stdin>" : path;
    FILE *f = from_stdin ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "p4ctl: %s: %s\n", path, strerror(errno));
        return STATUS_FAIL;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    int status = STATUS_OK;
    ssize_t n;
    errno = 0;
    while (status == STATUS_OK && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        snprintf(s->where, sizeof s->where, "%s:%u: ", label, lineno);
        fflush(stdout);
        /* A NUL would end the line's words early, in silence. */
        const char *nul = memchr(line, '\0', (size_t)n);
        if (nul)
            status = usage(s, "a NUL byte at column %zu: a batch file is text",
                           (size_t)(nul - line) + 1);
        else
            status = run_line(s, line);
        errno = 0;
    }
    s->where[0] = '\0';
    /* A file that cannot be read (a directory, an I/O error) is not an
     * empty batch. */
    if (status == STATUS_OK && ferror(f)) {
        const char *why = strerror(errno ? errno : EIO);
        if (lineno)
            fprintf(stderr, "p4ctl: %s: cannot read past line %u (the lines before were carried "
                            "out): %s\n", label, lineno, why);
        else
            fprintf(stderr, "p4ctl: %s: cannot read: %s\n", label, why);
        status = STATUS_FAIL;
        lineno = 0;
    }
    if (status != STATUS_OK && lineno)
        fprintf(stderr, "p4ctl: %s:%u: batch stopped at this line; the lines before it were "
                        "carried out\n",
                label, lineno);
    free(line);
    if (!from_stdin)
        fclose(f);
    return status;
}
