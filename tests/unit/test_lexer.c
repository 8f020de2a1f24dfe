/* Unit tests of the flex scanner (frontend/lexer.l), driven directly:
 * token kinds, the scope-driven classification of names and `<`, literal
 * decoding, comments, line markers, positions and lexical errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "parse_context.h"
#include "parser.h"
#include "lexer.h"
#include "scope.h"

YY_DECL;

/* ------------------------------------------------------------ test harness */

/* One scanner over one text, with the diagnostics captured in memory. */
typedef struct Lexer {
    Arena arena;
    Diag diag;
    ParseContext ctx;
    yyscan_t scanner;
    YY_BUFFER_STATE buffer;
    FILE *diag_out;
    char *diag_text;
    size_t diag_len;
} Lexer;

/* A token as the scanner returned it. */
typedef struct Token {
    int kind;
    P4YYSTYPE value;
    SrcRange loc;
} Token;

/* Sets up the scanner like parse_program() does. Declare names in
 * lx->ctx.scope (see declare()) before lexing those that depend on them. */
static void lexer_open(Lexer *lx)
{
    memset(lx, 0, sizeof *lx);
    arena_init(&lx->arena);
    lx->diag_out = open_memstream(&lx->diag_text, &lx->diag_len);
    assert_non_null(lx->diag_out);
    diag_init(&lx->diag, &lx->arena, lx->diag_out);
    lx->diag.show_source = false;
    lx->ctx.arena = &lx->arena;
    lx->ctx.diag = &lx->diag;
    scope_init(&lx->ctx.scope, &lx->arena);
    lx->ctx.file = parse_intern_file(&lx->ctx, "test.p4", 7);
    lx->ctx.line = 1;
    lx->ctx.col = 1;
    assert_int_equal(p4lexlex_init_extra(&lx->ctx, &lx->scanner), 0);
    lx->ctx.scanner = lx->scanner;
}

/* Makes TEXT the rest of the input (the scanner's state, such as the
 * previous token, carries over from earlier input). */
static void lexer_input(Lexer *lx, const char *text)
{
    YY_BUFFER_STATE old = lx->buffer;
    lx->buffer = p4lex_scan_bytes(text, (int)strlen(text), lx->scanner);
    if (old)
        p4lex_delete_buffer(old, lx->scanner);
}

static void lexer_close(Lexer *lx)
{
    if (lx->buffer)
        p4lex_delete_buffer(lx->buffer, lx->scanner);
    p4lexlex_destroy(lx->scanner);
    fclose(lx->diag_out);
    free(lx->diag_text);
    arena_free(&lx->arena);
}

static Token next_token(Lexer *lx)
{
    Token tok;
    memset(&tok, 0, sizeof tok);
    tok.kind = p4lex_scan(&tok.value, &tok.loc, lx->scanner);
    return tok;
}

/* The diagnostics printed so far. */
static const char *diag_output(Lexer *lx)
{
    fflush(lx->diag_out);
    return lx->diag_text ? lx->diag_text : "";
}

/* Declares NAME in the current namespace of the lexer's scope. */
static Symbol *declare(Lexer *lx, const char *name, bool is_type, bool is_template)
{
    Symbol *sym = scope_declare(&lx->ctx.scope, name, is_type);
    sym->is_template = is_template;
    return sym;
}

/* The spelling of a token for messages: tokens of a fixed spelling and
 * names carry it in value.str; integers in their node. */
static const char *token_text(const Token *tok)
{
    if (tok->kind == P4YYEOF)
        return "<end of file>";
    if (tok->kind == INTEGER)
        return tok->value.node ? tok->value.node->text : "<integer>";
    return tok->value.str ? tok->value.str : "?";
}

/* Lexes the rest of LX's input and checks the kinds of its tokens against
 * EXPECTED, which ends with P4YYEOF. */
