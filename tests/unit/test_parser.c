/* Unit tests of the bison grammar (frontend/parser.y) through
 * parse_program(): the shape of the AST built for every construct of the
 * language, operator precedence, the type-name / identifier distinction the
 * lexer makes from the parser's scopes, and source locations.
 *
 * Types and expressions are compared in a compact prefix notation that
 * sexpr() below produces: `a + b * c` is "(+ a (* b c))", `h.f[7:0]` is
 * "([:] (. h f) 7 0)", `bit<8>` is "bit<8>". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "fixture.h"

/* ------------------------------------------------------------ test harness */

/* Parses SRC, which must have no syntax errors. */
static Node *parse_ok(Fixture *f, const char *src)
{
    int errors = f->diag.errors;
    Node *program = parse_program(&f->arena, &f->diag, src, strlen(src), "test.p4");
    fflush(f->diag_out);
    if (f->diag.errors != errors)
        fail_msg("unexpected syntax errors in:\n%s\n--- diagnostics:\n%s", src, f->diag_text);
    assert_non_null(program);
    if (program->kind != N_PROGRAM)
        fail_msg("parse_program returned a %s", node_kind_name(program->kind));
    return program;
}

/* The node must exist and be of kind KIND; WHAT names it in the message. */
static Node *expect_kind(Node *node, NodeKind kind, const char *what)
{
    if (!node)
        fail_msg("%s: missing, expected %s", what, node_kind_name(kind));
    if (node->kind != kind)
        fail_msg("%s: is %s, expected %s", what, node_kind_name(node->kind),
                 node_kind_name(kind));
    return node;
}

static Node *item(const NodeList *list, int i, const char *what)
{
    if (i >= list->len)
        fail_msg("%s: has %d items, wanted item %d", what, list->len, i);
    return list->items[i];
}

static void expect_len(const NodeList *list, int len, const char *what)
{
    if (list->len != len)
        fail_msg("%s: has %d items, expected %d", what, list->len, len);
}

static void expect_name(const Node *node, const char *name, const char *what)
{
    if (!node->name || strcmp(node->name, name) != 0)
        fail_msg("%s: named '%s', expected '%s'", what, node->name ? node->name : "(none)", name);
}

/* The top-level declaration named NAME (parsers and controls by their type's
 * name), which must be of kind KIND. */
static Node *top(Node *program, const char *name, NodeKind kind)
{
    for (int i = 0; i < program->items.len; i++) {
        Node *n = program->items.items[i];
        if (n->name && strcmp(n->name, name) == 0)
            return expect_kind(n, kind, name);
    }
    fail_msg("no top-level declaration named '%s'", name);
    return NULL;
}

/* ---------------------------------------------------------------- sexpr() */

static char *sexpr(Arena *a, const Node *n);

static char *sexpr_list(Arena *a, const NodeList *list, const char *sep)
{
    char *s = "";
    for (int i = 0; i < list->len; i++)
        s = arena_printf(a, "%s%s%s", s, i ? sep : "", sexpr(a, list->items[i]));
    return s;
}

/* A type or expression in prefix notation (see the top of the file). */
static char *sexpr(Arena *a, const Node *n)
{
    if (!n)
        return "<null>";
    switch (n->kind) {
    case N_TYPE_BOOL: return "bool";
    case N_TYPE_ERROR: return "error";
    case N_TYPE_MATCH_KIND: return "match_kind";
    case N_TYPE_STRING: return "string";
    case N_TYPE_INT: return "int";
    case N_TYPE_VOID: return "void";
    case N_TYPE_DONTCARE: return "_";
    case N_TYPE_BIT:
        if (!n->expr)
            return n->is_signed ? "int<>" : "bit";
        return arena_printf(a, "%s<%s>", n->is_signed ? "int" : "bit", sexpr(a, n->expr));
    case N_TYPE_VARBIT: return arena_printf(a, "varbit<%s>", sexpr(a, n->expr));
    case N_TYPE_NAME: return arena_printf(a, "%s%s", n->is_absolute ? "." : "", n->name);
    case N_TYPE_SPECIALIZED:
        return arena_printf(a, "%s<%s>", sexpr(a, n->type), sexpr_list(a, &n->type_args, ","));
    case N_TYPE_STACK: return arena_printf(a, "%s[%s]", sexpr(a, n->type), sexpr(a, n->expr));
    case N_TYPE_TUPLE: return arena_printf(a, "tuple<%s>", sexpr_list(a, &n->type_args, ","));
    case N_TYPE_LIST: return arena_printf(a, "list<%s>", sexpr(a, n->type));
    case N_INT: return arena_printf(a, "%s", n->text);
    case N_BOOL: return n->bool_value ? "true" : "false";
    case N_STRING: return arena_printf(a, "\"%s\"", n->text);
    case N_NAME: return arena_printf(a, "%s%s", n->is_absolute ? "." : "", n->name);
    case N_THIS: return "this";
    case N_DOTS: return "...";
    case N_INVALID: return "{#}";
    case N_DEFAULT: return "default";
    case N_DONTCARE: return "_";
    case N_TYPE_EXPR: return arena_printf(a, "(type %s)", sexpr(a, n->type));
    case N_MEMBER: return arena_printf(a, "(. %s %s)", sexpr(a, n->expr), n->name);
    case N_INDEX: return arena_printf(a, "([] %s %s)", sexpr(a, n->expr), sexpr(a, n->lhs));
    case N_SLICE:
        return arena_printf(a, "([:] %s %s %s)", sexpr(a, n->expr), sexpr(a, n->lhs),
                            sexpr(a, n->rhs));
    case N_PLUS_SLICE:
        return arena_printf(a, "([+:] %s %s %s)", sexpr(a, n->expr), sexpr(a, n->lhs),
                            sexpr(a, n->rhs));
    case N_UNARY: return arena_printf(a, "(%s %s)", op_text(n->op), sexpr(a, n->expr));
    case N_BINARY:
        return arena_printf(a, "(%s %s %s)", op_text(n->op), sexpr(a, n->lhs), sexpr(a, n->rhs));
    case N_TERNARY:
        return arena_printf(a, "(? %s %s %s)", sexpr(a, n->expr), sexpr(a, n->lhs),
                            sexpr(a, n->rhs));
    case N_CAST: return arena_printf(a, "(cast %s %s)", sexpr(a, n->type), sexpr(a, n->expr));
    case N_CALL:
        return arena_printf(a, "(call %s%s%s%s%s)", sexpr(a, n->expr),
                            n->type_args.len ? " <" : "", sexpr_list(a, &n->type_args, ","),
                            n->type_args.len ? ">" : "",
                            arena_printf(a, "%s%s", n->args.len ? " " : "",
                                         sexpr_list(a, &n->args, " ")));
    case N_ARG:
        return n->name ? arena_printf(a, "%s=%s", n->name, sexpr(a, n->expr))
                       : sexpr(a, n->expr);
    case N_KV: return arena_printf(a, "%s=%s", n->name, sexpr(a, n->expr));
    case N_LIST_EXPR: return arena_printf(a, "{%s}", sexpr_list(a, &n->items, " "));
    case N_STRUCT_EXPR:
        return arena_printf(a, "{%s%s}", sexpr_list(a, &n->items, " "),
                            n->has_dots ? " ..." : "");
    case N_MASK: return arena_printf(a, "(&&& %s %s)", sexpr(a, n->lhs), sexpr(a, n->rhs));
    case N_RANGE: return arena_printf(a, "(.. %s %s)", sexpr(a, n->lhs), sexpr(a, n->rhs));
    case N_TUPLE_KEYSET: return arena_printf(a, "(%s)", sexpr_list(a, &n->items, ", "));
    default: return arena_printf(a, "<%s>", node_kind_name(n->kind));
    }
}

static void expect_sexpr(Fixture *f, const Node *node, const char *expected, const char *what)
{
    const char *got = sexpr(&f->arena, node);
    if (strcmp(got, expected) != 0)
        fail_msg("%s: got %s, expected %s", what, got, expected);
}

/* The statements of the apply block of control NAME. */
static NodeList *apply_body(Node *program, const char *name)
{
    Node *control = top(program, name, N_CONTROL);
    return &expect_kind(control->body, N_BLOCK, "apply block")->items;
}

/* Parses `control ctl() { apply { r = EXPR; } }` with the declarations PRELUDE
 * before it, and checks the assigned expression in prefix notation. */
