/* Packets whose headers are not whole bytes (docs/RUNTIME.md, "Headers of
 * any bit length"): the payload moved by 1 to 7 bits, when the emitted
 * headers' length in bits differs from the parsed ones' by other than
 * whole bytes. Generated programs carry this text only then. Needs
 * p4cc/prelude.h.
 *
 * Each byte from OFF to the end takes its low bits from the next byte
 * (the last one zeros): the bits move SHIFT towards the packet's start.
 * A bpf_loop callback takes 8 bytes a call, then single bytes at the end;
 * the offset goes through a per-CPU map value, as in p4cc/payload.h, so
 * the verifier checks the callback from one state. */
#ifndef P4CC_BITS_H
#define P4CC_BITS_H

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, __u32);
    __uint(max_entries, 1);
} p4cc_bits_cursor SEC(".maps");

struct p4cc_bits {
    void *data, *data_end;
    u32 *off;    /* in p4cc_bits_cursor */
    u32 shift;   /* 1 to 7 */
};

static long p4cc_bits_step(u32 index, void *arg)
{
    struct p4cc_bits *c = arg;
    void *data_end = c->data_end;
    u32 off = *c->off;
    u32 r = c->shift & 7;
    if (off > 0x3fff)
        return 1;
    u8 *p = (u8 *)c->data + off;
    if ((void *)(p + 9) <= data_end) {
        u64 w = bpf_be64_to_cpu(*(u64 *)p);
        *(u64 *)p = bpf_cpu_to_be64((w << r) | ((u64)p[8] >> (8 - r)));
        *c->off = off + 8;
        return 0;
    }
    if ((void *)(p + 1) > data_end)
        return 1;
    u32 next = (void *)(p + 2) <= data_end ? p[1] : 0;
    p[0] = (u8)(((u32)p[0] << r) | (next >> (8 - r)));
    *c->off = off + 1;
    return 0;
}

static __always_inline void p4cc_bits_shift(void *data, void *data_end, u32 off, u32 shift)
{
    u32 zero = 0;
    u32 *cursor = bpf_map_lookup_elem(&p4cc_bits_cursor, &zero);
    if (!cursor)
        return;
    *cursor = off;
    struct p4cc_bits c = {data, data_end, cursor, shift};
    /* Steps for 16 KiB, more than any XDP frame: 2048 of 8 bytes, 8 of 1. */
    bpf_loop(2048 + 8, p4cc_bits_step, &c, 0);
}

#endif
