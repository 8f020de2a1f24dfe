/* Packet traces as text and JSON. See trace_print.h. */
#include "trace_print.h"

#include <json-c/json.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>

/* The step's name, or its number when p4info does not name it. */
static const char *step_name(const p4rt_trace_step *s, char *buf, size_t size)
{
    if (s->name)
        return s->name;
    snprintf(buf, size, "#%u", s->id);
    return buf;
}

static const char *xdp_name(uint32_t a)
{
    static const char *const names[] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX",
                                        "XDP_REDIRECT"};
    return a < sizeof names / sizeof *names ? names[a] : "?";
}

static const p4rt_trace_step *mcast_step(const p4rt_packet_trace *t)
{
    for (size_t i = 0; i < t->nsteps; i++)
        if (t->steps[i].kind == P4RT_STEP_MCAST)
            return &t->steps[i];
    return NULL;
}

void trace_verdict_text(const p4rt_packet_trace *t, char *buf, size_t size)
{
    const p4rt_trace_step *m = mcast_step(t);
    if (!t->complete)
        snprintf(buf, size, "unknown (its last events were lost, or the trace stopped first)");
    else if (t->xdp_action == XDP_DROP)
        snprintf(buf, size, "drop");
    else if (t->xdp_action == XDP_ABORTED)
        snprintf(buf, size, "aborted (XDP_ABORTED: the program failed)");
    else if (t->copy && t->xdp_action == XDP_PASS)
        snprintf(buf, size, "port %u (a multicast copy)", t->port);
    else if (m && t->xdp_action == XDP_REDIRECT)
        snprintf(buf, size, "multicast group %u", m->id);
    else if (t->xdp_action == XDP_REDIRECT)
        snprintf(buf, size, "port %u", t->out_port);
    else if (t->xdp_action == XDP_TX)
        snprintf(buf, size, "port %u (its input port, XDP_TX)", t->out_port);
    else if (t->xdp_action == XDP_PASS)
        snprintf(buf, size, "pass (to the kernel's network stack)");
    else
        snprintf(buf, size, "%s", xdp_name(t->xdp_action));
}

void trace_drop_reason(const p4rt_packet_trace *t, char *buf, size_t size)
{
    char num[32], num2[32];
    for (size_t i = t->nsteps; i-- > 0;) {
        const p4rt_trace_step *s = &t->steps[i];
        if (s->kind == P4RT_STEP_PARSER_ERROR) {
            const p4rt_trace_step *state = i > 0 && s[-1].kind == P4RT_STEP_STATE ? &s[-1] : NULL;
            if (state)
                snprintf(buf, size, "parser: error %s in state %s%s%s%s",
                         step_name(s, num, sizeof num), step_name(state, num2, sizeof num2),
                         state->source ? " (" : "", state->source ? state->source : "",
                         state->source ? ")" : "");
            else
                snprintf(buf, size, "parser: error %s", step_name(s, num, sizeof num));
            return;
        }
        if (s->kind == P4RT_STEP_TABLE) {
            snprintf(buf, size, "after table %s: %s -> %s%s%s%s", step_name(s, num, sizeof num),
                     s->hit ? "hit" : "miss", s->action ? s->action : "no action",
                     s->action_source ? " (" : "", s->action_source ? s->action_source : "",
                     s->action_source ? ")" : "");
            return;
        }
    }
    snprintf(buf, size, "%s", xdp_name(t->xdp_action));
}

