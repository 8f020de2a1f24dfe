/* p4ctl's output, text and JSON; see print.h. */
#include "print.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- building */

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

/* A row of NCOLS cells, copied. */
static void grid_add(Grid *g, const char *const *cells, size_t ncols)
{
    char **row = calloc(ncols + 1, sizeof *row); /* NULL after the last */
    g->rows = realloc(g->rows, (g->nrows + 1) * sizeof *g->rows);
    if (!row || !g->rows)
        abort();
    for (size_t i = 0; i < ncols; i++)
        row[i] = xstrdup(cells[i]);
    g->rows[g->nrows++] = row;
    if (ncols > g->ncols)
        g->ncols = ncols;
}

static void grid_row(Grid *g, size_t ncols, ...)
{
    const char **cells = calloc(ncols ? ncols : 1, sizeof *cells);
    va_list ap;
    if (!cells)
        abort();
    va_start(ap, ncols);
    for (size_t i = 0; i < ncols; i++)
        cells[i] = va_arg(ap, const char *);
    va_end(ap);
    grid_add(g, cells, ncols);
    free(cells);
}

static void grid_free(Grid *g)
{
    for (size_t r = 0; r < g->nrows; r++) {
        for (char **c = g->rows[r]; *c; c++)
            free(*c);
        free(g->rows[r]);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

/* Print G's rows, each after INDENT, columns two spaces apart and no
 * blanks at the end of a line; then empty G. Rows shorter than the
 * longest have their missing cells empty. */
static void grid_print(Grid *g, const char *indent)
{
    size_t *w = calloc(g->ncols + 1, sizeof *w);
    if (!w)
        abort();
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t c = 0; g->rows[r][c]; c++)
            if (strlen(g->rows[r][c]) > w[c])
                w[c] = strlen(g->rows[r][c]);
    for (size_t r = 0; r < g->nrows; r++) {
        char **row = g->rows[r];
        size_t end = 0;
        while (row[end])
            end++;
        while (end > 1 && !row[end - 1][0])
            end--; /* no trailing blanks */
        fputs(indent, stdout);
        for (size_t c = 0; c < end; c++) {
            if (c + 1 == end)
                fputs(row[c], stdout);
            else
                printf("%-*s  ", (int)w[c], row[c]);
        }
        putchar('\n');
    }
    free(w);
    grid_free(g);
}

static void json_print(json_object *o)
{
    puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                               JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
}

void print_json_error(const char *message)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "error", json_object_new_string(message));
    fflush(stdout);
    json_print(o);
    fflush(stdout);
}

static void add_str(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, json_object_new_string(value));
}

static void add_int(json_object *o, const char *key, int64_t value)
{
    json_object_object_add(o, key, json_object_new_int64(value));
}

static void add_uint(json_object *o, const char *key, uint64_t value)
{
    json_object_object_add(o, key, json_object_new_uint64(value));
}

static const char *mode_name(p4rt_xdp_mode m)
{
    return m == P4RT_XDP_NATIVE ? "native" : m == P4RT_XDP_GENERIC ? "generic" : "detached";
}

/* "port=1 dmac=00:11:22:33:44:55", to be freed. */
static char *args_text(const p4rt_entry *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    for (size_t i = 0; i < e->nargs; i++)
        fprintf(f, "%s%s=%s", i ? " " : "", e->args[i].name, e->args[i].value);
    if (fclose(f) != 0)
        abort();
    return buf;
}

/* "forward port=1 (the program's)": a default action in one cell, to be
 * freed. */
static char *default_text(const p4rt_entry_out *d)
{
    char *args = args_text(&d->e), *text;
    if (asprintf(&text, "%s%s%s%s", d->e.action, args[0] ? " " : "", args,
                 d->is_program_default ? " (the program's)" : "") < 0)
        abort();
    free(args);
    return text;
}

static json_object *entry_json(const p4rt_entry_out *o)
{
    json_object *j = json_object_new_object(), *args = json_object_new_object();
    if (!o->is_default) {
        json_object *keys = json_object_new_object();
        for (size_t i = 0; i < o->e.nkeys; i++)
            add_str(keys, o->e.keys[i].name, o->e.keys[i].value);
        json_object_object_add(j, "key", keys);
        if (o->has_priority)
            add_int(j, "priority", o->e.priority);
    } else {
        json_object_object_add(j, "program_default",
                               json_object_new_boolean(o->is_program_default));
    }
    add_str(j, "action", o->e.action);
    for (size_t i = 0; i < o->e.nargs; i++)
        add_str(args, o->e.args[i].name, o->e.args[i].value);
    json_object_object_add(j, "args", args);
    return j;
}

