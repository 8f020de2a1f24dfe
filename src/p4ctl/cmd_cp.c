/* p4ctl pipeline|port|table|counter|register|value-set|batch: see cmd_cp.h and docs/p4ctl.1. */
#include "cmd_cp.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"
#include "p4rt.h"

#define STATUS_FAIL 1
#define STATUS_USAGE 2
#define STATUS_SKIP 77

/* Where messages point: "FILE:LINE: " in batch mode. */
static char where[300];

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "p4ctl: %s", where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'p4ctl --help'.\n", stderr);
    return STATUS_USAGE;
}

/* Report the library's message for the failed call that returned R. */
static int failed(const char *pipeline, int r)
{
    if (pipeline)
        fprintf(stderr, "p4ctl: %s%s: %s\n", where, pipeline, p4rt_errmsg());
    else
        fprintf(stderr, "p4ctl: %s%s\n", where, p4rt_errmsg());
    return r == -EPERM || r == -EACCES ? STATUS_SKIP : STATUS_FAIL;
}

int cp_enter_netns(const char *name)
{
    char path[512];
    if (strchr(name, '/'))
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "/run/netns/%s", name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "p4ctl: network namespace '%s': %s: %s\n", name, path, strerror(errno));
        return 1;
    }
    if (setns(fd, CLONE_NEWNET) < 0) {
        fprintf(stderr, "p4ctl: cannot enter network namespace '%s': %s\n", name,
                strerror(errno));
        close(fd);
        return 1;
    }
    close(fd);
    return 0;
}

/* ------------------------------------------------------------ output */

/* Rows of cells, printed with aligned columns. */
typedef struct {
    char ***rows;
    size_t nrows, ncols;
} Grid;

static void grid_row(Grid *g, size_t ncols, ...)
{
    va_list ap;
    char **row = calloc(ncols, sizeof *row);
    g->rows = realloc(g->rows, (g->nrows + 1) * sizeof *g->rows);
    if (!row || !g->rows)
        abort();
    va_start(ap, ncols);
    for (size_t i = 0; i < ncols; i++) {
        const char *s = va_arg(ap, const char *);
        row[i] = strdup(s ? s : "");
        if (!row[i])
            abort();
    }
    va_end(ap);
    g->rows[g->nrows++] = row;
    if (ncols > g->ncols)
        g->ncols = ncols;
}

static void grid_print(Grid *g, const char *indent)
{
    size_t w[32] = {0};
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t c = 0; c < g->ncols && c < 32; c++)
            if (strlen(g->rows[r][c]) > w[c])
                w[c] = strlen(g->rows[r][c]);
    for (size_t r = 0; r < g->nrows; r++) {
        fputs(indent, stdout);
        size_t end = g->ncols < 32 ? g->ncols : 32;
        while (end > 1 && !g->rows[r][end - 1][0])
            end--; /* no trailing blanks */
        for (size_t c = 0; c < end; c++) {
            if (c + 1 == end)
                fputs(g->rows[r][c], stdout);
            else
                printf("%-*s  ", (int)w[c], g->rows[r][c]);
        }
        putchar('\n');
    }
    for (size_t r = 0; r < g->nrows; r++) {
        for (size_t c = 0; c < g->ncols; c++)
            free(g->rows[r][c]);
        free(g->rows[r]);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

static void json_print(json_object *o)
{
    puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                               JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
}

static const char *mode_name(p4rt_xdp_mode m)
{
    return m == P4RT_XDP_NATIVE ? "native" : m == P4RT_XDP_GENERIC ? "generic" : "detached";
}

/* "port=1 dmac=00:11:22:33:44:55" */
static void args_text(const p4rt_entry *e, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < e->nargs && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s=%s", i ? " " : "", e->args[i].name,
                              e->args[i].value);
}

static json_object *entry_json(const p4rt_entry_out *o)
{
    json_object *j = json_object_new_object(), *keys = json_object_new_object(),
                *args = json_object_new_object();
    if (!o->is_default) {
        for (size_t i = 0; i < o->e.nkeys; i++)
            json_object_object_add(keys, o->e.keys[i].name,
                                   json_object_new_string(o->e.keys[i].value));
        json_object_object_add(j, "key", keys);
        if (o->has_priority)
            json_object_object_add(j, "priority", json_object_new_int64(o->e.priority));
    } else {
        json_object_put(keys);
        json_object_object_add(j, "program_default", json_object_new_boolean(o->is_program_default));
    }
    json_object_object_add(j, "action", json_object_new_string(o->e.action));
    for (size_t i = 0; i < o->e.nargs; i++)
        json_object_object_add(args, o->e.args[i].name, json_object_new_string(o->e.args[i].value));
    json_object_object_add(j, "args", args);
    return j;
}

/* -------------------------------------------------------- pipelines */

/* One pipeline kept open across the lines of a batch. */
static p4rt_pipeline *cached;
static char cached_name[P4RT_NAME_MAX];

static void drop_cache(void)
{
    p4rt_close(cached);
    cached = NULL;
    cached_name[0] = '\0';
}

static p4rt_pipeline *open_pipeline(const char *name, int *status)
{
    if (cached && strcmp(cached_name, name) == 0)
        return cached;
    drop_cache();
    p4rt_pipeline *p = p4rt_open_pinned(name);
    if (!p) {
        *status = failed(NULL, -errno);
        return NULL;
    }
    cached = p;
    snprintf(cached_name, sizeof cached_name, "%s", name);
    return p;
}

