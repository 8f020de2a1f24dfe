/* The abstract syntax tree that the parser builds.
 *
 * One node struct for every construct, in the style of chibicc: a kind tag
 * and a fixed set of named fields whose meaning is listed per kind below.
 * Fields a kind does not use stay NULL / empty. All nodes and lists live in
 * the compilation's arena. ast_walk() visits every child of any node, so
 * later passes need not know which fields a kind uses.
 */
#ifndef P4CC_AST_H
#define P4CC_AST_H

#include <stdbool.h>

#include "arena.h"
#include "srcloc.h"

typedef struct Node Node;
struct Type;

typedef struct NodeList {
    Node **items;
    int len, cap;
} NodeList;

typedef enum NodeKind {
    /* ---- program ---- */
    N_PROGRAM,          /* items: top-level declarations */

    /* ---- type references (syntax of a type, not a resolved type) ---- */
    N_TYPE_BOOL,
    N_TYPE_ERROR,
    N_TYPE_MATCH_KIND,
    N_TYPE_STRING,
    N_TYPE_INT,         /* arbitrary-precision int */
    N_TYPE_BIT,         /* bit<W> or int<W> (is_signed); expr: width, NULL for plain `bit` */
    N_TYPE_VARBIT,      /* expr: maximum width */
    N_TYPE_VOID,
    N_TYPE_DONTCARE,    /* _ as a type argument */
    N_TYPE_NAME,        /* name; is_absolute for a leading dot */
    N_TYPE_SPECIALIZED, /* type: base N_TYPE_NAME; type_args */
    N_TYPE_STACK,       /* type: element type; expr: size */
    N_TYPE_TUPLE,       /* type_args */
    N_TYPE_LIST,        /* type: element type (p4list) */

    /* ---- declarations ---- */
    N_CONST,            /* annotations; type; name; expr: value */
    N_VAR,              /* annotations; type; name; expr: initializer or NULL */
    N_PARAM,            /* annotations; dir; type; name; expr: default or NULL */
    N_TYPE_PARAM,       /* name: a type variable */
    N_FIELD,            /* annotations; type; name (struct/header field) */
    N_HEADER,           /* annotations; name; type_params; items: N_FIELD */
    N_HEADER_UNION,     /* annotations; name; type_params; items: N_FIELD */
    N_STRUCT,           /* annotations; name; type_params; items: N_FIELD */
    N_ENUM,             /* annotations; name; type: underlying type or NULL; items: N_ENUM_MEMBER */
    N_ENUM_MEMBER,      /* name; expr: value or NULL */
    N_ERROR_DECL,       /* items: N_ENUM_MEMBER (names only) */
    N_MATCH_KIND_DECL,  /* items: N_ENUM_MEMBER (names only) */
    N_TYPEDEF,          /* annotations; name; type: aliased type, or a derived declaration node */
    N_NEWTYPE,          /* annotations; name; type (`type T name;`) */
    N_EXTERN,           /* annotations; name; type_params; items: N_METHOD and N_CONSTRUCTOR */
    N_METHOD,           /* annotations; is_abstract; type: return type; name; type_params; params */
    N_CONSTRUCTOR,      /* annotations; name; params */
    N_EXTERN_FUNCTION,  /* annotations; type: return type; name; type_params; params */
    N_FUNCTION,         /* annotations; type: return type; name; type_params; params; body */
    N_ACTION,           /* annotations; name; params; body */
    N_PARSER_TYPE,      /* annotations; name; type_params; params */
    N_CONTROL_TYPE,     /* annotations; name; type_params; params */
    N_PACKAGE_TYPE,     /* annotations; name; type_params; params */
    N_PARSER,           /* type: N_PARSER_TYPE; ctor_params (has_ctor_params); locals; items: N_STATE */
    N_CONTROL,          /* type: N_CONTROL_TYPE; ctor_params (has_ctor_params); locals; body: apply block */
    N_STATE,            /* annotations; name; items: statements; body: N_TRANSITION or NULL */
    N_INSTANCE,         /* annotations; type; args; name; items: initializer block
                           declarations (has_initializer) */
    N_VALUE_SET,        /* annotations; type: element type; expr: size; name */
    N_TABLE,            /* annotations; name; items: properties */
    N_PROP_KEY,         /* items: N_KEY_ELEMENT */
    N_PROP_ACTIONS,     /* items: N_ACTION_REF */
    N_PROP_ENTRIES,     /* annotations; is_const; items: N_ENTRY */
    N_PROP_OTHER,       /* annotations; is_const; name; expr: value */
    N_KEY_ELEMENT,      /* expr: key; name: match kind; annotations (after the kind) */
    N_ACTION_REF,       /* annotations; expr: N_NAME; args; has_args */
    N_ENTRY,            /* is_const; lhs: priority or NULL; expr: keyset; body: N_ACTION_REF;
                           annotations */

    /* ---- statements ---- */
    N_ASSIGN,           /* op: OP_NONE for `=`, else the operator of `op=`; lhs; rhs */
    N_CALL_STMT,        /* expr: N_CALL */
    N_EMPTY_STMT,
    N_BLOCK,            /* annotations; items: statements and declarations */
    N_IF,               /* expr: condition; body: then; else_body */
    N_RETURN,           /* expr or NULL */
    N_EXIT,
    N_BREAK,
    N_CONTINUE,
    N_SWITCH,           /* expr; items: N_SWITCH_CASE */
    N_SWITCH_CASE,      /* expr: label (N_DEFAULT for default); body: N_BLOCK or NULL (fall through) */
    N_FOR,              /* annotations; locals: init statements; expr: condition;
                           items: update statements; body */
    N_FOR_IN,           /* annotations; lhs: N_VAR (no initializer); expr: collection
                           (an N_RANGE for a..b); body */
    N_TRANSITION,       /* expr: N_NAME of the next state, or N_SELECT */
    N_INTRINSIC,        /* midend only, an expression: name: what the target computes
                           ("hash"); text: a variant ("csum16"); args: operands (plain
                           expressions); ty: the result */
    N_EXIT_SCOPE,       /* midend only: body: statements; else_body: N_BLOCK run after
                           them, also when something in body exits, after which the
                           exit goes on (an inlined call's copy-back, which the spec
                           requires on exit too) */

    /* ---- expressions ---- */
    N_INT,              /* text: literal as written; int_lit: decoded parts */
    N_BOOL,             /* bool_value */
    N_STRING,           /* text: contents without quotes, escapes as written */
    N_NAME,             /* name; is_absolute for a leading dot */
    N_THIS,
    N_DOTS,             /* `...` */
    N_INVALID,          /* `{#}`, the invalid header or union */
    N_TYPE_EXPR,        /* type: a type used where an expression stands
                           (`T.member`, `T(args)`, `error.x`, `T.apply()`) */
    N_MEMBER,           /* expr: base; name */
    N_INDEX,            /* expr: base; lhs: index */
    N_SLICE,            /* expr: base; lhs: high; rhs: low */
    N_PLUS_SLICE,       /* expr: base; lhs: start; rhs: width (`[s +: w]`) */
    N_UNARY,            /* op; expr */
    N_BINARY,           /* op; lhs; rhs */
    N_TERNARY,          /* expr: condition; lhs: then; rhs: else */
    N_CAST,             /* type; expr */
    N_CALL,             /* expr: callee; type_args; args */
    N_LIST_EXPR,        /* items: elements (`{a, b}`) */
    N_STRUCT_EXPR,      /* items: N_KV; has_dots for a trailing `...` */
    N_KV,               /* name; expr */
    N_ARG,              /* name: NULL for positional; expr (N_DONTCARE for `_`) */
    N_SELECT,           /* args: select expressions; items: N_SELECT_CASE */
    N_SELECT_CASE,      /* expr: keyset; name: next state */
    N_TUPLE_KEYSET,     /* items: simple keysets (`(a, b)` in select and entries) */
    N_MASK,             /* lhs &&& rhs */
    N_RANGE,            /* lhs .. rhs */
    N_DEFAULT,          /* `default` keyset */
    N_DONTCARE,         /* `_` */

    /* ---- annotations ---- */
    N_ANNOTATION,       /* name; items: body tokens (N_ANNOTATION_TOKEN) for @n(...);
                           or args: expressions / N_KV for @n[...] (is_structured);
                           has_args when a ( or [ body was written */
    N_ANNOTATION_TOKEN, /* text: the token as written (string literals with their quotes) */

    N_KIND_COUNT
} NodeKind;

