/* The generated C API (typed.h, which p4cc writes for tests/p4rt/typed.p4)
 * against the loaded program: every table operation with keys of every
 * match kind, a 128-bit key and a bool key, checked by reading back both
 * through the typed functions and through libp4rt's text functions (so
 * both paths encode the same entry); counters and registers. Needs BPF
 * privileges: without them this prints why and exits 77 (skipped). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "typed.h"

#define OBJECT P4CTL_BUILD "/tests/api/typed.o"

static p4rt_pipeline *pipe_;

#define OK(call)                                                                                   \
    do {                                                                                           \
        int r_ = (call);                                                                           \
        if (r_ != 0)                                                                               \
            fail_msg("%s: %d %s", #call, r_, p4rt_errmsg());                                      \
    } while (0)

/* The entry with the text key KEYS (N of them) reads back as ACTION with
 * the text arguments ARGS ("name=value name=value"). */
static void text_get(const char *table, const p4rt_field *keys, size_t n, uint32_t prio,
                     const char *action, const char *args)
{
    p4rt_entry e = {keys, n, prio, NULL, NULL, 0};
    p4rt_entry_out *out = NULL;
    OK(p4rt_table_get(pipe_, table, &e, &out));
    assert_string_equal(out->e.action, action);
    char buf[300] = "";
    for (size_t i = 0; i < out->e.nargs; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s=%s", i ? " " : "",
                 out->e.args[i].name, out->e.args[i].value);
    assert_string_equal(buf, args);
    p4rt_entry_release(out);
}

static void test_lpm_wide_key(void **state)
{
    (void)state;
    typed_sw_routes6_key k = {.hdr_ipv6_next = 6, .hdr_ipv6_dst = {0x20, 0x01, 0x0d, 0xb8},
                              .hdr_ipv6_dst_prefix_len = 32};
    typed_sw_routes6_action_data a = {.action = TYPED_SW_ROUTES6_REWRITE,
                                      .params.rewrite = {.addr = 0x020000000001, .port = 80}};
    OK(typed_sw_routes6_add(pipe_, &k, &a));
    assert_int_equal(typed_sw_routes6_add(pipe_, &k, &a), -EEXIST);
    typed_sw_routes6_action_data got;
    OK(typed_sw_routes6_get(pipe_, &k, &got));
    assert_int_equal(got.action, TYPED_SW_ROUTES6_REWRITE);
    assert_int_equal(got.params.rewrite.addr, 0x020000000001);
    assert_int_equal(got.params.rewrite.port, 80);
    p4rt_field tk[] = {{"hdr.ipv6.next", "6"}, {"hdr.ipv6.dst", "2001:db8::/32"}};
    text_get("routes6", tk, 2, 0, "sw.rewrite", "addr=02:00:00:00:00:01 port=80");

    /* A longer prefix is another entry: a get is exact. */
    k.hdr_ipv6_dst_prefix_len = 48;
    assert_int_equal(typed_sw_routes6_get(pipe_, &k, &got), -ENOENT);
    k.hdr_ipv6_dst_prefix_len = 32;
    a.action = TYPED_SW_ROUTES6_DENY;
    OK(typed_sw_routes6_modify(pipe_, &k, &a));
    OK(typed_sw_routes6_get(pipe_, &k, &got));
    assert_int_equal(got.action, TYPED_SW_ROUTES6_DENY);
    OK(typed_sw_routes6_delete(pipe_, &k));
    assert_int_equal(typed_sw_routes6_get(pipe_, &k, &got), -ENOENT);
    assert_int_equal(typed_sw_routes6_delete(pipe_, &k), -ENOENT);

    /* Prefix longer than the field: refused before anything is written. */
    k.hdr_ipv6_dst_prefix_len = 129;
    assert_int_equal(typed_sw_routes6_add(pipe_, &k, &a), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "hdr.ipv6.dst=0x20010db8000000000000000000000000/129: prefix length 129 "
                        "is longer than key field 'hdr.ipv6.dst' (bit<128>)");

    /* Default action, set and reset. */
    a = (typed_sw_routes6_action_data){.action = TYPED_SW_ROUTES6_REWRITE,
                                       .params.rewrite = {.addr = 1, .port = 2}};
    OK(typed_sw_routes6_set_default(pipe_, &a));
    p4rt_entry_out *d = NULL;
    OK(p4rt_table_get_default(pipe_, "routes6", &d));
    assert_string_equal(d->e.action, "sw.rewrite");
    assert_false(d->is_program_default);
    p4rt_entry_release(d);
    OK(typed_sw_routes6_reset_default(pipe_));
    OK(p4rt_table_get_default(pipe_, "routes6", &d));
    assert_true(d->is_program_default);
    p4rt_entry_release(d);
}

