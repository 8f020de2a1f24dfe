/* Tuple-space search tables, control-plane side; see internal.h ("ternary
 * tables") and docs/RUNTIME.md ("Ternary tables"). */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The header map's one value, as the program reads it. */
typedef struct p4cc_tss_header Header;

/* Offsets in a mask record and in the hash map's key and value. */
enum { REC_PRIO = 0, REC_ID = 4, REC_REFS = 8, REC_MASK = 16, TKEY_KEY = 8, TVAL_VALUE = 8 };

#define BATCH 1024u

/* What one operation reads first: the header, the current mask list and
 * the slots in use. */
typedef struct {
    const P4iTable *t;
    const TssMaps *m;
    Header h;
    uint8_t *recs; /* h.count[h.active] records of mask_size bytes */
    uint32_t nrecs;
    uint8_t *slots; /* h.nslots slots of slot_size bytes */
} State;

static int sys_err(void)
{
    int e = errno ? errno : EIO;
    return e == E2BIG ? -ENOSPC : -e;
}

static uint32_t u32_at(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static void set_u32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

/* ------------------------------------------------------- array access */

/* Elements FIRST .. FIRST+N-1 of the ARRAY map FD into OUT: batched where
 * the kernel can (5.6 and later), else one by one. */
static int read_array(int fd, uint32_t first, uint32_t n, uint32_t size, uint8_t *out)
{
    uint32_t keys[BATCH];
    for (uint32_t done = 0; done < n;) {
        uint32_t k = n - done < BATCH ? n - done : BATCH, count = k, at = first + done;
        uint32_t prev = at - 1, last;
        int r = bpf_map_lookup_batch(fd, at ? &prev : NULL, &last, keys,
                                     out + (size_t)done * size, &count, NULL);
        bool ok = (r == 0 || errno == ENOENT) && count == k;
        for (uint32_t j = 0; ok && j < k; j++)
            ok = keys[j] == at + j;
        if (!ok) {
            for (uint32_t j = 0; j < k; j++) {
                uint32_t key = at + j;
                if (bpf_map_lookup_elem(fd, &key, out + (size_t)(done + j) * size))
                    return sys_err();
            }
        }
        done += k;
    }
    return 0;
}

static int write_array(int fd, uint32_t first, uint32_t n, uint32_t size, const uint8_t *in)
{
    uint32_t keys[BATCH];
    for (uint32_t done = 0; done < n;) {
        uint32_t k = n - done < BATCH ? n - done : BATCH, count = k;
        for (uint32_t j = 0; j < k; j++)
            keys[j] = first + done + j;
        if (k == 1 || bpf_map_update_batch(fd, keys, in + (size_t)done * size, &count, NULL)) {
            for (uint32_t j = 0; j < k; j++)
                if (bpf_map_update_elem(fd, &keys[j], in + (size_t)(done + j) * size, BPF_ANY))
                    return sys_err();
        }
        done += k;
    }
    return 0;
}

static int write_header(State *s)
{
    uint32_t zero = 0;
    return bpf_map_update_elem(s->m->header, &zero, &s->h, BPF_ANY) ? sys_err() : 0;
}

/* Tells packets that started a lookup before now to look again: called
 * before the control plane rewrites an element a lookup may be reading
 * (the unused copy of the mask list, a free slot). A lookup that read
 * the same gen before and after its scans saw no such rewrite. */
static int bump_gen(State *s)
{
    s->h.gen++;
    return write_header(s);
}

static void unload(State *s)
{
    free(s->recs);
    free(s->slots);
}

static int load(State *s, const P4iTable *t, const TssMaps *m)
{
    uint32_t zero = 0;
    memset(s, 0, sizeof *s);
    s->t = t;
    s->m = m;
    if (bpf_map_lookup_elem(m->header, &zero, &s->h))
        return sys_err();
    uint32_t a = s->h.active & 1;
    s->nrecs = s->h.count[a] < t->size ? s->h.count[a] : t->size;
    if (s->h.nslots > t->size + TSS_SPARE_SLOTS)
        s->h.nslots = t->size + TSS_SPARE_SLOTS;
    s->recs = xcalloc(1, (size_t)s->nrecs * t->mask_size);
    s->slots = xcalloc(1, (size_t)s->h.nslots * t->slot_size);
    int r = read_array(m->masks, a * t->size, s->nrecs, t->mask_size, s->recs);
    if (r == 0)
        r = read_array(m->slots, 0, s->h.nslots, t->slot_size, s->slots);
    if (r < 0)
        unload(s);
    return r;
}

static uint8_t *rec(const State *s, uint32_t i)
{
    return s->recs + (size_t)i * s->t->mask_size;
}

static uint8_t *slot(const State *s, uint32_t i)
{
    return s->slots + (size_t)i * s->t->slot_size;
}

/* ------------------------------------------------ slot form and masks */

static uint64_t load_uint(const uint8_t *p, unsigned size)
{
    uint8_t a;
    uint16_t b;
    uint32_t c;
    uint64_t d = 0;
    switch (size) {
    case 1: memcpy(&a, p, 1); return a;
    case 2: memcpy(&b, p, 2); return b;
    case 4: memcpy(&c, p, 4); return c;
    default: memcpy(&d, p, 8); return d;
    }
}

static void store_uint(uint8_t *p, unsigned size, uint64_t v)
{
    uint8_t a = (uint8_t)v;
    uint16_t b = (uint16_t)v;
    uint32_t c = (uint32_t)v;
    switch (size) {
    case 1: memcpy(p, &a, 1); break;
    case 2: memcpy(p, &b, 2); break;
    case 4: memcpy(p, &c, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}

static bool host_int(const P4iField *f)
{
    return !f->network && (f->size == 1 || f->size == 2 || f->size == 4 || f->size == 8);
}

static uint64_t ones(unsigned width)
{
    return width >= 64 ? ~0ull : (1ull << width) - 1;
}

/* Slot form to the hash map's form: the masked value TV and mask TM.
 * False when a range field is not one aligned power-of-two block (such an
 * entry lives in the linear stage). */
static bool to_tss(const P4iTable *t, const uint8_t *key, const uint8_t *mask, uint8_t *tv,
                   uint8_t *tm)
{
    memset(tv, 0, t->key_size);
    memset(tm, 0, t->key_size);
    for (size_t k = 0; k < t->nkeys; k++) {
        const P4iField *f = &t->keys[k];
        if (f->match != P4I_RANGE) {
            for (unsigned b = 0; b < f->size; b++) {
                tm[f->offset + b] = mask[f->offset + b];
                tv[f->offset + b] = key[f->offset + b] & mask[f->offset + b];
            }
            continue;
        }
        if (!host_int(f))
            return false;
        uint64_t lo = load_uint(key + f->offset, f->size), hi = load_uint(mask + f->offset, f->size);
        uint64_t span = hi - lo; /* the block's size - 1 */
        if (lo > hi || (span & (span + 1)) != 0 || (lo & span) != 0)
            return false;
        store_uint(tm + f->offset, f->size, ones(f->width) & ~span);
        store_uint(tv + f->offset, f->size, lo);
    }
    return true;
}

/* The hash map's form back to slot form (a range field: its block). */
static void from_tss(const P4iTable *t, const uint8_t *tv, const uint8_t *tm, uint8_t *key,
                     uint8_t *mask)
{
    memcpy(key, tv, t->key_size);
    memcpy(mask, tm, t->key_size);
    for (size_t k = 0; k < t->nkeys; k++) {
        const P4iField *f = &t->keys[k];
        if (f->match == P4I_RANGE && host_int(f)) {
            uint64_t v = load_uint(tv + f->offset, f->size), m = load_uint(tm + f->offset, f->size);
            store_uint(mask + f->offset, f->size, v | (ones(f->width) & ~m));
        }
    }
}

/* Mask list order: best priority first, then the older mask (lower id). */
static bool rec_before(const uint8_t *a, const uint8_t *b)
{
    uint32_t pa = u32_at(a + REC_PRIO), pb = u32_at(b + REC_PRIO);
    return pa > pb || (pa == pb && u32_at(a + REC_ID) < u32_at(b + REC_ID));
}

static long find_mask(const State *s, const uint8_t *tm)
{
    for (uint32_t i = 0; i < s->nrecs; i++)
        if (memcmp(rec(s, i) + REC_MASK, tm, s->t->key_size) == 0)
            return i;
    return -1;
}

static long find_id(const State *s, uint32_t id)
{
    for (uint32_t i = 0; i < s->nrecs; i++)
        if (u32_at(rec(s, i) + REC_ID) == id)
            return i;
    return -1;
}

/* Writes the list RECS (N records) into the copy packets do not use, then
 * makes it the one they use: its count first, then the flip. */
static int publish(State *s, const uint8_t *recs, uint32_t n)
{
    uint32_t b = (s->h.active & 1) ^ 1;
    int r = bump_gen(s);
    if (r == 0)
        r = write_array(s->m->masks, b * s->t->size, n, s->t->mask_size, recs);
    if (r < 0)
        return r;
    s->h.count[b] = n;
    if ((r = write_header(s)) < 0)
        return r;
    s->h.active = b;
    return write_header(s);
}

/* The mask list with record I moved to where its priority puts it (I may
 * be nrecs: NEW is then inserted), or removed (REMOVE). */
static int republish(State *s, uint32_t i, const uint8_t *new, bool remove)
{
    size_t ms = s->t->mask_size;
    uint8_t *list = xcalloc(1, (s->nrecs + 1) * ms);
    const uint8_t *moved = i < s->nrecs ? rec(s, i) : new;
    uint32_t n = 0;
    bool placed = remove;
    for (uint32_t j = 0; j < s->nrecs; j++) {
        if (j == i)
            continue;
        if (!placed && rec_before(moved, rec(s, j))) {
            memcpy(list + n++ * ms, moved, ms);
            placed = true;
        }
        memcpy(list + n++ * ms, rec(s, j), ms);
    }
    if (!placed)
        memcpy(list + n++ * ms, moved, ms);
    int r = publish(s, list, n);
    free(list);
    return r;
}

/* Record I of the current list rewritten in place: only its priority and
 * reference count change, so a packet reading it sees one or the other. */
static int rewrite_rec(State *s, uint32_t i)
{
    return write_array(s->m->masks, (s->h.active & 1) * s->t->size + i, 1, s->t->mask_size,
                       rec(s, i));
}

/* ------------------------------------------------------------- finding */

typedef struct {
    bool in_hash, in_slot;
    uint32_t rec, slot;
    uint8_t *tkey; /* tss_key_size bytes: the hash key (in_hash) */
} Place;

static long find_slot(const State *s, const uint8_t *key, const uint8_t *mask, uint32_t priority)
{
    const P4iTable *t = s->t;
    for (uint32_t i = 0; i < s->h.nslots; i++) {
        const uint8_t *sl = slot(s, i);
        if (u32_at(sl) && u32_at(sl + 4) == priority &&
            memcmp(sl + t->slot_value_offset, key, t->key_size) == 0 &&
            memcmp(sl + t->slot_mask_offset, mask, t->key_size) == 0)
            return i;
    }
    return -1;
}

/* Where the entry KEY/MASK/PRIORITY is; VALUE (may be NULL) gets its
 * value. P->tkey is set whenever the entry could go in the hash map. */
static int locate(const State *s, const uint8_t *key, const uint8_t *mask, uint32_t priority,
                  Place *p, uint8_t *value)
{
    const P4iTable *t = s->t;
    memset(p, 0, sizeof *p);
    uint8_t *tv = xcalloc(1, t->key_size), *tm = xcalloc(1, t->key_size);
    uint8_t *tval = xcalloc(1, t->tss_value_size);
    if (to_tss(t, key, mask, tv, tm)) {
        p->tkey = xcalloc(1, t->tss_key_size);
        memcpy(p->tkey + TKEY_KEY, tv, t->key_size);
        long i = find_mask(s, tm);
        if (i >= 0) {
            set_u32(p->tkey, u32_at(rec(s, (uint32_t)i) + REC_ID));
            if (bpf_map_lookup_elem(s->m->hash, p->tkey, tval) == 0 &&
                u32_at(tval) == priority) {
                p->in_hash = true;
                p->rec = (uint32_t)i;
                if (value)
                    memcpy(value, tval + TVAL_VALUE, t->value_size);
            }
        } else {
            set_u32(p->tkey, s->h.next_id);
        }
    }
    long j = p->in_hash ? -1 : find_slot(s, key, mask, priority);
    if (j >= 0) {
        p->in_slot = true;
        p->slot = (uint32_t)j;
        if (value)
            memcpy(value, slot(s, (uint32_t)j) + t->slot_action_offset, t->value_size);
    }
    free(tv);
    free(tm);
    free(tval);
    return p->in_hash || p->in_slot ? 0 : -ENOENT;
}

/* ------------------------------------------------------ the linear stage */

/* Slots stay where they are written: a packet scanning them never misses
 * an entry that did not change. A deleted entry leaves a free slot
 * (in_use 0) that a later add reuses; only free slots at the end are
 * given back by lowering nslots. The slots map has one slot more than
 * the table's size, so a modify can always write the new entry before it
 * frees the old one. */

static uint32_t slots_used(const State *s)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->h.nslots; i++)
        n += u32_at(slot(s, i)) != 0;
    return n;
}

/* Slot I (free) written with in_use 0, then 1, so a packet never matches
 * half of it; gen is bumped first because a packet that saw the slot's
 * previous entry (or a larger nslots) may still be reading it. */
static int write_slot(State *s, uint32_t i, uint8_t *sl)
{
    int r = bump_gen(s);
    set_u32(sl, 0);
    if (r == 0 && bpf_map_update_elem(s->m->slots, &i, sl, BPF_ANY))
        r = sys_err();
    set_u32(sl, 1);
    if (r == 0 && bpf_map_update_elem(s->m->slots, &i, sl, BPF_ANY))
        r = sys_err();
    return r;
}

/* The entry into the first free slot, appended when none is free; the
 * State's copy of the slots follows. */
static int append_slot(State *s, const uint8_t *key, const uint8_t *mask, uint32_t priority,
                       const uint8_t *value)
{
    const P4iTable *t = s->t;
    uint32_t i = 0;
    while (i < s->h.nslots && u32_at(slot(s, i)))
        i++;
    if (i >= t->size + TSS_SPARE_SLOTS)
        return -ENOSPC;
    if (i == s->h.nslots) {
        uint8_t *grown = realloc(s->slots, (size_t)(i + 1) * t->slot_size);
        if (!grown)
            abort();
        s->slots = grown;
    }
    uint8_t *sl = slot(s, i);
    memset(sl, 0, t->slot_size);
    set_u32(sl + 4, priority);
    memcpy(sl + t->slot_value_offset, key, t->key_size);
    memcpy(sl + t->slot_mask_offset, mask, t->key_size);
    memcpy(sl + t->slot_action_offset, value, t->value_size);
    int r = write_slot(s, i, sl);
    if (r < 0 || i < s->h.nslots)
        return r;
    s->h.nslots++;
    return write_header(s);
}

/* Slot I freed: in_use 0, the rest unchanged (a packet reading it sees
 * the entry or nothing); then nslots drops past the free slots at the end. */
static int remove_slot(State *s, uint32_t i)
{
    uint8_t *sl = slot(s, i);
    set_u32(sl, 0);
    if (bpf_map_update_elem(s->m->slots, &i, sl, BPF_ANY))
        return sys_err();
    uint32_t n = s->h.nslots;
    while (n > 0 && !u32_at(slot(s, n - 1)))
        n--;
    if (n == s->h.nslots)
        return 0;
    s->h.nslots = n;
    return write_header(s);
}

/* ------------------------------------------------------------ operations */

int tss_get(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
            uint32_t priority, uint8_t *value)
{
    State s;
    Place p;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    r = locate(&s, key, mask, priority, &p, value);
    free(p.tkey);
    unload(&s);
    return r;
}

/* Into the hash map under P->tkey; then the mask's record is created or
 * its count and best priority raised. -EEXIST: the cell holds an entry of
 * another priority. */
static int add_hashed(State *s, Place *p, const uint8_t *key, const uint8_t *mask,
                      uint32_t priority, const uint8_t *value)
{
    const P4iTable *t = s->t;
    uint8_t *tval = xcalloc(1, t->tss_value_size), *tv = xcalloc(1, t->key_size);
    uint8_t *nrec = xcalloc(1, t->mask_size);
    to_tss(t, key, mask, tv, nrec + REC_MASK);
    long i = find_mask(s, nrec + REC_MASK);
    set_u32(tval, priority);
    memcpy(tval + TVAL_VALUE, value, t->value_size);
    int r = bpf_map_update_elem(s->m->hash, p->tkey, tval, BPF_NOEXIST) ? sys_err() : 0;
    if (r == 0) {
        s->h.nhash++;
        if (i < 0) {
            set_u32(nrec + REC_PRIO, priority);
            set_u32(nrec + REC_ID, s->h.next_id++);
            set_u32(nrec + REC_REFS, 1);
            r = republish(s, s->nrecs, nrec, false);
        } else {
            uint8_t *re = rec(s, (uint32_t)i);
            set_u32(re + REC_REFS, u32_at(re + REC_REFS) + 1);
            if (priority > u32_at(re + REC_PRIO)) {
                set_u32(re + REC_PRIO, priority);
                if (i > 0 && !rec_before(rec(s, (uint32_t)i - 1), re))
                    r = republish(s, (uint32_t)i, NULL, false);
                else if ((r = rewrite_rec(s, (uint32_t)i)) == 0)
                    r = write_header(s);
            } else if ((r = rewrite_rec(s, (uint32_t)i)) == 0) {
                r = write_header(s);
            }
        }
    }
    free(tval);
    free(tv);
    free(nrec);
    return r;
}

int tss_add(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
            uint32_t priority, const uint8_t *value)
{
    State s;
    Place p;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    r = locate(&s, key, mask, priority, &p, NULL);
    if (r == 0)
        r = -EEXIST;
    else if (s.h.nhash + slots_used(&s) >= t->size)
        r = -ENOSPC;
    else {
        r = p.tkey ? add_hashed(&s, &p, key, mask, priority, value) : -EEXIST;
        /* A range that is not one block, or a cell taken by an entry of
         * another priority: the linear stage. */
        if (r == -EEXIST)
            r = append_slot(&s, key, mask, priority, value);
    }
    free(p.tkey);
    unload(&s);
    return r;
}

int tss_modify(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
               uint32_t priority, const uint8_t *value)
{
    State s;
    Place p;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    if ((r = locate(&s, key, mask, priority, &p, NULL)) == 0 && p.in_hash) {
        /* A hash map update replaces the element as a whole. */
        uint8_t *tval = xcalloc(1, t->tss_value_size);
        set_u32(tval, priority);
        memcpy(tval + TVAL_VALUE, value, t->value_size);
        r = bpf_map_update_elem(m->hash, p.tkey, tval, BPF_EXIST) ? sys_err() : 0;
        free(tval);
    } else if (r == 0) {
        /* Make before break: the new entry written, then the old one
         * freed; the spare slot guarantees room. */
        uint32_t old = p.slot;
        if ((r = append_slot(&s, key, mask, priority, value)) == 0)
            r = remove_slot(&s, old);
    }
    free(p.tkey);
    unload(&s);
    return r;
}

int tss_delete(const P4iTable *t, const TssMaps *m, const uint8_t *key, const uint8_t *mask,
               uint32_t priority)
{
    State s;
    Place p;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    if ((r = locate(&s, key, mask, priority, &p, NULL)) == 0 && p.in_hash) {
        r = bpf_map_delete_elem(m->hash, p.tkey) ? sys_err() : 0;
        if (r == 0) {
            /* The record's best priority stays an upper bound: still right
             * for the early exit, only less early. */
            uint8_t *re = rec(&s, p.rec);
            uint32_t refs = u32_at(re + REC_REFS);
            s.h.nhash--;
            set_u32(re + REC_REFS, refs ? refs - 1 : 0);
            if (refs <= 1)
                r = republish(&s, p.rec, NULL, true);
            else if ((r = rewrite_rec(&s, p.rec)) == 0)
                r = write_header(&s);
        }
    } else if (r == 0) {
        r = remove_slot(&s, p.slot);
    }
    free(p.tkey);
    unload(&s);
    return r;
}

int tss_clear(const P4iTable *t, const TssMaps *m)
{
    State s;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    uint32_t nslots = s.h.nslots;
    /* Packets stop seeing entries first; then the maps are emptied. */
    if ((r = publish(&s, NULL, 0)) == 0) {
        s.h.nslots = 0;
        s.h.nhash = 0;
        r = write_header(&s);
    }
    uint8_t *k = xcalloc(1, t->tss_key_size), *zero = xcalloc(1, t->slot_size);
    while (r == 0 && bpf_map_get_next_key(m->hash, NULL, k) == 0)
        if (bpf_map_delete_elem(m->hash, k) && errno != ENOENT)
            r = sys_err();
    for (uint32_t i = 0; r == 0 && i < nslots; i++)
        if (bpf_map_update_elem(m->slots, &i, zero, BPF_ANY))
            r = sys_err();
    free(k);
    free(zero);
    unload(&s);
    return r;
}

/* ------------------------------------------------------------- reading */

typedef struct {
    uint32_t priority, rank;
    uint8_t *slot;
} Sorted;

static int cmp_sorted(const void *a, const void *b, void *arg)
{
    const P4iTable *t = arg;
    const Sorted *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return memcmp(x->slot + t->slot_value_offset, y->slot + t->slot_value_offset, t->key_size);
}

static void collect_hash(const State *s, Sorted *out, uint8_t *buf, size_t *n)
{
    const P4iTable *t = s->t;
    uint8_t *k = xcalloc(1, t->tss_key_size), *next = xcalloc(1, t->tss_key_size);
    uint8_t *tval = xcalloc(1, t->tss_value_size);
    bool first = true;
    while (*n < t->size && bpf_map_get_next_key(s->m->hash, first ? NULL : k, next) == 0) {
        first = false;
        memcpy(k, next, t->tss_key_size);
        long i = find_id(s, u32_at(k));
        if (i < 0 || bpf_map_lookup_elem(s->m->hash, k, tval))
            continue; /* being added or deleted meanwhile */
        uint8_t *sl = buf + *n * t->slot_size;
        set_u32(sl, 1);
        set_u32(sl + 4, u32_at(tval));
        from_tss(t, k + TKEY_KEY, rec(s, (uint32_t)i) + REC_MASK, sl + t->slot_value_offset,
                 sl + t->slot_mask_offset);
        memcpy(sl + t->slot_action_offset, tval + TVAL_VALUE, t->value_size);
        /* Ties: the mask list's order, as packets see it. */
        out[*n] = (Sorted){u32_at(tval), (uint32_t)i, sl};
        (*n)++;
    }
    free(k);
    free(next);
    free(tval);
}

int tss_read_all(const P4iTable *t, const TssMaps *m, uint8_t **slots, size_t *n)
{
    State s;
    *slots = NULL;
    *n = 0;
    int r = load(&s, t, m);
    if (r < 0)
        return r;
    size_t cap = (size_t)t->size * 2, ss = t->slot_size;
    uint8_t *buf = xcalloc(1, cap * ss);
    Sorted *sorted = xcalloc(1, cap * sizeof *sorted);
    collect_hash(&s, sorted, buf, n);
    for (uint32_t i = 0; i < s.h.nslots; i++) {
        if (!u32_at(slot(&s, i)))
            continue;
        memcpy(buf + *n * ss, slot(&s, i), ss);
        sorted[*n] = (Sorted){u32_at(slot(&s, i) + 4), s.nrecs + i, buf + *n * ss};
        (*n)++;
    }
    qsort_r(sorted, *n, sizeof *sorted, cmp_sorted, (void *)t);
    *slots = xcalloc(1, *n * ss);
    for (size_t i = 0; i < *n; i++)
        memcpy(*slots + i * ss, sorted[i].slot, ss);
    free(buf);
    free(sorted);
    unload(&s);
    return r;
}
