/* v1model's action profiles and selectors as a control plane drives them
 * (docs/RUNTIME.md, "Action profiles and selectors"):
 * tests/stf/v1model-profiles.p4 compiled by p4cc and loaded through libp4rt;
 * members, groups and entries that name them written into the maps p4info
 * gives, packets run with BPF_PROG_TEST_RUN. A group's member is the one
 * at crc16(selector fields) modulo its size, as BMv2 chooses it (checked
 * against a CRC-16/ARC computed here), the same for every packet of a
 * flow; entries may still hold actions of their own; an empty group or a
 * missing member is a miss; two tables share one profile's members.
 * Needs BPF: without it prints why and exits 77 (skipped). */
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
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "internal.h"
#include "p4cc/profile.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif

static char dir[64];
static p4rt_pipeline *pipe_;
static json_object *info;

/* The probe header's fields, after a 14-byte Ethernet header. */
enum { DST = 14, FLOW = 16, FLOW2 = 18, PORT = 19, A = 20, B = 21, TAG_A = 25, TAG_B = 26,
       PROBE_END = 27 };
enum { VALUE_SIZE = 12, ACTION_DATA = 8 };

struct probe {
    uint16_t dst, flow;
    uint8_t flow2, a;
    uint32_t b;
};

static void run(const struct probe *p, uint8_t out[PROBE_END])
{
    uint8_t in[64] = {0}, res[64];
    in[12] = 0x88;
    in[13] = 0xb5;
    in[DST] = (uint8_t)(p->dst >> 8);
    in[DST + 1] = (uint8_t)p->dst;
    in[FLOW] = (uint8_t)(p->flow >> 8);
    in[FLOW + 1] = (uint8_t)p->flow;
    in[FLOW2] = p->flow2;
    in[PORT] = 0xee;
    in[A] = p->a;
    for (int i = 0; i < 4; i++)
        in[B + i] = (uint8_t)(p->b >> (24 - 8 * i));
    in[TAG_A] = in[TAG_B] = 0xee;
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = in, .data_size_in = 60, .data_out = res,
                .data_size_out = sizeof res, .repeat = 1);
    assert_int_equal(bpf_prog_test_run_opts(pipe_->prog_fd, &opts), 0);
    assert_int_equal(opts.retval, XDP_TX);
    memcpy(out, res, PROBE_END);
}

static int map_fd(const char *name)
{
    struct bpf_map *m = bpf_object__find_map_by_name(pipe_->prog.obj, name);
    assert_non_null(m);
    return bpf_map__fd(m);
}

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

static const char *p4info_string(json_object *o, const char *field)
{
    json_object *v = json_object_object_get(o, field);
    assert_non_null(v);
    return json_object_get_string(v);
}

/* The code of TABLE's action ACTION. */
static uint32_t action_code(const char *table, const char *action)
{
    json_object *actions = json_object_object_get(p4info_object("tables", table), "actions");
    for (size_t i = 0; i < json_object_array_length(actions); i++) {
        json_object *a = json_object_array_get_idx(actions, i);
        if (strcmp(p4info_string(a, "name"), action) == 0)
            return (uint32_t)json_object_get_int(json_object_object_get(a, "code"));
    }
    fail_msg("table '%s' has no action '%s'", table, action);
    return 0;
}

/* A table value: an action with one byte of data, or a reference. */
static void value_of(uint8_t value[VALUE_SIZE], uint32_t action, uint32_t id_or_data)
{
    memset(value, 0, VALUE_SIZE);
    memcpy(value, &action, 4);
    if (action >= P4CC_ACTION_MEMBER)
        memcpy(value + 4, &id_or_data, 4);
    else
        value[ACTION_DATA] = (uint8_t)id_or_data;
}

static void member(const char *profile, uint32_t id, uint32_t action, uint8_t data)
{
    json_object *p = p4info_object("action_profiles", profile);
    uint8_t value[VALUE_SIZE];
    value_of(value, action, data);
    assert_int_equal(bpf_map_update_elem(map_fd(p4info_string(p, "map")), &id, value, BPF_ANY), 0);
}

static void group(uint32_t id, const uint32_t *members, uint32_t n)
{
    json_object *p = p4info_object("action_profiles", "MyIngress.paths");
    struct {
        uint32_t size;
        uint32_t members[4];
    } g = {n, {0}};
    assert_true(n <= 4);
    if (n)
        memcpy(g.members, members, n * sizeof *members);
    assert_int_equal(bpf_map_update_elem(map_fd(p4info_string(p, "groups_map")), &id, &g, BPF_ANY),
                     0);
}

static void ecmp_entry(uint16_t dst, uint32_t action, uint32_t id_or_data)
{
    uint8_t value[VALUE_SIZE];
    value_of(value, action, id_or_data);
    assert_int_equal(bpf_map_update_elem(map_fd("MyIngress_ecmp"), &dst, value, BPF_ANY), 0);
}

/* CRC-16/ARC (reflected 0x8005, initial and final 0), bit by bit. */
static uint16_t crc16(const uint8_t *b, size_t n)
{
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc ^= b[i];
        for (int k = 0; k < 8; k++)
            crc = (uint16_t)(crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1);
    }
    return crc;
}