static int cmd_pipeline_load(const char *name, const char *prog, const CpOptions *o)
{
    P4Build build;
    char err[1024];
    int status = 0, r;
    if (p4build_prepare(prog, o->p4cc, o->p4cc_opts, o->np4cc_opts, &build, err, sizeof err) <
        0) {
        fprintf(stderr, "p4ctl: %s%s\n", where, err);
        p4build_cleanup(&build);
        return STATUS_FAIL;
    }
    /* A compiled .p4 has its p4info in the build directory; an object the
     * one beside it. */
    const char *p4info = o->p4info ? o->p4info : build.dir ? build.p4info : NULL;
    p4rt_pipeline *p = p4rt_open(build.obj, p4info);
    if (!p) {
        status = failed(NULL, -errno);
        goto out;
    }
    if ((r = p4rt_load(p)) < 0 || (r = p4rt_pin(p, name)) < 0) {
        status = failed(name, r);
        goto out;
    }
    p4rt_info info;
    p4rt_get_info(p, &info);
    if (o->json) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "pipeline", json_object_new_string(name));
        json_object_object_add(j, "program", json_object_new_string(info.program));
        json_object_object_add(j, "arch", json_object_new_string(info.arch));
        json_object_object_add(j, "prog_id", json_object_new_int64(info.prog_id));
        char pin[300];
        snprintf(pin, sizeof pin, P4RT_PIN_ROOT "/%s", name);
        json_object_object_add(j, "pinned", json_object_new_string(pin));
        json_print(j);
    } else {
        printf("pipeline %s: %s (%s), program id %u, %zu table%s, %zu counter%s; pinned at "
               P4RT_PIN_ROOT "/%s\n",
               name, info.program, info.arch, info.prog_id, info.ntables,
               info.ntables == 1 ? "" : "s", info.ncounters, info.ncounters == 1 ? "" : "s",
               name);
    }
out:
    p4rt_close(p);
    p4build_cleanup(&build);
    return status;
}

static int count_fn(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    (*(size_t *)ctx)++;
    return 0;
}

static int cmd_pipeline_show(const char *name, const CpOptions *o)
{
    int status = 0;
    p4rt_pipeline *p = open_pipeline(name, &status);
    if (!p)
        return status;
    p4rt_info pi;
    p4rt_get_info(p, &pi);
    size_t nvalue_sets = p4rt_value_set_count(p);
    p4rt_port *ports = NULL;
    size_t nports = 0;
    int r = p4rt_port_list(p, &ports, &nports);
    if (r < 0 && r != -ENOTSUP)
        return failed(name, r);
    json_object *j = NULL, *jp = NULL, *jt = NULL, *jc = NULL;
    Grid g = {0};
    if (o->json) {
        j = json_object_new_object();
        jp = json_object_new_array();
        jt = json_object_new_array();
        jc = json_object_new_array();
        json_object_object_add(j, "pipeline", json_object_new_string(name));
        json_object_object_add(j, "program", json_object_new_string(pi.program));
        json_object_object_add(j, "arch", json_object_new_string(pi.arch));
        json_object_object_add(j, "prog_id", json_object_new_int64(pi.prog_id));
    } else {
        printf("pipeline %s: %s (%s), program id %u, pinned at " P4RT_PIN_ROOT "/%s\n", name,
               pi.program, pi.arch, pi.prog_id, name);
        printf("ports:%s\n", nports ? "" : " none");
        if (nports)
            grid_row(&g, 4, "port", "interface", "ifindex", "xdp");
    }
    for (size_t i = 0; i < nports; i++) {
        char port[16], ifx[16];
        snprintf(port, sizeof port, "%u", ports[i].port);
        snprintf(ifx, sizeof ifx, "%u", ports[i].ifindex);
        if (o->json) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "port", json_object_new_int64(ports[i].port));
            json_object_object_add(e, "interface", json_object_new_string(ports[i].ifname));
            json_object_object_add(e, "ifindex", json_object_new_int64(ports[i].ifindex));
            json_object_object_add(e, "xdp", json_object_new_string(mode_name(ports[i].mode)));
            json_object_array_add(jp, e);
        } else {
            grid_row(&g, 4, port, ports[i].ifname, ifx, mode_name(ports[i].mode));
        }
    }
    free(ports);
    if (!o->json) {
        grid_print(&g, "  ");
        printf("tables:%s\n", pi.ntables ? "" : " none");
        if (pi.ntables)
            grid_row(&g, 5, "table", "kind", "entries", "size", "default action");
    }
    for (size_t i = 0; i < pi.ntables; i++) {
        p4rt_table_info t;
        p4rt_table_get_info(p, p4rt_table_name(p, i), &t);
        size_t n = 0;
        char entries[32], size[16], def[300] = "";
        if (p4rt_table_dump(p, t.name, count_fn, &n) < 0)
            snprintf(entries, sizeof entries, "?");
        else
            snprintf(entries, sizeof entries, "%zu%s", n, t.const_entries ? " (const)" : "");
        snprintf(size, sizeof size, "%u", t.size);
        p4rt_entry_out *d = NULL;
        if (p4rt_table_get_default(p, t.name, &d) == 0) {
            char args[240];
            args_text(&d->e, args, sizeof args);
            snprintf(def, sizeof def, "%s%s%s%s", d->e.action, args[0] ? " " : "", args,
                     d->is_program_default ? " (the program's)" : "");
        }
        if (o->json) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "name", json_object_new_string(t.name));
            json_object_object_add(e, "kind", json_object_new_string(t.kind));
            json_object_object_add(e, "entries", json_object_new_int64((int64_t)n));
            json_object_object_add(e, "size", json_object_new_int64(t.size));
            json_object_object_add(e, "default_action", d ? entry_json(d) : NULL);
            json_object_array_add(jt, e);
        } else {
            grid_row(&g, 5, t.name, t.kind, entries, size, def);
        }
        p4rt_entry_release(d);
    }
    if (!o->json) {
        grid_print(&g, "  ");
        printf("counters:%s\n", pi.ncounters ? "" : " none");
        if (pi.ncounters)
            grid_row(&g, 4, "counter", "kind", "size", "unit");
    }
    for (size_t i = 0; i < pi.ncounters; i++) {
        p4rt_counter_info c;
        p4rt_counter_get_info(p, p4rt_counter_name(p, i), &c);
        char size[16];
        snprintf(size, sizeof size, "%u", c.size);
        const char *kind = c.sparse ? "sparse" : "array";
        const char *unit = c.unit;
        if (o->json) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "name", json_object_new_string(c.name));
            json_object_object_add(e, "kind", json_object_new_string(kind));
            json_object_object_add(e, "size", json_object_new_int64(c.size));
            json_object_object_add(e, "unit", json_object_new_string(unit));
            json_object_array_add(jc, e);
        } else {
            grid_row(&g, 4, c.name, kind, size, unit);
        }
    }
    json_object *jr = o->json ? json_object_new_array() : NULL;
    if (!o->json) {
        grid_print(&g, "  ");
        printf("registers:%s\n", pi.nregisters ? "" : " none");
        if (pi.nregisters)
            grid_row(&g, 4, "register", "size", "width", "initial value");
    }
    for (size_t i = 0; i < pi.nregisters; i++) {
        p4rt_register_info reg;
        p4rt_register_get_info(p, p4rt_register_name(p, i), &reg);
        char size[16], width[16], init[32];
        snprintf(size, sizeof size, "%u", reg.size);
        snprintf(width, sizeof width, "%u", reg.width);
        snprintf(init, sizeof init, "%llu", (unsigned long long)reg.initial_value);
        if (o->json) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "name", json_object_new_string(reg.name));
            json_object_object_add(e, "size", json_object_new_int64(reg.size));
            json_object_object_add(e, "width", json_object_new_int64(reg.width));
            json_object_object_add(e, "initial_value", json_object_new_uint64(reg.initial_value));
            json_object_array_add(jr, e);
        } else {
            grid_row(&g, 4, reg.name, size, width, init);
        }
    }
    json_object *jv = o->json ? json_object_new_array() : NULL;
    if (!o->json) {
        grid_print(&g, "  ");
        printf("value sets:%s\n", nvalue_sets ? "" : " none");
        if (nvalue_sets)
            grid_row(&g, 3, "value set", "size", "width");
    }
    for (size_t i = 0; i < nvalue_sets; i++) {
        p4rt_value_set_info vs;
        p4rt_value_set_get_info(p, p4rt_value_set_name(p, i), &vs);
        char size[16], width[16];
        snprintf(size, sizeof size, "%u", vs.size);
        snprintf(width, sizeof width, "%u", vs.width);
        if (o->json) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "name", json_object_new_string(vs.name));
            json_object_object_add(e, "size", json_object_new_int64(vs.size));
            json_object_object_add(e, "width", json_object_new_int64(vs.width));
            json_object_array_add(jv, e);
        } else {
            grid_row(&g, 3, vs.name, size, width);
        }
    }
    if (o->json) {
        json_object_object_add(j, "ports", jp);
        json_object_object_add(j, "tables", jt);
        json_object_object_add(j, "counters", jc);
        json_object_object_add(j, "registers", jr);
        json_object_object_add(j, "value_sets", jv);
        json_print(j);
    } else {
        grid_print(&g, "  ");
    }
    return 0;
}