static void check_expr(Fixture *f, const char *prelude, const char *expr, const char *expected)
{
    char *src = arena_printf(&f->arena, "%s\ncontrol ctl() { apply { r = %s; } }", prelude, expr);
    Node *program = parse_ok(f, src);
    Node *stmt = expect_kind(item(apply_body(program, "ctl"), 0, expr), N_ASSIGN, expr);
    expect_sexpr(f, stmt->rhs, expected, expr);
}

static void expect_loc(const Node *node, int line, int col, int end_line, int end_col,
                       const char *what)
{
    const SrcRange *l = &node->loc;
    if (!l->file || strcmp(l->file, "test.p4") != 0 || l->line != line || l->col != col ||
        l->end_line != end_line || l->end_col != end_col)
        fail_msg("%s: spans %s:%d:%d-%d:%d, expected test.p4:%d:%d-%d:%d", what,
                 l->file ? l->file : "(null)", l->line, l->col, l->end_line, l->end_col, line,
                 col, end_line, end_col);
}

/* The architecture declarations most tests need. */
static const char prelude[] =
    "error { NoError, PacketTooShort }\n"
    "match_kind { exact, ternary, lpm }\n"
    "extern packet_in { void extract<T>(out T hdr); T lookahead<T>(); }\n"
    "action NoAction() {}\n"
    "header h_t { bit<8> a; bit<16> b; }\n";

/* ------------------------------------------------------------------- tests */

static void test_empty_program(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f, "");
    expect_len(&program->items, 0, "empty program");
    program = parse_ok(f, ";;\n;");
    expect_len(&program->items, 0, "program of empty declarations");
}

static void test_annotations(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "@plain\n"
        "@name(\"x.y\")\n"
        "@body(a, (b, (c)) + 1, bit<8>, [ ] { } ; @ $ control >> 4w3)\n"
        "@empty()\n"
        "@list[1, \"two\", 3 + 4,]\n"
        "@kv[k=\"v\", n=3]\n"
        "@none[]\n"
        "@pragma my_pragma a b(c) 1\n"
        "header h_t { @field bit<8> f; }\n");
    Node *h = top(program, "h_t", N_HEADER);
    expect_len(&h->annotations, 8, "header annotations");
    const NodeList *anns = &h->annotations;

    Node *plain = expect_kind(item(anns, 0, "annotations"), N_ANNOTATION, "@plain");
    expect_name(plain, "plain", "@plain");
    assert_false(plain->has_args);
    expect_loc(plain, 1, 1, 1, 6, "@plain");

    Node *name = item(anns, 1, "annotations");
    expect_name(name, "name", "@name");
    assert_true(name->has_args);
    assert_false(name->is_structured);
    expect_len(&name->items, 1, "@name body");
    assert_string_equal(item(&name->items, 0, "@name body")->text, "\"x.y\"");

    /* An unstructured body keeps every token, parentheses included. */
    Node *body = item(anns, 2, "annotations");
    expect_name(body, "body", "@body");
    char *tokens = "";
    for (int i = 0; i < body->items.len; i++) {
        Node *tok = expect_kind(body->items.items[i], N_ANNOTATION_TOKEN, "@body token");
        tokens = arena_printf(&f->arena, "%s%s%s", tokens, i ? " " : "", tok->text);
    }
    assert_string_equal(tokens,
                        "a , ( b , ( c ) ) + 1 , bit < 8 > , [ ] { } ; @ $ control > > 4w3");
    expect_loc(item(&body->items, 2, "@body"), 3, 10, 3, 10, "( in @body");

    Node *empty = item(anns, 3, "annotations");
    assert_true(empty->has_args);
    expect_len(&empty->items, 0, "@empty()");

    /* Structured bodies: expressions, or key-value pairs. */
    Node *list = item(anns, 4, "annotations");
    assert_true(list->is_structured);
    expect_len(&list->args, 3, "@list[...]");
    expect_sexpr(f, item(&list->args, 1, "@list"), "\"two\"", "@list[1]");
    expect_sexpr(f, item(&list->args, 2, "@list"), "(+ 3 4)", "@list[2]");

    Node *kv = item(anns, 5, "annotations");
    assert_true(kv->is_structured);
    expect_len(&kv->args, 2, "@kv[...]");
    Node *pair = expect_kind(item(&kv->args, 0, "@kv"), N_KV, "@kv[0]");
    expect_name(pair, "k", "@kv[0]");
    expect_sexpr(f, pair->expr, "\"v\"", "@kv[0] value");

    Node *none = item(anns, 6, "annotations");
    assert_true(none->is_structured && none->has_args);
    expect_len(&none->args, 0, "@none[]");

    /* `@pragma NAME rest-of-line`. */
    Node *pragma = item(anns, 7, "annotations");
    expect_name(pragma, "my_pragma", "@pragma");
    assert_true(pragma->has_args);
    expect_len(&pragma->items, 6, "@pragma body");
    assert_string_equal(item(&pragma->items, 2, "@pragma")->text, "(");
    assert_string_equal(item(&pragma->items, 4, "@pragma")->text, ")");

    Node *field = item(&h->items, 0, "header fields");
    expect_len(&field->annotations, 1, "field annotations");
    expect_name(item(&field->annotations, 0, "field"), "field", "@field");

    /* Annotations on statements, parameters, actions, tables, keys, entries. */
    program = parse_ok(f,
        "match_kind { exact }\n"
        "@noWarn(\"unused\") action a(@tc in bit<8> x) { @atomic { } }\n"
        "control c() {\n"
        "  @name(\"tt\") table t {\n"
        "    key = { x : exact @name(\"k\"); }\n"
        "    actions = { @defaultonly a; }\n"
        "    @tbl const entries = { 1 : a(1) @entry; }\n"
        "  }\n"
        "  apply { }\n"
        "}\n");
    Node *action = top(program, "a", N_ACTION);
    expect_len(&action->annotations, 1, "action annotations");
    expect_len(&item(&action->params, 0, "params")->annotations, 1, "parameter annotations");
    Node *block = item(&action->body->items, 0, "action body");
    expect_kind(block, N_BLOCK, "@atomic block");
    expect_name(item(&block->annotations, 0, "block"), "atomic", "block annotation");
    Node *table = item(&top(program, "c", N_CONTROL)->locals, 0, "control locals");
    expect_len(&table->annotations, 1, "table annotations");
    Node *key = item(&item(&table->items, 0, "props")->items, 0, "key");
    expect_name(item(&key->annotations, 0, "key element"), "name", "key annotation");
    Node *ref = item(&item(&table->items, 1, "props")->items, 0, "actions");
    expect_name(item(&ref->annotations, 0, "action ref"), "defaultonly", "action annotation");
    Node *entries = expect_kind(item(&table->items, 2, "props"), N_PROP_ENTRIES, "entries");
    expect_name(item(&entries->annotations, 0, "entries"), "tbl", "entries annotation");
    Node *entry = item(&entries->items, 0, "entries");
    expect_name(item(&entry->annotations, 0, "entry"), "entry", "entry annotation");
}

