/* libp4rt without the kernel: values in control-plane notation, and every
 * kind of invalid input, checked against p4info (tests/p4rt/router.p4info.json)
 * before anything is written, with the message each one gives. A valid
 * request gets as far as "not loaded". With the kernel (BPF permitted, else
 * skipped): lookup-cache versions bumped by every write (p4ctl's STF
 * runner and the benchmark write through the same functions), and test
 * packets (tests/unit/cache.bpf.c). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <net/if.h>
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
#include "p4rt.h"

#define FIXTURE "tests/p4rt/router.p4info.json"

/* ------------------------------------------------------------- values */

static void parse_ok(const char *text, P4ValueKind kind, P4Value *v)
{
    size_t off = 0;
    int r = p4v_parse(text, strlen(text), P4V_ALLOW_CP, v, &off);
    if (r != 0)
        fail_msg("'%s': %s", text, p4rt_errmsg());
    assert_int_equal(v->kind, kind);
}

static uint64_t low64(const uint8_t v[P4V_BYTES])
{
    uint64_t n = 0;
    for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
        n = n << 8 | v[i];
    return n;
}

static void parse_err(const char *text, const char *msg, size_t want_off)
{
    size_t off = 0;
    P4Value v;
    int r = p4v_parse(text, strlen(text), P4V_ALLOW_CP, &v, &off);
    if (r != -EINVAL)
        fail_msg("'%s' was accepted", text);
    assert_string_equal(p4rt_errmsg(), msg);
    assert_int_equal(off, want_off);
}

static void test_numbers(void **state)
{
    (void)state;
    P4Value v;
    parse_ok("10", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 10);
    parse_ok("0x0a", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 10);
    parse_ok("0b1010", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 10);
}

static void test_addresses(void **state)
{
    (void)state;
    P4Value v;
    parse_ok("10.0.0.1", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 0x0a000001);
    parse_ok("00:11:22:33:44:55", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 0x001122334455ull);
    parse_ok("0-11-22-33-44-5", P4V_PLAIN, &v);
    assert_int_equal(low64(v.v), 0x001122334405ull);
    parse_ok("2001:db8::1", P4V_PLAIN, &v);
    static const uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    assert_memory_equal(v.v + P4V_BYTES - 16, a6, 16);
    assert_int_equal(p4v_bits(v.v), 126);
    parse_ok("::", P4V_PLAIN, &v);
    assert_int_equal(p4v_bits(v.v), 0);
}

static void test_prefixes_masks_ranges(void **state)
{
    (void)state;
    P4Value v;
    parse_ok("10.0.0.0/8", P4V_PREFIX, &v);
    assert_int_equal(v.prefix_len, 8);
    assert_int_equal(low64(v.v), 0x0a000000);
    parse_ok("2001:db8::/32", P4V_PREFIX, &v);
    assert_int_equal(v.prefix_len, 32);
    parse_ok("10.0.0.0/255.255.0.0", P4V_MASKED, &v);
    assert_int_equal(low64(v.m), 0xffff0000);
    parse_ok("0x0800/0xff00", P4V_MASKED, &v);
    assert_int_equal(low64(v.m), 0xff00);
    parse_ok("0x0800&&&0xff00", P4V_MASKED, &v);
    assert_int_equal(low64(v.v), 0x0800);
    parse_ok("10.0.0.1&&&255.0.0.0", P4V_MASKED, &v);
    assert_int_equal(low64(v.m), 0xff000000);
    parse_ok("1000..2000", P4V_RANGE, &v);
    assert_int_equal(low64(v.v), 1000);
    assert_int_equal(low64(v.m), 2000);
    parse_ok("10.0.0.1..10.0.0.9", P4V_RANGE, &v);
    assert_int_equal(low64(v.m), 0x0a000009);
    parse_ok("0x0a**", P4V_TERNARY, &v);
}

static void test_value_errors(void **state)
{
    (void)state;
    parse_err("10.0.0.300", "'10.0.0.300' is not an IPv4 address", 0);
    parse_err("1.2.3", "'1.2.3' is not an IPv4 address", 0);
    parse_err("00:11:22:33:44", "'00:11:22:33:44' is neither an IPv6 address nor a MAC address",
              0);
    parse_err("2001:db8::1::2", "'2001:db8::1::2' is neither an IPv6 address nor a MAC address",
              0);
    parse_err("12x", "invalid decimal digit 'x'", 2);
    parse_err("0xfg", "invalid hex digit 'g'", 3);
    parse_err("2000..1000", "the range's high bound is below its low bound", 6);
    parse_err("10.0.0.0/", "missing prefix length after '/'", 9);
    parse_err("1..x", "invalid decimal digit 'x'", 3);
    parse_err("", "expected a number", 0);
}

/* The STF notation is unchanged: no addresses, no ranges. */
static void test_stf_notation_unchanged(void **state)
{
    (void)state;
    size_t off;
    P4Value v;
    assert_int_equal(p4v_parse("10.0.0.1", 8, P4V_ALLOW_ALL, &v, &off), -EINVAL);
    assert_int_equal(p4v_parse("1..2", 4, P4V_ALLOW_ALL, &v, &off), -EINVAL);
    assert_int_equal(p4v_parse("10/8", 4, P4V_ALLOW_ALL, &v, &off), 0);
    assert_int_equal(v.kind, P4V_PREFIX);
}

/* ------------------------------------------ values in STF's own forms */

static void parse(const char *text, unsigned allow, P4Value *v)
{
    size_t off;
    if (p4v_parse(text, strlen(text), allow, v, &off) != 0)
        fail_msg("%s: %s", text, p4rt_errmsg());
}

static void test_stf_forms(void **state)
{
    (void)state;
    P4Value v;
    uint64_t n;
    parse("18446744073709551615", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_to_u64(&v, &n), 0);
    assert_true(n == UINT64_MAX);
    assert_int_equal(p4v_bits(v.v), 64);
    parse("18446744073709551616", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_to_u64(&v, &n), -1);
    assert_int_equal(p4v_bits(v.v), 65);
    parse("0", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_bits(v.v), 0);
    parse("0x0001", P4V_ALLOW_PLAIN, &v);
    assert_int_equal(p4v_bits(v.v), 1);
    assert_string_equal(v.text, "0x0001");

    parse("0x0a**", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_TERNARY);
    assert_int_equal(v.digit_bits, 16);
    parse("1&&&0x3", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_MASKED);
    assert_int_equal(v.part2, 4);
    parse("0x0a000000/8", P4V_ALLOW_ALL, &v);
    assert_int_equal(v.kind, P4V_PREFIX);
    assert_int_equal(v.prefix_len, 8);
    assert_int_equal(v.part2, 11);

    size_t off;
    assert_int_equal(p4v_parse("0x0a/513", 8, P4V_ALLOW_ALL, &v, &off), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "prefix length is too large");
    assert_int_equal(off, 5);
    assert_int_equal(p4v_parse("", 0, P4V_ALLOW_ALL, &v, &off), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "expected a number");
    assert_int_equal(p4v_parse("0x1*", 4, P4V_ALLOW_PLAIN, &v, &off), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "don't-care digits ('*') are not allowed here");
    assert_int_equal(off, 3);
}

