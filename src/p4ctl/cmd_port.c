/* p4ctl port add|del|list: see docs/p4ctl.1. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int add(Session *s, int argc, char **argv)
{
    unsigned long port = 0;
    int status = STATUS_OK;
    if (argc != 4 && argc != 5)
        return usage(s, "usage: port add NAME IFACE [PORT]");
    if (argc == 5 && parse_number(argv[4], 0xffff, &port) < 0)
        return usage(s, "port add: the port number must be a number from 0 to 65535, not '%s'",
                     argv[4]);
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_port pt;
    int r = p4rt_port_add(p, argv[3], argc == 5 ? (long)port : -1, s->o->xdp_mode, &pt);
    if (r < 0)
        return failed(s, argv[2], r);
    if (pt.note[0])
        note(s, pt.note);
    print_port_added(s->o->json, argv[2], &pt);
    return STATUS_OK;
}

static int del(Session *s, int argc, char **argv)
{
    int status = STATUS_OK;
    if (argc != 4)
        return usage(s, "usage: port del NAME IFACE");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    int r = p4rt_port_del(p, argv[3]);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}

static int list(Session *s, int argc, char **argv)
{
    int status = STATUS_OK;
    if (argc != 3)
        return usage(s, "usage: port list NAME");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_port *ports;
    size_t n;
    int r = p4rt_port_list(p, &ports, &n);
    if (r < 0)
        return failed(s, argv[2], r);
    print_ports(s->o->json, ports, n);
    free(ports);
    return STATUS_OK;
}

int cmd_port(Session *s, int argc, char **argv)
{
    if (argc < 2)
        return usage(s, "port needs a subcommand: add, del or list");
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0)
        return add(s, argc, argv);
    if (strcmp(sub, "del") == 0)
        return del(s, argc, argv);
    if (strcmp(sub, "list") == 0)
        return list(s, argc, argv);
    return usage(s, "unknown port subcommand '%s' (add, del or list)", sub);
}
