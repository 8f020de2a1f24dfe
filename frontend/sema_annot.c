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
           (strcmp(ann->name, "name") == 0 || strcmp(ann->name, "deprecated") == 0);
}

void check_annotations(Checker *ck, NodeList *annotations)
{
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
    }
}
