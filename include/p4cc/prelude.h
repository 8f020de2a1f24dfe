/* What every program p4cc generates starts with: the BPF headers, short
 * names for the kernel's integer types, and the bounds clamp array
 * indexes go through. The backend copies this text into the C it writes
 * (docs/ARCHITECTURE.md, "eBPF backend"). */
#ifndef P4CC_PRELUDE_H
#define P4CC_PRELUDE_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#ifndef bpf_be64_to_cpu
#define bpf_be64_to_cpu(x) __builtin_bswap64(x)
#define bpf_cpu_to_be64(x) __builtin_bswap64(x)
#endif

/* An index into an array of N elements, forced in bounds. The empty asm
 * keeps clang from computing the address from the unchecked value, which
 * the verifier would reject. In 64 bits: with a u32, clang may check the
 * truncated index but pass on the wider value it came from, truncating it
 * again later, after the verifier has lost the bound (corpus
 * control-hs-index-test2); the first asm makes the checked value the one
 * used. */
static __always_inline u64 p4cc_clamp(u64 index, u64 n)
{
    asm volatile("" : "+r"(index));
    if (index >= n)
        index = 0;
    asm volatile("" : "+r"(index));
    return index;
}

/* DST = SRC for values that may be over 1024 bytes: clang calls memcpy
 * for a larger copy, and BPF has no memcpy to call. Pieces of at most
 * 1024 bytes, each of a constant size, are copied inline; up to 8 KiB. */
#define P4CC_COPY_PIECE(d, s, n, k)                                                   \
    if ((n) > (k) * 1024ul)                                                           \
        __builtin_memcpy((char *)(d) + (k) * 1024ul, (const char *)(s) + (k) * 1024ul, \
                         (n) - (k) * 1024ul > 1024ul ? 1024ul : (n) - (k) * 1024ul)
#define p4cc_assign_large(dst, src)                                       \
    do {                                                                  \
        _Static_assert(sizeof(dst) <= 8192, "a value over 8 KiB");        \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 0);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 1);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 2);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 3);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 4);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 5);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 6);                  \
        P4CC_COPY_PIECE(&(dst), &(src), sizeof(dst), 7);                  \
    } while (0)

#endif
