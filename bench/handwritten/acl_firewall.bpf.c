/* examples/acl_firewall.p4 written by hand, for the ternary table layout
 * of docs/RUNTIME.md ("Ternary tables": a tuple-space search): the fixed
 * rules are an if-chain in the code, the acl table a bpf_loop over its mask
 * list (one hash lookup per mask, stopping once no later mask can hold a
 * better entry) and one over its linear stage, counters per rule. */
#include <p4cc/tss.h>

#include "runtime.h"

enum { ACT_PERMIT = 1, ACT_DENY = 2 };
enum { PROTO_TCP = 6, PROTO_UDP = 17 };

struct fixed_key {
    __u8 proto;
    __u16 src_port;
    __u16 dst_port;
};

struct rule_value {
    __u32 action;
    __u32 pad;
    __u16 rule; /* permit(rule), deny(rule) */
};

struct acl_key {
    __u32 src; /* host order */
    __u32 dst;
    __u8 proto;
    __u16 src_port;
    __u16 dst_port;
};

/* The tuple-space records (slots, hash map keys and values, mask lists)
 * and header of docs/RUNTIME.md, "Ternary tables". */
P4CC_TSS_RECORDS(fixed, struct fixed_key, struct rule_value);
P4CC_TSS_RECORDS(acl, struct acl_key, struct rule_value);

#define ACL_SIZE 1024

