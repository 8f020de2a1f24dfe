/* Unit tests of the p4info reader (p4info.c) and of the encoding of
 * entries into the map layouts of docs/RUNTIME.md (entry.c): precise
 * messages for unknown tables, actions and fields, values too wide,
 * prefixes too long, missing parameters. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static const char base_json[] =
    "{\n"
    "  \"p4info_version\": 1, \"program\": \"prog\", \"arch\": \"xdp\", \"object\": \"prog.o\",\n"
    "  \"maps\": { \"ports\": \"p4cc_ports\", \"tx\": \"p4cc_tx\", \"out\": \"p4cc_out\" },\n"
    "  \"tables\": [\n"
    "    { \"id\": 1, \"name\": \"ingress.fwd\", \"aliases\": [\"fwd\", \"ingress_fwd\"],\n"
    "      \"map\": \"ingress_fwd\", \"default_map\": \"ingress_fwd_default\",\n"
    "      \"kind\": \"hash\", \"size\": 16, \"key_size\": 8,\n"
    "      \"keys\": [\n"
    "        { \"name\": \"hdr.eth.type\", \"aliases\": [\"key.field0\"], \"match\": \"exact\",\n"
    "          \"width\": 16, \"offset\": 0, \"size\": 2, \"byte_order\": \"host\" },\n"
    "        { \"name\": \"hdr.ipv4.dst\", \"match\": \"exact\",\n"
    "          \"width\": 32, \"offset\": 4, \"size\": 4, \"byte_order\": \"host\" } ],\n"
    "      \"value_size\": 16,\n"
    "      \"actions\": [\n"
    "        { \"id\": 1, \"name\": \"NoAction\", \"params\": [] },\n"
    "        { \"id\": 2, \"code\": 5, \"name\": \"ingress.set\", \"aliases\": [\"set\"],\n"
    "          \"params\": [ { \"name\": \"port\", \"width\": 9, \"offset\": 8, \"size\": 2, \"byte_order\": \"host\" },\n"
    "                       { \"name\": \"mac\", \"width\": 48, \"offset\": 10, \"size\": 6, \"byte_order\": \"network\" } ] } ],\n"
    "      \"default_action\": { \"id\": 1, \"const\": false },\n"
    "      \"const_entries\": false },\n"
    "    { \"id\": 2, \"name\": \"ingress.routes\", \"map\": \"ingress_routes\",\n"
    "      \"default_map\": \"ingress_routes_default\", \"kind\": \"lpm\", \"size\": 16, \"key_size\": 9,\n"
    "      \"keys\": [\n"
    "        { \"name\": \"meta.vrf\", \"match\": \"exact\", \"width\": 8, \"offset\": 4, \"size\": 1, \"byte_order\": \"network\" },\n"
    "        { \"name\": \"hdr.ipv4.dst\", \"match\": \"lpm\", \"width\": 32, \"offset\": 5, \"size\": 4, \"byte_order\": \"network\" } ],\n"
    "      \"value_size\": 8,\n"
    "      \"actions\": [ { \"id\": 1, \"name\": \"egress.drop\", \"params\": [] } ],\n"
    "      \"default_action\": { \"id\": 1, \"const\": true } },\n"
    "    { \"id\": 3, \"name\": \"egress.acl\", \"map\": \"egress_acl\",\n"
    "      \"default_map\": \"egress_acl_default\", \"kind\": \"ternary\", \"size\": 8, \"key_size\": 8,\n"
    "      \"slot_size\": 32, \"slot_value_offset\": 8, \"slot_mask_offset\": 16, \"slot_action_offset\": 24,"
    " \"masks_map\": \"egress_acl_masks\", \"slots_map\": \"egress_acl_slots\","
    " \"header_map\": \"egress_acl_tss\", \"tss_key_size\": 16, \"tss_value_size\": 16, \"mask_size\": 24,"
    " \"cache_map\": \"egress_acl_cache\", \"cache_version_map\": \"egress_acl_cache_version\","
    " \"cache_size\": 64,\n"
    "      \"keys\": [\n"
    "        { \"name\": \"hdr.tcp.port\", \"match\": \"ternary\", \"width\": 16, \"offset\": 0, \"size\": 2, \"byte_order\": \"host\" },\n"
    "        { \"name\": \"hdr.tcp.flags\", \"match\": \"range\", \"width\": 8, \"offset\": 2, \"size\": 1, \"byte_order\": \"host\" },\n"
    "        { \"name\": \"hdr.ipv4.proto\", \"match\": \"optional\", \"width\": 8, \"offset\": 3, \"size\": 1, \"byte_order\": \"host\" },\n"
    "        { \"name\": \"hdr.ipv4.src\", \"match\": \"ternary\", \"width\": 20, \"offset\": 4, \"size\": 4, \"byte_order\": \"host\" } ],\n"
    "      \"value_size\": 8,\n"
    "      \"actions\": [ { \"id\": 7, \"name\": \"egress.drop\", \"params\": [] } ],\n"
    "      \"default_action\": null },\n"
    "    { \"id\": 4, \"name\": \"egress.idx\", \"map\": \"egress_idx\", \"kind\": \"array\", \"size\": 4,\n"
    "      \"keys\": [ { \"name\": \"meta.i\", \"match\": \"exact\", \"width\": 8, \"offset\": 0, \"size\": 4 } ],\n"
    "      \"value_size\": 8, \"actions\": [ { \"id\": 1, \"name\": \"egress.drop\", \"params\": [] } ],\n"
    "      \"const_entries\": true }\n"
    "  ],\n"
    "  \"counters\": [\n"
    "    { \"name\": \"ingress.hits\", \"aliases\": [\"hits\"], \"map\": \"ingress_hits\", \"kind\": \"array\", \"size\": 8, \"value\": \"packets\" },\n"
    "    { \"id\": 301989889, \"name\": \"egress.hits\", \"map\": \"egress_hits\", \"kind\": \"hash\", \"size\": 8 }\n"
    "  ], \"registers\": [ { \"id\": 369098753, \"name\": \"egress.last\", \"map\": \"egress_last\", \"size\": 4, \"width\": 12, \"value_size\": 2, \"initial_value\": 7 } ]\n"
    "}\n";

static P4Info info;

static int setup(void **state)
{
    (void)state;
    if (p4info_parse("p.json", base_json, strlen(base_json), &info) != 0) {
        fprintf(stderr, "%s\n", p4rt_errmsg());
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    p4info_free(&info);
    return 0;
}

static void test_read(void **state)
{
    (void)state;
    assert_int_equal(info.version, 1);
    assert_string_equal(info.program, "prog");
    assert_string_equal(info.arch, "xdp");
    assert_string_equal(info.ports_map, "p4cc_ports");
    assert_string_equal(info.out_map, "p4cc_out");
    assert_int_equal(info.ntables, 4);
    P4iTable *t = &info.tables[0];
    assert_string_equal(t->n.name, "ingress.fwd");
    assert_int_equal(t->kind, P4I_HASH);
    assert_int_equal(t->key_size, 8);
    assert_int_equal(t->nkeys, 2);
    assert_int_equal(t->keys[1].offset, 4);
    assert_false(t->keys[1].network);
    assert_int_equal(t->nactions, 2);
    assert_int_equal(t->actions[1].nparams, 2);
    assert_true(t->actions[1].params[1].network);
    assert_int_equal(t->default_action, 1);
    assert_false(t->default_const);
    assert_true(info.tables[1].default_const);
    assert_int_equal(info.tables[1].kind, P4I_LPM_TRIE);
    assert_int_equal(info.tables[2].kind, P4I_SLOTS);
    assert_int_equal(info.tables[2].slot_mask_offset, 16);
    assert_string_equal(info.tables[2].masks_map, "egress_acl_masks");
    assert_int_equal(info.tables[2].mask_size, 24);
    assert_int_equal(info.tables[2].default_action, 0);
    assert_int_equal(info.tables[3].kind, P4I_ARRAY);
    assert_int_equal(info.tables[3].key_size, 4);
    assert_true(info.tables[3].const_entries);
    assert_int_equal(info.ncounters, 2);
    assert_true(info.counters[1].sparse);
    assert_null(info.counters[1].value);
    assert_int_equal(info.counters[0].id, 0);
    assert_int_equal(info.counters[1].id, 301989889);
    /* "code" is the number entries store; without it, the id. */
    assert_int_equal(t->actions[0].code, 1);
    assert_int_equal(t->actions[1].id, 2);
    assert_int_equal(t->actions[1].code, 5);
    assert_int_equal(info.nregisters, 1);
    assert_string_equal(info.registers[0].n.name, "egress.last");
    assert_int_equal(info.registers[0].id, 369098753);
    assert_int_equal(info.registers[0].size, 4);
    assert_int_equal(info.registers[0].width, 12);
    assert_int_equal(info.registers[0].value_size, 2);
    assert_int_equal(info.registers[0].initial, 7);
    /* A lookup cache only where p4info gives one. */
    assert_string_equal(info.tables[2].cache_map, "egress_acl_cache");
    assert_string_equal(info.tables[2].cache_version_map, "egress_acl_cache_version");
    assert_int_equal(info.tables[2].cache_size, 64);
    for (size_t i = 0; i < info.ntables; i++) {
        if (i == 2)
            continue;
        assert_null(info.tables[i].cache_map);
        assert_null(info.tables[i].cache_version_map);
        assert_int_equal(info.tables[i].cache_size, 0);
    }
    assert_string_equal(p4i_kind_name(P4I_SLOTS), "ternary");
    assert_string_equal(p4i_match_name(P4I_OPTIONAL), "optional");
}

