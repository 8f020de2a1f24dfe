/* C declarations for P4 types: headers and structs as C structs (a header
 * has a valid flag), fixed-width values in the smallest unsigned integer
 * that holds them, enums and errors as constants. */
#include "emit.h"

#include <string.h>

#include "constvalue.h"

static const char *const c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while", "u8", "u16", "u32", "u64", "s8", "s16",
    "s32", "s64", "bool", "true", "false", "ctx", "st", "data", "data_end",
};

const char *c_ident(Emitter *em, const char *name)
{
    for (size_t i = 0; i < sizeof c_keywords / sizeof c_keywords[0]; i++)
        if (strcmp(name, c_keywords[i]) == 0)
            return arena_printf(em->arena, "%s_", name);
    return ir_c_identifier(em->arena, name);
}

int c_container_bits(int width)
{
    if (width <= 8)
        return 8;
    if (width <= 16)
        return 16;
    if (width <= 32)
        return 32;
    if (width <= 64)
        return 64;
    return 0;
}

int value_width(const Type *t)
{
    int w = type_width_bits(t);
    return w > 0 ? w : 0;
}

bool c_is_struct(const Type *t)
{
    return type_is_struct_like(t) || t->kind == T_TUPLE;
}

/* A specialized generic struct is named after its type arguments. */
static const char *c_struct_name(Emitter *em, const Type *t)
{
    return c_ident(em, t->args.len ? type_name(em->arena, t) : t->name);
}

const char *c_type(Emitter *em, const Type *t)
{
    switch (t->kind) {
    case T_BOOL:
        return "u8";
    case T_BITS: {
        int bits = c_container_bits(t->width);
        if (!bits)
            return NULL;
        return arena_printf(em->arena, "%s%d", t->is_signed ? "s" : "u", bits);
    }
    case T_SERENUM: case T_NEWTYPE:
        return t->base ? c_type(em, t->base) : NULL;
    case T_ENUM: case T_ERROR: case T_MATCH_KIND:
        return "u32";
    case T_HEADER: case T_STRUCT: case T_UNION:
        return arena_printf(em->arena, "struct %s", c_struct_name(em, t));
    case T_TUPLE:
        /* A struct with a field per element: f0, f1, ... */
        for (int i = 0; i < t->args.len; i++) {
            const Type *e = t->args.items[i];
            bool stack = e->kind == T_STACK && e->base && c_type(em, e->base);
            if (!c_type(em, e) && !stack && value_width(e) <= 64)
                return NULL;
        }
        return arena_printf(em->arena, "struct p4cc_%s", c_ident(em, type_name(em->arena, t)));
    default:
        return NULL;
    }
}

/* An array of scalars (`bit<8>[16]`), which a header may hold: its
 * elements in order in the packet. */
static bool scalar_array(const Type *t)
{
    return t && t->kind == T_STACK && t->base && t->size > 0 && t->base->kind != T_HEADER &&
           t->base->kind != T_STRUCT && t->base->kind != T_VARBIT && value_width(t->base) > 0;
}

int packed_bits(const Type *t)
{
    if (scalar_array(t))
        return t->size * value_width(t->base);
    if (!t || t->kind != T_STRUCT)
        return value_width(t);
    int total = 0;
    for (int i = 0; i < t->nfields; i++)
        total += packed_bits(t->fields[i].type);
    return total;
}

/* Bits a header occupies in the packet. */
int header_size_bits(const Type *t)
{
    int total = 0;
    for (int i = 0; i < t->nfields; i++)
        total += packed_bits(t->fields[i].type);
    return total;
}

typedef struct Leaves {
    Emitter *em;
    HeaderLeaf *items;
    int len, cap;
} Leaves;

static void add_leaves(Leaves *l, const Type *t, const char *member, const char *field, int *bit)
{
    if (scalar_array(t)) {
        for (int i = 0; i < t->size; i++)
            add_leaves(l, t->base, arena_printf(l->em->arena, "%s[%d]", member, i), field, bit);
        return;
    }
    if (t->kind == T_STRUCT) {
        for (int i = 0; i < t->nfields; i++)
            add_leaves(l, t->fields[i].type,
                       arena_printf(l->em->arena, "%s.%s", member, c_ident(l->em, t->fields[i].name)),
                       field, bit);
        return;
    }
    if (l->len == l->cap) {
        l->cap = 2 * l->cap + 8;
        HeaderLeaf *grown = arena_alloc(l->em->arena, sizeof(HeaderLeaf) * (size_t)l->cap);
        if (l->len)
            memcpy(grown, l->items, sizeof(HeaderLeaf) * (size_t)l->len);
        l->items = grown;
    }
    l->items[l->len++] = (HeaderLeaf){member, field, t, *bit};
    *bit += value_width(t);
}

int header_leaves(Emitter *em, const Type *h, HeaderLeaf **out)
{
    Leaves l = {em, NULL, 0, 0};
    int bit = 0;
    for (int i = 0; i < h->nfields; i++)
        add_leaves(&l, h->fields[i].type, c_ident(em, h->fields[i].name), h->fields[i].name, &bit);
    *out = l.items;
    return l.len;
}

const char *c_declaration(Emitter *em, const Type *t, const char *name)
{
    const char *ct = c_type(em, t);
    if (ct)
        return arena_printf(em->arena, "%s %s", ct, name);
    if (value_width(t) > 64)   /* a byte array, see emit_wide.c */
        return arena_printf(em->arena, "u8 %s[%d]", name, bytes_of_bits(value_width(t)));
    if (t->kind == T_STACK && t->base && c_type(em, t->base) && t->size > 0)
        return arena_printf(em->arena, "%s %s[%d]; u32 %s_next", c_type(em, t->base), name,
                            t->size, name);
    return NULL;
}

