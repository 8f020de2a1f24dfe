/* AST construction helpers and the generic walker. */
#include "ast.h"

#include <string.h>

Node *ast_new(Arena *arena, NodeKind kind, SrcRange loc)
{
    Node *node = ARENA_NEW(arena, Node);
    node->kind = kind;
    node->loc = loc;
    node->int_lit.width = -1;
    return node;
}

void node_list_push(Arena *arena, NodeList *list, Node *node)
{
    if (list->len == list->cap) {
        int cap = list->cap ? list->cap * 2 : 4;
        list->items = arena_realloc(arena, list->items, sizeof(Node *) * (size_t)list->cap,
                                    sizeof(Node *) * (size_t)cap);
        list->cap = cap;
    }
    list->items[list->len++] = node;
}

static const char *const kind_names[N_KIND_COUNT] = {
    [N_PROGRAM] = "program",
    [N_TYPE_BOOL] = "type-bool", [N_TYPE_ERROR] = "type-error",
    [N_TYPE_MATCH_KIND] = "type-match_kind", [N_TYPE_STRING] = "type-string",
    [N_TYPE_INT] = "type-int", [N_TYPE_BIT] = "type-bit", [N_TYPE_VARBIT] = "type-varbit",
    [N_TYPE_VOID] = "type-void", [N_TYPE_DONTCARE] = "type-dontcare",
    [N_TYPE_NAME] = "type-name", [N_TYPE_SPECIALIZED] = "type-specialized",
    [N_TYPE_STACK] = "type-stack", [N_TYPE_TUPLE] = "type-tuple", [N_TYPE_LIST] = "type-list",
    [N_CONST] = "const", [N_VAR] = "variable", [N_PARAM] = "parameter",
    [N_TYPE_PARAM] = "type-parameter", [N_FIELD] = "field", [N_HEADER] = "header",
    [N_HEADER_UNION] = "header_union", [N_STRUCT] = "struct", [N_ENUM] = "enum",
    [N_ENUM_MEMBER] = "enum-member", [N_ERROR_DECL] = "error-declaration",
    [N_MATCH_KIND_DECL] = "match_kind-declaration", [N_TYPEDEF] = "typedef",
    [N_NEWTYPE] = "type", [N_EXTERN] = "extern", [N_METHOD] = "method",
    [N_CONSTRUCTOR] = "constructor", [N_EXTERN_FUNCTION] = "extern-function",
    [N_FUNCTION] = "function", [N_ACTION] = "action", [N_PARSER_TYPE] = "parser-type",
    [N_CONTROL_TYPE] = "control-type", [N_PACKAGE_TYPE] = "package-type",
    [N_PARSER] = "parser", [N_CONTROL] = "control", [N_STATE] = "state",
    [N_INSTANCE] = "instance", [N_VALUE_SET] = "value_set", [N_TABLE] = "table",
    [N_PROP_KEY] = "key", [N_PROP_ACTIONS] = "actions", [N_PROP_ENTRIES] = "entries",
    [N_PROP_OTHER] = "table-property", [N_KEY_ELEMENT] = "key-element",
    [N_ACTION_REF] = "action-ref", [N_ENTRY] = "entry",
    [N_ASSIGN] = "assignment", [N_CALL_STMT] = "call-statement", [N_EMPTY_STMT] = "empty-statement",
    [N_BLOCK] = "block", [N_IF] = "if", [N_RETURN] = "return", [N_EXIT] = "exit",
    [N_BREAK] = "break", [N_CONTINUE] = "continue", [N_SWITCH] = "switch",
    [N_SWITCH_CASE] = "switch-case", [N_FOR] = "for", [N_FOR_IN] = "for-in",
    [N_TRANSITION] = "transition", [N_INTRINSIC] = "intrinsic", [N_EXIT_SCOPE] = "exit-scope",
    [N_INT] = "integer", [N_BOOL] = "boolean", [N_STRING] = "string", [N_NAME] = "name",
    [N_THIS] = "this", [N_DOTS] = "dots", [N_INVALID] = "invalid", [N_TYPE_EXPR] = "type-expression",
    [N_MEMBER] = "member", [N_INDEX] = "index", [N_SLICE] = "slice", [N_PLUS_SLICE] = "plus-slice",
    [N_UNARY] = "unary", [N_BINARY] = "binary", [N_TERNARY] = "conditional", [N_CAST] = "cast",
    [N_CALL] = "call", [N_LIST_EXPR] = "list-expression", [N_STRUCT_EXPR] = "struct-expression",
    [N_KV] = "key-value", [N_ARG] = "argument", [N_SELECT] = "select",
    [N_SELECT_CASE] = "select-case", [N_TUPLE_KEYSET] = "tuple-keyset", [N_MASK] = "mask",
    [N_RANGE] = "range", [N_DEFAULT] = "default", [N_DONTCARE] = "dontcare",
    [N_ANNOTATION] = "annotation", [N_ANNOTATION_TOKEN] = "annotation-token",
};

