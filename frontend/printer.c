/* Prints an AST back as P4-16 source (--emit=p4).
 *
 * The output is meant to parse back into the same AST, so printing is a
 * fixed point of print -> parse -> print. The AST keeps no parentheses:
 * they are put back wherever precedence and associativity need them, plus
 * a few places where a `:` or a token merge could otherwise confuse the
 * parser. Layout: 4-space indentation, one declaration or statement per
 * line, `{` on the same line, annotations before what they annotate on the
 * same line.
 */
#include "printer.h"
#include "types.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct Printer {
    FILE *out;
    int indent;

    /* Only for print_program's `#include` substitution. */
    char *include_dir;          /* realpath of the system include dir, or NULL */
    const char *cached_file;    /* last loc.file looked up ... */
    char *cached_rel;           /* ... and its path relative to include_dir */
    char **included;            /* relative paths already printed */
    int n_included;
    bool show_types;            /* PrintOptions.show_types */
} Printer;

/* Expression precedences, loosest first. Keysets (`&&&`, `..`) sit below
 * everything since they can only stand alone. */
enum {
    PREC_KEYSET,
    PREC_TERNARY,
    PREC_OR,
    PREC_AND,
    PREC_EQUALITY,
    PREC_RELATIONAL,
    PREC_BIT_OR,
    PREC_BIT_XOR,
    PREC_BIT_AND,
    PREC_SHIFT,
    PREC_ADDITIVE,
    PREC_MULTIPLICATIVE,
    PREC_PREFIX,
    PREC_POSTFIX,
    PREC_PRIMARY,
};

/* Operands in these positions must not be a bare ternary: its `:` could be
 * taken for the `:` of a slice, select case, key element or entry. */
#define PREC_NO_TERNARY (PREC_TERNARY + 1)

static void print_any(Printer *p, const Node *node);
static void print_expr(Printer *p, const Node *e, int min_prec);
static void print_type(Printer *p, const Node *t);
static void print_stmt(Printer *p, const Node *s, bool semicolon);
static void print_block(Printer *p, const Node *block);

/* ---- output helpers ---- */

static void put(Printer *p, const char *s)
{
    fputs(s, p->out);
}

static void newline(Printer *p)
{
    fputc('\n', p->out);
    for (int i = 0; i < p->indent; i++)
        fputs("    ", p->out);
}

static void put_name(Printer *p, const char *name)
{
    put(p, name ? name : "/* ? */");
}

static void unknown(Printer *p)
{
    put(p, "/* ? */");
}

/* ---- annotations ---- */

static void print_kv(Printer *p, const Node *kv)
{
    put_name(p, kv->name);
    put(p, " = ");
    print_expr(p, kv->expr, PREC_TERNARY);
}

static void print_annotation(Printer *p, const Node *a)
{
    put(p, "@");
    put_name(p, a->name);
    if (!a->has_args && !a->is_structured)
        return;
    if (a->is_structured) {
        put(p, "[");
        for (int i = 0; i < a->args.len; i++) {
            if (i)
                put(p, ", ");
            print_expr(p, a->args.items[i], PREC_TERNARY);
        }
        put(p, "]");
        return;
    }
    /* Unstructured bodies are kept as tokens; single spaces between them
     * keep each token whole when the text is lexed again. */
    put(p, "(");
    for (int i = 0; i < a->items.len; i++) {
        const Node *tok = a->items.items[i];
        if (i)
            put(p, " ");
        put(p, tok && tok->text ? tok->text : "");
    }
    put(p, ")");
}

/* Annotations in front of a declaration, each followed by a space. */
static void print_annotations(Printer *p, const NodeList *list)
{
    for (int i = 0; i < list->len; i++) {
        print_annotation(p, list->items[i]);
        put(p, " ");
    }
}

/* Annotations after an element (key elements, entries), each preceded by a
 * space. */
static void print_trailing_annotations(Printer *p, const NodeList *list)
{
    for (int i = 0; i < list->len; i++) {
        put(p, " ");
        print_annotation(p, list->items[i]);
    }
}

/* ---- types ---- */

static void print_type_list(Printer *p, const NodeList *list)
{
    for (int i = 0; i < list->len; i++) {
        if (i)
            put(p, ", ");
        print_type(p, list->items[i]);
    }
}

/* `<8>` for a literal width, `<(W + 1)>` for anything else (the grammar
 * only takes an INTEGER or a parenthesized expression there). */
static void print_width(Printer *p, const Node *width)
{
    put(p, "<");
    if (width && width->kind == N_INT) {
        print_expr(p, width, PREC_PRIMARY);
    } else {
        put(p, "(");
        print_expr(p, width, PREC_TERNARY);
        put(p, ")");
    }
    put(p, ">");
}

