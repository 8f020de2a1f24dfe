/* Bump allocator over a chain of large blocks.
 *
 * Blocks come straight from mmap, 2 MB-aligned and advised for transparent
 * huge pages: a compile touches a few MB, and on virtual machines each 4 KB
 * page fault costs microseconds, which made page faults most of the front
 * end's time (switch_p4_16.p4 parsed in 40 ms, 11 ms with huge pages).
 * Fresh anonymous pages are zero and an arena never reuses memory, so
 * allocations need no memset. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { ARENA_BLOCK_SIZE = 2 * 1024 * 1024, ARENA_ALIGN = 16 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;  /* size: bytes of data[]; the mapping holds the header too */
    _Alignas(16) unsigned char data[];
};

static _Noreturn void out_of_memory(void)
{
    fputs("p4cc: out of memory\n", stderr);
    abort();
}

/* Maps LEN bytes (a multiple of ARENA_BLOCK_SIZE) starting on a block
 * boundary, so that the kernel can back them with huge pages. */
static void *map_aligned(size_t len)
{
    size_t over = len + ARENA_BLOCK_SIZE;
    unsigned char *raw = mmap(NULL, over, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        out_of_memory();
    uintptr_t start = ((uintptr_t)raw + ARENA_BLOCK_SIZE - 1) &
                      ~(uintptr_t)(ARENA_BLOCK_SIZE - 1);
    size_t head = start - (uintptr_t)raw, tail = over - head - len;
    if (head)
        munmap(raw, head);
    if (tail)
        munmap((unsigned char *)start + len, tail);
#ifdef MADV_HUGEPAGE
    /* Only advice: without THP the block is ordinary pages. */
    madvise((void *)start, len, MADV_HUGEPAGE);
#endif
    return (void *)start;
}

static ArenaBlock *new_block(size_t min_size)
{
    size_t len = sizeof(ArenaBlock) + min_size;
    len = (len + ARENA_BLOCK_SIZE - 1) & ~(size_t)(ARENA_BLOCK_SIZE - 1);
    if (len < sizeof(ArenaBlock) + min_size)
        out_of_memory(); /* the rounding overflowed */
    ArenaBlock *block = map_aligned(len);
    block->next = NULL;
    block->used = 0;
    block->size = len - sizeof(ArenaBlock);
    return block;
}

void arena_init(Arena *arena)
{
    arena->head = NULL;
    arena->total = 0;
}

void arena_free(Arena *arena)
{
    ArenaBlock *block = arena->head;
    while (block) {
        ArenaBlock *next = block->next;
        munmap(block, sizeof(ArenaBlock) + block->size);
        block = next;
    }
    arena->head = NULL;
    arena->total = 0;
}

void *arena_alloc(Arena *arena, size_t size)
{
    if (size > SIZE_MAX - ARENA_BLOCK_SIZE)
        out_of_memory();
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    ArenaBlock *block = arena->head;
    if (!block || block->size - block->used < size) {
        ArenaBlock *fresh = new_block(size);
        /* A huge request gets its own block behind the current one, so the
         * space left in the current block is not wasted. */
        if (block && size > ARENA_BLOCK_SIZE / 4) {
            fresh->next = block->next;
            block->next = fresh;
        } else {
            fresh->next = block;
            arena->head = fresh;
        }
        block = fresh;
    }
    void *p = block->data + block->used;
    block->used += size;
    arena->total += size;
    return p; /* already zero: see the top of the file */
}

void *arena_realloc(Arena *arena, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    void *p = arena_alloc(arena, new_size);
    if (old && old_size)
        memcpy(p, old, old_size);
    return p;
}

char *arena_strndup(Arena *arena, const char *s, size_t len)
{
    char *p = arena_alloc(arena, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(Arena *arena, const char *s)
{
    return arena_strndup(arena, s, strlen(s));
}

char *arena_printf(Arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc(arena, (size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return p;
}
