/* Construction, comparison and printing of semantic types. */
#include "types.h"

#include <string.h>

Type *type_new(Arena *arena, TypeKind kind)
{
    Type *t = ARENA_NEW(arena, Type);
    t->kind = kind;
    t->size = -1;
    return t;
}

Type *type_copy(Arena *arena, const Type *t)
{
    Type *copy = ARENA_NEW(arena, Type);
    *copy = *t;
    copy->has_typevar = 0;
    return copy;
}

Type *type_bits(Arena *arena, int width, bool is_signed)
{
    Type *t = type_new(arena, T_BITS);
    t->width = width;
    t->is_signed = is_signed;
    return t;
}

/* Types without parts are shared; they are never modified. */
static Type simple_types[] = {
    [T_UNKNOWN] = {.kind = T_UNKNOWN, .size = -1},
    [T_VOID] = {.kind = T_VOID, .size = -1},
    [T_BOOL] = {.kind = T_BOOL, .size = -1},
    [T_STRING] = {.kind = T_STRING, .size = -1},
    [T_INT] = {.kind = T_INT, .size = -1},
    [T_ERROR] = {.kind = T_ERROR, .size = -1},
    [T_MATCH_KIND] = {.kind = T_MATCH_KIND, .size = -1},
    [T_DONTCARE] = {.kind = T_DONTCARE, .size = -1},
    [T_STATE] = {.kind = T_STATE, .size = -1},
    [T_APPLY_RESULT] = {.kind = T_APPLY_RESULT, .size = -1},
};

Type *type_simple(TypeKind kind)
{
    if ((size_t)kind < sizeof simple_types / sizeof simple_types[0] &&
        simple_types[kind].kind == kind)
        return &simple_types[kind];
    return &simple_types[T_UNKNOWN];
}

Type *type_unknown(void)
{
    return &simple_types[T_UNKNOWN];
}

static bool lists_equal(const TypeList *a, const TypeList *b)
{
    if (a->len != b->len)
        return false;
    for (int i = 0; i < a->len; i++)
        if (!type_equal(a->items[i], b->items[i]))
            return false;
    return true;
}

static bool fields_equal(const Type *a, const Type *b)
{
    if (a->nfields != b->nfields)
        return false;
    for (int i = 0; i < a->nfields; i++)
        if (strcmp(a->fields[i].name, b->fields[i].name) != 0 ||
            !type_equal(a->fields[i].type, b->fields[i].type))
            return false;
    return true;
}

static bool params_equal(const Type *a, const Type *b)
{
    if (a->nparams != b->nparams)
        return false;
    for (int i = 0; i < a->nparams; i++)
        if (a->params[i].dir != b->params[i].dir ||
            !type_equal(a->params[i].type, b->params[i].type))
            return false;
    return true;
}

bool type_equal(const Type *a, const Type *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case T_UNKNOWN: case T_VOID: case T_BOOL: case T_STRING: case T_INT: case T_ERROR:
    case T_MATCH_KIND: case T_DONTCARE: case T_STATE: case T_APPLY_RESULT:
        return true;
    case T_BITS:
        return a->width == b->width && a->is_signed == b->is_signed;
    case T_VARBIT:
        return a->width == b->width;
    case T_STACK:
        return a->size == b->size && type_equal(a->base, b->base);
    case T_TUPLE: case T_LIST_EXPR:
        return lists_equal(&a->args, &b->args);
    case T_LIST: case T_SET: case T_TYPE:
        return type_equal(a->base, b->base);
    case T_STRUCT_EXPR:
        return fields_equal(a, b);
    case T_HEADER: case T_STRUCT: case T_UNION: case T_EXTERN:
        return a->decl == b->decl && lists_equal(&a->args, &b->args);
    case T_ENUM: case T_SERENUM: case T_NEWTYPE: case T_TYPEVAR: case T_TABLE:
    case T_ACTION_ENUM: case T_ACTION:
        return a->decl == b->decl;
    case T_PARSER: case T_CONTROL: case T_PACKAGE:
        return a->decl == b->decl && lists_equal(&a->args, &b->args) && params_equal(a, b);
    case T_FUNCTION:
        return a->decl == b->decl && params_equal(a, b) && type_equal(a->ret, b->ret);
    }
    return false;
}

bool type_is_integer(const Type *t)
{
    return t->kind == T_INT || t->kind == T_BITS;
}

bool type_is_numeric(const Type *t)
{
    return type_is_integer(t) || t->kind == T_SERENUM;
}

bool type_is_header_like(const Type *t)
{
    return t->kind == T_HEADER || t->kind == T_UNION;
}

bool type_is_struct_like(const Type *t)
{
    return t->kind == T_STRUCT || t->kind == T_HEADER || t->kind == T_UNION;
}