static void check_kinds(Lexer *lx, const char *what, const int *expected)
{
    for (int i = 0;; i++) {
        Token tok = next_token(lx);
        if (tok.kind != expected[i])
            fail_msg("%s: token %d ('%s') has kind %d, expected %d", what, i + 1,
                     token_text(&tok), tok.kind, expected[i]);
        if (expected[i] == P4YYEOF)
            break;
    }
}

/* Gives LX the input TEXT and checks the kinds of its tokens. */
static void check_input(Lexer *lx, const char *text, const int *expected)
{
    lexer_input(lx, text);
    check_kinds(lx, text, expected);
}

/* Lexes TEXT with an empty scope and checks the token kinds. */
static void check_text_kinds(const char *text, const int *expected)
{
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, text);
    check_kinds(&lx, text, expected);
    assert_string_equal(diag_output(&lx), "");
    lexer_close(&lx);
}

#define TOKENS(...) ((const int[]){__VA_ARGS__, P4YYEOF})
#define EXPECT_TOKENS(text, ...) check_text_kinds((text), TOKENS(__VA_ARGS__))

/* A spelling and the token it must give, on its own. */
typedef struct Spelling {
    const char *text;
    int kind;
} Spelling;

static void check_spellings(const Spelling *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        Lexer lx;
        lexer_open(&lx);
        lexer_input(&lx, list[i].text);
        Token tok = next_token(&lx);
        if (tok.kind != list[i].kind)
            fail_msg("'%s' lexed as kind %d ('%s'), expected %d", list[i].text, tok.kind,
                     token_text(&tok), list[i].kind);
        if (strcmp(token_text(&tok), list[i].text) != 0)
            fail_msg("'%s' has value '%s'", list[i].text, token_text(&tok));
        if (tok.loc.col != 1 || tok.loc.end_col != (int)strlen(list[i].text))
            fail_msg("'%s' spans columns %d-%d", list[i].text, tok.loc.col, tok.loc.end_col);
        Token after = next_token(&lx);
        if (after.kind != P4YYEOF)
            fail_msg("'%s' is more than one token (then '%s')", list[i].text,
                     token_text(&after));
        lexer_close(&lx);
    }
}

/* ------------------------------------------------------------------- tests */

static void test_keywords(void **state)
{
    (void)state;
    static const Spelling keywords[] = {
        {"abstract", ABSTRACT}, {"action", ACTION}, {"actions", ACTIONS},
        {"apply", APPLY}, {"bool", BOOL}, {"bit", BIT}, {"break", BREAK},
        {"const", CONST}, {"continue", CONTINUE}, {"control", CONTROL},
        {"default", DEFAULT}, {"else", ELSE}, {"entries", ENTRIES}, {"enum", ENUM},
        {"error", ERROR}, {"exit", EXIT}, {"extern", EXTERN}, {"false", FALSE},
        {"for", FOR}, {"header", HEADER}, {"header_union", HEADER_UNION}, {"if", IF},
        {"in", IN}, {"inout", INOUT}, {"int", INT}, {"key", KEY}, {"list", LIST},
        {"match_kind", MATCH_KIND}, {"out", OUT}, {"package", PACKAGE},
        {"parser", PARSER}, {"priority", PRIORITY}, {"return", RETURN},
        {"select", SELECT}, {"state", STATE}, {"string", STRING}, {"struct", STRUCT},
        {"switch", SWITCH}, {"table", TABLE}, {"this", THIS},
        {"transition", TRANSITION}, {"true", TRUE}, {"tuple", TUPLE}, {"type", TYPE},
        {"typedef", TYPEDEF}, {"value_set", VALUESET}, {"varbit", VARBIT},
        {"void", VOID}, {"_", DONTCARE},
    };
    check_spellings(keywords, sizeof keywords / sizeof keywords[0]);

    /* Keywords are whole words: a longer name is an identifier. */
    EXPECT_TOKENS("bits", IDENTIFIER);
    EXPECT_TOKENS("applyx", IDENTIFIER);
    EXPECT_TOKENS("_x", IDENTIFIER);
    EXPECT_TOKENS("__", IDENTIFIER);
    EXPECT_TOKENS("x_1 _ y", IDENTIFIER, DONTCARE, IDENTIFIER);

    /* `@pragma` starts a line-long annotation that ends with END_PRAGMA. */
    EXPECT_TOKENS("@pragma name 1 x\nx", PRAGMA, IDENTIFIER, INTEGER, IDENTIFIER, END_PRAGMA,
                  IDENTIFIER);
    EXPECT_TOKENS("@pragma x", PRAGMA, IDENTIFIER, END_PRAGMA);
    EXPECT_TOKENS("@ pragma", AT, IDENTIFIER);
}

