/* Packet traces without a kernel: events as the program writes them
 * (<p4cc/trace.h>) decoded into packet traces by src/p4rt/trace_decode.c
 * with the names of a p4info "trace" section, and printed by
 * src/p4ctl/trace_print.c as text and JSON. Interleaved packets, a
 * packet whose verdict never comes, ids p4info does not name, events of
 * unknown kinds, and malformed sections. */
#include <json-c/json.h>
#include <linux/bpf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <p4cc/trace.h>

#include "internal.h"
#include "trace_print.h"

static const char p4info[] =
    "{ \"program\": \"r\", \"trace\": {\n"
    "  \"states\": [ { \"name\": \"start\", \"source\": \"r.p4:10\" },\n"
    "                { \"name\": \"parse_ipv4\", \"source\": \"r.p4:20\" } ],\n"
    "  \"tables\": [ { \"name\": \"ingress.routes\", \"source\": \"r.p4:40\" },\n"
    "                { \"name\": \"ingress.nexthops\" } ],\n"
    "  \"actions\": [ { \"code\": 2, \"name\": \"ingress.drop\", \"source\": \"r.p4:30\" },\n"
    "                 { \"code\": 1, \"name\": \"ingress.forward\", \"source\": \"r.p4:33\" } ],\n"
    "  \"errors\": [ \"NoError\", \"PacketTooShort\", \"NoMatch\" ] } }";

/* Traces a decode delivered, printed as text (each after the others) and
 * kept as JSON text. */
typedef struct {
    char text[32768];
    size_t used;
    char json[8][1024];
    size_t n;
    int stop; /* returned by the callback */
} Got;

static int got_trace(const p4rt_packet_trace *t, void *ctx)
{
    Got *g = ctx;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_print_text(f, t, "");
    fclose(f);
    assert_true(g->used + len < sizeof g->text);
    memcpy(g->text + g->used, buf, len + 1);
    g->used += len;
    free(buf);
    if (g->n < 8) {
        json_object *o = trace_json(t);
        snprintf(g->json[g->n], sizeof g->json[0], "%s",
                 json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
    }
    g->n++;
    return g->stop;
}

static struct p4cc_trace_event ev(uint64_t seq, uint32_t kind, uint32_t id, uint32_t arg,
                                  uint32_t arg2)
{
    return (struct p4cc_trace_event){.seq = seq, .kind = kind, .id = id, .arg = arg,
                                     .arg2 = arg2};
}

static void feed(TraceDecoder *d, const struct p4cc_trace_event *evs, size_t n, Got *g)
{
    for (size_t i = 0; i < n; i++)
        trace_decode(d, &evs[i], got_trace, g);
}

/* Two packets whose events interleave (two CPUs): each comes whole, when
 * its verdict comes, with its states, tables and actions named. */
static void test_interleaved(void **state)
{
    (void)state;
    TraceDecoder d;
    assert_int_equal(trace_decoder_init(&d, p4info, sizeof p4info - 1), 0);
    assert_true(d.names.present);
    const struct p4cc_trace_event evs[] = {
        ev(7, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 1, 60),
        ev(8, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 2, 34),
        ev(7, P4CC_TRACE_STATE, 0, 0, 0),
        ev(8, P4CC_TRACE_STATE, 0, 0, 0),
        ev(7, P4CC_TRACE_STATE, 1, 0, 0),
        ev(8, P4CC_TRACE_STATE, 1, 0, 0),
        ev(8, P4CC_TRACE_PARSER_ERROR, 1, 0, 0),
        ev(7, P4CC_TRACE_TABLE, 0, 1, 1),
        ev(8, P4CC_TRACE_VERDICT, XDP_DROP, 0, 0),
        ev(7, P4CC_TRACE_TABLE, 1, 2, 0),
        ev(7, P4CC_TRACE_VERDICT, XDP_REDIRECT, 3, 0),
    };
    Got g = {0};
    feed(&d, evs, sizeof evs / sizeof *evs, &g);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.text,
                        "packet 8: in on port 2, 34 bytes\n"
                        "    parser state start (r.p4:10)\n"
                        "    parser state parse_ipv4 (r.p4:20)\n"
                        "    parser error PacketTooShort\n"
                        "    verdict: drop\n"
                        "packet 7: in on port 1, 60 bytes\n"
                        "    parser state start (r.p4:10)\n"
                        "    parser state parse_ipv4 (r.p4:20)\n"
                        "    table ingress.routes (r.p4:40): hit -> action ingress.forward "
                        "(r.p4:33)\n"
                        "    table ingress.nexthops: miss -> action ingress.drop (r.p4:30)\n"
                        "    verdict: port 3\n");
    assert_string_equal(g.json[1],
                        "{\"packet\":7,\"copy\":false,\"port\":1,\"length\":60,\"steps\":["
                        "{\"kind\":\"state\",\"name\":\"start\",\"source\":\"r.p4:10\"},"
                        "{\"kind\":\"state\",\"name\":\"parse_ipv4\",\"source\":\"r.p4:20\"},"
                        "{\"kind\":\"table\",\"name\":\"ingress.routes\",\"source\":\"r.p4:40\","
                        "\"hit\":true,\"action\":\"ingress.forward\",\"action_source\":"
                        "\"r.p4:33\"},"
                        "{\"kind\":\"table\",\"name\":\"ingress.nexthops\",\"hit\":false,"
                        "\"action\":\"ingress.drop\",\"action_source\":\"r.p4:30\"}],"
                        "\"verdict\":{\"complete\":true,\"xdp_action\":\"XDP_REDIRECT\","
                        "\"port\":3,\"text\":\"port 3\"}}");
    assert_int_equal(d.npending, 0);
    trace_decoder_free(&d);
}

