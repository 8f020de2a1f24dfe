/* `p4ctl verify`: load an object without attaching it and report what the
 * verifier said. */
#ifndef P4CTL_VERIFY_H
#define P4CTL_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

/* Load OBJ; report to OUT under the name LABEL. TAIL: how many lines of the
 * log to show on failure. Returns the exit status: 0 accepted, 1 rejected
 * (or not loadable), 77 not permitted. */
int p4ctl_verify(const char *label, const char *obj, unsigned tail, bool verbose, FILE *out);

/* The last warning libbpf printed (for error messages); "" if none. */
extern char p4ctl_libbpf_warning[512];

#endif
