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

#endif
