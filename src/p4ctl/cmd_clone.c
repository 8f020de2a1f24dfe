/* p4ctl clone add|mod|del|show|list: the clone sessions of a v1model
 * pipeline (BMv2's mirroring sessions). See docs/p4ctl.1. */
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
        return usage(s, "clone: %s must be a number from 0 to %lu, not '%s'", what, max, word);
    *out = (uint32_t)n;
    return STATUS_OK;
}

static int show(Session *s, p4rt_pipeline *p, const char *pipeline, const uint32_t *session)
{
    p4rt_clone_session one, *all = NULL;
    size_t n = 1;
    int r = session ? p4rt_clone_session_get(p, *session, &one)
                    : p4rt_clone_session_list(p, &all, &n);
    uint64_t lost = 0;
    if (r == 0)
        r = p4rt_clone_lost(p, &lost);
    if (r < 0) {
        free(all);
        return failed(s, pipeline, r);
    }
    print_clone_sessions(s->o->json, session ? &one : all, n, session != NULL, lost);
    free(all);
    return STATUS_OK;
}

int cmd_clone(Session *s, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    bool with_port = strcmp(sub, "add") == 0 || strcmp(sub, "mod") == 0;
    bool with_session = with_port || strcmp(sub, "del") == 0 || strcmp(sub, "show") == 0;
    if (!with_session && strcmp(sub, "list") != 0)
        return usage(s, argc > 1 ? "unknown clone subcommand '%s' (add, mod, del, show or list)"
                                 : "clone needs a subcommand: add, mod, del, show or list%s",
                     sub);
    /* add|mod NAME SESSION PORT, or NAME SESSION mc GROUP */
    bool group = with_port && argc == 6 && strcmp(argv[4], "mc") == 0;
    int want = 3 + with_session + with_port + group;
    if (argc != want)
        return usage(s, "usage: clone %s NAME%s%s", sub, with_session ? " SESSION" : "",
                     with_port ? " PORT|mc GROUP" : "");
    uint32_t session = 0, port = 0, mc = 0;
    int status = STATUS_OK;
    if (with_session &&
        (status = number(s, "the session", argv[3], 32767, &session)) != STATUS_OK)
        return status;
    if (with_port && !group && (status = number(s, "the port", argv[4], 255, &port)) != STATUS_OK)
        return status;
    if (group && (status = number(s, "the group", argv[5], 65535, &mc)) != STATUS_OK)
        return status;
    if (group && mc == 0)
        return usage(s, "clone: group 0 means no multicast; groups are 1 to 65535");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    if (strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0)
        return show(s, p, argv[2], with_session && strcmp(sub, "show") == 0 ? &session : NULL);
    int r = strcmp(sub, "add") == 0
                ? (group ? p4rt_clone_session_add_group(p, session, mc)
                         : p4rt_clone_session_add(p, session, port))
            : strcmp(sub, "mod") == 0
                ? (group ? p4rt_clone_session_modify_group(p, session, mc)
                         : p4rt_clone_session_modify(p, session, port))
                : p4rt_clone_session_delete(p, session);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}