const Field *type_field(const Type *t, const char *name)
{
    for (int i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

int type_width_bits(const Type *t)
{
    if (!t)
        return -1;
    switch (t->kind) {
    case T_BITS:
        return t->width;
    case T_BOOL:
        return 1;
    case T_SERENUM: case T_NEWTYPE:
        return t->base ? type_width_bits(t->base) : -1;
    default:
        return -1;
    }
}

/* A growable string in the arena, for type_name. */
typedef struct Text {
    Arena *arena;
    char *buf;
    size_t len, cap;
} Text;

static void put(Text *text, const char *s)
{
    size_t n = strlen(s);
    if (text->len + n + 1 > text->cap) {
        size_t cap = (text->len + n + 1) * 2;
        text->buf = arena_realloc(text->arena, text->buf, text->cap, cap);
        text->cap = cap;
    }
    memcpy(text->buf + text->len, s, n + 1);
    text->len += n;
}

static void put_type(Text *text, const Type *t);

static void put_list(Text *text, const TypeList *list)
{
    for (int i = 0; i < list->len; i++) {
        if (i)
            put(text, ", ");
        put_type(text, list->items[i]);
    }
}

static void put_type(Text *text, const Type *t)
{
    char num[32];
    switch (t->kind) {
    case T_UNKNOWN: put(text, "<unknown>"); break;
    case T_VOID: put(text, "void"); break;
    case T_BOOL: put(text, "bool"); break;
    case T_STRING: put(text, "string"); break;
    case T_INT: put(text, "int"); break;
    case T_ERROR: put(text, "error"); break;
    case T_MATCH_KIND: put(text, "match_kind"); break;
    case T_DONTCARE: put(text, "_"); break;
    case T_STATE: put(text, "state"); break;
    case T_APPLY_RESULT: put(text, "apply result"); break;
    case T_BITS:
        snprintf(num, sizeof num, "%s<%d>", t->is_signed ? "int" : "bit", t->width);
        put(text, num);
        break;
    case T_VARBIT:
        snprintf(num, sizeof num, "varbit<%d>", t->width);
        put(text, num);
        break;
    case T_STACK:
        put_type(text, t->base);
        if (t->size >= 0)
            snprintf(num, sizeof num, "[%d]", t->size);
        else
            snprintf(num, sizeof num, "[]");
        put(text, num);
        break;
    case T_TUPLE:
        put(text, "tuple<");
        put_list(text, &t->args);
        put(text, ">");
        break;
    case T_LIST:
        put(text, "list<");
        put_type(text, t->base);
        put(text, ">");
        break;
    case T_LIST_EXPR:
        put(text, "list expression {");
        put_list(text, &t->args);
        put(text, "}");
        break;
    case T_STRUCT_EXPR:
        put(text, "struct expression {");
        for (int i = 0; i < t->nfields; i++) {
            put(text, i ? ", " : "");
            put(text, t->fields[i].name);
            put(text, ": ");
            put_type(text, t->fields[i].type);
        }
        put(text, "}");
        break;
    case T_SET:
        put(text, "set<");
        put_type(text, t->base);
        put(text, ">");
        break;
    case T_TYPE:
        put(text, "type ");
        put_type(text, t->base);
        break;
    case T_ACTION_ENUM:
        put(text, "action_run of ");
        put(text, t->name ? t->name : "table");
        break;
    case T_HEADER: case T_STRUCT: case T_UNION: case T_EXTERN: case T_PARSER:
    case T_CONTROL: case T_PACKAGE:
        put(text, t->name ? t->name : "<anonymous>");
        if (t->args.len) {
            put(text, "<");
            put_list(text, &t->args);
            put(text, ">");
        }
        break;
    case T_ENUM: case T_SERENUM: case T_NEWTYPE: case T_TYPEVAR: case T_TABLE:
    case T_ACTION: case T_FUNCTION:
        put(text, t->name ? t->name : "<anonymous>");
        break;
    }
}

const char *type_name(Arena *arena, const Type *t)
{
    Text text = {.arena = arena};
    put(&text, "");
    put_type(&text, t);
    return text.buf;
}

static bool contains_typevar(const Type *t);

/* Memoized: large struct types are asked about again and again. */
bool type_contains_typevar(const Type *t)
{
    if (!t)
        return false;
    if (t->has_typevar == 0)
        ((Type *)t)->has_typevar = contains_typevar(t) ? 1 : -1;
    return t->has_typevar > 0;
}

static bool contains_typevar(const Type *t)
{
    switch (t->kind) {
    case T_TYPEVAR:
        return true;
    case T_STACK: case T_LIST: case T_SET: case T_TYPE:
        return type_contains_typevar(t->base);
    default:
        break;
    }
    for (int i = 0; i < t->args.len; i++)
        if (type_contains_typevar(t->args.items[i]))
            return true;
    for (int i = 0; i < t->nfields; i++)
        if (type_contains_typevar(t->fields[i].type))
            return true;
    for (int i = 0; i < t->nparams; i++)
        if (type_contains_typevar(t->params[i].type))
            return true;
    return t->ret && type_contains_typevar(t->ret);
}

Type *type_substitute(Arena *arena, Node *const *vars, Type *const *types, int n, Type *t)
{
    if (!t || n == 0 || !type_contains_typevar(t))
        return t;
    if (t->kind == T_TYPEVAR) {
        for (int i = 0; i < n; i++)
            if (vars[i] == t->decl)
                return types[i] ? types[i] : t;
        return t;
    }
    Type *copy = type_copy(arena, t);
    copy->base = type_substitute(arena, vars, types, n, t->base);
    copy->ret = type_substitute(arena, vars, types, n, t->ret);
    if (t->args.len) {
        copy->args.items = arena_alloc(arena, sizeof(Type *) * (size_t)t->args.len);
        for (int i = 0; i < t->args.len; i++)
            copy->args.items[i] = type_substitute(arena, vars, types, n, t->args.items[i]);
    }
    if (t->nfields) {
        copy->fields = arena_alloc(arena, sizeof(Field) * (size_t)t->nfields);
        for (int i = 0; i < t->nfields; i++) {
            copy->fields[i] = t->fields[i];
            copy->fields[i].type = type_substitute(arena, vars, types, n, t->fields[i].type);
        }
    }
    if (t->nparams) {
        copy->params = arena_alloc(arena, sizeof(Param) * (size_t)t->nparams);
        for (int i = 0; i < t->nparams; i++) {
            copy->params[i] = t->params[i];
            copy->params[i].type = type_substitute(arena, vars, types, n, t->params[i].type);
        }
    }
    return copy;
}