static int cmd_pipeline_list(const CpOptions *o)
{
    char **names = p4rt_list();
    json_object *j = o->json ? json_object_new_array() : NULL;
    Grid g = {0};
    if (!o->json && names[0])
        grid_row(&g, 4, "pipeline", "program", "program id", "ports");
    for (size_t i = 0; names[i]; i++) {
        p4rt_pipeline *p = p4rt_open_pinned(names[i]);
        p4rt_info pi = {0};
        p4rt_port *ports = NULL;
        size_t n = 0;
        char id[16] = "?", np[16] = "?";
        if (p) {
            p4rt_get_info(p, &pi);
            snprintf(id, sizeof id, "%u", pi.prog_id);
            if (p4rt_port_list(p, &ports, &n) == 0)
                snprintf(np, sizeof np, "%zu", n);
            free(ports);
        }
        if (j) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "pipeline", json_object_new_string(names[i]));
            json_object_object_add(e, "program", json_object_new_string(p ? pi.program : ""));
            json_object_object_add(e, "prog_id", json_object_new_int64(p ? pi.prog_id : 0));
            json_object_object_add(e, "ports", json_object_new_int64((int64_t)n));
            json_object_array_add(j, e);
        } else {
            grid_row(&g, 4, names[i], p ? pi.program : "(unreadable)", id, np);
        }
        p4rt_close(p);
    }
    p4rt_free_names(names);
    if (j)
        json_print(j);
    else
        grid_print(&g, "");
    return 0;
}

static int cmd_pipeline(int argc, char **argv, const CpOptions *o)
{
    if (argc < 2)
        return usage("pipeline needs a subcommand: load, unload, show or list");
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0) {
        if (argc != 2)
            return usage("pipeline list takes no arguments");
        return cmd_pipeline_list(o);
    }
    if (strcmp(sub, "load") == 0) {
        if (argc != 4)
            return usage("usage: pipeline load NAME PROG.o|PROG.p4");
        drop_cache();
        return cmd_pipeline_load(argv[2], argv[3], o);
    }
    if (strcmp(sub, "unload") == 0) {
        if (argc != 3)
            return usage("usage: pipeline unload NAME");
        drop_cache();
        int r = p4rt_unload(argv[2]);
        return r < 0 ? failed(argv[2], r) : 0;
    }
    if (strcmp(sub, "show") == 0) {
        if (argc != 3)
            return usage("usage: pipeline show NAME");
        return cmd_pipeline_show(argv[2], o);
    }
    return usage("unknown pipeline subcommand '%s' (load, unload, show or list)", sub);
}