static void test_operators(void **state)
{
    (void)state;
    static const Spelling operators[] = {
        {"&&&", MASK}, {"...", DOTS}, {"..", RANGE}, {"<<", SHL}, {"&&", AND},
        {"||", OR}, {"==", EQ}, {"!=", NE}, {">=", GE}, {"<=", LE}, {"++", PP},
        {"+", PLUS}, {"-", MINUS}, {"|+|", PLUS_SAT}, {"|-|", MINUS_SAT}, {"*", MUL},
        {"/", DIV}, {"%", MOD}, {"|", BIT_OR}, {"&", BIT_AND}, {"^", BIT_XOR},
        {"~", COMPLEMENT}, {"{#}", INVALID}, {"+:", PLUS_COLON}, {"(", L_PAREN},
        {")", R_PAREN}, {"[", L_BRACKET}, {"]", R_BRACKET}, {"{", L_BRACE},
        {"}", R_BRACE}, {"<", L_ANGLE}, {">", R_ANGLE}, {"!", NOT}, {":", COLON},
        {",", COMMA}, {"?", QUESTION}, {".", DOT}, {"=", ASSIGN}, {";", SEMICOLON},
        {"@", AT}, {"<<=", ASSIGN_SHL}, {">>=", ASSIGN_SHR}, {"|+|=", ASSIGN_PLUS_SAT},
        {"|-|=", ASSIGN_MINUS_SAT}, {"+=", ASSIGN_PLUS}, {"-=", ASSIGN_MINUS},
        {"*=", ASSIGN_MUL}, {"/=", ASSIGN_DIV}, {"%=", ASSIGN_MOD}, {"&=", ASSIGN_AND},
        {"|=", ASSIGN_OR}, {"^=", ASSIGN_XOR},
    };
    check_spellings(operators, sizeof operators / sizeof operators[0]);

    /* Longest match, and what is left over. */
    EXPECT_TOKENS("&&&&", MASK, BIT_AND);
    EXPECT_TOKENS("....", DOTS, DOT);
    EXPECT_TOKENS("1..2", INTEGER, RANGE, INTEGER);
    EXPECT_TOKENS("a+++b", IDENTIFIER, PP, PLUS, IDENTIFIER);
    EXPECT_TOKENS("|+||-|", PLUS_SAT, MINUS_SAT);
    EXPECT_TOKENS("{ # }", L_BRACE, UNEXPECTED_TOKEN, R_BRACE);
    EXPECT_TOKENS("{#}{}", INVALID, L_BRACE, R_BRACE);
    EXPECT_TOKENS("a[7:0]", IDENTIFIER, L_BRACKET, INTEGER, COLON, INTEGER, R_BRACKET);
    EXPECT_TOKENS("a[s+:8]", IDENTIFIER, L_BRACKET, IDENTIFIER, PLUS_COLON, INTEGER,
                  R_BRACKET);
}

