/* The methods of the core library's packet_in and packet_out (spec "Data
 * extraction", "Data insertion into packets"): what they may extract,
 * look ahead at and emit, and where they may be called. */
#include "sema_internal.h"

#include <string.h>

/* Unknown, or a type parameter of a generic caller (bound per use). */
static bool is_unknown(const Type *t)
{
    return !t || t->kind == T_UNKNOWN || t->kind == T_TYPEVAR;
}

static int varbit_fields(const Type *t)
{
    int n = 0;
    for (int i = 0; i < t->nfields; i++)
        n += t->fields[i].type->kind == T_VARBIT;
    return n;
}

/* Spec "Lookahead": a type with a fixed width (p4c: no varbit fields and
 * no header unions, whose width depends on which member is valid). */
static bool fixed_width(const Type *t)
{
    switch (t->kind) {
    case T_BITS: case T_BOOL: case T_SERENUM: case T_UNKNOWN: case T_TYPEVAR:
        return true;
    case T_NEWTYPE: case T_STACK:
        return t->base && fixed_width(t->base);
    case T_HEADER: case T_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (!fixed_width(t->fields[i].type))
                return false;
        return true;
    case T_TUPLE:
        for (int i = 0; i < t->args.len; i++)
            if (!fixed_width(t->args.items[i]))
                return false;
        return true;
    default:
        return false;
    }
}

/* The type a method's type parameter T stands for at CALL: its type
 * argument, else the type of argument I, which T is inferred from. */
static Type *type_argument(Node *call, int i)
{
    if (call->type_args.len == 1)
        return call->type_args.items[0]->ty;
    return i < call->args.len ? call->args.items[i]->ty : NULL;
}

/* extract's target: a header; the one-argument form for headers of fixed
 * size, the two-argument form for headers with exactly one varbit field. */
static bool check_extract(Checker *ck, Node *call)
{
    Type *t = type_argument(call, 0);
    Node *at = call->args.len ? call->args.items[0] : call;
    if (is_unknown(t))
        return true;
    if (t->kind != T_HEADER) {
        ERROR_AT(ck, at, "extract needs a header, not '%s'", TYPE_NAME(ck, t));
        return false;
    }
    int varbits = varbit_fields(t);
    if (varbits && call->args.len == 1) {
        ERROR_AT(ck, at, "header '%s' has a varbit field: extract it with the two-argument "
                         "extract, which takes the field's size in bits", t->name);
        return false;
    }
    if (varbits != 1 && call->args.len == 2) {
        ERROR_AT(ck, at, "the two-argument extract needs a header with exactly one varbit "
                         "field, and '%s' has %d", t->name, varbits);
        return false;
    }
    return true;
}

static bool check_lookahead(Checker *ck, Node *call)
{
    Type *t = call->ty;
    if (is_unknown(t) || fixed_width(t))
        return true;
    ERROR_AT(ck, call->type_args.len ? call->type_args.items[0] : call,
             "lookahead needs a type of fixed width, not '%s'", TYPE_NAME(ck, t));
    return false;
}

/* Spec "Data insertion into packets": headers, header unions, arrays and
 * header stacks, and structs and tuples of those; no base types, enums or
 * errors (p4c takes any array). */
static bool emittable(const Type *t)
{
    switch (t->kind) {
    case T_HEADER: case T_UNION: case T_STACK: case T_UNKNOWN: case T_TYPEVAR:
        return true;
    case T_STRUCT: case T_STRUCT_EXPR:
        for (int i = 0; i < t->nfields; i++)
            if (!emittable(t->fields[i].type))
                return false;
        return true;
    case T_TUPLE: case T_LIST_EXPR:
        for (int i = 0; i < t->args.len; i++)
            if (!emittable(t->args.items[i]))
                return false;
        return true;
    default:
        return false;
    }
}

static bool check_emit(Checker *ck, Node *call)
{
    Type *t = type_argument(call, 0);
    if (is_unknown(t) || emittable(t))
        return true;
    ERROR_AT(ck, call->args.len ? call->args.items[0] : call,
             "emit takes headers, header unions, header stacks, and structs and tuples of them, "
             "not '%s'", TYPE_NAME(ck, t));
    return false;
}

/* After the call itself checked. */
bool check_packet_method(Checker *ck, Node *call, Node *ext, Node *method)
{
    const char *m = method->name;
    if (strcmp(ext->name, "packet_out") == 0)
        return strcmp(m, "emit") != 0 || check_emit(ck, call);
    if (strcmp(ext->name, "packet_in") != 0)
        return true;
    bool parses = strcmp(m, "extract") == 0 || strcmp(m, "lookahead") == 0 ||
                  strcmp(m, "advance") == 0;
    if (parses && !ck->parser) {
        /* They can fail, which only a parser can handle (reject). */
        ERROR_AT(ck, call, "'%s' of packet_in can only be called in a parser", m);
        return false;
    }
    if (strcmp(m, "extract") == 0)
        return check_extract(ck, call);
    if (strcmp(m, "lookahead") == 0)
        return check_lookahead(ck, call);
    return true;
}
