/* The P4-16 grammar (spec appendix "P4 grammar"), as an LALR(1) bison
 * parser building the AST of ast.h.
 *
 * Names are declared in ctx->scope as the parser reduces their declarations,
 * so that the lexer can tell type names from other identifiers; mid-rule
 * actions open and close namespaces where the spec's scopes begin and end.
 * Syntax errors are reported with the offending token and what was expected;
 * error productions at statement and declaration level let one run report
 * several of them. */

%define api.pure full
%define api.prefix {p4yy}
%define api.location.type {SrcRange}
%define parse.error custom
%define parse.lac full
%locations
%param {ParseContext *ctx}
%expect 0

%code requires {
#include "ast.h"
#include "parse_context.h"
#include "srcloc.h"
}

%union {
    const char *str;
    Node *node;
    NodeList list;
    Direction dir;
    bool flag;
    Symbol *sym;
    Declarator decl;
}

%code provides {
#define YYSTYPE P4YYSTYPE
#define YYLTYPE P4YYLTYPE
}

%code {
#include <string.h>

int p4lex_scan(P4YYSTYPE *value, SrcRange *loc, void *scanner);

/* A rule's range runs from its first non-empty component to its last: an
 * empty optAnnotations in front of a declaration must not pull the start
 * back to the token before it. */
#define LOC_IS_EMPTY(loc) ((loc).end_line == (loc).line && (loc).end_col < (loc).col)
#define YYLLOC_DEFAULT(cur, rhs, n)                                          \
    do {                                                                     \
        if (n) {                                                             \
            int first_ = 1;                                                  \
            while (first_ < (n) && LOC_IS_EMPTY(YYRHSLOC(rhs, first_)))      \
                first_++;                                                    \
            (cur) = srcrange_join(YYRHSLOC(rhs, first_), YYRHSLOC(rhs, n));  \
        } else {                                                             \
            (cur) = YYRHSLOC(rhs, 0);                                        \
            (cur).line = (cur).end_line;                                     \
            (cur).col = (cur).end_col + 1;                                   \
            (cur).end_col = (cur).col - 1;                                   \
        }                                                                    \
    } while (0)

static int p4yylex(P4YYSTYPE *value, SrcRange *loc, ParseContext *ctx)
{
    return p4lex_scan(value, loc, ctx->scanner);
}

#define NEW(kind, loc) ast_new(ctx->arena, (kind), (loc))
#define PUSH(list, node) node_list_push(ctx->arena, &(list), (node))
#define EMPTY_LIST ((NodeList){0})

static NodeList list_of(ParseContext *ctx, Node *node)
{
    NodeList list = EMPTY_LIST;
    PUSH(list, node);
    return list;
}

static Node *binary(ParseContext *ctx, Op op, Node *lhs, Node *rhs, SrcRange loc)
{
    Node *n = NEW(N_BINARY, loc);
    n->op = op;
    n->lhs = lhs;
    n->rhs = rhs;
    return n;
}

static Node *unary(ParseContext *ctx, Op op, Node *operand, SrcRange loc)
{
    Node *n = NEW(N_UNARY, loc);
    n->op = op;
    n->expr = operand;
    return n;
}

static Node *assign(ParseContext *ctx, Op op, Node *lhs, Node *rhs, SrcRange loc)
{
    Node *n = NEW(N_ASSIGN, loc);
    n->op = op;
    n->lhs = lhs;
    n->rhs = rhs;
    return n;
}

static Node *named(ParseContext *ctx, NodeKind kind, const char *name, SrcRange loc)
{
    Node *n = NEW(kind, loc);
    n->name = name;
    return n;
}

static Node *with_annotations(Node *n, NodeList annotations)
{
    n->annotations = annotations;
    return n;
}

static Node *annotation_token(ParseContext *ctx, const char *text, SrcRange loc)
{
    Node *n = NEW(N_ANNOTATION_TOKEN, loc);
    n->text = text;
    return n;
}

/* `T x[2][3]` declares x of type T[2][3]: wrap the type as the C-style
 * declarator says, so both spellings give the same tree. */
static Node *declared_type(ParseContext *ctx, Node *type, const Declarator *decl)
{
    for (int i = 0; i < decl->dims.len; i++) {
        Node *stack = NEW(N_TYPE_STACK, srcrange_join(type->loc, decl->dims.items[i]->loc));
        stack->type = type;
        stack->expr = decl->dims.items[i];
        type = stack;
    }
    return type;
}

static Symbol *declare_type(ParseContext *ctx, const char *name)
{
    return scope_declare(&ctx->scope, name, true);
}

/* The simple name of a type reference, for looking up its members. */
static const char *type_base_name(const Node *type)
{
    if (type && type->kind == N_TYPE_SPECIALIZED)
        type = type->type;
    return type && type->kind == N_TYPE_NAME ? type->name : NULL;
}

static Symbol *declare_object(ParseContext *ctx, const char *name, const Node *type)
{
    Symbol *sym = scope_declare(&ctx->scope, name, false);
    sym->type_name = type_base_name(type);
    return sym;
}

static void mark_template(Symbol *sym, const NodeList *type_params)
{
    if (sym && type_params->len > 0)
        sym->is_template = true;
}

static Node *type_decl(ParseContext *ctx, NodeKind kind, NodeList annotations, const char *name,
                       NodeList type_params, NodeList params, SrcRange loc)
{
    Node *n = NEW(kind, loc);
    n->annotations = annotations;
    n->name = name;
    n->type_params = type_params;
    n->params = params;
    return n;
}

/* An instantiation; `E(args) e[4];` declares an array of instances, whose
 * type is E[4]. */
static Node *make_instance(ParseContext *ctx, NodeList annotations, Node *type, NodeList args,
                           const Declarator *decl, const NodeList *initializer, SrcRange loc)
{
    Node *n = with_annotations(named(ctx, N_INSTANCE, decl->name, loc), annotations);
    n->type = declared_type(ctx, type, decl);
    n->args = args;
    if (initializer) {
        n->has_initializer = true;
        n->items = *initializer;
    }
    declare_object(ctx, decl->name, type);
    return n;
}

/* Parsers and controls close the namespace their type declaration opened. */
static Node *make_parser(ParseContext *ctx, Node *type, const NodeList *ctor_params,
                         NodeList locals, NodeList states, SrcRange loc)
{
    scope_pop(&ctx->scope);
    Node *n = named(ctx, N_PARSER, type->name, loc);
    n->type = type;
    if (ctor_params) {
        n->has_ctor_params = true;
        n->ctor_params = *ctor_params;
    }
    n->locals = locals;
    n->items = states;
    return n;
}

static Node *make_control(ParseContext *ctx, Node *type, const NodeList *ctor_params,
                          NodeList locals, Node *body, SrcRange loc)
{
    scope_pop(&ctx->scope);
    Node *n = named(ctx, N_CONTROL, type->name, loc);
    n->type = type;
    if (ctor_params) {
        n->has_ctor_params = true;
        n->ctor_params = *ctor_params;
    }
    n->locals = locals;
    n->body = body;
    return n;
}

static void yyerror(SrcRange *loc, ParseContext *ctx, const char *msg)
{
    /* Bison's only other message: its stack (10000 levels) is full. */
    if (strcmp(msg, "memory exhausted") == 0)
        msg = "the program is nested too deeply";
    diag_error(ctx->diag, *loc, "%s", msg);
}
}

%token <str> IDENTIFIER "identifier" TYPE_IDENTIFIER "type name" STRING_LITERAL "string literal"
%token <node> INTEGER "integer"
%token <str> UNEXPECTED_TOKEN "unexpected character"
%token <str> END_PRAGMA "end of line"
%token <str> ABSTRACT "abstract" ACTION "action" ACTIONS "actions" APPLY "apply" BOOL "bool"
%token <str> BIT "bit" BREAK "break" CONST "const" CONTINUE "continue" CONTROL "control"
%token <str> DEFAULT "default" ELSE "else" ENTRIES "entries" ENUM "enum" ERROR "error"
%token <str> EXIT "exit" EXTERN "extern" FALSE "false" FOR "for" HEADER "header"
%token <str> HEADER_UNION "header_union" IF "if" IN "in" INOUT "inout" INT "int" KEY "key"
%token <str> LIST "list" MATCH_KIND "match_kind" OUT "out" PACKAGE "package" PARSER "parser"
%token <str> PRAGMA "@pragma" PRIORITY "priority" RETURN "return" SELECT "select" STATE "state"
%token <str> STRING "string" STRUCT "struct" SWITCH "switch" TABLE "table" THIS "this"
%token <str> TRANSITION "transition" TRUE "true" TUPLE "tuple" TYPE "type" TYPEDEF "typedef"
%token <str> VALUESET "value_set" VARBIT "varbit" VOID "void" DONTCARE "_"
%token <str> MASK "&&&" DOTS "..." RANGE ".." SHL "<<" AND "&&" OR "||" EQ "==" NE "!="
%token <str> GE ">=" LE "<=" PP "++" PLUS "+" MINUS "-" PLUS_SAT "|+|" MINUS_SAT "|-|"
%token <str> MUL "*" DIV "/" MOD "%" BIT_OR "|" BIT_AND "&" BIT_XOR "^" COMPLEMENT "~"
%token <str> INVALID "{#}" PLUS_COLON "+:"
%token <str> L_PAREN "(" R_PAREN ")" L_BRACKET "[" R_BRACKET "]" L_BRACE "{" R_BRACE "}"
%token <str> L_ANGLE "<" L_ANGLE_ARGS "<'" R_ANGLE ">" R_ANGLE_SHIFT ">'"
%token <str> NOT "!" COLON ":" COMMA "," QUESTION "?" DOT "." ASSIGN "=" SEMICOLON ";" AT "@"
%token <str> ASSIGN_SHL "<<=" ASSIGN_SHR ">>=" ASSIGN_PLUS_SAT "|+|=" ASSIGN_MINUS_SAT "|-|="
%token <str> ASSIGN_PLUS "+=" ASSIGN_MINUS "-=" ASSIGN_MUL "*=" ASSIGN_DIV "/=" ASSIGN_MOD "%="
%token <str> ASSIGN_AND "&=" ASSIGN_OR "|=" ASSIGN_XOR "^="