/* Verdicts as words: to the kernel, back out, a multicast group, a copy,
 * no action, aborted; and the reasons of drops. */
static void test_verdicts(void **state)
{
    (void)state;
    TraceDecoder d;
    assert_int_equal(trace_decoder_init(&d, p4info, sizeof p4info - 1), 0);
    const struct p4cc_trace_event evs[] = {
        ev(1, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 4, 60),
        ev(1, P4CC_TRACE_TABLE, 0, 0, 0),
        ev(1, P4CC_TRACE_VERDICT, XDP_PASS, 4, 0),
        ev(2, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 4, 60),
        ev(2, P4CC_TRACE_VERDICT, XDP_TX, 4, 0),
        ev(3, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 1, 60),
        ev(3, P4CC_TRACE_MCAST, 5, 0, 0),
        ev(3, P4CC_TRACE_VERDICT, XDP_REDIRECT, 9, 0),
        ev(4, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_COPY, 6, 60),
        ev(4, P4CC_TRACE_MCAST, 5, 7, 1),
        ev(4, P4CC_TRACE_VERDICT, XDP_PASS, 1, 0),
        ev(5, P4CC_TRACE_BEGIN, P4CC_TRACE_FROM_INPUT, 1, 60),
        ev(5, P4CC_TRACE_VERDICT, XDP_ABORTED, 0, 0),
    };
    Got g = {0};
    feed(&d, evs, sizeof evs / sizeof *evs, &g);
    assert_int_equal(g.n, 5);
    assert_string_equal(g.text,
                        "packet 1: in on port 4, 60 bytes\n"
                        "    table ingress.routes (r.p4:40): miss -> no action\n"
                        "    verdict: pass (to the kernel's network stack)\n"
                        "packet 2: in on port 4, 60 bytes\n"
                        "    verdict: port 4 (its input port, XDP_TX)\n"
                        "packet 3: in on port 1, 60 bytes\n"
                        "    multicast group 5\n"
                        "    verdict: multicast group 5\n"
                        "packet 4: a multicast copy for port 6, 60 bytes\n"
                        "    copy of multicast group 5, rid 7\n"
                        "    verdict: port 6 (a multicast copy)\n"
                        "packet 5: in on port 1, 60 bytes\n"
                        "    verdict: aborted (XDP_ABORTED: the program failed)\n");
    assert_non_null(strstr(g.json[2], "\"verdict\":{\"complete\":true,\"xdp_action\":"
                                      "\"XDP_REDIRECT\",\"multicast_group\":5"));
    assert_non_null(strstr(g.json[3], "\"copy\":true,\"port\":6"));
    assert_non_null(strstr(g.json[3], "{\"kind\":\"multicast\",\"group\":5,\"rid\":7}"));
    assert_non_null(strstr(g.json[3], "\"verdict\":{\"complete\":true,\"xdp_action\":"
                                      "\"XDP_PASS\",\"port\":6,"));
    trace_decoder_free(&d);

    /* Why packets were dropped. */
    char why[200];
    p4rt_trace_step steps[] = {
        {.kind = P4RT_STEP_STATE, .name = "parse_ipv4", .source = "r.p4:20"},
        {.kind = P4RT_STEP_PARSER_ERROR, .id = 2, .name = "NoMatch"},
    };
    p4rt_packet_trace t = {.complete = true, .xdp_action = XDP_DROP, .steps = steps,
                           .nsteps = 2};
    trace_drop_reason(&t, why, sizeof why);
    assert_string_equal(why, "parser: error NoMatch in state parse_ipv4 (r.p4:20)");
    steps[1] = (p4rt_trace_step){.kind = P4RT_STEP_TABLE, .name = "ingress.acl", .hit = true,
                                 .action = "ingress.deny", .action_source = "r.p4:50"};
    trace_drop_reason(&t, why, sizeof why);
    assert_string_equal(why, "after table ingress.acl: hit -> ingress.deny (r.p4:50)");
    t.nsteps = 1;
    trace_drop_reason(&t, why, sizeof why);
    assert_string_equal(why, "XDP_DROP");
}