static int setup(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(dir, sizeof dir, "/tmp/test_v1model_profiles.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc -o %s/profiles.o tests/stf/v1model-profiles.p4", P4CTL_BUILD,
             dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/profiles.o", dir);
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

/* A group spreads flows over its members by crc16 of the selector fields
 * (flow, then flow2: three bytes), and keeps each flow on one member. */
static void test_selector_groups(void **state)
{
    (void)state;
    uint8_t out[PROBE_END];
    json_object *p = p4info_object("action_profiles", "MyIngress.paths");
    json_object *sel = json_object_object_get(p, "selector");
    assert_string_equal(p4info_string(sel, "algorithm"), "crc16");
    assert_int_equal(json_object_get_int(json_object_object_get(p, "max_group_size")), 4);
    uint32_t set_port = action_code("MyIngress.ecmp", "MyIngress.set_port");
    member("MyIngress.paths", 10, set_port, 1);
    member("MyIngress.paths", 11, set_port, 2);
    member("MyIngress.paths", 12, set_port, 3);
    static const uint32_t members[] = {10, 11, 12};
    group(100, members, 3);
    ecmp_entry(1, P4CC_ACTION_GROUP, 100);
    int used[4] = {0};
    for (uint16_t flow = 0; flow < 48; flow++) {
        struct probe pr = {.dst = 1, .flow = (uint16_t)(flow * 7919), .flow2 = (uint8_t)flow};
        uint8_t fields[3] = {(uint8_t)(pr.flow >> 8), (uint8_t)pr.flow, pr.flow2};
        uint8_t want = (uint8_t)(1 + crc16(fields, 3) % 3);
        run(&pr, out);
        assert_int_equal(out[PORT], want);
        run(&pr, out);
        assert_int_equal(out[PORT], want);
        used[want]++;
    }
    assert_true(used[1] && used[2] && used[3]);
    /* A member named directly, and an action in the entry itself. */
    ecmp_entry(2, P4CC_ACTION_MEMBER, 12);
    ecmp_entry(3, set_port, 9);
    struct probe two = {.dst = 2, .flow = 5}, three = {.dst = 3, .flow = 5};
    run(&two, out);
    assert_int_equal(out[PORT], 3);
    run(&three, out);
    assert_int_equal(out[PORT], 9);
}

/* An empty group, a member that does not exist, a group that does not:
 * misses (the default action, NoAction, leaves the port). */
static void test_selector_misses(void **state)
{
    (void)state;
    uint8_t out[PROBE_END];
    group(101, NULL, 0);
    ecmp_entry(4, P4CC_ACTION_GROUP, 101);
    ecmp_entry(5, P4CC_ACTION_MEMBER, 99);
    ecmp_entry(6, P4CC_ACTION_GROUP, 999);
    for (uint16_t dst = 4; dst <= 6; dst++) {
        struct probe pr = {.dst = dst, .flow = 1};
        run(&pr, out);
        assert_int_equal(out[PORT], 0xee);
    }
    /* A group of one member always gives it. */
    static const uint32_t one[] = {11};
    group(101, one, 1);
    for (uint16_t flow = 0; flow < 8; flow++) {
        struct probe pr = {.dst = 4, .flow = flow};
        run(&pr, out);
        assert_int_equal(out[PORT], 2);
    }
}

/* by_a (exact) and by_b (lpm) share the profile tags: one member serves
 * both, and changing it changes both. */
static void test_shared_profile(void **state)
{
    (void)state;
    uint8_t out[PROBE_END], value[VALUE_SIZE];
    json_object *p = p4info_object("action_profiles", "MyIngress.tags");
    json_object *tables = json_object_object_get(p, "tables");
    assert_int_equal(json_object_array_length(tables), 2);
    assert_string_equal(p4info_string(p4info_object("tables", "MyIngress.by_b"), "implementation"),
                        "MyIngress.tags");
    uint32_t set_tag = action_code("MyIngress.by_a", "MyIngress.set_tag");
    assert_int_equal(set_tag, action_code("MyIngress.by_b", "MyIngress.set_tag"));
    member("MyIngress.tags", 20, set_tag, 0x55);
    value_of(value, P4CC_ACTION_MEMBER, 20);
    uint8_t a = 5;
    assert_int_equal(bpf_map_update_elem(map_fd("MyIngress_by_a"), &a, value, BPF_ANY), 0);
    struct {
        uint32_t prefixlen;
        uint8_t data[4];
    } __attribute__((packed)) lpm = {8, {10, 0, 0, 0}};
    assert_int_equal(bpf_map_update_elem(map_fd("MyIngress_by_b"), &lpm, value, BPF_ANY), 0);
    struct probe pr = {.a = 5, .b = 0x0a010203};
    run(&pr, out);
    assert_int_equal(out[TAG_A], 0x55);   /* by_a's hit */
    assert_int_equal(out[TAG_B], 0x55);
    member("MyIngress.tags", 20, set_tag, 0x66);
    run(&pr, out);
    assert_int_equal(out[TAG_A], 0x66);
    assert_int_equal(out[TAG_B], 0x66);
    struct probe only_b = {.a = 6, .b = 0x0a000001};
    run(&only_b, out);
    assert_int_equal(out[TAG_A], 0xee);   /* by_a misses */
    assert_int_equal(out[TAG_B], 0x66);
    struct probe other = {.a = 6, .b = 0x0b000000};
    run(&other, out);
    assert_int_equal(out[TAG_A], 0xee);   /* both miss */
    assert_int_equal(out[TAG_B], 0xee);
}

int main(void)
{
    char err[256];
    if (bpf_permitted(err, sizeof err) == -EPERM) {
        printf("test_v1model_profiles: skipped: BPF is not permitted here (%s)\n", err);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_selector_groups),
        cmocka_unit_test(test_selector_misses),
        cmocka_unit_test(test_shared_profile),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
