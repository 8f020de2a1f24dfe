/* Control-plane names of table keys. The spec suggests names for simple
 * key expressions and leaves the rest to the compiler; p4cc follows p4c's
 * TableKeyNames: a name for each part that has one, joined as written, and
 * none for anything else (arithmetic, casts, calls), which then needs a
 * `@name` annotation. */
#include "key_name.h"

#include <string.h>

/* The string of a `@name("...")` among ANNOTATIONS, without quotes. */
static const char *name_annotation(Arena *arena, const NodeList *annotations)
{
    for (int i = 0; i < annotations->len; i++) {
        const Node *a = annotations->items[i];
        if (strcmp(a->name, "name") != 0 || a->is_structured || a->items.len != 1)
            continue;
        const char *t = a->items.items[0]->text;
        size_t n = strlen(t);
        if (n >= 2 && t[0] == '"')
            return arena_strndup(arena, t + 1, n - 2);
    }
    return NULL;
}

/* An integer literal as p4c prints a constant: in the base it was written
 * in, without a width. */
static const char *literal_name(Arena *arena, const Node *e)
{
    const char *prefix = e->int_lit.base == 16 ? "0x" : e->int_lit.base == 8 ? "0o"
                       : e->int_lit.base == 2 ? "0b" : "";
    return arena_printf(arena, "%s%s", prefix, e->int_lit.digits);
}

static const char *expr_name(Arena *arena, const Node *e)
{
    const char *a, *b, *c;
    switch (e->kind) {
    case N_NAME:
        return e->is_absolute ? arena_printf(arena, ".%s", e->name) : e->name;
    case N_INT:
        return literal_name(arena, e);
    case N_MEMBER: {
        if (e->expr->kind == N_TYPE_EXPR)
            return e->expr->type->kind == N_TYPE_NAME
                   ? arena_printf(arena, "%s.%s", e->expr->type->name, e->name) : NULL;
        /* A field's own @name replaces its name; an absolute one the path. */
        const char *field = e->ref && e->ref->kind == N_FIELD
                            ? name_annotation(arena, &e->ref->annotations) : NULL;
        if (field && field[0] == '.')
            return field + 1;
        a = expr_name(arena, e->expr);
        return a ? arena_printf(arena, "%s.%s", a, field ? field : e->name) : NULL;
    }
    case N_INDEX:
        a = expr_name(arena, e->expr);
        b = expr_name(arena, e->lhs);
        return a && b ? arena_printf(arena, "%s[%s]", a, b) : NULL;
    case N_SLICE:
        a = expr_name(arena, e->expr);
        b = expr_name(arena, e->lhs);
        c = expr_name(arena, e->rhs);
        return a && b && c ? arena_printf(arena, "%s[%s:%s]", a, b, c) : NULL;
    case N_BINARY:
        if (e->op != OP_BIT_AND)
            return NULL;
        a = expr_name(arena, e->lhs);
        b = expr_name(arena, e->rhs);
        return a && b ? arena_printf(arena, "%s & %s", a, b) : NULL;
    case N_CALL:
        if (e->expr->kind != N_MEMBER || strcmp(e->expr->name, "isValid") != 0 || e->args.len)
            return NULL;
        a = expr_name(arena, e->expr->expr);
        return a ? arena_printf(arena, "%s.isValid()", a) : NULL;
    default:
        return NULL;
    }
}

const char *key_control_plane_name(Arena *arena, const Node *el)
{
    const char *anno = name_annotation(arena, &el->annotations);
    return anno ? anno : expr_name(arena, el->expr);
}