/* base_json with FROM replaced by TO must fail with MSG. */
static void check_invalid(const char *from, const char *to, const char *msg)
{
    const char *at = strstr(base_json, from);
    assert_non_null(at);
    size_t n = strlen(base_json) + strlen(to) + 1;
    char *text = malloc(n);
    size_t k = (size_t)(at - base_json);
    memcpy(text, base_json, k);
    strcpy(text + k, to);
    strcat(text, at + strlen(from));
    P4Info bad;
    int r = p4info_parse("p.json", text, strlen(text), &bad);
    p4info_free(&bad);
    free(text);
    if (r != -EINVAL || strcmp(p4rt_errmsg(), msg) != 0) {
        fprintf(stderr, "replacing %s by %s\nwanted: %s\ngot:    %s\n", from, to, msg,
                p4rt_errmsg());
        fail();
    }
}

static void test_invalid(void **state)
{
    (void)state;
    check_invalid("\"p4info_version\": 1", "\"p4info_version\": 2",
                  "p.json: unsupported p4info_version 2 (p4ctl reads version 1)");
    check_invalid("\"p4info_version\": 1,", "", "p.json: missing \"p4info_version\"");
    check_invalid("\"tables\": [", "\"tables\": [}", "p.json:4:14: invalid JSON: unexpected character");
    check_invalid("} ]\n}\n", "} ]\n", "p.json:49:1: invalid JSON: unexpected end of file");
    check_invalid("\"kind\": \"hash\"", "\"kind\": \"bloom\"",
                  "p.json: tables[0] (ingress.fwd): unknown table kind \"bloom\"");
    check_invalid("\"kind\": \"hash\"", "\"kind\": \"keyless\"",
                  "p.json: tables[0] (ingress.fwd): a keyless table has no keys, not 2");
    check_invalid("\"map\": \"ingress_fwd\", ", "",
                  "p.json: tables[0] (ingress.fwd): missing \"map\"");
    check_invalid("\"width\": 16,", "",
                  "p.json: tables[0] (ingress.fwd): keys[0]: missing \"width\"");
    check_invalid("\"width\": 16,", "\"width\": \"16\",",
                  "p.json: tables[0] (ingress.fwd): keys[0]: \"width\" must be an integer");
    check_invalid("\"width\": 16,", "\"width\": 17,",
                  "p.json: tables[0] (ingress.fwd): keys[0]: \"size\" 2 bytes cannot hold 17 bits");
    check_invalid("\"size\": 2, \"byte_order\": \"host\" },\n        { \"name\": \"hdr.ipv4.dst\"",
                  "\"size\": 3, \"byte_order\": \"host\" },\n        { \"name\": \"hdr.ipv4.dst\"",
                  "p.json: tables[0] (ingress.fwd): keys[0]: a host-order field must have \"size\" "
                  "1, 2, 4 or 8, not 3");
    check_invalid("\"byte_order\": \"host\" },\n        { \"name\": \"hdr.ipv4.dst\"",
                  "\"byte_order\": \"big\" },\n        { \"name\": \"hdr.ipv4.dst\"",
                  "p.json: tables[0] (ingress.fwd): keys[0]: \"byte_order\" must be \"host\" or "
                  "\"network\", not \"big\"");
    check_invalid("\"width\": 32, \"offset\": 4, \"size\": 4, \"byte_order\": \"host\"",
                  "\"width\": 32, \"offset\": 6, \"size\": 4, \"byte_order\": \"host\"",
                  "p.json: tables[0] (ingress.fwd): keys[1]: bytes 6..9 lie outside 0..7");
    check_invalid("\"match\": \"exact\",\n          \"width\": 16",
                  "\"match\": \"fuzzy\",\n          \"width\": 16",
                  "p.json: tables[0] (ingress.fwd): keys[0]: unknown match kind \"fuzzy\"");
    check_invalid("\"match\": \"exact\",\n          \"width\": 16",
                  "\"match\": \"ternary\",\n          \"width\": 16",
                  "p.json: tables[0] (ingress.fwd): keys[0]: a hash table has only exact keys, not "
                  "ternary");
    check_invalid("{ \"id\": 1, \"name\": \"NoAction\"", "{ \"id\": 0, \"name\": \"NoAction\"",
                  "p.json: tables[0] (ingress.fwd): actions[0]: action id 0 is reserved (\"no action\")");
    check_invalid("\"code\": 5,", "\"code\": 1,",
                  "p.json: tables[0] (ingress.fwd): actions[1]: action code 1 is also the code of "
                  "\"NoAction\"");
    check_invalid("\"code\": 5,", "\"code\": 0,",
                  "p.json: tables[0] (ingress.fwd): actions[1]: action code 0 is reserved (\"no "
                  "action\")");
    check_invalid("\"width\": 12, \"value_size\": 2", "\"width\": 17, \"value_size\": 2",
                  "p.json: registers[0]: \"value_size\" 2 bytes cannot hold 17 bits");
    check_invalid("\"value_size\": 2, \"initial_value\": 7", "\"value_size\": 3, \"initial_value\": 7",
                  "p.json: registers[0]: \"value_size\" must be 1, 2, 4 or 8, not 3");
    check_invalid("\"initial_value\": 7", "\"initial_value\": 4096",
                  "p.json: registers[0]: \"initial_value\" 4096 is wider than 12 bits");
    check_invalid("{ \"id\": 2, \"code\": 5, \"name\": \"ingress.set\"", "{ \"id\": 1, \"code\": 5, \"name\": \"ingress.set\"",
                  "p.json: tables[0] (ingress.fwd): actions[1]: action id 1 is also the id of "
                  "\"NoAction\"");
    check_invalid("\"offset\": 10, \"size\": 6", "\"offset\": 12, \"size\": 6",
                  "p.json: tables[0] (ingress.fwd): actions[1]: params[1]: bytes 12..17 lie outside "
                  "8..15");
    check_invalid("\"name\": \"hdr.ipv4.dst\", \"match\": \"lpm\", \"width\": 32, \"offset\": 5",
                  "\"name\": \"hdr.ipv4.dst\", \"match\": \"lpm\", \"width\": 32, \"offset\": 4",
                  "p.json: tables[1] (ingress.routes): the lpm key \"hdr.ipv4.dst\" must come last "
                  "in the key");
    check_invalid("\"name\": \"meta.vrf\", \"match\": \"exact\", \"width\": 8, \"offset\": 4",
                  "\"name\": \"meta.vrf\", \"match\": \"exact\", \"width\": 8, \"offset\": 3",
                  "p.json: tables[1] (ingress.routes): keys[0]: bytes 3..3 lie outside 4..8");
    check_invalid("\"name\": \"meta.vrf\", \"match\": \"exact\"", "\"name\": \"meta.vrf\", \"match\": \"lpm\"",
                  "p.json: tables[1] (ingress.routes): an lpm table has exactly one lpm key, not 2");
    check_invalid("\"slot_action_offset\": 24", "\"slot_action_offset\": 28",
                  "p.json: tables[2] (egress.acl): the slot layout does not fit in \"slot_size\" 32");
    check_invalid("\"slot_size\": 32, ", "",
                  "p.json: tables[2] (egress.acl): missing \"slot_size\"");
    check_invalid("\"mask_size\": 24", "\"mask_size\": 20",
                  "p.json: tables[2] (egress.acl): the tuple-space layout does not fit in "
                  "\"tss_key_size\", \"tss_value_size\" or \"mask_size\"");
    check_invalid("\"value_size\": 16", "\"value_size\": 4",
                  "p.json: tables[0] (ingress.fwd): \"value_size\" 4 is smaller than the 8-byte "
                  "action header");
    check_invalid("\"kind\": \"hash\", \"size\": 8 }", "\"kind\": \"tree\", \"size\": 8 }",
                  "p.json: counters[1]: unknown counter kind \"tree\"");
    check_invalid("\"name\": \"egress.hits\", ", "", "p.json: counters[1]: missing \"name\"");
    check_invalid("\"aliases\": [\"hits\"]", "\"aliases\": [7]",
                  "p.json: counters[0]: \"aliases\" must hold strings");
}