static json_object *port_json(const p4rt_port *pt)
{
    json_object *e = json_object_new_object();
    add_int(e, "port", pt->port);
    add_str(e, "interface", pt->ifname);
    add_int(e, "ifindex", pt->ifindex);
    add_str(e, "xdp", mode_name(pt->mode));
    return e;
}

static void port_row(Grid *g, const p4rt_port *pt)
{
    char port[16], ifx[16];
    snprintf(port, sizeof port, "%u", pt->port);
    snprintf(ifx, sizeof ifx, "%u", pt->ifindex);
    grid_row(g, 4, port, pt->ifname, ifx, mode_name(pt->mode));
}

/* ------------------------------------------------------------- pipelines */

void print_loaded(bool json, const char *name, const p4rt_info *info)
{
    if (json) {
        json_object *j = json_object_new_object();
        char pin[300];
        snprintf(pin, sizeof pin, P4RT_PIN_ROOT "/%s", name);
        add_str(j, "pipeline", name);
        add_str(j, "program", info->program);
        add_str(j, "arch", info->arch);
        add_int(j, "prog_id", info->prog_id);
        add_str(j, "pinned", pin);
        json_print(j);
        return;
    }
    printf("pipeline %s: %s (%s), program id %u, %zu table%s, %zu counter%s; pinned at "
           P4RT_PIN_ROOT "/%s\n",
           name, info->program, info->arch, info->prog_id, info->ntables,
           info->ntables == 1 ? "" : "s", info->ncounters, info->ncounters == 1 ? "" : "s", name);
}

void print_replaced(bool json, const char *name, const p4rt_info *info,
                    const p4rt_replace_info *carried)
{
    if (json) {
        json_object *j = json_object_new_object();
        add_str(j, "pipeline", name);
        add_str(j, "program", info->program);
        add_str(j, "arch", info->arch);
        add_int(j, "prog_id", info->prog_id);
        add_int(j, "entries", (int64_t)carried->entries);
        add_int(j, "default_actions", (int64_t)carried->defaults);
        add_int(j, "value_set_members", (int64_t)carried->members);
        add_int(j, "ports", (int64_t)carried->ports);
        json_print(j);
        return;
    }
    printf("pipeline %s: now %s (%s), program id %u; carried over %zu entr%s, %zu default "
           "action%s, %zu value-set member%s, %zu port%s\n",
           name, info->program, info->arch, info->prog_id, carried->entries,
           carried->entries == 1 ? "y" : "ies", carried->defaults,
           carried->defaults == 1 ? "" : "s", carried->members, carried->members == 1 ? "" : "s",
           carried->ports, carried->ports == 1 ? "" : "s");
}

static void pipeline_json(const PipelineView *v)
{
    json_object *j = json_object_new_object(), *a;
    add_str(j, "pipeline", v->name);
    add_str(j, "program", v->info.program);
    add_str(j, "arch", v->info.arch);
    add_int(j, "prog_id", v->info.prog_id);
    a = json_object_new_array();
    for (size_t i = 0; i < v->nports; i++)
        json_object_array_add(a, port_json(&v->ports[i]));
    json_object_object_add(j, "ports", a);
    if (v->no_device_drops)
        add_int(j, "no_device_drops", (int64_t)v->no_device_drops);
    a = json_object_new_array();
    for (size_t i = 0; i < v->info.ntables; i++) {
        const TableSummary *t = &v->tables[i];
        json_object *e = json_object_new_object();
        add_str(e, "name", t->t.name);
        add_str(e, "kind", t->t.kind);
        add_int(e, "entries", (int64_t)t->entries);
        add_int(e, "size", t->t.size);
        json_object_object_add(e, "default_action", t->def ? entry_json(t->def) : NULL);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "tables", a);
    a = json_object_new_array();
    for (size_t i = 0; i < v->info.ncounters; i++) {
        const p4rt_counter_info *c = &v->counters[i];
        json_object *e = json_object_new_object();
        add_str(e, "name", c->name);
        add_str(e, "kind", c->sparse ? "sparse" : "array");
        add_int(e, "size", c->size);
        add_str(e, "unit", c->unit);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "counters", a);
    a = json_object_new_array();
    for (size_t i = 0; i < v->info.nregisters; i++) {
        const p4rt_register_info *r = &v->registers[i];
        json_object *e = json_object_new_object();
        add_str(e, "name", r->name);
        add_int(e, "size", r->size);
        add_int(e, "width", r->width);
        add_uint(e, "initial_value", r->initial_value);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "registers", a);
    a = json_object_new_array();
    for (size_t i = 0; i < v->nvalue_sets; i++) {
        const p4rt_value_set_info *s = &v->value_sets[i];
        json_object *e = json_object_new_object();
        add_str(e, "name", s->name);
        add_int(e, "size", s->size);
        add_int(e, "width", s->width);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "value_sets", a);
    json_print(j);
}