static void test_ternary_optional_range(void **state)
{
    (void)state;
    typed_sw_acl6_key k = {.hdr_ipv6_flow = 0x1122334400000000,
                           .hdr_ipv6_flow_mask = 0xffffffff00000000,
                           .hdr_ipv6_next_any = true,
                           .hdr_ipv6_port_low = 1000,
                           .hdr_ipv6_port_high = 2000,
                           .valid = 1,
                           .priority = 10};
    typed_sw_acl6_action_data a = {.action = TYPED_SW_ACL6_TAG, .params.tag = {.v = 0xabc}};
    OK(typed_sw_acl6_add(pipe_, &k, &a));
    assert_int_equal(typed_sw_acl6_add(pipe_, &k, &a), -EEXIST);
    typed_sw_acl6_action_data got;
    OK(typed_sw_acl6_get(pipe_, &k, &got));
    assert_int_equal(got.action, TYPED_SW_ACL6_TAG);
    assert_int_equal(got.params.tag.v, 0xabc);
    p4rt_field tk[] = {{"hdr.ipv6.flow", "0x1122334400000000/32"},
                       {"hdr.ipv6.next", "*"},
                       {"hdr.ipv6.port", "1000..2000"},
                       {"valid", "1"}};
    text_get("acl6", tk, 4, 10, "sw.tag", "v=2748");

    /* Same key at another priority: another entry. An optional field
     * with a value. */
    k.priority = 11;
    assert_int_equal(typed_sw_acl6_get(pipe_, &k, &got), -ENOENT);
    k.hdr_ipv6_next_any = false;
    k.hdr_ipv6_next = 17;
    a.action = TYPED_SW_ACL6_DENY;
    OK(typed_sw_acl6_add(pipe_, &k, &a));
    p4rt_field tk2[] = {{"hdr.ipv6.flow", "0x1122334400000000/32"},
                        {"hdr.ipv6.next", "17"},
                        {"hdr.ipv6.port", "1000..2000"},
                        {"valid", "1"}};
    text_get("acl6", tk2, 4, 11, "sw.deny", "");

    /* A value too wide for its field (bit<12> parameter, bool key). */
    a = (typed_sw_acl6_action_data){.action = TYPED_SW_ACL6_TAG, .params.tag = {.v = 0x1000}};
    k.priority = 12;
    assert_int_equal(typed_sw_acl6_add(pipe_, &k, &a), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "v=0x1000: value 0x1000 does not fit in parameter 'v' (bit<12>)");
    a.params.tag.v = 1;
    k.valid = 2;
    assert_int_equal(typed_sw_acl6_add(pipe_, &k, &a), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "valid=0x02: value 0x02 does not fit in key field 'valid' (bit<1>)");
    k.valid = 1;
    assert_int_equal(typed_sw_acl6_get(pipe_, &k, &got), -ENOENT); /* nothing half-added */
    k.priority = 10;
    k.hdr_ipv6_next_any = true;
    OK(typed_sw_acl6_delete(pipe_, &k));
    assert_int_equal(typed_sw_acl6_get(pipe_, &k, &got), -ENOENT);
}

static void test_array_table(void **state)
{
    (void)state;
    typed_sw_by_port_key k = {.hdr_ipv6_port = 3};
    typed_sw_by_port_action_data a = {.action = TYPED_SW_BY_PORT_TAG, .params.tag = {.v = 7}};
    OK(typed_sw_by_port_add(pipe_, &k, &a));
    typed_sw_by_port_action_data got;
    OK(typed_sw_by_port_get(pipe_, &k, &got));
    assert_int_equal(got.params.tag.v, 7);
    k.hdr_ipv6_port = 8;
    assert_int_equal(typed_sw_by_port_add(pipe_, &k, &a), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "hdr.ipv6.port=0x08: index 0x08 is out of range for table 'sw.by_port' "
                        "(size 8)");
}

typedef struct {
    uint64_t *values;
    size_t *n;
} MemberList;