/* One field of a struct being declared: wide and variable-size ones are
 * kept as bytes, operations on them reported where the program uses them. */
static void emit_field(Emitter *em, const char *name, const Type *ft)
{
    const char *ct = c_type(em, ft);
    if (ct) {
        fprintf(em->out, "    %s %s;\n", ct, name);
    } else if (ft->kind == T_STACK && ft->base && c_type(em, ft->base) && ft->size >= 0) {
        /* A header stack: its elements and the index `next` refers to. */
        fprintf(em->out, "    %s %s[%d];\n    u32 %s_next;\n", c_type(em, ft->base), name,
                ft->size > 0 ? ft->size : 1, name);
    } else {
        int bits = ft->kind == T_BITS || ft->kind == T_VARBIT ? ft->width : 8;
        fprintf(em->out, "    u8 %s[%d];\n", name, bytes_of_bits(bits));
        if (ft->kind == T_VARBIT)
            fprintf(em->out, "    u32 %s_bits;\n", name);
    }
}

static void emit_struct(Emitter *em, const Type *t)
{
    if (!t)
        return;
    if (t->kind == T_TUPLE) {
        fprintf(em->out, "%s {\n", c_type(em, t));
        for (int i = 0; i < t->args.len; i++)
            emit_field(em, arena_printf(em->arena, "f%d", i), t->args.items[i]);
        if (t->args.len == 0)
            fputs("    u8 empty_;\n", em->out);
        fputs("};\n\n", em->out);
        return;
    }
    fprintf(em->out, "struct %s {\n", c_struct_name(em, t));
    for (int i = 0; i < t->nfields; i++)
        emit_field(em, c_ident(em, t->fields[i].name), t->fields[i].type);
    if (t->kind == T_HEADER)
        fputs("    u8 ebpf_valid;\n", em->out);
    if (t->nfields == 0 && t->kind != T_HEADER)
        fputs("    u8 empty_;\n", em->out);
    fputs("};\n\n", em->out);
}

/* The structs declared so far: C needs a struct's field types first.
 * Plain structs are declared before use in P4 too; a specialized generic
 * one is declared before the first struct that holds it. */
typedef struct Emitted {
    const Type **items;
    int len, cap;
} Emitted;

static void emit_struct_once(Emitter *em, Emitted *done, const Type *t)
{
    if (!t)
        return;
    if (t->kind == T_STACK) {
        emit_struct_once(em, done, t->base);
        return;
    }
    bool tuple = t->kind == T_TUPLE;
    if ((!type_is_struct_like(t) && !(tuple && c_type(em, t))) || type_contains_typevar(t))
        return;
    for (int i = 0; i < done->len; i++)
        if (type_equal(done->items[i], t))
            return;
    for (int i = 0; i < (tuple ? t->args.len : t->nfields); i++)
        emit_struct_once(em, done, tuple ? t->args.items[i] : t->fields[i].type);
    if (done->len == done->cap) {
        done->cap = 2 * done->cap + 16;
        const Type **grown = arena_alloc(em->arena, sizeof(Type *) * (size_t)done->cap);
        if (done->len)
            memcpy(grown, done->items, sizeof(Type *) * (size_t)done->len);
        done->items = grown;
    }
    done->items[done->len++] = t;
    emit_struct(em, t);
}

typedef struct TupleSearch {
    Emitter *em;
    Emitted *done;
} TupleSearch;

static bool declare_tuples(Node *n, void *ctx)
{
    TupleSearch *ts = ctx;
    if (n->ty && n->ty->kind == T_TUPLE)
        emit_struct_once(ts->em, ts->done, n->ty);
    return true;
}

static void emit_enum(Emitter *em, Node *decl)
{
    Type *t = decl->ty;
    fprintf(em->out, "enum {\n");
    for (int i = 0; i < decl->items.len; i++) {
        Node *m = decl->items.items[i];
        const char *value = NULL;
        if (m->expr && m->expr->value && m->expr->value->kind == CV_INT)
            value = m->expr->value->digits;
        if (value)
            fprintf(em->out, "    %s_%s = %s,\n", c_ident(em, t->name), m->name, value);
        else
            fprintf(em->out, "    %s_%s = %d,\n", c_ident(em, t->name), m->name, i);
    }
    fputs("};\n\n", em->out);
}

void emit_types(Emitter *em)
{
    fputs("/* error codes */\nenum {\n", em->out);
    for (int i = 0; i < em->ir->errors.len; i++)
        fprintf(em->out, "    error_%s = %d,\n", em->ir->errors.items[i]->name, i);
    fputs("};\n\n", em->out);
    const TypeList *inst = &em->ir->type_instances;
    Emitted done = {0};
    for (int i = 0; i < em->ir->types.len; i++) {
        Node *d = em->ir->types.items[i];
        if (d->kind == N_ENUM)
            emit_enum(em, d);
        else
            emit_struct_once(em, &done, d->ty);
    }
    for (int i = 0; i < inst->len; i++)
        emit_struct_once(em, &done, inst->items[i]);
    /* Tuples have no declaration: each one the code uses, once. */
    TupleSearch ts = {em, &done};
    AstWalker w = {.pre = declare_tuples, .ctx = &ts};
    for (int i = 0; i < em->ir->nblocks; i++)
        ast_walk(em->ir->blocks[i].decl, &w);
    for (int i = 0; i < em->ir->ninstances; i++)
        ast_walk(em->ir->instances[i]->control, &w);
    for (int i = 0; i < em->ir->functions.len; i++)
        ast_walk(em->ir->functions.items[i], &w);
    for (int i = 0; i < em->ir->nactions; i++)
        ast_walk(em->ir->actions[i]->decl, &w);
}