%precedence THEN
%precedence ELSE
%right QUESTION COLON
%left OR
%left AND
%left EQ NE
%left L_ANGLE R_ANGLE LE GE
%left BIT_OR
%left BIT_XOR
%left BIT_AND
%left SHL R_ANGLE_SHIFT
%left PP PLUS MINUS PLUS_SAT MINUS_SAT
%left MUL DIV MOD
%precedence PREFIX
%precedence L_PAREN L_BRACKET L_ANGLE_ARGS
%precedence DOT

%type <str> name nonTypeName nonTableKwName member annotationKeyword
%type <node> declaration constantDeclaration externDeclaration actionDeclaration
%type <node> parserDeclaration parserTypeDeclaration controlDeclaration controlTypeDeclaration
%type <node> packageTypeDeclaration instantiation errorDeclaration matchKindDeclaration
%type <node> functionDeclaration functionPrototype methodPrototype typeDeclaration
%type <node> derivedTypeDeclaration headerTypeDeclaration headerUnionDeclaration
%type <node> structTypeDeclaration enumDeclaration typedefDeclaration structField
%type <node> specifiedIdentifier parameter annotation
%type <node> typeRef typeName prefixedType namedType specializedType baseType tupleType
%type <node> headerStackType p4listType typeOrVoid typeArg realTypeArg
%type <node> parserLocalElement parserState parserStatement parserBlockStatement
%type <node> transitionStatement stateExpression selectExpression selectCase
%type <node> keysetExpression tupleKeysetExpression simpleKeysetExpression
%type <node> reducedSimpleKeysetExpression valueSetDeclaration
%type <node> controlLocalDeclaration controlBody
%type <node> statement assignmentOrMethodCallStatement assignmentOrMethodCallStatementWithoutSemicolon
%type <node> emptyStatement exitStatement returnStatement conditionalStatement breakStatement
%type <node> continueStatement directApplication blockStatement switchStatement switchCase
%type <node> switchLabel statementOrDeclaration forStatement declOrAssignmentOrMethodCallStatement
%type <node> forCollectionExpr tableDeclaration tableProperty keyElement actionRef entry
%type <node> entryPriority variableDeclaration variableDeclarationWithoutSemicolon
%type <node> optInitializer initializer argument kvPair lvalue expression nonBraceExpression
%type <node> nonGrtExpression
%type <decl> declarator
%type <node> prefixedNonTypeName objDeclaration
%type <list> blockOpen
%type <list> optAnnotations annotations annotationBody annotationToken structuredAnnotationBody
%type <list> kvList parameterList nonEmptyParameterList constructorParameters
%type <list> objInitializer objDeclarations parserLocalElements parserStates parserStatements
%type <list> selectCaseList simpleExpressionList methodPrototypes optTypeParameters
%type <list> typeParameters typeParameterList typeArgumentList nonEmptyTypeArgumentList
%type <list> realTypeArgumentList structFieldList specifiedIdentifierList identifierList
%type <list> statOrDeclList switchCases forInitStatements forInitStatementsNonEmpty
%type <list> forUpdateStatements forUpdateStatementsNonEmpty tablePropertyList
%type <list> keyElementList actionList entriesList argumentList nonEmptyArgList
%type <list> expressionList nonEmptyExpressionList controlLocalDeclarations
%type <dir> direction
%type <flag> optCONST optTrailingComma
%type <list> forStart

%start program

%%

/**************************** Program ****************************/

program
    : %empty            { ctx->program = NEW(N_PROGRAM, @$); }
    | program declaration
        {
            if ($2)
                PUSH(ctx->program->items, $2);
            /* Every top-level declaration ends in the global namespace; this
             * also resynchronizes after a syntax error. */
            ctx->scope.current = ctx->scope.root;
        }
    | program ";"
    | program error ";" { yyerrok; ctx->scope.current = ctx->scope.root; }
    | program error "}" { yyerrok; ctx->scope.current = ctx->scope.root; }
    ;

declaration
    : constantDeclaration
    | externDeclaration
    | actionDeclaration
    | parserDeclaration
    | typeDeclaration
    | controlDeclaration
    | instantiation
    | errorDeclaration
    | matchKindDeclaration
    | functionDeclaration
    | globalVariable            { $$ = NULL; }
    ;

/* Not P4, but a likely mistake: say so rather than "expected '('". */
globalVariable
    : typeOrVoid declarator optInitializer ";"
        { diag_error(ctx->diag, @2, "variables cannot be declared at the top level"); }
    | annotations typeOrVoid declarator optInitializer ";"
        { diag_error(ctx->diag, @3, "variables cannot be declared at the top level"); }
    ;

nonTypeName
    : IDENTIFIER | APPLY | KEY | ACTIONS | STATE | ENTRIES | TYPE | PRIORITY
    ;

name
    : nonTypeName | LIST | TYPE_IDENTIFIER
    ;

nonTableKwName
    : IDENTIFIER | TYPE_IDENTIFIER | APPLY | STATE | TYPE | PRIORITY
    ;

optCONST
    : %empty            { $$ = false; }
    | CONST             { $$ = true; }
    ;

optTrailingComma
    : %empty            { $$ = false; }
    | ","               { $$ = true; }
    ;

/**************************** Annotations ****************************/

optAnnotations
    : %empty            { $$ = EMPTY_LIST; }
    | annotations
    ;

annotations
    : annotation                { $$ = list_of(ctx, $1); }
    | annotations annotation    { $$ = $1; PUSH($$, $2); }
    ;

annotation
    : "@" name
        { $$ = named(ctx, N_ANNOTATION, $2, @$); }
    | "@" name "(" annotationBody ")"
        { $$ = named(ctx, N_ANNOTATION, $2, @$); $$->has_args = true; $$->items = $4; }
    | "@" name "[" structuredAnnotationBody "]"
        {
            $$ = named(ctx, N_ANNOTATION, $2, @$);
            $$->has_args = true;
            $$->is_structured = true;
            $$->args = $4;
        }
    | PRAGMA name annotationBody END_PRAGMA
        { $$ = named(ctx, N_ANNOTATION, $2, @$); $$->has_args = true; $$->items = $3; }
    ;

structuredAnnotationBody
    : %empty                                    { $$ = EMPTY_LIST; }
    | nonEmptyExpressionList optTrailingComma   { $$ = $1; }
    | kvList optTrailingComma           { $$ = $1; }
    ;

annotationBody
    : %empty            { $$ = EMPTY_LIST; }
    | annotationBody "(" annotationBody ")"
        {
            $$ = $1;
            PUSH($$, annotation_token(ctx, "(", @2));
            for (int i = 0; i < $3.len; i++)
                PUSH($$, $3.items[i]);
            PUSH($$, annotation_token(ctx, ")", @4));
        }
    | annotationBody annotationToken
        {
            $$ = $1;
            for (int i = 0; i < $2.len; i++)
                PUSH($$, $2.items[i]);
        }
    ;

/* Every token but parentheses may appear in an unstructured annotation body. */
annotationToken
    : annotationKeyword { $$ = list_of(ctx, annotation_token(ctx, $1, @1)); }
    | STRING_LITERAL
        { $$ = list_of(ctx, annotation_token(ctx, arena_printf(ctx->arena, "\"%s\"", $1), @1)); }
    | INTEGER           { $$ = list_of(ctx, annotation_token(ctx, $1->text, @1)); }
    ;

annotationKeyword
    : UNEXPECTED_TOKEN | ABSTRACT | ACTION | ACTIONS | APPLY | BOOL | BIT | BREAK | CONST
    | CONTINUE | CONTROL | DEFAULT | ELSE | ENTRIES | ENUM | ERROR | EXIT | EXTERN | FALSE
    | FOR | HEADER | HEADER_UNION | IF | IN | INOUT | INT | KEY | MATCH_KIND | TYPE | OUT
    | PARSER | PACKAGE | PRAGMA | RETURN | SELECT | STATE | STRING | STRUCT | SWITCH | TABLE
    | THIS | TRANSITION | TRUE | TUPLE | TYPEDEF | VARBIT | VALUESET | LIST | VOID | "_"
    | IDENTIFIER | TYPE_IDENTIFIER | PRIORITY
    | "&&&" | ".." | "..." | "<<" | "&&" | "||" | "==" | "!=" | ">=" | "<=" | "++" | "+"
    | "|+|" | "-" | "|-|" | "*" | "/" | "%" | "|" | "&" | "^" | "~" | "[" | "]" | "{"
    | "}" | "<" | L_ANGLE_ARGS | ">" | R_ANGLE_SHIFT | "!" | ":" | "," | "?" | "." | "="
    | ";" | "@" | "{#}" | "+:" | "<<=" | ">>=" | "|+|=" | "|-|=" | "+=" | "-=" | "*="
    | "/=" | "%=" | "&=" | "|=" | "^="
    ;