static int collect_member(uint64_t value, void *ctx)
{
    MemberList *l = ctx;
    if (*l->n < 4)
        l->values[(*l->n)++] = value;
    return 0;
}

static void test_counters_and_registers(void **state)
{
    (void)state;
    uint64_t n = 1;
    OK(typed_sw_hits_read(pipe_, 0, &n));
    assert_int_equal(n, 0);
    OK(typed_sw_hits_reset(pipe_, -1));
    assert_int_equal(typed_sw_hits_read(pipe_, 4, &n), -ERANGE);

    uint8_t on = 0;
    OK(typed_sw_enabled_read(pipe_, 1, &on));
    assert_int_equal(on, 1); /* the initial value */
    OK(typed_sw_enabled_write(pipe_, 1, 0));
    OK(typed_sw_enabled_read(pipe_, 1, &on));
    assert_int_equal(on, 0);
    OK(typed_sw_enabled_reset(pipe_, -1));
    OK(typed_sw_enabled_read(pipe_, 1, &on));
    assert_int_equal(on, 1);

    uint16_t v = 0;
    OK(typed_sw_vlan_write(pipe_, 2, 0xfff));
    OK(typed_sw_vlan_read(pipe_, 2, &v));
    assert_int_equal(v, 0xfff);
    assert_int_equal(typed_sw_vlan_write(pipe_, 2, 0x1000), -ERANGE);
    assert_string_equal(p4rt_errmsg(), "value 4096 is too wide for register 'sw.vlan' (12 bits)");
    assert_int_equal(typed_sw_vlan_write(pipe_, TYPED_SW_VLAN_SIZE, 1), -ERANGE);
    OK(typed_sw_vlan_read(pipe_, 2, &v));
    assert_int_equal(v, 0xfff); /* the failed writes changed nothing */
}

static void test_value_sets(void **state)
{
    (void)state;
    OK(typed_prs_next_headers_add(pipe_, 6));
    OK(typed_prs_next_headers_add(pipe_, 0xfff));
    OK(typed_prs_next_headers_add(pipe_, 6)); /* a member already */
    assert_int_equal(typed_prs_next_headers_add(pipe_, 17), -ENOSPC);
    assert_string_equal(p4rt_errmsg(), "value set 'prs.next_headers' is full (2 of 2 members)");
    assert_int_equal(typed_prs_next_headers_delete(pipe_, 17), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "17 is not a member of value set 'prs.next_headers'");
    assert_int_equal(typed_prs_next_headers_add(pipe_, 0x1000), -ERANGE);
    assert_string_equal(p4rt_errmsg(),
                        "value 4096 does not fit in value set 'prs.next_headers' (bit<12>)");
    OK(typed_prs_next_headers_delete(pipe_, 0xfff));
    OK(typed_prs_next_headers_add(pipe_, 17)); /* room again */

    /* The text API sees the same members. */
    uint64_t members[4];
    size_t n = 0;
    OK(p4rt_value_set_dump(pipe_, "next_headers", collect_member, &(MemberList){members, &n}));
    assert_int_equal(n, 2);
    assert_int_equal(members[0], 6);
    assert_int_equal(members[1], 17);
    OK(typed_prs_next_headers_clear(pipe_));
    n = 0;
    OK(p4rt_value_set_dump(pipe_, "next_headers", collect_member, &(MemberList){members, &n}));
    assert_int_equal(n, 0);
    assert_int_equal(TYPED_PRS_NEXT_HEADERS_SIZE, 2);
}

int main(void)
{
    pipe_ = p4rt_open(OBJECT, NULL);
    if (!pipe_) {
        fprintf(stderr, "test_api: %s\n", p4rt_errmsg());
        return 1;
    }
    int r = p4rt_load(pipe_);
    if (r == -EPERM) {
        printf("test_api: skipped: %s\n", p4rt_errmsg());
        p4rt_close(pipe_);
        return 77;
    }
    if (r < 0) {
        fprintf(stderr, "test_api: %s\n", p4rt_errmsg());
        p4rt_close(pipe_);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lpm_wide_key),
        cmocka_unit_test(test_ternary_optional_range),
        cmocka_unit_test(test_array_table),
        cmocka_unit_test(test_counters_and_registers),
        cmocka_unit_test(test_value_sets),
    };
    int failures = cmocka_run_group_tests(tests, NULL, NULL);
    p4rt_close(pipe_);
    return failures ? 1 : 0;
}
