/* p4ctl trace PIPELINE [-c COUNT] [--json]: what each packet does in a
 * loaded pipeline (parser states, tables, actions, verdict, with their P4
 * source lines), printed as its verdict comes, until COUNT packets or a
 * signal. The program must be compiled with p4cc --trace. See
 * docs/p4ctl.1. */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "interrupt.h"
#include "trace_print.h"


typedef struct {
    unsigned long count, max; /* MAX 0: no limit */
    bool json;
} Tracing;

static int on_packet(const p4rt_packet_trace *t, void *ctx)
{
    Tracing *tr = ctx;
    if (tr->json) {
        json_object *o = trace_json(t);
        puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
    } else {
        trace_print_text(stdout, t, "");
    }
    fflush(stdout);
    tr->count++;
    return tr->max && tr->count >= tr->max ? 1 : 0;
}

int cmd_trace(Session *s, int argc, char **argv)
{
    unsigned long max = 0;
    int status;
    if (argc != 2)
        return usage(s, "trace takes one pipeline (NAME)");
    if (s->o->count && (parse_number(s->o->count, UINT32_MAX, &max) < 0 || max == 0))
        return usage(s, "trace: -c takes a number of packets (1 or more), not '%s'",
                     s->o->count);
    p4rt_pipeline *p = session_pipeline(s, argv[1], &status);
    if (!p)
        return status;
    Tracing tr = {.max = max, .json = s->o->json};
    Interrupts saved;
    interrupt_catch(&saved);
    p4rt_trace *t = p4rt_trace_start(p);
    if (!t) {
        status = failed(s, argv[1], -errno);
        goto out;
    }
    /* Scripts wait for this line: from here on packets are traced. */
    fprintf(stderr, "p4ctl: tracing the packets of pipeline %s\n", argv[1]);
    int r = 0;
    while (!interrupt_seen() && r >= 0 && !(max && tr.count >= max))
        if ((r = p4rt_trace_poll(t, 100, on_packet, &tr)) == -EINTR)
            r = 0;
    char why[600] = "";
    if (r < 0)
        snprintf(why, sizeof why, "%s", p4rt_errmsg());
    /* Packets whose verdict did not come before the end, as far as they went. */
    if (r >= 0 && !(max && tr.count >= max))
        p4rt_trace_flush(t, on_packet, &tr);
    uint64_t lost = p4rt_trace_lost(t);
    p4rt_trace_stop(t);
    fprintf(stderr, "p4ctl: %lu packet%s traced", tr.count, tr.count == 1 ? "" : "s");
    if (lost)
        fprintf(stderr, ", %llu events lost (the ring buffer was full)",
                (unsigned long long)lost);
    fputc('\n', stderr);
    status = STATUS_OK;
    if (r < 0) {
        fprintf(stderr, "p4ctl: %s: %s\n", argv[1], why);
        status = STATUS_FAIL;
    }
out:
    interrupt_restore(&saved);
    return status;
}
