/* Fixture: an `xdp` program with an lpm table, an array table and a sparse
 * counter.
 *
 *   header h { bit<8> vrf; bit<32> dst; bit<8> idx; bit<8> mark; ... }  (bytes 0, 1-4, 5, 6)
 *   table ingress.routes { key = { hdr.h.vrf: exact; hdr.h.dst: lpm; }
 *                          actions = { set_port; NoAction; drop; } default_action = drop; }
 *   table ingress.marks  { key = { hdr.h.idx: exact; } implementation = array_table(8);
 *                          actions = { mark; NoAction; } default_action = NoAction; }
 *   CounterArray(64, true) ingress.hits: add(input port, packet length).
 *
 * marks is applied first: mark(v) sets byte 6 to v. Then routes: set_port(p)
 * redirects to p, NoAction passes, drop drops. */
#include "runtime.h"

struct __attribute__((packed)) routes_key {
    __u32 prefixlen;
    __u8 vrf;
    __u8 dst[4];
};

struct value {
    __u32 action;
    __u32 pad;
    union {
        struct { __u16 port; } set_port;
        struct { __u8 v; } mark;
    } u;
};

enum { R_SET_PORT = 1, R_NOACTION = 2, R_DROP = 3 };
enum { M_MARK = 1, M_NOACTION = 2 };

struct {
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __uint(max_entries, 32);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, struct routes_key);
    __type(value, struct value);
} ingress_routes SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct value);
} ingress_routes_default SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, struct value);
} ingress_marks SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct value);
} ingress_marks_default SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} ingress_hits SEC(".maps");

SEC("xdp")
int p4cc_main(struct xdp_md *ctx)
{
    __u8 *p = (void *)(long)ctx->data;
    __u8 *end = (void *)(long)ctx->data_end;
    __u32 port = p4cc_input_port(ctx), zero = 0;
    __u64 len = (__u64)(end - p);

    __u64 *hits = bpf_map_lookup_elem(&ingress_hits, &port);
    if (hits) {
        *hits += len;
    } else {
        bpf_map_update_elem(&ingress_hits, &port, &len, BPF_NOEXIST);
    }

    if (p + 7 > end)
        return XDP_DROP;

    /* marks */
    __u32 idx = p[5];
    struct value *v = idx < 8 ? bpf_map_lookup_elem(&ingress_marks, &idx) : 0;
    if (!v || !v->action) {
        v = bpf_map_lookup_elem(&ingress_marks_default, &zero);
        if (v && !v->action)
            v = 0;
    }
    if (v && v->action == M_MARK)
        p[6] = v->u.mark.v;

    /* routes */
    struct routes_key key = {.prefixlen = 40, .vrf = p[0]};
    __builtin_memcpy(key.dst, p + 1, 4);
    v = bpf_map_lookup_elem(&ingress_routes, &key);
    if (!v) {
        v = bpf_map_lookup_elem(&ingress_routes_default, &zero);
        if (v && !v->action)
            v = 0;
    }
    __u32 action = v ? v->action : R_DROP;
    if (action == R_SET_PORT && v)
        return p4cc_redirect(v->u.set_port.port);
    if (action == R_NOACTION)
        return XDP_PASS;
    return XDP_DROP;
}