static void test_store(void **state)
{
    (void)state;
    P4Value v;
    uint8_t out[8];
    parse("0x0102030405060708", P4V_ALLOW_PLAIN, &v);
    p4v_store(v.v, 4, true, out);
    const uint8_t net[] = {5, 6, 7, 8};
    assert_memory_equal(out, net, 4);
    p4v_store(v.v, 4, false, out);
    uint32_t host;
    memcpy(&host, out, 4);
    assert_int_equal(host, 0x05060708);
    p4v_store(v.v, 2, false, out);
    uint16_t h16;
    memcpy(&h16, out, 2);
    assert_int_equal(h16, 0x0708);
    p4v_store(v.v, 8, false, out);
    uint64_t h64;
    memcpy(&h64, out, 8);
    assert_true(h64 == 0x0102030405060708ull);

    uint8_t m[P4V_BYTES];
    p4v_ones(m, 12);
    assert_int_equal(m[P4V_BYTES - 1], 0xff);
    assert_int_equal(m[P4V_BYTES - 2], 0x0f);
    assert_int_equal(m[P4V_BYTES - 3], 0);
    p4v_prefix_mask(m, 32, 8);
    assert_int_equal(m[P4V_BYTES - 4], 0xff);
    assert_int_equal(m[P4V_BYTES - 3], 0);
    p4v_prefix_mask(m, 12, 6);
    assert_int_equal(m[P4V_BYTES - 2], 0x0f);
    assert_int_equal(m[P4V_BYTES - 1], 0xc0);
    p4v_from_u64(m, 0x1234);
    assert_int_equal(m[P4V_BYTES - 1], 0x34);
    assert_int_equal(m[P4V_BYTES - 2], 0x12);
}

/* ------------------------------------------------------- validation */

static int setup(void **state)
{
    p4rt_pipeline *p = p4rt_open_p4info(FIXTURE);
    if (!p)
        fail_msg("%s", p4rt_errmsg());
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    p4rt_close(*state);
    return 0;
}

#define F(n, v) {(n), (v)}

/* Add an entry to TABLE; expect return R and message MSG. */
static void add(p4rt_pipeline *p, const char *table, const p4rt_field *keys, size_t nkeys,
                uint32_t prio, const char *action, const p4rt_field *args, size_t nargs, int r,
                const char *msg)
{
    p4rt_entry e = {keys, nkeys, prio, action, args, nargs};
    int got = p4rt_table_add(p, table, &e);
    if (got != r || strcmp(p4rt_errmsg(), msg) != 0)
        fail_msg("got %d '%s'\nwanted %d '%s'", got, p4rt_errmsg(), r, msg);
}

static const char *not_loaded = "the pipeline is not loaded into the kernel";

static void test_valid_entries_reach_the_kernel_step(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_field a[] = {F("port", "2"), F("dmac", "00:11:22:33:44:55")};
    add(p, "ingress.ipv4_lpm", k, 1, 0, "ingress.forward", a, 2, -ENOTCONN, not_loaded);
    add(p, "ipv4_lpm", k, 1, 0, "forward", a, 2, -ENOTCONN, not_loaded);
    p4rt_field k2[] = {F("hdr.ipv4.srcAddr", "10.0.0.0&&&255.0.0.0"),
                       F("hdr.tcp.dstPort", "1000..2000"), F("hdr.ipv6.dstAddr", "*"),
                       F("hdr.ipv4.protocol", "6")};
    p4rt_field a2[] = {F("tag", "7")};
    add(p, "acl", k2, 4, 10, "allow", a2, 1, -ENOTCONN, not_loaded);
    p4rt_field k3[] = {F("hdr.ipv6.dstAddr", "2001:db8::/32"), F("hdr.ipv4.protocol", "17")};
    add(p, "acl", k3, 2, 1, "drop", NULL, 0, -ENOTCONN, not_loaded);
}

static void test_unknown_names(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_field a[] = {F("port", "2"), F("dmac", "00:11:22:33:44:55")};
    add(p, "ingress.nosuch", k, 1, 0, "forward", a, 2, -ENOENT,
        "the program has no table 'ingress.nosuch'"
        " (its tables: ingress.ipv4_lpm, ingress.acl, ingress.smac, ingress.mark)");
    add(p, "ipv4_lpm", k, 1, 0, "ingress.fwd", a, 2, -EINVAL,
        "table 'ingress.ipv4_lpm' has no action 'ingress.fwd'"
        " (its actions: ingress.forward, ingress.drop)");
    p4rt_field kb[] = {F("hdr.ipv4.dst", "10.0.0.0/8")};
    add(p, "ipv4_lpm", kb, 1, 0, "forward", a, 2, -EINVAL,
        "table 'ingress.ipv4_lpm' has no key field 'hdr.ipv4.dst'"
        " (its key fields: hdr.ipv4.dstAddr)");
    /* "drop" is an action of the program, but an ambiguous table suffix
     * is reported as such. */
    p4rt_counter_read(p, "nosuch", 0, &(uint64_t){0});
    assert_string_equal(p4rt_errmsg(),
                        "the program has no counter 'nosuch' (its counters: ingress.port_packets, "
        "ingress.flows)");
}

static void test_parameters(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_field missing[] = {F("port", "2")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", missing, 1, -EINVAL,
        "missing argument 'dmac' of action 'ingress.forward'");
    add(p, "ipv4_lpm", k, 1, 0, "forward", NULL, 0, -EINVAL,
        "missing argument 'port' of action 'ingress.forward'");
    p4rt_field extra[] = {F("port", "2"), F("dmac", "00:11:22:33:44:55"), F("vlan", "3")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", extra, 3, -EINVAL,
        "action 'ingress.forward' has no parameter 'vlan' (its parameters: port, dmac)");
    p4rt_field none[] = {F("port", "2")};
    add(p, "ipv4_lpm", k, 1, 0, "drop", none, 1, -EINVAL,
        "action 'ingress.drop' has no parameter 'port' (its parameters: none)");
    p4rt_field twice[] = {F("port", "2"), F("port", "3"), F("dmac", "0")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", twice, 3, -EINVAL,
        "parameter 'port' of action 'ingress.forward' is given twice");
    add(p, "ipv4_lpm", k, 1, 0, NULL, NULL, 0, -EINVAL,
        "no action given for the entry of table 'ingress.ipv4_lpm'");
}

