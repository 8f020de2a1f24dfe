/* Packet traces of a loaded pipeline (src/p4rt/trace.c, include/p4rt.h
 * "traces"): examples/ipv4_router.p4 compiled with p4cc --trace, loaded
 * through libp4rt with a route and a next hop, and known packets run with
 * BPF_PROG_TEST_RUN while a trace is on: a routed packet goes through the
 * states start and parse_ipv4, hits routes (set_nexthop) and nexthops
 * (forward) and leaves by port 2; one without a route misses routes and
 * goes to the kernel; an ARP frame applies no table; a cut IPv4 header
 * stops the parser with PacketTooShort and is dropped. Each step with its
 * P4 source line. Then: nothing is traced while no trace runs; one trace
 * at a time (a dead one's taken over); a program without hooks refused;
 * and `p4ctl trace NAME -c 2 --json` on the pipeline pinned. Needs root
 * (BPF): without it prints why and exits 77. */
#include <errno.h>
#include <json-c/json.h>
#include <linux/bpf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif

#define SRC "examples/ipv4_router.p4"

static char dir[64];
static p4rt_pipeline *pipe_;

static int setup(void **state)
{
    (void)state;
    char cmd[512], err[300];
    if (bpf_permitted(err, sizeof err) < 0) {
        printf("skipped: BPF is not permitted here (%s)\n", err);
        exit(77);
    }
    snprintf(dir, sizeof dir, "/tmp/test_trace.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd,
             "%s/p4cc --trace -o %s/router.o " SRC " && %s/p4cc -o %s/plain.o " SRC,
             P4CTL_BUILD, dir, P4CTL_BUILD, dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/router.o", dir);
    pipe_ = p4rt_open(cmd, NULL);
    if (!pipe_ || p4rt_load(pipe_) < 0 || p4rt_test_ports(pipe_) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        return -1;
    }
    p4rt_field route[] = {{"hdr.ipv4.dst_addr", "10.0.0.0/8"}}, id[] = {{"id", "1"}};
    p4rt_field hop[] = {{"nexthop", "1"}};
    p4rt_field fwd[] = {{"port", "2"}, {"src_mac", "02:00:00:00:01:02"},
                        {"dst_mac", "02:00:00:00:02:01"}};
    p4rt_entry r = {route, 1, 0, "set_nexthop", id, 1}, h = {hop, 1, 0, "forward", fwd, 3};
    if (p4rt_table_add(pipe_, "routes", &r) < 0 || p4rt_table_add(pipe_, "nexthops", &h) < 0) {
        fprintf(stderr, "cannot fill the tables: %s\n", p4rt_errmsg());
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    p4rt_close(pipe_);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Frames: IPv4 to DST (TTL 64), ARP, and IPv4 cut after 10 bytes. */
static size_t ipv4(uint8_t *pkt, uint32_t dst)
{
    static const uint8_t head[34] = {
        2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 9, 0x08, 0x00,
        0x45, 0, 0, 0x1c, 0x1c, 0x46, 0x40, 0, 0x40, 1, 0x88, 0xe0, 192, 168, 0, 1};
    memset(pkt, 0, 60);
    memcpy(pkt, head, sizeof head);
    pkt[30] = (uint8_t)(dst >> 24), pkt[31] = (uint8_t)(dst >> 16);
    pkt[32] = (uint8_t)(dst >> 8), pkt[33] = (uint8_t)dst;
    return 60;
}

/* What a poll delivered, as text lines "K NAME SOURCE HIT ACTION ASOURCE". */
typedef struct {
    size_t n;
    p4rt_packet_trace t[8];
    char steps[8][8][200];
} Seen;

static int collect(const p4rt_packet_trace *t, void *ctx)
{
    Seen *s = ctx;
    if (s->n < 8) {
        s->t[s->n] = *t;
        s->t[s->n].steps = NULL;
        for (size_t i = 0; i < t->nsteps && i < 8; i++) {
            const p4rt_trace_step *st = &t->steps[i];
            static const char kinds[] = "SETM";
            snprintf(s->steps[s->n][i], sizeof s->steps[0][0], "%c %s %s%s%s%s%s",
                     kinds[st->kind], st->name ? st->name : "?", st->source ? st->source : "-",
                     st->kind == P4RT_STEP_TABLE ? (st->hit ? " hit " : " miss ") : "",
                     st->action ? st->action : "", st->action_source ? " " : "",
                     st->action_source ? st->action_source : "");
        }
    }
    s->n++;
    return 0;
}

static void drain(p4rt_trace *t, Seen *s)
{
    int r;
    while ((r = p4rt_trace_poll(t, 0, collect, s)) > 0)
        ;
    assert_int_equal(r, 0);
}

static void run(uint32_t port, const uint8_t *pkt, size_t len, uint32_t want_action)
{
    uint8_t out[128];
    p4rt_test_result res;
    if (p4rt_test_run(pipe_, port, pkt, len, 1, out, sizeof out, &res) < 0)
        fail_msg("%s", p4rt_errmsg());
    assert_int_equal(res.xdp_action, want_action);
}

static void check_packet(const Seen *s, size_t i, uint32_t port, uint32_t len, uint32_t action,
                         uint32_t out_port, const char *const *steps)
{
    const p4rt_packet_trace *t = &s->t[i];
    assert_true(t->complete);
    assert_false(t->copy);
    assert_int_equal(t->port, port);
    assert_int_equal(t->len, len);
    assert_int_equal(t->xdp_action, action);
    assert_int_equal(t->out_port, out_port);
    size_t n = 0;
    while (steps[n])
        n++;
    if (t->nsteps != n)
        fail_msg("packet %zu: %zu steps, wanted %zu (first: %s)", i, t->nsteps, n,
                 t->nsteps ? s->steps[i][0] : "none");
    for (size_t k = 0; k < n; k++)
        assert_string_equal(s->steps[i][k], steps[k]);
}

#define START "S start " SRC ":52"
#define IPV4 "S parse_ipv4 " SRC ":60"
#define ROUTES "T router_ingress.routes " SRC ":96"

static void test_known_packets(void **state)
{
    (void)state;
    uint8_t routed[60], unrouted[60], arp[60], cut[60];
    ipv4(routed, 0x0a090909);
    ipv4(unrouted, 0x0b010101);
    ipv4(arp, 0);
    arp[13] = 0x06;
    ipv4(cut, 0x0a090909);
    p4rt_trace *t = p4rt_trace_start(pipe_);
    if (!t)
        fail_msg("%s", p4rt_errmsg());
    run(1, routed, 60, XDP_REDIRECT);
    run(3, unrouted, 60, XDP_PASS);
    run(1, arp, 60, XDP_PASS);
    run(1, cut, 24, XDP_DROP);
    Seen s = {0};
    drain(t, &s);
    assert_int_equal(s.n, 4);
    check_packet(&s, 0, 1, 60, XDP_REDIRECT, 2,
                 (const char *const[]){START, IPV4,
                                       ROUTES " hit router_ingress.set_nexthop " SRC ":84",
                                       "T router_ingress.nexthops " SRC ":117 hit "
                                       "router_ingress.forward " SRC ":106",
                                       NULL});
    check_packet(&s, 1, 3, 60, XDP_PASS, 3,
                 (const char *const[]){START, IPV4,
                                       ROUTES " miss router_ingress.to_kernel " SRC ":73",
                                       NULL});
    check_packet(&s, 2, 1, 60, XDP_PASS, 1, (const char *const[]){START, NULL});
    check_packet(&s, 3, 1, 24, XDP_DROP, 0,
                 (const char *const[]){START, IPV4, "E PacketTooShort -", NULL});
    /* One packet, one number, in order. */
    for (size_t i = 1; i < s.n; i++)
        assert_int_equal(s.t[i].seq, s.t[i - 1].seq + 1);
    assert_int_equal(p4rt_trace_lost(t), 0);
    assert_int_equal(p4rt_trace_flush(t, collect, &s), 0);
    p4rt_trace_stop(t);

    /* Off: the program runs as before, and a later trace sees nothing of
     * what ran meanwhile. */
    run(1, routed, 60, XDP_REDIRECT);
    t = p4rt_trace_start(pipe_);
    assert_non_null(t);
    Seen none = {0};
    drain(t, &none);
    assert_int_equal(none.n, 0);
    p4rt_trace_stop(t);
}

/* A callback's non-zero return stops the walk and comes back; the
 * packets after it wait for the next poll. */
static int stop_at_first(const p4rt_packet_trace *t, void *ctx)
{
    (void)t;
    ++*(int *)ctx;
    return 9;
}

static void test_stop_walk(void **state)
{
    (void)state;
    uint8_t routed[60];
    ipv4(routed, 0x0a090909);
    p4rt_trace *t = p4rt_trace_start(pipe_);
    assert_non_null(t);
    run(1, routed, 60, XDP_REDIRECT);
    run(1, routed, 60, XDP_REDIRECT);
    int calls = 0;
    assert_int_equal(p4rt_trace_poll(t, 0, stop_at_first, &calls), 9);
    assert_int_equal(calls, 1);
    Seen s = {0};
    drain(t, &s);
    assert_int_equal(s.n, 1);
    p4rt_trace_stop(t);
}

/* One trace at a time; a trace whose process died is taken over. */
static void test_one_at_a_time(void **state)
{
    (void)state;
    p4rt_trace *t = p4rt_trace_start(pipe_);
    assert_non_null(t);
    assert_null(p4rt_trace_start(pipe_));
    assert_int_equal(errno, EBUSY);
    assert_non_null(strstr(p4rt_errmsg(), "is being traced already"));
    p4rt_trace_stop(t);
    pid_t pid = fork();
    if (pid == 0)
        _exit(p4rt_trace_start(pipe_) ? 0 : 1); /* dies tracing */
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    t = p4rt_trace_start(pipe_);
    if (!t)
        fail_msg("not taken over: %s", p4rt_errmsg());
    p4rt_trace_stop(t);
}

/* A program without hooks. */
static void test_no_hooks(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/plain.o", dir);
    p4rt_pipeline *p = p4rt_open(path, NULL);
    assert_non_null(p);
    assert_null(p4rt_trace_start(p)); /* not loaded */
    assert_int_equal(errno, ENOTCONN);
    assert_int_equal(p4rt_load(p), 0);
    assert_null(p4rt_trace_start(p));
    assert_int_equal(errno, ENOTSUP);
    assert_non_null(strstr(p4rt_errmsg(), "has no trace hooks"));
    assert_non_null(strstr(p4rt_errmsg(), "p4cc --trace"));
    p4rt_close(p);
    assert_null(p4rt_trace_start(NULL));
    assert_int_equal(errno, EINVAL);
}

/* p4ctl trace on the pipeline pinned: a JSON object per packet. */
static void test_p4ctl_trace(void **state)
{
    (void)state;
    char name[32], cmd[256], line[4096];
    snprintf(name, sizeof name, "test_trace_%d", (int)getpid());
    if (p4rt_pin(pipe_, name) < 0)
        fail_msg("%s", p4rt_errmsg());
    snprintf(cmd, sizeof cmd, "%s/p4ctl trace %s -c 2 --json 2>&1", P4CTL_BUILD, name);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    snprintf(cmd, sizeof cmd, "p4ctl: tracing the packets of pipeline %s\n", name);
    assert_string_equal(line, cmd);
    uint8_t routed[60], arp[60];
    ipv4(routed, 0x0a090909);
    ipv4(arp, 0);
    arp[13] = 0x06;
    run(2, routed, 60, XDP_REDIRECT);
    run(3, arp, 60, XDP_PASS);
    const char *want_verdict[2] = {"port 2", "pass (to the kernel's network stack)"};
    for (int i = 0; i < 2; i++) {
        assert_non_null(fgets(line, sizeof line, f));
        json_object *o = json_tokener_parse(line), *v, *steps, *x;
        assert_non_null(o);
        assert_true(json_object_object_get_ex(o, "port", &x));
        assert_int_equal(json_object_get_int(x), 2 + i);
        assert_true(json_object_object_get_ex(o, "steps", &steps));
        assert_int_equal(json_object_array_length(steps), i == 0 ? 4 : 1);
        x = json_object_array_get_idx(steps, 0);
        assert_true(json_object_object_get_ex(x, "name", &v));
        assert_string_equal(json_object_get_string(v), "start");
        if (i == 0) {
            x = json_object_array_get_idx(steps, 3);
            assert_true(json_object_object_get_ex(x, "action", &v));
            assert_string_equal(json_object_get_string(v), "router_ingress.forward");
        }
        assert_true(json_object_object_get_ex(o, "verdict", &x));
        assert_true(json_object_object_get_ex(x, "text", &v));
        assert_string_equal(json_object_get_string(v), want_verdict[i]);
        json_object_put(o);
    }
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "p4ctl: 2 packets traced\n");
    assert_int_equal(pclose(f), 0);
    assert_int_equal(p4rt_unload(name), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_packets), cmocka_unit_test(test_stop_walk),
        cmocka_unit_test(test_one_at_a_time), cmocka_unit_test(test_no_hooks),
        cmocka_unit_test(test_p4ctl_trace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