static void print_type(Printer *p, const Node *t)
{
    if (!t) {
        unknown(p);
        return;
    }
    switch (t->kind) {
    case N_TYPE_BOOL: put(p, "bool"); break;
    case N_TYPE_ERROR: put(p, "error"); break;
    case N_TYPE_MATCH_KIND: put(p, "match_kind"); break;
    case N_TYPE_STRING: put(p, "string"); break;
    case N_TYPE_INT: put(p, "int"); break;
    case N_TYPE_VOID: put(p, "void"); break;
    case N_TYPE_DONTCARE: put(p, "_"); break;
    case N_TYPE_BIT:
        put(p, t->is_signed ? "int" : "bit");
        if (t->expr)
            print_width(p, t->expr);
        break;
    case N_TYPE_VARBIT:
        put(p, "varbit");
        print_width(p, t->expr);
        break;
    case N_TYPE_NAME:
        if (t->is_absolute)
            put(p, ".");
        put_name(p, t->name);
        break;
    case N_TYPE_SPECIALIZED:
        print_type(p, t->type);
        put(p, "<");
        print_type_list(p, &t->type_args);
        put(p, ">");
        break;
    case N_TYPE_STACK:
        print_type(p, t->type);
        put(p, "[");
        print_expr(p, t->expr, PREC_NO_TERNARY);
        put(p, "]");
        break;
    case N_TYPE_TUPLE:
        put(p, "tuple<");
        print_type_list(p, &t->type_args);
        put(p, ">");
        break;
    case N_TYPE_LIST:
        put(p, "list<");
        print_type(p, t->type);
        put(p, ">");
        break;
    default:
        /* A derived declaration standing as a type (typedef) or anything
         * else: print it whole. */
        print_any(p, t);
        break;
    }
}

/* ---- expressions ---- */

static int binary_prec(Op op)
{
    switch (op) {
    case OP_MUL: case OP_DIV: case OP_MOD:
        return PREC_MULTIPLICATIVE;
    case OP_ADD: case OP_SUB: case OP_ADD_SAT: case OP_SUB_SAT: case OP_CONCAT:
        return PREC_ADDITIVE;
    case OP_SHL: case OP_SHR:
        return PREC_SHIFT;
    case OP_LE: case OP_GE: case OP_LT: case OP_GT:
        return PREC_RELATIONAL;
    case OP_NE: case OP_EQ:
        return PREC_EQUALITY;
    case OP_BIT_AND: return PREC_BIT_AND;
    case OP_BIT_XOR: return PREC_BIT_XOR;
    case OP_BIT_OR: return PREC_BIT_OR;
    case OP_AND: return PREC_AND;
    case OP_OR: return PREC_OR;
    default: return PREC_PRIMARY;
    }
}

static int expr_prec(const Node *e)
{
    switch (e->kind) {
    case N_MASK: case N_RANGE:
        return PREC_KEYSET;
    case N_TERNARY:
        return PREC_TERNARY;
    case N_BINARY:
        return binary_prec(e->op);
    case N_UNARY: case N_CAST:
        return PREC_PREFIX;
    case N_MEMBER: case N_INDEX: case N_SLICE: case N_PLUS_SLICE: case N_CALL:
        return PREC_POSTFIX;
    default:
        return PREC_PRIMARY;
    }
}

static void print_expr_list(Printer *p, const NodeList *list)
{
    for (int i = 0; i < list->len; i++) {
        if (i)
            put(p, ", ");
        print_expr(p, list->items[i], PREC_TERNARY);
    }
}

static void print_args(Printer *p, const NodeList *args)
{
    put(p, "(");
    print_expr_list(p, args);
    put(p, ")");
}

/* Prefix operators: `- -x` and `+ +x` must not run together into `--` or
 * the `++` concatenation token, so such an operand gets parentheses. */
static void print_unary(Printer *p, const Node *e)
{
    const char *op = op_text(e->op);
    const Node *operand = e->expr;
    put(p, op);
    bool merges = operand && operand->kind == N_UNARY &&
                  (e->op == OP_NEGATE || e->op == OP_UNARY_PLUS) &&
                  op_text(operand->op)[0] == op[0];
    print_expr(p, operand, merges ? PREC_POSTFIX : PREC_PREFIX);
}

static void print_binary(Printer *p, const Node *e)
{
    int prec = binary_prec(e->op);
    print_expr(p, e->lhs, prec);
    put(p, " ");
    put(p, op_text(e->op));
    put(p, " ");
    print_expr(p, e->rhs, prec + 1);
}

static void print_select(Printer *p, const Node *e)
{
    put(p, "select");
    print_args(p, &e->args);
    put(p, " {");
    p->indent++;
    for (int i = 0; i < e->items.len; i++) {
        newline(p);
        print_any(p, e->items.items[i]);
    }
    p->indent--;
    newline(p);
    put(p, "}");
}

/* A keyset: bare, but a ternary gets parentheses so its `:` is not the
 * case separator. */
static void print_keyset(Printer *p, const Node *k)
{
    print_expr(p, k, k && (k->kind == N_MASK || k->kind == N_RANGE) ? PREC_KEYSET
                                                                    : PREC_NO_TERNARY);
}