static void test_generics(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "header H<T> { T f; }\n"
        "struct S<T, U> { T a; U b; }\n"
        "extern E<T> { E(T init); T get(); void set<X>(in X x); }\n"
        "control C<T>(inout T t);\n"
        "package Pkg<H1>(C<H1> c);\n"
        "typedef H<bit<8>> H8;\n"
        "typedef S<H<bit<8>>, bit<16>> S2;\n"
        "typedef S<bit<8>, H<H<bit<4>>>> S3;\n"
        "typedef S<_, void> S4;\n"
        "extern T id<T>(in T x);\n"
        "control c() {\n"
        "  E<bit<8>>(8w1) e;\n"
        "  apply { H<bit<8>> h; r = e.get(); e.set<bit<4>>(1); r = id<bit<8>>(2); }\n"
        "}\n");
    Node *h = top(program, "H", N_HEADER);
    expect_len(&h->type_params, 1, "H type parameters");
    expect_name(expect_kind(item(&h->type_params, 0, "H"), N_TYPE_PARAM, "T"), "T", "H<T>");
    expect_sexpr(f, item(&h->items, 0, "H fields")->type, "T", "field of type T");
    expect_len(&top(program, "S", N_STRUCT)->type_params, 2, "S type parameters");

    Node *ext = top(program, "E", N_EXTERN);
    expect_len(&ext->items, 3, "extern E members");
    expect_kind(item(&ext->items, 0, "E"), N_CONSTRUCTOR, "E(T init)");
    Node *set = expect_kind(item(&ext->items, 2, "E"), N_METHOD, "set");
    expect_len(&set->type_params, 1, "set<X>");

    expect_len(&top(program, "C", N_CONTROL_TYPE)->type_params, 1, "control C<T>");
    Node *pkg = top(program, "Pkg", N_PACKAGE_TYPE);
    expect_sexpr(f, item(&pkg->params, 0, "Pkg params")->type, "C<H1>", "C<H1> parameter");

    /* `>>` closes two type argument lists, `>>>` three. */
    expect_sexpr(f, top(program, "H8", N_TYPEDEF)->type, "H<bit<8>>", "H8");
    expect_sexpr(f, top(program, "S2", N_TYPEDEF)->type, "S<H<bit<8>>,bit<16>>", "S2");
    expect_sexpr(f, top(program, "S3", N_TYPEDEF)->type, "S<bit<8>,H<H<bit<4>>>>", "S3");
    expect_sexpr(f, top(program, "S4", N_TYPEDEF)->type, "S<_,void>", "S4");

    Node *id = top(program, "id", N_EXTERN_FUNCTION);
    expect_len(&id->type_params, 1, "id<T>");
    expect_sexpr(f, id->type, "T", "return type of id");

    Node *control = top(program, "c", N_CONTROL);
    Node *inst = expect_kind(item(&control->locals, 0, "locals"), N_INSTANCE, "e");
    expect_sexpr(f, inst->type, "E<bit<8>>", "instance type");
    expect_len(&inst->args, 1, "instance arguments");
    NodeList *body = &control->body->items;
    expect_sexpr(f, expect_kind(item(body, 0, "apply"), N_VAR, "h")->type, "H<bit<8>>",
                 "local H<bit<8>>");
    expect_sexpr(f, item(body, 1, "apply")->rhs, "(call (. e get))", "e.get()");
    Node *call = expect_kind(item(body, 2, "apply"), N_CALL_STMT, "e.set<bit<4>>(1)");
    expect_sexpr(f, call->expr, "(call (. e set) <bit<4>> 1)", "e.set<bit<4>>(1)");
    expect_sexpr(f, item(body, 3, "apply")->rhs, "(call id <bit<8>> 2)", "id<bit<8>>(2)");
}

static void test_header_types(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "header h_t { bit<8> a; int<16> b; bit c; int d; varbit<32> opts; }\n"
        "header g_t { }\n"
        "header_union U { h_t h; g_t g; }\n"
        "struct hs_t { h_t[4] stack; h_t more[2]; U u; U[2] us; tuple<bit<8>, bool> t; }\n"
        "control c(inout hs_t hdr) { apply {\n"
        "  hdr.stack[0].a = 1;\n"
        "  hdr.stack.next.a = 2;\n"
        "  hdr.stack.push_front(1);\n"
        "  hdr.u.h.setValid();\n"
        "  tuple<> nothing;\n"
        "  list<bit<8>> l = {1, 2};\n"
        "} }\n");
    Node *h = top(program, "h_t", N_HEADER);
    expect_len(&h->items, 5, "h_t fields");
    static const char *const field_types[] = {"bit<8>", "int<16>", "bit", "int", "varbit<32>"};
    for (int i = 0; i < 5; i++)
        expect_sexpr(f, expect_kind(item(&h->items, i, "h_t"), N_FIELD, "field")->type,
                     field_types[i], "h_t field type");
    expect_name(item(&h->items, 4, "h_t"), "opts", "varbit field");
    expect_len(&top(program, "g_t", N_HEADER)->items, 0, "empty header");

    Node *u = top(program, "U", N_HEADER_UNION);
    expect_len(&u->items, 2, "union fields");
    expect_sexpr(f, item(&u->items, 1, "U")->type, "g_t", "union field");

    Node *hs = top(program, "hs_t", N_STRUCT);
    static const char *const stack_types[] = {"h_t[4]", "h_t[2]", "U", "U[2]",
                                              "tuple<bit<8>,bool>"};
    for (int i = 0; i < 5; i++)
        expect_sexpr(f, item(&hs->items, i, "hs_t")->type, stack_types[i], "hs_t field type");
    expect_name(item(&hs->items, 1, "hs_t"), "more", "C-style stack field");

    NodeList *body = apply_body(program, "c");
    expect_sexpr(f, item(body, 0, "apply")->lhs, "(. ([] (. hdr stack) 0) a)", "stack[0].a");
    expect_sexpr(f, item(body, 1, "apply")->lhs, "(. (. (. hdr stack) next) a)", "stack.next");
    expect_sexpr(f, item(body, 2, "apply")->expr, "(call (. (. hdr stack) push_front) 1)",
                 "push_front");
    expect_sexpr(f, item(body, 3, "apply")->expr, "(call (. (. (. hdr u) h) setValid))",
                 "setValid");
    expect_sexpr(f, item(body, 4, "apply")->type, "tuple<>", "empty tuple");
    Node *l = item(body, 5, "apply");
    expect_sexpr(f, l->type, "list<bit<8>>", "list type");
    expect_sexpr(f, l->expr, "{1 2}", "list initializer");
}

static void test_list_and_struct_expressions(void **state)
{
    Fixture *f = *state;
    check_expr(f, "", "{}", "{}");
    check_expr(f, "", "{a, b + 1}", "{a (+ b 1)}");
    check_expr(f, "", "{1, 2,}", "{1 2}");
    check_expr(f, "", "{{1}, {}}", "{{1} {}}");
    check_expr(f, "", "{#}", "{#}");
    check_expr(f, "", "{a = 1, b = x}", "{a=1 b=x}");
    check_expr(f, "", "{a = 1,}", "{a=1}");
    check_expr(f, "", "{a = 1, ...}", "{a=1 ...}");
    check_expr(f, "", "{a = {b = 2}}", "{a={b=2}}");
    check_expr(f, "", "...", "...");
    check_expr(f, "struct S { bit<8> a; }", "(S){a = 1}", "(cast S {a=1})");

    Node *program = parse_ok(f, "control c() { apply { h = {#}; x = {a = 1, ...}; } }");
    NodeList *body = apply_body(program, "c");
    Node *invalid = expect_kind(item(body, 0, "apply")->rhs, N_INVALID, "{#}");
    expect_loc(invalid, 1, 27, 1, 29, "{#}");
    Node *st = expect_kind(item(body, 1, "apply")->rhs, N_STRUCT_EXPR, "struct expression");
    assert_true(st->has_dots);
    expect_len(&st->items, 1, "struct expression fields");
}

static void test_this_and_abstract_methods(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "extern Virtual {\n"
        "  Virtual();\n"
        "  void run(in bit<16> ix);\n"
        "  @synchronous(run) abstract bit<16> f(in bit<16> ix);\n"
        "}\n"
        "control c(inout bit<16> r) {\n"
        "  Virtual() cntr = {\n"
        "    bit<16> f(in bit<16> ix) { return this.g(ix) + 1; }\n"
        "    void g(in bit<16> ix) { this.run(ix); }\n"
        "  };\n"
        "  apply { r = cntr.f(1); }\n"
        "}\n");
    Node *ext = top(program, "Virtual", N_EXTERN);
    Node *ctor = expect_kind(item(&ext->items, 0, "Virtual"), N_CONSTRUCTOR, "constructor");
    expect_name(ctor, "Virtual", "constructor");
    expect_len(&ctor->params, 0, "constructor parameters");
    Node *run = expect_kind(item(&ext->items, 1, "Virtual"), N_METHOD, "run");
    assert_false(run->is_abstract);
    Node *abs = expect_kind(item(&ext->items, 2, "Virtual"), N_METHOD, "f");
    assert_true(abs->is_abstract);
    expect_name(abs, "f", "abstract method");
    expect_len(&abs->annotations, 1, "abstract method annotations");
    expect_sexpr(f, abs->type, "bit<16>", "abstract method return type");

    Node *inst = item(&top(program, "c", N_CONTROL)->locals, 0, "locals");
    expect_kind(inst, N_INSTANCE, "cntr");
    assert_true(inst->has_initializer);
    expect_len(&inst->items, 2, "initializer block");
    Node *fn = expect_kind(item(&inst->items, 0, "initializer"), N_FUNCTION, "f");
    Node *ret = expect_kind(item(&fn->body->items, 0, "f body"), N_RETURN, "return");
    expect_sexpr(f, ret->expr, "(+ (call (. this g) ix) 1)", "this.g(ix) + 1");
    Node *g = expect_kind(item(&inst->items, 1, "initializer"), N_FUNCTION, "g");
    Node *call = expect_kind(item(&g->body->items, 0, "g body"), N_CALL_STMT, "this.run(ix)");
    expect_sexpr(f, call->expr, "(call (. this run) ix)", "this.run(ix)");
}