/* ------------------------------------------------------------- ports */

static int parse_number(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    unsigned long n = strtoul(s, &end, 0);
    if (*end || errno || n > max)
        return -1;
    *out = n;
    return 0;
}

static int cmd_port(int argc, char **argv, const CpOptions *o)
{
    int status = 0, r;
    if (argc < 2)
        return usage("port needs a subcommand: add, del or list");
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0) {
        unsigned long port = 0;
        if (argc != 4 && argc != 5)
            return usage("usage: port add NAME IFACE [PORT]");
        if (argc == 5 && parse_number(argv[4], 0xffff, &port) < 0)
            return usage("port add: the port number must be a number from 0 to 65535, not '%s'",
                         argv[4]);
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        p4rt_port pt;
        r = p4rt_port_add(p, argv[3], argc == 5 ? (long)port : -1, (p4rt_xdp_mode)o->xdp_mode,
                          &pt);
        if (r < 0)
            return failed(argv[2], r);
        if (pt.note[0])
            fprintf(stderr, "p4ctl: %snote: %s\n", where, pt.note);
        if (o->json) {
            json_object *j = json_object_new_object();
            json_object_object_add(j, "port", json_object_new_int64(pt.port));
            json_object_object_add(j, "interface", json_object_new_string(pt.ifname));
            json_object_object_add(j, "ifindex", json_object_new_int64(pt.ifindex));
            json_object_object_add(j, "xdp", json_object_new_string(mode_name(pt.mode)));
            json_print(j);
        } else {
            printf("%s: port %u is %s (ifindex %u, %s XDP)\n", argv[2], pt.port, pt.ifname,
                   pt.ifindex, mode_name(pt.mode));
        }
        return 0;
    }
    if (strcmp(sub, "del") == 0) {
        if (argc != 4)
            return usage("usage: port del NAME IFACE");
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        r = p4rt_port_del(p, argv[3]);
        return r < 0 ? failed(argv[2], r) : 0;
    }
    if (strcmp(sub, "list") == 0) {
        if (argc != 3)
            return usage("usage: port list NAME");
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        p4rt_port *ports;
        size_t n;
        if ((r = p4rt_port_list(p, &ports, &n)) < 0)
            return failed(argv[2], r);
        json_object *j = o->json ? json_object_new_array() : NULL;
        Grid g = {0};
        if (!j && n)
            grid_row(&g, 4, "port", "interface", "ifindex", "xdp");
        for (size_t i = 0; i < n; i++) {
            char port[16], ifx[16];
            snprintf(port, sizeof port, "%u", ports[i].port);
            snprintf(ifx, sizeof ifx, "%u", ports[i].ifindex);
            if (j) {
                json_object *e = json_object_new_object();
                json_object_object_add(e, "port", json_object_new_int64(ports[i].port));
                json_object_object_add(e, "interface", json_object_new_string(ports[i].ifname));
                json_object_object_add(e, "ifindex", json_object_new_int64(ports[i].ifindex));
                json_object_object_add(e, "xdp", json_object_new_string(mode_name(ports[i].mode)));
                json_object_array_add(j, e);
            } else {
                grid_row(&g, 4, port, ports[i].ifname, ifx, mode_name(ports[i].mode));
            }
        }
        free(ports);
        if (j)
            json_print(j);
        else
            grid_print(&g, "");
        return 0;
    }
    return usage("unknown port subcommand '%s' (add, del or list)", sub);
}

/* ------------------------------------------------------------ tables */

/* Split ARGV[0..ARGC) of NAME=VALUE words into key fields, then (after
 * action=) the action and its arguments; priority= anywhere. ALLOW_ACTION
 * false: only keys. */
typedef struct {
    p4rt_entry e;
    p4rt_field *fields; /* keys then args, pointing into argv */
    char *strings;
} ParsedEntry;

static int parse_entry(int argc, char **argv, bool allow_action, bool need_action,
                       const char *what, ParsedEntry *pe)
{
    memset(pe, 0, sizeof *pe);
    pe->fields = calloc((size_t)argc + 1, sizeof *pe->fields);
    pe->strings = calloc(1, 1);
    if (!pe->fields || !pe->strings)
        abort();
    size_t nk = 0, na = 0;
    bool in_args = false;
    p4rt_field *keys = pe->fields;
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i])
            return usage("%s: expected NAME=VALUE, not '%s'", what, argv[i]);
        *eq = '\0';
        const char *name = argv[i], *value = eq + 1;
        if (strcmp(name, "priority") == 0) {
            unsigned long prio;
            if (parse_number(value, UINT32_MAX, &prio) < 0) {
                *eq = '=';
                return usage("%s: priority must be a number from 0 to 4294967295, not '%s'",
                             what, value);
            }
            pe->e.priority = (uint32_t)prio;
            continue;
        }
        if (strcmp(name, "action") == 0) {
            if (!allow_action) {
                *eq = '=';
                return usage("%s takes key fields only (and priority=), not '%s'", what,
                             argv[i]);
            }
            if (in_args) {
                *eq = '=';
                return usage("%s: action= is given twice", what);
            }
            in_args = true;
            pe->e.action = value;
            continue;
        }
        if (in_args) {
            /* Arguments go after the keys in FIELDS. */
            pe->fields[argc - (int)na - 1] = (p4rt_field){name, value};
            na++;
        } else {
            keys[nk++] = (p4rt_field){name, value};
        }
    }
    if (need_action && !pe->e.action)
        return usage("%s needs action=ACTION after the key fields", what);
    /* Arguments were stored backwards from the end: put them in order. */
    for (size_t i = 0; i < na / 2; i++) {
        p4rt_field t = pe->fields[(size_t)argc - 1 - i];
        pe->fields[(size_t)argc - 1 - i] = pe->fields[(size_t)argc - na + i];
        pe->fields[(size_t)argc - na + i] = t;
    }
    pe->e.keys = keys;
    pe->e.nkeys = nk;
    pe->e.args = pe->fields + argc - na;
    pe->e.nargs = na;
    return 0;
}

