/* Places: the storage an l-value names, as a root and a path of fields
 * and constant indexes below it (ir.h, IrPlace). The analyses that ask
 * "is this the same header?" or "does this write touch what that reads?"
 * compare places, never generated C: a place exists before any C name
 * for its declaration does, and the parameters of different blocks that
 * share one part of the per-packet state (the parser's `out H hdr`, the
 * control's `inout H hdr`, the deparser's `in H hdr`) are one root. */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

/* The slot of the per-packet state that DECL, a block's parameter, lives
 * in (IrBlock.slots), or NULL when DECL is not one (or is the packet). */
static const char *block_slot(const IrProgram *ir, const Node *decl)
{
    if (decl->kind != N_PARAM)
        return NULL;
    for (int b = 0; b < ir->nblocks; b++)
        for (int i = 0; i < ir->blocks[b].params.len; i++)
            if (ir->blocks[b].params.items[i] == decl)
                return ir->blocks[b].slots[i];
    return NULL;
}

void ir_place_root(const IrProgram *ir, const Node *decl, IrPlace *out)
{
    *out = (IrPlace){.decl = decl, .slot = block_slot(ir, decl)};
}

/* The index of N_INDEX E when it is a constant (a stack element or a
 * tuple element), in *INDEX. */
static bool constant_index(const Node *e, long long *index)
{
    uint64_t v;
    if (!const_u64(e->lhs, &v) || v > LLONG_MAX)
        return false;
    *index = (long long)v;
    return true;
}

/* Whether member E names a field of its struct, header or union (not a
 * stack's next or last, a table's hit, an enum's member or a method). */
static bool is_field(const Node *e)
{
    const Type *t = e->expr->ty;
    return e->expr->kind != N_TYPE_EXPR && t && type_is_struct_like(t) && type_field(t, e->name);
}

bool ir_place_of(const IrProgram *ir, const Node *lvalue, IrPlace *out)
{
    int len = 0;
    const Node *n = lvalue;
    for (;; n = n->expr, len++) {
        long long index;
        if (n->kind == N_MEMBER && is_field(n))
            continue;
        if (n->kind == N_INDEX && n->expr->ty &&
            (n->expr->ty->kind == T_STACK || n->expr->ty->kind == T_TUPLE) &&
            constant_index(n, &index))
            continue;
        break;
    }
    if (n->kind != N_NAME || !n->ref)
        return false;
    ir_place_root(ir, n->ref, out);
    if (!len)
        return true;
    IrPlaceStep *steps = arena_alloc(ir->arena, sizeof *steps * (size_t)len);
    int i = len;
    for (n = lvalue; i > 0; n = n->expr) {
        IrPlaceStep *s = &steps[--i];
        if (n->kind == N_MEMBER)
            *s = (IrPlaceStep){.field = n->name};
        else
            constant_index(n, &s->index);
    }
    out->steps = steps;
    out->len = len;
    return true;
}

static bool same_root(const IrPlace *a, const IrPlace *b)
{
    if (a->slot || b->slot)
        return a->slot && b->slot && strcmp(a->slot, b->slot) == 0;
    return a->decl == b->decl;
}

static bool same_step(const IrPlaceStep *a, const IrPlaceStep *b)
{
    if (a->field || b->field)
        return a->field && b->field && strcmp(a->field, b->field) == 0;
    return a->index == b->index;
}

bool ir_place_within(const IrPlace *inner, const IrPlace *outer)
{
    if (inner->len < outer->len || !same_root(inner, outer))
        return false;
    for (int i = 0; i < outer->len; i++)
        if (!same_step(&inner->steps[i], &outer->steps[i]))
            return false;
    return true;
}

bool ir_place_equal(const IrPlace *a, const IrPlace *b)
{
    return a->len == b->len && ir_place_within(a, b);
}

bool ir_places_overlap(const IrPlace *a, const IrPlace *b)
{
    return ir_place_within(a, b) || ir_place_within(b, a);
}

const char *ir_place_text(Arena *arena, const IrPlace *p)
{
    const char *s = p->slot ? arena_printf(arena, "state.%s", p->slot)
                            : p->decl->name ? p->decl->name : "?";
    for (int i = 0; i < p->len; i++)
        s = p->steps[i].field ? arena_printf(arena, "%s.%s", s, p->steps[i].field)
                              : arena_printf(arena, "%s[%lld]", s, p->steps[i].index);
    return s;
}

void ir_place_list_add(Arena *arena, IrPlaceList *list, const IrPlace *p)
{
    if (list->len == list->room) {
        size_t old = (size_t)list->room;
        list->room = list->room ? 2 * list->room : 8;
        list->items = arena_realloc(arena, list->items, sizeof *list->items * old,
                                    sizeof *list->items * (size_t)list->room);
    }
    list->items[list->len++] = *p;
}

int ir_place_list_find(const IrPlaceList *list, const IrPlace *p)
{
    for (int i = 0; i < list->len; i++)
        if (ir_place_equal(&list->items[i], p))
            return i;
    return -1;
}