static void test_angle_brackets(void **state)
{
    (void)state;
    /* `>` right before `>` is R_ANGLE_SHIFT: the parser reads it either as
     * the end of a type argument list or as half of `>>`. */
    EXPECT_TOKENS(">>", R_ANGLE_SHIFT, R_ANGLE);
    EXPECT_TOKENS(">>>", R_ANGLE_SHIFT, R_ANGLE_SHIFT, R_ANGLE);
    EXPECT_TOKENS("> >", R_ANGLE, R_ANGLE);
    EXPECT_TOKENS("a >> 2", IDENTIFIER, R_ANGLE_SHIFT, R_ANGLE, INTEGER);
    EXPECT_TOKENS("a >>= 2", IDENTIFIER, ASSIGN_SHR, INTEGER);
    EXPECT_TOKENS(">=>", GE, R_ANGLE);
    EXPECT_TOKENS("bit<8>>", BIT, L_ANGLE_ARGS, INTEGER, R_ANGLE_SHIFT, R_ANGLE);

    /* `<` opens type arguments after the generic keywords... */
    EXPECT_TOKENS("bit<8>", BIT, L_ANGLE_ARGS, INTEGER, R_ANGLE);
    EXPECT_TOKENS("int <8>", INT, L_ANGLE_ARGS, INTEGER, R_ANGLE);
    EXPECT_TOKENS("varbit<8>", VARBIT, L_ANGLE_ARGS, INTEGER, R_ANGLE);
    EXPECT_TOKENS("tuple<bit>", TUPLE, L_ANGLE_ARGS, BIT, R_ANGLE);
    EXPECT_TOKENS("list<bit>", LIST, L_ANGLE_ARGS, BIT, R_ANGLE);
    EXPECT_TOKENS("value_set<bit>", VALUESET, L_ANGLE_ARGS, BIT, R_ANGLE);
    /* ... and is less-than elsewhere. */
    EXPECT_TOKENS("a < b", IDENTIFIER, L_ANGLE, IDENTIFIER);
    EXPECT_TOKENS("1 < 2", INTEGER, L_ANGLE, INTEGER);
    EXPECT_TOKENS("(a) < b", L_PAREN, IDENTIFIER, R_PAREN, L_ANGLE, IDENTIFIER);
    EXPECT_TOKENS("bool < b", BOOL, L_ANGLE, IDENTIFIER);
    EXPECT_TOKENS("bit x < y", BIT, IDENTIFIER, L_ANGLE, IDENTIFIER);
    EXPECT_TOKENS("<<", SHL);
    EXPECT_TOKENS("bit<<", BIT, SHL);

    /* After a name declared generic in the scope. */
    Lexer lx;
    lexer_open(&lx);
    declare(&lx, "G", true, true);        /* a generic type */
    declare(&lx, "f", false, true);       /* a generic function */
    declare(&lx, "T", true, false);       /* a plain type */
    declare(&lx, "v", false, false);      /* a plain object */
    check_input(&lx, "G<T> f<T> T < v < 1 G < <",
                TOKENS(TYPE_IDENTIFIER, L_ANGLE_ARGS, TYPE_IDENTIFIER, R_ANGLE,
                       IDENTIFIER, L_ANGLE_ARGS, TYPE_IDENTIFIER, R_ANGLE,
                       TYPE_IDENTIFIER, L_ANGLE, IDENTIFIER, L_ANGLE, INTEGER,
                       TYPE_IDENTIFIER, L_ANGLE_ARGS, L_ANGLE));
    lexer_close(&lx);
}