kvList
    : kvPair                { $$ = list_of(ctx, $1); }
    | kvList "," kvPair     { $$ = $1; PUSH($$, $3); }
    ;

kvPair
    : name "=" expression   { $$ = named(ctx, N_KV, $1, @$); $$->expr = $3; }
    ;

/**************************** Parameters ****************************/

parameterList
    : %empty                { $$ = EMPTY_LIST; }
    | nonEmptyParameterList
    ;

nonEmptyParameterList
    : parameter                             { $$ = list_of(ctx, $1); }
    | nonEmptyParameterList "," parameter   { $$ = $1; PUSH($$, $3); }
    ;

parameter
    : optAnnotations direction typeRef declarator
        {
            $$ = with_annotations(named(ctx, N_PARAM, $4.name, @$), $1);
            $$->dir = $2;
            $$->type = declared_type(ctx, $3, &$4);
            declare_object(ctx, $4.name, $3);
        }
    | optAnnotations direction typeRef declarator "=" expression
        {
            $$ = with_annotations(named(ctx, N_PARAM, $4.name, @$), $1);
            $$->dir = $2;
            $$->type = declared_type(ctx, $3, &$4);
            $$->expr = $6;
            declare_object(ctx, $4.name, $3);
        }
    ;

direction
    : IN                { $$ = DIR_IN; }
    | OUT               { $$ = DIR_OUT; }
    | INOUT             { $$ = DIR_INOUT; }
    | %empty            { $$ = DIR_NONE; }
    ;

packageTypeDeclaration
    : optAnnotations PACKAGE name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "(" parameterList ")"
        { $$ = type_decl(ctx, N_PACKAGE_TYPE, $1, $3, $5, $8, @$); }
    ;

instantiation
    : annotations typeRef "(" argumentList ")" declarator ";"
        { $$ = make_instance(ctx, $1, $2, $4, &$6, NULL, @$); }
    | typeRef "(" argumentList ")" declarator ";"
        { $$ = make_instance(ctx, EMPTY_LIST, $1, $3, &$5, NULL, @$); }
    | annotations typeRef "(" argumentList ")" declarator "=" objInitializer ";"
        { $$ = make_instance(ctx, $1, $2, $4, &$6, &$8, @$); }
    | typeRef "(" argumentList ")" declarator "=" objInitializer ";"
        { $$ = make_instance(ctx, EMPTY_LIST, $1, $3, &$5, &$7, @$); }
    ;

objInitializer
    : "{" { scope_push(&ctx->scope, NULL); } objDeclarations "}"
        { scope_pop(&ctx->scope); $$ = $3; }
    ;

objDeclarations
    : %empty                            { $$ = EMPTY_LIST; }
    | objDeclarations objDeclaration    { $$ = $1; PUSH($$, $2); }
    ;

objDeclaration
    : functionDeclaration
    | instantiation
    ;

constructorParameters
    : "(" parameterList ")"     { $$ = $2; }
    ;

/**************************** Parser ****************************/

parserDeclaration
    : parserTypeDeclaration "{" parserLocalElements parserStates "}"
        { $$ = make_parser(ctx, $1, NULL, $3, $4, @$); }
    | parserTypeDeclaration constructorParameters "{" parserLocalElements parserStates "}"
        { $$ = make_parser(ctx, $1, &$2, $4, $5, @$); }
    ;

parserLocalElements
    : %empty                                    { $$ = EMPTY_LIST; }
    | parserLocalElements parserLocalElement    { $$ = $1; PUSH($$, $2); }
    ;

parserLocalElement
    : constantDeclaration
    | instantiation
    | variableDeclaration
    | valueSetDeclaration
    ;

parserTypeDeclaration
    : optAnnotations PARSER name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "(" parameterList ")"
        { $$ = type_decl(ctx, N_PARSER_TYPE, $1, $3, $5, $8, @$); }
    ;

parserStates
    : parserState               { $$ = list_of(ctx, $1); }
    | parserStates parserState  { $$ = $1; PUSH($$, $2); }
    ;

parserState
    : optAnnotations STATE name "{" { scope_push(&ctx->scope, NULL); }
      parserStatements transitionStatement "}"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(named(ctx, N_STATE, $3, @$), $1);
            $$->items = $6;
            $$->body = $7;
        }
    ;

parserStatements
    : %empty                            { $$ = EMPTY_LIST; }
    | parserStatements parserStatement  { $$ = $1; PUSH($$, $2); }
    | parserStatements error ";"        { $$ = $1; yyerrok; }
    ;

parserStatement
    : assignmentOrMethodCallStatement
    | directApplication
    | emptyStatement
    | variableDeclaration
    | constantDeclaration
    | parserBlockStatement
    | conditionalStatement
    | forStatement
        {
            /* The grammar has no loops in parser states; parsed anyway, so
             * that one error says so instead of a cascade. */
            diag_error(ctx->diag, @1, "a 'for' loop cannot be in a parser state; "
                                      "loop through states with 'transition' instead");
            $$ = NEW(N_EMPTY_STMT, @$);
        }
    ;

parserBlockStatement
    : optAnnotations "{" { scope_push(&ctx->scope, NULL); } parserStatements "}"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(NEW(N_BLOCK, @$), $1);
            $$->items = $4;
        }
    ;

transitionStatement
    : %empty                        { $$ = NULL; }
    | TRANSITION stateExpression
        { $$ = NEW(N_TRANSITION, @$); $$->expr = $2; }
    ;

stateExpression
    : name ";"              { $$ = named(ctx, N_NAME, $1, @1); }
    | selectExpression
    ;

selectExpression
    : SELECT "(" expressionList ")" "{" selectCaseList "}"
        { $$ = NEW(N_SELECT, @$); $$->args = $3; $$->items = $6; }
    ;

selectCaseList
    : %empty                    { $$ = EMPTY_LIST; }
    | selectCaseList selectCase { $$ = $1; PUSH($$, $2); }
    | selectCaseList error ";"  { $$ = $1; yyerrok; }
    ;

selectCase
    : keysetExpression ":" name ";"
        { $$ = named(ctx, N_SELECT_CASE, $3, @$); $$->expr = $1; }
    ;

keysetExpression
    : tupleKeysetExpression
    | simpleKeysetExpression
    ;

tupleKeysetExpression
    : "(" simpleKeysetExpression "," simpleExpressionList ")"
        {
            $$ = NEW(N_TUPLE_KEYSET, @$);
            PUSH($$->items, $2);
            for (int i = 0; i < $4.len; i++)
                PUSH($$->items, $4.items[i]);
        }
    | "(" reducedSimpleKeysetExpression ")"     { $$ = $2; }
    ;

simpleExpressionList
    : simpleKeysetExpression                            { $$ = list_of(ctx, $1); }
    | simpleExpressionList "," simpleKeysetExpression   { $$ = $1; PUSH($$, $3); }
    ;

reducedSimpleKeysetExpression
    : expression "&&&" expression
        { $$ = NEW(N_MASK, @$); $$->lhs = $1; $$->rhs = $3; }
    | expression ".." expression
        { $$ = NEW(N_RANGE, @$); $$->lhs = $1; $$->rhs = $3; }
    | DEFAULT               { $$ = NEW(N_DEFAULT, @$); }
    | "_"                   { $$ = NEW(N_DONTCARE, @$); }
    ;

simpleKeysetExpression
    : expression
    | expression "&&&" expression
        { $$ = NEW(N_MASK, @$); $$->lhs = $1; $$->rhs = $3; }
    | expression ".." expression
        { $$ = NEW(N_RANGE, @$); $$->lhs = $1; $$->rhs = $3; }
    | DEFAULT               { $$ = NEW(N_DEFAULT, @$); }
    | "_"                   { $$ = NEW(N_DONTCARE, @$); }
    ;

valueSetDeclaration
    : optAnnotations VALUESET l_angle baseType r_angle "(" expression ")" name ";"
        {
            $$ = with_annotations(named(ctx, N_VALUE_SET, $9, @$), $1);
            $$->type = $4;
            $$->expr = $7;
            declare_object(ctx, $9, NULL);
        }
    | optAnnotations VALUESET l_angle tupleType r_angle "(" expression ")" name ";"
        {
            $$ = with_annotations(named(ctx, N_VALUE_SET, $9, @$), $1);
            $$->type = $4;
            $$->expr = $7;
            declare_object(ctx, $9, NULL);
        }
    | optAnnotations VALUESET l_angle typeName r_angle "(" expression ")" name ";"
        {
            $$ = with_annotations(named(ctx, N_VALUE_SET, $9, @$), $1);
            $$->type = $4;
            $$->expr = $7;
            declare_object(ctx, $9, NULL);
        }
    ;

/**************************** Control ****************************/

