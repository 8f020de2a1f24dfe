/* p4ctl pipeline load|replace|unload|show|list: see docs/p4ctl.1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compile.h"
#include "print.h"

static int load(Session *s, const char *name, const char *prog)
{
    const Options *o = s->o;
    P4Build build;
    char err[1024];
    int status = STATUS_OK, r;
    if (p4build_prepare(prog, o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s%s\n", s->where, err);
        p4build_cleanup(&build);
        return STATUS_FAIL;
    }
    /* A compiled .p4 has its p4info in the build directory; an object the
     * one beside it. */
    const char *p4info = o->p4info ? o->p4info : build.dir ? build.p4info : NULL;
    p4rt_pipeline *p = p4rt_open(build.obj, p4info);
    if (!p) {
        status = failed(s, NULL, -errno);
    } else if ((r = p4rt_load(p)) < 0 || (r = p4rt_pin(p, name)) < 0) {
        status = failed(s, name, r);
    } else {
        p4rt_info info;
        p4rt_get_info(p, &info);
        print_loaded(o->json, name, &info);
    }
    p4rt_close(p);
    p4build_cleanup(&build);
    return status;
}

/* A program in the place of pipeline NAME's, its state carried over. */
static int replace(Session *s, const char *name, const char *prog)
{
    const Options *o = s->o;
    P4Build build;
    char err[1024];
    int status = STATUS_OK, r;
    if (p4build_prepare(prog, o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s%s\n", s->where, err);
        p4build_cleanup(&build);
        return STATUS_FAIL;
    }
    const char *p4info = o->p4info ? o->p4info : build.dir ? build.p4info : NULL;
    p4rt_pipeline *p = p4rt_open(build.obj, p4info);
    p4rt_replace_info carried;
    if (!p) {
        status = failed(s, NULL, -errno);
    } else if ((r = p4rt_replace(p, name, &carried)) < 0) {
        status = failed(s, name, r);
    } else {
        p4rt_info info;
        p4rt_get_info(p, &info);
        print_replaced(o->json, name, &info, &carried);
    }
    p4rt_close(p);
    p4build_cleanup(&build);
    return status;
}

static int count_entry(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    (*(size_t *)ctx)++;
    return 0;
}

static int show(Session *s, const char *name)
{
    int status = STATUS_OK;
    p4rt_pipeline *p = session_pipeline(s, name, &status);
    if (!p)
        return status;
    PipelineView v = {.name = name};
    p4rt_port *ports = NULL;
    p4rt_get_info(p, &v.info);
    int r = p4rt_port_list(p, &ports, &v.nports);
    if (r < 0 && r != -ENOTSUP)
        return failed(s, name, r);
    v.ports = ports;
    if (p4rt_port_drops(p, &v.no_device_drops) < 0)
        v.no_device_drops = 0;
    TableSummary *tables = calloc(v.info.ntables + 1, sizeof *tables);
    p4rt_counter_info *counters = calloc(v.info.ncounters + 1, sizeof *counters);
    p4rt_register_info *registers = calloc(v.info.nregisters + 1, sizeof *registers);
    v.nvalue_sets = p4rt_value_set_count(p);
    p4rt_value_set_info *value_sets = calloc(v.nvalue_sets + 1, sizeof *value_sets);
    if (!tables || !counters || !registers || !value_sets)
        abort();
    for (size_t i = 0; i < v.info.ntables; i++) {
        TableSummary *t = &tables[i];
        p4rt_table_get_info(p, p4rt_table_name(p, i), &t->t);
        t->entries_known = p4rt_table_dump(p, t->t.name, count_entry, &t->entries) == 0;
        if (p4rt_table_get_default(p, t->t.name, &t->def) < 0)
            t->def = NULL;
    }
    for (size_t i = 0; i < v.info.ncounters; i++)
        p4rt_counter_get_info(p, p4rt_counter_name(p, i), &counters[i]);
    for (size_t i = 0; i < v.info.nregisters; i++)
        p4rt_register_get_info(p, p4rt_register_name(p, i), &registers[i]);
    for (size_t i = 0; i < v.nvalue_sets; i++)
        p4rt_value_set_get_info(p, p4rt_value_set_name(p, i), &value_sets[i]);
    v.tables = tables;
    v.counters = counters;
    v.registers = registers;
    v.value_sets = value_sets;
    print_pipeline(s->o->json, &v);
    for (size_t i = 0; i < v.info.ntables; i++)
        p4rt_entry_release(tables[i].def);
    free(tables);
    free(counters);
    free(registers);
    free(value_sets);
    free(ports);
    return STATUS_OK;
}

static int list(Session *s)
{
    char **names = p4rt_list();
    size_t n = 0;
    while (names[n])
        n++;
    /* The rows' strings are the pipelines': open until printed. */
    PipelineRow *rows = calloc(n + 1, sizeof *rows);
    p4rt_pipeline **open = calloc(n + 1, sizeof *open);
    if (!rows || !open)
        abort();
    for (size_t i = 0; i < n; i++) {
        PipelineRow *row = &rows[i];
        p4rt_port *ports = NULL;
        row->name = names[i];
        if (!(open[i] = p4rt_open_pinned(names[i])))
            continue;
        row->readable = true;
        p4rt_get_info(open[i], &row->info);
        row->ports_known = p4rt_port_list(open[i], &ports, &row->nports) == 0;
        if (!row->ports_known)
            row->nports = 0;
        free(ports);
    }
    print_pipeline_list(s->o->json, rows, n);
    for (size_t i = 0; i < n; i++)
        p4rt_close(open[i]);
    free(open);
    free(rows);
    p4rt_free_names(names);
    return STATUS_OK;
}

int cmd_pipeline(Session *s, int argc, char **argv)
{
    if (argc < 2)
        return usage(s, "pipeline needs a subcommand: load, replace, unload, show or list");
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        if (argc != 2)
            return usage(s, "pipeline list takes no arguments");
        return list(s);
    }
    if (strcmp(sub, "load") == 0) {
        if (argc != 4)
            return usage(s, "usage: pipeline load NAME PROG.o|PROG.p4");
        session_drop(s);
        return load(s, argv[2], argv[3]);
    }
    if (strcmp(sub, "replace") == 0) {
        if (argc != 4)
            return usage(s, "usage: pipeline replace NAME PROG.o|PROG.p4");
        session_drop(s);
        return replace(s, argv[2], argv[3]);
    }
    if (strcmp(sub, "unload") == 0) {
        if (argc != 3)
            return usage(s, "usage: pipeline unload NAME");
        session_drop(s);
        int r = p4rt_unload(argv[2]);
        return r < 0 ? failed(s, argv[2], r) : STATUS_OK;
    }
    if (strcmp(sub, "show") == 0) {
        if (argc != 3)
            return usage(s, "usage: pipeline show NAME");
        return show(s, argv[2]);
    }
    return usage(s, "unknown pipeline subcommand '%s' (load, replace, unload, show or list)",
                 sub);
}
