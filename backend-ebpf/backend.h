/* The eBPF backend's entry point: IR in, C / object / p4info out. */
#ifndef P4CC_BACKEND_H
#define P4CC_BACKEND_H

#include <stdbool.h>

#include "ir.h"

typedef struct BackendOptions {
    const char *output;        /* the .o (or .c with c_only) to write */
    bool c_only;               /* -S / --emit=c: stop at C */
    bool api_only;             /* --emit=api: only the C API header, to OUTPUT */
    const char *clang;         /* --clang, else $CLANG, else "clang" */
    const char *const *extern_c; /* C files implementing the program's extern functions */
    int nextern_c;
    const char *api_header;    /* --api-header: where prog.h goes (NULL: beside OUTPUT) */
    bool no_api_header;        /* --no-api-header */
    bool capture;              /* --capture: hooks for p4ctl capture in the program */
    bool trace;                /* --trace: hooks for packet traces (p4ctl trace) */
} BackendOptions;

/* Writes the program. With c_only, OUTPUT gets the C (NULL: stdout);
 * otherwise OUTPUT gets the BPF object, OUTPUT's stem + ".p4info.json"
 * the control-plane description and OUTPUT's stem + ".h" (or API_HEADER)
 * the typed C API, unless NO_API_HEADER. With api_only, OUTPUT (NULL:
 * stdout) gets only that header. Returns false after reporting
 * errors. */
bool backend_compile(IrProgram *ir, const BackendOptions *options);

#endif