controlDeclaration
    : controlTypeDeclaration "{" controlLocalDeclarations APPLY controlBody "}"
        { $$ = make_control(ctx, $1, NULL, $3, $5, @$); }
    | controlTypeDeclaration constructorParameters
      "{" controlLocalDeclarations APPLY controlBody "}"
        { $$ = make_control(ctx, $1, &$2, $4, $6, @$); }
    ;

controlTypeDeclaration
    : optAnnotations CONTROL name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "(" parameterList ")"
        { $$ = type_decl(ctx, N_CONTROL_TYPE, $1, $3, $5, $8, @$); }
    ;

controlLocalDeclarations
    : %empty            { $$ = EMPTY_LIST; }
    | controlLocalDeclarations controlLocalDeclaration  { $$ = $1; PUSH($$, $2); }
    | controlLocalDeclarations error ";"                { $$ = $1; yyerrok; }
    ;

controlLocalDeclaration
    : constantDeclaration
    | actionDeclaration
    | tableDeclaration
    | instantiation
    | variableDeclaration
    ;

controlBody
    : blockStatement
    ;

/**************************** Extern ****************************/

externDeclaration
    : optAnnotations EXTERN nonTypeName
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, $<sym>$); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "{" methodPrototypes "}"
        {
            scope_pop(&ctx->scope);
            $$ = type_decl(ctx, N_EXTERN, $1, $3, $5, EMPTY_LIST, @$);
            $$->items = $8;
        }
    | optAnnotations EXTERN functionPrototype ";"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations($3, $1);
            $$->kind = N_EXTERN_FUNCTION;
            $$->loc = @$;
        }
    ;

methodPrototypes
    : %empty                            { $$ = EMPTY_LIST; }
    | methodPrototypes methodPrototype  { $$ = $1; PUSH($$, $2); }
    | methodPrototypes error ";"        { $$ = $1; yyerrok; }
    ;

functionPrototype
    : typeOrVoid name
        {
            $<sym>$ = declare_object(ctx, $2, NULL);
            scope_push(&ctx->scope, NULL);
        }
      optTypeParameters
        { mark_template($<sym>3, &$4); }
      "(" parameterList ")"
        {
            $$ = named(ctx, N_METHOD, $2, @$);
            $$->type = $1;
            $$->type_params = $4;
            $$->params = $7;
        }
    ;

methodPrototype
    : optAnnotations functionPrototype ";"
        { scope_pop(&ctx->scope); $$ = with_annotations($2, $1); $$->loc = @$; }
    | optAnnotations ABSTRACT functionPrototype ";"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations($3, $1);
            $$->is_abstract = true;
            $$->loc = @$;
        }
    | optAnnotations TYPE_IDENTIFIER "(" { scope_push(&ctx->scope, NULL); } parameterList ")" ";"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(named(ctx, N_CONSTRUCTOR, $2, @$), $1);
            $$->params = $5;
        }
    ;

/**************************** Types ****************************/

typeRef
    : baseType
    | typeName
    | specializedType
    | headerStackType
    | p4listType
    | tupleType
    ;

namedType
    : typeName
    | specializedType
    ;

prefixedType
    : TYPE_IDENTIFIER       { $$ = named(ctx, N_TYPE_NAME, $1, @$); }
    | "." TYPE_IDENTIFIER   { $$ = named(ctx, N_TYPE_NAME, $2, @$); $$->is_absolute = true; }
    ;

typeName
    : prefixedType
    ;

p4listType
    : LIST l_angle typeArg r_angle  { $$ = NEW(N_TYPE_LIST, @$); $$->type = $3; }
    ;

tupleType
    : TUPLE l_angle typeArgumentList r_angle
        { $$ = NEW(N_TYPE_TUPLE, @$); $$->type_args = $3; }
    ;

headerStackType
    : typeRef "[" expression "]"
        { $$ = NEW(N_TYPE_STACK, @$); $$->type = $1; $$->expr = $3; }
    ;

specializedType
    : typeName l_angle typeArgumentList r_angle
        { $$ = NEW(N_TYPE_SPECIALIZED, @$); $$->type = $1; $$->type_args = $3; }
    ;

baseType
    : BOOL                  { $$ = NEW(N_TYPE_BOOL, @$); }
    | MATCH_KIND            { $$ = NEW(N_TYPE_MATCH_KIND, @$); }
    | ERROR                 { $$ = NEW(N_TYPE_ERROR, @$); }
    | BIT                   { $$ = NEW(N_TYPE_BIT, @$); }
    | STRING                { $$ = NEW(N_TYPE_STRING, @$); }
    | INT                   { $$ = NEW(N_TYPE_INT, @$); }
    | BIT l_angle nonGrtExpression r_angle
        { $$ = NEW(N_TYPE_BIT, @$); $$->expr = $3; }
    | INT l_angle nonGrtExpression r_angle
        { $$ = NEW(N_TYPE_BIT, @$); $$->is_signed = true; $$->expr = $3; }
    | VARBIT l_angle nonGrtExpression r_angle
        { $$ = NEW(N_TYPE_VARBIT, @$); $$->expr = $3; }
    ;

typeOrVoid
    : typeRef
    | VOID              { $$ = NEW(N_TYPE_VOID, @$); }
    | IDENTIFIER        { $$ = named(ctx, N_TYPE_NAME, $1, @$); }  /* a type variable declared after it */
    ;

optTypeParameters
    : %empty            { $$ = EMPTY_LIST; }
    | typeParameters
    ;

typeParameters
    : l_angle typeParameterList r_angle     { $$ = $2; }
    ;

typeParameterList
    : name
        { $$ = list_of(ctx, named(ctx, N_TYPE_PARAM, $1, @1)); declare_type(ctx, $1); }
    | typeParameterList "," name
        { $$ = $1; PUSH($$, named(ctx, N_TYPE_PARAM, $3, @3)); declare_type(ctx, $3); }
    ;

typeArg
    : typeRef
    | nonTypeName       { $$ = named(ctx, N_TYPE_NAME, $1, @$); }
    | VOID              { $$ = NEW(N_TYPE_VOID, @$); }
    | "_"               { $$ = NEW(N_TYPE_DONTCARE, @$); }
    ;

typeArgumentList
    : %empty                        { $$ = EMPTY_LIST; }
    | nonEmptyTypeArgumentList
    ;

nonEmptyTypeArgumentList
    : typeArg                               { $$ = list_of(ctx, $1); }
    | nonEmptyTypeArgumentList "," typeArg  { $$ = $1; PUSH($$, $3); }
    ;

realTypeArg
    : typeRef
    | VOID              { $$ = NEW(N_TYPE_VOID, @$); }
    | "_"               { $$ = NEW(N_TYPE_DONTCARE, @$); }
    ;

realTypeArgumentList
    : realTypeArg                           { $$ = list_of(ctx, $1); }
    | realTypeArgumentList "," typeArg      { $$ = $1; PUSH($$, $3); }
    ;

typeDeclaration
    : derivedTypeDeclaration
    | typedefDeclaration ";"
    | parserTypeDeclaration ";"     { scope_pop(&ctx->scope); $$ = $1; }
    | controlTypeDeclaration ";"    { scope_pop(&ctx->scope); $$ = $1; }
    | packageTypeDeclaration ";"    { scope_pop(&ctx->scope); $$ = $1; }
    ;

derivedTypeDeclaration
    : headerTypeDeclaration
    | headerUnionDeclaration
    | structTypeDeclaration
    | enumDeclaration
    ;

headerTypeDeclaration
    : optAnnotations HEADER name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "{" structFieldList "}"
        {
            scope_pop(&ctx->scope);
            $$ = type_decl(ctx, N_HEADER, $1, $3, $5, EMPTY_LIST, @$);
            $$->items = $8;
        }
    ;

structTypeDeclaration
    : optAnnotations STRUCT name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "{" structFieldList "}"
        {
            scope_pop(&ctx->scope);
            $$ = type_decl(ctx, N_STRUCT, $1, $3, $5, EMPTY_LIST, @$);
            $$->items = $8;
        }
    ;

headerUnionDeclaration
    : optAnnotations HEADER_UNION name
        { $<sym>$ = declare_type(ctx, $3); scope_push(&ctx->scope, NULL); }
      optTypeParameters
        { mark_template($<sym>4, &$5); }
      "{" structFieldList "}"
        {
            scope_pop(&ctx->scope);
            $$ = type_decl(ctx, N_HEADER_UNION, $1, $3, $5, EMPTY_LIST, @$);
            $$->items = $8;
        }
    ;

structFieldList
    : %empty                        { $$ = EMPTY_LIST; }
    | structFieldList structField   { $$ = $1; PUSH($$, $2); }
    | structFieldList error ";"     { $$ = $1; yyerrok; }
    ;

structField
    : optAnnotations typeRef declarator ";"
        {
            $$ = with_annotations(named(ctx, N_FIELD, $3.name, @$), $1);
            $$->type = declared_type(ctx, $2, &$3);
        }
    ;

enumDeclaration
    : optAnnotations ENUM name { declare_type(ctx, $3); }
      "{" identifierList optTrailingComma "}"
        {
            $$ = with_annotations(named(ctx, N_ENUM, $3, @$), $1);
            $$->items = $6;
        }
    | optAnnotations ENUM typeRef name { declare_type(ctx, $4); }
      "{" specifiedIdentifierList optTrailingComma "}"
        {
            $$ = with_annotations(named(ctx, N_ENUM, $4, @$), $1);
            $$->type = $3;
            $$->items = $7;
        }
    ;

