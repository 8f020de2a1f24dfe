/* p4ctl register get|set|dump|reset: see docs/p4ctl.1. */
#include <stdint.h>
#include <stdio.h>
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

/* A cell of more than 64 bits as hex: "0x" and (width + 3) / 4 digits. */
static int read_hex(p4rt_pipeline *p, const p4rt_register_info *ri, uint32_t index,
                    char *out, size_t room)
{
    uint8_t v[32];
    size_t n = (ri->width + 7) / 8;
    int r = p4rt_register_read_bytes(p, ri->name, index, v, n);
    if (r < 0)
        return r;
    size_t len = (size_t)snprintf(out, room, "0x");
    for (size_t i = 0; i < n && len + 3 <= room; i++)
        len += (size_t)snprintf(out + len, room - len, "%02x", v[i]);
    return 0;
}

/* Cells of more than 64 bits, those not zero (their initial value). */
static int dump_wide(Session *s, p4rt_pipeline *p, const char *pipeline,
                     const p4rt_register_info *ri)
{
    Cells cells;
    char hex[80];
    int r = 0;
    cells_begin(&cells, s->o->json, "value");
    for (uint32_t i = 0; i < ri->size && r == 0; i++)
        if ((r = read_hex(p, ri, i, hex, sizeof hex)) == 0 && strspn(hex + 2, "0") != strlen(hex + 2))
            cells_add_text(&cells, i, hex);
    if (r < 0) {
        cells_failed(&cells);
        return failed(s, pipeline, r);
    }
    cells_end_register(&cells, ri);
    return STATUS_OK;
}

/* The words from ARGV[5] on, joined by spaces: a struct's FIELD=VALUE list. */
static const char *value_words(int argc, char **argv, char *buf, size_t room)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 5; i < argc && len < room; i++)
        len += (size_t)snprintf(buf + len, room - len, "%s%s", i > 5 ? " " : "", argv[i]);
    return buf;
}

static int dump(Session *s, p4rt_pipeline *p, const char *pipeline, const p4rt_register_info *ri)
{
    if (ri->width > 64)
        return dump_wide(s, p, pipeline, ri);
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
    /* A struct's value may be FIELD=VALUE words. */
    if (argc != want && !(form == 3 && argc == 5) && !(form == 1 && argc > 6))
        return usage(s, "usage: register %s", forms[form]);
    unsigned long index = 0, value = 0;
    if (argc >= 5 && parse_number(argv[4], UINT32_MAX, &index) < 0)
        return usage(s, "register %s: the index must be a number, not '%s'", sub, argv[4]);
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    p4rt_register_info ri;
    if ((r = p4rt_register_get_info(p, argv[3], &ri)) < 0)
        return failed(s, argv[2], r);
    /* Wide and struct values are text for libp4rt to read. */
    bool text = ri.width > 64 || ri.nfields;
    if (form == 1 && !text && (argc != 6 || parse_number(argv[5], UINT64_MAX, &value) < 0))
        return usage(s, "register set: the value must be a number from 0 to 2^64-1, not '%s'",
                     argv[5]);
    uint64_t v = 0;
    char words[1024], hex[80];
    switch (form) {
    case 0:
        if (ri.width > 64) {
            if ((r = read_hex(p, &ri, (uint32_t)index, hex, sizeof hex)) < 0)
                return failed(s, argv[2], r);
            print_register_text(s->o->json, &ri, (uint32_t)index, hex);
            return STATUS_OK;
        }
        if ((r = p4rt_register_read(p, ri.name, (uint32_t)index, &v)) < 0)
            return failed(s, argv[2], r);
        print_register(s->o->json, &ri, (uint32_t)index, v);
        return STATUS_OK;
    case 1:
        r = text ? p4rt_register_write_text(p, ri.name, (uint32_t)index,
                                            value_words(argc, argv, words, sizeof words))
                 : p4rt_register_write(p, ri.name, (uint32_t)index, value);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    case 2:
        return dump(s, p, argv[2], &ri);
    default:
        r = p4rt_register_reset(p, ri.name, argc == 5 ? (long)index : -1);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
}