static void test_identifier_classification(void **state)
{
    (void)state;
    Lexer lx;
    lexer_open(&lx);

    /* Globals: a type H, an extern E with a generic method get and a type
     * member Inner, an object e of type E. */
    declare(&lx, "H", true, false);
    Symbol *ext = declare(&lx, "E", true, false);
    scope_push(&lx.ctx.scope, ext);
    declare(&lx, "get", false, true);
    declare(&lx, "Inner", true, false);
    scope_pop(&lx.ctx.scope);
    declare(&lx, "e", false, false)->type_name = "E";

    /* A nested namespace in which a local object H shadows the type H. */
    scope_push(&lx.ctx.scope, NULL);
    declare(&lx, "H", false, false);

    /* H is the local object now; Inner is only a member of E. */
    check_input(&lx, "x H E Inner",
                TOKENS(IDENTIFIER, IDENTIFIER, TYPE_IDENTIFIER, IDENTIFIER));
    /* Member lookup through the type of e finds the generic method. */
    check_input(&lx, "e.get<H>",
                TOKENS(IDENTIFIER, DOT, IDENTIFIER, L_ANGLE_ARGS, IDENTIFIER, R_ANGLE));
    check_input(&lx, "E.Inner e.Inner",
                TOKENS(TYPE_IDENTIFIER, DOT, TYPE_IDENTIFIER, IDENTIFIER, DOT, TYPE_IDENTIFIER));
    /* Names that are no members of the type stay identifiers: a field may
     * be called like a type. */
    check_input(&lx, "e.H x.get <",
                TOKENS(IDENTIFIER, DOT, IDENTIFIER, IDENTIFIER, DOT, IDENTIFIER, L_ANGLE));
    /* A leading dot looks in the root namespace. */
    check_input(&lx, "= .H, .E, .x",
                TOKENS(ASSIGN, DOT, TYPE_IDENTIFIER, COMMA, DOT, TYPE_IDENTIFIER, COMMA, DOT,
                       IDENTIFIER));
    /* `.` after `)` selects a member of something unknown. */
    check_input(&lx, "(e).Inner", TOKENS(L_PAREN, IDENTIFIER, R_PAREN, DOT, IDENTIFIER));

    /* Leaving the namespace makes H a type again. */
    scope_pop(&lx.ctx.scope);
    check_input(&lx, "H", TOKENS(TYPE_IDENTIFIER));
    lexer_close(&lx);
}

/* The parts an integer literal must decode into. */
typedef struct IntCase {
    const char *text;
    int width;
    bool is_signed;
    int base;
    const char *digits;
} IntCase;

static void test_integer_literals(void **state)
{
    (void)state;
    static const IntCase cases[] = {
        {"0", -1, false, 10, "0"},
        {"42", -1, false, 10, "42"},
        {"1_000", -1, false, 10, "1000"},
        {"0x_FF", -1, false, 16, "FF"},
        {"0XaB", -1, false, 16, "aB"},
        {"0o17", -1, false, 8, "17"},
        {"0d99", -1, false, 10, "99"},
        {"0b101", -1, false, 2, "101"},
        {"0377", -1, false, 10, "0377"},
        {"32w255", 32, false, 10, "255"},
        {"32w0d255", 32, false, 10, "255"},
        {"32w0xFF", 32, false, 16, "FF"},
        {"32s0xFF", 32, true, 16, "FF"},
        {"8w0b10101010", 8, false, 2, "10101010"},
        {"8w0b_1010_1010", 8, false, 2, "10101010"},
        {"8s0b1010_1010", 8, true, 2, "10101010"},
        {"16w0377", 16, false, 10, "0377"},  /* a leading 0 is not octal */
        {"16w0o377", 16, false, 8, "377"},
        {"4s5", 4, true, 10, "5"},
        {"1w0", 1, false, 10, "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const IntCase *c = &cases[i];
        Lexer lx;
        lexer_open(&lx);
        lexer_input(&lx, c->text);
        Token tok = next_token(&lx);
        if (tok.kind != INTEGER)
            fail_msg("'%s' lexed as kind %d", c->text, tok.kind);
        const Node *lit = tok.value.node;
        assert_non_null(lit);
        if (lit->kind != N_INT)
            fail_msg("'%s' gives a %s node", c->text, node_kind_name(lit->kind));
        if (strcmp(lit->text, c->text) != 0)
            fail_msg("'%s' keeps the text '%s'", c->text, lit->text);
        const IntLiteral *p = &lit->int_lit;
        if (p->width != c->width || p->is_signed != c->is_signed || p->base != c->base ||
            strcmp(p->digits, c->digits) != 0)
            fail_msg("'%s' decodes as width %d, %s, base %d, digits '%s'; expected width %d, "
                     "%s, base %d, digits '%s'",
                     c->text, p->width, p->is_signed ? "signed" : "unsigned", p->base,
                     p->digits, c->width, c->is_signed ? "signed" : "unsigned", c->base,
                     c->digits);
        if (next_token(&lx).kind != P4YYEOF)
            fail_msg("'%s' is more than one token", c->text);
        lexer_close(&lx);
    }

    /* Where a literal ends. */
    EXPECT_TOKENS("32w", INTEGER, IDENTIFIER);
    EXPECT_TOKENS("8w0xFFg", INTEGER, IDENTIFIER);
    EXPECT_TOKENS("0b12", INTEGER, INTEGER);
    EXPECT_TOKENS("-1", MINUS, INTEGER);
}

/* Lexes TEXT (one string literal, then EOF) and checks its value. */
static void check_string(const char *text, const char *value, int end_line, int end_col)
{
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, text);
    Token tok = next_token(&lx);
    if (tok.kind != STRING_LITERAL)
        fail_msg("%s lexed as kind %d", text, tok.kind);
    if (strcmp(tok.value.str, value) != 0)
        fail_msg("%s has the value [%s], expected [%s]", text, tok.value.str, value);
    if (tok.loc.line != 1 || tok.loc.col != 1 || tok.loc.end_line != end_line ||
        tok.loc.end_col != end_col)
        fail_msg("%s spans %d:%d-%d:%d, expected 1:1-%d:%d", text, tok.loc.line, tok.loc.col,
                 tok.loc.end_line, tok.loc.end_col, end_line, end_col);
    assert_int_equal(next_token(&lx).kind, P4YYEOF);
    assert_string_equal(diag_output(&lx), "");
    lexer_close(&lx);
}

