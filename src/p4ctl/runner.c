/* STF execution; see runner.h. Expected packets and packets that came out
 * are queued per port and paired in order as soon as both exist, so
 * failures are reported near the statements that cause them. */
#include "runner.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "packet.h"

static P4Value *value_of(StfField *f)
{
    return &f->value;
}

/* Record a binding error of statement ST at the part ERR names. */
static void bind_error(StfScript *s, const StfStmt *st, const P4eError *err)
{
    StfPos pos = st->table_pos;
    switch (err->where) {
    case P4E_AT_TABLE: pos = st->table_pos; break;
    case P4E_AT_KEY_NAME: pos = st->keys[err->index].name_pos; break;
    case P4E_AT_KEY_VALUE:
        pos = st->keys[err->index].value_pos;
        pos.col += (int)err->offset;
        break;
    case P4E_AT_ACTION: pos = st->action.pos; break;
    case P4E_AT_ARG_NAME: pos = st->action.args[err->index].name_pos; break;
    case P4E_AT_ARG_VALUE: pos = st->action.args[err->index].value_pos; break;
    case P4E_AT_COUNTER: pos = st->counter_pos; break;
    }
    stf_error(s, pos, "%s", err->msg);
}

static P4eNamed *named(StfField *f, size_t n)
{
    P4eNamed *a = calloc(n ? n : 1, sizeof *a);
    if (!a)
        abort();
    for (size_t i = 0; i < n; i++)
        a[i] = (P4eNamed){f[i].name, value_of(&f[i])};
    return a;
}

StfBound *stf_bind(StfScript *s, const P4Info *info)
{
    StfBound *b = calloc(s->nstmts ? s->nstmts : 1, sizeof *b);
    size_t before = s->nerrors;
    if (!b)
        abort();
    for (size_t i = 0; i < s->nstmts; i++) {
        StfStmt *st = &s->stmts[i];
        P4eError err;
        if (st->kind == STF_ADD || st->kind == STF_SETDEFAULT) {
            b[i].table = p4e_table(info, st->table, &err);
            if (!b[i].table) {
                bind_error(s, st, &err);
                continue;
            }
            P4eNamed *args = named(st->action.args, st->action.nargs);
            int r;
            if (st->kind == STF_ADD) {
                P4eNamed *keys = named(st->keys, st->nkeys);
                r = p4e_entry(b[i].table, keys, st->nkeys, st->priority, st->action.name, args,
                              st->action.nargs, &b[i].entry, &err);
                free(keys);
            } else if (b[i].table->default_const) {
                err = (P4eError){P4E_AT_TABLE, 0, 0, ""};
                snprintf(err.msg, sizeof err.msg, "the default action of table '%s' is const",
                         b[i].table->n.name);
                r = -1;
            } else {
                b[i].value = calloc(1, b[i].table->value_size);
                if (!b[i].value)
                    abort();
                r = p4e_action_value(b[i].table, st->action.name, args, st->action.nargs,
                                     b[i].value, &err);
            }
            free(args);
            if (r < 0)
                bind_error(s, st, &err);
        } else if (st->kind == STF_CHECK_COUNTER) {
            b[i].counter = p4e_counter(info, st->counter, &err);
            if (!b[i].counter)
                bind_error(s, st, &err);
            else if (!b[i].counter->sparse && st->index >= b[i].counter->size)
                stf_error(s, st->index_pos, "index %u is out of range for counter '%s' (size %u)",
                          st->index, b[i].counter->n.name, b[i].counter->size);
        }
    }
    if (s->nerrors > before) {
        stf_bound_free(b, s->nstmts);
        return NULL;
    }
    return b;
}

void stf_bound_free(StfBound *b, size_t n)
{
    if (!b)
        return;
    for (size_t i = 0; i < n; i++) {
        p4e_entry_free(&b[i].entry);
        free(b[i].value);
    }
    free(b);
}

/* ------------------------------------------------------------------ run */

typedef struct {
    uint32_t port;
    size_t stmt;   /* the expect */
    bool done;
} Expectation;

typedef struct {
    uint32_t port;
    size_t stmt;   /* the packet that caused it */
    uint8_t *data;
    size_t len;
    bool done;
} Output;

typedef struct {
    StfRun *run;
    const StfScript *s;
    Expectation *exp;
    size_t nexp;
    Output *out;
    size_t nout;
} State;