specifiedIdentifierList
    : specifiedIdentifier                               { $$ = list_of(ctx, $1); }
    | specifiedIdentifierList "," specifiedIdentifier   { $$ = $1; PUSH($$, $3); }
    ;

specifiedIdentifier
    : name "=" initializer
        { $$ = named(ctx, N_ENUM_MEMBER, $1, @$); $$->expr = $3; }
    ;

errorDeclaration
    : ERROR "{" identifierList "}"
        { $$ = NEW(N_ERROR_DECL, @$); $$->items = $3; }
    ;

matchKindDeclaration
    : MATCH_KIND "{" identifierList optTrailingComma "}"
        { $$ = NEW(N_MATCH_KIND_DECL, @$); $$->items = $3; }
    ;

identifierList
    : name                      { $$ = list_of(ctx, named(ctx, N_ENUM_MEMBER, $1, @1)); }
    | identifierList "," name   { $$ = $1; PUSH($$, named(ctx, N_ENUM_MEMBER, $3, @3)); }
    ;

typedefDeclaration
    : optAnnotations TYPEDEF typeRef declarator
        {
            $$ = with_annotations(named(ctx, N_TYPEDEF, $4.name, @$), $1);
            $$->type = declared_type(ctx, $3, &$4);
            declare_type(ctx, $4.name);
        }
    | optAnnotations TYPEDEF derivedTypeDeclaration name
        {
            $$ = with_annotations(named(ctx, N_TYPEDEF, $4, @$), $1);
            $$->type = $3;
            declare_type(ctx, $4);
        }
    | optAnnotations TYPE typeRef declarator
        {
            $$ = with_annotations(named(ctx, N_NEWTYPE, $4.name, @$), $1);
            $$->type = declared_type(ctx, $3, &$4);
            declare_type(ctx, $4.name);
        }
    ;

/**************************** Statements ****************************/

assignmentOrMethodCallStatement
    : assignmentOrMethodCallStatementWithoutSemicolon ";"   { $$ = $1; $$->loc = @$; }
    ;

assignmentOrMethodCallStatementWithoutSemicolon
    : lvalue "(" argumentList ")"
        {
            Node *call = NEW(N_CALL, @$);
            call->expr = $1;
            call->args = $3;
            $$ = NEW(N_CALL_STMT, @$);
            $$->expr = call;
        }
    | lvalue L_ANGLE_ARGS typeArgumentList r_angle "(" argumentList ")"
        {
            Node *call = NEW(N_CALL, @$);
            call->expr = $1;
            call->type_args = $3;
            call->args = $6;
            $$ = NEW(N_CALL_STMT, @$);
            $$->expr = call;
        }
    | lvalue "=" expression     { $$ = assign(ctx, OP_NONE, $1, $3, @$); }
    | lvalue "*=" expression    { $$ = assign(ctx, OP_MUL, $1, $3, @$); }
    | lvalue "/=" expression    { $$ = assign(ctx, OP_DIV, $1, $3, @$); }
    | lvalue "%=" expression    { $$ = assign(ctx, OP_MOD, $1, $3, @$); }
    | lvalue "+=" expression    { $$ = assign(ctx, OP_ADD, $1, $3, @$); }
    | lvalue "-=" expression    { $$ = assign(ctx, OP_SUB, $1, $3, @$); }
    | lvalue "|+|=" expression  { $$ = assign(ctx, OP_ADD_SAT, $1, $3, @$); }
    | lvalue "|-|=" expression  { $$ = assign(ctx, OP_SUB_SAT, $1, $3, @$); }
    | lvalue "<<=" expression   { $$ = assign(ctx, OP_SHL, $1, $3, @$); }
    | lvalue ">>=" expression   { $$ = assign(ctx, OP_SHR, $1, $3, @$); }
    | lvalue "&=" expression    { $$ = assign(ctx, OP_BIT_AND, $1, $3, @$); }
    | lvalue "|=" expression    { $$ = assign(ctx, OP_BIT_OR, $1, $3, @$); }
    | lvalue "^=" expression    { $$ = assign(ctx, OP_BIT_XOR, $1, $3, @$); }
    ;

emptyStatement
    : ";"                   { $$ = NEW(N_EMPTY_STMT, @$); }
    ;

exitStatement
    : EXIT ";"              { $$ = NEW(N_EXIT, @$); }
    ;

returnStatement
    : RETURN ";"            { $$ = NEW(N_RETURN, @$); }
    | RETURN expression ";" { $$ = NEW(N_RETURN, @$); $$->expr = $2; }
    ;

conditionalStatement
    : IF "(" expression ")" statement %prec THEN
        { $$ = NEW(N_IF, @$); $$->expr = $3; $$->body = $5; }
    | IF "(" expression ")" statement ELSE statement
        { $$ = NEW(N_IF, @$); $$->expr = $3; $$->body = $5; $$->else_body = $7; }
    ;

breakStatement
    : BREAK ";"             { $$ = NEW(N_BREAK, @$); }
    ;

continueStatement
    : CONTINUE ";"          { $$ = NEW(N_CONTINUE, @$); }
    ;

directApplication
    : typeName "." APPLY "(" argumentList ")" ";"
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            Node *callee = named(ctx, N_MEMBER, "apply", srcrange_join(@1, @3));
            callee->expr = type;
            Node *call = NEW(N_CALL, srcrange_join(@1, @6));
            call->expr = callee;
            call->args = $5;
            $$ = NEW(N_CALL_STMT, @$);
            $$->expr = call;
        }
    | specializedType "." APPLY "(" argumentList ")" ";"
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            Node *callee = named(ctx, N_MEMBER, "apply", srcrange_join(@1, @3));
            callee->expr = type;
            Node *call = NEW(N_CALL, srcrange_join(@1, @6));
            call->expr = callee;
            call->args = $5;
            $$ = NEW(N_CALL_STMT, @$);
            $$->expr = call;
        }
    ;

statement
    : assignmentOrMethodCallStatement
    | directApplication
    | conditionalStatement
    | emptyStatement
    | blockStatement
    | returnStatement
    | breakStatement
    | continueStatement
    | exitStatement
    | switchStatement
    | forStatement
    ;

blockStatement
    : blockOpen statOrDeclList "}"
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(NEW(N_BLOCK, @$), $1);
            $$->items = $2;
        }
    | blockOpen statOrDeclList error "}"
        {
            /* A syntax error before the block's `}`: the block ends there,
             * so the code after it is not swallowed by the recovery. */
            yyerrok;
            scope_pop(&ctx->scope);
            $$ = with_annotations(NEW(N_BLOCK, @$), $1);
            $$->items = $2;
        }
    ;

blockOpen
    : optAnnotations "{"    { scope_push(&ctx->scope, NULL); $$ = $1; }
    ;

statOrDeclList
    : %empty                                    { $$ = EMPTY_LIST; }
    | statOrDeclList statementOrDeclaration     { $$ = $1; PUSH($$, $2); }
    | statOrDeclList error ";"                  { $$ = $1; yyerrok; }
    ;

switchStatement
    : SWITCH "(" expression ")" "{" switchCases "}"
        { $$ = NEW(N_SWITCH, @$); $$->expr = $3; $$->items = $6; }
    ;

switchCases
    : %empty                    { $$ = EMPTY_LIST; }
    | switchCases switchCase    { $$ = $1; PUSH($$, $2); }
    ;

switchCase
    : switchLabel ":" blockStatement
        { $$ = NEW(N_SWITCH_CASE, @$); $$->expr = $1; $$->body = $3; }
    | switchLabel ":"
        { $$ = NEW(N_SWITCH_CASE, @$); $$->expr = $1; }
    ;

switchLabel
    : DEFAULT               { $$ = NEW(N_DEFAULT, @$); }
    | nonBraceExpression
    ;

statementOrDeclaration
    : variableDeclaration
    | constantDeclaration
    | statement
    | instantiation         /* rejected by semantic analysis, with a clearer message */
    ;

forStart
    : optAnnotations FOR "("
        { scope_push(&ctx->scope, NULL); $$ = $1; }
    ;

forStatement
    : forStart forInitStatements ";" expression ";" forUpdateStatements ")" statement
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(NEW(N_FOR, @$), $1);
            $$->locals = $2;
            $$->expr = $4;
            $$->items = $6;
            $$->body = $8;
        }
    | forStart typeRef name IN forCollectionExpr ")" statement
        {
            scope_pop(&ctx->scope);
            Node *var = named(ctx, N_VAR, $3, srcrange_join(@2, @3));
            var->type = $2;
            $$ = with_annotations(NEW(N_FOR_IN, @$), $1);
            $$->lhs = var;
            $$->expr = $5;
            $$->body = $7;
        }
    | forStart annotations typeRef name IN forCollectionExpr ")" statement
        {
            scope_pop(&ctx->scope);
            Node *var = with_annotations(named(ctx, N_VAR, $4, srcrange_join(@2, @4)), $2);
            var->type = $3;
            $$ = with_annotations(NEW(N_FOR_IN, @$), $1);
            $$->lhs = var;
            $$->expr = $6;
            $$->body = $8;
        }
    ;

forInitStatements
    : %empty                        { $$ = EMPTY_LIST; }
    | forInitStatementsNonEmpty
    ;