typedef enum Direction { DIR_NONE, DIR_IN, DIR_OUT, DIR_INOUT } Direction;

/* Operators of N_UNARY, N_BINARY and compound N_ASSIGN (OP_NONE is plain `=`). */
typedef enum Op {
    OP_NONE,
    OP_NOT, OP_COMPLEMENT, OP_NEGATE, OP_UNARY_PLUS,
    OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_ADD_SAT, OP_SUB_SAT,
    OP_SHL, OP_SHR, OP_LE, OP_GE, OP_LT, OP_GT, OP_NE, OP_EQ,
    OP_BIT_AND, OP_BIT_XOR, OP_BIT_OR, OP_CONCAT, OP_AND, OP_OR,
    OP_COUNT
} Op;

/* The operator as written: "+", "|+|", "!", ... */
const char *op_text(Op op);

/* An integer literal split into its parts as written: `8w0x0F` has
 * width 8, is_signed false, base 16, digits "0F". Semantic analysis
 * converts the digits with arbitrary precision. */
typedef struct IntLiteral {
    int width;          /* -1 when no width was written */
    bool is_signed;     /* `s` width prefix */
    int base;           /* 2, 8, 10 or 16 */
    const char *digits; /* digits without prefix and without `_` separators */
} IntLiteral;

struct Node {
    NodeKind kind;
    SrcRange loc;
    Op op;
    Direction dir;
    bool is_signed, is_absolute, is_abstract, is_const, is_structured;
    bool has_args, has_ctor_params, has_initializer, has_dots, bool_value;
    const char *name;
    const char *text;
    IntLiteral int_lit;
    Node *type;
    Node *expr;
    Node *lhs, *rhs;
    Node *body, *else_body;
    NodeList annotations;
    NodeList type_params;
    NodeList type_args;
    NodeList params;
    NodeList ctor_params;
    NodeList args;
    NodeList locals;
    NodeList items;

    /* Filled in by semantic analysis. */
    struct Type *ty;    /* expressions: their type; declarations: the declared type */
    Node *ref;          /* names, members, calls: the declaration referred to */
    struct ConstValue *value; /* compile-time known value, once evaluated */
};

Node *ast_new(Arena *arena, NodeKind kind, SrcRange loc);
void node_list_push(Arena *arena, NodeList *list, Node *node);
const char *node_kind_name(NodeKind kind);

/* Calls VISIT on every direct child of NODE, in source order as far as the
 * fields allow. Returns false as soon as VISIT returns false. */
typedef bool (*AstVisitor)(Node *child, void *ctx);
bool ast_for_each_child(Node *node, AstVisitor visit, void *ctx);

/* Walks the whole tree depth first: PRE before children (return false to skip
 * them), POST after (either may be NULL). */
typedef struct AstWalker {
    bool (*pre)(Node *node, void *ctx);
    void (*post)(Node *node, void *ctx);
    void *ctx;
} AstWalker;
void ast_walk(Node *node, const AstWalker *walker);
/* Whether some node of TREE refers to DECL (its ref). */
bool ast_refers_to(Node *tree, const Node *decl);

#endif