/* "tables:" and its rows (or "tables: none"). */
static void section(const char *title, size_t n)
{
    printf("%s:%s\n", title, n ? "" : " none");
}

void print_pipeline(bool json, const PipelineView *v)
{
    Grid g = {0};
    char a[32], b[32], c[32];
    if (json) {
        pipeline_json(v);
        return;
    }
    printf("pipeline %s: %s (%s), program id %u, pinned at " P4RT_PIN_ROOT "/%s\n", v->name,
           v->info.program, v->info.arch, v->info.prog_id, v->name);
    section("ports", v->nports);
    if (v->nports)
        grid_row(&g, 4, "port", "interface", "ifindex", "xdp");
    for (size_t i = 0; i < v->nports; i++)
        port_row(&g, &v->ports[i]);
    grid_print(&g, "  ");
    if (v->no_device_drops)
        printf("  %llu packet%s dropped: their port has no interface\n",
               (unsigned long long)v->no_device_drops, v->no_device_drops == 1 ? "" : "s");
    section("tables", v->info.ntables);
    if (v->info.ntables)
        grid_row(&g, 5, "table", "kind", "entries", "size", "default action");
    for (size_t i = 0; i < v->info.ntables; i++) {
        const TableSummary *t = &v->tables[i];
        if (t->entries_known)
            snprintf(a, sizeof a, "%zu%s", t->entries, t->t.const_entries ? " (const)" : "");
        else
            snprintf(a, sizeof a, "?");
        snprintf(b, sizeof b, "%u", t->t.size);
        char *def = t->def ? default_text(t->def) : NULL;
        grid_row(&g, 5, t->t.name, t->t.kind, a, b, def ? def : "");
        free(def);
    }
    grid_print(&g, "  ");
    section("counters", v->info.ncounters);
    if (v->info.ncounters)
        grid_row(&g, 4, "counter", "kind", "size", "unit");
    for (size_t i = 0; i < v->info.ncounters; i++) {
        const p4rt_counter_info *ci = &v->counters[i];
        snprintf(a, sizeof a, "%u", ci->size);
        grid_row(&g, 4, ci->name, ci->sparse ? "sparse" : "array", a, ci->unit);
    }
    grid_print(&g, "  ");
    section("registers", v->info.nregisters);
    if (v->info.nregisters)
        grid_row(&g, 4, "register", "size", "width", "initial value");
    for (size_t i = 0; i < v->info.nregisters; i++) {
        const p4rt_register_info *r = &v->registers[i];
        snprintf(a, sizeof a, "%u", r->size);
        snprintf(b, sizeof b, "%u", r->width);
        snprintf(c, sizeof c, "%llu", (unsigned long long)r->initial_value);
        grid_row(&g, 4, r->name, a, b, c);
    }
    grid_print(&g, "  ");
    section("value sets", v->nvalue_sets);
    if (v->nvalue_sets)
        grid_row(&g, 3, "value set", "size", "width");
    for (size_t i = 0; i < v->nvalue_sets; i++) {
        snprintf(a, sizeof a, "%u", v->value_sets[i].size);
        snprintf(b, sizeof b, "%u", v->value_sets[i].width);
        grid_row(&g, 3, v->value_sets[i].name, a, b);
    }
    grid_print(&g, "  ");
}