forInitStatementsNonEmpty
    : declOrAssignmentOrMethodCallStatement
        { $$ = list_of(ctx, $1); }
    | forInitStatementsNonEmpty "," declOrAssignmentOrMethodCallStatement
        { $$ = $1; PUSH($$, $3); }
    ;

declOrAssignmentOrMethodCallStatement
    : variableDeclarationWithoutSemicolon
    | assignmentOrMethodCallStatementWithoutSemicolon
    ;

forUpdateStatements
    : %empty                        { $$ = EMPTY_LIST; }
    | forUpdateStatementsNonEmpty
    ;

forUpdateStatementsNonEmpty
    : assignmentOrMethodCallStatementWithoutSemicolon
        { $$ = list_of(ctx, $1); }
    | forUpdateStatementsNonEmpty "," assignmentOrMethodCallStatementWithoutSemicolon
        { $$ = $1; PUSH($$, $3); }
    ;

forCollectionExpr
    : expression
    | expression ".." expression
        { $$ = NEW(N_RANGE, @$); $$->lhs = $1; $$->rhs = $3; }
    ;

/**************************** Tables ****************************/

tableDeclaration
    : optAnnotations TABLE name { declare_object(ctx, $3, NULL); } "{" tablePropertyList "}"
        {
            $$ = with_annotations(named(ctx, N_TABLE, $3, @$), $1);
            $$->items = $6;
        }
    ;

tablePropertyList
    : tableProperty                     { $$ = list_of(ctx, $1); }
    | tablePropertyList tableProperty   { $$ = $1; PUSH($$, $2); }
    | tablePropertyList error ";"       { $$ = $1; yyerrok; }
    ;

tableProperty
    : KEY "=" "{" keyElementList "}"
        { $$ = NEW(N_PROP_KEY, @$); $$->items = $4; }
    | ACTIONS "=" "{" actionList "}"
        { $$ = NEW(N_PROP_ACTIONS, @$); $$->items = $4; }
    | optAnnotations optCONST ENTRIES "=" "{" entriesList "}"
        {
            $$ = with_annotations(NEW(N_PROP_ENTRIES, @$), $1);
            $$->is_const = $2;
            $$->items = $6;
        }
    | optAnnotations optCONST nonTableKwName "=" initializer ";"
        {
            $$ = with_annotations(named(ctx, N_PROP_OTHER, $3, @$), $1);
            $$->is_const = $2;
            $$->expr = $5;
        }
    ;

keyElementList
    : %empty                        { $$ = EMPTY_LIST; }
    | keyElementList keyElement     { $$ = $1; PUSH($$, $2); }
    | keyElementList error ";"      { $$ = $1; yyerrok; }
    ;

keyElement
    : expression ":" name optAnnotations ";"
        {
            $$ = with_annotations(named(ctx, N_KEY_ELEMENT, $3, @$), $4);
            $$->expr = $1;
        }
    ;

actionList
    : %empty                                { $$ = EMPTY_LIST; }
    | actionList optAnnotations actionRef ";"
        { $$ = $1; PUSH($$, with_annotations($3, $2)); }
    | actionList error ";"                  { $$ = $1; yyerrok; }
    ;

actionRef
    : prefixedNonTypeName
        { $$ = NEW(N_ACTION_REF, @$); $$->expr = $1; }
    | prefixedNonTypeName "(" argumentList ")"
        { $$ = NEW(N_ACTION_REF, @$); $$->expr = $1; $$->has_args = true; $$->args = $3; }
    ;

entry
    : optCONST entryPriority keysetExpression ":" actionRef optAnnotations ";"
        {
            $$ = with_annotations(NEW(N_ENTRY, @$), $6);
            $$->is_const = $1;
            $$->lhs = $2;
            $$->expr = $3;
            $$->body = $5;
        }
    | optCONST keysetExpression ":" actionRef optAnnotations ";"
        {
            $$ = with_annotations(NEW(N_ENTRY, @$), $5);
            $$->is_const = $1;
            $$->expr = $2;
            $$->body = $4;
        }
    ;

entryPriority
    : PRIORITY "=" INTEGER ":"              { $$ = $3; $$->loc = @3; }
    | PRIORITY "=" "(" expression ")" ":"   { $$ = $4; }
    ;

entriesList
    : %empty                { $$ = EMPTY_LIST; }
    | entriesList entry     { $$ = $1; PUSH($$, $2); }
    | entriesList error ";" { $$ = $1; yyerrok; }
    ;

/**************************** Actions ****************************/

actionDeclaration
    : optAnnotations ACTION name
        { declare_object(ctx, $3, NULL); scope_push(&ctx->scope, NULL); }
      "(" parameterList ")" blockStatement
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations(named(ctx, N_ACTION, $3, @$), $1);
            $$->params = $6;
            $$->body = $8;
        }
    ;

/**************************** Variables ****************************/

variableDeclaration
    : variableDeclarationWithoutSemicolon ";"   { $$ = $1; $$->loc = @$; }
    ;

variableDeclarationWithoutSemicolon
    : annotations typeRef declarator optInitializer
        {
            $$ = with_annotations(named(ctx, N_VAR, $3.name, @$), $1);
            $$->type = declared_type(ctx, $2, &$3);
            $$->expr = $4;
            declare_object(ctx, $3.name, $2);
        }
    | typeRef declarator optInitializer
        {
            $$ = named(ctx, N_VAR, $2.name, @$);
            $$->type = declared_type(ctx, $1, &$2);
            $$->expr = $3;
            declare_object(ctx, $2.name, $1);
        }
    ;

constantDeclaration
    : optAnnotations CONST typeRef declarator "=" initializer ";"
        {
            $$ = with_annotations(named(ctx, N_CONST, $4.name, @$), $1);
            $$->type = declared_type(ctx, $3, &$4);
            $$->expr = $6;
            declare_object(ctx, $4.name, $3);
        }
    ;

declarator
    : name                          { $$.name = $1; $$.loc = @1; $$.dims = EMPTY_LIST; }
    | declarator "[" expression "]" { $$ = $1; PUSH($$.dims, $3); }
    ;

optInitializer
    : %empty            { $$ = NULL; }
    | "=" initializer   { $$ = $2; }
    ;

initializer
    : expression
    ;

/**************************** Functions ****************************/

functionDeclaration
    : annotations functionPrototype blockStatement
        {
            scope_pop(&ctx->scope);
            $$ = with_annotations($2, $1);
            $$->kind = N_FUNCTION;
            $$->body = $3;
            $$->loc = @$;
        }
    | functionPrototype blockStatement
        {
            scope_pop(&ctx->scope);
            $$ = $1;
            $$->kind = N_FUNCTION;
            $$->body = $2;
            $$->loc = @$;
        }
    ;

argumentList
    : %empty            { $$ = EMPTY_LIST; }
    | nonEmptyArgList
    ;

nonEmptyArgList
    : argument                      { $$ = list_of(ctx, $1); }
    | nonEmptyArgList "," argument  { $$ = $1; PUSH($$, $3); }
    ;

argument
    : expression
        { $$ = NEW(N_ARG, @$); $$->expr = $1; }
    | name "=" expression
        { $$ = named(ctx, N_ARG, $1, @$); $$->expr = $3; }
    | "_"
        { $$ = NEW(N_ARG, @$); $$->expr = NEW(N_DONTCARE, @1); }
    | name "=" "_"
        { $$ = named(ctx, N_ARG, $1, @$); $$->expr = NEW(N_DONTCARE, @3); }
    ;

expressionList
    : %empty            { $$ = EMPTY_LIST; }
    | nonEmptyExpressionList
    ;

nonEmptyExpressionList
    : expression                                { $$ = list_of(ctx, $1); }
    | nonEmptyExpressionList "," expression     { $$ = $1; PUSH($$, $3); }
    ;

member
    : name
    ;

prefixedNonTypeName
    : nonTypeName           { $$ = named(ctx, N_NAME, $1, @$); }
    | "." nonTypeName       { $$ = named(ctx, N_NAME, $2, @$); $$->is_absolute = true; }
    ;