static void test_string_literals(void **state)
{
    (void)state;
    check_string("\"\"", "", 1, 2);
    check_string("\"abc\"", "abc", 1, 5);
    /* Escapes stay as written; an escaped quote does not end the string. */
    check_string("\"a\\\"b\"", "a\\\"b", 1, 6);
    check_string("\"a\\\\\"", "a\\\\", 1, 5);
    check_string("\"tab\\t\"", "tab\\t", 1, 7);
    /* A string may span lines. */
    check_string("\"one\ntwo\"", "one\ntwo", 2, 4);
    check_string("\"one\\\ntwo\"", "one\\\ntwo", 2, 4);

    /* Comment markers inside a string are part of it. */
    EXPECT_TOKENS("\"// x\" y", STRING_LITERAL, IDENTIFIER);
    EXPECT_TOKENS("\"/* x\" y", STRING_LITERAL, IDENTIFIER);
}

/* Checks that the only identifier in TEXT is reported at LINE:COL. */
static void check_identifier_at(const char *text, const char *name, int line, int col)
{
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, text);
    Token tok = next_token(&lx);
    if (tok.kind != IDENTIFIER || strcmp(tok.value.str, name) != 0)
        fail_msg("in [%s]: first token is '%s' (kind %d), expected identifier %s", text,
                 token_text(&tok), tok.kind, name);
    if (tok.loc.line != line || tok.loc.col != col)
        fail_msg("in [%s]: %s is at %d:%d, expected %d:%d", text, name, tok.loc.line,
                 tok.loc.col, line, col);
    assert_int_equal(next_token(&lx).kind, P4YYEOF);
    assert_string_equal(diag_output(&lx), "");
    lexer_close(&lx);
}

static void test_comments(void **state)
{
    (void)state;
    check_identifier_at("// comment\nx", "x", 2, 1);
    check_identifier_at("x // comment", "x", 1, 1);
    check_identifier_at("/* a */ x", "x", 1, 9);
    check_identifier_at("/** stars **/x", "x", 1, 14);
    check_identifier_at("/* a*b / c ** / */x", "x", 1, 19);
    check_identifier_at("/* a */ /* b */ x /* c */", "x", 1, 17);
    check_identifier_at("/* one\n two\n */  x", "x", 3, 6);
    check_identifier_at("/* // */ x", "x", 1, 10);
    check_identifier_at("// /* not a comment start\n x", "x", 2, 2);
    check_identifier_at("/*\n\n\n*/\n\n\tx", "x", 6, 2);
    EXPECT_TOKENS("a/b", IDENTIFIER, DIV, IDENTIFIER);
    EXPECT_TOKENS("a/ /b", IDENTIFIER, DIV, DIV, IDENTIFIER);
    EXPECT_TOKENS("a/**/b", IDENTIFIER, IDENTIFIER);
}