void print_pipeline_list(bool json, const PipelineRow *rows, size_t n)
{
    json_object *j = json ? json_object_new_array() : NULL;
    Grid g = {0};
    if (!json && n)
        grid_row(&g, 4, "pipeline", "program", "program id", "ports");
    for (size_t i = 0; i < n; i++) {
        const PipelineRow *r = &rows[i];
        if (json) {
            json_object *e = json_object_new_object();
            add_str(e, "pipeline", r->name);
            add_str(e, "program", r->readable ? r->info.program : "");
            add_int(e, "prog_id", r->readable ? r->info.prog_id : 0);
            add_int(e, "ports", (int64_t)r->nports);
            json_object_array_add(j, e);
            continue;
        }
        char id[16] = "?", np[16] = "?";
        if (r->readable)
            snprintf(id, sizeof id, "%u", r->info.prog_id);
        if (r->ports_known)
            snprintf(np, sizeof np, "%zu", r->nports);
        grid_row(&g, 4, r->name, r->readable ? r->info.program : "(unreadable)", id, np);
    }
    if (json)
        json_print(j);
    else
        grid_print(&g, "");
}

/* ----------------------------------------------------------------- ports */

void print_port_added(bool json, const char *pipeline, const p4rt_port *pt)
{
    if (json)
        json_print(port_json(pt));
    else
        printf("%s: port %u is %s (ifindex %u, %s XDP)\n", pipeline, pt->port, pt->ifname,
               pt->ifindex, mode_name(pt->mode));
}

void print_ports(bool json, const p4rt_port *ports, size_t n)
{
    json_object *j = json ? json_object_new_array() : NULL;
    Grid g = {0};
    if (!json && n)
        grid_row(&g, 4, "port", "interface", "ifindex", "xdp");
    for (size_t i = 0; i < n; i++) {
        if (json)
            json_object_array_add(j, port_json(&ports[i]));
        else
            port_row(&g, &ports[i]);
    }
    if (json)
        json_print(j);
    else
        grid_print(&g, "");
}

/* ---------------------------------------------------------------- tables */

/* E as a row of G: its key fields, [priority], action and arguments; the
 * first row of a table is preceded by their names. */
static void entry_row(Grid *g, bool *header, const p4rt_entry_out *e)
{
    size_t n = 0, nk = e->e.nkeys;
    const char **cells = calloc(nk + 3, sizeof *cells); /* [priority], action, arguments */
    char *args, prio[16];
    if (!cells)
        abort();
    if (!*header) {
        for (size_t i = 0; i < nk; i++)
            cells[n++] = e->e.keys[i].name;
        if (e->has_priority)
            cells[n++] = "priority";
        cells[n++] = "action";
        cells[n++] = "arguments";
        grid_add(g, cells, n);
        *header = true;
        n = 0;
    }
    args = args_text(&e->e);
    snprintf(prio, sizeof prio, "%u", e->e.priority);
    for (size_t i = 0; i < nk; i++)
        cells[n++] = e->e.keys[i].value;
    if (e->has_priority)
        cells[n++] = prio;
    cells[n++] = e->e.action;
    cells[n++] = args;
    grid_add(g, cells, n);
    free(args);
    free(cells);
}

void print_entry(bool json, const p4rt_entry_out *e)
{
    if (json) {
        json_print(entry_json(e));
        return;
    }
    Grid g = {0};
    bool header = false;
    entry_row(&g, &header, e);
    grid_print(&g, "");
}

void print_default(bool json, const p4rt_entry_out *d)
{
    if (json) {
        json_print(entry_json(d));
        return;
    }
    char *text = default_text(d);
    printf("%s\n", text);
    free(text);
}

void dump_begin(Dump *d, bool json)
{
    memset(d, 0, sizeof *d);
    d->json = json;
    if (json)
        d->tables = json_object_new_array();
}

void dump_table_begin(Dump *d)
{
    if (!d->json && d->ntables)
        putchar('\n');
    d->header = false;
    d->nentries = 0;
    if (d->json)
        d->entries = json_object_new_array();
}

void dump_entry(Dump *d, const p4rt_entry_out *e)
{
    d->nentries++;
    if (d->json)
        json_object_array_add(d->entries, entry_json(e));
    else
        entry_row(&d->g, &d->header, e);
}

void dump_table_end(Dump *d, const p4rt_table_info *t, const p4rt_entry_out *def)
{
    d->ntables++;
    if (d->json) {
        json_object *j = json_object_new_object();
        add_str(j, "table", t->name);
        add_str(j, "kind", t->kind);
        add_int(j, "size", t->size);
        json_object_object_add(j, "entries", d->entries);
        json_object_object_add(j, "default_action", def ? entry_json(def) : NULL);
        json_object_array_add(d->tables, j);
        d->entries = NULL;
        return;
    }
    printf("%s (%s, %zu of %u entries%s)\n", t->name, t->kind, d->nentries, t->size,
           t->const_entries ? ", const entries in the program" : "");
    grid_print(&d->g, "  ");
    if (def) {
        char *text = default_text(def);
        printf("  default: %s\n", text);
        free(text);
    }
}