static void free_entry(ParsedEntry *pe)
{
    free(pe->fields);
    free(pe->strings);
}

typedef struct {
    const CpOptions *o;
    Grid g;
    json_object *arr;
    bool priority, header;
    const p4rt_entry_out *first;
    size_t n;
} DumpCtx;

static void entry_row(DumpCtx *d, const p4rt_entry_out *e)
{
    char args[1024], prio[16];
    size_t nk = e->e.nkeys;
    args_text(&e->e, args, sizeof args);
    snprintf(prio, sizeof prio, "%u", e->e.priority);
    /* Cells: keys..., [priority], action, arguments. */
    const char *cells[40];
    size_t n = 0;
    if (!d->header) {
        for (size_t i = 0; i < nk && n < 36; i++)
            cells[n++] = e->e.keys[i].name;
        if (e->has_priority)
            cells[n++] = "priority";
        cells[n++] = "action";
        cells[n++] = "arguments";
        d->header = true;
        d->g.rows = realloc(d->g.rows, (d->g.nrows + 1) * sizeof *d->g.rows);
        char **row = calloc(n, sizeof *row);
        if (!d->g.rows || !row)
            abort();
        for (size_t i = 0; i < n; i++)
            row[i] = strdup(cells[i]);
        d->g.rows[d->g.nrows++] = row;
        if (n > d->g.ncols)
            d->g.ncols = n;
        n = 0;
    }
    for (size_t i = 0; i < nk && n < 36; i++)
        cells[n++] = e->e.keys[i].value;
    if (e->has_priority)
        cells[n++] = prio;
    cells[n++] = e->e.action;
    cells[n++] = args;
    char **row = calloc(n, sizeof *row);
    d->g.rows = realloc(d->g.rows, (d->g.nrows + 1) * sizeof *d->g.rows);
    if (!d->g.rows || !row)
        abort();
    for (size_t i = 0; i < n; i++) {
        row[i] = strdup(cells[i]);
        if (!row[i])
            abort();
    }
    d->g.rows[d->g.nrows++] = row;
    if (n > d->g.ncols)
        d->g.ncols = n;
}

static int dump_fn(const p4rt_entry_out *e, void *ctx)
{
    DumpCtx *d = ctx;
    d->n++;
    if (d->arr)
        json_object_array_add(d->arr, entry_json(e));
    else
        entry_row(d, e);
    return 0;
}

static int dump_table(p4rt_pipeline *p, const char *pname, const char *table, const CpOptions *o,
                      json_object *jtables)
{
    DumpCtx d = {.o = o};
    p4rt_table_info t;
    int r = p4rt_table_get_info(p, table, &t);
    if (r < 0)
        return failed(pname, r);
    if (jtables)
        d.arr = json_object_new_array();
    r = p4rt_table_dump(p, t.name, dump_fn, &d);
    if (r < 0) {
        json_object_put(d.arr);
        for (size_t i = 0; i < d.g.nrows; i++) {
            for (size_t c = 0; c < d.g.ncols; c++)
                free(d.g.rows[i][c]);
            free(d.g.rows[i]);
        }
        free(d.g.rows);
        return failed(pname, r);
    }
    p4rt_entry_out *def = NULL;
    p4rt_table_get_default(p, t.name, &def);
    if (jtables) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "table", json_object_new_string(t.name));
        json_object_object_add(j, "kind", json_object_new_string(t.kind));
        json_object_object_add(j, "size", json_object_new_int64(t.size));
        json_object_object_add(j, "entries", d.arr);
        json_object_object_add(j, "default_action", def ? entry_json(def) : NULL);
        json_object_array_add(jtables, j);
    } else {
        printf("%s (%s, %zu of %u entries%s)\n", t.name, t.kind, d.n, t.size,
               t.const_entries ? ", const entries in the program" : "");
        grid_print(&d.g, "  ");
        if (def) {
            char args[1024];
            args_text(&def->e, args, sizeof args);
            printf("  default: %s%s%s%s\n", def->e.action, args[0] ? " " : "", args,
                   def->is_program_default ? " (the program's)" : "");
        }
    }
    p4rt_entry_release(def);
    return 0;
}

static void print_entry(const p4rt_entry_out *e, const CpOptions *o)
{
    if (o->json) {
        json_print(entry_json(e));
        return;
    }
    DumpCtx d = {.o = o};
    entry_row(&d, e);
    grid_print(&d.g, "");
}

