/* v1model's counters and meters as a control plane sees them
 * (docs/RUNTIME.md, "v1model counters" and "v1model meters"):
 * tests/stf/v1model-direct.p4 compiled by p4cc and loaded through libp4rt,
 * table entries added through it, packets run with BPF_PROG_TEST_RUN, and
 * the counts and meter rates read and written in the maps at the places
 * p4info gives: per-CPU cells of an indexed counter (packets and bytes),
 * direct counters in the entries of an exact, a ternary and a const-entry
 * table, meters with rates (colours from full buckets, the peak bucket
 * before the committed one, refills with time) in an array and in
 * entries. Needs root (BPF): without it prints why and exits 77
 * (skipped). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <json-c/json.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "internal.h"
#include "p4cc/counter.h"
#include "p4cc/meter.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif

static char dir[64];
static p4rt_pipeline *pipe_;
static json_object *info;

/* The probe header's fields, after a 14-byte Ethernet header. */
enum { KEY = 14, INDEX = 16, COLOUR = 17, TAG = 18, DIRECT = 19, ACL_TAG = 20, ACL_COLOUR = 21,
       FIXED_TAG = 22, PROBE_END = 23 };

/* Runs a packet of LEN bytes (at least PROBE_END) through the program; its
 * output goes to OUT. */
static void run(uint16_t key, uint8_t index, size_t len, uint8_t out[PROBE_END])
{
    uint8_t in[256] = {0}, res[256];
    assert_true(len >= PROBE_END && len <= sizeof in);
    in[12] = 0x88;
    in[13] = 0xb5;
    in[KEY] = (uint8_t)(key >> 8);
    in[KEY + 1] = (uint8_t)key;
    in[INDEX] = index;
    memset(in + COLOUR, 0xee, PROBE_END - COLOUR);
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = in, .data_size_in = (uint32_t)len,
                .data_out = res, .data_size_out = sizeof res, .repeat = 1);
    assert_int_equal(bpf_prog_test_run_opts(pipe_->prog_fd, &opts), 0);
    assert_int_equal(opts.retval, XDP_TX);
    assert_int_equal(opts.data_size_out, len);
    memcpy(out, res, PROBE_END);
}

static int map_fd(const char *name)
{
    struct bpf_map *m = bpf_object__find_map_by_name(pipe_->prog.obj, name);
    assert_non_null(m);
    return bpf_map__fd(m);
}

/* The object named NAME in p4info's list LIST. */
static json_object *p4info_object(const char *list, const char *name)
{
    json_object *array = json_object_object_get(info, list);
    assert_non_null(array);
    for (size_t i = 0; i < json_object_array_length(array); i++) {
        json_object *o = json_object_array_get_idx(array, i);
        if (strcmp(json_object_get_string(json_object_object_get(o, "name")), name) == 0)
            return o;
    }
    fail_msg("p4info has no %s '%s'", list, name);
    return NULL;
}

static int p4info_int(json_object *o, const char *field)
{
    json_object *v = json_object_object_get(o, field);
    assert_non_null(v);
    return json_object_get_int(v);
}

static const char *p4info_string(json_object *o, const char *field)
{
    json_object *v = json_object_object_get(o, field);
    assert_non_null(v);
    return json_object_get_string(v);
}

/* Cell INDEX of a per-CPU counter map, summed over the CPUs. */
static struct p4cc_counter counter_cell(const char *map, uint32_t index)
{
    int ncpus = libbpf_num_possible_cpus();
    assert_true(ncpus > 0);
    struct p4cc_counter *cells = calloc((size_t)ncpus, sizeof *cells), sum = {0, 0};
    assert_int_equal(bpf_map_lookup_elem(map_fd(map), &index, cells), 0);
    for (int cpu = 0; cpu < ncpus; cpu++) {
        sum.packets += cells[cpu].packets;
        sum.bytes += cells[cpu].bytes;
    }
    free(cells);
    return sum;
}