/* Ids p4info does not name are numbered; events of kinds this decoder
 * does not know are skipped; a packet whose BEGIN was lost still comes. */
static void test_unknown_ids(void **state)
{
    (void)state;
    TraceDecoder d;
    assert_int_equal(trace_decoder_init(&d, p4info, sizeof p4info - 1), 0);
    const struct p4cc_trace_event evs[] = {
        ev(3, P4CC_TRACE_STATE, 9, 0, 0),
        ev(3, 99, 1, 2, 3),
        ev(3, P4CC_TRACE_PARSER_ERROR, 40, 0, 0),
        ev(3, P4CC_TRACE_TABLE, 7, 77, 1),
        ev(3, P4CC_TRACE_VERDICT, XDP_DROP, 0, 0),
    };
    Got g = {0};
    feed(&d, evs, sizeof evs / sizeof *evs, &g);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.text, "packet 3: in on port 0, 0 bytes\n"
                                "    parser state #9\n"
                                "    parser error #40\n"
                                "    table #7: hit -> action ?\n"
                                "    verdict: drop\n");
    trace_decoder_free(&d);
}

/* Packets whose verdict never came: the oldest is given up (incomplete)
 * when TRACE_MAX_PENDING newer ones wait; a flush gives the rest, in
 * order; a callback's non-zero return comes back. */
static void test_pending(void **state)
{
    (void)state;
    TraceDecoder d;
    assert_int_equal(trace_decoder_init(&d, p4info, sizeof p4info - 1), 0);
    Got g = {0};
    for (uint64_t seq = 1; seq <= TRACE_MAX_PENDING; seq++) {
        struct p4cc_trace_event e = ev(seq, P4CC_TRACE_STATE, 0, 0, 0);
        assert_int_equal(trace_decode(&d, &e, got_trace, &g), 0);
    }
    assert_int_equal(g.n, 0);
    struct p4cc_trace_event e = ev(1000, P4CC_TRACE_BEGIN, 0, 1, 60);
    g.stop = 4;
    assert_int_equal(trace_decode(&d, &e, got_trace, &g), 4);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.text, "packet 1: in on port 0, 0 bytes\n"
                                "    parser state start (r.p4:10)\n"
                                "    verdict: unknown (its last events were lost, or the trace "
                                "stopped first)\n");
    assert_non_null(strstr(g.json[0], "\"verdict\":{\"complete\":false,"));
    g.stop = 0;
    assert_int_equal(trace_decoder_flush(&d, got_trace, &g), TRACE_MAX_PENDING);
    assert_int_equal(g.n, 1 + TRACE_MAX_PENDING);
    assert_int_equal(d.npending, 0);
    assert_int_equal(trace_decoder_flush(&d, got_trace, &g), 0);
    /* Discarded without a callback. */
    trace_decode(&d, &e, got_trace, &g);
    trace_decoder_discard(&d);
    assert_int_equal(d.npending, 0);
    assert_int_equal(g.n, 1 + TRACE_MAX_PENDING);
    trace_decoder_free(&d);
}

static void check_bad(const char *text, const char *message)
{
    TraceDecoder d;
    assert_int_equal(trace_decoder_init(&d, text, strlen(text)), -EINVAL);
    assert_string_equal(p4rt_errmsg(), message);
    assert_false(d.names.present);
    assert_null(d.names.states);
}

/* A p4info without the section (no hooks), and malformed sections. */
static void test_sections(void **state)
{
    (void)state;
    TraceDecoder d;
    const char plain[] = "{ \"program\": \"r\", \"tables\": [] }";
    assert_int_equal(trace_decoder_init(&d, plain, sizeof plain - 1), 0);
    assert_false(d.names.present);
    trace_decoder_free(&d);
    check_bad("{ \"trace\": [] }", "p4info: \"trace\" is not an object");
    check_bad("{ \"trace\": { \"states\": 3 } }", "p4info: trace.states is not an array");
    check_bad("{ \"trace\": { \"tables\": [ { \"source\": \"x.p4:1\" } ] } }",
              "p4info: trace.tables[0] has no name");
    check_bad("{ \"trace\": { \"actions\": [ { \"name\": \"a\" } ] } }",
              "p4info: trace.actions[0] has no valid \"code\"");
    check_bad("{ \"trace\": { \"actions\": [ { \"code\": -1, \"name\": \"a\" } ] } }",
              "p4info: trace.actions[0] has no valid \"code\"");
    check_bad("{ \"trace\": ", "p4info: invalid JSON");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interleaved), cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_unknown_ids), cmocka_unit_test(test_pending),
        cmocka_unit_test(test_sections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