void dump_table_failed(Dump *d)
{
    grid_free(&d->g);
    json_object_put(d->entries);
    d->entries = NULL;
}

void dump_end(Dump *d, bool one, bool ok)
{
    if (d->json && ok)
        json_print(one ? json_object_get(json_object_array_get_idx(d->tables, 0)) : d->tables);
    if (d->json && (one || !ok))
        json_object_put(d->tables);
    d->tables = NULL;
}

/* ------------------------------------------------- counters and registers */

void print_counter(bool json, const p4rt_counter_info *c, uint32_t index, uint64_t value)
{
    if (!json) {
        printf("%s[%u] %llu %s\n", c->name, index, (unsigned long long)value, c->unit);
        return;
    }
    json_object *j = json_object_new_object();
    add_str(j, "counter", c->name);
    add_int(j, "index", index);
    add_str(j, "unit", c->unit);
    add_uint(j, "value", value);
    json_print(j);
}

void print_register(bool json, const p4rt_register_info *r, uint32_t index, uint64_t value)
{
    if (!json) {
        printf("%s[%u] %llu\n", r->name, index, (unsigned long long)value);
        return;
    }
    json_object *j = json_object_new_object();
    add_str(j, "register", r->name);
    add_int(j, "index", index);
    add_uint(j, "value", value);
    json_print(j);
}

/* A cell wider than 64 bits: hex text (in JSON a string). */
void print_register_text(bool json, const p4rt_register_info *r, uint32_t index,
                         const char *value)
{
    if (!json) {
        printf("%s[%u] %s\n", r->name, index, value);
        return;
    }
    json_object *j = json_object_new_object();
    add_str(j, "register", r->name);
    add_int(j, "index", index);
    add_str(j, "value", value);
    json_print(j);
}

void cells_add_text(Cells *c, uint32_t index, const char *value)
{
    char i[16];
    if (c->json) {
        json_object *e = json_object_new_object();
        add_int(e, "index", index);
        add_str(e, "value", value);
        json_object_array_add(c->cells, e);
        return;
    }
    snprintf(i, sizeof i, "%u", index);
    grid_row(&c->g, 2, i, value);
}

void cells_begin(Cells *c, bool json, const char *heading)
{
    memset(c, 0, sizeof *c);
    c->json = json;
    if (json)
        c->cells = json_object_new_array();
    else
        grid_row(&c->g, 2, "index", heading);
}

void cells_add(Cells *c, uint32_t index, uint64_t value)
{
    char i[16], v[32];
    if (c->json) {
        json_object *e = json_object_new_object();
        add_int(e, "index", index);
        add_uint(e, "value", value);
        json_object_array_add(c->cells, e);
        return;
    }
    snprintf(i, sizeof i, "%u", index);
    snprintf(v, sizeof v, "%llu", (unsigned long long)value);
    grid_row(&c->g, 2, i, v);
}

void cells_end_counter(Cells *c, const p4rt_counter_info *ci)
{
    if (c->json) {
        json_object *j = json_object_new_object();
        add_str(j, "counter", ci->name);
        add_str(j, "unit", ci->unit);
        json_object_object_add(j, "cells", c->cells);
        json_print(j);
        return;
    }
    printf("%s (%s, %u cells; cells that are not zero)\n", ci->name,
           ci->sparse ? "sparse" : "array", ci->size);
    grid_print(&c->g, "  ");
}

void cells_end_register(Cells *c, const p4rt_register_info *ri)
{
    if (c->json) {
        json_object *j = json_object_new_object();
        add_str(j, "register", ri->name);
        add_int(j, "size", ri->size);
        add_int(j, "width", ri->width);
        add_uint(j, "initial_value", ri->initial_value);
        json_object_object_add(j, "cells", c->cells);
        json_print(j);
        return;
    }
    printf("%s (%u cells of %u bits; cells that are not %llu)\n", ri->name, ri->size, ri->width,
           (unsigned long long)ri->initial_value);
    grid_print(&c->g, "  ");
}

void cells_failed(Cells *c)
{
    json_object_put(c->cells);
    c->cells = NULL;
    grid_print(&c->g, "");
}

