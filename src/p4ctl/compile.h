/* Getting from PROG.p4 or PROG.o to an object and its p4info. */
#ifndef P4CTL_COMPILE_H
#define P4CTL_COMPILE_H

#include <stddef.h>

typedef struct {
    char *dir;    /* temporary directory to remove, or NULL */
    char *obj;    /* the object */
    char *p4info; /* its prog.p4info.json (may not exist) */
} P4Build;

/* The p4cc to run: P4CC_OPT if given, else the p4cc beside this program,
 * else $P4CC, else "p4cc" from PATH. The caller frees it. */
char *p4build_find_p4cc(const char *p4cc_opt);

/* For a .p4 INPUT, compile it with P4CC (plus the NOPTS options OPTS) into a
 * fresh temporary directory; p4cc's diagnostics go to stderr. For anything
 * else, take INPUT as the object. Returns 0, or -1 with ERR set (the
 * compilation failed, or p4cc could not be run). */
int p4build_prepare(const char *input, const char *p4cc, char *const *opts, size_t nopts,
                    P4Build *b, char *err, size_t errlen);
void p4build_cleanup(P4Build *b);

#endif
