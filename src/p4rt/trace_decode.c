/* Trace events (the runtime's <p4cc/trace.h>) made into packet traces:
 * the events of one packet, which share its sequence number, gathered in
 * order until its verdict, their ids named from p4info's "trace" section.
 * No kernel here: src/p4rt/trace.c feeds it from the ring buffer, the unit
 * tests from arrays. */
#include <json-c/json.h>
#include <linux/bpf.h>
#include <string.h>

#include <p4cc/trace.h>

#include "internal.h"

struct TracePending {
    p4rt_packet_trace pt;
    p4rt_trace_step *steps;
    size_t room;
};

static char *dup_string(json_object *o)
{
    const char *s = o && json_object_is_type(o, json_type_string) ? json_object_get_string(o)
                                                                  : NULL;
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static json_object *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* LIST (an array of { "name", "source" } objects, or of strings) into
 * *OUT; with BY_CODE, each element's "code" is its place. */
static int read_names(json_object *list, const char *what, bool by_code, TraceName **out,
                      size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!list)
        return 0;
    if (!json_object_is_type(list, json_type_array))
        return p4rt_fail(EINVAL, "p4info: trace.%s is not an array", what);
    size_t len = json_object_array_length(list), size = len;
    for (size_t i = 0; by_code && i < len; i++) {
        json_object *code = member(json_object_array_get_idx(list, i), "code");
        int64_t c = code ? json_object_get_int64(code) : -1;
        if (!code || !json_object_is_type(code, json_type_int) || c < 0 || c > 1 << 20)
            return p4rt_fail(EINVAL, "p4info: trace.%s[%zu] has no valid \"code\"", what, i);
        if ((size_t)c + 1 > size)
            size = (size_t)c + 1;
    }
    TraceName *names = xcalloc(size, sizeof *names);
    for (size_t i = 0; i < len; i++) {
        json_object *e = json_object_array_get_idx(list, i);
        size_t at = by_code ? (size_t)json_object_get_int64(member(e, "code")) : i;
        if (json_object_is_type(e, json_type_string)) {
            names[at].name = dup_string(e);
        } else if (json_object_is_type(e, json_type_object)) {
            free(names[at].name);
            free(names[at].source);
            names[at].name = dup_string(member(e, "name"));
            names[at].source = dup_string(member(e, "source"));
        }
        if (!names[at].name) {
            for (size_t k = 0; k < size; k++) {
                free(names[k].name);
                free(names[k].source);
            }
            free(names);
            return p4rt_fail(EINVAL, "p4info: trace.%s[%zu] has no name", what, i);
        }
    }
    *out = names;
    *n = size;
    return 0;
}

static void free_names(TraceName *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i].name);
        free(names[i].source);
    }
    free(names);
}

int trace_decoder_init(TraceDecoder *d, const char *text, size_t len)
{
    memset(d, 0, sizeof *d);
    json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    json_object *root = json_tokener_parse_ex(tok, text, (int)len);
    json_tokener_free(tok);
    if (!root)
        return p4rt_fail(EINVAL, "p4info: invalid JSON");
    json_object *trace = member(root, "trace");
    TraceNames *n = &d->names;
    int r = 0;
    if (trace && !json_object_is_type(trace, json_type_object))
        r = p4rt_fail(EINVAL, "p4info: \"trace\" is not an object");
    else if (trace && ((r = read_names(member(trace, "states"), "states", false, &n->states,
                                       &n->nstates)) < 0 ||
                       (r = read_names(member(trace, "tables"), "tables", false, &n->tables,
                                       &n->ntables)) < 0 ||
                       (r = read_names(member(trace, "actions"), "actions", true, &n->actions,
                                       &n->nactions)) < 0 ||
                       (r = read_names(member(trace, "errors"), "errors", false, &n->errors,
                                       &n->nerrors)) < 0))
        trace_decoder_free(d);
    else
        n->present = trace != NULL;
    json_object_put(root);
    return r;
}

static const TraceName *name_of(const TraceName *names, size_t n, uint32_t id)
{
    static const TraceName none;
    return id < n ? &names[id] : &none;
}

/* The packet SEQ waits as D->pending[*AT]; a new one is made (oldest
 * given to FN when too many wait). Returns FN's non-zero return, else 0. */
