/* The types of P4-16 as semantic analysis sees them (spec chapter "P4 data
 * types"): resolved, with typedefs looked through and generic declarations
 * specialized. Types are arena-allocated and immutable once built. */
#ifndef P4CC_TYPES_H
#define P4CC_TYPES_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"

typedef struct Type Type;

typedef enum TypeKind {
    T_UNKNOWN,      /* the type of something already reported as wrong */
    T_VOID,
    T_BOOL,
    T_STRING,
    T_INT,          /* arbitrary-precision integer (literals, compile-time values) */
    T_BITS,         /* bit<W> / int<W> (is_signed) */
    T_VARBIT,       /* varbit<W> */
    T_ERROR,
    T_MATCH_KIND,
    T_ENUM,         /* decl: N_ENUM without underlying type */
    T_SERENUM,      /* decl: N_ENUM; base: the underlying bit/int type */
    T_HEADER,       /* decl; fields; type_args when specialized */
    T_STRUCT,
    T_UNION,
    T_STACK,        /* base: element type; size (-1 when not known) */
    T_TUPLE,        /* args: element types */
    T_LIST,         /* base: element type (`list<T>`) */
    T_NEWTYPE,      /* decl: N_NEWTYPE; base: the type it wraps */
    T_TYPEVAR,      /* decl: N_TYPE_PARAM; name */
    T_DONTCARE,     /* `_`: any type */
    T_EXTERN,       /* decl: N_EXTERN; args: type arguments (may hold type variables) */
    T_PARSER,       /* decl: N_PARSER_TYPE or N_PARSER; params: apply parameters */
    T_CONTROL,      /* decl: N_CONTROL_TYPE or N_CONTROL; params: apply parameters */
    T_PACKAGE,      /* decl: N_PACKAGE_TYPE; params: constructor parameters */
    T_ACTION,       /* decl: N_ACTION; params */
    T_FUNCTION,     /* decl: N_FUNCTION / N_EXTERN_FUNCTION / N_METHOD; params; ret;
                       args: at a call of a generic function, its type arguments */
    T_TABLE,        /* decl: N_TABLE */
    T_APPLY_RESULT, /* what `t.apply()` returns: hit, miss, action_run */
    T_ACTION_ENUM,  /* the type of `t.apply().action_run`; decl: N_TABLE */
    T_STATE,        /* a parser state */
    T_SET,          /* base: element type of a keyset (`a &&& m`, `a .. b`, value sets) */
    T_STRUCT_EXPR,  /* an unnamed struct-valued expression `{a = 1}`: fields */
    T_LIST_EXPR,    /* an untyped list expression `{1, 2}`: args */
    T_TYPE,         /* a type used as an expression (`T.member`, `T()`): base */
} TypeKind;

typedef struct TypeList {
    Type **items;
    int len;
} TypeList;

/* A field of a struct, header or union. */
typedef struct Field {
    const char *name;
    Type *type;
    Node *decl;         /* N_FIELD, or N_KV in struct expressions */
} Field;

/* A parameter of something callable. */
typedef struct Param {
    const char *name;
    Type *type;
    Direction dir;
    Node *decl;         /* N_PARAM */
    bool has_default;   /* `= value` or @optional */
    bool is_optional;
} Param;

struct Type {
    TypeKind kind;
    bool is_signed;
    int width;          /* T_BITS, T_VARBIT */
    int size;           /* T_STACK: element count, -1 if unknown */
    const char *name;   /* nominal types and type variables */
    Node *decl;
    Type *base;
    Type *ret;          /* T_FUNCTION */
    TypeList args;
    Field *fields;
    int nfields;
    Param *params;
    int nparams;
    TypeList type_params; /* T_TYPEVARs a generic callable or declaration binds */
    signed char has_typevar; /* memo of type_contains_typevar: 0 unknown, 1 yes, -1 no */
};

Type *type_new(Arena *arena, TypeKind kind);
/* A copy to modify; forgets what was memoized about the original. */
Type *type_copy(Arena *arena, const Type *t);
Type *type_bits(Arena *arena, int width, bool is_signed);
Type *type_simple(TypeKind kind);           /* shared T_VOID, T_BOOL, ... (no fields) */
Type *type_unknown(void);

/* Structural for bit types, tuples and lists; nominal (same declaration and
 * type arguments) for declared types. Typedefs never appear in Type values. */
bool type_equal(const Type *a, const Type *b);
bool type_is_integer(const Type *t);        /* T_INT or T_BITS */
bool type_is_numeric(const Type *t);        /* integer or serializable enum */
bool type_is_header_like(const Type *t);    /* header or union */
bool type_is_struct_like(const Type *t);    /* struct, header, union */
const Field *type_field(const Type *t, const char *name);
/* Bit width of a fixed-width value, -1 when it has none. */
/* The width in bits of a bit<W>, int<W> or bool value (through
 * serializable enums and new types), -1 for other types and NULL: the one
 * width function; bytes_of_bits gives the bytes such a value takes. */
int type_width_bits(const Type *t);
static inline int bytes_of_bits(int bits)
{
    return (bits + 7) / 8;
}

/* Whether T mentions a type variable anywhere (memoized in T). */
bool type_contains_typevar(const Type *t);
/* T with each type variable declared by VARS[i] replaced by TYPES[i] (NULL:
 * left as it is); parts without type variables are shared, not copied. */
Type *type_substitute(Arena *arena, Node *const *vars, Type *const *types, int n, Type *t);

/* The type as a P4 programmer would write it: "bit<8>", "headers_t". */
const char *type_name(Arena *arena, const Type *t);

#endif
