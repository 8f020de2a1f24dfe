/* p4ctl counter get|reset: see docs/p4ctl.1. */
#include <stdint.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

static int add_cell(uint32_t index, uint64_t value, void *ctx)
{
    cells_add(ctx, index, value);
    return 0;
}

int cmd_counter(Session *s, int argc, char **argv)
{
    int status = STATUS_OK, r;
    if (argc < 2)
        return usage(s, "counter needs a subcommand: get or reset");
    const char *sub = argv[1];
    bool get = strcmp(sub, "get") == 0;
    if (!get && strcmp(sub, "reset") != 0)
        return usage(s, "unknown counter subcommand '%s' (get or reset)", sub);
    if (argc != 4 && argc != 5)
        return usage(s, "usage: counter %s NAME COUNTER [INDEX]", sub);
    unsigned long index = 0;
    if (argc == 5 && parse_number(argv[4], UINT32_MAX, &index) < 0)
        return usage(s, "counter %s: the index must be a number, not '%s'", sub, argv[4]);
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_counter_info c;
    if ((r = p4rt_counter_get_info(p, argv[3], &c)) < 0)
        return failed(s, argv[2], r);
    if (!get) {
        r = p4rt_counter_reset(p, c.name, argc == 5 ? (long)index : -1);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
    if (argc == 5) {
        uint64_t v;
        if ((r = p4rt_counter_read(p, c.name, (uint32_t)index, &v)) < 0)
            return failed(s, argv[2], r);
        print_counter(s->o->json, &c, (uint32_t)index, v);
        return STATUS_OK;
    }
    /* Every cell that is not zero. */
    Cells cells;
    cells_begin(&cells, s->o->json, c.unit);
    if ((r = p4rt_counter_dump(p, c.name, add_cell, &cells)) < 0) {
        cells_failed(&cells);
        return failed(s, argv[2], r);
    }
    cells_end_counter(&cells, &c);
    return STATUS_OK;
}
