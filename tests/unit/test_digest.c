/* Digests (src/p4rt/digest.c, include/p4rt.h "digests"; the program's side
 * is backend-ebpf/emit_digest.c): tests/stf/v1model-digest.p4 compiled by
 * p4cc and loaded through libp4rt, packets run with BPF_PROG_TEST_RUN, and
 * the digests they sent read back as named fields: every kind of field
 * (wide, nested, bool, enum, serializable enum, error, new type, negative
 * int<W>, a header's validity), the values at the call (a field changed
 * after it), the digests of a dropped packet, several types from one
 * packet, a ring that is full (the digests counted as lost, the packet
 * forwarded), a callback that stops the poll, one that may not change
 * the watches, the descriptions, and the errors. Needs root (BPF): without it prints why and exits 77. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif

static char dir[64];
static p4rt_pipeline *pipe_;

enum { MAX_SEEN = 64, XDP_DROP_ = 1, XDP_REDIRECT_ = 4 };

static int setup(void **state)
{
    (void)state;
    char cmd[512], err[300];
    if (bpf_permitted(err, sizeof err) < 0) {
        printf("skipped: BPF is not permitted here (%s)\n", err);
        exit(77);
    }
    snprintf(dir, sizeof dir, "/tmp/test_digest.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc -o %s/digest.o tests/stf/v1model-digest.p4", P4CTL_BUILD,
             dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/digest.o", dir);
    pipe_ = p4rt_open(cmd, NULL);
    if (!pipe_ || p4rt_load(pipe_) < 0 || p4rt_test_ports(pipe_) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
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

/* Digests a poll delivered, as one line of text each: "NAME f=v f=v". */
typedef struct {
    char line[MAX_SEEN][512];
    size_t n;
    size_t stop_after; /* return 9 from the callback after this many (0: never) */
    uint64_t big_low;  /* learn's "big" as a number (its low 64 bits), from BYTES */
} Seen;

static int collect(const p4rt_digest *d, void *ctx)
{
    Seen *s = ctx;
    if (s->n < MAX_SEEN) {
        size_t used = (size_t)snprintf(s->line[s->n], sizeof s->line[0], "%s", d->digest);
        for (size_t i = 0; i < d->nfields && used < sizeof s->line[0]; i++)
            used += (size_t)snprintf(s->line[s->n] + used, sizeof s->line[0] - used, " %s=%s",
                                     d->fields[i].name, d->fields[i].text);
        for (size_t i = 0; i < d->nfields; i++)
            if (strcmp(d->fields[i].name, "big") == 0) {
                uint64_t v = 0;
                for (int b = 8; b < 16; b++)
                    v = v << 8 | d->fields[i].bytes[b];
                s->big_low = v;
            }
        s->n++;
    }
    return s->stop_after && s->n == s->stop_after ? 9 : 0;
}

static void run(uint32_t in_port, const uint8_t *pkt, size_t len, uint32_t repeat,
                uint32_t action)
{
    uint8_t out[256];
    p4rt_test_result res;
    assert_int_equal(p4rt_test_run(pipe_, in_port, pkt, len, repeat, out, sizeof out, &res), 0);
    assert_int_equal(res.xdp_action, action);
}

static const uint8_t plain[] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x0a, 0x08, 0x00,
                                0x00, 0x11, 0x22, 0x33};
static const uint8_t tagged[] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x0b, 0x12, 0x34, 0x09,
                                 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                 0xaa, 0xbb};
static const uint8_t dropped[] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x0c, 0xde, 0xad,
                                  0x00, 0x11, 0x22, 0x33};

static void drain(Seen *s)
{
    int r;
    while ((r = p4rt_digest_poll(pipe_, 0)) > 0)
        ;
    assert_true(r == 0 || r == 9);
    (void)s;
}

/* The Kth line (from 0) of digest NAME: rings are read one after the
 * other, in no set order, each in the order of its records. */
static const char *nth(const Seen *s, const char *name, size_t k)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < s->n; i++)
        if (strncmp(s->line[i], name, len) == 0 && s->line[i][len] == ' ' && k-- == 0)
            return s->line[i];
    return "(none)";
}

static void watch_all(Seen *s)
{
    for (size_t i = 0; i < p4rt_digest_count(pipe_); i++)
        assert_int_equal(p4rt_digest_watch(pipe_, p4rt_digest_name(pipe_, i), collect, s), 0);
}