static void test_switch(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "action a1() {} action a2() {} action a3() {}\n"
        "control c(inout bit<8> x) {\n"
        "  table t { actions = { a1; a2; a3; } }\n"
        "  apply {\n"
        "    switch (t.apply().action_run) {\n"
        "      a1:\n"
        "      a2: { x = 1; }\n"
        "      default: { }\n"
        "    }\n"
        "    switch (x) { 1: 2 + 2: { } x: {} }\n"
        "  }\n"
        "}\n");
    NodeList *body = apply_body(program, "c");
    Node *sw = expect_kind(item(body, 0, "apply"), N_SWITCH, "switch");
    expect_sexpr(f, sw->expr, "(. (call (. t apply)) action_run)", "switch expression");
    expect_len(&sw->items, 3, "switch cases");
    Node *fall = expect_kind(item(&sw->items, 0, "cases"), N_SWITCH_CASE, "a1:");
    expect_sexpr(f, fall->expr, "a1", "fall-through label");
    assert_null(fall->body);
    Node *a2 = item(&sw->items, 1, "cases");
    expect_sexpr(f, a2->expr, "a2", "label");
    expect_len(&expect_kind(a2->body, N_BLOCK, "a2 body")->items, 1, "a2 body");
    Node *def = item(&sw->items, 2, "cases");
    expect_kind(def->expr, N_DEFAULT, "default label");
    expect_kind(def->body, N_BLOCK, "default body");
    expect_loc(fall, 6, 7, 6, 9, "a1:");

    Node *sw2 = expect_kind(item(body, 1, "apply"), N_SWITCH, "switch (x)");
    expect_len(&sw2->items, 3, "switch (x) cases");
    expect_sexpr(f, item(&sw2->items, 1, "cases")->expr, "(+ 2 2)", "expression label");
    assert_null(item(&sw2->items, 0, "cases")->body);
}

static void test_for_loops(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "header h_t { bit<8> a; }\n"
        "control c(inout h_t[4] hs, inout bit<8> s) { apply {\n"
        "  for (bit<8> i = 0; i < 4; i = i + 1) { s = s + i; }\n"
        "  for (bit<8> i = 0, bit<8> j = 1; i < j; i = i + 1, j = j + 2) continue;\n"
        "  for (s = 0; s < 4; ) { break; }\n"
        "  for (bit<8> i in 0 .. 7) { }\n"
        "  for (h_t h in hs) { s = s + h.a; }\n"
        "  @unroll for (bit<8> i in s .. s + 2) ;\n"
        "} }\n");
    NodeList *body = apply_body(program, "c");

    Node *loop = expect_kind(item(body, 0, "apply"), N_FOR, "three-part for");
    expect_len(&loop->locals, 1, "for init");
    Node *init = expect_kind(item(&loop->locals, 0, "init"), N_VAR, "bit<8> i = 0");
    expect_name(init, "i", "loop variable");
    expect_sexpr(f, loop->expr, "(< i 4)", "for condition");
    expect_len(&loop->items, 1, "for update");
    expect_kind(item(&loop->items, 0, "update"), N_ASSIGN, "i = i + 1");
    expect_kind(loop->body, N_BLOCK, "for body");

    Node *two = expect_kind(item(body, 1, "apply"), N_FOR, "for with two variables");
    expect_len(&two->locals, 2, "two inits");
    expect_len(&two->items, 2, "two updates");
    expect_kind(two->body, N_CONTINUE, "continue body");

    Node *no_update = expect_kind(item(body, 2, "apply"), N_FOR, "for without update");
    expect_kind(item(&no_update->locals, 0, "init"), N_ASSIGN, "s = 0");
    expect_len(&no_update->items, 0, "no updates");
    expect_kind(item(&no_update->body->items, 0, "body"), N_BREAK, "break");

    Node *range = expect_kind(item(body, 3, "apply"), N_FOR_IN, "for-in range");
    Node *var = expect_kind(range->lhs, N_VAR, "for-in variable");
    expect_name(var, "i", "for-in variable");
    expect_sexpr(f, var->type, "bit<8>", "for-in variable type");
    assert_null(var->expr);
    expect_sexpr(f, range->expr, "(.. 0 7)", "range");

    Node *over = expect_kind(item(body, 4, "apply"), N_FOR_IN, "for-in stack");
    expect_sexpr(f, over->lhs->type, "h_t", "element type");
    expect_sexpr(f, over->expr, "hs", "collection");

    Node *annotated = expect_kind(item(body, 5, "apply"), N_FOR_IN, "@unroll for");
    expect_len(&annotated->annotations, 1, "for annotations");
    expect_sexpr(f, annotated->expr, "(.. s (+ s 2))", "range with expressions");
    expect_kind(annotated->body, N_EMPTY_STMT, "empty body");
}

static void test_slices_and_casts(void **state)
{
    Fixture *f = *state;
    check_expr(f, "", "x[7:0]", "([:] x 7 0)");
    check_expr(f, "", "x[s +: 4]", "([+:] x s 4)");
    check_expr(f, "", "h.f[15:8][3:0]", "([:] ([:] (. h f) 15 8) 3 0)");
    check_expr(f, "", "x[i + 1 : i - 1]", "([:] x (+ i 1) (- i 1))");
    check_expr(f, "", "a ++ x[3:0]", "(++ a ([:] x 3 0))");
    check_expr(f, "", "(bit<8>)a", "(cast bit<8> a)");
    check_expr(f, "", "(bit<8>)a + b", "(+ (cast bit<8> a) b)");
    check_expr(f, "", "(bit<8>)a.b", "(cast bit<8> (. a b))");
    check_expr(f, "", "(bit<8>)f(x)", "(cast bit<8> (call f x))");
    check_expr(f, "", "(bit<8>)x[3:0]", "(cast bit<8> ([:] x 3 0))");
    check_expr(f, "", "(int<8>)-x", "(cast int<8> (- x))");
    check_expr(f, "", "(bool)(bit<1>)x", "(cast bool (cast bit<1> x))");
    check_expr(f, "typedef bit<8> T;", "(T)x * 2", "(* (cast T x) 2)");
    check_expr(f, "", "(a) + b", "(+ a b)");
    check_expr(f, "", "(a)(b)", "(call a b)");

    Node *program = parse_ok(f,
        "control c(inout bit<16> x) { apply { x[3:0] = 1; x[x[1:0] +: 4] = 2; } }");
    NodeList *body = apply_body(program, "c");
    expect_sexpr(f, item(body, 0, "apply")->lhs, "([:] x 3 0)", "slice as an lvalue");
    expect_sexpr(f, item(body, 1, "apply")->lhs, "([+:] x ([:] x 1 0) 4)",
                 "plus-slice as an lvalue");
}

