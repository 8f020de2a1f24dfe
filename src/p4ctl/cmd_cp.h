/* p4ctl's control-plane commands (pipeline, port, table, counter, batch),
 * on top of libp4rt. Prints; not part of libp4ctl.a. */
#ifndef P4CTL_CMD_CP_H
#define P4CTL_CMD_CP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    bool json;
    int xdp_mode;           /* p4rt_xdp_mode */
    const char *p4info;     /* --p4info */
    const char *p4cc;       /* the compiler for .p4 programs */
    char *const *p4cc_opts; /* -I, -D */
    size_t np4cc_opts;
} CpOptions;

/* Is CMD one of the control-plane commands? */
bool cp_is_command(const char *cmd);

/* Run ARGV[0..ARGC) (ARGV[0] the command). Returns the exit status: 0, 1
 * (the operation failed), 2 (usage), 77 (not permitted). */
int cp_main(int argc, char **argv, const CpOptions *o);

/* Enter the network namespace NAME (/run/netns/NAME, as ip-netns(8) names
 * them) or at PATH when it has a '/'. Returns 0, or 1 with a message. */
int cp_enter_netns(const char *name);

#endif