static void test_values(void **state)
{
    (void)state;
    Seen s = {0};
    watch_all(&s);
    run(0, plain, sizeof plain, 1, XDP_REDIRECT_);
    run(2, tagged, sizeof tagged, 1, XDP_REDIRECT_);
    run(3, dropped, sizeof dropped, 1, XDP_DROP_);
    drain(&s);
    assert_int_equal(s.n, 9);
    const char *learn = "learn mac=02:00:00:00:00:0%s port=%d big=%s inner.x=5 inner.b=true "
                        "c=GREEN s=B e=PacketTooShort p=77 neg=-3";
    char want[512];
    snprintf(want, sizeof want, learn, "a", 0, "::");
    assert_string_equal(nth(&s, "learn", 0), want);
    snprintf(want, sizeof want, learn, "b", 2, "102:304:506:708:90a:b0c:d0e:f10");
    assert_string_equal(nth(&s, "learn", 1), want);
    snprintf(want, sizeof want, learn, "c", 3, "::");
    assert_string_equal(nth(&s, "learn", 2), want);
    /* mac was 0 after the call: every packet sent ethernet_t too. */
    assert_string_equal(nth(&s, "ethernet_t", 0), "ethernet_t dst=02:00:00:00:00:01 src=02:00:00:00:00:0a "
                                   "type=2048 $valid=true");
    assert_string_equal(nth(&s, "ethernet_t", 1), "ethernet_t dst=02:00:00:00:00:01 src=02:00:00:00:00:0b "
                                   "type=4660 $valid=true");
    assert_string_equal(nth(&s, "ethernet_t", 2), "ethernet_t dst=02:00:00:00:00:01 src=02:00:00:00:00:0c "
                                   "type=57005 $valid=true");
    assert_string_equal(nth(&s, "tag_t", 0), "tag_t kind=0 big=:: $valid=false");
    assert_string_equal(nth(&s, "tag_t", 1), "tag_t kind=9 big=102:304:506:708:90a:b0c:d0e:f10 "
                                   "$valid=true");
    assert_string_equal(nth(&s, "tag_t", 2), "tag_t kind=0 big=:: $valid=false");
    for (size_t i = 0; i < p4rt_digest_count(pipe_); i++)
        assert_int_equal(p4rt_digest_unwatch(pipe_, p4rt_digest_name(pipe_, i)), 0);
}

static void test_bytes_and_stop(void **state)
{
    (void)state;
    Seen s = {.stop_after = 1};
    assert_int_equal(p4rt_digest_watch(pipe_, "learn", collect, &s), 0);
    run(2, tagged, sizeof tagged, 1, XDP_REDIRECT_);
    run(0, plain, sizeof plain, 1, XDP_REDIRECT_);
    /* The callback stops the walk: the second digest waits. */
    assert_int_equal(p4rt_digest_poll(pipe_, 1000), 9);
    assert_int_equal(s.n, 1);
    assert_true(s.big_low == 0x090a0b0c0d0e0f10ULL);
    s.stop_after = 0;
    assert_int_equal(p4rt_digest_poll(pipe_, 1000), 1);
    assert_int_equal(s.n, 2);
    assert_non_null(strstr(s.line[1], "mac=02:00:00:00:00:0a port=0 "));
    assert_int_equal(p4rt_digest_poll(pipe_, 0), 0);
    assert_int_equal(p4rt_digest_unwatch(pipe_, "learn"), 0);
}

static void test_full_ring(void **state)
{
    (void)state;
    uint64_t before, after;
    assert_int_equal(p4rt_digest_lost(pipe_, "learn", &before), 0);
    assert_int_equal(before, 0);
    /* 6000 runs of one packet: more digests than the 256 KiB ring holds
     * (56 bytes each with the ring's header); every run still forwards. */
    run(0, plain, sizeof plain, 6000, XDP_REDIRECT_);
    assert_int_equal(p4rt_digest_lost(pipe_, "learn", &after), 0);
    assert_true(after > 1000 && after < 6000);
    Seen s = {0};
    assert_int_equal(p4rt_digest_watch(pipe_, "learn", collect, &s), 0);
    int n, total = 0;
    while ((n = p4rt_digest_poll(pipe_, 0)) > 0)
        total += n;
    assert_int_equal(n, 0);
    assert_int_equal((uint64_t)total + after, 6000);
    /* Room again: the next digest arrives. */
    run(0, plain, sizeof plain, 1, XDP_REDIRECT_);
    assert_int_equal(p4rt_digest_poll(pipe_, 1000), 1);
    assert_int_equal(p4rt_digest_lost(pipe_, "learn", &before), 0);
    assert_int_equal(before, after);
    assert_int_equal(p4rt_digest_unwatch(pipe_, "learn"), 0);
    /* The other rings filled too: empty them for the next tests. */
    Seen rest = {0};
    watch_all(&rest);
    while (p4rt_digest_poll(pipe_, 0) > 0)
        ;
    for (size_t i = 0; i < p4rt_digest_count(pipe_); i++)
        assert_int_equal(p4rt_digest_unwatch(pipe_, p4rt_digest_name(pipe_, i)), 0);
}