/* The three fields of a lookup cache come together, each well-formed. */
static void test_invalid_cache(void **state)
{
    (void)state;
    const char *acl = "p.json: tables[2] (egress.acl): ";
    char msg[512];
    snprintf(msg, sizeof msg,
             "%smissing \"cache_version_map\" (a table with a lookup cache has \"cache_map\", "
             "\"cache_version_map\" and \"cache_size\")",
             acl);
    check_invalid(" \"cache_version_map\": \"egress_acl_cache_version\",", "", msg);
    snprintf(msg, sizeof msg,
             "%smissing \"cache_map\" (a table with a lookup cache has \"cache_map\", "
             "\"cache_version_map\" and \"cache_size\")",
             acl);
    check_invalid(" \"cache_map\": \"egress_acl_cache\",", "", msg);
    snprintf(msg, sizeof msg,
             "%smissing \"cache_size\" (a table with a lookup cache has \"cache_map\", "
             "\"cache_version_map\" and \"cache_size\")",
             acl);
    check_invalid(" \"cache_size\": 64,", "", msg);
    snprintf(msg, sizeof msg, "%s\"cache_size\" must be at least 1", acl);
    check_invalid("\"cache_size\": 64", "\"cache_size\": 0", msg);
    snprintf(msg, sizeof msg, "%s\"cache_size\" is out of range (-1)", acl);
    check_invalid("\"cache_size\": 64", "\"cache_size\": -1", msg);
    snprintf(msg, sizeof msg, "%s\"cache_size\" must be an integer", acl);
    check_invalid("\"cache_size\": 64", "\"cache_size\": \"64\"", msg);
    snprintf(msg, sizeof msg, "%s\"cache_map\" must be a string", acl);
    check_invalid("\"cache_map\": \"egress_acl_cache\"", "\"cache_map\": 7", msg);
    snprintf(msg, sizeof msg, "%sempty \"cache_version_map\"", acl);
    check_invalid("\"cache_version_map\": \"egress_acl_cache_version\"",
                  "\"cache_version_map\": \"\"", msg);
    /* Only a size, on a table without a cache. */
    check_invalid("\"kind\": \"hash\", \"size\": 16,", "\"kind\": \"hash\", \"size\": 16, \"cache_size\": 8,",
                  "p.json: tables[0] (ingress.fwd): missing \"cache_map\" (a table with a lookup "
                  "cache has \"cache_map\", \"cache_version_map\" and \"cache_size\")");
}