/* Checks the file and line reported for the identifiers of TEXT, given as
 * "file:line" strings in the order they appear. */
static void check_marked_lines(const char *text, const char *const *expected, int count)
{
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, text);
    for (int i = 0; i < count; i++) {
        Token tok = next_token(&lx);
        if (tok.kind != IDENTIFIER)
            fail_msg("in [%s]: token %d is '%s' (kind %d), expected an identifier", text, i + 1,
                     token_text(&tok), tok.kind);
        char where[128];
        snprintf(where, sizeof where, "%s:%d", tok.loc.file, tok.loc.line);
        if (strcmp(where, expected[i]) != 0)
            fail_msg("in [%s]: %s is reported at %s, expected %s", text, tok.value.str, where,
                     expected[i]);
    }
    assert_int_equal(next_token(&lx).kind, P4YYEOF);
    assert_string_equal(diag_output(&lx), "");
    lexer_close(&lx);
}

#define EXPECT_LINES(text, ...)                                                   \
    check_marked_lines((text), (const char *const[]){__VA_ARGS__},                \
                       (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))

static void test_line_markers(void **state)
{
    (void)state;
    EXPECT_LINES("a\n# 12 \"foo.p4\"\nx\ny", "test.p4:1", "foo.p4:12", "foo.p4:13");
    EXPECT_LINES("#line 7 \"bar.p4\"\n  y", "bar.p4:7");
    /* cpp's flags after the name, and markers that return to the includer. */
    EXPECT_LINES("# 1 \"main.p4\"\na\n# 1 \"inc.p4\" 1\nb\n\nc\n# 3 \"main.p4\" 2\nd",
                 "main.p4:1", "inc.p4:1", "inc.p4:3", "main.p4:3");
    /* A marker without a file name changes only the line. */
    EXPECT_LINES("# 40\nx", "test.p4:40");
    /* Other directives are skipped, but still count as a line. */
    EXPECT_LINES("#pragma once\nx", "test.p4:2");
    EXPECT_LINES("  # 5 \"indented.p4\"\nx", "indented.p4:5");
    /* `#` elsewhere is not a marker. */
    EXPECT_TOKENS("x # 5", IDENTIFIER, UNEXPECTED_TOKEN, INTEGER);

    /* The same file name gives the same pointer each time. */
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, "# 1 \"f.p4\"\na\n# 1 \"g.p4\"\nb\n# 9 \"f.p4\"\nc");
    Token a = next_token(&lx), b = next_token(&lx), c = next_token(&lx);
    assert_string_equal(a.loc.file, "f.p4");
    assert_string_equal(b.loc.file, "g.p4");
    assert_ptr_equal(a.loc.file, c.loc.file);
    assert_int_equal(c.loc.line, 9);
    lexer_close(&lx);
}

/* Checks the next token of LX: kind, and range LINE:COL-END_COL on one line. */
static void check_location(Lexer *lx, int kind, int line, int col, int end_col)
{
    Token tok = next_token(lx);
    if (tok.kind != kind)
        fail_msg("token '%s' has kind %d, expected %d", token_text(&tok), tok.kind, kind);
    if (tok.loc.line != line || tok.loc.col != col || tok.loc.end_line != line ||
        tok.loc.end_col != end_col)
        fail_msg("'%s' spans %d:%d-%d:%d, expected %d:%d-%d:%d", token_text(&tok), tok.loc.line,
                 tok.loc.col, tok.loc.end_line, tok.loc.end_col, line, col, line, end_col);
    assert_string_equal(tok.loc.file, "test.p4");
}

