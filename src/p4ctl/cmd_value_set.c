/* p4ctl value-set add|del|dump|clear: see docs/p4ctl.1. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int add_member(uint64_t value, void *ctx)
{
    members_add(ctx, value);
    return 0;
}

static int add_text(const char *member, void *ctx)
{
    members_add_text(ctx, member);
    return 0;
}

static int dump(Session *s, p4rt_pipeline *p, const char *pipeline, const p4rt_value_set_info *vi)
{
    Members m;
    members_begin(&m, s->o->json, vi);
    if (vi->text_only) {
        int r = p4rt_value_set_dump_text(p, vi->name, add_text, &m);
        if (r < 0) {
            members_failed(&m);
            return failed(s, pipeline, r);
        }
        members_end(&m, vi);
        return STATUS_OK;
    }
    for (uint32_t f = 0; f < vi->nfields && f < MEMBER_FIELDS; f++)
        if (p4rt_value_set_get_field(p, vi->name, f, &m.field_names[f], &m.field_widths[f]) < 0)
            m.nfields = 0;
        else
            m.nfields = f + 1;
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
    if (with_value ? argc < 5 : argc != 4)
        return usage(s, "usage: value-set %s NAME VALUE_SET%s", sub,
                     with_value ? " VALUE|FIELD=VALUE..." : "");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_value_set_info vi;
    if ((r = p4rt_value_set_get_info(p, argv[3], &vi)) < 0)
        return failed(s, argv[2], r);
    if (strcmp(sub, "dump") == 0)
        return dump(s, p, argv[2], &vi);
    /* A struct element's members: FIELD=VALUE words, one per field. */
    char member[4096] = "";
    if (with_value && argc > 5 && !vi.nfields)
        return usage(s, "value set '%s' takes one VALUE", vi.name);
    for (int i = 4; with_value && i < argc; i++) {
        size_t len = strlen(member);
        if (vi.nfields && !strchr(argv[i], '=') && argc > 5)
            return usage(s, "'%s': the fields of value set '%s' are written FIELD=VALUE", argv[i],
                         vi.name);
        if ((size_t)snprintf(member + len, sizeof member - len, "%s%s", len ? " " : "",
                             argv[i]) >= sizeof member - len)
            return usage(s, "the member of value set '%s' is too long", vi.name);
    }
    r = strcmp(sub, "add") == 0   ? p4rt_value_set_add(p, vi.name, member)
        : strcmp(sub, "del") == 0 ? p4rt_value_set_delete(p, vi.name, member)
                                  : p4rt_value_set_clear(p, vi.name);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}