const char *node_kind_name(NodeKind kind)
{
    if ((unsigned)kind < N_KIND_COUNT && kind_names[kind])
        return kind_names[kind];
    return "?";
}

static const char *const op_texts[OP_COUNT] = {
    [OP_NONE] = "=",
    [OP_NOT] = "!", [OP_COMPLEMENT] = "~", [OP_NEGATE] = "-", [OP_UNARY_PLUS] = "+",
    [OP_MUL] = "*", [OP_DIV] = "/", [OP_MOD] = "%", [OP_ADD] = "+", [OP_SUB] = "-",
    [OP_ADD_SAT] = "|+|", [OP_SUB_SAT] = "|-|", [OP_SHL] = "<<", [OP_SHR] = ">>",
    [OP_LE] = "<=", [OP_GE] = ">=", [OP_LT] = "<", [OP_GT] = ">", [OP_NE] = "!=",
    [OP_EQ] = "==", [OP_BIT_AND] = "&", [OP_BIT_XOR] = "^", [OP_BIT_OR] = "|",
    [OP_CONCAT] = "++", [OP_AND] = "&&", [OP_OR] = "||",
};

const char *op_text(Op op)
{
    if ((unsigned)op < OP_COUNT && op_texts[op])
        return op_texts[op];
    return "?";
}

static bool visit_list(NodeList *list, AstVisitor visit, void *ctx)
{
    for (int i = 0; i < list->len; i++)
        if (list->items[i] && !visit(list->items[i], ctx))
            return false;
    return true;
}

#define VISIT_NODE(field) \
    do { if (node->field && !visit(node->field, ctx)) return false; } while (0)
#define VISIT_LIST(field) \
    do { if (!visit_list(&node->field, visit, ctx)) return false; } while (0)

bool ast_for_each_child(Node *node, AstVisitor visit, void *ctx)
{
    VISIT_LIST(annotations);
    VISIT_LIST(type_params);
    VISIT_NODE(type);
    VISIT_LIST(params);
    VISIT_LIST(ctor_params);
    VISIT_LIST(locals);
    VISIT_NODE(expr);
    VISIT_LIST(type_args);
    VISIT_NODE(lhs);
    VISIT_NODE(rhs);
    VISIT_LIST(args);
    VISIT_LIST(items);
    VISIT_NODE(body);
    VISIT_NODE(else_body);
    return true;
}

static bool walk_child(Node *child, void *ctx)
{
    ast_walk(child, ctx);
    return true;
}

void ast_walk(Node *node, const AstWalker *walker)
{
    if (!node)
        return;
    if (walker->pre && !walker->pre(node, walker->ctx))
        return;
    ast_for_each_child(node, walk_child, (void *)walker);
    if (walker->post)
        walker->post(node, walker->ctx);
}

typedef struct RefSearch {
    const Node *decl;
    bool found;
} RefSearch;

static bool find_ref(Node *node, void *ctx)
{
    RefSearch *rs = ctx;
    if (node->ref == rs->decl)
        rs->found = true;
    return !rs->found;
}

bool ast_refers_to(Node *tree, const Node *decl)
{
    RefSearch rs = {decl, false};
    AstWalker w = {.pre = find_ref, .ctx = &rs};
    ast_walk(tree, &w);
    return rs.found;
}
