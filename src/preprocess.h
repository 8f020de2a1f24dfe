/* Runs the system C preprocessor over a P4 source file, as p4c does. */
#ifndef P4CC_PREPROCESS_H
#define P4CC_PREPROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct PreprocessOptions {
    const char *include_dir;        /* p4cc's standard include directory */
    const char **user_args;         /* -I/-D/-U arguments, in command-line order */
    int nuser_args;
} PreprocessOptions;

/* The standard include directory: $P4CC_INCLUDE, else p4include/ of the
 * source tree when the binary runs from build/, else ../share/p4cc/p4include
 * next to the binary, else the configured installation directory.
 * Returns a malloc'd absolute path. */
char *find_include_dir(void);

/* A running preprocessor whose output can be read while it works, so that
 * parsing overlaps preprocessing on a multi-core machine. */
typedef struct Preprocessor {
    int pid;
    FILE *output;       /* read end of the preprocessor's standard output */
} Preprocessor;

/* Starts `$CPP` (default `cpp`) on PATH, keeping line markers. Returns false
 * (after saying why on stderr) when it cannot be started. */
bool preprocess_start(const char *path, const PreprocessOptions *options, Preprocessor *pp);
/* Closes the output and waits; true when the preprocessor succeeded. Its
 * own diagnostics went to stderr. */
bool preprocess_finish(Preprocessor *pp);

/* Preprocesses PATH with `$CPP` (default `cpp`), keeping line markers.
 * On success returns a malloc'd, NUL-terminated text and stores its length;
 * on failure (the preprocessor reported errors on stderr, or could not run)
 * returns NULL. */
char *preprocess_file(const char *path, const PreprocessOptions *options, size_t *len);

#endif