static void test_tables(void **state)
{
    Fixture *f = *state;
    char *src = arena_printf(&f->arena,
        "%s"
        "action a(bit<8> v) {}\n"
        "control c(inout h_t h) {\n"
        "  table t {\n"
        "    key = { h.a : exact; h.b : ternary @name(\"b\"); }\n"
        "    actions = { a; NoAction(); .a; }\n"
        "    const entries = {\n"
        "      (1, 2) : a(1);\n"
        "      (0x01 &&& 0x0F, _) : a(2);\n"
        "      priority = 10 : (3, default) : a(3);\n"
        "      priority = (x + 1) : (1 .. 5, 2) : NoAction();\n"
        "    }\n"
        "    default_action = a(0);\n"
        "    const size = 1024;\n"
        "    largest_priority_wins = false;\n"
        "  }\n"
        "  table u { key = { } entries = { const 1 : a(1); 2 : NoAction; } }\n"
        "  apply { t.apply(); }\n"
        "}\n", prelude);
    Node *program = parse_ok(f, src);
    Node *control = top(program, "c", N_CONTROL);
    Node *t = expect_kind(item(&control->locals, 0, "locals"), N_TABLE, "table t");
    expect_name(t, "t", "table");
    expect_len(&t->items, 6, "table t properties");

    Node *key = expect_kind(item(&t->items, 0, "t"), N_PROP_KEY, "key");
    expect_len(&key->items, 2, "key elements");
    Node *k0 = expect_kind(item(&key->items, 0, "key"), N_KEY_ELEMENT, "h.a : exact");
    expect_name(k0, "exact", "match kind");
    expect_sexpr(f, k0->expr, "(. h a)", "key expression");
    expect_name(item(&key->items, 1, "key"), "ternary", "second match kind");

    Node *actions = expect_kind(item(&t->items, 1, "t"), N_PROP_ACTIONS, "actions");
    expect_len(&actions->items, 3, "action list");
    Node *r0 = expect_kind(item(&actions->items, 0, "actions"), N_ACTION_REF, "a");
    assert_false(r0->has_args);
    Node *r1 = item(&actions->items, 1, "actions");
    assert_true(r1->has_args);
    expect_len(&r1->args, 0, "NoAction()");
    Node *r2 = item(&actions->items, 2, "actions");
    assert_true(expect_kind(r2->expr, N_NAME, ".a")->is_absolute);

    Node *entries = expect_kind(item(&t->items, 2, "t"), N_PROP_ENTRIES, "entries");
    assert_true(entries->is_const);
    expect_len(&entries->items, 4, "entries");
    static const char *const keysets[] = {"(1, 2)", "((&&& 0x01 0x0F), _)", "(3, default)",
                                          "((.. 1 5), 2)"};
    for (int i = 0; i < 4; i++) {
        Node *e = expect_kind(item(&entries->items, i, "entries"), N_ENTRY, "entry");
        expect_kind(e->expr, N_TUPLE_KEYSET, "entry keyset");
        expect_sexpr(f, e->expr, keysets[i], "entry keyset");
        expect_kind(e->body, N_ACTION_REF, "entry action");
    }
    Node *e0 = item(&entries->items, 0, "entries");
    assert_null(e0->lhs);
    expect_sexpr(f, e0->body->expr, "a", "entry action name");
    expect_len(&e0->body->args, 1, "entry action arguments");
    expect_sexpr(f, item(&entries->items, 2, "entries")->lhs, "10", "priority");
    expect_sexpr(f, item(&entries->items, 3, "entries")->lhs, "(+ x 1)", "priority expression");

    Node *def = expect_kind(item(&t->items, 3, "t"), N_PROP_OTHER, "default_action");
    expect_name(def, "default_action", "property");
    assert_false(def->is_const);
    expect_sexpr(f, def->expr, "(call a 0)", "default_action value");
    Node *size = item(&t->items, 4, "t");
    expect_name(size, "size", "property");
    assert_true(size->is_const);

    Node *u = expect_kind(item(&control->locals, 1, "locals"), N_TABLE, "table u");
    expect_len(&item(&u->items, 0, "u")->items, 0, "empty key");
    Node *u_entries = expect_kind(item(&u->items, 1, "u"), N_PROP_ENTRIES, "u entries");
    assert_false(u_entries->is_const);
    assert_true(item(&u_entries->items, 0, "u entries")->is_const);
    assert_false(item(&u_entries->items, 1, "u entries")->is_const);
    expect_sexpr(f, item(&u_entries->items, 0, "u entries")->expr, "1", "simple keyset");
}

static void test_parsers(void **state)
{
    Fixture *f = *state;
    char *src = arena_printf(&f->arena,
        "%s"
        "struct hdrs { h_t h; h_t[2] s; }\n"
        "parser P(packet_in p, out hdrs hdr) {\n"
        "  value_set<bit<16>>(4) pvs;\n"
        "  value_set<tuple<bit<8>, bit<16>>>(2) pvs2;\n"
        "  bit<8> counter = 0;\n"
        "  state start {\n"
        "    p.extract(hdr.h);\n"
        "    p.extract<h_t>(hdr.s.next);\n"
        "    bit<16> look = p.lookahead<bit<16>>();\n"
        "    transition select(hdr.h.a, look) {\n"
        "      (1, 2): next;\n"
        "      (0x10 &&& 0xF0, 0 .. 9): next;\n"
        "      (_, default): reject;\n"
        "      (pvs, _): accept;\n"
        "      (error.NoError, 3): accept;\n"
        "      default: accept;\n"
        "    }\n"
        "  }\n"
        "  state next {\n"
        "    transition select(hdr.h.b) {\n"
        "      5 &&& 7: accept;\n"
        "      1 .. 2: accept;\n"
        "      pvs: accept;\n"
        "      _: reject;\n"
        "    }\n"
        "  }\n"
        "  @name(\"last\") state last { { p.extract(hdr.h); } transition accept; }\n"
        "  state none { }\n"
        "}\n", prelude);
    Node *program = parse_ok(f, src);
    Node *parser = top(program, "P", N_PARSER);
    expect_kind(parser->type, N_PARSER_TYPE, "parser type");
    expect_len(&parser->type->params, 2, "parser parameters");
    assert_false(parser->has_ctor_params);
    expect_len(&parser->locals, 3, "parser locals");
    expect_len(&parser->items, 4, "parser states");

    Node *pvs = expect_kind(item(&parser->locals, 0, "locals"), N_VALUE_SET, "pvs");
    expect_name(pvs, "pvs", "value set");
    expect_sexpr(f, pvs->type, "bit<16>", "value set element type");
    expect_sexpr(f, pvs->expr, "4", "value set size");
    Node *pvs2 = expect_kind(item(&parser->locals, 1, "locals"), N_VALUE_SET, "pvs2");
    expect_sexpr(f, pvs2->type, "tuple<bit<8>,bit<16>>", "tuple value set");
    expect_kind(item(&parser->locals, 2, "locals"), N_VAR, "counter");

    Node *start = expect_kind(item(&parser->items, 0, "states"), N_STATE, "start");
    expect_name(start, "start", "state");
    expect_len(&start->items, 3, "start statements");
    expect_sexpr(f, item(&start->items, 0, "start")->expr, "(call (. p extract) (. hdr h))",
                 "p.extract(hdr.h)");
    expect_sexpr(f, item(&start->items, 1, "start")->expr,
                 "(call (. p extract) <h_t> (. (. hdr s) next))", "p.extract<h_t>(...)");
    /* The lexer knows lookahead is generic: `<` opens type arguments. */
    Node *look = expect_kind(item(&start->items, 2, "start"), N_VAR, "look");
    expect_sexpr(f, look->expr, "(call (. p lookahead) <bit<16>>)", "p.lookahead<bit<16>>()");

    Node *tr = expect_kind(start->body, N_TRANSITION, "transition");
    Node *sel = expect_kind(tr->expr, N_SELECT, "select");
    expect_len(&sel->args, 2, "select arguments");
    expect_len(&sel->items, 6, "select cases");
    static const char *const keys[] = {"(1, 2)", "((&&& 0x10 0xF0), (.. 0 9))",
                                       "(_, default)", "(pvs, _)",
                                       "((. (type error) NoError), 3)", "default"};
    static const char *const targets[] = {"next", "next", "reject", "accept", "accept",
                                          "accept"};
    for (int i = 0; i < 6; i++) {
        Node *c = expect_kind(item(&sel->items, i, "select cases"), N_SELECT_CASE, "case");
        expect_sexpr(f, c->expr, keys[i], "select case keyset");
        expect_name(c, targets[i], "select case target");
    }

    Node *next = item(&parser->items, 1, "states");
    Node *sel2 = next->body->expr;
    static const char *const keys2[] = {"(&&& 5 7)", "(.. 1 2)", "pvs", "_"};
    for (int i = 0; i < 4; i++)
        expect_sexpr(f, item(&sel2->items, i, "select cases")->expr, keys2[i], "simple keyset");

    Node *last = item(&parser->items, 2, "states");
    expect_len(&last->annotations, 1, "state annotations");
    expect_kind(item(&last->items, 0, "last"), N_BLOCK, "block in a state");
    Node *to = expect_kind(last->body->expr, N_NAME, "transition accept");
    expect_name(to, "accept", "transition target");
    assert_null(item(&parser->items, 3, "states")->body);
}

