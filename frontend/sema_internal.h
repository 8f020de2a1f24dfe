/* Shared state and helpers of the semantic-analysis passes (sema_*.c). */
#ifndef P4CC_SEMA_INTERNAL_H
#define P4CC_SEMA_INTERNAL_H

#include <gmp.h>
#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "sema.h"
#include "types.h"

/* ---- environments: what a name means at a point of the program ---- */

typedef struct Binding {
    const char *name;
    unsigned hash;
    Node *decl;
    struct Binding *overload;   /* further declarations of an overloaded name */
    struct Binding *next;       /* hash chain */
} Binding;

typedef struct Env {
    struct Env *parent;
    Binding **buckets;
    unsigned mask;
} Env;

#include "constvalue.h"

/* ---- the checker ---- */

/* A set of nodes (open addressing over their addresses). */
typedef struct NodeSet {
    const Node **slots;
    unsigned mask, count;
} NodeSet;

typedef struct Checker {
    Arena *arena;
    Diag *diag;
    Env *global;
    Env *env;                  /* innermost environment */
    Env *errors;               /* members of `error`, merged over all declarations */

    /* What encloses the code being checked. */
    Node *parser;              /* N_PARSER */
    Node *control;             /* N_CONTROL */
    Node *action;              /* N_ACTION */
    Node *function;            /* N_FUNCTION */
    Node *table;               /* N_TABLE */
    Node *extern_decl;         /* N_EXTERN whose methods are being declared */
    Type *this_type;           /* type of `this` in an instance initializer */
    Type *return_type;         /* of the enclosing function or action (void) */
    int loop_depth;
    bool in_statement;         /* declaring a variable or constant of a block */
    /* Checked expressions const_eval found no value for: the checks of
     * each operator of a long chain ask about their operands again. */
    NodeSet no_value;
    /* Constants warn_if_wraps has warned about (a use may be checked twice). */
    NodeSet wrap_warned;
    bool in_body;              /* in a parser state or a control's apply block */
    const Node *switch_expr;   /* the expression of the switch being checked */
} Checker;

/* sema_env.c */
Env *env_new(Checker *ck, Env *parent, unsigned buckets);
void env_push(Checker *ck);
void env_pop(Checker *ck);
/* Declares DECL under NAME in the innermost environment; reports a
 * redeclaration unless both are overloadable callables. */
void env_declare(Checker *ck, const char *name, Node *decl);
Binding *env_lookup(const Env *env, const char *name);
Binding *env_lookup_local(const Env *env, const char *name);
bool decl_is_type(const Node *decl);

/* sema_type.c */
Type *resolve_type(Checker *ck, Node *type_ref);
Type *decl_type(Checker *ck, Node *decl);          /* the type a type declaration defines */
Type *make_struct_type(Checker *ck, Node *decl, const TypeList *type_args);
Type *callable_type(Checker *ck, TypeKind kind, Node *decl, const NodeList *params,
                    Type *ret);
/* Substitution of type variables (for generic declarations). */
typedef struct TypeSubst {
    Node **vars;             /* N_TYPE_PARAM declarations */
    Type **types;            /* what each stands for, NULL while unknown */
    int len;
} TypeSubst;
TypeSubst subst_new(Checker *ck, const NodeList *type_params);
Type *subst_apply(Checker *ck, const TypeSubst *subst, Type *t);
/* Unifies FORMAL (may contain SUBST's variables) with ACTUAL; binds variables. */
bool unify(Checker *ck, TypeSubst *subst, Type *formal, Type *actual);
bool subst_mentions(const TypeSubst *subst, const Type *t);
bool type_refers_to(const Type *t, const Node *decl);
bool check_field_type(Checker *ck, const Node *owner, const Type *ft, Node *at);

/* sema_const.c */
ConstValue *const_eval(Checker *ck, Node *expr);  /* NULL when not compile-time known */
bool const_int(Checker *ck, Node *expr, mpz_t out);
/* Spec "Compile-time known values", without necessarily a folded value:
 * also directionless parameters, instances and instantiations. */
bool is_compile_time_known(Checker *ck, Node *expr);
/* A compile-time integer that must fit an int (widths, sizes, indexes);
 * reports an error at EXPR and returns false otherwise. */
bool const_small_int(Checker *ck, Node *expr, const char *what, long *out);
ConstValue *value_int(Checker *ck, const mpz_t v, Type *type);
/* Reduces V to the range of TYPE (bit<W>: modulo 2^W; int<W>: two's complement). */
void wrap_to_type(mpz_t v, const Type *type);
/* EXPR, an int (width-less) compile-time value, is implicitly cast to TO
 * (bit<W> or int<W>): warns at EXPR when the value changes, as a
 * too-wide W-bit literal does (spec "Implicit casts"). */
void warn_if_wraps(Checker *ck, Node *expr, const Type *to);
/* EXPR gets a stricter check of its own (an enum member's range). */
void no_wrap_warning(Checker *ck, Node *expr);

/* sema_expr.c */
Type *check_expr(Checker *ck, Node *expr, Type *expected);
/* Checks that a value of type FROM (the type of EXPR) may be used where TO is
 * expected, applying the implicit casts of the spec; reports otherwise. */
bool check_assignable(Checker *ck, Node *expr, Type *from, Type *to, const char *context);
bool is_lvalue(Checker *ck, Node *expr);
Type *check_call(Checker *ck, Node *call, Type *expected);
/* `T(args)`: an extern constructor, or a parser, control or package
 * instantiation; TYPE_REF names T. Returns the type of the new object. */
Type *check_constructor_call(Checker *ck, Node *call, Type *t, Node *type_ref);
Type *check_keyset(Checker *ck, Node *keyset, Type *key_type);

/* sema_packet.c: the rules of packet_in's and packet_out's methods (spec
 * "Data extraction", "Data insertion into packets"); false after an error. */
bool check_packet_method(Checker *ck, Node *call, Node *ext, Node *method);

/* sema_stmt.c */
void check_statement(Checker *ck, Node *stmt);
void check_block_items(Checker *ck, NodeList *items);
bool always_returns(const Node *s);

/* sema_decl.c */
void check_declaration(Checker *ck, Node *decl);
void check_param_list(Checker *ck, NodeList *params, bool declare);

/* sema_annot.c */
void check_annotations(Checker *ck, NodeList *annotations);
/* p4c's @length on field INDEX of OWNER uses only earlier fields. */
void check_length_annotation(Checker *ck, const Node *owner, int index);
/* sema_cp_names.c */
/* Spec "Control plane names": no table runs two different actions of one
 * name, and no absolute @name ends up on two instances' objects. */
void check_control_plane_names(Checker *ck, Node *program);

/* Diagnostics shorthand. */
#define ERROR_AT(ck, node, ...) diag_error((ck)->diag, (node)->loc, __VA_ARGS__)
#define TYPE_NAME(ck, t) type_name((ck)->arena, (t))

#endif