static void test_widths(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_field wide[] = {F("port", "512"), F("dmac", "0")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", wide, 2, -EINVAL,
        "port=512: value 512 does not fit in parameter 'port' (bit<9>)");
    p4rt_field wide_mac[] = {F("port", "1"), F("dmac", "2001:db8::1")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", wide_mac, 2, -EINVAL,
        "dmac=2001:db8::1: value 2001:db8::1 does not fit in parameter 'dmac' (bit<48>)");
    p4rt_field a[] = {F("port", "2"), F("dmac", "00:11:22:33:44:55")};
    p4rt_field kw[] = {F("hdr.ipv4.dstAddr", "0x1ffffffff")};
    add(p, "ipv4_lpm", kw, 1, 0, "forward", a, 2, -EINVAL,
        "hdr.ipv4.dstAddr=0x1ffffffff: value 0x1ffffffff does not fit in key field "
        "'hdr.ipv4.dstAddr' (bit<32>)");
    p4rt_field kp[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/33")};
    add(p, "ipv4_lpm", kp, 1, 0, "forward", a, 2, -EINVAL,
        "hdr.ipv4.dstAddr=10.0.0.0/33: prefix length 33 is longer than key field "
        "'hdr.ipv4.dstAddr' (bit<32>)");
    p4rt_field kr[] = {F("hdr.tcp.dstPort", "1..70000"), F("hdr.ipv4.protocol", "6")};
    p4rt_field tag[] = {F("tag", "1")};
    add(p, "acl", kr, 2, 0, "allow", tag, 1, -EINVAL,
        "hdr.tcp.dstPort=1..70000: value 70000 does not fit in key field 'hdr.tcp.dstPort' "
        "(bit<16>)");
    p4rt_field km[] = {F("hdr.ipv4.srcAddr", "1&&&0x1ffffffff"), F("hdr.ipv4.protocol", "6")};
    add(p, "acl", km, 2, 0, "allow", tag, 1, -EINVAL,
        "hdr.ipv4.srcAddr=1&&&0x1ffffffff: mask 0x1ffffffff does not fit in key field "
        "'hdr.ipv4.srcAddr' (bit<32>)");
}

static void test_match_kinds(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field tag[] = {F("tag", "1")};
    p4rt_field k1[] = {F("hdr.ipv4.protocol", "6/4")};
    add(p, "acl", k1, 1, 0, "allow", tag, 1, -EINVAL,
        "hdr.ipv4.protocol=6/4: key field 'hdr.ipv4.protocol' is matched exact: it takes a "
        "plain value, not a prefix");
    p4rt_field k2[] = {F("hdr.ipv4.srcAddr", "1..2"), F("hdr.ipv4.protocol", "6")};
    add(p, "acl", k2, 2, 0, "allow", tag, 1, -EINVAL,
        "hdr.ipv4.srcAddr=1..2: key field 'hdr.ipv4.srcAddr' is matched ternary: it takes a "
        "value, VALUE&&&MASK or VALUE/LEN, not a range");
    p4rt_field k3[] = {F("hdr.tcp.dstPort", "80&&&0xff"), F("hdr.ipv4.protocol", "6")};
    add(p, "acl", k3, 2, 0, "allow", tag, 1, -EINVAL,
        "hdr.tcp.dstPort=80&&&0xff: key field 'hdr.tcp.dstPort' is matched range: it takes a "
        "plain value or LOW..HIGH, not a masked value");
    p4rt_field k4[] = {F("hdr.ipv4.srcAddr", "1")};
    add(p, "acl", k4, 1, 0, "allow", tag, 1, -EINVAL,
        "missing key field 'hdr.ipv4.protocol' of table 'ingress.acl'");
    p4rt_field k5[] = {F("hdr.ipv4.protocol", "*")};
    add(p, "acl", k5, 1, 0, "allow", tag, 1, -EINVAL,
        "hdr.ipv4.protocol=*: key field 'hdr.ipv4.protocol' is matched exact: it needs a value");
    p4rt_field k6[] = {F("hdr.ipv4.protocol", "6"), F("hdr.ipv4.protocol", "7")};
    add(p, "acl", k6, 2, 0, "allow", tag, 1, -EINVAL,
        "key field 'hdr.ipv4.protocol' is given twice");
    p4rt_field k7[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_field a[] = {F("port", "2"), F("dmac", "0")};
    add(p, "ipv4_lpm", k7, 1, 5, "forward", a, 2, -EINVAL,
        "table 'ingress.ipv4_lpm' has no priorities (only tables with ternary, range or "
        "optional keys do)");
    p4rt_field k8[] = {F("hdr.ipv4.dstAddr", "10.0.0.300/8")};
    add(p, "ipv4_lpm", k8, 1, 0, "forward", a, 2, -EINVAL,
        "hdr.ipv4.dstAddr=10.0.0.300/8: '10.0.0.300' is not an IPv4 address");
}

static void test_const_parts(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field k[] = {F("hdr.ethernet.srcAddr", "00:00:00:00:00:01")};
    add(p, "smac", k, 1, 0, "NoAction", NULL, 0, -EINVAL,
        "table 'ingress.smac' has const entries: it cannot be changed");
    assert_int_equal(p4rt_table_set_default(p, "acl", "allow", NULL, 0), -EPERM);
    assert_string_equal(p4rt_errmsg(), "the default action of table 'ingress.acl' is const");
    assert_int_equal(p4rt_table_reset_default(p, "acl"), -EPERM);
}

/* A table without a key has no entries; its default action is all there
 * is to set. */
static void test_keyless_table(void **state)
{
    p4rt_pipeline *p = *state;
    const char *msg = "table 'ingress.mark' has no key, so it has no entries: every packet "
                      "misses it and runs its default action";
    p4rt_field a[] = {F("tag", "7")};
    add(p, "mark", NULL, 0, 0, "set_tag", a, 1, -EINVAL, msg);
    p4rt_field k[] = {F("hdr.ipv4.protocol", "6")};
    add(p, "mark", k, 1, 0, "set_tag", a, 1, -EINVAL, msg);
    p4rt_entry e = {NULL, 0, 0, NULL, NULL, 0};
    p4rt_entry_out *out = NULL;
    assert_int_equal(p4rt_table_get(p, "mark", &e, &out), -EINVAL);
    assert_string_equal(p4rt_errmsg(), msg);
    assert_int_equal(p4rt_table_delete(p, "mark", &e), -EINVAL);
    assert_string_equal(p4rt_errmsg(), msg);
    const uint8_t tag[1] = {7};
    p4rt_typed_entry te = {NULL, 0, 0, 5, tag, 1};
    assert_int_equal(p4rt_table_write_typed(p, 4, P4RT_OP_ADD, &te), -EINVAL);
    assert_string_equal(p4rt_errmsg(), msg);
    assert_int_equal(p4rt_table_set_default(p, "mark", "set_tag", a, 1), -ENOTCONN);
    assert_string_equal(p4rt_errmsg(), not_loaded);
    assert_int_equal(p4rt_table_set_default_typed(p, 4, 5, tag, 1), -ENOTCONN);
}

static void test_default_actions(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field a[] = {F("port", "1")};
    assert_int_equal(p4rt_table_set_default(p, "ipv4_lpm", "forward", a, 1), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "missing argument 'dmac' of action 'ingress.forward'");
    assert_int_equal(p4rt_table_set_default(p, "ipv4_lpm", "nosuch", NULL, 0), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "table 'ingress.ipv4_lpm' has no action 'nosuch'"
                                       " (its actions: ingress.forward, ingress.drop)");
    p4rt_field w[] = {F("port", "1000"), F("dmac", "0")};
    assert_int_equal(p4rt_table_set_default(p, "ipv4_lpm", "forward", w, 2), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "port=1000: value 1000 does not fit in parameter 'port' (bit<9>)");
    assert_int_equal(p4rt_table_set_default(p, "ipv4_lpm", "drop", NULL, 0), -ENOTCONN);
    assert_string_equal(p4rt_errmsg(), not_loaded);
}

static void test_counters_and_deletes(void **state)
{
    p4rt_pipeline *p = *state;
    uint64_t v;
    assert_int_equal(p4rt_counter_read(p, "port_packets", 8, &v), -ERANGE);
    assert_string_equal(p4rt_errmsg(),
                        "index 8 is out of range for counter 'ingress.port_packets' (size 8)");
    assert_int_equal(p4rt_counter_read(p, "port_packets", 7, &v), -ENOTCONN);
    assert_int_equal(p4rt_counter_reset(p, "port_packets", 9), -ERANGE);
    /* A sparse counter's cells are whatever indexes the program used. */
    assert_int_equal(p4rt_counter_read(p, "flows", 4, &v), -ENOTCONN);
    assert_int_equal(p4rt_counter_read(p, "flows", UINT32_MAX, &v), -ENOTCONN);
    assert_int_equal(p4rt_counter_reset(p, "flows", UINT32_MAX), -ENOTCONN);
    assert_int_equal(p4rt_counter_reset(p, "flows", (long)UINT32_MAX + 1), -ERANGE);
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    p4rt_entry e = {k, 1, 0, NULL, NULL, 0};
    assert_int_equal(p4rt_table_delete(p, "ipv4_lpm", &e), -ENOTCONN);
    p4rt_field kb[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/40")};
    e.keys = kb;
    assert_int_equal(p4rt_table_delete(p, "ipv4_lpm", &e), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "hdr.ipv4.dstAddr=10.0.0.0/40: prefix length 40 is longer than key field "
                        "'hdr.ipv4.dstAddr' (bit<32>)");
}

/* Where in a request an error is: the part, which key or argument as the
 * caller gave them, where in the value's text, and the message without
 * the "NAME=VALUE: " that names the part. */
static void where_is(p4rt_part part, size_t index, size_t offset, const char *detail)
{
    const p4rt_where *w = p4rt_errwhere();
    if (w->part != part || w->index != index || w->offset != offset ||
        strcmp(w->detail, detail) != 0)
        fail_msg("'%s': at %d [%zu] +%zu '%s'\nwanted %d [%zu] +%zu '%s'", p4rt_errmsg(),
                 (int)w->part, w->index, w->offset, w->detail, (int)part, index, offset,
                 detail);
}

static void test_error_places(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_field a[] = {F("port", "2"), F("dmac", "00:11:22:33:44:55")};
    p4rt_field k[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", a, 2, -EINVAL,
        "hdr.ipv4.dstAddr=10.0.0.0/: missing prefix length after '/'");
    where_is(P4RT_AT_KEY_VALUE, 0, 9, "missing prefix length after '/'");
    k[0].value = "10.0.0.0/33";
    add(p, "ipv4_lpm", k, 1, 0, "forward", a, 2, -EINVAL,
        "hdr.ipv4.dstAddr=10.0.0.0/33: prefix length 33 is longer than key field "
        "'hdr.ipv4.dstAddr' (bit<32>)");
    where_is(P4RT_AT_KEY_VALUE, 0, 9,
             "prefix length 33 is longer than key field 'hdr.ipv4.dstAddr' (bit<32>)");
    add(p, "nosuch", k, 1, 0, "forward", a, 2, -ENOENT,
        "the program has no table 'nosuch' (its tables: ingress.ipv4_lpm, ingress.acl, "
        "ingress.smac, ingress.mark)");
    where_is(P4RT_AT_NAME, 0, 0, p4rt_errmsg());
    /* Indexes count the keys as given, "*" ones too. */
    p4rt_field tag[] = {F("tag", "1")};
    p4rt_field k2[] = {F("hdr.ipv6.dstAddr", "*"), F("hdr.ipv4.protocol", "6"),
                       F("hdr.tcp.dport", "1")};
    add(p, "acl", k2, 3, 1, "allow", tag, 1, -EINVAL,
        "table 'ingress.acl' has no key field 'hdr.tcp.dport' (its key fields: "
        "hdr.ipv4.srcAddr, hdr.tcp.dstPort, hdr.ipv6.dstAddr, hdr.ipv4.protocol)");
    where_is(P4RT_AT_KEY_NAME, 2, 0, p4rt_errmsg());
    p4rt_field k3[] = {F("hdr.ipv6.dstAddr", "*"), F("hdr.ipv4.protocol", "6"),
                       F("hdr.ipv4.srcAddr", "1&&&0x1ffffffff")};
    add(p, "acl", k3, 3, 1, "allow", tag, 1, -EINVAL,
        "hdr.ipv4.srcAddr=1&&&0x1ffffffff: mask 0x1ffffffff does not fit in key field "
        "'hdr.ipv4.srcAddr' (bit<32>)");
    where_is(P4RT_AT_KEY_VALUE, 2, 4,
             "mask 0x1ffffffff does not fit in key field 'hdr.ipv4.srcAddr' (bit<32>)");
    p4rt_field k4[] = {F("hdr.ipv4.srcAddr", "1")};
    add(p, "acl", k4, 1, 1, "allow", tag, 1, -EINVAL,
        "missing key field 'hdr.ipv4.protocol' of table 'ingress.acl'");
    where_is(P4RT_AT_NAME, 0, 0, p4rt_errmsg());
    k[0].value = "10.0.0.0/8";
    p4rt_field a2[] = {F("dmac", "0"), F("port", "512")};
    add(p, "ipv4_lpm", k, 1, 0, "forward", a2, 2, -EINVAL,
        "port=512: value 512 does not fit in parameter 'port' (bit<9>)");
    where_is(P4RT_AT_ARG_VALUE, 1, 0, "value 512 does not fit in parameter 'port' (bit<9>)");
    a2[1].value = "0x2g";
    add(p, "ipv4_lpm", k, 1, 0, "forward", a2, 2, -EINVAL, "port=0x2g: invalid hex digit 'g'");
    where_is(P4RT_AT_ARG_VALUE, 1, 3, "invalid hex digit 'g'");
    a2[1] = (p4rt_field){"prt", "2"};
    add(p, "ipv4_lpm", k, 1, 0, "forward", a2, 2, -EINVAL,
        "action 'ingress.forward' has no parameter 'prt' (its parameters: port, dmac)");
    where_is(P4RT_AT_ARG_NAME, 1, 0, p4rt_errmsg());
    add(p, "ipv4_lpm", k, 1, 0, "forward", a2, 1, -EINVAL,
        "missing argument 'port' of action 'ingress.forward'");
    where_is(P4RT_AT_ACTION, 0, 0, p4rt_errmsg());
    assert_int_equal(p4rt_table_set_default(p, "acl", "allow", tag, 1), -EPERM);
    where_is(P4RT_AT_NAME, 0, 0, "the default action of table 'ingress.acl' is const");
    uint64_t v;
    assert_int_equal(p4rt_counter_read(p, "port_packets", 8, &v), -ERANGE);
    where_is(P4RT_AT_INDEX, 0, 0, p4rt_errmsg());
    assert_int_equal(p4rt_counter_read(p, "packets", 0, &v), -ENOENT);
    where_is(P4RT_AT_NAME, 0, 0, p4rt_errmsg());
    /* A failure that is about no part of the request says so. */
    add(p, "ipv4_lpm", k, 1, 0, "forward", a, 2, -ENOTCONN, not_loaded);
    where_is(P4RT_AT_REQUEST, 0, 0, not_loaded);
}

/* What p4info says of tables, actions and counters, by any of their names. */
static void test_descriptions(void **state)
{
    p4rt_pipeline *p = *state;
    p4rt_table_info ti;
    assert_int_equal(p4rt_table_get_info(p, "ingress_ipv4_lpm", &ti), 0);
    assert_string_equal(ti.name, "ingress.ipv4_lpm");
    assert_int_equal(ti.id, 1);
    assert_string_equal(ti.kind, "lpm");
    assert_int_equal(ti.size, 64);
    assert_int_equal(ti.nkeys, 1);
    assert_int_equal(ti.nactions, 2);
    assert_false(ti.has_priority || ti.const_entries || ti.const_default);
    assert_int_equal(p4rt_table_get_info(p, "acl", &ti), 0);
    assert_string_equal(ti.kind, "ternary");
    assert_true(ti.has_priority && ti.const_default && !ti.const_entries);
    assert_int_equal(p4rt_table_get_info(p, "smac", &ti), 0);
    assert_true(ti.const_entries && !ti.const_default);
    assert_int_equal(p4rt_table_get_info(p, "nosuch", &ti), -ENOENT);
    where_is(P4RT_AT_NAME, 0, 0, p4rt_errmsg());

    p4rt_action_info ai;
    assert_int_equal(p4rt_action_get_info(p, "ipv4_lpm", "forward", &ai), 0);
    assert_string_equal(ai.name, "ingress.forward");
    assert_int_equal(ai.id, 1);
    assert_int_equal(ai.nparams, 2);
    assert_string_equal(ai.params[0], "port");
    assert_string_equal(ai.params[1], "dmac");
    assert_int_equal(p4rt_action_get_info(p, "ipv4_lpm", "drop", &ai), 0);
    assert_int_equal(ai.nparams, 0);
    assert_int_equal(p4rt_action_get_info(p, "ipv4_lpm", "allow", &ai), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "table 'ingress.ipv4_lpm' has no action 'allow' (its "
                                       "actions: ingress.forward, ingress.drop)");
    where_is(P4RT_AT_ACTION, 0, 0, p4rt_errmsg());
    assert_int_equal(p4rt_action_get_info(p, "nosuch", "drop", &ai), -ENOENT);
    where_is(P4RT_AT_NAME, 0, 0, p4rt_errmsg());

    p4rt_counter_info ci;
    assert_int_equal(p4rt_counter_get_info(p, "port_packets", &ci), 0);
    assert_string_equal(ci.name, "ingress.port_packets");
    assert_int_equal(ci.id, 301989889);
    assert_int_equal(ci.size, 8);
    assert_false(ci.sparse);
    assert_string_equal(ci.unit, "packets");
    assert_int_equal(p4rt_counter_get_info(p, "ingress.flows", &ci), 0);
    assert_true(ci.sparse);
    assert_string_equal(ci.unit, "bytes");
    assert_int_equal(p4rt_counter_get_info(p, "nosuch", &ci), -ENOENT);

    /* Test packets are checked first, then need a loaded program. */
    uint8_t pkt[64] = {0}, out[64];
    p4rt_test_result res;
    assert_int_equal(p4rt_test_run(p, 0, pkt, 13, 1, out, sizeof out, &res), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "the packet has 13 bytes; BPF_PROG_TEST_RUN runs packets of at least 14");
    assert_int_equal(p4rt_test_run(p, 0, pkt, 14, 1, out, sizeof out, &res), -ENOTCONN);
    assert_int_equal(p4rt_test_ports(p), -ENOTCONN);
}

/* Register requests are checked (name, index, value width) before the
 * "not loaded" step; the ids of p4info reach the same registers. */
static void test_registers(void **state)
{
    p4rt_pipeline *p = *state;
    uint64_t v;
    p4rt_register_info ri;
    assert_int_equal(p4rt_register_get_info(p, "ingress.flow_bytes", &ri), 0);
    assert_string_equal(ri.name, "ingress.flow_bytes");
    assert_int_equal(ri.id, 369098753);
    assert_int_equal(ri.size, 16);
    assert_int_equal(ri.width, 48);
    assert_int_equal(p4rt_register_get_info(p, "egress_flow_bytes", &ri), 0);
    assert_int_equal(ri.initial_value, 5);
    assert_int_equal(p4rt_register_read(p, "flow_bytes", 0, &v), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "register name 'flow_bytes' is ambiguous: it could be "
                                       "'ingress.flow_bytes' or 'egress.flow_bytes'");
    assert_int_equal(p4rt_register_read(p, "nosuch", 0, &v), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "the program has no register 'nosuch'");
    assert_int_equal(p4rt_register_read(p, "ingress.flow_bytes", 16, &v), -ERANGE);
    assert_string_equal(p4rt_errmsg(),
                        "index 16 is out of range for register 'ingress.flow_bytes' (size 16)");
    assert_int_equal(p4rt_register_write(p, "ingress.flow_bytes", 15, 1ull << 48), -ERANGE);
    assert_string_equal(p4rt_errmsg(), "value 281474976710656 is too wide for register "
                                       "'ingress.flow_bytes' (48 bits)");
    assert_int_equal(p4rt_register_write(p, "ingress.flow_bytes", 15, (1ull << 48) - 1),
                     -ENOTCONN);
    assert_int_equal(p4rt_register_reset(p, "egress.flow_bytes", 4), -ERANGE);
    assert_int_equal(p4rt_register_reset(p, "egress.flow_bytes", -1), -ENOTCONN);
    assert_int_equal(p4rt_register_write_id(p, 369098754, 3, 256), -ERANGE);
    assert_string_equal(p4rt_errmsg(),
                        "value 256 is too wide for register 'egress.flow_bytes' (8 bits)");
    assert_int_equal(p4rt_register_read_id(p, 7, 0, &v), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "the program has no register with id 7");
    assert_int_equal(p4rt_register_reset_id(p, 369098754, 4), -ERANGE);
    assert_int_equal(p4rt_register_reset_id(p, 369098754, -1), -ENOTCONN);
    assert_int_equal(p4rt_counter_read_id(p, 5, 0, &v), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "the program has no counter with id 5");
    assert_int_equal(p4rt_counter_read_id(p, 301989889, 8, &v), -ERANGE);
    assert_int_equal(p4rt_counter_read_id(p, 301989889, 7, &v), -ENOTCONN);
    assert_int_equal(p4rt_counter_reset_id(p, 301989889, -1), -ENOTCONN);
    assert_string_equal(p4rt_register_name(p, 1), "egress.flow_bytes");
    assert_null(p4rt_register_name(p, 2));
}

/* The typed entry points (what prog.h calls) check their input as the text
 * ones do; messages show the values in hex. */
static void typed_add(p4rt_pipeline *p, uint32_t table, const p4rt_key_bytes *keys, size_t nkeys,
                      uint32_t prio, uint32_t action, const uint8_t *args, size_t nargs, int r,
                      const char *msg)
{
    p4rt_typed_entry e = {keys, nkeys, prio, action, args, nargs};
    int got = p4rt_table_write_typed(p, table, P4RT_OP_ADD, &e);
    if (got != r || strcmp(p4rt_errmsg(), msg) != 0)
        fail_msg("got %d '%s'\nwanted %d '%s'", got, p4rt_errmsg(), r, msg);
}

static void test_typed_entries(void **state)
{
    p4rt_pipeline *p = *state;
    const uint8_t dst[4] = {10, 0, 0, 0}, fwd[8] = {0, 2, 0, 0x11, 0x22, 0x33, 0x44, 0x55};
    p4rt_key_bytes k8 = {dst, NULL, 8, false};
    typed_add(p, 1, &k8, 1, 0, 1, fwd, 8, -ENOTCONN, not_loaded);
    typed_add(p, 77, &k8, 1, 0, 1, fwd, 8, -ENOENT, "the program has no table with id 77");
    typed_add(p, 1, &k8, 2, 0, 1, fwd, 8, -EINVAL,
              "table 'ingress.ipv4_lpm' has 1 key field, not 2");
    p4rt_key_bytes k33 = {dst, NULL, 33, false};
    typed_add(p, 1, &k33, 1, 0, 1, fwd, 8, -EINVAL,
              "hdr.ipv4.dstAddr=0x0a000000/33: prefix length 33 is longer than key field "
              "'hdr.ipv4.dstAddr' (bit<32>)");
    typed_add(p, 1, &k8, 1, 0, 9, fwd, 8, -EINVAL,
              "table 'ingress.ipv4_lpm' has no action with id 9");
    typed_add(p, 1, &k8, 1, 0, 1, fwd, 7, -EINVAL,
              "action 'ingress.forward' takes 8 bytes of arguments, not 7");
    const uint8_t wide[8] = {2, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55};
    typed_add(p, 1, &k8, 1, 0, 1, wide, 8, -EINVAL,
              "port=0x0200: value 0x0200 does not fit in parameter 'port' (bit<9>)");
    typed_add(p, 1, &k8, 1, 5, 2, NULL, 0, -EINVAL,
              "table 'ingress.ipv4_lpm' has no priorities (only tables with ternary, range or "
              "optional keys do)");
    /* acl: srcAddr ternary, dstPort range, ipv6 dstAddr ternary, protocol exact. */
    const uint8_t src[4] = {10, 0, 0, 0}, srcm[4] = {255, 0, 0, 0}, lo[2] = {0, 80},
                  hi[2] = {0, 90}, proto[1] = {6}, tag[4] = {0, 0, 0, 7}, zero[16] = {0};
    p4rt_key_bytes acl[4] = {{src, srcm, 0, false}, {lo, hi, 0, false}, {zero, NULL, 0, true},
                             {proto, NULL, 0, false}};
    typed_add(p, 2, acl, 4, 10, 3, tag, 4, -ENOTCONN, not_loaded);
    acl[3].any = true;
    typed_add(p, 2, acl, 4, 10, 3, tag, 4, -EINVAL,
              "key field 'hdr.ipv4.protocol' is matched exact: it needs a value");
    acl[3].any = false;
    const uint8_t hi_bad[2] = {0xff, 0xff};
    acl[1].mask = hi_bad;
    typed_add(p, 2, acl, 4, 10, 3, tag, 4, -ENOTCONN, not_loaded);
    p4rt_key_bytes mac = {zero, NULL, 0, false};
    typed_add(p, 3, &mac, 1, 0, 4, NULL, 0, -EINVAL,
              "table 'ingress.smac' has const entries: it cannot be changed");
    uint32_t id = 1;
    uint8_t out[8];
    p4rt_typed_entry key = {&k8, 1, 0, 0, NULL, 0};
    assert_int_equal(p4rt_table_get_typed(p, 1, &key, &id, out, sizeof out), -ENOTCONN);
    assert_int_equal(id, 0);
    assert_int_equal(p4rt_table_set_default_typed(p, 2, 3, tag, 4), -EPERM);
    assert_string_equal(p4rt_errmsg(), "the default action of table 'ingress.acl' is const");
    assert_int_equal(p4rt_table_set_default_typed(p, 1, 1, wide, 8), -EINVAL);
    assert_string_equal(p4rt_errmsg(),
                        "port=0x0200: value 0x0200 does not fit in parameter 'port' (bit<9>)");
    assert_int_equal(p4rt_table_set_default_typed(p, 1, 1, fwd, 8), -ENOTCONN);
    assert_int_equal(p4rt_table_reset_default_id(p, 1), -ENOTCONN);
}

/* Every function of p4rt.h checks its arguments: a NULL pointer or an
 * operation out of range is -EINVAL with a message naming the function,
 * never a crash, and never taken for another operation (an op of 7 was a
 * delete). */
#define BAD(call, msg)                                                                       \
    do {                                                                                     \
        int got_ = (call);                                                                   \
        if (got_ != -EINVAL || strcmp(p4rt_errmsg(), msg) != 0)                              \
            fail_msg("%s: got %d '%s'\nwanted -EINVAL '%s'", #call, got_, p4rt_errmsg(), msg); \
    } while (0)

static int count_entry(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    ++*(int *)ctx;
    return 0;
}

static void test_bad_arguments(void **state)
{
    p4rt_pipeline *p = *state;
    const p4rt_field keys[] = {F("hdr.ipv4.dstAddr", "10.0.0.0/8")};
    const p4rt_field args[] = {F("port", "1"), F("dmac", "00:11:22:33:44:55")};
    p4rt_entry e = {keys, 1, 0, "forward", args, 2};
    uint8_t key[8] = {0}, value[64] = {0};
    uint64_t u64;
    p4rt_table_info ti;
    BAD(p4rt_table_add(p, NULL, &e), "p4rt_table_add: invalid argument: table is NULL");
    BAD(p4rt_table_add(NULL, "ipv4_lpm", &e), "p4rt_table_add: invalid argument: p is NULL");
    BAD(p4rt_table_modify(p, "ipv4_lpm", NULL),
        "p4rt_table_modify: invalid argument: the entry is NULL");
    p4rt_entry nokeys = {NULL, 1, 0, "forward", args, 2};
    BAD(p4rt_table_delete(p, "ipv4_lpm", &nokeys),
        "p4rt_table_delete: invalid argument: the entry's keys are NULL, with nkeys 1");
    BAD(p4rt_table_write_raw(p, 1, (p4rt_op)7, key, NULL, 0, value),
        "p4rt_table_write_raw: invalid argument: op 7 is none of P4RT_OP_ADD, P4RT_OP_MODIFY "
        "and P4RT_OP_DELETE");
    BAD(p4rt_table_write_raw(p, 1, (p4rt_op)-1, key, NULL, 0, value),
        "p4rt_table_write_raw: invalid argument: op -1 is none of P4RT_OP_ADD, P4RT_OP_MODIFY "
        "and P4RT_OP_DELETE");
    BAD(p4rt_table_write_raw(p, 1, P4RT_OP_ADD, NULL, NULL, 0, value),
        "p4rt_table_write_raw: invalid argument: key is NULL");
    BAD(p4rt_table_write_raw(p, 1, P4RT_OP_ADD, key, NULL, 0, NULL),
        "p4rt_table_write_raw: invalid argument: value is NULL");
    const uint8_t dst[4] = {10, 0, 0, 0};
    p4rt_key_bytes k8 = {dst, NULL, 8, false};
    p4rt_typed_entry te = {&k8, 1, 0, 1, value, 8};
    BAD(p4rt_table_write_typed(p, 1, (p4rt_op)3, &te),
        "p4rt_table_write_typed: invalid argument: op 3 is none of P4RT_OP_ADD, "
        "P4RT_OP_MODIFY and P4RT_OP_DELETE");
    BAD(p4rt_table_write_typed(p, 1, P4RT_OP_ADD, NULL),
        "p4rt_table_write_typed: invalid argument: e is NULL");
    BAD(p4rt_table_read_raw(p, 1, key, NULL, 0, NULL),
        "p4rt_table_read_raw: invalid argument: value is NULL");
    BAD(p4rt_table_get_info(p, NULL, &ti), "p4rt_table_get_info: invalid argument: table is NULL");
    BAD(p4rt_table_get_info(p, "ipv4_lpm", NULL),
        "p4rt_table_get_info: invalid argument: info is NULL");
    BAD(p4rt_action_get_info(p, "ipv4_lpm", NULL, NULL),
        "p4rt_action_get_info: invalid argument: action is NULL");
    BAD(p4rt_table_clear(p, NULL), "p4rt_table_clear: invalid argument: table is NULL");
    BAD(p4rt_table_dump(p, "ipv4_lpm", NULL, NULL),
        "p4rt_table_dump: invalid argument: fn is NULL");
    int n = 0;
    BAD(p4rt_table_dump(p, NULL, count_entry, &n), "p4rt_table_dump: invalid argument: table is NULL");
    BAD(p4rt_table_get(p, "ipv4_lpm", &e, NULL), "p4rt_table_get: invalid argument: out is NULL");
    BAD(p4rt_table_get_default(p, NULL, NULL),
        "p4rt_table_get_default: invalid argument: table is NULL");
    p4rt_field noval[] = {{"port", NULL}};
    BAD(p4rt_table_set_default(p, "ipv4_lpm", "forward", noval, 1),
        "p4rt_table_set_default: invalid argument: args[0].value is NULL");
    assert_int_equal(p4rt_errwhere()->part, P4RT_AT_ARG_NAME);
    BAD(p4rt_table_set_default(p, "ipv4_lpm", "forward", NULL, 2),
        "p4rt_table_set_default: invalid argument: args is NULL, with 2 of them");
    BAD(p4rt_table_reset_default(p, NULL),
        "p4rt_table_reset_default: invalid argument: table is NULL");
    BAD(p4rt_counter_read(p, NULL, 0, &u64), "p4rt_counter_read: invalid argument: counter is NULL");
    BAD(p4rt_counter_read(p, "c", 0, NULL), "p4rt_counter_read: invalid argument: value is NULL");
    BAD(p4rt_counter_reset(NULL, "c", 0), "p4rt_counter_reset: invalid argument: p is NULL");
    BAD(p4rt_counter_get_info(p, NULL, NULL),
        "p4rt_counter_get_info: invalid argument: counter is NULL");
    BAD(p4rt_register_write(p, NULL, 0, 1), "p4rt_register_write: invalid argument: reg is NULL");
    BAD(p4rt_register_read_id(p, 1, 0, NULL),
        "p4rt_register_read_id: invalid argument: value is NULL");
    BAD(p4rt_value_set_add(p, "s", NULL), "p4rt_value_set_add: invalid argument: value is NULL");
    BAD(p4rt_value_set_delete(p, NULL, "1"),
        "p4rt_value_set_delete: invalid argument: set is NULL");
    BAD(p4rt_value_set_dump(p, "s", NULL, NULL),
        "p4rt_value_set_dump: invalid argument: fn is NULL");
    BAD(p4rt_port_add(p, NULL, 1, P4RT_XDP_AUTO, NULL),
        "p4rt_port_add: invalid argument: ifname is NULL");
    BAD(p4rt_port_add(p, "lo", 1, (p4rt_xdp_mode)9, NULL),
        "p4rt_port_add: invalid argument: mode 9 is none of P4RT_XDP_AUTO, P4RT_XDP_NATIVE and "
        "P4RT_XDP_GENERIC");
    BAD(p4rt_port_del(p, NULL), "p4rt_port_del: invalid argument: ifname is NULL");
    BAD(p4rt_port_list(p, NULL, NULL), "p4rt_port_list: invalid argument: ports is NULL");
    BAD(p4rt_port_drops(p, NULL), "p4rt_port_drops: invalid argument: dropped is NULL");
    BAD(p4rt_mc_node_add(p, 1, 0, NULL, 2),
        "p4rt_mc_node_add: invalid argument: ports is NULL, with 2 of them");
    BAD(p4rt_mc_group_list(p, NULL, NULL), "p4rt_mc_group_list: invalid argument: groups is NULL");
    BAD(p4rt_pin(p, NULL), "p4rt_pin: invalid argument: name is NULL");
    BAD(p4rt_load(NULL), "p4rt_load: invalid argument: p is NULL");
    BAD(p4rt_unload(NULL), "p4rt_unload: invalid argument: name is NULL");
    BAD(p4rt_get_info(p, NULL), "p4rt_get_info: invalid argument: info is NULL");
    BAD(p4rt_verify(NULL, 0, NULL, 0, NULL), "p4rt_verify: invalid argument: object is NULL");
    BAD(p4rt_test_run(p, 0, NULL, 64, 1, NULL, 0, NULL),
        "p4rt_test_run: invalid argument: pkt is NULL");
    BAD(p4rt_replace(p, NULL, NULL), "p4rt_replace: no name given");
    assert_null(p4rt_open(NULL, NULL));
    assert_int_equal(errno, EINVAL);
    assert_string_equal(p4rt_errmsg(), "p4rt_open: invalid argument: object is NULL");
    assert_null(p4rt_open_p4info(NULL));
    assert_null(p4rt_open_pinned(NULL));
    assert_string_equal(p4rt_errmsg(), "p4rt_open_pinned: invalid argument: name is NULL");
    assert_null(p4rt_table_name(NULL, 0));
    assert_int_equal(p4rt_value_set_count(NULL), 0);
    p4rt_close(NULL);
    p4rt_entry_release(NULL);
    p4rt_free_names(NULL);
    /* A valid request still gets as far as the kernel step. */
    assert_int_equal(p4rt_table_add(p, "ipv4_lpm", &e), -ENOTCONN);
}

/* libbpf's own error codes (4000 and up) in words, and as errnos:
 * strerror would say "Unknown error 4001". */
static void test_libbpf_codes(void **state)
{
    (void)state;
    assert_string_equal(p4rt_strerror(-LIBBPF_ERRNO__FORMAT), "BPF object format invalid");
    assert_string_equal(p4rt_strerror(LIBBPF_ERRNO__VERIFY),
                        "Kernel verifier blocks program loading");
    assert_string_equal(p4rt_strerror(-ENOENT), "No such file or directory");
    assert_int_equal(p4rt_errno(-LIBBPF_ERRNO__FORMAT), ENOEXEC);
    assert_int_equal(p4rt_errno(LIBBPF_ERRNO__VERIFY), EACCES);
    assert_int_equal(p4rt_errno(LIBBPF_ERRNO__PROG2BIG), E2BIG);
    assert_int_equal(p4rt_errno(-EPERM), EPERM);
}

static void test_open_errors(void **state)
{
    (void)state;
    assert_null(p4rt_open_p4info("tests/p4rt/nosuch.json"));
    assert_string_equal(p4rt_errmsg(),
                        "tests/p4rt/nosuch.json: cannot read the p4info: No such file or directory");
    assert_null(p4rt_open_pinned("a/b"));
    assert_string_equal(p4rt_errmsg(),
                        "pipeline name 'a/b': only letters, digits, '_' and '-' are allowed");
}

static void test_formatting(void **state)
{
    (void)state;
    P4iField mac = {.n = {.name = (char *)"dmac"}, .width = 48, .size = 8};
    P4iField ip = {.n = {.name = (char *)"hdr.ipv4.dstAddr"}, .width = 32, .size = 4};
    P4iField port = {.n = {.name = (char *)"port"}, .width = 9, .size = 2};
    P4iField ip6 = {.n = {.name = (char *)"dst"}, .width = 128, .size = 16, .network = true};
    char buf[100];
    uint64_t m = 0x001122334455ull;
    p4rt_format_field(&mac, (const uint8_t *)&m, buf, sizeof buf);
    assert_string_equal(buf, "00:11:22:33:44:55");
    uint32_t a = 0x0a000001;
    p4rt_format_field(&ip, (const uint8_t *)&a, buf, sizeof buf);
    assert_string_equal(buf, "10.0.0.1");
    uint16_t pt = 300;
    p4rt_format_field(&port, (const uint8_t *)&pt, buf, sizeof buf);
    assert_string_equal(buf, "300");
    uint8_t b6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    p4rt_format_field(&ip6, b6, buf, sizeof buf);
    assert_string_equal(buf, "2001:db8::1");
}

/* ------------------------------------------------------- lookup caches */

/* tests/unit/cache.bpf.c compiled and loaded. Every change to a cached
 * table's entries bumps its cache version once; default actions and
 * refused writes leave it. */
#define CACHE_FIXTURE "tests/unit/cache"
static const char *const cached_tables[] = {"c.exact", "c.lpm", "c.arr", "c.tern"};
/* A key of each, and another one. */
static const char *const cache_keys[][2] = {
    {"7", "8"}, {"10.1.0.0/16", "10.2.0.0/16"}, {"1", "2"}, {"0x0a000000&&&0xff000000", "5"}};

typedef struct {
    char dir[64], obj[128], skip[400];
    char pin[64];
    p4rt_pipeline *cp;
} CacheFix;

static int cache_setup(void **state)
{
    CacheFix *f = calloc(1, sizeof *f);
    char cmd[512], err[300];
    *state = f;
    if (bpf_permitted(err, sizeof err) < 0) {
        snprintf(f->skip, sizeof f->skip, "BPF is not permitted here (%s)", err);
        return 0;
    }
    snprintf(f->dir, sizeof f->dir, "/tmp/test_p4rt.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->obj, sizeof f->obj, "%s/cache.o", f->dir);
    snprintf(cmd, sizeof cmd,
             "clang -target bpf -O2 -g -Wall -Werror -Iinclude -I/usr/include/$(clang -print-multiarch) "
             "-c " CACHE_FIXTURE ".bpf.c -o %s",
             f->obj);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot compile " CACHE_FIXTURE ".bpf.c\n");
        return -1;
    }
    f->cp = p4rt_open(f->obj, CACHE_FIXTURE ".p4info.json");
    if (!f->cp || p4rt_load(f->cp) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        return -1;
    }
    return 0;
}

static int cache_teardown(void **state)
{
    CacheFix *f = *state;
    char cmd[128];
    if (f->pin[0])
        p4rt_unload(f->pin);
    p4rt_close(f->cp);
    if (f->dir[0]) {
        snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
        if (system(cmd) != 0)
            return -1;
    }
    free(f);
    return 0;
}

static uint32_t read_version(int fd)
{
    uint32_t zero = 0, v = 0xdeadbeef;
    assert_true(fd >= 0);
    assert_int_equal(bpf_map_lookup_elem(fd, &zero, &v), 0);
    return v;
}

/* TABLE's cache version as libp4rt pipeline P sees it. */
static uint32_t cp_version(p4rt_pipeline *p, const char *table)
{
    const P4iTable *t = p4e_table(&p->info, table);
    assert_non_null(t);
    return read_version(p->cache_versions[t - p->info.tables].fd);
}

static int cp_entry(p4rt_pipeline *p, int op, const char *table, const char *key, uint32_t prio,
                    const char *port)
{
    p4rt_field keys[] = {{"k", key}}, args[] = {{"port", port}};
    p4rt_entry e = {keys, 1, prio, "set", args, 1};
    switch (op) {
    case 'a': return p4rt_table_add(p, table, &e);
    case 'm': return p4rt_table_modify(p, table, &e);
    default: return p4rt_table_delete(p, table, &e);
    }
}

/* CALL changes TABLE's version by DELTA (and returns R). */
#define BUMPS(p, table, delta, r, call)                                                            \
    do {                                                                                           \
        uint32_t before_ = cp_version((p), (table));                                               \
        int got_ = (call);                                                                         \
        if (got_ != (r))                                                                           \
            fail_msg("%s: %s returned %d (%s), not %d", (table), #call, got_, p4rt_errmsg(),     \
                     (r));                                                                         \
        assert_int_equal(cp_version((p), (table)) - before_, (delta));                             \
    } while (0)

static void test_cache_libp4rt(void **state)
{
    CacheFix *f = *state;
    if (f->skip[0]) {
        printf("test_cache_libp4rt: skipped: %s\n", f->skip);
        skip();
    }
    p4rt_pipeline *p = f->cp;
    p4rt_field port9[] = {{"port", "9"}};
    for (size_t i = 0; i < 4; i++) {
        const char *t = cached_tables[i], *k = cache_keys[i][0], *k2 = cache_keys[i][1];
        uint32_t prio = i == 3 ? 10 : 0;
        assert_int_equal(cp_version(p, t), 0);
        BUMPS(p, t, 1, 0, cp_entry(p, 'a', t, k, prio, "1"));
        BUMPS(p, t, 1, 0, cp_entry(p, 'm', t, k, prio, "2"));
        BUMPS(p, t, 1, 0, cp_entry(p, 'a', t, k2, prio, "3"));
        /* Refused before anything is written: no bump. */
        BUMPS(p, t, 0, -EEXIST, cp_entry(p, 'a', t, k, prio, "1"));
        BUMPS(p, t, 0, -ENOENT, cp_entry(p, 'm', t, i == 1 ? "10.3.0.0/16" : "3", prio, "1"));
        /* The cache never holds the default action. */
        BUMPS(p, t, 0, 0, p4rt_table_set_default(p, t, "set", port9, 1));
        BUMPS(p, t, 0, 0, p4rt_table_reset_default(p, t));
        BUMPS(p, t, 1, 0, cp_entry(p, 'd', t, k, prio, NULL));
        BUMPS(p, t, 0, -ENOENT, cp_entry(p, 'd', t, k, prio, NULL));
        BUMPS(p, t, 1, 0, p4rt_table_clear(p, t));
        /* An empty table's clear too: one bump per request. */
        BUMPS(p, t, 1, 0, p4rt_table_clear(p, t));
    }
    /* The raw path (under the generated API's typed one) ends in the same place. */
    uint32_t key = 5, value[4] = {2, 0, 4, 0}, id = 1;
    BUMPS(p, "c.exact", 1, 0, p4rt_table_write_raw(p, id, P4RT_OP_ADD, &key, NULL, 0, value));
    BUMPS(p, "c.exact", 1, 0, p4rt_table_write_raw(p, id, P4RT_OP_MODIFY, &key, NULL, 0, value));
    BUMPS(p, "c.exact", 0, 0, p4rt_table_default_raw(p, id, value));
    /* An op out of range is refused: it once deleted the entry. */
    BUMPS(p, "c.exact", 0, -EINVAL, p4rt_table_write_raw(p, id, (p4rt_op)7, &key, NULL, 0, value));
    uint32_t back[4];
    assert_int_equal(p4rt_table_read_raw(p, id, &key, NULL, 0, back), 0);
    BUMPS(p, "c.exact", 1, 0, p4rt_table_write_raw(p, id, P4RT_OP_DELETE, &key, NULL, 0, NULL));
    /* A table without a cache: writes as before. */
    assert_int_equal(cp_entry(p, 'a', "c.plain", "1", 0, "1"), 0);
    assert_int_equal(p4rt_table_clear(p, "c.plain"), 0);

    /* A bump that fails is the operation's error, the entry written. */
    size_t ti = 0;
    int fd = p->cache_versions[ti].fd;
    p->cache_versions[ti].fd = -1;
    int r = cp_entry(p, 'a', "c.exact", "7", 0, "1");
    p->cache_versions[ti].fd = fd;
    assert_int_equal(r, -EBADF);
    assert_string_equal(p4rt_errmsg(), "cannot bump the cache version of table 'c.exact': map "
                                       "'c_exact_cache_version' is not open");
    assert_int_equal(cp_entry(p, 'a', "c.exact", "7", 0, "1"), -EEXIST);

    /* Another process: a pinned pipeline reopened bumps the same map. */
    snprintf(f->pin, sizeof f->pin, "test_p4rt_cache_%d", (int)getpid());
    assert_int_equal(p4rt_pin(p, f->pin), 0);
    p4rt_pipeline *q = p4rt_open_pinned(f->pin);
    if (!q)
        fail_msg("%s", p4rt_errmsg());
    uint32_t before = cp_version(p, "c.tern");
    BUMPS(q, "c.tern", 1, 0, cp_entry(q, 'a', "c.tern", "7", 3, "1"));
    assert_int_equal(cp_version(p, "c.tern"), before + 1);
    p4rt_close(q);
}

/* A test packet through the fixture's program, which passes it: out on
 * the port it came in on, unchanged; an output buffer too small for it and
 * a port past the port maps are refused. */
static void test_test_run(void **state)
{
    CacheFix *f = *state;
    if (f->skip[0]) {
        printf("test_test_run: skipped: %s\n", f->skip);
        skip();
    }
    uint8_t pkt[60], out[128];
    for (size_t i = 0; i < sizeof pkt; i++)
        pkt[i] = (uint8_t)(i * 7);
    p4rt_test_result res;
    int r = p4rt_test_run(f->cp, 3, pkt, sizeof pkt, 5, out, sizeof out, &res);
    if (r < 0)
        fail_msg("%s", p4rt_errmsg());
    assert_int_equal(res.xdp_action, 2); /* XDP_PASS */
    assert_false(res.dropped);
    assert_int_equal(res.port, 3);
    assert_int_equal(res.len, sizeof pkt);
    assert_memory_equal(out, pkt, sizeof pkt);
    assert_int_equal(p4rt_test_run(f->cp, 3, pkt, sizeof pkt, 1, out, 20, &res), -ENOSPC);
    assert_string_equal(p4rt_errmsg(), "the packet that came out (60 bytes) does not fit in 20");
    /* The last port there is, and one past it. */
    assert_int_equal(p4rt_test_run(f->cp, 255, pkt, sizeof pkt, 1, out, sizeof out, &res), 0);
    assert_int_equal(res.port, 255);
    assert_int_equal(p4rt_test_run(f->cp, 256, pkt, sizeof pkt, 1, out, sizeof out, &res),
                     -ERANGE);
    assert_string_equal(p4rt_errmsg(), "port 256 is out of range: ports are 0 to 255");
}

/* Test ports: every port of p4cc_tx without a device gets lo (ifindex 1);
 * one that has a device keeps it, and a second call changes nothing. */
static void test_test_ports(void **state)
{
    CacheFix *f = *state;
    if (f->skip[0]) {
        printf("test_test_ports: skipped: %s\n", f->skip);
        skip();
    }
    int fd = f->cp->tx.fd;
    uint32_t port = 7, dev, max = f->cp->tx.max_entries, other = 0;
    assert_true(max > 7);
    assert_int_not_equal(bpf_map_lookup_elem(fd, &port, &dev), 0);
    /* Another interface than lo, if there is one, as port 7's device. */
    struct if_nameindex *ifs = if_nameindex();
    for (struct if_nameindex *i = ifs; i && i->if_index && !other; i++)
        if (i->if_index != 1 && bpf_map_update_elem(fd, &port, &i->if_index, BPF_ANY) == 0)
            other = i->if_index;
    if_freenameindex(ifs);
    for (int round = 0; round < 2; round++) {
        if (p4rt_test_ports(f->cp) < 0)
            fail_msg("%s", p4rt_errmsg());
        for (port = 0; port < max; port++) {
            assert_int_equal(bpf_map_lookup_elem(fd, &port, &dev), 0);
            assert_int_equal(dev, port == 7 && other ? other : 1);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_prefixes_masks_ranges),
        cmocka_unit_test(test_value_errors),
        cmocka_unit_test(test_stf_notation_unchanged),
        cmocka_unit_test(test_stf_forms),
        cmocka_unit_test(test_store),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_libbpf_codes),
        cmocka_unit_test(test_formatting),
        cmocka_unit_test_setup_teardown(test_valid_entries_reach_the_kernel_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parameters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_widths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_const_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyless_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counters_and_deletes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_places, setup, teardown),
        cmocka_unit_test_setup_teardown(test_descriptions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_libp4rt, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_test_run, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_test_ports, cache_setup, cache_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