static void test_type_declarations(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "error { NoError, Bad }\n"
        "error { More }\n"
        "match_kind { exact, ternary, }\n"
        "enum Color { Red, Green, }\n"
        "enum bit<8> E { A = 1, B = 2 + 1, C = 0xFF }\n"
        "typedef bit<48> Mac;\n"
        "type bit<32> Ip;\n"
        "typedef Mac Mac2;\n"
        "typedef bit<8> Arr[4];\n"
        "typedef struct Inner { bit<8> x; } InnerT;\n"
        "control c() { apply {\n"
        "  r = Color.Red; r = E.A; r = error.NoError; r = (Ip)1; Mac2 m = 1;\n"
        "} }\n");
    Node *err = expect_kind(program->items.items[0], N_ERROR_DECL, "error declaration");
    expect_len(&err->items, 2, "error members");
    expect_name(expect_kind(item(&err->items, 1, "error"), N_ENUM_MEMBER, "Bad"), "Bad", "error");
    expect_kind(program->items.items[1], N_ERROR_DECL, "second error declaration");
    Node *mk = expect_kind(program->items.items[2], N_MATCH_KIND_DECL, "match_kind");
    expect_len(&mk->items, 2, "match kinds");

    Node *color = top(program, "Color", N_ENUM);
    assert_null(color->type);
    expect_len(&color->items, 2, "Color members");
    assert_null(item(&color->items, 0, "Color")->expr);

    Node *e = top(program, "E", N_ENUM);
    expect_sexpr(f, e->type, "bit<8>", "serializable enum type");
    expect_len(&e->items, 3, "E members");
    Node *b = item(&e->items, 1, "E");
    expect_name(b, "B", "enum member");
    expect_sexpr(f, b->expr, "(+ 2 1)", "enum member value");

    expect_sexpr(f, top(program, "Mac", N_TYPEDEF)->type, "bit<48>", "typedef");
    expect_sexpr(f, top(program, "Ip", N_NEWTYPE)->type, "bit<32>", "type");
    expect_sexpr(f, top(program, "Mac2", N_TYPEDEF)->type, "Mac", "typedef of a typedef");
    expect_sexpr(f, top(program, "Arr", N_TYPEDEF)->type, "bit<8>[4]", "typedef of an array");
    Node *inner = top(program, "InnerT", N_TYPEDEF);
    expect_name(expect_kind(inner->type, N_STRUCT, "typedef'd struct"), "Inner", "struct");

    NodeList *body = apply_body(program, "c");
    expect_sexpr(f, item(body, 0, "apply")->rhs, "(. (type Color) Red)", "Color.Red");
    expect_sexpr(f, item(body, 1, "apply")->rhs, "(. (type E) A)", "E.A");
    Node *ne = item(body, 2, "apply")->rhs;
    expect_sexpr(f, ne, "(. (type error) NoError)", "error.NoError");
    expect_kind(ne->expr->type, N_TYPE_ERROR, "error in error.NoError");
    expect_sexpr(f, item(body, 3, "apply")->rhs, "(cast Ip 1)", "cast to a new type");
    expect_sexpr(f, item(body, 4, "apply")->type, "Mac2", "variable of a typedef type");
}

static void test_externs_and_parameters(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "extern Counter<I> {\n"
        "  Counter(bit<32> size, bool direct);\n"
        "  Counter(bit<32> size);\n"
        "  void count(in I index);\n"
        "  @pure bit<32> read(in I index, @optional in bool clear, in bit<8> step = 1);\n"
        "}\n"
        "extern void log_msg<T>(string msg, in T data);\n"
        "extern bit<16> checksum(in bit<8> data);\n"
        "action act(in bit<8> a, out bit<8> b, inout bit<8> c, bit<8> d) { }\n"
        "control Inner(inout bit<8> x)(bit<8> initial, bool flag = true) { apply { } }\n"
        "package Top(Inner c);\n"
        "control c() {\n"
        "  Counter<bit<10>>(1024) c1;\n"
        "  Counter<bit<10>>(size = 1024, direct = true) c2;\n"
        "  Inner(1, flag = false) inner;\n"
        "  apply { c1.count(3); log_msg(\"x\", 8w1); r = c2.read(1, step = 2); }\n"
        "}\n"
        "Top(c()) main;\n");
    Node *ext = top(program, "Counter", N_EXTERN);
    expect_len(&ext->items, 4, "Counter members");
    Node *ctor = expect_kind(item(&ext->items, 0, "Counter"), N_CONSTRUCTOR, "constructor");
    expect_len(&ctor->params, 2, "constructor parameters");
    expect_kind(item(&ext->items, 1, "Counter"), N_CONSTRUCTOR, "second constructor");
    Node *read = expect_kind(item(&ext->items, 3, "Counter"), N_METHOD, "read");
    expect_len(&read->params, 3, "read parameters");
    Node *opt = item(&read->params, 1, "read");
    expect_name(item(&opt->annotations, 0, "@optional"), "optional", "optional parameter");
    assert_int_equal(opt->dir, DIR_IN);
    Node *step = item(&read->params, 2, "read");
    expect_sexpr(f, step->expr, "1", "default parameter value");

    Node *log = top(program, "log_msg", N_EXTERN_FUNCTION);
    expect_sexpr(f, log->type, "void", "extern function return type");
    expect_len(&log->type_params, 1, "extern function type parameters");
    Node *msg = item(&log->params, 0, "log_msg");
    assert_int_equal(msg->dir, DIR_NONE);
    expect_sexpr(f, msg->type, "string", "string parameter");
    top(program, "checksum", N_EXTERN_FUNCTION);

    Node *act = top(program, "act", N_ACTION);
    static const Direction dirs[] = {DIR_IN, DIR_OUT, DIR_INOUT, DIR_NONE};
    for (int i = 0; i < 4; i++) {
        Node *p = expect_kind(item(&act->params, i, "act"), N_PARAM, "action parameter");
        if (p->dir != dirs[i])
            fail_msg("parameter %s has direction %d, expected %d", p->name, p->dir, dirs[i]);
    }

    Node *inner = top(program, "Inner", N_CONTROL);
    assert_true(inner->has_ctor_params);
    expect_len(&inner->ctor_params, 2, "constructor parameters of Inner");
    expect_sexpr(f, item(&inner->ctor_params, 1, "Inner")->expr, "true", "default value");

    Node *control = top(program, "c", N_CONTROL);
    Node *c2 = item(&control->locals, 1, "locals");
    Node *arg = expect_kind(item(&c2->args, 1, "c2 arguments"), N_ARG, "named argument");
    expect_name(arg, "direct", "named argument");
    NodeList *body = apply_body(program, "c");
    expect_sexpr(f, item(body, 2, "apply")->rhs, "(call (. c2 read) 1 step=2)",
                 "call with a named argument");

    Node *main_decl = top(program, "main", N_INSTANCE);
    expect_sexpr(f, main_decl->type, "Top", "package instance type");
    expect_sexpr(f, item(&main_decl->args, 0, "main arguments"), "(call (type c))",
                 "control instantiated as an argument");
}

static void test_array_declarators(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "extern E { E(bit<8> x); }\n"
        "const bit<8> K[2] = {1, 2};\n"
        "control c() {\n"
        "  E(1) e[2];\n"
        "  bit<8> regs[4];\n"
        "  apply { bit<8> x[4]; bit<8> m[2][3] = {}; x[1] = 2; }\n"
        "}\n");
    Node *k = top(program, "K", N_CONST);
    expect_sexpr(f, k->type, "bit<8>[2]", "const array type");
    Node *control = top(program, "c", N_CONTROL);
    Node *e = expect_kind(item(&control->locals, 0, "locals"), N_INSTANCE, "instance array");
    expect_name(e, "e", "instance array");
    expect_sexpr(f, e->type, "E[2]", "instance array type");
    expect_len(&e->args, 1, "instance array arguments");
    Node *regs = expect_kind(item(&control->locals, 1, "locals"), N_VAR, "regs");
    expect_kind(regs->type, N_TYPE_STACK, "regs type");
    expect_sexpr(f, regs->type, "bit<8>[4]", "regs type");

    NodeList *body = apply_body(program, "c");
    Node *x = expect_kind(item(body, 0, "apply"), N_VAR, "bit<8> x[4]");
    expect_name(x, "x", "array variable");
    expect_kind(x->type, N_TYPE_STACK, "x type");
    expect_sexpr(f, x->type, "bit<8>[4]", "x type");
    expect_sexpr(f, item(body, 1, "apply")->type, "bit<8>[2][3]", "two dimensions");
    expect_sexpr(f, item(body, 2, "apply")->lhs, "([] x 1)", "indexing the array");
}