static int cmd_table(int argc, char **argv, const CpOptions *o)
{
    int status = 0, r;
    if (argc < 2)
        return usage("table needs a subcommand: add, mod, del, get, dump, clear or default");
    const char *sub = argv[1];
    bool add = strcmp(sub, "add") == 0, mod = strcmp(sub, "mod") == 0,
         del = strcmp(sub, "del") == 0, get = strcmp(sub, "get") == 0;
    if (strcmp(sub, "dump") == 0) {
        if (argc != 3 && argc != 4)
            return usage("usage: table dump NAME [TABLE]");
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        json_object *jt = o->json ? json_object_new_array() : NULL;
        const char *name;
        if (argc == 4) {
            status = dump_table(p, argv[2], argv[3], o, jt);
        } else {
            for (size_t i = 0; (name = p4rt_table_name(p, i)) && status == 0; i++) {
                if (i && !jt)
                    putchar('\n');
                status = dump_table(p, argv[2], name, o, jt);
            }
        }
        if (jt && status == 0)
            json_print(argc == 4 ? json_object_get(json_object_array_get_idx(jt, 0)) : jt);
        if (jt && argc == 4)
            json_object_put(jt);
        return status;
    }
    if (strcmp(sub, "clear") == 0) {
        if (argc != 4)
            return usage("usage: table clear NAME TABLE");
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        r = p4rt_table_clear(p, argv[3]);
        return r < 0 ? failed(argv[2], r) : 0;
    }
    if (strcmp(sub, "default") == 0) {
        if (argc < 4)
            return usage("usage: table default NAME TABLE [action=ACTION [PARAM=VALUE...] | reset]");
        p4rt_pipeline *p = open_pipeline(argv[2], &status);
        if (!p)
            return status;
        if (argc == 4) {
            p4rt_entry_out *d;
            if ((r = p4rt_table_get_default(p, argv[3], &d)) < 0)
                return failed(argv[2], r);
            if (o->json) {
                json_print(entry_json(d));
            } else {
                char args[1024];
                args_text(&d->e, args, sizeof args);
                printf("%s%s%s%s\n", d->e.action, args[0] ? " " : "", args,
                       d->is_program_default ? " (the program's)" : "");
            }
            p4rt_entry_release(d);
            return 0;
        }
        if (argc == 5 && strcmp(argv[4], "reset") == 0) {
            r = p4rt_table_reset_default(p, argv[3]);
            return r < 0 ? failed(argv[2], r) : 0;
        }
        ParsedEntry pe;
        if ((status = parse_entry(argc - 4, argv + 4, true, true, "table default", &pe)) != 0) {
            free_entry(&pe);
            return status;
        }
        if (pe.e.nkeys) {
            status = usage("table default: arguments go after action=, not before ('%s=%s')",
                           pe.e.keys[0].name, pe.e.keys[0].value);
        } else if (pe.e.priority) {
            status = usage("table default: a default action has no priority");
        } else {
            r = p4rt_table_set_default(p, argv[3], pe.e.action, pe.e.args, pe.e.nargs);
            status = r < 0 ? failed(argv[2], r) : 0;
        }
        free_entry(&pe);
        return status;
    }
    if (!add && !mod && !del && !get)
        return usage("unknown table subcommand '%s' (add, mod, del, get, dump, clear or default)",
                     sub);
    if (argc < 4)
        return usage("usage: table %s NAME TABLE KEY=VALUE...%s", sub,
                     add || mod ? " action=ACTION [PARAM=VALUE...]" : "");
    char what[32];
    snprintf(what, sizeof what, "table %s", sub);
    ParsedEntry pe;
    if ((status = parse_entry(argc - 4, argv + 4, add || mod, add || mod, what, &pe)) != 0) {
        free_entry(&pe);
        return status;
    }
    p4rt_pipeline *p = open_pipeline(argv[2], &status);
    if (!p) {
        free_entry(&pe);
        return status;
    }
    if (get) {
        p4rt_entry_out *e;
        r = p4rt_table_get(p, argv[3], &pe.e, &e);
        if (r == 0) {
            print_entry(e, o);
            p4rt_entry_release(e);
        }
    } else {
        r = add ? p4rt_table_add(p, argv[3], &pe.e)
            : mod ? p4rt_table_modify(p, argv[3], &pe.e)
                  : p4rt_table_delete(p, argv[3], &pe.e);
    }
    free_entry(&pe);
    return r < 0 ? failed(argv[2], r) : 0;
}

/* ---------------------------------------------------------- counters */

typedef struct {
    Grid g;
    json_object *arr;
} CounterCtx;

static int counter_fn(uint32_t index, uint64_t value, void *ctx)
{
    CounterCtx *c = ctx;
    char i[16], v[32];
    snprintf(i, sizeof i, "%u", index);
    snprintf(v, sizeof v, "%llu", (unsigned long long)value);
    if (c->arr) {
        json_object *e = json_object_new_object();
        json_object_object_add(e, "index", json_object_new_int64(index));
        json_object_object_add(e, "value", json_object_new_uint64(value));
        json_object_array_add(c->arr, e);
    } else {
        grid_row(&c->g, 2, i, v);
    }
    return 0;
}

static int cmd_counter(int argc, char **argv, const CpOptions *o)
{
    int status = 0, r;
    if (argc < 2)
        return usage("counter needs a subcommand: get or reset");
    const char *sub = argv[1];
    bool get = strcmp(sub, "get") == 0;
    if (!get && strcmp(sub, "reset") != 0)
        return usage("unknown counter subcommand '%s' (get or reset)", sub);
    if (argc != 4 && argc != 5)
        return usage("usage: counter %s NAME COUNTER [INDEX]", sub);
    unsigned long index = 0;
    if (argc == 5 && parse_number(argv[4], UINT32_MAX, &index) < 0)
        return usage("counter %s: the index must be a number, not '%s'", sub, argv[4]);
    p4rt_pipeline *p = open_pipeline(argv[2], &status);
    if (!p)
        return status;
    p4rt_counter_info ci;
    if ((r = p4rt_counter_get_info(p, argv[3], &ci)) < 0)
        return failed(argv[2], r);
    const p4rt_counter_info *c = &ci;
    const char *unit = c->unit;
    if (!get) {
        r = p4rt_counter_reset(p, c->name, argc == 5 ? (long)index : -1);
        return r < 0 ? failed(argv[2], r) : 0;
    }
    if (argc == 5) {
        uint64_t v;
        if ((r = p4rt_counter_read(p, c->name, (uint32_t)index, &v)) < 0)
            return failed(argv[2], r);
        if (o->json) {
            json_object *j = json_object_new_object();
            json_object_object_add(j, "counter", json_object_new_string(c->name));
            json_object_object_add(j, "index", json_object_new_int64((int64_t)index));
            json_object_object_add(j, "unit", json_object_new_string(unit));
            json_object_object_add(j, "value", json_object_new_uint64(v));
            json_print(j);
        } else {
            printf("%s[%lu] %llu %s\n", c->name, index, (unsigned long long)v, unit);
        }
        return 0;
    }
    CounterCtx cc = {0};
    if (o->json)
        cc.arr = json_object_new_array();
    else
        grid_row(&cc.g, 2, "index", unit);
    if ((r = p4rt_counter_dump(p, c->name, counter_fn, &cc)) < 0) {
        json_object_put(cc.arr);
        grid_print(&cc.g, ""); /* frees; prints the rows read so far */
        return failed(argv[2], r);
    }
    if (o->json) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "counter", json_object_new_string(c->name));
        json_object_object_add(j, "unit", json_object_new_string(unit));
        json_object_object_add(j, "cells", cc.arr);
        json_print(j);
    } else {
        printf("%s (%s, %u cells; cells that are not zero)\n", c->name,
               c->sparse ? "sparse" : "array", c->size);
        grid_print(&cc.g, "  ");
    }
    return 0;
}