static long lookup_table(const char *q)
{
    long a, b;
    return P4I_LOOKUP(info.tables, info.ntables, q, &a, &b);
}

static void test_lookup(void **state)
{
    (void)state;
    assert_int_equal(lookup_table("ingress.fwd"), 0);
    assert_int_equal(lookup_table("fwd"), 0);          /* alias, and suffix */
    assert_int_equal(lookup_table("ingress_fwd"), 0);  /* alias, and map */
    assert_int_equal(lookup_table("ingress_routes"), 1); /* mangled name / map */
    assert_int_equal(lookup_table("routes"), 1);       /* dotted suffix */
    assert_int_equal(lookup_table("acl"), 2);
    assert_int_equal(lookup_table("outes"), -1);       /* not after a dot */
    assert_int_equal(lookup_table("ingress"), -1);
    assert_int_equal(lookup_table("egress_idx"), 3);

    const P4iTable *t = &info.tables[0];
    long a = 0, b = 0;
    assert_int_equal(P4I_LOOKUP(t->keys, t->nkeys, "dst", &a, &b), 1);
    assert_int_equal(P4I_LOOKUP(t->keys, t->nkeys, "key.field0", &a, &b), 0);
    assert_int_equal(P4I_LOOKUP(t->keys, t->nkeys, "hdr_ipv4_dst", &a, &b), 1);

    /* Counters named "hits": the alias wins over the suffix. */
    assert_int_equal(P4I_LOOKUP(info.counters, info.ncounters, "hits", &a, &b), 0);
}

static void test_ambiguous(void **state)
{
    (void)state;
    P4iNames names[2] = {{"a.x", NULL, 0}, {"b.x", NULL, 0}};
    long a = -1, b = -1;
    assert_int_equal(P4I_LOOKUP(names, 2, "x", &a, &b), -2);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(P4I_LOOKUP(names, 2, "b.x", &a, &b), 1);
}

/* p4c spells a stack element s$N (BMv2's packet tests do too); ours is s[N]. */
static void test_stack_element_names(void **state)
{
    (void)state;
    P4iNames names[3] = {{"hdrs.extra[0].h", NULL, 0}, {"hdrs.extra[1].h", NULL, 0},
                         {"hdrs.x$0", NULL, 0}};
    long a = -1, b = -1;
    assert_int_equal(P4I_LOOKUP(names, 3, "extra$0.h", &a, &b), 0);
    assert_int_equal(P4I_LOOKUP(names, 3, "hdrs.extra$1.h", &a, &b), 1);
    assert_int_equal(P4I_LOOKUP(names, 3, "extra$2.h", &a, &b), -1);
    assert_int_equal(P4I_LOOKUP(names, 3, "x$0", &a, &b), 2);   /* a name's own '$' */
}

static P4Value val(const char *text)
{
    P4Value v;
    size_t off;
    assert_int_equal(p4v_parse(text, strlen(text), P4V_ALLOW_ALL, &v, &off), 0);
    return v;
}

static void test_entry_hash(void **state)
{
    (void)state;
    P4Value k0 = val("0x0800"), k1 = val("0x0a000001"), port = val("3"),
            mac = val("0x0000deadbeef");
    P4eNamed keys[] = {{"key.field0", &k0}, {"dst", &k1}};
    P4eNamed args[] = {{"mac", &mac}, {"port", &port}};
    P4Entry e;
    const P4iTable *t = p4e_table(&info, "fwd");
    assert_non_null(t);
    assert_int_equal(p4e_entry(t, keys, 2, 0, "set", args, 2, &e), 0);
    uint16_t type;
    uint32_t dst, id;
    memcpy(&type, e.key, 2);
    memcpy(&dst, e.key + 4, 4);
    assert_int_equal(type, 0x0800);
    assert_int_equal(dst, 0x0a000001);
    assert_int_equal(e.key[2], 0); /* padding */
    memcpy(&id, e.value, 4);
    assert_int_equal(id, 5); /* the code of ingress.set */
    uint16_t p;
    memcpy(&p, e.value + 8, 2);
    assert_int_equal(p, 3);
    const uint8_t m[] = {0, 0, 0xde, 0xad, 0xbe, 0xef};
    assert_memory_equal(e.value + 10, m, 6);
    assert_null(e.mask);
    p4e_entry_free(&e);
}

static void test_entry_lpm(void **state)
{
    (void)state;
    P4Value vrf = val("2"), dst = val("0x0a010000/16");
    P4eNamed keys[] = {{"meta.vrf", &vrf}, {"hdr.ipv4.dst", &dst}};
    P4Entry e;
    const P4iTable *t = p4e_table(&info, "ingress.routes");
    assert_int_equal(p4e_entry(t, keys, 2, 0, "egress.drop", NULL, 0, &e), 0);
    uint32_t plen;
    memcpy(&plen, e.key, 4);
    assert_int_equal(plen, 8 + 16);
    const uint8_t data[] = {2, 0x0a, 0x01, 0, 0};
    assert_memory_equal(e.key + 4, data, 5);
    p4e_entry_free(&e);

    /* A plain value is a full-length prefix; a left-out lpm field is /0. */
    P4Value full = val("0x0a010203");
    keys[1].value = &full;
    assert_int_equal(p4e_entry(t, keys, 2, 0, "drop", NULL, 0, &e), 0);
    memcpy(&plen, e.key, 4);
    assert_int_equal(plen, 40);
    p4e_entry_free(&e);
    assert_int_equal(p4e_entry(t, keys, 1, 0, "drop", NULL, 0, &e), 0);
    memcpy(&plen, e.key, 4);
    assert_int_equal(plen, 8);
    p4e_entry_free(&e);
}