static int find_pending(TraceDecoder *d, uint64_t seq, size_t *at, p4rt_trace_fn fn, void *ctx)
{
    for (size_t i = d->npending; i-- > 0;)
        if (d->pending[i].pt.seq == seq) {
            *at = i;
            return 0;
        }
    int r = 0;
    if (d->npending == TRACE_MAX_PENDING) {
        TracePending old = d->pending[0];
        memmove(d->pending, d->pending + 1, --d->npending * sizeof *d->pending);
        old.pt.steps = old.steps;
        r = fn ? fn(&old.pt, ctx) : 0;
        free(old.steps);
    }
    if (d->npending == d->room) {
        d->room = d->room ? 2 * d->room : 8;
        d->pending = realloc(d->pending, d->room * sizeof *d->pending);
        if (!d->pending)
            abort();
    }
    *at = d->npending++;
    d->pending[*at] = (TracePending){.pt = {.seq = seq}};
    return r;
}

static p4rt_trace_step *add_step(TracePending *p, p4rt_step_kind kind, uint32_t id)
{
    if (p->pt.nsteps == p->room) {
        p->room = p->room ? 2 * p->room : 8;
        p->steps = realloc(p->steps, p->room * sizeof *p->steps);
        if (!p->steps)
            abort();
    }
    p4rt_trace_step *s = &p->steps[p->pt.nsteps++];
    *s = (p4rt_trace_step){.kind = kind, .id = id};
    return s;
}

/* Give pending packet AT to FN and forget it. */
static int deliver(TraceDecoder *d, size_t at, p4rt_trace_fn fn, void *ctx)
{
    TracePending p = d->pending[at];
    memmove(d->pending + at, d->pending + at + 1, (d->npending - at - 1) * sizeof *d->pending);
    d->npending--;
    p.pt.steps = p.steps;
    int r = fn ? fn(&p.pt, ctx) : 0;
    free(p.steps);
    return r;
}

int trace_decode(TraceDecoder *d, const struct p4cc_trace_event *ev, p4rt_trace_fn fn,
                 void *ctx)
{
    const TraceNames *n = &d->names;
    size_t at;
    int r = find_pending(d, ev->seq, &at, fn, ctx);
    TracePending *p = &d->pending[at];
    const TraceName *name;
    p4rt_trace_step *s;
    switch (ev->kind) {
    case P4CC_TRACE_BEGIN:
        p->pt.copy = ev->id == P4CC_TRACE_FROM_COPY;
        p->pt.port = ev->arg;
        p->pt.len = ev->arg2;
        break;
    case P4CC_TRACE_STATE:
        s = add_step(p, P4RT_STEP_STATE, ev->id);
        name = name_of(n->states, n->nstates, ev->id);
        s->name = name->name;
        s->source = name->source;
        break;
    case P4CC_TRACE_PARSER_ERROR:
        s = add_step(p, P4RT_STEP_PARSER_ERROR, ev->id);
        s->name = name_of(n->errors, n->nerrors, ev->id)->name;
        break;
    case P4CC_TRACE_TABLE:
        s = add_step(p, P4RT_STEP_TABLE, ev->id);
        name = name_of(n->tables, n->ntables, ev->id);
        s->name = name->name;
        s->source = name->source;
        s->hit = ev->arg2 != 0;
        s->action_code = ev->arg;
        if (ev->arg) {
            name = name_of(n->actions, n->nactions, ev->arg);
            s->action = name->name ? name->name : "?";
            s->action_source = name->source;
        }
        break;
    case P4CC_TRACE_MCAST:
        s = add_step(p, P4RT_STEP_MCAST, ev->id);
        s->rid = ev->arg2 ? ev->arg : 0;
        break;
    case P4CC_TRACE_VERDICT:
        p->pt.complete = true;
        p->pt.xdp_action = ev->id;
        p->pt.out_port = ev->arg;
    {
        int v = deliver(d, at, fn, ctx);
        return v ? v : r;
    }
    default:
        break; /* an event of a newer p4cc: skipped */
    }
    return r;
}

int trace_decoder_flush(TraceDecoder *d, p4rt_trace_fn fn, void *ctx)
{
    int n = 0;
    while (d->npending) {
        int r = deliver(d, 0, fn, ctx);
        if (r)
            return r;
        n++;
    }
    return n;
}

void trace_decoder_discard(TraceDecoder *d)
{
    while (d->npending)
        deliver(d, 0, NULL, NULL);
}

void trace_decoder_free(TraceDecoder *d)
{
    trace_decoder_discard(d);
    free(d->pending);
    TraceNames *n = &d->names;
    free_names(n->states, n->nstates);
    free_names(n->tables, n->ntables);
    free_names(n->actions, n->nactions);
    free_names(n->errors, n->nerrors);
    memset(d, 0, sizeof *d);
}