static void test_locations(void **state)
{
    (void)state;
    Lexer lx;
    lexer_open(&lx);
    lexer_input(&lx, "header h_t {\n    bit<16> f;\n}\n\tx = 8w0xFF |+| \"s\";");
    check_location(&lx, HEADER, 1, 1, 6);
    check_location(&lx, IDENTIFIER, 1, 8, 10);
    check_location(&lx, L_BRACE, 1, 12, 12);
    check_location(&lx, BIT, 2, 5, 7);
    check_location(&lx, L_ANGLE_ARGS, 2, 8, 8);
    check_location(&lx, INTEGER, 2, 9, 10);
    check_location(&lx, R_ANGLE, 2, 11, 11);
    check_location(&lx, IDENTIFIER, 2, 13, 13);
    check_location(&lx, SEMICOLON, 2, 14, 14);
    check_location(&lx, R_BRACE, 3, 1, 1);
    check_location(&lx, IDENTIFIER, 4, 2, 2);     /* a tab is one column */
    check_location(&lx, ASSIGN, 4, 4, 4);
    check_location(&lx, INTEGER, 4, 6, 11);
    check_location(&lx, PLUS_SAT, 4, 13, 15);
    check_location(&lx, STRING_LITERAL, 4, 17, 19);
    check_location(&lx, SEMICOLON, 4, 20, 20);
    assert_int_equal(next_token(&lx).kind, P4YYEOF);
    lexer_close(&lx);
}

static void test_errors(void **state)
{
    (void)state;
    Lexer lx;

    /* An unterminated string runs to the end of the input. */
    lexer_open(&lx);
    lexer_input(&lx, "x =\n  \"abc\ndef");
    check_kinds(&lx, "unterminated string", TOKENS(IDENTIFIER, ASSIGN, STRING_LITERAL));
    assert_string_equal(diag_output(&lx), "test.p4:2:3: error: unterminated string literal\n");
    assert_int_equal(lx.diag.errors, 1);
    lexer_close(&lx);

    /* So does one that ends in a backslash. */
    lexer_open(&lx);
    lexer_input(&lx, "\"abc\\");
    check_kinds(&lx, "string ending in a backslash", TOKENS(STRING_LITERAL));
    assert_string_equal(diag_output(&lx), "test.p4:1:1: error: unterminated string literal\n");
    lexer_close(&lx);

    lexer_open(&lx);
    lexer_input(&lx, "x\n y /* abc\n def *");
    check_kinds(&lx, "unterminated comment", TOKENS(IDENTIFIER, IDENTIFIER));
    assert_string_equal(diag_output(&lx), "test.p4:2:4: error: unterminated comment\n");
    assert_int_equal(lx.diag.errors, 1);
    lexer_close(&lx);

    /* Characters that start no token come back as UNEXPECTED_TOKEN for the
     * parser to report; the lexer itself stays silent. */
    lexer_open(&lx);
    lexer_input(&lx, "a $b `");
    check_location(&lx, IDENTIFIER, 1, 1, 1);
    Token dollar = next_token(&lx);
    assert_int_equal(dollar.kind, UNEXPECTED_TOKEN);
    assert_string_equal(dollar.value.str, "$");
    assert_int_equal(dollar.loc.col, 3);
    check_location(&lx, IDENTIFIER, 1, 4, 4);
    check_location(&lx, UNEXPECTED_TOKEN, 1, 6, 6);
    assert_int_equal(next_token(&lx).kind, P4YYEOF);
    assert_string_equal(diag_output(&lx), "");
    assert_int_equal(lx.diag.errors, 0);
    lexer_close(&lx);

    EXPECT_TOKENS("x\\y", IDENTIFIER, UNEXPECTED_TOKEN, IDENTIFIER);
    EXPECT_TOKENS("\xc3\xa9", UNEXPECTED_TOKEN, UNEXPECTED_TOKEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_angle_brackets),
        cmocka_unit_test(test_identifier_classification),
        cmocka_unit_test(test_integer_literals),
        cmocka_unit_test(test_string_literals),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_line_markers),
        cmocka_unit_test(test_locations),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
