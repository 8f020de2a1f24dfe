/* Runs the system C preprocessor over a P4 source file, as p4c does. */
#ifndef P4CC_PREPROCESS_H
#define P4CC_PREPROCESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct PreprocessOptions {
    const char *include_dir;        /* p4cc's standard include directory */
    const char **user_args;         /* -I/-D/-U arguments, in command-line order */
    int nuser_args;
} PreprocessOptions;

/* The standard include directory: $P4CC_INCLUDE, else p4include/ of the
 * source tree when the binary runs from build/, else the installed one.
 * Returns a malloc'd absolute path. */
char *find_include_dir(void);

/* Preprocesses PATH with `$CPP` (default `cpp`), keeping line markers.
 * On success returns a malloc'd, NUL-terminated text and stores its length;
 * on failure (the preprocessor reported errors on stderr, or could not run)
 * returns NULL. */
char *preprocess_file(const char *path, const PreprocessOptions *options, size_t *len);

#endif