static void test_entry_ternary(void **state)
{
    (void)state;
    P4Value port = val("0x0a**"), flags = val("7"), proto = val("0x**"), src = val("0x10&&&0xf0");
    P4eNamed keys[] = {{"hdr.tcp.port", &port}, {"hdr.tcp.flags", &flags},
                       {"hdr.ipv4.proto", &proto}, {"hdr.ipv4.src", &src}};
    P4Entry e;
    const P4iTable *t = p4e_table(&info, "acl");
    assert_int_equal(p4e_entry(t, keys, 4, 9, "drop", NULL, 0, &e), 0);
    uint16_t v16, m16;
    memcpy(&v16, e.key, 2);
    memcpy(&m16, e.mask, 2);
    assert_int_equal(v16, 0x0a00);
    assert_int_equal(m16, 0xff00);
    assert_int_equal(e.key[2], 7); /* range: low */
    assert_int_equal(e.mask[2], 7); /* range: high */
    assert_int_equal(e.mask[3], 0); /* optional, don't care */
    uint32_t v32, m32;
    memcpy(&v32, e.key + 4, 4);
    memcpy(&m32, e.mask + 4, 4);
    assert_int_equal(v32, 0x10);
    assert_int_equal(m32, 0xf0);
    assert_int_equal(e.priority, 9);
    p4e_entry_free(&e);

    /* A value with bits outside its mask is refused, the bits named. */
    src = val("0x12&&&0xf0");
    assert_int_equal(p4e_entry(t, keys, 4, 9, "drop", NULL, 0, &e), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "bits 0x02 of the value are outside its mask; write "
                                       "0x10&&&0xf0");
    assert_int_equal(p4rt_errwhere()->index, 3);
    p4e_entry_free(&e);

    /* Bits above the digits given must match (zero); a prefix on a ternary
     * field; left-out fields match anything (a range: 0..max). */
    P4Value narrow = val("0x1*"), pre = val("0x80000/4");
    keys[0].value = &narrow;
    keys[1] = keys[3];
    keys[1].value = &pre;
    assert_int_equal(p4e_entry(t, keys, 2, 0, "drop", NULL, 0, &e), 0);
    memcpy(&m16, e.mask, 2);
    assert_int_equal(m16, 0xfff0);
    memcpy(&m32, e.mask + 4, 4);
    assert_int_equal(m32, 0xf0000);
    assert_int_equal(e.key[2], 0);
    assert_int_equal(e.mask[2], 0xff);
    p4e_entry_free(&e);
}

/* The entry must fail at WHERE/INDEX with MSG. */
static void check_entry_error(const char *table, P4eNamed *keys, size_t nkeys, const char *action,
                              P4eNamed *args, size_t nargs, p4rt_part where, size_t index,
                              const char *msg)
{
    P4Entry e;
    const P4iTable *t = p4e_table(&info, table);
    int r = t ? p4e_entry(t, keys, nkeys, 0, action, args, nargs, &e) : -ENOENT;
    if (t)
        p4e_entry_free(&e);
    const p4rt_where *w = p4rt_errwhere();
    if (r >= 0 || w->part != where || w->index != index || strcmp(p4rt_errmsg(), msg) != 0) {
        fprintf(stderr, "wanted %d/%zu: %s\ngot    %d/%zu: %s\n", where, index, msg, w->part,
                w->index, p4rt_errmsg());
        fail();
    }
}

static void test_entry_errors(void **state)
{
    (void)state;
    P4Value one = val("1"), wide = val("0x10000"), tern = val("0x1*"), pre = val("0x0a000000/33"),
            big = val("512"), mask = val("1&&&0x1ff"), dst = val("7");
    P4eNamed k[3] = {{"key.field0", &one}, {"hdr.ipv4.dst", &dst}, {"x", &one}};
    P4eNamed a[2] = {{"port", &one}, {"mac", &one}};

    check_entry_error("nosuch", k, 2, "set", a, 2, P4RT_AT_NAME, 0,
                      "the program has no table 'nosuch'"
                      " (its tables: ingress.fwd, ingress.routes, egress.acl, egress.idx)");
    check_entry_error("fwd", k, 2, "fly", a, 2, P4RT_AT_ACTION, 0,
                      "table 'ingress.fwd' has no action 'fly'"
                      " (its actions: NoAction, ingress.set)");
    k[2].name = "hdr.ipv4.ttl";
    check_entry_error("fwd", k, 3, "set", a, 2, P4RT_AT_KEY_NAME, 2,
                      "table 'ingress.fwd' has no key field 'hdr.ipv4.ttl'"
                      " (its key fields: hdr.eth.type, hdr.ipv4.dst)");
    k[2].name = "dst";
    check_entry_error("fwd", k, 3, "set", a, 2, P4RT_AT_KEY_NAME, 2,
                      "key field 'hdr.ipv4.dst' is given twice");
    check_entry_error("fwd", k, 1, "set", a, 2, P4RT_AT_NAME, 0,
                      "missing key field 'hdr.ipv4.dst' of table 'ingress.fwd'");
    k[0].value = &wide;
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_KEY_VALUE, 0,
                      "value 0x10000 does not fit in key field 'hdr.eth.type' (bit<16>)");
    k[0].value = &tern;
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_KEY_VALUE, 0,
                      "key field 'hdr.eth.type' is matched exact: it takes a plain value, not a "
                      "ternary value");
    k[0].value = &one;
    a[0].value = &big;
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_ARG_VALUE, 0,
                      "value 512 does not fit in parameter 'port' (bit<9>)");
    a[0].value = &one;
    check_entry_error("fwd", k, 2, "set", a, 1, P4RT_AT_ACTION, 0,
                      "missing argument 'mac' of action 'ingress.set'");
    a[1].name = "vlan";
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_ARG_NAME, 1,
                      "action 'ingress.set' has no parameter 'vlan' (its parameters: port, mac)");
    a[1].name = "port";
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_ARG_NAME, 1,
                      "parameter 'port' of action 'ingress.set' is given twice");
    a[1].name = "mac";
    a[1].value = &tern;
    check_entry_error("fwd", k, 2, "set", a, 2, P4RT_AT_ARG_VALUE, 1,
                      "an action argument must be a plain number");

    P4eNamed lk[2] = {{"meta.vrf", &one}, {"hdr.ipv4.dst", &pre}};
    check_entry_error("routes", lk, 2, "drop", NULL, 0, P4RT_AT_KEY_VALUE, 1,
                      "prefix length 33 is longer than key field 'hdr.ipv4.dst' (bit<32>)");
    lk[1].value = &mask;
    check_entry_error("routes", lk, 2, "drop", NULL, 0, P4RT_AT_KEY_VALUE, 1,
                      "key field 'hdr.ipv4.dst' is matched lpm: it takes VALUE/LEN or a plain "
                      "value, not a masked value");
}

