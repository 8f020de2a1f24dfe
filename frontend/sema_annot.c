/* Annotations (spec chapter "Annotations"): the bodies of structured
 * annotations are typed expressions, a structured annotation's name is
 * not repeated on one element, and the standard annotations that name
 * things take a string. Bodies of other unstructured annotations are
 * free-form tokens and are left alone. */
#include "sema_internal.h"

#include <string.h>

static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN;
}

/* Spec "Structured annotations": each value is a compile-time known
 * int, string or bool. */
static void check_structured_value(Checker *ck, Node *value)
{
    Type *t = check_expr(ck, value, NULL);
    if (is_unknown(t))
        return;
    if (t->kind != T_INT && t->kind != T_BITS && t->kind != T_STRING && t->kind != T_BOOL)
        ERROR_AT(ck, value, "a structured annotation can only hold int, string and bool values, "
                            "not '%s'", TYPE_NAME(ck, t));
    else if (!const_eval(ck, value))
        ERROR_AT(ck, value, "the values of a structured annotation must be compile-time known");
}

static void check_structured(Checker *ck, Node *ann)
{
    for (int i = 0; i < ann->args.len; i++) {
        Node *arg = ann->args.items[i];
        if (arg->kind != N_KV) {
            check_structured_value(ck, arg);
            continue;
        }
        for (int j = 0; j < i; j++)
            if (ann->args.items[j]->kind == N_KV &&
                strcmp(ann->args.items[j]->name, arg->name) == 0) {
                ERROR_AT(ck, arg, "key '%s' is given twice in annotation '@%s'", arg->name,
                         ann->name);
                break;
            }
        check_structured_value(ck, arg->expr);
    }
}

/* A string operand of `@name(...)` and the like: a literal or a string
 * constant. */
static bool is_string_operand(Checker *ck, const Node *tok)
{
    if (tok->text[0] == '"')
        return true;
    Binding *b = env_lookup(ck->env, tok->text);
    return b && b->decl->kind == N_CONST && b->decl->ty && b->decl->ty->kind == T_STRING;
}

/* `@name("a" ++ S)`: string literals and constants joined by `++`. */
static void check_string_body(Checker *ck, Node *ann)
{
    NodeList *toks = &ann->items;
    bool ok = toks->len % 2 == 1;
    for (int i = 0; ok && i < toks->len; i++)
        ok = i % 2 == 0 ? is_string_operand(ck, toks->items[i])
                        : strcmp(toks->items[i]->text, "++") == 0;
    if (!ok)
        ERROR_AT(ck, ann, "the argument of '@%s' must be a string", ann->name);
}

static bool takes_string(const Node *ann)
{
    return !ann->is_structured && ann->has_args &&
           (strcmp(ann->name, "name") == 0 || strcmp(ann->name, "deprecated") == 0 ||
            strcmp(ann->name, "noWarn") == 0);
}

static bool tok_is(const Node *tok, const char *text)
{
    return strcmp(tok->text, text) == 0;
}

