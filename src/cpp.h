/* The built-in C preprocessor: #include, #define (object- and function-like,
 * # and ##, variadic), #undef, #if/#ifdef/#ifndef/#elif/#else/#endif,
 * #pragma once, in process. Running the system `cpp` costs a fork and two
 * execs (about 8 ms, most of a small program's compile time); this does the
 * same work in well under a millisecond.
 *
 * It produces gcc-compatible output (line markers `# N "file" FLAG`) and
 * never reports errors itself: whenever the input is wrong, or uses something
 * it does not implement (#line, #error, #warning, __COUNTER__, __VA_OPT__,
 * computed #include, a macro redefined differently, ...), it gives up and
 * says why, and the caller runs the system preprocessor, whose diagnostics
 * users know. tests/cpp-compare.py checks that both produce the same tokens
 * at the same lines over examples, tests and the corpus. */
#ifndef P4CC_CPP_H
#define P4CC_CPP_H

#include <stddef.h>

/* Preprocesses PATH. ARGS are (flag, value) pairs with flag "-I", "-D" or
 * "-U" in command-line order; INCLUDE_DIR is searched last. Returns a
 * malloc'd NUL-terminated text and its length, or NULL with a reason in
 * WHY (at most WHY_SIZE bytes) when the system preprocessor must do it. */
char *cpp_builtin(const char *path, const char *const *args, int nargs, const char *include_dir,
                  size_t *len, char *why, size_t why_size);

#endif