lvalue
    : prefixedNonTypeName
    | THIS                  { $$ = NEW(N_THIS, @$); }
    | lvalue "." member     { $$ = named(ctx, N_MEMBER, $3, @$); $$->expr = $1; }
    | lvalue "[" expression "]"
        { $$ = NEW(N_INDEX, @$); $$->expr = $1; $$->lhs = $3; }
    | lvalue "[" expression ":" expression "]"
        { $$ = NEW(N_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | lvalue "[" expression "+:" expression "]"
        { $$ = NEW(N_PLUS_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | "(" lvalue ")"        { $$ = $2; }
    ;

/**************************** Expressions ****************************/

expression
    : INTEGER               { $$ = $1; $$->loc = @$; }
    | "..."                 { $$ = NEW(N_DOTS, @$); }
    | STRING_LITERAL        { $$ = NEW(N_STRING, @$); $$->text = $1; }
    | TRUE                  { $$ = NEW(N_BOOL, @$); $$->bool_value = true; }
    | FALSE                 { $$ = NEW(N_BOOL, @$); }
    | THIS                  { $$ = NEW(N_THIS, @$); }
    | prefixedNonTypeName
    | expression "[" expression "]"
        { $$ = NEW(N_INDEX, @$); $$->expr = $1; $$->lhs = $3; }
    | expression "[" expression ":" expression "]"
        { $$ = NEW(N_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | expression "[" expression "+:" expression "]"
        { $$ = NEW(N_PLUS_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | "{" "}"               { $$ = NEW(N_LIST_EXPR, @$); }
    | "{" nonEmptyExpressionList optTrailingComma "}"
        { $$ = NEW(N_LIST_EXPR, @$); $$->items = $2; }
    | "{#}"                 { $$ = NEW(N_INVALID, @$); }
    | "{" kvList optTrailingComma "}"
        { $$ = NEW(N_STRUCT_EXPR, @$); $$->items = $2; }
    | "{" kvList "," "..." optTrailingComma "}"
        { $$ = NEW(N_STRUCT_EXPR, @$); $$->items = $2; $$->has_dots = true; }
    | "(" expression ")"    { $$ = $2; }
    | "!" expression %prec PREFIX   { $$ = unary(ctx, OP_NOT, $2, @$); }
    | "~" expression %prec PREFIX   { $$ = unary(ctx, OP_COMPLEMENT, $2, @$); }
    | "-" expression %prec PREFIX   { $$ = unary(ctx, OP_NEGATE, $2, @$); }
    | "+" expression %prec PREFIX   { $$ = unary(ctx, OP_UNARY_PLUS, $2, @$); }
    | typeName "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | ERROR "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = NEW(N_TYPE_ERROR, @1);
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | expression "." member { $$ = named(ctx, N_MEMBER, $3, @$); $$->expr = $1; }
    | expression "*" expression     { $$ = binary(ctx, OP_MUL, $1, $3, @$); }
    | expression "/" expression     { $$ = binary(ctx, OP_DIV, $1, $3, @$); }
    | expression "%" expression     { $$ = binary(ctx, OP_MOD, $1, $3, @$); }
    | expression "+" expression     { $$ = binary(ctx, OP_ADD, $1, $3, @$); }
    | expression "-" expression     { $$ = binary(ctx, OP_SUB, $1, $3, @$); }
    | expression "|+|" expression   { $$ = binary(ctx, OP_ADD_SAT, $1, $3, @$); }
    | expression "|-|" expression   { $$ = binary(ctx, OP_SUB_SAT, $1, $3, @$); }
    | expression "<<" expression    { $$ = binary(ctx, OP_SHL, $1, $3, @$); }
    | expression R_ANGLE_SHIFT ">" expression %prec R_ANGLE_SHIFT
        { $$ = binary(ctx, OP_SHR, $1, $4, @$); }
    | expression "<=" expression    { $$ = binary(ctx, OP_LE, $1, $3, @$); }
    | expression ">=" expression    { $$ = binary(ctx, OP_GE, $1, $3, @$); }
    | expression "<" expression     { $$ = binary(ctx, OP_LT, $1, $3, @$); }
    | expression ">" expression     { $$ = binary(ctx, OP_GT, $1, $3, @$); }
    | expression "!=" expression    { $$ = binary(ctx, OP_NE, $1, $3, @$); }
    | expression "==" expression    { $$ = binary(ctx, OP_EQ, $1, $3, @$); }
    | expression "&" expression     { $$ = binary(ctx, OP_BIT_AND, $1, $3, @$); }
    | expression "^" expression     { $$ = binary(ctx, OP_BIT_XOR, $1, $3, @$); }
    | expression "|" expression     { $$ = binary(ctx, OP_BIT_OR, $1, $3, @$); }
    | expression "++" expression    { $$ = binary(ctx, OP_CONCAT, $1, $3, @$); }
    | expression "&&" expression    { $$ = binary(ctx, OP_AND, $1, $3, @$); }
    | expression "||" expression    { $$ = binary(ctx, OP_OR, $1, $3, @$); }
    | expression "?" expression ":" expression
        { $$ = NEW(N_TERNARY, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | expression L_ANGLE_ARGS realTypeArgumentList r_angle "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->type_args = $3; $$->args = $6; }
    | expression "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->args = $3; }
    | namedType "(" argumentList ")"
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = NEW(N_CALL, @$);
            $$->expr = type;
            $$->args = $3;
        }
    | "(" typeRef ")" expression %prec PREFIX
        { $$ = NEW(N_CAST, @$); $$->type = $2; $$->expr = $4; }
    ;

/* An expression that does not start with `{`: a switch label, where `{`
 * would begin the case's block. */
nonBraceExpression
    : INTEGER               { $$ = $1; $$->loc = @$; }
    | STRING_LITERAL        { $$ = NEW(N_STRING, @$); $$->text = $1; }
    | TRUE                  { $$ = NEW(N_BOOL, @$); $$->bool_value = true; }
    | FALSE                 { $$ = NEW(N_BOOL, @$); }
    | THIS                  { $$ = NEW(N_THIS, @$); }
    | prefixedNonTypeName
    | nonBraceExpression "[" expression "]"
        { $$ = NEW(N_INDEX, @$); $$->expr = $1; $$->lhs = $3; }
    | nonBraceExpression "[" expression ":" expression "]"
        { $$ = NEW(N_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | nonBraceExpression "[" expression "+:" expression "]"
        { $$ = NEW(N_PLUS_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | "(" expression ")"    { $$ = $2; }
    | "!" expression %prec PREFIX   { $$ = unary(ctx, OP_NOT, $2, @$); }
    | "~" expression %prec PREFIX   { $$ = unary(ctx, OP_COMPLEMENT, $2, @$); }
    | "-" expression %prec PREFIX   { $$ = unary(ctx, OP_NEGATE, $2, @$); }
    | "+" expression %prec PREFIX   { $$ = unary(ctx, OP_UNARY_PLUS, $2, @$); }
    | typeName "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | ERROR "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = NEW(N_TYPE_ERROR, @1);
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | nonBraceExpression "." member { $$ = named(ctx, N_MEMBER, $3, @$); $$->expr = $1; }
    | nonBraceExpression "*" expression     { $$ = binary(ctx, OP_MUL, $1, $3, @$); }
    | nonBraceExpression "/" expression     { $$ = binary(ctx, OP_DIV, $1, $3, @$); }
    | nonBraceExpression "%" expression     { $$ = binary(ctx, OP_MOD, $1, $3, @$); }
    | nonBraceExpression "+" expression     { $$ = binary(ctx, OP_ADD, $1, $3, @$); }
    | nonBraceExpression "-" expression     { $$ = binary(ctx, OP_SUB, $1, $3, @$); }
    | nonBraceExpression "|+|" expression   { $$ = binary(ctx, OP_ADD_SAT, $1, $3, @$); }
    | nonBraceExpression "|-|" expression   { $$ = binary(ctx, OP_SUB_SAT, $1, $3, @$); }
    | nonBraceExpression "<<" expression    { $$ = binary(ctx, OP_SHL, $1, $3, @$); }
    | nonBraceExpression R_ANGLE_SHIFT ">" expression %prec R_ANGLE_SHIFT
        { $$ = binary(ctx, OP_SHR, $1, $4, @$); }
    | nonBraceExpression "<=" expression    { $$ = binary(ctx, OP_LE, $1, $3, @$); }
    | nonBraceExpression ">=" expression    { $$ = binary(ctx, OP_GE, $1, $3, @$); }
    | nonBraceExpression "<" expression     { $$ = binary(ctx, OP_LT, $1, $3, @$); }
    | nonBraceExpression ">" expression     { $$ = binary(ctx, OP_GT, $1, $3, @$); }
    | nonBraceExpression "!=" expression    { $$ = binary(ctx, OP_NE, $1, $3, @$); }
    | nonBraceExpression "==" expression    { $$ = binary(ctx, OP_EQ, $1, $3, @$); }
    | nonBraceExpression "&" expression     { $$ = binary(ctx, OP_BIT_AND, $1, $3, @$); }
    | nonBraceExpression "^" expression     { $$ = binary(ctx, OP_BIT_XOR, $1, $3, @$); }
    | nonBraceExpression "|" expression     { $$ = binary(ctx, OP_BIT_OR, $1, $3, @$); }
    | nonBraceExpression "++" expression    { $$ = binary(ctx, OP_CONCAT, $1, $3, @$); }
    | nonBraceExpression "&&" expression    { $$ = binary(ctx, OP_AND, $1, $3, @$); }
    | nonBraceExpression "||" expression    { $$ = binary(ctx, OP_OR, $1, $3, @$); }
    | nonBraceExpression "?" expression ":" expression
        { $$ = NEW(N_TERNARY, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | nonBraceExpression L_ANGLE_ARGS realTypeArgumentList r_angle "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->type_args = $3; $$->args = $6; }
    | nonBraceExpression "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->args = $3; }
    | namedType "(" argumentList ")"
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = NEW(N_CALL, @$);
            $$->expr = type;
            $$->args = $3;
        }
    | "(" typeRef ")" expression %prec PREFIX
        { $$ = NEW(N_CAST, @$); $$->type = $2; $$->expr = $4; }
    ;

/* An expression with no `>` outside parentheses: a width in `bit<...>`,
 * where `>` closes the type. */
nonGrtExpression
    : INTEGER               { $$ = $1; $$->loc = @$; }
    | STRING_LITERAL        { $$ = NEW(N_STRING, @$); $$->text = $1; }
    | TRUE                  { $$ = NEW(N_BOOL, @$); $$->bool_value = true; }
    | FALSE                 { $$ = NEW(N_BOOL, @$); }
    | THIS                  { $$ = NEW(N_THIS, @$); }
    | prefixedNonTypeName
    | nonGrtExpression "[" expression "]"
        { $$ = NEW(N_INDEX, @$); $$->expr = $1; $$->lhs = $3; }
    | nonGrtExpression "[" expression ":" expression "]"
        { $$ = NEW(N_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | nonGrtExpression "[" expression "+:" expression "]"
        { $$ = NEW(N_PLUS_SLICE, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | "(" expression ")"    { $$ = $2; }
    | "!" expression %prec PREFIX   { $$ = unary(ctx, OP_NOT, $2, @$); }
    | "~" expression %prec PREFIX   { $$ = unary(ctx, OP_COMPLEMENT, $2, @$); }
    | "-" expression %prec PREFIX   { $$ = unary(ctx, OP_NEGATE, $2, @$); }
    | "+" expression %prec PREFIX   { $$ = unary(ctx, OP_UNARY_PLUS, $2, @$); }
    | typeName "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | ERROR "." member
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = NEW(N_TYPE_ERROR, @1);
            $$ = named(ctx, N_MEMBER, $3, @$);
            $$->expr = type;
        }
    | nonGrtExpression "." member { $$ = named(ctx, N_MEMBER, $3, @$); $$->expr = $1; }
    | nonGrtExpression "*" expression     { $$ = binary(ctx, OP_MUL, $1, $3, @$); }
    | nonGrtExpression "/" expression     { $$ = binary(ctx, OP_DIV, $1, $3, @$); }
    | nonGrtExpression "%" expression     { $$ = binary(ctx, OP_MOD, $1, $3, @$); }
    | nonGrtExpression "+" expression     { $$ = binary(ctx, OP_ADD, $1, $3, @$); }
    | nonGrtExpression "-" expression     { $$ = binary(ctx, OP_SUB, $1, $3, @$); }
    | nonGrtExpression "|+|" expression   { $$ = binary(ctx, OP_ADD_SAT, $1, $3, @$); }
    | nonGrtExpression "|-|" expression   { $$ = binary(ctx, OP_SUB_SAT, $1, $3, @$); }
    | nonGrtExpression "<<" expression    { $$ = binary(ctx, OP_SHL, $1, $3, @$); }
    | nonGrtExpression "<=" nonGrtExpression    { $$ = binary(ctx, OP_LE, $1, $3, @$); }
    | nonGrtExpression ">=" nonGrtExpression    { $$ = binary(ctx, OP_GE, $1, $3, @$); }
    | nonGrtExpression "<" nonGrtExpression { $$ = binary(ctx, OP_LT, $1, $3, @$); }
    | nonGrtExpression "!=" nonGrtExpression    { $$ = binary(ctx, OP_NE, $1, $3, @$); }
    | nonGrtExpression "==" nonGrtExpression    { $$ = binary(ctx, OP_EQ, $1, $3, @$); }
    | nonGrtExpression "&" nonGrtExpression     { $$ = binary(ctx, OP_BIT_AND, $1, $3, @$); }
    | nonGrtExpression "^" nonGrtExpression     { $$ = binary(ctx, OP_BIT_XOR, $1, $3, @$); }
    | nonGrtExpression "|" nonGrtExpression     { $$ = binary(ctx, OP_BIT_OR, $1, $3, @$); }
    | nonGrtExpression "++" expression    { $$ = binary(ctx, OP_CONCAT, $1, $3, @$); }
    | nonGrtExpression "&&" nonGrtExpression    { $$ = binary(ctx, OP_AND, $1, $3, @$); }
    | nonGrtExpression "||" nonGrtExpression    { $$ = binary(ctx, OP_OR, $1, $3, @$); }
    | nonGrtExpression "?" expression ":" nonGrtExpression
        { $$ = NEW(N_TERNARY, @$); $$->expr = $1; $$->lhs = $3; $$->rhs = $5; }
    | nonGrtExpression L_ANGLE_ARGS realTypeArgumentList r_angle "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->type_args = $3; $$->args = $6; }
    | nonGrtExpression "(" argumentList ")"
        { $$ = NEW(N_CALL, @$); $$->expr = $1; $$->args = $3; }
    | namedType "(" argumentList ")"
        {
            Node *type = NEW(N_TYPE_EXPR, @1);
            type->type = $1;
            $$ = NEW(N_CALL, @$);
            $$->expr = type;
            $$->args = $3;
        }
    | "(" typeRef ")" expression %prec PREFIX
        { $$ = NEW(N_CAST, @$); $$->type = $2; $$->expr = $4; }
    ;

l_angle
    : "<" | L_ANGLE_ARGS
    ;

r_angle
    : ">" | R_ANGLE_SHIFT
    ;

%%

/* A token as the user wrote it, for "unexpected ..." messages. */
static void describe_lookahead(ParseContext *ctx, yysymbol_kind_t token, char *buf, size_t size)
{
    if (token == YYSYMBOL_YYEOF) {
        snprintf(buf, size, "end of file");
        return;
    }
    const char *text = ctx->prev_text ? ctx->prev_text : yysymbol_name(token);
    switch (token) {
    case YYSYMBOL_IDENTIFIER:
        snprintf(buf, size, "identifier '%s'", text);
        break;
    case YYSYMBOL_TYPE_IDENTIFIER:
        snprintf(buf, size, "type name '%s'", text);
        break;
    case YYSYMBOL_STRING_LITERAL:
        snprintf(buf, size, "string literal %.60s", text);
        break;
    case YYSYMBOL_INTEGER:
        snprintf(buf, size, "integer '%s'", text);
        break;
    case YYSYMBOL_END_PRAGMA:
        snprintf(buf, size, "end of line");
        break;
    case YYSYMBOL_UNEXPECTED_TOKEN:
        if ((unsigned char)text[0] < 0x20 || (unsigned char)text[0] >= 0x7f) {
            snprintf(buf, size, "character '\\x%02x'", (unsigned char)text[0]);
            break;
        }
        snprintf(buf, size, "character '%s'", text);
        break;
    default:
        snprintf(buf, size, "'%s'", text);
        break;
    }
}

/* An expected token for the message: keywords and punctuation quoted,
 * token classes ("identifier") as they are. */
static void describe_expected(yysymbol_kind_t token, char *buf, size_t size)
{
    switch (token) {
    case YYSYMBOL_IDENTIFIER: case YYSYMBOL_TYPE_IDENTIFIER: case YYSYMBOL_STRING_LITERAL:
    case YYSYMBOL_INTEGER: case YYSYMBOL_UNEXPECTED_TOKEN: case YYSYMBOL_END_PRAGMA:
    case YYSYMBOL_YYEOF:
        snprintf(buf, size, "%s", yysymbol_name(token));
        break;
    case YYSYMBOL_L_ANGLE_ARGS:
        snprintf(buf, size, "'<'");
        break;
    case YYSYMBOL_R_ANGLE_SHIFT:
        snprintf(buf, size, "'>'");
        break;
    default:
        snprintf(buf, size, "'%s'", yysymbol_name(token));
        break;
    }
}

static int yyreport_syntax_error(const yypcontext_t *pctx, ParseContext *ctx)
{
    enum { MAX_EXPECTED = 5 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int count = yypcontext_expected_tokens(pctx, expected, MAX_EXPECTED);
    yysymbol_kind_t token = yypcontext_token(pctx);
    char what[128];
    describe_lookahead(ctx, token, what, sizeof what);
    if (count == 0 && token == YYSYMBOL_R_BRACE) {
        /* Too many possibilities to list; but a '}' where a statement could
         * end is nearly always a forgotten ';'. */
        yysymbol_kind_t all[YYNTOKENS];
        int n = yypcontext_expected_tokens(pctx, all, YYNTOKENS);
        for (int i = 0; i < n; i++) {
            if (all[i] == YYSYMBOL_SEMICOLON) {
                diag_error(ctx->diag, *yypcontext_location(pctx), "expected ';' before '}'");
                return 0;
            }
        }
    }

    /* `<` and `<'` (type arguments) read the same to a user: list once. */
    char names[MAX_EXPECTED][64];
    int nnames = 0;
    for (int i = 0; i < count; i++) {
        describe_expected(expected[i], names[nnames], sizeof names[nnames]);
        bool seen = false;
        for (int j = 0; j < nnames; j++)
            seen = seen || strcmp(names[j], names[nnames]) == 0;
        if (!seen)
            nnames++;
    }
    char list[MAX_EXPECTED * 70] = "";
    size_t used = 0;
    for (int i = 0; i < nnames; i++) {
        const char *sep = i == 0 ? "" : (i == nnames - 1 ? " or " : ", ");
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", sep, names[i]);
    }
    count = nnames;
    /* `>` and `>'` also read the same: not "expected '>' before '>'". */
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i], what) == 0)
            count = 0;
    SrcRange loc = *yypcontext_location(pctx);
    if (count == 1)
        diag_error(ctx->diag, loc, "expected %s before %s", list, what);
    else if (count > 1)
        diag_error(ctx->diag, loc, "syntax error: unexpected %s; expected %s", what, list);
    else
        diag_error(ctx->diag, loc, "syntax error: unexpected %s", what);
    return 0;
}
