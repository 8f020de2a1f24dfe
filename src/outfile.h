/* Output files written completely or not at all. A regular file (or a
 * name that does not exist yet) is written under a temporary name in the
 * same directory and renamed over the real one only when every write and
 * the close succeeded, so a full disk or an error later in the
 * compilation leaves no truncated file behind. Anything else (standard
 * output, /dev/null, /dev/full, a pipe, a symbolic link) is written in
 * place. Every write
 * error is reported: "p4cc: error: cannot write PATH: REASON". */
#ifndef P4CC_OUTFILE_H
#define P4CC_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct OutFile {
    const char *path;   /* the name given; NULL for standard output */
    char *tmp;          /* the temporary renamed to PATH on commit, or NULL */
    FILE *f;            /* open while writing; NULL for a reserved name */
} OutFile;

/* Whether PATH is a regular file (or a symbolic link to one, not in /proc
 * as /dev/stdout is) or does not exist yet: beside it p4cc may put files
 * of its own. */
bool outfile_is_regular(const char *path);

/* Opens PATH (NULL or "-": standard output) for writing; false after
 * reporting. */
bool outfile_open(OutFile *o, const char *path);

/* For a file another program writes (clang's object): o->tmp names a new
 * empty temporary beside PATH, or is NULL when PATH is not a regular file
 * (the program writes PATH itself). False after reporting. */
bool outfile_reserve(OutFile *o, const char *path);

/* The name to write to: the temporary, or PATH itself. */
const char *outfile_name(const OutFile *o);

/* Flushes and closes the stream, checking for write errors; false after
 * reporting (the temporary is removed then). */
bool outfile_close(OutFile *o);

/* Renames the temporary to PATH (nothing to do when written in place);
 * false after reporting. */
bool outfile_commit(OutFile *o);

/* Closes the stream if open and removes the temporary (after an error,
 * here or elsewhere). */
void outfile_discard(OutFile *o);

/* Checks that standard output (written by other means) took everything:
 * false after reporting. */
bool stdout_flushed(void);

#endif
