/* p4ctl table add|mod|del|get|dump|clear|default: see docs/p4ctl.1. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int dump_one(const p4rt_entry_out *e, void *ctx)
{
    dump_entry(ctx, e);
    return 0;
}

/* TABLE's entries and default action into D. */
static int dump_table(Session *s, p4rt_pipeline *p, const char *pipeline, const char *table,
                      Dump *d)
{
    p4rt_table_info t;
    int r = p4rt_table_get_info(p, table, &t);
    if (r < 0)
        return failed(s, pipeline, r);
    dump_table_begin(d);
    if ((r = p4rt_table_dump(p, t.name, dump_one, d)) < 0) {
        dump_table_failed(d);
        return failed(s, pipeline, r);
    }
    p4rt_entry_out *def = NULL;
    if (p4rt_table_get_default(p, t.name, &def) < 0)
        def = NULL;
    dump_table_end(d, &t, def);
    p4rt_entry_release(def);
    return STATUS_OK;
}

static int dump(Session *s, int argc, char **argv)
{
    int status = STATUS_OK;
    if (argc != 3 && argc != 4)
        return usage(s, "usage: table dump NAME [TABLE]");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    Dump d;
    const char *name;
    dump_begin(&d, s->o->json);
    if (argc == 4)
        status = dump_table(s, p, argv[2], argv[3], &d);
    for (size_t i = 0; argc == 3 && (name = p4rt_table_name(p, i)) && status == STATUS_OK; i++)
        status = dump_table(s, p, argv[2], name, &d);
    dump_end(&d, argc == 4, status == STATUS_OK);
    return status;
}

static int clear(Session *s, int argc, char **argv)
{
    int status = STATUS_OK;
    if (argc != 4)
        return usage(s, "usage: table clear NAME TABLE");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    int r = p4rt_table_clear(p, argv[3]);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}

/* Show the default action, set it, or reset it to the program's. */
static int set_default(Session *s, int argc, char **argv)
{
    int status = STATUS_OK, r;
    if (argc < 4)
        return usage(s, "usage: table default NAME TABLE [action=ACTION [PARAM=VALUE...] | reset]");
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    if (argc == 4) {
        p4rt_entry_out *d;
        if ((r = p4rt_table_get_default(p, argv[3], &d)) < 0)
            return failed(s, argv[2], r);
        print_default(s->o->json, d);
        p4rt_entry_release(d);
        return STATUS_OK;
    }
    if (argc == 5 && strcmp(argv[4], "reset") == 0) {
        r = p4rt_table_reset_default(p, argv[3]);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
    ParsedEntry pe;
    if ((status = parse_entry(s, argc - 4, argv + 4, true, true, "table default", &pe)) != 0) {
        free_entry(&pe);
        return status;
    }
    if (pe.e.nkeys) {
        status = usage(s, "table default: arguments go after action=, not before ('%s=%s')",
                       pe.e.keys[0].name, pe.e.keys[0].value);
    } else if (pe.e.priority) {
        status = usage(s, "table default: a default action has no priority");
    } else {
        r = p4rt_table_set_default(p, argv[3], pe.e.action, pe.e.args, pe.e.nargs);
        status = r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
    free_entry(&pe);
    return status;
}

/* add, mod, del and get: one entry, by its key. */
static int entry(Session *s, int argc, char **argv)
{
    const char *sub = argv[1];
    bool add = strcmp(sub, "add") == 0, mod = strcmp(sub, "mod") == 0,
         get = strcmp(sub, "get") == 0;
    int status = STATUS_OK, r;
    if (argc < 4)
        return usage(s, "usage: table %s NAME TABLE KEY=VALUE...%s", sub,
                     add || mod ? " action=ACTION [PARAM=VALUE...]" : "");
    char what[32];
    snprintf(what, sizeof what, "table %s", sub);
    ParsedEntry pe;
    if ((status = parse_entry(s, argc - 4, argv + 4, add || mod, add || mod, what, &pe)) != 0) {
        free_entry(&pe);
        return status;
    }
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p) {
        free_entry(&pe);
        return status;
    }
    if (get) {
        p4rt_entry_out *e;
        if ((r = p4rt_table_get(p, argv[3], &pe.e, &e)) == 0) {
            print_entry(s->o->json, e);
            p4rt_entry_release(e);
        }
    } else {
        r = add ? p4rt_table_add(p, argv[3], &pe.e)
            : mod ? p4rt_table_modify(p, argv[3], &pe.e)
                  : p4rt_table_delete(p, argv[3], &pe.e);
    }
    free_entry(&pe);
    return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
}

int cmd_table(Session *s, int argc, char **argv)
{
    if (argc < 2)
        return usage(s, "table needs a subcommand: add, mod, del, get, dump, clear or default");
    const char *sub = argv[1];
    if (strcmp(sub, "dump") == 0)
        return dump(s, argc, argv);
    if (strcmp(sub, "clear") == 0)
        return clear(s, argc, argv);
    if (strcmp(sub, "default") == 0)
        return set_default(s, argc, argv);
    if (strcmp(sub, "add") == 0 || strcmp(sub, "mod") == 0 || strcmp(sub, "del") == 0 ||
        strcmp(sub, "get") == 0)
        return entry(s, argc, argv);
    return usage(s, "unknown table subcommand '%s' (add, mod, del, get, dump, clear or default)",
                 sub);
}
