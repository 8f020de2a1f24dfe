/* Preprocesses a P4 source file: with the built-in preprocessor (src/cpp.c)
 * when it can, else with the system C preprocessor, as p4c does. */
#ifndef P4CC_PREPROCESS_H
#define P4CC_PREPROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum PreprocessorKind {
    PREPROCESSOR_AUTO,      /* built-in, falling back on the system cpp; $CPP set: system */
    PREPROCESSOR_BUILTIN,   /* built-in only: an error when it cannot do the job */
    PREPROCESSOR_SYSTEM,    /* `$CPP` (default `cpp`) */
} PreprocessorKind;

typedef struct PreprocessOptions {
    PreprocessorKind kind;
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
    int pid;            /* the system cpp; 0: the built-in one already ran */
    FILE *output;       /* the system cpp: read end of its standard output */
    char *text;         /* the built-in preprocessor: its whole output */
    size_t text_len;
} Preprocessor;

/* Runs the built-in preprocessor on PATH or starts `$CPP` (default `cpp`),
 * as OPTIONS->kind says, keeping line markers. Returns false (after saying
 * why on stderr) when it cannot. */
bool preprocess_start(const char *path, const PreprocessOptions *options, Preprocessor *pp);
/* Closes the output and waits; true when the preprocessor succeeded. Its
 * own diagnostics went to stderr. */
bool preprocess_finish(Preprocessor *pp);

/* Preprocesses PATH (as preprocess_start chooses), keeping line markers.
 * On success returns a malloc'd, NUL-terminated text and stores its length;
 * on failure (the preprocessor reported errors on stderr, or could not run)
 * returns NULL. */
char *preprocess_file(const char *path, const PreprocessOptions *options, size_t *len);

#endif
