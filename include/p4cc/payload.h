/* v1model's _with_payload checksums: the ones' complement sum (folded to
 * 16 bits, not inverted) of the packet's bytes from an offset to its end,
 * as 16-bit words, an odd last byte padded with zero. Generated programs
 * carry this text only when they use such a checksum. Needs p4cc/prelude.h
 * and p4cc/checksum.h.
 *
 * A bpf_loop callback takes one step a call: 256 or 4 bytes summed by
 * bpf_csum_diff (in host order: a sum of byte-swapped words is the sum
 * byte-swapped, RFC 1071), then the last 2 and 1. The verifier checks the
 * callback until its states repeat; the offset goes through a per-CPU map
 * value, which the verifier reads as any number, so every call starts
 * from the same state (on the stack, each offset would be a state of its
 * own: thousands). */
#ifndef P4CC_PAYLOAD_H
#define P4CC_PAYLOAD_H

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 1);
} p4cc_payload_cursor SEC(".maps");

struct p4cc_payload {
    void *data, *data_end;
    u32 *off;    /* in p4cc_payload_cursor */
    u32 tail;    /* the last bytes, as numbers */
    u64 raw;     /* bpf_csum_diff's sums */
};

static long p4cc_payload_step(u32 index, void *arg)
{
    struct p4cc_payload *c = arg;
    void *data_end = c->data_end;
    u32 off = *c->off;
    if (off > 0x3fff)
        return 1;
    u8 *p = (u8 *)c->data + off;
    if ((void *)(p + 256) <= data_end) {
        c->raw += (u32)bpf_csum_diff(NULL, 0, (void *)p, 256, 0);
        *c->off = off + 256;
        return 0;
    }
    if ((void *)(p + 4) <= data_end) {
        c->raw += (u32)bpf_csum_diff(NULL, 0, (void *)p, 4, 0);
        *c->off = off + 4;
        return 0;
    }
    if ((void *)(p + 2) <= data_end) {
        c->tail += ((u32)p[0] << 8) | p[1];
        *c->off = off + 2;
        return 0;
    }
    if ((void *)(p + 1) <= data_end)
        c->tail += (u32)p[0] << 8;
    return 1;
}

static __always_inline u16 p4cc_payload_sum(void *data, void *data_end, u32 off)
{
    u32 zero = 0;
    u32 *cursor = bpf_map_lookup_elem(&p4cc_payload_cursor, &zero);
    if (!cursor)
        return 0;
    *cursor = off;
    struct p4cc_payload c = {data, data_end, cursor, 0, 0};
    /* Steps for 16 KiB, more than any XDP frame: 64 of 256 bytes, 63 of
     * 4, then 2 and 1. */
    bpf_loop(64 + 63 + 2, p4cc_payload_step, &c, 0);
    u64 raw = (c.raw & 0xffffffff) + (c.raw >> 32);
    raw = (raw & 0xffffffff) + (raw >> 32);
    u16 host = p4cc_csum_fold((u32)(raw & 0xffff) + (u32)(raw >> 16));
    return p4cc_csum_fold((u32)bpf_ntohs(host) + c.tail);
}

#endif
