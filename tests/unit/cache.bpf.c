/* Fixture of test_p4rt's lookup-cache tests (tests/unit/cache.p4info.json):
 * the maps of docs/RUNTIME.md (the port maps and the ternary table's
 * records from include/p4cc/) for one table of each kind with a lookup
 * cache (maps T_cache and T_cache_version) and one hash table without, in
 * front of a program that only passes packets. The tests look at the
 * version maps the control plane bumps, not at packets. Compiled by the
 * test itself (clang -target bpf). Not generated code. */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <p4cc/ports.h>
#include <p4cc/tss.h>

char LICENSE[] SEC("license") = "GPL";

struct value { /* action code, pad, set(port) */
    __u32 action;
    __u32 pad;
    __u32 port;
    __u32 pad2;
};

struct lpm_key {
    __u32 prefixlen;
    __u8 addr[4];
};

/* The tuple-space records and header of docs/RUNTIME.md, "Ternary tables". */
P4CC_TSS_RECORDS(c_tern, __u32, struct value);

#define MAP(name, type_, key_, value_, n)                                                          \
    struct {                                                                                       \
        __uint(type, type_);                                                                       \
        __uint(max_entries, n);                                                                    \
        __type(key, key_);                                                                         \
        __type(value, value_);                                                                     \
    } name SEC(".maps")

/* A table's default-action map, cache and cache version. */
#define EXTRAS(t, cached)                                                                          \
    MAP(t##_default, BPF_MAP_TYPE_ARRAY, __u32, struct value, 1);                                 \
    MAP(t##_cache, BPF_MAP_TYPE_PERCPU_ARRAY, __u32, __u64, cached);                              \
    MAP(t##_cache_version, BPF_MAP_TYPE_ARRAY, __u32, __u32, 1)

MAP(c_exact, BPF_MAP_TYPE_HASH, __u32, struct value, 16);
EXTRAS(c_exact, 8);

struct {
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __uint(max_entries, 16);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, struct lpm_key);
    __type(value, struct value);
} c_lpm SEC(".maps");
EXTRAS(c_lpm, 8);

MAP(c_arr, BPF_MAP_TYPE_ARRAY, __u32, struct value, 4);
EXTRAS(c_arr, 8);

MAP(c_tern, BPF_MAP_TYPE_HASH, struct c_tern_tkey, struct c_tern_entry, 8);
MAP(c_tern_masks, BPF_MAP_TYPE_ARRAY, __u32, struct c_tern_mask, 16);
MAP(c_tern_slots, BPF_MAP_TYPE_ARRAY, __u32, struct c_tern_slot, 9);
MAP(c_tern_tss, BPF_MAP_TYPE_ARRAY, __u32, struct p4cc_tss_header, 1);
EXTRAS(c_tern, 8);

MAP(c_plain, BPF_MAP_TYPE_HASH, __u32, struct value, 16);
MAP(c_plain_default, BPF_MAP_TYPE_ARRAY, __u32, struct value, 1);

SEC("xdp")
int p4cc_main(struct xdp_md *ctx)
{
    (void)ctx;
    return XDP_PASS;
}