/* Whether E is printed starting with the `.` of an absolute name. */
static bool starts_with_dot(const Node *e)
{
    while (e) {
        switch (e->kind) {
        case N_NAME:
            return e->is_absolute;
        case N_TYPE_NAME:
            return e->is_absolute;
        case N_TYPE_EXPR: case N_TYPE_SPECIALIZED:
            e = e->type;
            break;
        case N_MEMBER: case N_INDEX: case N_SLICE: case N_PLUS_SLICE: case N_CALL:
            e = e->expr;
            break;
        default:
            return false;
        }
    }
    return false;
}

static void print_expr_inner(Printer *p, const Node *e)
{
    switch (e->kind) {
    case N_INT:
        if (p->show_types && e->int_lit.width < 0 && e->ty && e->ty->kind == T_BITS &&
            e->text[0] != '-') {
            char width[32];
            snprintf(width, sizeof width, "%d%c", e->ty->width, e->ty->is_signed ? 's' : 'w');
            put(p, width);
        }
        put_name(p, e->text);
        break;
    case N_BOOL:
        put(p, e->bool_value ? "true" : "false");
        break;
    case N_STRING:
        put(p, "\"");
        put(p, e->text ? e->text : "");
        put(p, "\"");
        break;
    case N_NAME:
        if (e->is_absolute)
            put(p, ".");
        put_name(p, e->name);
        break;
    case N_THIS: put(p, "this"); break;
    case N_DOTS: put(p, "..."); break;
    case N_INVALID: put(p, "{#}"); break;
    case N_DEFAULT: put(p, "default"); break;
    case N_DONTCARE: put(p, "_"); break;
    case N_TYPE_EXPR:
        print_type(p, e->type);
        break;
    case N_MEMBER:
        print_expr(p, e->expr, PREC_POSTFIX);
        put(p, ".");
        put_name(p, e->name);
        break;
    case N_INDEX:
        print_expr(p, e->expr, PREC_POSTFIX);
        put(p, "[");
        print_expr(p, e->lhs, PREC_NO_TERNARY);
        put(p, "]");
        break;
    case N_SLICE:
        print_expr(p, e->expr, PREC_POSTFIX);
        put(p, "[");
        print_expr(p, e->lhs, PREC_NO_TERNARY);
        put(p, ":");
        print_expr(p, e->rhs, PREC_NO_TERNARY);
        put(p, "]");
        break;
    case N_PLUS_SLICE:
        print_expr(p, e->expr, PREC_POSTFIX);
        put(p, "[");
        print_expr(p, e->lhs, PREC_NO_TERNARY);
        put(p, " +: ");
        print_expr(p, e->rhs, PREC_NO_TERNARY);
        put(p, "]");
        break;
    case N_UNARY:
        print_unary(p, e);
        break;
    case N_BINARY:
        print_binary(p, e);
        break;
    case N_TERNARY:
        /* Right-associative: `a ? b : c ? d : e` chains without
         * parentheses; a conditional in the middle gets them for clarity. */
        print_expr(p, e->expr, PREC_NO_TERNARY);
        put(p, " ? ");
        print_expr(p, e->lhs, PREC_NO_TERNARY);
        put(p, " : ");
        print_expr(p, e->rhs, PREC_TERNARY);
        break;
    case N_CAST:
        put(p, "(");
        print_type(p, e->type);
        put(p, ")");
        /* After `)` the lexer takes a `.` for member access, so `(T).x`
         * would not read back as a cast of the absolute name `.x`. */
        print_expr(p, e->expr, starts_with_dot(e->expr) ? PREC_PRIMARY + 1 : PREC_PREFIX);
        break;
    case N_CALL:
        print_expr(p, e->expr, PREC_POSTFIX);
        if (e->type_args.len) {
            put(p, "<");
            print_type_list(p, &e->type_args);
            put(p, ">");
        }
        print_args(p, &e->args);
        break;
    case N_INTRINSIC:
        /* Not P4: the midend's form, printed for --dump-ir. */
        put(p, "@");
        put(p, e->name);
        if (e->text) {
            put(p, ".");
            put(p, e->text);
        }
        put(p, "(");
        print_expr_list(p, &e->args);
        put(p, ")");
        break;
    case N_LIST_EXPR:
        put(p, "{");
        print_expr_list(p, &e->items);
        put(p, "}");
        break;
    case N_STRUCT_EXPR:
        put(p, "{");
        print_expr_list(p, &e->items);
        if (e->has_dots)
            put(p, e->items.len ? ", ..." : "...");
        put(p, "}");
        break;
    case N_KV:
        print_kv(p, e);
        break;
    case N_ARG:
        if (e->name) {
            put(p, e->name);
            put(p, " = ");
        }
        print_expr(p, e->expr, PREC_TERNARY);
        break;
    case N_SELECT:
        print_select(p, e);
        break;
    case N_TUPLE_KEYSET:
        put(p, "(");
        for (int i = 0; i < e->items.len; i++) {
            if (i)
                put(p, ", ");
            print_keyset(p, e->items.items[i]);
        }
        put(p, ")");
        break;
    case N_MASK:
    case N_RANGE:
        print_expr(p, e->lhs, PREC_NO_TERNARY);
        put(p, e->kind == N_MASK ? " &&& " : " .. ");
        print_expr(p, e->rhs, PREC_NO_TERNARY);
        break;
    default:
        print_any(p, e);
        break;
    }
}