static void test_info(void **state)
{
    (void)state;
    assert_int_equal(p4rt_digest_count(pipe_), 3);
    assert_string_equal(p4rt_digest_name(pipe_, 0), "ethernet_t");
    assert_string_equal(p4rt_digest_name(pipe_, 1), "learn");
    assert_null(p4rt_digest_name(pipe_, 3));
    p4rt_digest_info di;
    assert_int_equal(p4rt_digest_get_info(pipe_, "learn", &di), 0);
    assert_int_equal(di.nfields, 10);
    assert_int_equal(di.size, 48);
    assert_int_equal(di.id >> 24, 0x17);
    p4rt_digest_field_info f;
    assert_int_equal(p4rt_digest_get_field(pipe_, "learn", 9, &f), 0);
    assert_string_equal(f.name, "neg");
    assert_int_equal(f.width, 12);
    assert_true(f.is_signed);
    assert_int_equal(p4rt_digest_get_field(pipe_, "learn", 7, &f), 0);
    assert_int_equal(f.kind, P4RT_DIGEST_ERROR);
    assert_string_equal(f.type_name, "error");
    assert_int_equal(p4rt_digest_get_field(pipe_, "learn", 6, &f), 0);
    assert_int_equal(f.kind, P4RT_DIGEST_SERENUM);
    assert_string_equal(f.type_name, "ser_t");
    assert_int_equal(p4rt_digest_get_field(pipe_, "tag_t", 2, &f), 0);
    assert_string_equal(f.name, "$valid");
    assert_int_equal(f.kind, P4RT_DIGEST_BOOL);
    assert_int_equal(p4rt_digest_get_field(pipe_, "learn", 10, &f), -ERANGE);
    assert_string_equal(p4rt_errmsg(), "digest 'learn' has 10 fields, not 11");
}

/* A callback that tries to change the watches or poll again. */
static int meddle(const p4rt_digest *d, void *ctx)
{
    (void)d;
    int *results = ctx;
    results[0] = p4rt_digest_unwatch(pipe_, "tag_t");
    results[1] = p4rt_digest_watch(pipe_, "learn", meddle, ctx);
    results[2] = p4rt_digest_poll(pipe_, 0);
    return 0;
}

static void test_busy(void **state)
{
    (void)state;
    int results[3] = {0};
    assert_int_equal(p4rt_digest_watch(pipe_, "tag_t", meddle, results), 0);
    run(0, plain, sizeof plain, 1, XDP_REDIRECT_);
    assert_int_equal(p4rt_digest_poll(pipe_, 1000), 1);
    assert_int_equal(results[0], -EBUSY);
    assert_int_equal(results[1], -EBUSY);
    assert_int_equal(results[2], -EBUSY);
    assert_string_equal(p4rt_errmsg(), "p4rt_digest_poll called from a digest callback");
    assert_int_equal(p4rt_digest_unwatch(pipe_, "tag_t"), 0);
}

static void test_errors(void **state)
{
    (void)state;
    Seen s = {0};
    assert_int_equal(p4rt_digest_watch(pipe_, "learned", collect, &s), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "pipeline 'v1model-digest' has no digest 'learned' "
                                       "(its digests: ethernet_t, learn, tag_t)");
    assert_int_equal(p4rt_digest_poll(pipe_, 0), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "no digest of pipeline 'v1model-digest' is watched");
    assert_int_equal(p4rt_digest_unwatch(pipe_, "learn"), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "digest 'learn' is not watched");
    assert_int_equal(p4rt_digest_watch_id(pipe_, 0x17000000, collect, &s), -ENOENT);
    assert_int_equal(p4rt_digest_watch(pipe_, "learn", NULL, &s), -EINVAL);
    char info[128];
    snprintf(info, sizeof info, "%s/digest.p4info.json", dir);
    p4rt_pipeline *desc = p4rt_open_p4info(info);
    assert_non_null(desc);
    assert_int_equal(p4rt_digest_watch(desc, "learn", collect, &s), -ENOTCONN);
    p4rt_close(desc);
    /* A watch by id works as by name; closing the pipeline frees it. */
    p4rt_digest_info di;
    assert_int_equal(p4rt_digest_get_info(pipe_, "tag_t", &di), 0);
    assert_int_equal(p4rt_digest_watch_id(pipe_, di.id, collect, &s), 0);
    run(0, plain, sizeof plain, 1, XDP_REDIRECT_);
    assert_int_equal(p4rt_digest_poll(pipe_, 1000), 1);
    assert_string_equal(s.line[0], "tag_t kind=0 big=:: $valid=false");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_bytes_and_stop),
        cmocka_unit_test(test_full_ring),
        cmocka_unit_test(test_busy),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
