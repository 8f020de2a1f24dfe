/* Where a generated program's BPF_PERF_EVENT_OUTPUT() sends packets to
 * user space. */
#ifndef P4CC_PERF_H
#define P4CC_PERF_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(key_size, sizeof(__u32));
    __uint(value_size, sizeof(__u32));
} p4cc_perf SEC(".maps");

#endif