/* Prints E, in parentheses when it binds more loosely than MIN_PREC. */
static void print_expr(Printer *p, const Node *e, int min_prec)
{
    if (!e) {
        unknown(p);
        return;
    }
    bool parens = expr_prec(e) < min_prec;
    if (parens)
        put(p, "(");
    print_expr_inner(p, e);
    if (parens)
        put(p, ")");
}

/* ---- declarations ---- */

static void print_type_params(Printer *p, const NodeList *list)
{
    if (!list->len)
        return;
    put(p, "<");
    for (int i = 0; i < list->len; i++) {
        if (i)
            put(p, ", ");
        put_name(p, list->items[i] ? list->items[i]->name : NULL);
    }
    put(p, ">");
}

static void print_param(Printer *p, const Node *param)
{
    print_annotations(p, &param->annotations);
    switch (param->dir) {
    case DIR_IN: put(p, "in "); break;
    case DIR_OUT: put(p, "out "); break;
    case DIR_INOUT: put(p, "inout "); break;
    case DIR_NONE: break;
    }
    print_type(p, param->type);
    put(p, " ");
    put_name(p, param->name);
    if (param->expr) {
        put(p, " = ");
        print_expr(p, param->expr, PREC_TERNARY);
    }
}

static void print_params(Printer *p, const NodeList *params)
{
    put(p, "(");
    for (int i = 0; i < params->len; i++) {
        if (i)
            put(p, ", ");
        if (params->items[i] && params->items[i]->kind == N_PARAM)
            print_param(p, params->items[i]);
        else
            print_any(p, params->items[i]);
    }
    put(p, ")");
}

/* ` {`, each item on its own line one level deeper, then `}`. */
static void print_body_items(Printer *p, const NodeList *items)
{
    put(p, " {");
    p->indent++;
    for (int i = 0; i < items->len; i++) {
        newline(p);
        print_any(p, items->items[i]);
    }
    p->indent--;
    newline(p);
    put(p, "}");
}

/* `T name`, `T name = init` for variables and constants. */
static void print_var(Printer *p, const Node *d, bool semicolon)
{
    print_annotations(p, &d->annotations);
    if (d->kind == N_CONST)
        put(p, "const ");
    print_type(p, d->type);
    put(p, " ");
    put_name(p, d->name);
    if (d->expr) {
        put(p, " = ");
        print_expr(p, d->expr, PREC_TERNARY);
    }
    if (semicolon)
        put(p, ";");
}

static void print_aggregate(Printer *p, const Node *d, const char *keyword)
{
    print_annotations(p, &d->annotations);
    put(p, keyword);
    put(p, " ");
    put_name(p, d->name);
    print_type_params(p, &d->type_params);
    print_body_items(p, &d->items);
}

static void print_enum_member(Printer *p, const Node *m)
{
    put_name(p, m->name);
    if (m->expr) {
        put(p, " = ");
        print_expr(p, m->expr, PREC_TERNARY);
    }
}

/* `{ A, B }` on one line, as enum, error and match_kind lists are short. */
static void print_member_list(Printer *p, const NodeList *members)
{
    put(p, " {");
    for (int i = 0; i < members->len; i++) {
        put(p, i ? ", " : " ");
        print_enum_member(p, members->items[i]);
    }
    put(p, members->len ? " }" : "}");
}

static void print_enum(Printer *p, const Node *d)
{
    print_annotations(p, &d->annotations);
    put(p, "enum ");
    if (d->type) {
        print_type(p, d->type);
        put(p, " ");
    }
    put_name(p, d->name);
    print_member_list(p, &d->items);
}

/* `R name<T>(params)`, the prototype shared by methods and functions. */
static void print_prototype(Printer *p, const Node *d)
{
    print_type(p, d->type);
    put(p, " ");
    put_name(p, d->name);
    print_type_params(p, &d->type_params);
    print_params(p, &d->params);
}

/* `parser P<T>(params)` and the like, without a terminator. */
static void print_block_type(Printer *p, const Node *d)
{
    static const char *const keywords[] = {
        [N_PARSER_TYPE] = "parser", [N_CONTROL_TYPE] = "control",
        [N_PACKAGE_TYPE] = "package",
    };
    print_annotations(p, &d->annotations);
    put(p, keywords[d->kind]);
    put(p, " ");
    put_name(p, d->name);
    print_type_params(p, &d->type_params);
    print_params(p, &d->params);
}