static struct p4cc_meter rates(uint64_t cir, uint64_t cbs, uint64_t pir, uint64_t pbs)
{
    struct p4cc_meter m;
    memset(&m, 0, sizeof m);
    m.flags = P4CC_METER_CONFIGURED;
    m.committed_rate = cir;
    m.committed_burst = cbs;
    m.peak_rate = pir;
    m.peak_burst = pbs;
    return m;
}

static int setup(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(dir, sizeof dir, "/tmp/test_v1model_externs.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc -o %s/direct.o tests/stf/v1model-direct.p4", P4CTL_BUILD,
             dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/direct.o", dir);
    pipe_ = p4rt_open(cmd, NULL);
    if (!pipe_ || p4rt_load(pipe_) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        return -1;
    }
    info = json_tokener_parse(pipe_->info_text);
    return info ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    json_object_put(info);
    p4rt_close(pipe_);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* counter(4, CounterType.bytes): each CPU's cell holds packets and the
 * bytes of the packets as they arrived; an index past the end counts
 * nothing. */
static void test_indexed_counter(void **state)
{
    (void)state;
    uint8_t out[PROBE_END];
    json_object *c = p4info_object("counters", "MyIngress.sizes");
    assert_string_equal(p4info_string(c, "value"), "packets_and_bytes");
    assert_string_equal(p4info_string(c, "unit"), "bytes");
    assert_int_equal(p4info_int(c, "value_size"), sizeof(struct p4cc_counter));
    const char *map = p4info_string(c, "map");
    run(0, 3, 60, out);
    run(0, 3, 60, out);
    run(0, 3, 100, out);
    run(0, 9, 100, out);
    struct p4cc_counter cell = counter_cell(map, 3);
    assert_int_equal(cell.packets, 3);
    assert_int_equal(cell.bytes, 220);
    cell = counter_cell(map, 0);
    assert_int_equal(cell.packets, 0);
    assert_int_equal(cell.bytes, 0);
}

/* The value of by_key's entry for KEY (a bit<16> exact key: a u16). */
static void by_key_value(uint16_t key, uint8_t *value, size_t size)
{
    json_object *t = p4info_object("tables", "MyIngress.by_key");
    assert_int_equal(p4info_int(t, "value_size"), size);
    assert_int_equal(bpf_map_lookup_elem(map_fd(p4info_string(t, "map")), &key, value), 0);
}

/* A direct counter counts the hits of its entry, in the entry's value;
 * a miss counts nowhere. */
static void test_direct_counter_exact(void **state)
{
    (void)state;
    uint8_t out[PROBE_END], value[96];
    p4rt_field k1[] = {{"hdr.probe.key", "0x0101"}}, k2[] = {{"hdr.probe.key", "0x0102"}};
    p4rt_field a1[] = {{"tag", "0xa1"}}, a2[] = {{"tag", "0xa2"}};
    p4rt_entry e1 = {k1, 1, 0, "set_tag", a1, 1}, e2 = {k2, 1, 0, "set_tag", a2, 1};
    assert_int_equal(p4rt_table_add(pipe_, "by_key", &e1), 0);
    assert_int_equal(p4rt_table_add(pipe_, "by_key", &e2), 0);
    run(0x0101, 0, 60, out);
    assert_int_equal(out[TAG], 0xa1);
    run(0x0101, 0, 60, out);
    run(0x0101, 0, 64, out);
    run(0x0102, 0, 100, out);
    assert_int_equal(out[TAG], 0xa2);
    run(0x0103, 0, 100, out);
    assert_int_equal(out[TAG], 0xee);
    json_object *dc = p4info_object("direct_counters", "MyIngress.exact_hits");
    assert_string_equal(p4info_string(dc, "table"), "MyIngress.by_key");
    assert_string_equal(p4info_string(dc, "unit"), "packets_and_bytes");
    int offset = p4info_int(dc, "offset");
    struct p4cc_counter c;
    by_key_value(0x0101, value, sizeof value);
    memcpy(&c, value + offset, sizeof c);
    assert_int_equal(c.packets, 3);
    assert_int_equal(c.bytes, 184);
    by_key_value(0x0102, value, sizeof value);
    memcpy(&c, value + offset, sizeof c);
    assert_int_equal(c.packets, 1);
    assert_int_equal(c.bytes, 100);
    /* A modify writes the whole value: the control plane that keeps the
     * counts writes them back (here: it does not). */
    assert_int_equal(p4rt_table_modify(pipe_, "by_key", &e2), 0);
    by_key_value(0x0102, value, sizeof value);
    memcpy(&c, value + offset, sizeof c);
    assert_int_equal(c.packets, 0);
}

/* meter(2, MeterType.packets): rates set by writing the cell under its
 * lock. Rates of 0 leave the buckets as full as their bursts: CBS 1 and
 * PBS 3 make one GREEN packet, then two YELLOW (peak tokens only), then
 * RED. */
static void test_indexed_meter(void **state)
{
    (void)state;
    uint8_t out[PROBE_END];
    json_object *m = p4info_object("meters", "MyIngress.limiter");
    assert_string_equal(p4info_string(m, "unit"), "packets");
    assert_int_equal(p4info_int(m, "value_size"), sizeof(struct p4cc_meter));
    int fd = map_fd(p4info_string(m, "map"));
    /* No rates: GREEN, as in BMv2. */
    run(0, 0, 60, out);
    assert_int_equal(out[COLOUR], P4CC_METER_GREEN);
    uint32_t index = 0;
    struct p4cc_meter r = rates(0, 1, 0, 3);
    assert_int_equal(bpf_map_update_elem(fd, &index, &r, BPF_F_LOCK), 0);
    static const uint8_t colours[] = {P4CC_METER_GREEN, P4CC_METER_YELLOW, P4CC_METER_YELLOW,
                                      P4CC_METER_RED, P4CC_METER_RED};
    for (size_t i = 0; i < sizeof colours; i++) {
        run(0, 0, 60, out);
        assert_int_equal(out[COLOUR], colours[i]);
    }
    /* Rates written again (levels and last_ns zero): full buckets. */
    assert_int_equal(bpf_map_update_elem(fd, &index, &r, BPF_F_LOCK), 0);
    run(0, 0, 60, out);
    assert_int_equal(out[COLOUR], P4CC_METER_GREEN);
    /* Index 2 is past the end: the colour field stays as it was. */
    run(0, 2, 60, out);
    assert_int_equal(out[COLOUR], 0xee);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Buckets refill with time: at 10 packets per second with bursts of one
 * packet, a packet right after another is RED, one 150 ms later GREEN. */
static void test_meter_refill(void **state)
{
    (void)state;
    uint8_t out[PROBE_END];
    int fd = map_fd("MyIngress_limiter");
    uint32_t index = 1;
    struct p4cc_meter r = rates(10, 1, 10, 1);
    assert_int_equal(bpf_map_update_elem(fd, &index, &r, BPF_F_LOCK), 0);
    double start = now_seconds();
    run(0, 1, 60, out);
    assert_int_equal(out[COLOUR], P4CC_METER_GREEN);
    run(0, 1, 60, out);
    /* A tenth of a second between the two would have refilled a token. */
    if (now_seconds() - start < 0.09)
        assert_int_equal(out[COLOUR], P4CC_METER_RED);
    usleep(150000);
    run(0, 1, 60, out);
    assert_int_equal(out[COLOUR], P4CC_METER_GREEN);
    struct p4cc_meter back;
    assert_int_equal(bpf_map_lookup_elem_flags(fd, &index, &back, BPF_F_LOCK), 0);
    assert_true(back.last_ns != 0);
    assert_true(back.peak_level < P4CC_METER_SCALE);
}

/* A direct meter of bytes in by_key's entry: CBS 100 and PBS 200 bytes,
 * no refill, 60-byte packets: GREEN, YELLOW, YELLOW, RED. read() in the
 * entry's action gives the colour. */
static void test_direct_meter_exact(void **state)
{
    (void)state;
    uint8_t out[PROBE_END], value[96];
    json_object *dm = p4info_object("direct_meters", "MyIngress.exact_meter");
    assert_string_equal(p4info_string(dm, "table"), "MyIngress.by_key");
    assert_string_equal(p4info_string(dm, "unit"), "bytes");
    assert_int_equal(p4info_int(dm, "size"), sizeof(struct p4cc_meter));
    int offset = p4info_int(dm, "offset");
    p4rt_field k[] = {{"hdr.probe.key", "0x0201"}};
    p4rt_field a[] = {{"tag", "0xa3"}};
    p4rt_entry e = {k, 1, 0, "set_tag", a, 1};
    assert_int_equal(p4rt_table_add(pipe_, "by_key", &e), 0);
    run(0x0201, 0, 60, out);
    assert_int_equal(out[DIRECT], P4CC_METER_GREEN);   /* no rates yet */
    by_key_value(0x0201, value, sizeof value);
    struct p4cc_meter r = rates(0, 100, 0, 200);
    memcpy(value + offset, &r, sizeof r);
    uint16_t key = 0x0201;
    assert_int_equal(bpf_map_update_elem(map_fd("MyIngress_by_key"), &key, value,
                                         BPF_F_LOCK | BPF_EXIST), 0);
    static const uint8_t colours[] = {P4CC_METER_GREEN, P4CC_METER_YELLOW, P4CC_METER_YELLOW,
                                      P4CC_METER_RED};
    for (size_t i = 0; i < sizeof colours; i++) {
        run(0x0201, 0, 60, out);
        assert_int_equal(out[TAG], 0xa3);
        assert_int_equal(out[DIRECT], colours[i]);
    }
    /* A miss: the meter does not run, read() in the default action (none
     * here) leaves the field. */
    run(0x0999, 0, 60, out);
    assert_int_equal(out[DIRECT], 0xee);
}

/* The value of the entry of the ternary table acl whose action data is
 * TAG, found in its hash map (whose values are the priority, padding, then
 * the value at offset 8); its map key goes to KEY_OUT. */
static uint8_t *acl_entry_value(uint8_t tag, void *key_out)
{
    json_object *t = p4info_object("tables", "MyIngress.acl");
    int fd = map_fd(p4info_string(t, "map"));
    size_t vsize = (size_t)p4info_int(t, "tss_value_size"), ksize = (size_t)p4info_int(t, "tss_key_size");
    uint8_t key[64], next[64];
    static uint8_t value[256];
    assert_true(ksize <= sizeof key && vsize <= sizeof value);
    void *prev = NULL;
    while (bpf_map_get_next_key(fd, prev, next) == 0) {
        memcpy(key, next, ksize);
        prev = key;
        assert_int_equal(bpf_map_lookup_elem(fd, key, value), 0);
        if (value[8 + 8] == tag) {   /* set_acl's tag: offset 8 in the value */
            memcpy(key_out, key, ksize);
            return value + 8;
        }
    }
    fail_msg("acl has no entry with tag 0x%02x", tag);
    return NULL;
}

/* A ternary table: the entry that wins (the higher priority) counts and
 * meters, through the lookup's pointer to it. */
static void test_direct_ternary(void **state)
{
    (void)state;
    uint8_t out[PROBE_END], key[64];
    p4rt_field k1[] = {{"hdr.probe.key", "0x0300&&&0xff00"}};
    p4rt_field k2[] = {{"hdr.probe.key", "0x0301&&&0xffff"}};
    p4rt_field a1[] = {{"tag", "0xb1"}}, a2[] = {{"tag", "0xb2"}};
    p4rt_entry e1 = {k1, 1, 10, "set_acl", a1, 1}, e2 = {k2, 1, 20, "set_acl", a2, 1};
    assert_int_equal(p4rt_table_add(pipe_, "acl", &e1), 0);
    assert_int_equal(p4rt_table_add(pipe_, "acl", &e2), 0);
    int counter_offset = p4info_int(p4info_object("direct_counters", "MyIngress.acl_hits"),
                                    "offset");
    int meter_offset = p4info_int(p4info_object("direct_meters", "MyIngress.acl_meter"),
                                  "offset");
    /* b1's meter: no committed tokens, one peak token. */
    uint8_t *v = acl_entry_value(0xb1, key);
    struct p4cc_meter r = rates(0, 0, 0, 1);
    memcpy(v + meter_offset, &r, sizeof r);
    json_object *t = p4info_object("tables", "MyIngress.acl");
    assert_int_equal(bpf_map_update_elem(map_fd(p4info_string(t, "map")), key, v - 8,
                                         BPF_F_LOCK | BPF_EXIST), 0);
    run(0x0301, 0, 60, out);
    assert_int_equal(out[ACL_TAG], 0xb2);
    assert_int_equal(out[ACL_COLOUR], P4CC_METER_GREEN);
    run(0x0301, 0, 60, out);
    run(0x0302, 0, 70, out);
    assert_int_equal(out[ACL_TAG], 0xb1);
    assert_int_equal(out[ACL_COLOUR], P4CC_METER_YELLOW);
    run(0x0302, 0, 70, out);
    assert_int_equal(out[ACL_COLOUR], P4CC_METER_RED);
    struct p4cc_counter c;
    memcpy(&c, acl_entry_value(0xb2, key) + counter_offset, sizeof c);
    assert_int_equal(c.packets, 2);
    assert_int_equal(c.bytes, 120);
    memcpy(&c, acl_entry_value(0xb1, key) + counter_offset, sizeof c);
    assert_int_equal(c.packets, 2);
    assert_int_equal(c.bytes, 140);
}

/* Const entries with a direct counter live in the table's map (the
 * program inserts them), each counting its hits. */
static void test_direct_const_entries(void **state)
{
    (void)state;
    uint8_t out[PROBE_END], value[32];
    json_object *dc = p4info_object("direct_counters", "MyIngress.fixed");
    assert_string_equal(p4info_string(dc, "table"), "MyIngress.fixed");
    int offset = p4info_int(dc, "offset");
    json_object *t = p4info_object("tables", "MyIngress.fixed");
    int fd = map_fd(p4info_string(t, "map"));
    assert_int_equal(p4info_int(t, "value_size"), sizeof value);
    struct p4cc_counter before[3];
    for (uint8_t k = 1; k <= 2; k++) {
        run(0, k, 60, out);   /* the first packet inserts the entries */
        assert_int_equal(bpf_map_lookup_elem(fd, &k, value), 0);
        memcpy(&before[k], value + offset, sizeof before[k]);
    }
    run(0, 1, 60, out);
    assert_int_equal(out[FIXED_TAG], 0x11);
    run(0, 2, 60, out);
    run(0, 2, 60, out);
    assert_int_equal(out[FIXED_TAG], 0x22);
    for (uint8_t k = 1; k <= 2; k++) {
        struct p4cc_counter c;
        assert_int_equal(bpf_map_lookup_elem(fd, &k, value), 0);
        memcpy(&c, value + offset, sizeof c);
        assert_int_equal(c.packets - before[k].packets, k);
        assert_int_equal(c.bytes - before[k].bytes, 60 * k);
    }
}

int main(void)
{
    char err[256];
    if (bpf_permitted(err, sizeof err) == -EPERM) {
        printf("test_v1model_externs: skipped: BPF is not permitted here (%s)\n", err);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indexed_counter),
        cmocka_unit_test(test_direct_counter_exact),
        cmocka_unit_test(test_indexed_meter),
        cmocka_unit_test(test_meter_refill),
        cmocka_unit_test(test_direct_meter_exact),
        cmocka_unit_test(test_direct_ternary),
        cmocka_unit_test(test_direct_const_entries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