/* ------------------------------------------------------------ value sets */

void members_begin(Members *m, bool json, const p4rt_value_set_info *vi)
{
    m->json = json;
    m->nfields = 0;
    m->digits = (vi->width + 3) / 4;
    m->members = json ? json_object_new_array() : NULL;
    if (!json)
        printf("%s (at most %u members of %u bits)\n", vi->name, vi->size, vi->width);
}

void members_add(Members *m, uint64_t value)
{
    if (m->json) {
        json_object_array_add(m->members, json_object_new_uint64(value));
        return;
    }
    printf("  0x%0*llx", (int)m->digits, (unsigned long long)value);
    uint32_t shift = 0;
    for (uint32_t f = 0; f < m->nfields; f++)
        shift += m->field_widths[f];
    for (uint32_t f = 0; f < m->nfields; f++) {
        uint32_t w = m->field_widths[f];
        shift -= w;
        uint64_t x = w < 64 ? (value >> shift) & ((1ull << w) - 1) : value;
        printf("%s%s=0x%llx", f ? " " : "  ", m->field_names[f], (unsigned long long)x);
    }
    putchar('\n');
}

/* A member only text describes (wider than 64 bits, or with masks). */
void members_add_text(Members *m, const char *member)
{
    if (m->json)
        json_object_array_add(m->members, json_object_new_string(member));
    else
        printf("  %s\n", member);
}

void members_end(Members *m, const p4rt_value_set_info *vi)
{
    if (!m->json)
        return;
    json_object *j = json_object_new_object();
    add_str(j, "value_set", vi->name);
    add_int(j, "size", vi->size);
    add_int(j, "width", vi->width);
    json_object_object_add(j, "members", m->members);
    json_print(j);
}

void members_failed(Members *m)
{
    json_object_put(m->members);
    m->members = NULL;
}

/* ------------------------------------------------------------------ run */

static const char *const xdp_names[RUN_ACTIONS] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS",
                                                   "XDP_TX", "XDP_REDIRECT"};

/* " (2 XDP_REDIRECT, 1 XDP_PASS)", or "" when there is nothing to split. */
static void by_action(FILE *f, const size_t *by)
{
    static const int order[] = {4, 3, 2}; /* REDIRECT, TX, PASS */
    int k = 0;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (by[order[i]])
            fprintf(f, "%s%zu %s", k++ ? ", " : " (", by[order[i]], xdp_names[order[i]]);
    if (k)
        fputc(')', f);
}

char *run_summary_text(const RunSummary *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    size_t w = strlen("port");
    char num[32];
    for (size_t i = 0; i < r->nports; i++) {
        size_t n = (size_t)snprintf(num, sizeof num, "%u", r->ports[i].port);
        w = n > w ? n : w;
    }
    fprintf(f, "%-*s  %8s  %8s\n", (int)w, "port", "in", "out");
    for (size_t i = 0; i < r->nports; i++) {
        const RunPort *p = &r->ports[i];
        fprintf(f, "%-*u  %8zu  %8zu", (int)w, p->port, p->in, p->out);
        by_action(f, p->out_by);
        fputc('\n', f);
    }
    fprintf(f, "%zu packet%s in, %zu out, %zu dropped\n", r->in, r->in == 1 ? "" : "s", r->out,
            r->dropped);
    for (size_t i = 0; i < r->nreasons; i++)
        fprintf(f, "  dropped %zu: %s\n", r->reasons[i].count, r->reasons[i].why);
    if (fclose(f) != 0)
        abort();
    return buf;
}

void print_run_summary(bool json, const RunSummary *r)
{
    if (!json) {
        char *text = run_summary_text(r);
        fputs(text, stdout);
        free(text);
        return;
    }
    json_object *j = json_object_new_object(), *a = json_object_new_array();
    for (size_t i = 0; i < r->nports; i++) {
        const RunPort *p = &r->ports[i];
        json_object *e = json_object_new_object(), *by = json_object_new_object();
        add_int(e, "port", p->port);
        add_int(e, "in", (int64_t)p->in);
        add_int(e, "out", (int64_t)p->out);
        for (int k = 2; k < RUN_ACTIONS; k++)
            if (p->out_by[k])
                add_int(by, xdp_names[k], (int64_t)p->out_by[k]);
        json_object_object_add(e, "out_by_verdict", by);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "ports", a);
    add_int(j, "in", (int64_t)r->in);
    add_int(j, "out", (int64_t)r->out);
    add_int(j, "dropped", (int64_t)r->dropped);
    a = json_object_new_array();
    for (size_t i = 0; i < r->nreasons; i++) {
        json_object *e = json_object_new_object();
        add_str(e, "why", r->reasons[i].why);
        add_int(e, "count", (int64_t)r->reasons[i].count);
        json_object_array_add(a, e);
    }
    json_object_object_add(j, "drops", a);
    json_object_object_add(j, "traced", json_object_new_boolean(r->traced));
    json_print(j);
}