static void *grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        abort();
    return p;
}

static const char *xdp_action_name(uint32_t a)
{
    static const char *const names[] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX",
                                        "XDP_REDIRECT"};
    return a < 5 ? names[a] : "?";
}

static void report(State *st, size_t stmt, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(State *st, size_t stmt, bool ok, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        st->run->passed++;
    else
        st->run->failed++;
    if (ok && !st->run->verbose)
        return;
    fprintf(st->run->out, "%s:%d: %s: ", st->s->file, st->s->stmts[stmt].pos.line,
            ok ? "ok" : "FAIL");
    va_start(ap, fmt);
    vfprintf(st->run->out, fmt, ap);
    va_end(ap);
    fputc('\n', st->run->out);
}

/* Compare expectation E with output O (same port) and report. */
static void pair(State *st, Expectation *e, Output *o)
{
    const StfStmt *x = &st->s->stmts[e->stmt];
    int from = st->s->stmts[o->stmt].pos.line;
    e->done = o->done = true;
    if (x->any || pkt_matches(&x->bytes, x->exact_len, o->data, o->len)) {
        report(st, e->stmt, true, "packet on port %u (from line %d)", e->port, from);
        return;
    }
    const char *why = o->len * 2 < x->bytes.nibbles ? "is shorter than expected"
                      : x->exact_len && o->len * 2 != x->bytes.nibbles
                          ? "has another length than expected"
                          : "differs from the expected one";
    report(st, e->stmt, false, "packet on port %u (from line %d) %s (%zu bytes)", e->port, from,
           why, o->len);
    char *diff = pkt_diff(&x->bytes, x->exact_len, o->data, o->len, "    ");
    fputs(diff, st->run->out);
    free(diff);
}

static void add_expectation(State *st, size_t stmt)
{
    uint32_t port = st->s->stmts[stmt].port;
    st->exp = grow(st->exp, (st->nexp + 1) * sizeof *st->exp);
    Expectation *e = &st->exp[st->nexp++];
    *e = (Expectation){port, stmt, false};
    for (size_t i = 0; i < st->nout; i++) {
        if (!st->out[i].done && st->out[i].port == port) {
            pair(st, e, &st->out[i]);
            return;
        }
    }
}

static void add_output(State *st, size_t stmt, uint32_t port, uint8_t *data, size_t len)
{
    st->out = grow(st->out, (st->nout + 1) * sizeof *st->out);
    Output *o = &st->out[st->nout++];
    *o = (Output){port, stmt, data, len, false};
    for (size_t i = 0; i < st->nexp; i++) {
        if (!st->exp[i].done && st->exp[i].port == port) {
            pair(st, &st->exp[i], o);
            return;
        }
    }
}

static void show_packet(State *st, const Output *o)
{
    char *hex = pkt_hex(o->data, o->len);
    fprintf(st->run->out, "    actual:   %s\n", hex);
    free(hex);
}

/* Returns -1 when the run cannot go on (not permitted). */
static int run_packet(State *st, P4Prog *p, size_t i)
{
    const StfStmt *x = &st->s->stmts[i];
    P4RunResult res;
    char err[256];
    int e;
    if (p4prog_run(p, x->port, x->bytes.data, x->bytes.nibbles / 2, &res, &e, err, sizeof err) < 0) {
        if (e == -EPERM) {
            fprintf(st->run->out, "%s:%d: %s\n", st->s->file, x->pos.line, err);
            return -1;
        }
        report(st, i, false, "%s", err);
        return 0;
    }
    if (st->run->verbose) {
        if (res.verdict == P4_VERDICT_DROP)
            fprintf(st->run->out, "%s:%d: packet on port %u: dropped (%s)\n", st->s->file,
                    x->pos.line, x->port, xdp_action_name(res.xdp_action));
        else
            fprintf(st->run->out, "%s:%d: packet on port %u: out on port %u (%s, %zu bytes)\n",
                    st->s->file, x->pos.line, x->port, res.port, xdp_action_name(res.xdp_action),
                    res.len);
    }
    if (res.verdict == P4_VERDICT_DROP) {
        p4prog_run_free(&res);
        return 0;
    }
    add_output(st, i, res.port, res.data, res.len); /* takes the data */
    return 0;
}

static void check_no_packet(State *st, size_t i)
{
    bool any = false;
    for (size_t k = 0; k < st->nout; k++) {
        Output *o = &st->out[k];
        if (o->done)
            continue;
        if (!any)
            report(st, i, false, "no_packet, but packets came out:");
        any = true;
        o->done = true;
        fprintf(st->run->out, "    port %u, from the packet of line %d:\n", o->port,
                st->s->stmts[o->stmt].pos.line);
        show_packet(st, o);
    }
    if (!any)
        report(st, i, true, "no_packet");
}

static void check_counter(State *st, P4Prog *p, size_t i, const StfBound *b)
{
    const StfStmt *x = &st->s->stmts[i];
    uint64_t v;
    char err[256];
    if (p4prog_counter_read(p, b->counter, x->index, &v, err, sizeof err) < 0) {
        report(st, i, false, "%s", err);
        return;
    }
    bool ok = stf_op_eval(x->op, v, x->count);
    report(st, i, ok, "counter %s(%u) is %llu%s %s %llu", b->counter->n.name, x->index,
           (unsigned long long)v, ok ? "," : ", expected", stf_op_name(x->op),
           (unsigned long long)x->count);
}

/* The `add` at statement I and the ones right after it for the same table,
 * added together. Returns the index of the first statement after them. */
static size_t run_adds(State *st, P4Prog *p, const StfBound *b, size_t i)
{
    const StfScript *s = st->s;
    size_t end = i + 1;
    while (end < s->nstmts && s->stmts[end].kind == STF_ADD && b[end].table == b[i].table)
        end++;
    const P4Entry **entries = malloc((end - i) * sizeof *entries);
    if (!entries)
        abort();
    for (size_t k = i; k < end; k++)
        entries[k - i] = &b[k].entry;
    char err[256];
    size_t added;
    int r = p4prog_table_add_many(p, b[i].table, entries, end - i, &added, err, sizeof err);
    free(entries);
    if (r < 0) {
        /* Report the failing one; the rest are tried after it. */
        report(st, i + added, false, "%s", err);
        return i + added + 1;
    }
    return end;
}

int stf_run(StfRun *run, P4Prog *p, const P4Info *info, const StfScript *s, const StfBound *b)
{
    State st = {run, s, NULL, 0, NULL, 0};
    char err[256];
    int status = 0;

    for (size_t i = 0; i < s->nstmts && status == 0; i++) {
        const StfStmt *x = &s->stmts[i];
        switch (x->kind) {
        case STF_PACKET:
            if (run_packet(&st, p, i) < 0)
                status = 77;
            break;
        case STF_EXPECT:
            add_expectation(&st, i);
            break;
        case STF_NO_PACKET:
            check_no_packet(&st, i);
            break;
        case STF_WAIT:
            break; /* every run is synchronous */
        case STF_ADD:
            i = run_adds(&st, p, b, i) - 1;
            break;
        case STF_SETDEFAULT:
            if (p4prog_table_set_default(p, b[i].table, b[i].value, err, sizeof err) < 0)
                report(&st, i, false, "%s", err);
            break;
        case STF_REMOVE_ALL:
            for (size_t t = 0; t < info->ntables; t++)
                if (!info->tables[t].const_entries &&
                    p4prog_table_clear(p, &info->tables[t], err, sizeof err) < 0)
                    report(&st, i, false, "%s", err);
            break;
        case STF_CHECK_COUNTER:
            check_counter(&st, p, i, &b[i]);
            break;
        }
    }

    if (status == 0) {
        /* Whatever is left unpaired fails. */
        for (size_t k = 0; k < st.nexp; k++) {
            const StfStmt *x = &s->stmts[st.exp[k].stmt];
            if (st.exp[k].done)
                continue;
            report(&st, st.exp[k].stmt, false, "expected a packet on port %u; none came out",
                   x->port);
            if (!x->any) {
                char *hex = pkt_expected(&x->bytes, x->exact_len);
                fprintf(run->out, "    expected: %s\n", hex);
                free(hex);
            }
        }
        for (size_t k = 0; k < st.nout; k++) {
            Output *o = &st.out[k];
            if (o->done)
                continue;
            report(&st, o->stmt, false, "unexpected packet on port %u", o->port);
            show_packet(&st, o);
        }
    }
    for (size_t k = 0; k < st.nout; k++)
        free(st.out[k].data);
    free(st.out);
    free(st.exp);
    if (status)
        return status;
    return run->failed ? 1 : 0;
}