/* The head of a parser or control: its type, then constructor params. */
static void print_block_head(Printer *p, const Node *d, NodeKind type_kind)
{
    print_annotations(p, &d->annotations);
    if (d->type && d->type->kind == type_kind)
        print_block_type(p, d->type);
    else
        print_any(p, d->type);
    if (d->has_ctor_params)
        print_params(p, &d->ctor_params);
}

static void print_parser(Printer *p, const Node *d)
{
    print_block_head(p, d, N_PARSER_TYPE);
    put(p, " {");
    p->indent++;
    for (int i = 0; i < d->locals.len; i++) {
        newline(p);
        print_any(p, d->locals.items[i]);
    }
    for (int i = 0; i < d->items.len; i++) {
        newline(p);
        print_any(p, d->items.items[i]);
    }
    p->indent--;
    newline(p);
    put(p, "}");
}

static void print_control(Printer *p, const Node *d)
{
    print_block_head(p, d, N_CONTROL_TYPE);
    put(p, " {");
    p->indent++;
    for (int i = 0; i < d->locals.len; i++) {
        newline(p);
        print_any(p, d->locals.items[i]);
    }
    newline(p);
    put(p, "apply ");
    print_block(p, d->body);
    p->indent--;
    newline(p);
    put(p, "}");
}

static void print_state(Printer *p, const Node *d)
{
    print_annotations(p, &d->annotations);
    put(p, "state ");
    put_name(p, d->name);
    put(p, " {");
    p->indent++;
    for (int i = 0; i < d->items.len; i++) {
        newline(p);
        print_any(p, d->items.items[i]);
    }
    if (d->body) {
        newline(p);
        print_any(p, d->body);
    }
    p->indent--;
    newline(p);
    put(p, "}");
}

static void print_transition(Printer *p, const Node *t)
{
    put(p, "transition ");
    print_expr(p, t->expr, PREC_TERNARY);
    /* `transition select (...) { ... }` takes no semicolon. */
    if (!t->expr || t->expr->kind != N_SELECT)
        put(p, ";");
}

static void print_select_case(Printer *p, const Node *c)
{
    print_keyset(p, c->expr);
    put(p, " : ");
    put_name(p, c->name);
    put(p, ";");
}

static void print_instance(Printer *p, const Node *d)
{
    print_annotations(p, &d->annotations);
    print_type(p, d->type);
    print_args(p, &d->args);
    put(p, " ");
    put_name(p, d->name);
    if (d->has_initializer) {
        put(p, " =");
        print_body_items(p, &d->items);
    }
    put(p, ";");
}

static void print_value_set(Printer *p, const Node *d)
{
    print_annotations(p, &d->annotations);
    put(p, "value_set<");
    print_type(p, d->type);
    put(p, ">(");
    print_expr(p, d->expr, PREC_TERNARY);
    put(p, ") ");
    put_name(p, d->name);
    put(p, ";");
}

static void print_action_ref(Printer *p, const Node *r)
{
    print_expr(p, r->expr, PREC_POSTFIX);
    if (r->has_args)
        print_args(p, &r->args);
}

static void print_key_element(Printer *p, const Node *k)
{
    print_expr(p, k->expr, PREC_NO_TERNARY);
    put(p, " : ");
    put_name(p, k->name);
    print_trailing_annotations(p, &k->annotations);
    put(p, ";");
}

static void print_entry(Printer *p, const Node *e)
{
    if (e->is_const)
        put(p, "const ");
    if (e->lhs) {
        /* The grammar takes an INTEGER or a parenthesized expression. */
        put(p, "priority=");
        if (e->lhs->kind == N_INT) {
            print_expr(p, e->lhs, PREC_PRIMARY);
        } else {
            put(p, "(");
            print_expr(p, e->lhs, PREC_TERNARY);
            put(p, ")");
        }
        put(p, ": ");
    }
    print_keyset(p, e->expr);
    put(p, " : ");
    if (e->body && e->body->kind == N_ACTION_REF)
        print_action_ref(p, e->body);
    else
        print_any(p, e->body);
    print_trailing_annotations(p, &e->annotations);
    put(p, ";");
}

/* One line per element, between `name = {` and `}`. */
static void print_property_list(Printer *p, const char *name, const NodeList *items)
{
    put(p, name);
    put(p, " =");
    print_body_items(p, items);
}

static void print_property(Printer *p, const Node *d)
{
    switch (d->kind) {
    case N_PROP_KEY:
        print_property_list(p, "key", &d->items);
        break;
    case N_PROP_ACTIONS:
        print_property_list(p, "actions", &d->items);
        break;
    case N_PROP_ENTRIES:
        print_annotations(p, &d->annotations);
        print_property_list(p, d->is_const ? "const entries" : "entries", &d->items);
        break;
    default: /* N_PROP_OTHER */
        print_annotations(p, &d->annotations);
        if (d->is_const)
            put(p, "const ");
        put_name(p, d->name);
        put(p, " = ");
        print_expr(p, d->expr, PREC_TERNARY);
        put(p, ";");
        break;
    }
}

/* ---- statements ---- */

