/* The entries a program gives a table: the order its const entries match
 * in, and the priorities of its initial entries (spec "Entries" and
 * "Entry priorities"). */
#include "ir.h"

#include <gmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"

#define ENTRY_ERROR(ir, node, ...) diag_error((ir)->diag, (node)->loc, __VA_ARGS__)

/* The data plane compares priorities as 32-bit numbers. */
#define MAX_PRIORITY 4294967295ULL

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

static Node *table_property(const IrTable *t, const char *name)
{
    for (int i = 0; i < t->decl->items.len; i++) {
        Node *p = t->decl->items.items[i];
        if (p->kind == N_PROP_OTHER && p->name && strcmp(p->name, name) == 0)
            return p;
    }
    return NULL;
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

/* `@priority(N)` on const entries: p4c's annotation for BMv2, where the
 * smallest number wins and an entry without one has its position (1, 2,
 * ...) as its number. The spec orders const entries by the program alone;
 * a program that writes @priority asks for p4c's meaning. */
static bool order_by_annotation(IrProgram *ir, IrTable *t)
{
    unsigned long long *keys = arena_alloc(ir->arena, sizeof *keys * (size_t)(t->nentries + 1));
    bool any = false, ok = true;
    for (int e = 0; e < t->nentries; e++) {
        keys[e] = (unsigned long long)e + 1;
        const Node *decl = t->entries[e].decl;
        for (int i = 0; decl && i < decl->annotations.len; i++) {
            Node *a = decl->annotations.items[i];
            if (strcmp(a->name, "priority") != 0)
                continue;
            const char *text = a->items.len == 1 && a->items.items[0]->text
                                   ? a->items.items[0]->text : "";
            char *end;
            unsigned long long n = strtoull(text, &end, 0);
            if (end == text || *end || text[0] == '-' || n > MAX_PRIORITY) {
                ENTRY_ERROR(ir, a, "@priority takes a number from 0 to %llu", MAX_PRIORITY);
                ok = false;
            }
            keys[e] = n;
            any = true;
        }
    }
    if (any && ok)
        sort_entries(ir, t, keys);
    return ok;
}

/* Spec "Entry priorities": the priority of every initial entry, from the
 * ones given, `priority_delta` and `largest_priority_wins`; as the data
 * plane compares them (larger wins), P when the largest wins, else
 * 2^32 - 1 - P. */
static bool rank_entries(IrProgram *ir, IrTable *t)
{
    Node *largest = table_property(t, "largest_priority_wins");
    Node *delta_prop = table_property(t, "priority_delta");
    const ConstValue *lw = largest ? value_of(ir->arena, largest->expr) : NULL;
    const ConstValue *dv = delta_prop ? value_of(ir->arena, delta_prop->expr) : NULL;
    bool largest_wins = !lw || lw->kind != CV_BOOL || lw->boolean;
    bool given = false;
    for (int e = 0; e < t->nentries; e++)
        given = given || t->entries[e].priority;
    /* A delta that does not fit in 64 bits takes every priority it
     * derives out of range. */
    uint64_t delta = 1;
    bool huge_delta = false;
    if (dv && dv->kind == CV_INT && dv->digits[0] != '-' && strcmp(dv->digits, "0") != 0)
        huge_delta = !const_value_u64(dv, &delta);
    uint64_t p = 0;
    bool ok = true;
    for (int i = 0; i < t->nentries && ok; i++) {
        /* Without priorities the first entry wins: numbered from the last
         * one up when the largest wins, from the first one down otherwise. */
        int e = !given && largest_wins ? t->nentries - 1 - i : i;
        IrEntry *en = &t->entries[e];
        const ConstValue *v = en->priority ? value_of(ir->arena, en->priority) : NULL;
        /* What the priority is when it is out of range; sema reported
         * given priorities below zero. */
        const char *out = NULL;
        if (v && v->kind == CV_INT) {
            if (!const_value_u64(v, &p))
                out = strlen(v->digits) < 46 ? v->digits : "too large";
        }
        else if (i == 0)
            p = 1;
        else if (given && largest_wins) {
            /* P is the previous entry's, within range. */
            if (huge_delta || delta > p)
                out = huge_delta ? "below 0"
                                 : arena_printf(ir->arena, "-%llu", (unsigned long long)(delta - p));
            else
                p -= delta;
        }
        else if (huge_delta || delta > UINT64_MAX - p)
            out = "too large";
        else
            p += delta;
        if (!out && p > MAX_PRIORITY)
            out = arena_printf(ir->arena, "%llu", (unsigned long long)p);
        if (out) {
            ENTRY_ERROR(ir, en->priority ? en->priority : en->keyset,
                        "the priority of this entry is %s; the XDP backend's priorities go from "
                        "0 to %llu", out, MAX_PRIORITY);
            ok = false;
        }
        else
            en->rank = largest_wins ? p : MAX_PRIORITY - p;
    }
    return ok;
}

bool ir_order_entries(IrProgram *ir, IrTable *t)
{
    if (!t->nentries)
        return true;
    if (t->entries_const) {
        if (t->kind == TABLE_LPM)
            order_by_prefix(ir, t);
        else if (t->kind == TABLE_TERNARY)
            return order_by_annotation(ir, t);
        return true;
    }
    for (int e = 0; e < t->nentries; e++)
        for (int i = 0; t->entries[e].decl && i < t->entries[e].decl->annotations.len; i++)
            if (strcmp(t->entries[e].decl->annotations.items[i]->name, "priority") == 0)
                diag_warning(ir->diag, t->entries[e].decl->annotations.items[i]->loc,
                             "@priority is ignored here: p4c's annotation orders const entries; "
                             "these take their priority from 'priority='");
    return t->kind == TABLE_TERNARY ? rank_entries(ir, t) : true;
}