static void test_entry_errors2(void **state)
{
    (void)state;
    P4Value mask = val("1&&&0x1fffff"), tern = val("0x1*"), one = val("1"), idx = val("4");
    P4eNamed tk[1] = {{"hdr.ipv4.src", &mask}};
    check_entry_error("acl", tk, 1, "drop", NULL, 0, P4RT_AT_KEY_VALUE, 0,
                      "mask 0x1fffff does not fit in key field 'hdr.ipv4.src' (bit<20>)");
    tk[0] = (P4eNamed){"hdr.tcp.flags", &tern};
    check_entry_error("acl", tk, 1, "drop", NULL, 0, P4RT_AT_KEY_VALUE, 0,
                      "key field 'hdr.tcp.flags' is matched range: it takes a plain value or LOW..HIGH, not a "
                      "ternary value");
    tk[0] = (P4eNamed){"hdr.ipv4.proto", &tern};
    check_entry_error("acl", tk, 1, "drop", NULL, 0, P4RT_AT_KEY_VALUE, 0,
                      "key field 'hdr.ipv4.proto' is matched optional: it takes a plain value or "
                      "all don't-care digits");
    tk[0] = (P4eNamed){"meta.i", &idx};
    check_entry_error("egress.idx", tk, 1, "drop", NULL, 0, P4RT_AT_NAME, 0,
                      "table 'egress.idx' has const entries: it cannot be changed");
    (void)one;
}

static void test_default_value(void **state)
{
    (void)state;
    const P4iTable *t = p4e_table(&info, "fwd");
    uint8_t value[16];
    P4Value port = val("0x1ff"), mac = val("0x010203040506");
    P4eNamed args[] = {{"port", &port}, {"mac", &mac}};
    assert_int_equal(p4e_action_value(t, "ingress_set", args, 2, value), 0);
    uint32_t id;
    memcpy(&id, value, 4);
    assert_int_equal(id, 5); /* the code of ingress.set */
    /* Every argument must be given (STF's "pipe_Reject()" is the runner's
     * business: it gives the zeros). */
    assert_int_equal(p4e_action_value(t, "set", NULL, 0, value), -EINVAL);
    assert_string_equal(p4rt_errmsg(), "missing argument 'port' of action 'ingress.set'");
    /* _NoAction is NoAction. */
    assert_int_equal(p4e_action_value(t, "_NoAction", NULL, 0, value), 0);
    memcpy(&id, value, 4);
    assert_int_equal(id, 1);
    assert_null(p4e_counter(&info, "nosuch"));
    assert_string_equal(p4rt_errmsg(), "the program has no counter 'nosuch'"
                                       " (its counters: ingress.hits, egress.hits)");
    assert_int_equal(p4rt_errwhere()->part, P4RT_AT_NAME);
    assert_non_null(p4e_counter(&info, "egress.hits"));
}

/* An unknown name lists the table's own names, cut short with "..." when
 * they do not fit in the message. */
static void test_unknown_name_lists(void **state)
{
    (void)state;
    enum { NKEYS = 40 };
    char names[NKEYS][40];
    P4iField keys[NKEYS];
    memset(keys, 0, sizeof keys);
    for (unsigned i = 0; i < NKEYS; i++) {
        snprintf(names[i], sizeof names[i], "hdr.some_header.field_%02u", i);
        keys[i].n.name = names[i];
        keys[i].width = 8;
        keys[i].size = 1;
    }
    P4iTable t = {.n.name = "ingress.wide", .keys = keys, .nkeys = NKEYS, .key_size = NKEYS,
                  .value_size = 4};
    P4Value one = val("1");
    P4eNamed k[1] = {{"nosuch", &one}};
    P4Entry e;
    assert_int_equal(p4e_entry(&t, k, 1, 0, "any", NULL, 0, &e), -EINVAL);
    p4e_entry_free(&e);
    assert_int_equal(p4rt_errwhere()->part, P4RT_AT_KEY_NAME);
    const char *want = "table 'ingress.wide' has no key field 'nosuch' (its key fields: "
                       "hdr.some_header.field_00, hdr.some_header.field_01, ";
    const char *msg = p4rt_errmsg();
    assert_memory_equal(msg, want, strlen(want));
    size_t n = strlen(msg);
    assert_true(n < 320);
    assert_string_equal(msg + n - 6, ", ...)");

    t.nkeys = 1;
    assert_int_equal(p4e_entry(&t, k, 1, 0, "any", NULL, 0, &e), -EINVAL);
    p4e_entry_free(&e);
    assert_string_equal(p4rt_errmsg(), "table 'ingress.wide' has no key field 'nosuch' (its key "
                                       "fields: hdr.some_header.field_00)");
}

