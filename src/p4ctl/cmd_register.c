/* p4ctl register get|set|dump|reset: see docs/p4ctl.1. */
#include <stdint.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

typedef struct {
    Cells cells;
    uint64_t initial;
} RegisterCells;

/* Cells at the initial value are left out, as counters leave out zeros. */
static int add_cell(uint32_t index, uint64_t value, void *ctx)
{
    RegisterCells *rc = ctx;
    if (value != rc->initial)
        cells_add(&rc->cells, index, value);
    return 0;
}

static int dump(Session *s, p4rt_pipeline *p, const char *pipeline, const p4rt_register_info *ri)
{
    RegisterCells rc = {.initial = ri->initial_value};
    cells_begin(&rc.cells, s->o->json, "value");
    int r = p4rt_register_dump(p, ri->name, add_cell, &rc);
    if (r < 0) {
        cells_failed(&rc.cells);
        return failed(s, pipeline, r);
    }
    cells_end_register(&rc.cells, ri);
    return STATUS_OK;
}

int cmd_register(Session *s, int argc, char **argv)
{
    static const char *const forms[] = {"get NAME REGISTER INDEX", "set NAME REGISTER INDEX VALUE",
                                        "dump NAME REGISTER", "reset NAME REGISTER [INDEX]"};
    int status = STATUS_OK, r;
    if (argc < 2)
        return usage(s, "register needs a subcommand: get, set, dump or reset");
    const char *sub = argv[1];
    int want = strcmp(sub, "get") == 0 ? 5 : strcmp(sub, "set") == 0 ? 6
             : strcmp(sub, "dump") == 0 ? 4 : strcmp(sub, "reset") == 0 ? 4 : 0;
    if (!want)
        return usage(s, "unknown register subcommand '%s' (get, set, dump or reset)", sub);
    int form = want == 5 ? 0 : want == 6 ? 1 : strcmp(sub, "dump") == 0 ? 2 : 3;
    if (argc != want && !(form == 3 && argc == 5))
        return usage(s, "usage: register %s", forms[form]);
    unsigned long index = 0, value = 0;
    if (argc >= 5 && parse_number(argv[4], UINT32_MAX, &index) < 0)
        return usage(s, "register %s: the index must be a number, not '%s'", sub, argv[4]);
    if (argc == 6 && parse_number(argv[5], UINT64_MAX, &value) < 0)
        return usage(s, "register set: the value must be a number from 0 to 2^64-1, not '%s'",
                     argv[5]);
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_register_info ri;
    if ((r = p4rt_register_get_info(p, argv[3], &ri)) < 0)
        return failed(s, argv[2], r);
    uint64_t v = 0;
    switch (form) {
    case 0:
        if ((r = p4rt_register_read(p, ri.name, (uint32_t)index, &v)) < 0)
            return failed(s, argv[2], r);
        print_register(s->o->json, &ri, (uint32_t)index, v);
        return STATUS_OK;
    case 1:
        r = p4rt_register_write(p, ri.name, (uint32_t)index, value);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    case 2:
        return dump(s, p, argv[2], &ri);
    default:
        r = p4rt_register_reset(p, ri.name, argc == 5 ? (long)index : -1);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
}