static void test_bit_widths_and_shifts(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "const bit<32> W = 8;\n"
        "header H<T> { T f; }\n"
        "typedef bit<2 + 2> B4;\n"
        "typedef bit<(W)> BW;\n"
        "typedef bit<W> BW2;\n"
        "typedef int<(W > 4 ? 8 : 4)> IW;\n"
        "typedef bit<(W >> 1)> Half;\n"
        "typedef varbit<W * 2> V;\n"
        "typedef H<bit<(W >> 1)>> HH;\n"
        "control ctl() { apply { r = a >> 2; r = a >> b >> c; r = a > b; r = a >= b;\n"
        "  r = (a >> 2) > 1; r = a << 2 >> 1; r >>= 3; r <<= 1; H<H<bit<8>>> h; } }\n");
    expect_sexpr(f, top(program, "B4", N_TYPEDEF)->type, "bit<(+ 2 2)>", "bit<2 + 2>");
    expect_sexpr(f, top(program, "BW", N_TYPEDEF)->type, "bit<W>", "bit<(W)>");
    expect_sexpr(f, top(program, "BW2", N_TYPEDEF)->type, "bit<W>", "bit<W>");
    expect_sexpr(f, top(program, "IW", N_TYPEDEF)->type, "int<(? (> W 4) 8 4)>", "int<(...)>");
    expect_sexpr(f, top(program, "Half", N_TYPEDEF)->type, "bit<(>> W 1)>", "bit<(W >> 1)>");
    expect_sexpr(f, top(program, "V", N_TYPEDEF)->type, "varbit<(* W 2)>", "varbit<W * 2>");
    expect_sexpr(f, top(program, "HH", N_TYPEDEF)->type, "H<bit<(>> W 1)>>", "nested shift");

    NodeList *body = apply_body(program, "ctl");
    static const char *const rhs[] = {"(>> a 2)", "(>> (>> a b) c)", "(> a b)", "(>= a b)",
                                      "(> (>> a 2) 1)", "(>> (<< a 2) 1)"};
    for (int i = 0; i < 6; i++)
        expect_sexpr(f, item(body, i, "apply")->rhs, rhs[i], "shift expression");
    Node *shr = expect_kind(item(body, 6, "apply"), N_ASSIGN, ">>=");
    assert_int_equal(shr->op, OP_SHR);
    assert_int_equal(item(body, 7, "apply")->op, OP_SHL);
    expect_sexpr(f, item(body, 8, "apply")->type, "H<H<bit<8>>>", "H<H<bit<8>>>");

    Node *shift = item(body, 0, "apply")->rhs;
    expect_loc(shift, 10, 29, 10, 34, "a >> 2");
}

static void test_precedence(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *expr, *tree;
    } cases[] = {
        {"a + b * c", "(+ a (* b c))"},
        {"a * b + c", "(+ (* a b) c)"},
        {"a - b - c", "(- (- a b) c)"},
        {"a / b % c", "(% (/ a b) c)"},
        {"a == b && c", "(&& (== a b) c)"},
        {"a || b && c", "(|| a (&& b c))"},
        {"a && b || c && d", "(|| (&& a b) (&& c d))"},
        {"a != b == c", "(== (!= a b) c)"},
        {"a < b == c >= d", "(== (< a b) (>= c d))"},
        /* Bitwise operators bind tighter than comparisons (unlike C). */
        {"a & b == c", "(== (& a b) c)"},
        {"a | b < c", "(< (| a b) c)"},
        {"a | b ^ c & d", "(| a (^ b (& c d)))"},
        {"a & b << c", "(& a (<< b c))"},
        {"a << b + c", "(<< a (+ b c))"},
        {"a ++ b + c", "(+ (++ a b) c)"},
        {"a + b ++ c", "(++ (+ a b) c)"},
        {"a |+| b * c", "(|+| a (* b c))"},
        {"a |-| b |+| c", "(|+| (|-| a b) c)"},
        {"-a * b", "(* (- a) b)"},
        {"!a && b", "(&& (! a) b)"},
        {"~a & b", "(& (~ a) b)"},
        {"- -a", "(- (- a))"},
        {"+a", "(+ a)"},
        {"!a.b", "(! (. a b))"},
        {"-a[1]", "(- ([] a 1))"},
        {"a.b.c(d)[2]", "([] (call (. (. a b) c) d) 2)"},
        {"a ? b : c", "(? a b c)"},
        {"a ? b : c ? d : e", "(? a b (? c d e))"},
        {"a ? b ? c : d : e", "(? a (? b c d) e)"},
        {"a || b ? c + 1 : d", "(? (|| a b) (+ c 1) d)"},
        {"(a + b) * c", "(* (+ a b) c)"},
        {"true && false", "(&& true false)"},
        {"\"s\"", "\"s\""},
        {"8w1 + 0x2", "(+ 8w1 0x2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_expr(f, "", cases[i].expr, cases[i].tree);

    /* Every assignment operator. */
    static const struct {
        const char *text;
        Op op;
    } assigns[] = {
        {"=", OP_NONE}, {"+=", OP_ADD}, {"-=", OP_SUB}, {"*=", OP_MUL}, {"/=", OP_DIV},
        {"%=", OP_MOD}, {"|+|=", OP_ADD_SAT}, {"|-|=", OP_SUB_SAT}, {"<<=", OP_SHL},
        {">>=", OP_SHR}, {"&=", OP_BIT_AND}, {"|=", OP_BIT_OR}, {"^=", OP_BIT_XOR},
    };
    for (size_t i = 0; i < sizeof assigns / sizeof assigns[0]; i++) {
        char *src = arena_printf(&f->arena, "control c() { apply { x %s y + 1; } }",
                                 assigns[i].text);
        Node *stmt = expect_kind(item(apply_body(parse_ok(f, src), "c"), 0, "apply"), N_ASSIGN,
                                 assigns[i].text);
        if (stmt->op != assigns[i].op)
            fail_msg("'%s' gives operator %s", assigns[i].text, op_text(stmt->op));
        expect_sexpr(f, stmt->rhs, "(+ y 1)", assigns[i].text);
    }
}

static void test_statements(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "control Inner(inout bit<8> x) { apply { } }\n"
        "control c(inout bit<8> x) {\n"
        "  Inner() inner;\n"
        "  action a() { exit; }\n"
        "  table t { actions = { a; } }\n"
        "  apply {\n"
        "    if (x == 1) x = 2; else if (x == 2) { x = 3; } else ;\n"
        "    if (t.apply().hit) { }\n"
        "    t.apply();\n"
        "    inner.apply(x);\n"
        "    Inner.apply(x);\n"
        "    { return; }\n"
        "    const bit<8> k = 3;\n"
        "  }\n"
        "}\n"
        "bit<8> f(in bit<8> v) { return v + 1; }\n");
    NodeList *body = apply_body(program, "c");
    Node *if1 = expect_kind(item(body, 0, "apply"), N_IF, "if");
    expect_sexpr(f, if1->expr, "(== x 1)", "if condition");
    expect_kind(if1->body, N_ASSIGN, "then");
    Node *if2 = expect_kind(if1->else_body, N_IF, "else if");
    expect_kind(if2->body, N_BLOCK, "else-if then");
    expect_kind(if2->else_body, N_EMPTY_STMT, "last else");
    Node *if3 = expect_kind(item(body, 1, "apply"), N_IF, "if without else");
    assert_null(if3->else_body);
    expect_sexpr(f, if3->expr, "(. (call (. t apply)) hit)", "t.apply().hit");
    expect_sexpr(f, item(body, 2, "apply")->expr, "(call (. t apply))", "t.apply()");
    expect_sexpr(f, item(body, 3, "apply")->expr, "(call (. inner apply) x)", "inner.apply(x)");
    /* A control type applied directly. */
    Node *direct = expect_kind(item(body, 4, "apply"), N_CALL_STMT, "Inner.apply(x)");
    expect_sexpr(f, direct->expr, "(call (. (type Inner) apply) x)", "Inner.apply(x)");
    Node *block = expect_kind(item(body, 5, "apply"), N_BLOCK, "block");
    Node *ret = expect_kind(item(&block->items, 0, "block"), N_RETURN, "return");
    assert_null(ret->expr);
    Node *k = expect_kind(item(body, 6, "apply"), N_CONST, "local constant");
    expect_name(k, "k", "local constant");

    Node *fn = top(program, "f", N_FUNCTION);
    expect_sexpr(f, fn->type, "bit<8>", "function return type");
    expect_len(&fn->params, 1, "function parameters");
    Node *a = item(&top(program, "c", N_CONTROL)->locals, 1, "locals");
    expect_kind(item(&a->body->items, 0, "action body"), N_EXIT, "exit");

    /* Locations of statements and declarations. */
    expect_loc(if1, 7, 5, 7, 57, "if statement");
    expect_loc(if1->expr, 7, 9, 7, 14, "if condition");
    expect_loc(k, 13, 5, 13, 23, "constant declaration");
    expect_loc(fn, 16, 1, 16, 39, "function");
    expect_loc(top(program, "c", N_CONTROL), 2, 1, 15, 1, "control");
}

