/* Fixture: an `ebpfFilter` program with a ternary table (the tuple-space
 * layout of docs/RUNTIME.md, "Ternary tables") and a dense counter.
 *
 *   header h { bit<16> a; bit<8> b; bit<128> w; bit<8> r; }   (bytes 0-1, 2, 3-18, 19)
 *   table pipe.acl { key = { hdr.h.a: ternary; hdr.h.b: exact; hdr.h.w: ternary;
 *                            hdr.h.r: range; }
 *                    actions = { allow; deny; NoAction; } default_action = deny; size = 8; }
 *   CounterArray(4, false) pipe.verdicts: increment(0) on accept, (1) on reject.
 *
 * allow accepts (XDP_PASS), deny rejects (XDP_DROP), NoAction accepts. */
#include <p4cc/tss.h>

#include "runtime.h"

#define SLOTS 8

struct acl_key {
    __u16 a;
    __u8 b;
    __u8 w[16];
    __u8 r;
} __attribute__((packed, aligned(2)));

struct acl_value {
    __u32 action;
    __u32 pad;
    union {
        struct { __u32 tag; } allow;
    } u;
};

/* The tuple-space records and header of docs/RUNTIME.md, "Ternary tables". */
P4CC_TSS_RECORDS(acl, struct acl_key, struct acl_value);

enum { A_ALLOW = 1, A_DENY = 2, A_NOACTION = 3 };

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, SLOTS);
    __type(key, struct acl_tkey);
    __type(value, struct acl_entry);
} pipe_acl SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 2 * SLOTS);
    __type(key, __u32);
    __type(value, struct acl_mask);
} pipe_acl_masks SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, SLOTS + 1); /* a spare for make-before-break modifies */
    __type(key, __u32);
    __type(value, struct acl_slot);
} pipe_acl_slots SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct p4cc_tss_header);
} pipe_acl_tss SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct acl_value);
} pipe_acl_default SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 4);
    __type(key, __u32);
    __type(value, __u64);
} pipe_verdicts SEC(".maps");

static __always_inline int matches(const struct acl_slot *s, const struct acl_key *k)
{
    if (((k->a ^ s->value.a) & s->mask.a) != 0)
        return 0;
    if (k->b != s->value.b)
        return 0;
#pragma unroll
    for (int i = 0; i < 16; i++)
        if (((k->w[i] ^ s->value.w[i]) & s->mask.w[i]) != 0)
            return 0;
    return k->r >= s->value.r && k->r <= s->mask.r; /* range: low in value, high in mask */
}

static __always_inline void for_slot(__u32 i, __u32 n, const struct acl_key *key,
                                     struct acl_value *act, __u32 *best_prio, int *found)
{
    if (i >= n)
        return;
    struct acl_slot *s = bpf_map_lookup_elem(&pipe_acl_slots, &i);
    if (!s || !s->in_use || !matches(s, key))
        return;
    if (!*found || s->priority > *best_prio) {
        *found = 1;
        *best_prio = s->priority;
        *act = s->action;
    }
}

/* Mask I of the current list (BASE, N): the key masked, one hash lookup.
 * No early exit here: the fixture visits every mask. */
static __always_inline void for_mask(__u32 i, __u32 base, __u32 n, const struct acl_key *key,
                                     struct acl_value *act, __u32 *best_prio, int *found)
{
    if (i >= n)
        return;
    __u32 index = base + i;
    struct acl_mask *m = bpf_map_lookup_elem(&pipe_acl_masks, &index);
    if (!m)
        return;
    struct acl_tkey k;
    __builtin_memset(&k, 0, sizeof(k));
    k.mask_id = m->id;
    k.key.a = key->a & m->mask.a;
    k.key.b = key->b & m->mask.b;
#pragma unroll
    for (int j = 0; j < 16; j++)
        k.key.w[j] = key->w[j] & m->mask.w[j];
    k.key.r = key->r & m->mask.r;
    struct acl_entry *e = bpf_map_lookup_elem(&pipe_acl, &k);
    if (e && (!*found || e->priority > *best_prio)) {
        *found = 1;
        *best_prio = e->priority;
        *act = e->action;
    }
}

static __always_inline int verdict(int accept)
{
    __u32 idx = accept ? 0 : 1;
    __u64 *c = bpf_map_lookup_elem(&pipe_verdicts, &idx);
    if (c)
        *c += 1;
    return accept ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int p4cc_main(struct xdp_md *ctx)
{
    __u8 *p = (void *)(long)ctx->data;
    __u8 *end = (void *)(long)ctx->data_end;
    if (p + 20 > end)
        return verdict(0);

    struct acl_key key;
    key.a = (__u16)(p[0] << 8 | p[1]);
    key.b = p[2];
    __builtin_memcpy(key.w, p + 3, 16);
    key.r = p[19];

    struct acl_value act = {0};
    __u32 best_prio = 0;
    int found = 0;
    __u32 zero = 0;
    struct p4cc_tss_header *h = bpf_map_lookup_elem(&pipe_acl_tss, &zero);
    if (h) {
        __u32 active = h->active & 1, n = active ? h->count[1] : h->count[0];
        __u32 base = active * SLOTS, ns = h->nslots;
        /* One by one (a loop over map lookups is harder on the verifier
         * than this fixture needs to be). */
        for_mask(0, base, n, &key, &act, &best_prio, &found);
        for_mask(1, base, n, &key, &act, &best_prio, &found);
        for_mask(2, base, n, &key, &act, &best_prio, &found);
        for_mask(3, base, n, &key, &act, &best_prio, &found);
        for_mask(4, base, n, &key, &act, &best_prio, &found);
        for_mask(5, base, n, &key, &act, &best_prio, &found);
        for_mask(6, base, n, &key, &act, &best_prio, &found);
        for_mask(7, base, n, &key, &act, &best_prio, &found);
        for_slot(0, ns, &key, &act, &best_prio, &found);
        for_slot(1, ns, &key, &act, &best_prio, &found);
        for_slot(2, ns, &key, &act, &best_prio, &found);
        for_slot(3, ns, &key, &act, &best_prio, &found);
        for_slot(4, ns, &key, &act, &best_prio, &found);
        for_slot(5, ns, &key, &act, &best_prio, &found);
        for_slot(6, ns, &key, &act, &best_prio, &found);
        for_slot(7, ns, &key, &act, &best_prio, &found);
        for_slot(8, ns, &key, &act, &best_prio, &found);
    }
    if (!found) {
        struct acl_value *d = bpf_map_lookup_elem(&pipe_acl_default, &zero);
        if (d && d->action)
            act = *d;
        else
            act.action = A_DENY;
    }
    return verdict(act.action != A_DENY);
}