static void print_block(Printer *p, const Node *block)
{
    if (!block || block->kind != N_BLOCK) {
        print_any(p, block);
        return;
    }
    print_annotations(p, &block->annotations);
    put(p, "{");
    p->indent++;
    for (int i = 0; i < block->items.len; i++) {
        newline(p);
        print_any(p, block->items.items[i]);
    }
    p->indent--;
    newline(p);
    put(p, "}");
}

static bool is_block(const Node *s)
{
    return s && s->kind == N_BLOCK;
}

/* The body of if/else/for: a block stays on the line, anything else goes
 * on the next line, one level deeper. */
static void print_sub_statement(Printer *p, const Node *s)
{
    if (is_block(s)) {
        put(p, " ");
        print_block(p, s);
        return;
    }
    p->indent++;
    newline(p);
    print_stmt(p, s, true);
    p->indent--;
}

/* Whether an `else` printed after S would be taken by an `if` inside S. */
static bool takes_else(const Node *s)
{
    while (s) {
        switch (s->kind) {
        case N_IF:
            if (!s->else_body)
                return true;
            s = s->else_body;
            break;
        case N_FOR: case N_FOR_IN:
            s = s->body;
            break;
        default:
            return false;
        }
    }
    return false;
}

static void print_if(Printer *p, const Node *s)
{
    put(p, "if (");
    print_expr(p, s->expr, PREC_TERNARY);
    put(p, ")");
    const Node *then = s->body;
    if (s->else_body && takes_else(then)) {
        /* Only braces keep the else with the outer if; the parser cannot
         * build such a tree from source, so this just stays correct. */
        put(p, " {");
        p->indent++;
        newline(p);
        print_stmt(p, then, true);
        p->indent--;
        newline(p);
        put(p, "}");
    } else {
        print_sub_statement(p, then);
    }
    if (!s->else_body)
        return;
    if (is_block(then) || takes_else(then))
        put(p, " ");
    else
        newline(p);
    put(p, "else");
    if (s->else_body->kind == N_IF) {
        put(p, " ");
        print_if(p, s->else_body);
    } else {
        print_sub_statement(p, s->else_body);
    }
}

static void print_switch(Printer *p, const Node *s)
{
    put(p, "switch (");
    print_expr(p, s->expr, PREC_TERNARY);
    put(p, ")");
    print_body_items(p, &s->items);
}

static void print_switch_case(Printer *p, const Node *c)
{
    print_keyset(p, c->expr);
    put(p, ":");
    if (c->body) {
        put(p, " ");
        print_block(p, c->body);
    }
}

static void print_stmt_list(Printer *p, const NodeList *list)
{
    for (int i = 0; i < list->len; i++) {
        if (i)
            put(p, ", ");
        print_stmt(p, list->items[i], false);
    }
}

static void print_for(Printer *p, const Node *s)
{
    print_annotations(p, &s->annotations);
    put(p, "for (");
    print_stmt_list(p, &s->locals);
    put(p, "; ");
    if (s->expr)
        print_expr(p, s->expr, PREC_TERNARY);
    put(p, s->items.len ? "; " : ";");
    print_stmt_list(p, &s->items);
    put(p, ")");
    print_sub_statement(p, s->body);
}

static void print_for_in(Printer *p, const Node *s)
{
    print_annotations(p, &s->annotations);
    put(p, "for (");
    if (s->lhs && (s->lhs->kind == N_VAR))
        print_var(p, s->lhs, false);
    else
        print_any(p, s->lhs);
    put(p, " in ");
    const Node *c = s->expr;
    print_expr(p, c, c && c->kind == N_RANGE ? PREC_KEYSET : PREC_TERNARY);
    put(p, ")");
    print_sub_statement(p, s->body);
}

/* A statement; SEMICOLON false for the init and update parts of `for`. */
static void print_stmt(Printer *p, const Node *s, bool semicolon)
{
    if (!s) {
        unknown(p);
        return;
    }
    switch (s->kind) {
    case N_ASSIGN:
        print_expr(p, s->lhs, PREC_POSTFIX);
        put(p, " ");
        if (s->op != OP_NONE)
            put(p, op_text(s->op));
        put(p, "= ");
        print_expr(p, s->rhs, PREC_TERNARY);
        break;
    case N_CALL_STMT:
        print_expr(p, s->expr, PREC_POSTFIX);
        break;
    case N_VAR:
    case N_CONST:
        print_var(p, s, false);
        break;
    default:
        print_any(p, s);
        return;
    }
    if (semicolon)
        put(p, ";");
}

/* ---- dispatch ---- */