/* value_sets: read, looked up by alias and map name, and checked. */
static void test_value_sets(void **state)
{
    (void)state;
    static const char good[] =
        "{ \"p4info_version\": 1, \"value_sets\": [ { \"id\": 7, \"name\": \"prs.pvs\", "
        "\"aliases\": [\"pvs\"], \"map\": \"prs_pvs\", \"size\": 4, \"width\": 12, "
        "\"key_size\": 2, \"byte_order\": \"host\" } ] }";
    P4Info vi;
    assert_int_equal(p4info_parse("v.json", good, strlen(good), &vi), 0);
    assert_int_equal(vi.nvalue_sets, 1);
    assert_string_equal(vi.value_sets[0].map, "prs_pvs");
    assert_int_equal(vi.value_sets[0].id, 7);
    assert_int_equal(vi.value_sets[0].size, 4);
    assert_int_equal(vi.value_sets[0].width, 12);
    assert_int_equal(vi.value_sets[0].key_size, 2);
    assert_ptr_equal(p4e_value_set(&vi, "pvs"), &vi.value_sets[0]);
    assert_ptr_equal(p4e_value_set(&vi, "prs_pvs"), &vi.value_sets[0]);
    assert_null(p4e_value_set(&vi, "other"));
    assert_string_equal(p4rt_errmsg(),
                        "the program has no value set 'other' (its value sets: prs.pvs)");
    p4info_free(&vi);

    static const struct { const char *from, *to, *msg; } bad[] = {
        {"\"key_size\": 2", "\"key_size\": 3",
         "v.json: value_sets[0] (prs.pvs): \"key_size\" must be 1, 2, 4 or 8, not 3"},
        {"\"key_size\": 2", "\"key_size\": 1",
         "v.json: value_sets[0] (prs.pvs): \"key_size\" 1 bytes cannot hold 12 bits"},
        {"\"host\"", "\"network\"",
         "v.json: value_sets[0] (prs.pvs): a network-order value set of 12 bits has \"key_size\" 0"},
        {"\"host\"", "\"big\"",
         "v.json: value_sets[0] (prs.pvs): \"byte_order\" of a value set must be \"host\" or "
         "\"network\""},
        {"\"byte_order\"", "\"kind\": \"trie\", \"byte_order\"",
         "v.json: value_sets[0] (prs.pvs): \"kind\" of a value set must be \"hash\" or \"slots\""},
        {"\"map\": \"prs_pvs\", ", "", "v.json: value_sets[0] (prs.pvs): missing \"map\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[sizeof good + 16];
        const char *at = strstr(good, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(p4info_parse("v.json", text, strlen(text), &vi), -EINVAL);
        assert_string_equal(p4rt_errmsg(), bad[i].msg);
        p4info_free(&vi);
    }
}

/* Registers wider than 64 bits (network-order bytes, initial value 0)
 * and of structs (their packed "fields"). */
static void test_wide_registers(void **state)
{
    (void)state;
    static const char good[] =
        "{ \"p4info_version\": 1, \"registers\": [ { \"id\": 9, \"name\": \"ing.r\", "
        "\"map\": \"ing_r\", \"size\": 4, \"width\": 69, \"value_size\": 9, "
        "\"initial_value\": 0, \"byte_order\": \"network\", "
        "\"fields\": [ { \"name\": \"a\", \"width\": 64 }, "
        "{ \"name\": \"in.b\", \"width\": 5 } ] } ] }";
    P4Info ri;
    assert_int_equal(p4info_parse("r.json", good, strlen(good), &ri), 0);
    assert_true(ri.registers[0].network);
    assert_int_equal(ri.registers[0].width, 69);
    assert_int_equal(ri.registers[0].value_size, 9);
    assert_int_equal(ri.registers[0].nfields, 2);
    assert_string_equal(ri.registers[0].fields[1].name, "in.b");
    assert_int_equal(ri.registers[0].fields[1].width, 5);
    p4info_free(&ri);

    static const struct { const char *from, *to, *msg; } bad[] = {
        {"\"value_size\": 9", "\"value_size\": 10",
         "r.json: registers[0]: \"value_size\" of 69-bit cells must be 9, not 10"},
        {"\"network\"", "\"host\"",
         "r.json: registers[0]: a register of 69 bits has \"byte_order\" \"network\""},
        {"\"initial_value\": 0", "\"initial_value\": 1",
         "r.json: registers[0]: \"initial_value\" of 69-bit cells must be 0"},
        {"\"width\": 5 }", "\"width\": 6 }",
         "r.json: registers[0]: the widths of \"fields\" add up to 70, not the \"width\" 69"},
        {"\"width\": 69", "\"width\": 257",
         "r.json: registers[0]: \"width\" is out of range (257)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[sizeof good + 16];
        const char *at = strstr(good, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(p4info_parse("r.json", text, strlen(text), &ri), -EINVAL);
        assert_string_equal(p4rt_errmsg(), bad[i].msg);
        p4info_free(&ri);
    }
}

/* Value sets of members wider than 64 bits (network-order keys) and of
 * slots (fields with match kinds). */
static void test_value_set_kinds(void **state)
{
    (void)state;
    static const char wide[] =
        "{ \"p4info_version\": 1, \"value_sets\": [ { \"id\": 7, \"name\": \"prs.w\", "
        "\"map\": \"prs_w\", \"size\": 4, \"width\": 72, \"key_size\": 9, "
        "\"byte_order\": \"network\", \"fields\": [ { \"name\": \"a\", \"width\": 48 }, "
        "{ \"name\": \"b\", \"width\": 24 } ] } ] }";
    static const char slots[] =
        "{ \"p4info_version\": 1, \"value_sets\": [ { \"id\": 7, \"name\": \"prs.s\", "
        "\"map\": \"prs_s\", \"size\": 4, \"width\": 21, \"key_size\": 4, "
        "\"byte_order\": \"host\", \"kind\": \"slots\", \"slot_size\": 40, "
        "\"fields\": [ { \"name\": \"a\", \"width\": 16, \"match\": \"ternary\" }, "
        "{ \"name\": \"b\", \"width\": 5, \"match\": \"range\" } ] } ] }";
    P4Info vi;
    assert_int_equal(p4info_parse("v.json", wide, strlen(wide), &vi), 0);
    assert_true(vi.value_sets[0].network);
    assert_false(vi.value_sets[0].slots);
    assert_int_equal(vi.value_sets[0].key_size, 9);
    p4info_free(&vi);
    assert_int_equal(p4info_parse("v.json", slots, strlen(slots), &vi), 0);
    assert_true(vi.value_sets[0].slots);
    assert_int_equal(vi.value_sets[0].slot_size, 40);
    assert_int_equal(vi.value_sets[0].fields[0].match, P4I_TERNARY);
    assert_int_equal(vi.value_sets[0].fields[1].match, P4I_RANGE);
    p4info_free(&vi);

    static const struct { const char *base, *from, *to, *msg; } bad[] = {
        {wide, "\"key_size\": 9", "\"key_size\": 8",
         "v.json: value_sets[0] (prs.w): a network-order value set of 72 bits has \"key_size\" 9"},
        {slots, "\"slot_size\": 40", "\"slot_size\": 24",
         "v.json: value_sets[0] (prs.s): \"slot_size\" of 2 fields must be 40, not 24"},
        {slots, "\"match\": \"range\"", "\"match\": \"fuzzy\"",
         "v.json: value_sets[0] (prs.s): fields[1]: unknown match kind"},
        {slots, "\"kind\": \"slots\", ", "",
         "v.json: value_sets[0] (prs.s): fields[0]: a ternary field needs \"kind\" \"slots\""},
        {slots, "\"key_size\": 4", "\"key_size\": 8",
         "v.json: value_sets[0] (prs.s): a value set of slots has \"key_size\" 4 in host order"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1024];
        const char *at = strstr(bad[i].base, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - bad[i].base), bad[i].base, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(p4info_parse("v.json", text, strlen(text), &vi), -EINVAL);
        assert_string_equal(p4rt_errmsg(), bad[i].msg);
        p4info_free(&vi);
    }
}

/* A value set of structs: its "fields", whose widths add up to its width. */
static void test_value_set_fields(void **state)
{
    (void)state;
    static const char good[] =
        "{ \"p4info_version\": 1, \"value_sets\": [ { \"id\": 7, \"name\": \"prs.pvs\", "
        "\"map\": \"prs_pvs\", \"size\": 4, \"width\": 19, \"key_size\": 4, "
        "\"fields\": [ { \"name\": \"a\", \"width\": 16 }, "
        "{ \"name\": \"in.b\", \"width\": 3 } ] } ] }";
    P4Info vi;
    assert_int_equal(p4info_parse("v.json", good, strlen(good), &vi), 0);
    assert_int_equal(vi.value_sets[0].nfields, 2);
    assert_string_equal(vi.value_sets[0].fields[1].name, "in.b");
    assert_int_equal(vi.value_sets[0].fields[1].width, 3);
    p4info_free(&vi);

    static const struct { const char *from, *to, *msg; } bad[] = {
        {"\"width\": 3 }", "\"width\": 4 }",
         "v.json: value_sets[0] (prs.pvs): the widths of \"fields\" add up to 20, not the "
         "\"width\" 19"},
        {"\"in.b\"", "\"a\"", "v.json: value_sets[0] (prs.pvs): two fields named 'a'"},
        {"\"width\": 3 }", "\"width\": 0 }",
         "v.json: value_sets[0] (prs.pvs): fields[1]: \"width\" must be at least 1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[sizeof good + 16];
        const char *at = strstr(good, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(p4info_parse("v.json", text, strlen(text), &vi), -EINVAL);
        assert_string_equal(p4rt_errmsg(), bad[i].msg);
        p4info_free(&vi);
    }
}

/* v1model's digests: their fields with kinds and members, and what is
 * wrong in a digest's description. */
static void test_digests(void **state)
{
    (void)state;
    static const char good[] =
        "{ \"p4info_version\": 1, \"digests\": [ { \"id\": 391581919, \"name\": \"learn_t\", "
        "\"map\": \"p4cc_digest_learn_t\", \"ring_size\": 262144, "
        "\"lost_map\": \"p4cc_digest_lost\", \"lost_index\": 0, \"size\": 16, \"fields\": [ "
        "{ \"name\": \"mac\", \"width\": 48, \"offset\": 0, \"size\": 8, "
        "\"byte_order\": \"host\", \"type\": \"bits\" }, "
        "{ \"name\": \"neg\", \"width\": 12, \"offset\": 8, \"size\": 2, "
        "\"byte_order\": \"host\", \"type\": \"bits\", \"signed\": true }, "
        "{ \"name\": \"c\", \"width\": 32, \"offset\": 12, \"size\": 4, "
        "\"byte_order\": \"host\", \"type\": \"enum\", \"type_name\": \"color_t\", "
        "\"members\": [ { \"name\": \"RED\", \"value\": 0 }, "
        "{ \"name\": \"GREEN\", \"value\": 1 } ] } ] } ] }";
    P4Info di;
    assert_int_equal(p4info_parse("d.json", good, strlen(good), &di), 0);
    assert_int_equal(di.ndigests, 1);
    const P4iDigest *d = &di.digests[0];
    assert_string_equal(d->map, "p4cc_digest_learn_t");
    assert_string_equal(d->lost_map, "p4cc_digest_lost");
    assert_int_equal(d->id, 391581919);
    assert_int_equal(d->size, 16);
    assert_int_equal(d->nfields, 3);
    assert_true(d->fields[1].is_signed);
    assert_int_equal(d->fields[2].kind, P4RT_DIGEST_ENUM);
    assert_string_equal(d->fields[2].type_name, "color_t");
    assert_int_equal(d->fields[2].nmembers, 2);
    assert_string_equal(d->fields[2].member_names[1], "GREEN");
    assert_int_equal(d->fields[2].member_values[1], 1);
    /* The map's name is an alias. */
    long a, b;
    assert_int_equal(P4I_LOOKUP(di.digests, di.ndigests, "p4cc_digest_learn_t", &a, &b), 0);
    p4info_free(&di);

    static const struct { const char *from, *to, *msg; } bad[] = {
        {"\"size\": 16", "\"size\": 12",
         "d.json: digests[0] (learn_t): fields[2]: bytes 12..15 lie outside 0..11"},
        {"\"type\": \"enum\"", "\"type\": \"set\"",
         "d.json: digests[0] (learn_t): fields[2]: unknown \"type\" \"set\""},
        {"\"neg\"", "\"mac\"", "d.json: digests[0] (learn_t): fields[1]: two fields named 'mac'"},
        {"\"lost_map\": \"p4cc_digest_lost\", ", "",
         "d.json: digests[0] (learn_t): missing \"lost_map\""},
        {"\"value\": 1 }", "\"value\": \"1\" }",
         "d.json: digests[0] (learn_t): fields[2]: members[1]: \"value\" must be an integer"},
        {"\"width\": 48, \"offset\": 0, \"size\": 8, \"byte_order\": \"host\"",
         "\"width\": 72, \"offset\": 0, \"size\": 9, \"byte_order\": \"host\"",
         "d.json: digests[0] (learn_t): fields[0]: a host-order field must have \"size\" 1, 2, 4 "
         "or 8, not 9"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[sizeof good + 64];
        const char *at = strstr(good, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(p4info_parse("d.json", text, strlen(text), &di), -EINVAL);
        assert_string_equal(p4rt_errmsg(), bad[i].msg);
        p4info_free(&di);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_value_set_fields),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_invalid_cache),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_ambiguous),
        cmocka_unit_test(test_stack_element_names),
        cmocka_unit_test(test_entry_hash),
        cmocka_unit_test(test_entry_lpm),
        cmocka_unit_test(test_entry_ternary),
        cmocka_unit_test(test_entry_errors),
        cmocka_unit_test(test_entry_errors2),
        cmocka_unit_test(test_default_value),
        cmocka_unit_test(test_unknown_name_lists),
        cmocka_unit_test(test_value_sets),
        cmocka_unit_test(test_wide_registers),
        cmocka_unit_test(test_value_set_kinds),
        cmocka_unit_test(test_digests),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
