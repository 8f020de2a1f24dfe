/* Compile-time known values, as semantic analysis leaves them on the AST
 * (Node.value) for the midend and backend to use. */
#ifndef P4CC_CONSTVALUE_H
#define P4CC_CONSTVALUE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

#include "ast.h"
#include "types.h"

/* Spec "Compile-time known and local compile-time known values"; numbers are
 * kept as decimal text in the arena and computed with GMP. */

typedef enum ValueKind { CV_INT, CV_BOOL, CV_STRING, CV_MEMBER, CV_LIST } ValueKind;

typedef struct ConstValue {
    ValueKind kind;
    const char *digits;     /* CV_INT: base-10 value, with '-' when negative */
    bool boolean;           /* CV_BOOL */
    const char *text;       /* CV_STRING */
    Node *member;           /* CV_MEMBER: the enum or error member */
    struct ConstValue **elems; /* CV_LIST: tuple elements or struct fields, in order */
    const char **names;     /* CV_LIST of a struct expression: the field names */
    int nelems;
    Type *type;
} ConstValue;

/* The value of E when it is compile-time known, for passes after semantic
 * analysis (frontend/sema_const.c); NULL otherwise. Caches it in E->value. */
ConstValue *fold_constant(Arena *arena, Node *e);

/* A compile-time value as a C number, checked (frontend/constvalue_read.c):
 * true with *OUT set when V is a non-negative integer (or a bool) that
 * fits in 64 bits. const_u64 reads a node's value, or a literal's digits
 * in its base; const_long gives FALLBACK for what does not fit a long.
 * Every reader of constants after the checker goes through these. */
bool const_value_u64(const ConstValue *v, uint64_t *out);
bool const_u64(const Node *e, uint64_t *out);
long const_long(const Node *e, long fallback);
/* V modulo 2^WIDTH (a negative value in two's complement); false when V is
 * not an integer or its magnitude does not fit in 64 bits. */
bool const_value_bits(const ConstValue *v, int width, uint64_t *out);

/* fold_constant for many expressions of one program (a pass that folds
 * every node): one evaluation context that remembers the expressions
 * without a value, so folding a tree bottom-up costs linear time. */
typedef struct ConstFolder ConstFolder;
ConstFolder *const_folder_new(Arena *arena);
ConstValue *const_folder_eval(ConstFolder *folder, Node *e);
void const_folder_free(ConstFolder *folder);

#endif