/* ------------------------------------------------------ multicast groups */

void print_mc_groups(bool json, const McGroup *groups, size_t n, bool one)
{
    Grid g = {0};
    json_object *all = json ? json_object_new_array() : NULL;
    if (!json)
        grid_row(&g, 3, "group", "rid", "ports");
    for (size_t i = 0; i < n; i++) {
        const McGroup *mg = &groups[i];
        json_object *nodes = json ? json_object_new_array() : NULL;
        char num[16], rid[16];
        snprintf(num, sizeof num, "%u", mg->group);
        if (!json && mg->n == 0)
            grid_row(&g, 3, num, "-", "(none)");
        for (size_t k = 0; k < mg->n;) {
            size_t end = k;
            while (end < mg->n && mg->members[end].rid == mg->members[k].rid)
                end++;
            /* One node: the ports of one rid. */
            json_object *ports = json ? json_object_new_array() : NULL;
            char *text = calloc(end - k + 1, 12);
            if (!text)
                abort();
            for (size_t m = k; m < end; m++) {
                if (json)
                    json_object_array_add(ports, json_object_new_uint64(mg->members[m].port));
                sprintf(text + strlen(text), "%s%u", m > k ? " " : "", mg->members[m].port);
            }
            if (json) {
                json_object *node = json_object_new_object();
                add_uint(node, "rid", mg->members[k].rid);
                json_object_object_add(node, "ports", ports);
                json_object_array_add(nodes, node);
            } else {
                snprintf(rid, sizeof rid, "%u", mg->members[k].rid);
                grid_row(&g, 3, num, rid, text);
            }
            free(text);
            k = end;
        }
        if (json) {
            json_object *o = json_object_new_object();
            add_uint(o, "group", mg->group);
            json_object_object_add(o, "nodes", nodes);
            json_object_array_add(all, o);
        }
    }
    if (!json) {
        if (n) {
            grid_print(&g, "");
        } else {
            grid_free(&g);
            puts("no multicast groups");
        }
        return;
    }
    if (one && n == 1) {
        json_object *o = json_object_get(json_object_array_get_idx(all, 0));
        json_object_put(all);
        json_print(o);
    } else {
        json_print(all);
    }
}

void print_clone_sessions(bool json, const p4rt_clone_session *sessions, size_t n, bool one,
                          uint64_t lost)
{
    if (json) {
        json_object *all = json_object_new_array();
        for (size_t i = 0; i < n; i++) {
            json_object *o = json_object_new_object();
            add_uint(o, "session", sessions[i].session);
            if (sessions[i].group) {
                add_uint(o, "group", sessions[i].group);
            } else {
                add_uint(o, "port", sessions[i].port);
                add_uint(o, "ifindex", sessions[i].ifindex);
            }
            json_object_array_add(all, o);
        }
        if (one && n == 1) {
            json_object *o = json_object_get(json_object_array_get_idx(all, 0));
            json_object_put(all);
            json_print(o);
            return;
        }
        json_object *o = json_object_new_object();
        json_object_object_add(o, "sessions", all);
        json_object_object_add(o, "lost", json_object_new_uint64(lost));
        json_print(o);
        return;
    }
    Grid g = {0};
    grid_row(&g, 2, "session", "port");
    for (size_t i = 0; i < n; i++) {
        char num[16], port[16];
        snprintf(num, sizeof num, "%u", sessions[i].session);
        if (sessions[i].group)
            snprintf(port, sizeof port, "mc %u", sessions[i].group);
        else
            snprintf(port, sizeof port, "%u", sessions[i].port);
        grid_row(&g, 2, num, port);
    }
    if (n)
        grid_print(&g, "");
    else {
        grid_free(&g);
        puts("no clone sessions");
    }
    if (!one)
        printf("clones lost: %llu\n", (unsigned long long)lost);
}
