/* The entries a program gives a table: the order its const entries match
 * in (spec "Entries" and "Entry priorities"). */
#include "ir.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

Node *ir_entry_key(const IrTable *t, const IrEntry *e, int k)
{
    Node *ks = e->keyset;
    if (ks->kind == N_TUPLE_KEYSET && t->keys[k].pos < ks->items.len)
        return ks->items.items[t->keys[k].pos];
    return ks;   /* one key, or `default` and `_` for all of them */
}

static const ConstValue *value_of(Arena *arena, Node *e)
{
    return e->value ? e->value : fold_constant(arena, e);
}

typedef struct Ranked {
    IrEntry entry;
    unsigned long long key;   /* sorted ascending */
    int index;                /* the entry's place in the program: ties */
} Ranked;

static int compare_ranked(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Sorts T's entries by KEYS (ascending, program order among equals). */
static void sort_entries(IrProgram *ir, IrTable *t, const unsigned long long *keys)
{
    Ranked *r = arena_alloc(ir->arena, sizeof *r * (size_t)(t->nentries + 1));
    for (int e = 0; e < t->nentries; e++)
        r[e] = (Ranked){t->entries[e], keys[e], e};
    qsort(r, (size_t)t->nentries, sizeof *r, compare_ranked);
    for (int e = 0; e < t->nentries; e++)
        t->entries[e] = r[e].entry;
}

/* The prefix length of lpm key component C of WIDTH bits: a value is the
 * whole width, `_` none, a mask its ones (sema checked it is a prefix). */
static int prefix_length(IrProgram *ir, Node *c, int width)
{
    if (c->kind == N_DEFAULT || c->kind == N_DONTCARE)
        return 0;
    if (c->kind != N_MASK)
        return width;
    const ConstValue *m = value_of(ir->arena, c->rhs);
    if (!m || m->kind != CV_INT)
        return width;
    mpz_t v;
    mpz_init_set_str(v, m->digits, 10);
    mpz_fdiv_r_2exp(v, v, (mp_bitcnt_t)width);
    int len = mpz_sgn(v) == 0 ? 0 : width - (int)mpz_scan1(v, 0);
    mpz_clear(v);
    return len;
}

/* An lpm table (exact fields and one lpm field): the longest prefix wins,
 * whatever the order of the entries (spec "Entry priorities"). */
static void order_by_prefix(IrProgram *ir, IrTable *t)
{
    int k = t->nkeys - 1;   /* lowering put the lpm field last */
    unsigned long long *keys = arena_alloc(ir->arena, sizeof *keys * (size_t)(t->nentries + 1));
    for (int e = 0; e < t->nentries; e++)
        keys[e] = (unsigned long long)(t->keys[k].width -
                                       prefix_length(ir, ir_entry_key(t, &t->entries[e], k),
                                                     t->keys[k].width));
    sort_entries(ir, t, keys);
}

bool ir_order_entries(IrProgram *ir, IrTable *t)
{
    if (t->entries_const && t->kind == TABLE_LPM)
        order_by_prefix(ir, t);
    return true;
}