/* --------------------------------------------------------- registers */

typedef struct {
    CounterCtx cells; /* first: the rows, as counters print them */
    uint64_t initial;
} RegisterCtx;

/* Cells at the initial value are left out, as counters leave out zeros. */
static int register_fn(uint32_t index, uint64_t value, void *ctx)
{
    RegisterCtx *c = ctx;
    return value == c->initial ? 0 : counter_fn(index, value, &c->cells);
}

static int register_show(const p4rt_register_info *ri, unsigned long index, uint64_t v,
                         const CpOptions *o)
{
    if (o->json) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "register", json_object_new_string(ri->name));
        json_object_object_add(j, "index", json_object_new_int64((int64_t)index));
        json_object_object_add(j, "value", json_object_new_uint64(v));
        json_print(j);
    } else {
        printf("%s[%lu] %llu\n", ri->name, index, (unsigned long long)v);
    }
    return 0;
}

static int register_dump(p4rt_pipeline *p, const char *pipeline, const p4rt_register_info *ri,
                         const CpOptions *o)
{
    RegisterCtx rc = {.initial = ri->initial_value};
    if (o->json)
        rc.cells.arr = json_object_new_array();
    else
        grid_row(&rc.cells.g, 2, "index", "value");
    int r = p4rt_register_dump(p, ri->name, register_fn, &rc);
    if (r < 0) {
        json_object_put(rc.cells.arr);
        grid_print(&rc.cells.g, "");
        return failed(pipeline, r);
    }
    if (o->json) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "register", json_object_new_string(ri->name));
        json_object_object_add(j, "size", json_object_new_int64(ri->size));
        json_object_object_add(j, "width", json_object_new_int64(ri->width));
        json_object_object_add(j, "initial_value", json_object_new_uint64(ri->initial_value));
        json_object_object_add(j, "cells", rc.cells.arr);
        json_print(j);
    } else {
        printf("%s (%u cells of %u bits; cells that are not %llu)\n", ri->name, ri->size,
               ri->width, (unsigned long long)ri->initial_value);
        grid_print(&rc.cells.g, "  ");
    }
    return 0;
}

static int cmd_register(int argc, char **argv, const CpOptions *o)
{
    int status = 0, r;
    if (argc < 2)
        return usage("register needs a subcommand: get, set, dump or reset");
    const char *sub = argv[1];
    int want = strcmp(sub, "get") == 0 ? 5 : strcmp(sub, "set") == 0 ? 6
             : strcmp(sub, "dump") == 0 ? 4 : strcmp(sub, "reset") == 0 ? 4 : 0;
    if (!want)
        return usage("unknown register subcommand '%s' (get, set, dump or reset)", sub);
    static const char *const forms[] = {"get NAME REGISTER INDEX", "set NAME REGISTER INDEX VALUE",
                                        "dump NAME REGISTER", "reset NAME REGISTER [INDEX]"};
    int form = want == 5 ? 0 : want == 6 ? 1 : strcmp(sub, "dump") == 0 ? 2 : 3;
    if (argc != want && !(form == 3 && argc == 5))
        return usage("usage: register %s", forms[form]);
    unsigned long index = 0, value = 0;
    if (argc >= 5 && parse_number(argv[4], UINT32_MAX, &index) < 0)
        return usage("register %s: the index must be a number, not '%s'", sub, argv[4]);
    if (argc == 6 && parse_number(argv[5], UINT64_MAX, &value) < 0)
        return usage("register set: the value must be a number from 0 to 2^64-1, not '%s'",
                     argv[5]);
    p4rt_pipeline *p = open_pipeline(argv[2], &status);
    if (!p)
        return status;
    p4rt_register_info ri;
    if ((r = p4rt_register_get_info(p, argv[3], &ri)) < 0)
        return failed(argv[2], r);
    uint64_t v = 0;
    switch (form) {
    case 0:
        if ((r = p4rt_register_read(p, ri.name, (uint32_t)index, &v)) < 0)
            return failed(argv[2], r);
        return register_show(&ri, index, v, o);
    case 1:
        r = p4rt_register_write(p, ri.name, (uint32_t)index, value);
        return r < 0 ? failed(argv[2], r) : 0;
    case 2:
        return register_dump(p, argv[2], &ri, o);
    default:
        r = p4rt_register_reset(p, ri.name, argc == 5 ? (long)index : -1);
        return r < 0 ? failed(argv[2], r) : 0;
    }
}

/* -------------------------------------------------------- value sets */

typedef struct {
    json_object *arr;
    unsigned digits; /* hex digits of a member */
} MemberCtx;