static bool tok_is_ident(const Node *tok)
{
    unsigned char c = (unsigned char)tok->text[0];
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool tok_is_int(const Node *tok)
{
    return tok->text[0] >= '0' && tok->text[0] <= '9';
}

/* Where to report a malformed body: its first token, or the annotation. */
static Node *body_at(Node *ann)
{
    return ann->items.len ? ann->items.items[0] : ann;
}

/* Spec "Value set annotations": `@match(K)` names a match_kind member. */
static void check_match_body(Checker *ck, Node *ann)
{
    NodeList *toks = &ann->items;
    int first = toks->len == 2 && tok_is(toks->items[0], ".") ? 1 : 0;
    Binding *b = NULL;
    if (toks->len == first + 1 && tok_is_ident(toks->items[first]))
        b = env_lookup(first ? ck->global : ck->env, toks->items[first]->text);
    if (!b || !b->decl->ty || b->decl->ty->kind != T_MATCH_KIND)
        ERROR_AT(ck, body_at(ann), "the argument of '@match' must be a match_kind value");
}

/* P4Runtime `@pkginfo(key = value, ...)`: a non-empty list of key-value
 * pairs (spec "Bodies of Unstructured Annotations"). */
static void check_pkginfo_body(Checker *ck, Node *ann)
{
    NodeList *toks = &ann->items;
    bool ok = toks->len >= 3, expect_key = true;
    int depth = 0;
    for (int i = 0; ok && i < toks->len; i++) {
        Node *t = toks->items[i];
        if (expect_key) {
            ok = tok_is_ident(t) && i + 2 < toks->len && tok_is(toks->items[i + 1], "=");
            i++;
            expect_key = false;
        } else if (tok_is(t, "(") || tok_is(t, "[") || tok_is(t, "{")) {
            depth++;
        } else if (tok_is(t, ")") || tok_is(t, "]") || tok_is(t, "}")) {
            depth--;
        } else if (depth == 0 && tok_is(t, ",")) {
            expect_key = i + 1 < toks->len;
        }
    }
    if (!ok)
        ERROR_AT(ck, body_at(ann), "'@pkginfo' expects a list of key = value pairs");
}

/* P4Runtime `@p4runtime_translation(URI, T)`: T, the controller type, is
 * `string`, `bit<W>` or a width W, with W an integer literal. */
static bool translation_type_ok(NodeList *toks, int from)
{
    int n = toks->len - from;
    Node **t = toks->items + from;
    if (n == 1)
        return tok_is_int(t[0]) || tok_is(t[0], "string");
    return n == 4 && tok_is(t[0], "bit") && tok_is(t[1], "<") && tok_is_int(t[2]) &&
           tok_is(t[3], ">");
}

static void check_translation_body(Checker *ck, Node *ann)
{
    NodeList *toks = &ann->items;
    if (toks->len == 0 || toks->items[0]->text[0] != '"') {
        ERROR_AT(ck, body_at(ann), "the first argument of '@p4runtime_translation' must be "
                                   "a string");
        return;
    }
    if (toks->len == 1)
        return;
    if (!tok_is(toks->items[1], ",") || toks->len < 3 || !translation_type_ok(toks, 2))
        ERROR_AT(ck, toks->items[toks->len > 2 ? 2 : 1],
                 "the controller type of '@p4runtime_translation' must be 'string', "
                 "'bit<W>' or a width W");
}

/* Known unstructured annotations whose bodies have a fixed form. */
static void check_known_body(Checker *ck, Node *ann)
{
    if (ann->is_structured)
        return;
    if (strcmp(ann->name, "pkginfo") == 0)
        check_pkginfo_body(ck, ann);
    else if (!ann->has_args)
        return;
    else if (strcmp(ann->name, "match") == 0)
        check_match_body(ck, ann);
    else if (strcmp(ann->name, "p4runtime_translation") == 0)
        check_translation_body(ck, ann);
}

/* Spec "Control-plane API annotations", "Restrictions": at most one
 * @name or @hidden on an element. */
static void check_naming(Checker *ck, NodeList *annotations)
{
    Node *first = NULL;
    for (int i = 0; i < annotations->len; i++) {
        Node *ann = annotations->items[i];
        if (strcmp(ann->name, "name") != 0 && strcmp(ann->name, "hidden") != 0)
            continue;
        if (first) {
            ERROR_AT(ck, ann, "an element can have only one @name or @hidden annotation");
            diag_note(ck->diag, first->loc, "the first one is here");
            return;
        }
        first = ann;
    }
}

void check_annotations(Checker *ck, NodeList *annotations)
{
    check_naming(ck, annotations);
    for (int i = 0; i < annotations->len; i++) {
        Node *ann = annotations->items[i];
        for (int j = 0; j < i; j++) {
            Node *prev = annotations->items[j];
            if ((ann->is_structured || prev->is_structured) &&
                strcmp(prev->name, ann->name) == 0) {
                ERROR_AT(ck, ann, "annotation '@%s' is given twice; a structured annotation "
                                  "can be given only once", ann->name);
                diag_note(ck->diag, prev->loc, "the first one is here");
                break;
            }
        }
        if (ann->is_structured)
            check_structured(ck, ann);
        else if (takes_string(ann))
            check_string_body(ck, ann);
        else
            check_known_body(ck, ann);
    }
}

/* p4c's `@length(E)` on a header field: E may use the fields declared
 * before it (and names in scope), not later ones. */
static bool known_length_name(Checker *ck, const Node *owner, int index, const char *name)
{
    static const char *const keywords[] = {"bit", "int", "varbit", "bool", "true", "false"};
    for (size_t k = 0; k < sizeof keywords / sizeof *keywords; k++)
        if (strcmp(name, keywords[k]) == 0)
            return true;
    for (int i = 0; i < index; i++)
        if (strcmp(owner->items.items[i]->name, name) == 0)
            return true;
    return env_lookup(ck->env, name) != NULL;
}

void check_length_annotation(Checker *ck, const Node *owner, int index)
{
    const Node *f = owner->items.items[index];
    for (int i = 0; i < f->annotations.len; i++) {
        Node *ann = f->annotations.items[i];
        if (ann->is_structured || strcmp(ann->name, "length") != 0)
            continue;
        for (int j = 0; j < ann->items.len; j++) {
            Node *t = ann->items.items[j];
            bool member = j > 0 && tok_is(ann->items.items[j - 1], ".");
            if (tok_is_ident(t) && !member && !known_length_name(ck, owner, index, t->text)) {
                ERROR_AT(ck, t, "'%s' is not a field declared before this one", t->text);
                return;
            }
        }
    }
}
