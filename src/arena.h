/* Arena allocation: compiler data lives until the arena is freed as a whole. */
#ifndef P4CC_ARENA_H
#define P4CC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
    size_t total;       /* bytes handed out, for statistics */
} Arena;

void arena_init(Arena *arena);
void arena_free(Arena *arena);
/* Zero-filled, aligned for any object; aborts on out-of-memory. */
void *arena_alloc(Arena *arena, size_t size);
void *arena_realloc(Arena *arena, void *old, size_t old_size, size_t new_size);
char *arena_strdup(Arena *arena, const char *s);
char *arena_strndup(Arena *arena, const char *s, size_t len);
char *arena_printf(Arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define ARENA_NEW(arena, type) ((type *)arena_alloc((arena), sizeof(type)))

#endif