static int member_fn(uint64_t value, void *ctx)
{
    MemberCtx *c = ctx;
    if (c->arr)
        json_object_array_add(c->arr, json_object_new_uint64(value));
    else
        printf("  0x%0*llx\n", (int)c->digits, (unsigned long long)value);
    return 0;
}

static int value_set_dump(p4rt_pipeline *p, const char *pipeline, const p4rt_value_set_info *vi,
                          const CpOptions *o)
{
    MemberCtx mc = {o->json ? json_object_new_array() : NULL, (vi->width + 3) / 4};
    if (!o->json)
        printf("%s (at most %u members of %u bits)\n", vi->name, vi->size, vi->width);
    int r = p4rt_value_set_dump(p, vi->name, member_fn, &mc);
    if (r < 0) {
        json_object_put(mc.arr);
        return failed(pipeline, r);
    }
    if (o->json) {
        json_object *j = json_object_new_object();
        json_object_object_add(j, "value_set", json_object_new_string(vi->name));
        json_object_object_add(j, "size", json_object_new_int64(vi->size));
        json_object_object_add(j, "width", json_object_new_int64(vi->width));
        json_object_object_add(j, "members", mc.arr);
        json_print(j);
    }
    return 0;
}

static int cmd_value_set(int argc, char **argv, const CpOptions *o)
{
    int status = 0, r;
    if (argc < 2)
        return usage("value-set needs a subcommand: add, del, dump or clear");
    const char *sub = argv[1];
    bool with_value = strcmp(sub, "add") == 0 || strcmp(sub, "del") == 0;
    if (!with_value && strcmp(sub, "dump") != 0 && strcmp(sub, "clear") != 0)
        return usage("unknown value-set subcommand '%s' (add, del, dump or clear)", sub);
    if (argc != (with_value ? 5 : 4))
        return usage("usage: value-set %s NAME VALUE_SET%s", sub, with_value ? " VALUE" : "");
    p4rt_pipeline *p = open_pipeline(argv[2], &status);
    if (!p)
        return status;
    p4rt_value_set_info vi;
    if ((r = p4rt_value_set_get_info(p, argv[3], &vi)) < 0)
        return failed(argv[2], r);
    if (strcmp(sub, "dump") == 0)
        return value_set_dump(p, argv[2], &vi, o);
    r = strcmp(sub, "add") == 0   ? p4rt_value_set_add(p, vi.name, argv[4])
        : strcmp(sub, "del") == 0 ? p4rt_value_set_delete(p, vi.name, argv[4])
                                  : p4rt_value_set_clear(p, vi.name);
    return r < 0 ? failed(argv[2], r) : 0;
}

/* ------------------------------------------------------------- batch */

static int run_line(char *line, const CpOptions *o)
{
    char *argv[256];
    int argc = 0;
    for (char *s = strtok(line, " \t\r\n"); s; s = strtok(NULL, " \t\r\n")) {
        if (s[0] == '#')
            break;
        if (argc == 255)
            return usage("too many words on one line (at most 255)");
        argv[argc++] = s;
    }
    argv[argc] = NULL;
    if (argc == 0)
        return 0;
    if (strcmp(argv[0], "p4ctl") == 0) {
        for (int i = 1; i <= argc; i++)
            argv[i - 1] = argv[i];
        argc--;
        if (argc == 0)
            return 0;
    }
    if (strcmp(argv[0], "batch") == 0)
        return usage("batch files cannot run batch");
    if (!cp_is_command(argv[0]))
        return usage("unknown command '%s' (pipeline, port, table, counter, register or "
                     "value-set)", argv[0]);
    return cp_main(argc, argv, o);
}

static int cmd_batch(int argc, char **argv, const CpOptions *o)
{
    if (argc != 2)
        return usage("usage: batch FILE|-");
    const char *path = argv[1];
    bool stdin_ = strcmp(path, "-") == 0;
    FILE *f = stdin_ ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "p4ctl: %s: %s\n", path, strerror(errno));
        return STATUS_FAIL;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    int status = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        snprintf(where, sizeof where, "%s:%u: ", stdin_ ? "<stdin>" : path, lineno);
        fflush(stdout);
        status = run_line(line, o);
        if (status != 0)
            break;
    }
    where[0] = '\0';
    if (status != 0)
        fprintf(stderr, "p4ctl: %s:%u: batch stopped at this line; the lines before it were "
                        "carried out\n",
                stdin_ ? "<stdin>" : path, lineno);
    free(line);
    if (!stdin_)
        fclose(f);
    return status;
}

/* ------------------------------------------------------------- entry */

bool cp_is_command(const char *cmd)
{
    static const char *const cmds[] = {"pipeline", "port",      "table", "counter",
                                       "register", "value-set", "batch"};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        if (strcmp(cmd, cmds[i]) == 0)
            return true;
    return false;
}

int cp_main(int argc, char **argv, const CpOptions *o)
{
    const char *cmd = argv[0];
    int status;
    if (strcmp(cmd, "pipeline") == 0)
        status = cmd_pipeline(argc, argv, o);
    else if (strcmp(cmd, "port") == 0)
        status = cmd_port(argc, argv, o);
    else if (strcmp(cmd, "table") == 0)
        status = cmd_table(argc, argv, o);
    else if (strcmp(cmd, "counter") == 0)
        status = cmd_counter(argc, argv, o);
    else if (strcmp(cmd, "register") == 0)
        status = cmd_register(argc, argv, o);
    else if (strcmp(cmd, "value-set") == 0)
        status = cmd_value_set(argc, argv, o);
    else if (strcmp(cmd, "batch") == 0)
        status = cmd_batch(argc, argv, o);
    else
        status = usage("unknown command '%s'", cmd);
    if (!where[0])
        drop_cache();
    return status;
}