#define TSS_TABLE(NAME, T, SIZE)                                                                   \
    struct {                                                                                       \
        __uint(type, BPF_MAP_TYPE_HASH);                                                           \
        __type(key, struct T##_tkey);                                                              \
        __type(value, struct T##_entry);                                                           \
        __uint(max_entries, SIZE);                                                                 \
    } NAME SEC(".maps");                                                                           \
    struct {                                                                                       \
        __uint(type, BPF_MAP_TYPE_ARRAY);                                                          \
        __type(key, __u32);                                                                        \
        __type(value, struct T##_mask);                                                            \
        __uint(max_entries, 2 * (SIZE));                                                           \
    } NAME##_masks SEC(".maps");                                                                   \
    struct {                                                                                       \
        __uint(type, BPF_MAP_TYPE_ARRAY);                                                          \
        __type(key, __u32);                                                                        \
        __type(value, struct T##_slot);                                                            \
        __uint(max_entries, (SIZE) + 1);                                                           \
    } NAME##_slots SEC(".maps");                                                                   \
    struct {                                                                                       \
        __uint(type, BPF_MAP_TYPE_ARRAY);                                                          \
        __type(key, __u32);                                                                        \
        __type(value, struct p4cc_tss_header);                                                     \
        __uint(max_entries, 1);                                                                    \
    } NAME##_tss SEC(".maps");                                                                     \
    struct rule_value NAME##_default SEC(".data." #NAME "_default") = {0}

TSS_TABLE(fw_ingress_fixed_rules, fixed, 1024);
TSS_TABLE(fw_ingress_acl, acl, ACL_SIZE);

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, __u64);
    __uint(max_entries, 1024);
} fw_ingress_rule_hits SEC(".maps");

/* permit(rule) or deny(rule): count the rule, give the verdict. */
static __always_inline int run_rule(__u32 action, __u32 rule, int otherwise)
{
    if (action != ACT_PERMIT && action != ACT_DENY)
        return otherwise;
    __u64 *count = bpf_map_lookup_elem(&fw_ingress_rule_hits, &rule);
    if (count)
        *count += 1;
    return action == ACT_PERMIT ? XDP_PASS : XDP_DROP;
}

/* The const entries of fixed_rules, first match wins; 0: no match. */
static __always_inline __u32 fixed_rule(__u8 proto, __u16 sp, __u16 dp, __u32 *action)
{
    *action = ACT_DENY;
    if (proto == PROTO_UDP && sp >= 67 && sp <= 68 && dp >= 67 && dp <= 68) {
        *action = ACT_PERMIT;
        return 1;
    }
    if ((proto == PROTO_TCP || proto == PROTO_UDP) && (sp == 0 || dp == 0))
        return 2;
    if ((proto == PROTO_TCP || proto == PROTO_UDP) && dp >= 135 && dp <= 139)
        return 3;
    if (proto == PROTO_TCP && dp == 445)
        return 3;
    return 0;
}

struct scan {
    struct acl_key key;
    __u32 base, priority, found;
    struct rule_value action;
};

/* Mask I of the current list: one hash lookup; stop when the best entry
 * found cannot be beaten by this mask or any later one. */
static long scan_mask(__u32 i, void *arg)
{
    struct scan *s = arg;
    __u32 index = s->base + i;
    struct acl_mask *m = bpf_map_lookup_elem(&fw_ingress_acl_masks, &index);
    if (!m || (s->found && s->priority >= m->priority))
        return 1;
    struct acl_tkey k;
    __builtin_memset(&k, 0, sizeof(k)); /* padding is part of the hash key */
    k.mask_id = m->id;
    k.key.src = s->key.src & m->mask.src;
    k.key.dst = s->key.dst & m->mask.dst;
    k.key.proto = s->key.proto & m->mask.proto;
    k.key.src_port = s->key.src_port & m->mask.src_port;
    k.key.dst_port = s->key.dst_port & m->mask.dst_port;
    struct acl_entry *e = bpf_map_lookup_elem(&fw_ingress_acl, &k);
    if (e && (!s->found || e->priority > s->priority)) {
        s->found = 1;
        s->priority = e->priority;
        s->action = e->action;
    }
    return 0;
}

static long scan_slot(__u32 index, void *arg)
{
    struct scan *s = arg;
    struct acl_slot *slot = bpf_map_lookup_elem(&fw_ingress_acl_slots, &index);
    if (!slot)
        return 1;
    if (!slot->in_use || (s->found && slot->priority <= s->priority))
        return 0;
    const struct acl_key *k = &s->key, *v = &slot->value, *m = &slot->mask;
    if (((k->src ^ v->src) & m->src) == 0 && ((k->dst ^ v->dst) & m->dst) == 0 &&
        ((k->proto ^ v->proto) & m->proto) == 0 && k->src_port >= v->src_port &&
        k->src_port <= m->src_port && k->dst_port >= v->dst_port && k->dst_port <= m->dst_port) {
        s->found = 1;
        s->priority = slot->priority;
        s->action = slot->action;
    }
    return 0;
}

SEC("xdp")
int acl_firewall(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    __u8 *eth = data, *ip = eth + 14;
    __u32 zero = 0;
    if ((void *)ip > data_end)
        return XDP_DROP;
    if (*(__u16 *)(eth + 12) != bpf_htons(0x0800))
        return XDP_PASS;
    if ((void *)(ip + 20) > data_end || ip[0] != 0x45)
        return XDP_DROP;
    __u8 proto = ip[9];
    __u16 sp = 0, dp = 0;
    if ((*(__u16 *)(ip + 6) & bpf_htons(0x1fff)) == 0 &&
        (proto == PROTO_TCP || proto == PROTO_UDP)) {
        __u8 *l4 = ip + 20;
        if ((void *)(l4 + 4) > data_end)
            return XDP_DROP;
        sp = bpf_ntohs(*(__u16 *)l4);
        dp = bpf_ntohs(*(__u16 *)(l4 + 2));
        __u32 action, rule = fixed_rule(proto, sp, dp, &action);
        if (rule)
            return run_rule(action, rule, XDP_PASS);
        struct rule_value *d = &fw_ingress_fixed_rules_default;
        if (d->action)
            run_rule(d->action, d->rule, XDP_PASS); /* a miss: on to the acl */
    }

    struct scan s = {.key = {.src = bpf_ntohl(*(__u32 *)(ip + 12)),
                             .dst = bpf_ntohl(*(__u32 *)(ip + 16)),
                             .proto = proto,
                             .src_port = sp,
                             .dst_port = dp}};
    struct p4cc_tss_header *h = bpf_map_lookup_elem(&fw_ingress_acl_tss, &zero);
    if (h) {
        /* Scan again if the control plane rewrote what we read meanwhile. */
#pragma clang loop unroll(disable)
        for (__u32 attempt = 0; attempt < 4; attempt++) {
            __u32 gen = *(volatile __u32 *)&h->gen;
            __u32 active = *(volatile __u32 *)&h->active & 1;
            __u32 count = active ? *(volatile __u32 *)&h->count[1] : *(volatile __u32 *)&h->count[0];
            __u32 nslots = *(volatile __u32 *)&h->nslots;
            s.found = 0;
            s.base = active * ACL_SIZE;
            if (count)
                bpf_loop(count < ACL_SIZE ? count : ACL_SIZE, scan_mask, &s, 0);
            if (nslots)
                bpf_loop(nslots <= ACL_SIZE ? nslots : ACL_SIZE + 1, scan_slot, &s, 0);
            if (*(volatile __u32 *)&h->gen == gen)
                break;
        }
    }
    if (s.found && s.action.action)
        return run_rule(s.action.action, s.action.rule, XDP_PASS);
    struct rule_value *d = &fw_ingress_acl_default;
    if (d->action)
        return run_rule(d->action, d->rule, XDP_PASS);
    return run_rule(ACT_DENY, 0, XDP_DROP); /* the compiled-in default: deny(0) */
}

char LICENSE[] SEC("license") = "GPL";