static void test_names_and_scopes(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "typedef bit<8> T;\n"
        "const bit<8> y = 1;\n"
        "header h_t { bit<8> T; }\n"
        "control c(inout h_t h) {\n"
        "  apply {\n"
        "    bit<8> T = 1;\n"      /* a local variable shadows the type T */
        "    T = T + 1;\n"
        "    h.T = .y;\n"
        "    { .T z = 2; }\n"     /* the global type is still reachable */
        "  }\n"
        "}\n"
        "parser p() {\n"
        "  state start { bit<8> T = 2; T = 3; transition accept; }\n"
        "  state next { T v = 4; transition accept; }\n"
        "}\n"
        "control d() { apply { T x = 1; { bit<8> T; } T w = x; } }\n");
    NodeList *body = apply_body(program, "c");
    Node *local = expect_kind(item(body, 0, "apply"), N_VAR, "bit<8> T");
    expect_name(local, "T", "local variable");
    Node *assign = expect_kind(item(body, 1, "apply"), N_ASSIGN, "T = T + 1");
    expect_sexpr(f, assign->lhs, "T", "assignment to the local T");
    expect_sexpr(f, assign->rhs, "(+ T 1)", "use of the local T");
    Node *member = expect_kind(item(body, 2, "apply"), N_ASSIGN, "h.T = .y");
    expect_sexpr(f, member->lhs, "(. h T)", "field named like a type");
    expect_sexpr(f, member->rhs, ".y", "absolute name");
    assert_true(member->rhs->is_absolute);
    Node *inner = item(&item(body, 3, "apply")->items, 0, "block");
    expect_sexpr(f, expect_kind(inner, N_VAR, ".T z")->type, ".T", "absolute type name");

    Node *parser = top(program, "p", N_PARSER);
    Node *start = item(&parser->items, 0, "states");
    expect_kind(item(&start->items, 0, "start"), N_VAR, "bit<8> T in a state");
    expect_kind(item(&start->items, 1, "start"), N_ASSIGN, "T = 3 in a state");
    /* The next state is a new scope: T is the type again. */
    Node *v = expect_kind(item(&item(&parser->items, 1, "states")->items, 0, "next"), N_VAR,
                          "T v");
    expect_sexpr(f, v->type, "T", "type after the shadowing state");

    NodeList *d = apply_body(program, "d");
    expect_sexpr(f, expect_kind(item(d, 0, "d"), N_VAR, "T x")->type, "T", "T x");
    expect_sexpr(f, expect_kind(item(d, 2, "d"), N_VAR, "T w")->type, "T",
                 "T after the block that shadowed it");
}

static void test_locations(void **state)
{
    Fixture *f = *state;
    Node *program = parse_ok(f,
        "header h_t { bit<8> f; }\n"
        "const bit<8> k = 1;\n"
        "\n"
        "  action a() {\n"
        "    k2 = k + 1;\n"
        "  }\n"
        "@x struct s { }\n"
        "control c() { apply { } }\n"
        "parser p() { state start { transition accept; } }\n");
    /* A declaration starts at its first token, also when it has no
     * annotations: never at the token before it. */
    expect_loc(top(program, "h_t", N_HEADER), 1, 1, 1, 24, "header");
    expect_loc(top(program, "k", N_CONST), 2, 1, 2, 19, "constant");
    Node *a = top(program, "a", N_ACTION);
    expect_loc(a, 4, 3, 6, 3, "action");
    Node *stmt = item(&a->body->items, 0, "action body");
    expect_loc(stmt, 5, 5, 5, 15, "assignment");
    expect_loc(stmt->lhs, 5, 5, 5, 6, "assignment target");
    expect_loc(stmt->rhs, 5, 10, 5, 14, "k + 1");
    expect_loc(stmt->rhs->rhs, 5, 14, 5, 14, "1");
    expect_loc(top(program, "s", N_STRUCT), 7, 1, 7, 15, "annotated struct");
    Node *c = top(program, "c", N_CONTROL);
    expect_loc(c, 8, 1, 8, 25, "control");
    expect_loc(c->type, 8, 1, 8, 11, "control type");
    Node *p = top(program, "p", N_PARSER);
    expect_loc(p, 9, 1, 9, 49, "parser");
    expect_loc(item(&p->items, 0, "states"), 9, 14, 9, 47, "state");
}

static void test_recovery(void **state)
{
    Fixture *f = *state;
    const char *src =
        "action a() { x = ; }\n"
        "action b() { y = 1 2; }\n"
        "header h_t { bit<8> f; }\n";
    Node *program = parse_program(&f->arena, &f->diag, src, strlen(src), "test.p4");
    fflush(f->diag_out);
    assert_int_equal(f->diag.errors, 2);
    assert_string_equal(f->diag_text,
                        "test.p4:1:18: error: syntax error: unexpected ';'\n"
                        "test.p4:2:20: error: syntax error: unexpected integer '2'\n");
    /* Declarations after the errors are still there. */
    top(program, "h_t", N_HEADER);
}

/* `action a() { x = x + x + ... + x; }` with TERMS terms. */
static char *long_sum(int terms)
{
    const char *head = "action a() { x = x", *tail = "; }\n";
    char *src = malloc(strlen(head) + 4 * (size_t)terms + strlen(tail) + 1);
    assert_non_null(src);
    char *p = stpcpy(src, head);
    for (int i = 1; i < terms; i++)
        p = stpcpy(p, " + x");
    strcpy(p, tail);
    return src;
}

/* A chain of operators nests a level per operator, which bison's stack
 * does not bound; later stages recurse over it, so the parser refuses a
 * tree deeper than 50,000 levels (frontend/parse.c) with an error. */
static void test_nesting_limit(void **state)
{
    Fixture *f = *state;
    char *ok = long_sum(49000);
    Node *program = parse_ok(f, ok);
    Node *stmt = item(&top(program, "a", N_ACTION)->body->items, 0, "statement");
    int depth = 0;
    for (Node *e = stmt->rhs; e->kind == N_BINARY; e = e->lhs)
        depth++;
    assert_int_equal(depth, 48999);
    free(ok);

    char *deep = long_sum(60000);
    parse_program(&f->arena, &f->diag, deep, strlen(deep), "test.p4");
    fflush(f->diag_out);
    assert_int_equal(f->diag.errors, 1);
    const char *msg = strstr(f->diag_text, ": error: ");
    assert_non_null(msg);
    assert_true(strncmp(f->diag_text, "test.p4:1:", 10) == 0);
    assert_string_equal(msg, ": error: the program is nested too deeply here (more than 50000 "
                             "levels)\n");
    free(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_empty_program),
        TEST(test_annotations),
        TEST(test_generics),
        TEST(test_header_types),
        TEST(test_list_and_struct_expressions),
        TEST(test_this_and_abstract_methods),
        TEST(test_switch),
        TEST(test_for_loops),
        TEST(test_slices_and_casts),
        TEST(test_tables),
        TEST(test_parsers),
        TEST(test_type_declarations),
        TEST(test_externs_and_parameters),
        TEST(test_array_declarators),
        TEST(test_bit_widths_and_shifts),
        TEST(test_precedence),
        TEST(test_statements),
        TEST(test_names_and_scopes),
        TEST(test_locations),
        TEST(test_recovery),
        TEST(test_nesting_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
