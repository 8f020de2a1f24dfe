/* The eBPF backend's entry point: IR in, C / object / p4info out. */
#ifndef P4CC_BACKEND_H
#define P4CC_BACKEND_H

#include <stdbool.h>

#include "ir.h"

typedef struct BackendOptions {
    const char *output;        /* the .o (or .c with c_only) to write */
    bool c_only;               /* -S / --emit=c: stop at C */
    const char *clang;         /* --clang, else $CLANG, else "clang" */
    const char *extern_c;      /* --extern-c: C implementing the program's extern functions */
} BackendOptions;

/* Writes the program. With c_only, OUTPUT gets the C (NULL: stdout);
 * otherwise OUTPUT gets the BPF object and OUTPUT's stem + ".p4info.json"
 * the control-plane description. Returns false after reporting errors. */
bool backend_compile(IrProgram *ir, const BackendOptions *options);

#endif
