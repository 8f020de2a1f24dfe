/* Captures (src/p4rt/capture.c, include/p4rt.h "captures"):
 * examples/l2_switch.p4 compiled by p4cc and loaded through libp4rt, one
 * MAC address forwarded to port 3 and one dropped, and packets run with
 * BPF_PROG_TEST_RUN while a capture is on: the program's hooks at its entry
 * and where it sends packets. What arrives is captured on its input
 * port, what is redirected on the port the program chose and what goes
 * to the kernel on its input port, each with its verdict, bytes and time;
 * dropped packets only on the way in. Then the filters (direction, port,
 * snap length), a full ring buffer's losses, a callback that stops the
 * walk, one capture at a time (and the take-over of a dead one's), and
 * the errors. Needs root (BPF): without it prints why and exits 77. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif

static char dir[64];
static p4rt_pipeline *pipe_;

enum { XDP_DROP_ = 1, XDP_PASS_ = 2, XDP_REDIRECT_ = 4, MAX_SEEN = 256 };

/* Frames to 02:..:03 (forwarded to port 3), to 02:..:0a (dropped) and to
 * 02:..:77 (unknown: to the kernel). */
static void frame(uint8_t pkt[60], uint8_t dst_last, uint8_t tag)
{
    memset(pkt, tag, 60);
    const uint8_t head[14] = {2, 0, 0, 0, 0, dst_last, 2, 0, 0, 0, 0, 1, 0x08, 0x00};
    memcpy(pkt, head, sizeof head);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int setup(void **state)
{
    (void)state;
    char cmd[512], err[300];
    if (bpf_permitted(err, sizeof err) < 0) {
        printf("skipped: BPF is not permitted here (%s)\n", err);
        exit(77);
    }
    snprintf(dir, sizeof dir, "/tmp/test_capture.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc --capture -o %s/l2_switch.o examples/l2_switch.p4", P4CTL_BUILD,
             dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/l2_switch.o", dir);
    pipe_ = p4rt_open(cmd, NULL);
    if (!pipe_ || p4rt_load(pipe_) < 0 || p4rt_test_ports(pipe_) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        return -1;
    }
    p4rt_field k3[] = {{"hdr.ethernet.dst_addr", "02:00:00:00:00:03"}},
               ka[] = {{"hdr.ethernet.dst_addr", "02:00:00:00:00:0a"}};
    p4rt_field port3[] = {{"port", "3"}};
    p4rt_entry fwd = {k3, 1, 0, "forward", port3, 1}, drop = {ka, 1, 0, "drop", NULL, 0};
    if (p4rt_table_add(pipe_, "mac_table", &fwd) < 0 ||
        p4rt_table_add(pipe_, "mac_table", &drop) < 0) {
        fprintf(stderr, "cannot fill the table: %s\n", p4rt_errmsg());
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

/* Packets a poll delivered, copied. */
typedef struct {
    p4rt_packet p[MAX_SEEN];
    uint8_t data[MAX_SEEN][64];
    size_t n;
    size_t stop_after; /* return 5 from the callback after this many (0: never) */
} Seen;

static int collect(const p4rt_packet *pkt, void *ctx)
{
    Seen *s = ctx;
    if (s->n < MAX_SEEN) {
        s->p[s->n] = *pkt;
        memcpy(s->data[s->n], pkt->data, pkt->caplen < 64 ? pkt->caplen : 64);
        s->p[s->n].data = s->data[s->n];
        s->n++;
    }
    return s->stop_after && s->n == s->stop_after ? 5 : 0;
}

/* Everything the ring holds now. */
static void drain(p4rt_capture *c, Seen *s)
{
    int r;
    while ((r = p4rt_capture_poll(c, 0, collect, s)) > 0)
        ;
    assert_int_equal(r, 0);
}

static void run(uint32_t port, const uint8_t *pkt, uint32_t want_action, uint32_t want_port)
{
    uint8_t out[128];
    p4rt_test_result res;
    if (p4rt_test_run(pipe_, port, pkt, 60, 1, out, sizeof out, &res) < 0)
        fail_msg("%s", p4rt_errmsg());
    assert_int_equal(res.xdp_action, want_action);
    if (!res.dropped)
        assert_int_equal(res.port, want_port);
}

static void check(const Seen *s, size_t i, unsigned direction, uint32_t port, uint32_t action,
                  const uint8_t *pkt)
{
    const p4rt_packet *p = &s->p[i];
    if (p->direction != direction || p->port != port || p->xdp_action != action)
        fail_msg("packet %zu: direction %u port %u action %u, wanted %u %u %u", i, p->direction,
                 p->port, p->xdp_action, direction, port, action);
    assert_int_equal(p->len, 60);
    assert_int_equal(p->caplen, 60);
    assert_memory_equal(p->data, pkt, 60);
}

/* Both directions, every port: in on the input port, out on the port it
 * leaves by with its verdict; nothing out for the dropped packet. */
static void test_both_directions(void **state)
{
    (void)state;
    uint8_t a[60], b[60], d[60];
    frame(a, 0x03, 0xa1);
    frame(b, 0x77, 0xb2);
    frame(d, 0x0a, 0xd4);
    p4rt_capture *c = p4rt_capture_start(pipe_, NULL);
    if (!c)
        fail_msg("%s", p4rt_errmsg());
    uint64_t t0 = now_ns();
    run(1, a, XDP_REDIRECT_, 3);
    run(2, b, XDP_PASS_, 2);
    run(0, d, XDP_DROP_, 0);
    uint64_t t1 = now_ns();
    Seen s = {0};
    drain(c, &s);
    assert_int_equal(s.n, 5);
    check(&s, 0, P4RT_CAPTURE_IN, 1, 0, a);
    check(&s, 1, P4RT_CAPTURE_OUT, 3, XDP_REDIRECT_, a);
    check(&s, 2, P4RT_CAPTURE_IN, 2, 0, b);
    check(&s, 3, P4RT_CAPTURE_OUT, 2, XDP_PASS_, b);
    check(&s, 4, P4RT_CAPTURE_IN, 0, 0, d);
    /* Wall-clock time stamps, in order (monotonic time plus the offset
     * taken at the start: allow a millisecond of clock adjustment). */
    for (size_t i = 0; i < s.n; i++) {
        assert_true(s.p[i].ts_ns + 1000000 >= t0 && s.p[i].ts_ns <= t1 + 1000000);
        if (i)
            assert_true(s.p[i].ts_ns >= s.p[i - 1].ts_ns);
    }
    assert_int_equal(p4rt_capture_lost(c), 0);
    p4rt_capture_stop(c);

    /* Detached: the program runs as before, and nothing more is seen by
     * a capture started later. */
    run(1, a, XDP_REDIRECT_, 3);
    c = p4rt_capture_start(pipe_, NULL);
    assert_non_null(c);
    Seen none = {0};
    drain(c, &none);
    assert_int_equal(none.n, 0);
    p4rt_capture_stop(c);
}

/* One direction, one port, a snap length. */
static void test_filters(void **state)
{
    (void)state;
    uint8_t a[60], b[60], d[60];
    frame(a, 0x03, 0x11);
    frame(b, 0x77, 0x22);
    frame(d, 0x0a, 0x33);
    /* A port is one the port map names (here lo, as the last test run's
     * input port). */
    run(3, d, XDP_DROP_, 0);
    p4rt_capture_opts out3 = {.directions = P4RT_CAPTURE_OUT, .one_port = true, .port = 3};
    p4rt_capture *c = p4rt_capture_start(pipe_, &out3);
    if (!c)
        fail_msg("%s", p4rt_errmsg());
    run(1, a, XDP_REDIRECT_, 3);
    run(3, b, XDP_PASS_, 3);
    run(2, b, XDP_PASS_, 2);
    run(3, d, XDP_DROP_, 0);
    Seen s = {0};
    drain(c, &s);
    assert_int_equal(s.n, 2);
    check(&s, 0, P4RT_CAPTURE_OUT, 3, XDP_REDIRECT_, a);
    check(&s, 1, P4RT_CAPTURE_OUT, 3, XDP_PASS_, b);
    p4rt_capture_stop(c);

    p4rt_capture_opts in20 = {.directions = P4RT_CAPTURE_IN, .snaplen = 20};
    c = p4rt_capture_start(pipe_, &in20);
    assert_non_null(c);
    run(1, a, XDP_REDIRECT_, 3);
    run(3, d, XDP_DROP_, 0);
    memset(&s, 0, sizeof s);
    drain(c, &s);
    assert_int_equal(s.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(s.p[i].direction, P4RT_CAPTURE_IN);
        assert_int_equal(s.p[i].len, 60);
        assert_int_equal(s.p[i].caplen, 20);
        assert_memory_equal(s.p[i].data, i ? d : a, 20);
    }
    assert_int_equal(s.p[1].port, 3);
    p4rt_capture_stop(c);
}

/* A ring too small for what comes between two polls loses packets and
 * counts them; a callback's non-zero return stops the walk there. */
static void test_lost_and_stop(void **state)
{
    (void)state;
    uint8_t a[60];
    frame(a, 0x03, 0x44);
    p4rt_capture *c = p4rt_capture_start(pipe_, NULL);
    if (!c)
        fail_msg("%s", p4rt_errmsg());
    /* 20,000 runs, each captured in and out: some 4 MB of samples for a
     * ring of 1 MiB. */
    uint8_t out[128];
    p4rt_test_result res;
    assert_int_equal(p4rt_test_run(pipe_, 1, a, 60, 20000, out, sizeof out, &res), 0);
    Seen s = {.stop_after = 2};
    assert_int_equal(p4rt_capture_poll(c, 0, collect, &s), 5);
    assert_int_equal(s.n, 2);
    s.stop_after = 0;
    size_t delivered = 2;
    int r;
    while ((r = p4rt_capture_poll(c, 0, collect, &s)) > 0)
        delivered += (size_t)r;
    assert_int_equal(r, 0);
    uint64_t lost = p4rt_capture_lost(c);
    printf("20000 runs: %zu packets delivered, %llu lost\n", delivered,
           (unsigned long long)lost);
    assert_true(lost > 0);
    assert_int_equal(delivered + lost, 40000);
    p4rt_capture_stop(c);
}

/* One capture at a time; one whose process died without stopping it is
 * taken over, and what it left in the ring is not delivered. */
static void test_busy_and_takeover(void **state)
{
    (void)state;
    uint8_t a[60], b[60];
    frame(a, 0x03, 0x66);
    frame(b, 0x03, 0x77);
    p4rt_capture *c = p4rt_capture_start(pipe_, NULL);
    assert_non_null(c);
    errno = 0;
    assert_null(p4rt_capture_start(pipe_, NULL));
    assert_int_equal(errno, EBUSY);
    char want[100];
    snprintf(want, sizeof want, "pipeline 'l2_switch' is being captured already (by process %d)",
             (int)getpid());
    assert_string_equal(p4rt_errmsg(), want);
    p4rt_capture_stop(c);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* Captures a packet and dies without stopping. */
        _exit(p4rt_capture_start(pipe_, NULL) ? (run(1, a, XDP_REDIRECT_, 3), 0) : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    c = p4rt_capture_start(pipe_, NULL);
    if (!c)
        fail_msg("%s", p4rt_errmsg());
    run(1, b, XDP_REDIRECT_, 3);
    Seen s = {0};
    drain(c, &s);
    assert_int_equal(s.n, 2);
    check(&s, 0, P4RT_CAPTURE_IN, 1, 0, b);
    check(&s, 1, P4RT_CAPTURE_OUT, 3, XDP_REDIRECT_, b);
    p4rt_capture_stop(c);
}

static void test_errors(void **state)
{
    (void)state;
    uint8_t a[60];
    frame(a, 0x03, 0x55);
    run(1, a, XDP_REDIRECT_, 3); /* lo is port 1 now */
    p4rt_capture_opts o = {.one_port = true, .port = 7};
    errno = 0;
    assert_null(p4rt_capture_start(pipe_, &o));
    assert_int_equal(errno, ENOENT);
    assert_string_equal(p4rt_errmsg(), "pipeline 'l2_switch' has no port 7 (its ports: 1)");
    o = (p4rt_capture_opts){.directions = 4};
    assert_null(p4rt_capture_start(pipe_, &o));
    assert_int_equal(errno, EINVAL);
    char info[128];
    snprintf(info, sizeof info, "%s/l2_switch.p4info.json", dir);
    p4rt_pipeline *desc = p4rt_open_p4info(info);
    assert_non_null(desc);
    assert_null(p4rt_capture_start(desc, NULL));
    assert_int_equal(errno, ENOTCONN);
    p4rt_close(desc);
    p4rt_capture_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_directions),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_lost_and_stop),
        cmocka_unit_test(test_busy_and_takeover),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