static void print_any(Printer *p, const Node *n)
{
    if (!n) {
        unknown(p);
        return;
    }
    switch (n->kind) {
    case N_PROGRAM:
        for (int i = 0; i < n->items.len; i++) {
            if (i)
                put(p, "\n\n");
            print_any(p, n->items.items[i]);
        }
        break;

    case N_TYPE_BOOL: case N_TYPE_ERROR: case N_TYPE_MATCH_KIND: case N_TYPE_STRING:
    case N_TYPE_INT: case N_TYPE_BIT: case N_TYPE_VARBIT: case N_TYPE_VOID:
    case N_TYPE_DONTCARE: case N_TYPE_NAME: case N_TYPE_SPECIALIZED: case N_TYPE_STACK:
    case N_TYPE_TUPLE: case N_TYPE_LIST:
        print_type(p, n);
        break;

    case N_CONST:
    case N_VAR:
        print_var(p, n, true);
        break;
    case N_PARAM: print_param(p, n); break;
    case N_TYPE_PARAM: put_name(p, n->name); break;
    case N_FIELD:
        print_annotations(p, &n->annotations);
        print_type(p, n->type);
        put(p, " ");
        put_name(p, n->name);
        put(p, ";");
        break;
    case N_HEADER: print_aggregate(p, n, "header"); break;
    case N_HEADER_UNION: print_aggregate(p, n, "header_union"); break;
    case N_STRUCT: print_aggregate(p, n, "struct"); break;
    case N_ENUM: print_enum(p, n); break;
    case N_ENUM_MEMBER: print_enum_member(p, n); break;
    case N_ERROR_DECL:
        put(p, "error");
        print_member_list(p, &n->items);
        break;
    case N_MATCH_KIND_DECL:
        put(p, "match_kind");
        print_member_list(p, &n->items);
        break;
    case N_TYPEDEF:
    case N_NEWTYPE:
        print_annotations(p, &n->annotations);
        put(p, n->kind == N_TYPEDEF ? "typedef " : "type ");
        print_type(p, n->type);
        put(p, " ");
        put_name(p, n->name);
        put(p, ";");
        break;
    case N_EXTERN:
        print_aggregate(p, n, "extern");
        break;
    case N_METHOD:
        print_annotations(p, &n->annotations);
        if (n->is_abstract)
            put(p, "abstract ");
        print_prototype(p, n);
        put(p, ";");
        break;
    case N_CONSTRUCTOR:
        print_annotations(p, &n->annotations);
        put_name(p, n->name);
        print_params(p, &n->params);
        put(p, ";");
        break;
    case N_EXTERN_FUNCTION:
        print_annotations(p, &n->annotations);
        put(p, "extern ");
        print_prototype(p, n);
        put(p, ";");
        break;
    case N_FUNCTION:
        print_annotations(p, &n->annotations);
        print_prototype(p, n);
        put(p, " ");
        print_block(p, n->body);
        break;
    case N_ACTION:
        print_annotations(p, &n->annotations);
        put(p, "action ");
        put_name(p, n->name);
        print_params(p, &n->params);
        put(p, " ");
        print_block(p, n->body);
        break;
    case N_PARSER_TYPE: case N_CONTROL_TYPE: case N_PACKAGE_TYPE:
        print_block_type(p, n);
        put(p, ";");
        break;
    case N_PARSER: print_parser(p, n); break;
    case N_CONTROL: print_control(p, n); break;
    case N_STATE: print_state(p, n); break;
    case N_INSTANCE: print_instance(p, n); break;
    case N_VALUE_SET: print_value_set(p, n); break;
    case N_TABLE:
        print_annotations(p, &n->annotations);
        put(p, "table ");
        put_name(p, n->name);
        print_body_items(p, &n->items);
        break;
    case N_PROP_KEY: case N_PROP_ACTIONS: case N_PROP_ENTRIES: case N_PROP_OTHER:
        print_property(p, n);
        break;
    case N_KEY_ELEMENT: print_key_element(p, n); break;
    case N_ACTION_REF:
        /* In an actions list: annotations first, then a semicolon. */
        print_annotations(p, &n->annotations);
        print_action_ref(p, n);
        put(p, ";");
        break;
    case N_ENTRY: print_entry(p, n); break;

    case N_ASSIGN: case N_CALL_STMT:
        print_stmt(p, n, true);
        break;
    case N_EMPTY_STMT: put(p, ";"); break;
    case N_BLOCK: print_block(p, n); break;
    case N_IF: print_if(p, n); break;
    case N_RETURN:
        put(p, "return");
        if (n->expr) {
            put(p, " ");
            print_expr(p, n->expr, PREC_TERNARY);
        }
        put(p, ";");
        break;
    case N_EXIT: put(p, "exit;"); break;
    case N_EXIT_SCOPE:
        /* Not P4: the midend's form, printed for --dump-ir. */
        print_block(p, n->body);
        put(p, " finally ");
        print_block(p, n->else_body);
        break;
    case N_BREAK: put(p, "break;"); break;
    case N_CONTINUE: put(p, "continue;"); break;
    case N_SWITCH: print_switch(p, n); break;
    case N_SWITCH_CASE: print_switch_case(p, n); break;
    case N_FOR: print_for(p, n); break;
    case N_FOR_IN: print_for_in(p, n); break;
    case N_TRANSITION: print_transition(p, n); break;
    case N_SELECT_CASE: print_select_case(p, n); break;

    case N_INT: case N_BOOL: case N_STRING: case N_NAME: case N_THIS: case N_DOTS:
    case N_INVALID: case N_TYPE_EXPR: case N_MEMBER: case N_INDEX: case N_SLICE:
    case N_PLUS_SLICE: case N_UNARY: case N_BINARY: case N_TERNARY: case N_CAST:
    case N_CALL: case N_LIST_EXPR: case N_STRUCT_EXPR: case N_KV: case N_ARG: case N_INTRINSIC:
    case N_SELECT: case N_TUPLE_KEYSET: case N_MASK: case N_RANGE: case N_DEFAULT:
    case N_DONTCARE:
        print_expr(p, n, PREC_KEYSET);
        break;

    case N_ANNOTATION: print_annotation(p, n); break;
    case N_ANNOTATION_TOKEN: put(p, n->text ? n->text : ""); break;

    default:
        unknown(p);
        break;
    }
}

