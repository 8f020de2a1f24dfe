/* p4ctl value-set add|del|dump|clear: see docs/p4ctl.1. */
#include <stdint.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int add_member(uint64_t value, void *ctx)
{
    members_add(ctx, value);
    return 0;
}

static int dump(Session *s, p4rt_pipeline *p, const char *pipeline, const p4rt_value_set_info *vi)
{
    Members m;
    members_begin(&m, s->o->json, vi);
    int r = p4rt_value_set_dump(p, vi->name, add_member, &m);
    if (r < 0) {
        members_failed(&m);
        return failed(s, pipeline, r);
    }
    members_end(&m, vi);
    return STATUS_OK;
}

int cmd_value_set(Session *s, int argc, char **argv)
{
    int status = STATUS_OK, r;
    if (argc < 2)
        return usage(s, "value-set needs a subcommand: add, del, dump or clear");
    const char *sub = argv[1];
    bool with_value = strcmp(sub, "add") == 0 || strcmp(sub, "del") == 0;
    if (!with_value && strcmp(sub, "dump") != 0 && strcmp(sub, "clear") != 0)
        return usage(s, "unknown value-set subcommand '%s' (add, del, dump or clear)", sub);
    if (argc != (with_value ? 5 : 4))
        return usage(s, "usage: value-set %s NAME VALUE_SET%s", sub, with_value ? " VALUE" : "");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_value_set_info vi;
    if ((r = p4rt_value_set_get_info(p, argv[3], &vi)) < 0)
        return failed(s, argv[2], r);
    if (strcmp(sub, "dump") == 0)
        return dump(s, p, argv[2], &vi);
    r = strcmp(sub, "add") == 0   ? p4rt_value_set_add(p, vi.name, argv[4])
        : strcmp(sub, "del") == 0 ? p4rt_value_set_delete(p, vi.name, argv[4])
                                  : p4rt_value_set_clear(p, vi.name);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}
