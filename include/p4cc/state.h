/* Where a generated program's per-packet state, struct p4cc_state (which
 * the program defines before this text), lives: on the stack when it is
 * small, where clang keeps fields in registers and drops stores nothing
 * reads (in l2_switch.p4, 40% of the instructions and 10% of the time),
 * else in the per-CPU map p4cc_scratch. p4cc defines P4CC_STATE_ON_STACK
 * as 0 when clang runs out of stack, or when the main frame and a bpf_loop
 * callback's do not fit together in the verifier's 512 bytes
 * (backend-ebpf/compile.c). */
#ifndef P4CC_STATE_H
#define P4CC_STATE_H

#ifndef P4CC_STATE_ON_STACK
#define P4CC_STATE_ON_STACK (sizeof(struct p4cc_state) <= 256)
#endif

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, __u32);
    __type(value, struct p4cc_state);
    __uint(max_entries, 1);
} p4cc_scratch SEC(".maps");

/* Zeroes the state at the start of a packet. clang expands a memset
 * inline only up to 1024 bytes on BPF, and BPF has no memset to call: a
 * larger state (always in p4cc_scratch, 8-byte aligned) is zeroed 8 bytes
 * a step, the empty asm keeping clang from making the loop a memset call
 * again. */
static __always_inline void p4cc_zero_state(struct p4cc_state *st)
{
    if (sizeof(*st) <= 1024) {
        __builtin_memset(st, 0, sizeof(*st));
        return;
    }
    for (__u32 i = 0; i < sizeof(*st) / 8; i++) {
        ((__u64 *)st)[i] = 0;
        asm volatile("" ::: "memory");
    }
    __builtin_memset((char *)st + (sizeof(*st) & ~7ul), 0, sizeof(*st) & 7);
}

#endif
