/* v1model's digests (docs/RUNTIME.md, "Digests"): each digest type has a
 * ring buffer of P4CC_DIGEST_RING_BYTES, p4cc_digest_NAME, whose records
 * are the type's fields (the layout p4info gives); a digest that finds its
 * ring full is dropped (never the packet) and counted in the type's cell
 * of p4cc_digest_lost, which the control plane reads (libp4rt's
 * src/p4rt/digest.c). A generated program defines P4CC_DIGESTS, the
 * number of digest types, before this text. */
#ifndef P4CC_DIGEST_H
#define P4CC_DIGEST_H

#include <linux/types.h>

/* A ring's size: a power of two of pages, as the kernel requires. */
#define P4CC_DIGEST_RING_BYTES (256 * 1024)

#if defined(__bpf__) && defined(P4CC_DIGESTS)
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, P4CC_DIGESTS);
    __type(key, __u32);
    __type(value, __u64);
} p4cc_digest_lost SEC(".maps");

static __always_inline void p4cc_digest_drop(__u32 index)
{
    __u64 *lost = bpf_map_lookup_elem(&p4cc_digest_lost, &index);
    if (lost)
        *lost += 1;
}
#endif

#endif