/* ---- system includes ---- */

/* FILE's path relative to the include directory, or NULL when FILE lies
 * elsewhere. The preprocessor may spell paths with `//` or `./`, so both
 * sides are compared as real paths. Consecutive declarations share a file
 * name pointer, so the last answer is cached. */
static const char *system_relative(Printer *p, const char *file)
{
    if (!p->include_dir || !file)
        return NULL;
    if (p->cached_file && (file == p->cached_file || !strcmp(file, p->cached_file)))
        return p->cached_rel;
    free(p->cached_rel);
    p->cached_rel = NULL;
    p->cached_file = file;
    char *real = realpath(file, NULL);
    if (!real)
        return NULL;
    size_t n = strlen(p->include_dir);
    if (!strncmp(real, p->include_dir, n) && real[n] == '/' && real[n + 1])
        p->cached_rel = strdup(real + n + 1);
    free(real);
    return p->cached_rel;
}

/* Records REL as printed; false when it already was. */
static bool note_include(Printer *p, const char *rel)
{
    for (int i = 0; i < p->n_included; i++)
        if (!strcmp(p->included[i], rel))
            return false;
    char **grown = realloc(p->included, sizeof *grown * (size_t)(p->n_included + 1));
    if (!grown)
        return true;
    p->included = grown;
    p->included[p->n_included++] = strdup(rel);
    return true;
}

/* The file of DECL relative to the system include directory, or NULL when
 * DECL is to be printed. */
static const char *system_file_of(Printer *p, const Node *decl)
{
    return decl && p->include_dir ? system_relative(p, decl->loc.file) : NULL;
}

/* v1model.p4 picks its flavour by the V1MODEL_VERSION macro, which the
 * program may define before including it and which it records in the
 * constant __v1model_version. Returns that constant when it comes from a
 * system include, so the `#define` can be printed again. */
static const Node *v1model_version(Printer *p, const Node *program)
{
    for (int i = 0; i < program->items.len; i++) {
        const Node *d = program->items.items[i];
        if (d && d->kind == N_CONST && d->name && !strcmp(d->name, "__v1model_version") &&
            d->expr && d->expr->kind == N_INT && system_file_of(p, d))
            return d;
    }
    return NULL;
}

static void print_top_level(Printer *p, const Node *program)
{
    const Node *version = v1model_version(p, program);
    const char *version_file = version ? strdup(system_file_of(p, version)) : NULL;
    /* A blank line between declarations; `#include` lines stay together. */
    enum { NOTHING, INCLUDE, DECLARATION } last = NOTHING;
    for (int i = 0; i < program->items.len; i++) {
        const Node *decl = program->items.items[i];
        const char *rel = system_file_of(p, decl);
        if (rel) {
            if (!note_include(p, rel))
                continue;
            if (last == DECLARATION)
                put(p, "\n");
            if (version_file && !strcmp(rel, version_file))
                fprintf(p->out, "#define V1MODEL_VERSION %s\n", version->expr->text);
            fprintf(p->out, "#include <%s>\n", rel);
            last = INCLUDE;
            continue;
        }
        if (last != NOTHING)
            put(p, "\n");
        print_any(p, decl);
        put(p, "\n");
        last = DECLARATION;
    }
    free((char *)version_file);
}

/* ---- entry points ---- */

void print_program(FILE *out, const Node *program, const PrintOptions *options)
{
    Printer p = { .out = out, .show_types = options && options->show_types };
    if (options && options->system_include_dir)
        p.include_dir = realpath(options->system_include_dir, NULL);
    if (program && program->kind == N_PROGRAM) {
        print_top_level(&p, program);
    } else {
        print_any(&p, program);
        fputc('\n', out);
    }
    for (int i = 0; i < p.n_included; i++)
        free(p.included[i]);
    free(p.included);
    free(p.cached_rel);
    free(p.include_dir);
}

void print_node(FILE *out, const Node *node)
{
    Printer p = { .out = out };
    print_any(&p, node);
}
