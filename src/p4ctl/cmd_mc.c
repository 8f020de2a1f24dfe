/* p4ctl mc group add|del|list|show and mc node add|del: the multicast
 * groups of a v1model pipeline. See docs/p4ctl.1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int number(Session *s, const char *what, const char *word, unsigned long max,
                  uint32_t *out)
{
    unsigned long n;
    if (parse_number(word, max, &n) < 0)
        return usage(s, "mc: %s must be a number from %s to %lu, not '%s'", what,
                     strcmp(what, "the group") == 0 ? "1" : "0", max, word);
    if (strcmp(what, "the group") == 0 && n == 0)
        return usage(s, "mc: group 0 means no multicast; groups are 1 to %lu", max);
    *out = (uint32_t)n;
    return STATUS_OK;
}

/* SHOW one group (GROUP), or all of them. */
static int show(Session *s, p4rt_pipeline *p, const char *pipeline, const uint32_t *group)
{
    uint32_t *groups = NULL;
    size_t n = 1;
    int r = 0;
    if (group)
        groups = (uint32_t *)group;
    else if ((r = p4rt_mc_group_list(p, &groups, &n)) < 0)
        return failed(s, pipeline, r);
    McGroup *view = calloc(n ? n : 1, sizeof *view);
    if (!view)
        abort();
    size_t done = 0;
    for (; done < n && r == 0; done++) {
        p4rt_mc_member *m;
        view[done].group = groups[done];
        r = p4rt_mc_group_get(p, groups[done], &m, &view[done].n);
        view[done].members = m;
    }
    int status = STATUS_OK;
    if (r < 0)
        status = failed(s, pipeline, r);
    else
        print_mc_groups(s->o->json, view, n, group != NULL);
    for (size_t i = 0; i < done; i++)
        free((void *)view[i].members);
    free(view);
    if (!group)
        free(groups);
    return status;
}

static int group_cmd(Session *s, int argc, char **argv)
{
    const char *sub = argc > 2 ? argv[2] : "";
    bool with_group = strcmp(sub, "add") == 0 || strcmp(sub, "del") == 0 ||
                      strcmp(sub, "show") == 0;
    if (!with_group && strcmp(sub, "list") != 0)
        return usage(s, argc > 2 ? "unknown mc group subcommand '%s' (add, del, list or show)"
                                 : "mc group needs a subcommand: add, del, list or show%s",
                     sub);
    if (argc != (with_group ? 5 : 4))
        return usage(s, "usage: mc group %s NAME%s", sub, with_group ? " GROUP" : "");
    uint32_t group = 0;
    int status = STATUS_OK, r;
    if (with_group && (status = number(s, "the group", argv[4], 0xffff, &group)) != STATUS_OK)
        return status;
    p4rt_pipeline *p = session_pipeline(s, argv[3], &status);
    if (!p)
        return status;
    if (strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0)
        return show(s, p, argv[3], with_group ? &group : NULL);
    r = strcmp(sub, "add") == 0 ? p4rt_mc_group_create(p, group) : p4rt_mc_group_delete(p, group);
    return r < 0 ? failed(s, argv[3], r) : STATUS_OK;
}

static int node_cmd(Session *s, int argc, char **argv)
{
    const char *sub = argc > 2 ? argv[2] : "";
    bool add = strcmp(sub, "add") == 0;
    if (!add && strcmp(sub, "del") != 0)
        return usage(s, argc > 2 ? "unknown mc node subcommand '%s' (add or del)"
                                 : "mc node needs a subcommand: add or del%s",
                     sub);
    if (add ? argc < 7 : argc != 6)
        return usage(s, "usage: mc node %s NAME GROUP RID%s", sub, add ? " PORT..." : "");
    uint32_t group, rid;
    int status;
    if ((status = number(s, "the group", argv[4], 0xffff, &group)) != STATUS_OK ||
        (status = number(s, "the rid", argv[5], 0xffff, &rid)) != STATUS_OK)
        return status;
    size_t nports = add ? (size_t)argc - 6 : 0;
    uint32_t *ports = calloc(nports ? nports : 1, sizeof *ports);
    if (!ports)
        abort();
    for (size_t i = 0; i < nports && status == STATUS_OK; i++)
        status = number(s, "a port", argv[6 + i], 0xffff, &ports[i]);
    p4rt_pipeline *p = status == STATUS_OK ? session_pipeline(s, argv[3], &status) : NULL;
    if (p) {
        int r = add ? p4rt_mc_node_add(p, group, rid, ports, nports)
                    : p4rt_mc_node_delete(p, group, rid);
        if (r < 0)
            status = failed(s, argv[3], r);
    }
    free(ports);
    return status;
}

int cmd_mc(Session *s, int argc, char **argv)
{
    if (argc < 2)
        return usage(s, "mc needs an object: group or node");
    if (strcmp(argv[1], "group") == 0)
        return group_cmd(s, argc, argv);
    if (strcmp(argv[1], "node") == 0)
        return node_cmd(s, argc, argv);
    return usage(s, "unknown mc object '%s' (group or node)", argv[1]);
}