void trace_print_text(FILE *out, const p4rt_packet_trace *t, const char *indent)
{
    char num[32], verdict[128];
    if (t->copy)
        fprintf(out, "%spacket %llu: a multicast copy for port %u, %u bytes\n", indent,
                (unsigned long long)t->seq, t->port, t->len);
    else
        fprintf(out, "%spacket %llu: in on port %u, %u bytes\n", indent,
                (unsigned long long)t->seq, t->port, t->len);
    for (size_t i = 0; i < t->nsteps; i++) {
        const p4rt_trace_step *s = &t->steps[i];
        const char *name = step_name(s, num, sizeof num);
        fprintf(out, "%s    ", indent);
        switch (s->kind) {
        case P4RT_STEP_STATE:
            fprintf(out, "parser state %s", name);
            break;
        case P4RT_STEP_PARSER_ERROR:
            fprintf(out, "parser error %s", name);
            break;
        case P4RT_STEP_TABLE:
            fprintf(out, "table %s", name);
            if (s->source)
                fprintf(out, " (%s)", s->source);
            fprintf(out, ": %s -> ", s->hit ? "hit" : "miss");
            if (s->action)
                fprintf(out, "action %s", s->action);
            else
                fprintf(out, "no action");
            if (s->action_source)
                fprintf(out, " (%s)", s->action_source);
            fputc('\n', out);
            continue;
        case P4RT_STEP_MCAST:
            if (t->copy)
                fprintf(out, "copy of multicast group %u, rid %u", s->id, s->rid);
            else
                fprintf(out, "multicast group %u", s->id);
            break;
        }
        if (s->source)
            fprintf(out, " (%s)", s->source);
        fputc('\n', out);
    }
    trace_verdict_text(t, verdict, sizeof verdict);
    fprintf(out, "%s    verdict: %s\n", indent, verdict);
}

static void add_string(json_object *o, const char *key, const char *value)
{
    if (value)
        json_object_object_add(o, key, json_object_new_string(value));
}

json_object *trace_json(const p4rt_packet_trace *t)
{
    char num[32], verdict[128];
    json_object *o = json_object_new_object(), *steps = json_object_new_array();
    json_object_object_add(o, "packet", json_object_new_uint64(t->seq));
    json_object_object_add(o, "copy", json_object_new_boolean(t->copy));
    json_object_object_add(o, "port", json_object_new_int64(t->port));
    json_object_object_add(o, "length", json_object_new_int64(t->len));
    for (size_t i = 0; i < t->nsteps; i++) {
        const p4rt_trace_step *s = &t->steps[i];
        json_object *j = json_object_new_object();
        static const char *const kinds[] = {"state", "parser_error", "table", "multicast"};
        json_object_object_add(j, "kind", json_object_new_string(kinds[s->kind]));
        if (s->kind == P4RT_STEP_MCAST) {
            json_object_object_add(j, "group", json_object_new_int64(s->id));
            if (t->copy)
                json_object_object_add(j, "rid", json_object_new_int64(s->rid));
        } else {
            add_string(j, "name", step_name(s, num, sizeof num));
            add_string(j, "source", s->source);
        }
        if (s->kind == P4RT_STEP_TABLE) {
            json_object_object_add(j, "hit", json_object_new_boolean(s->hit));
            json_object_object_add(j, "action", s->action ? json_object_new_string(s->action)
                                                          : NULL);
            add_string(j, "action_source", s->action_source);
        }
        json_object_array_add(steps, j);
    }
    json_object_object_add(o, "steps", steps);
    json_object *v = json_object_new_object();
    json_object_object_add(v, "complete", json_object_new_boolean(t->complete));
    if (t->complete) {
        json_object_object_add(v, "xdp_action", json_object_new_string(xdp_name(t->xdp_action)));
        const p4rt_trace_step *m = mcast_step(t);
        if (t->xdp_action == XDP_REDIRECT && m && !t->copy)
            json_object_object_add(v, "multicast_group", json_object_new_int64(m->id));
        else if (t->xdp_action == XDP_REDIRECT || t->xdp_action == XDP_TX)
            json_object_object_add(v, "port", json_object_new_int64(t->out_port));
        else if (t->copy && t->xdp_action == XDP_PASS)
            json_object_object_add(v, "port", json_object_new_int64(t->port));
    }
    trace_verdict_text(t, verdict, sizeof verdict);
    json_object_object_add(v, "text", json_object_new_string(verdict));
    json_object_object_add(o, "verdict", v);
    return o;
}
