/* Which copies a v1model program can ask the traffic manager for, and
 * what a copy's egress needs of the packet's state (docs/RUNTIME.md,
 * "Traffic manager: copies"). The backend emits the copy machinery (the
 * egress function, the group maps) only for programs that can use it, so
 * programs that never copy compile to the same C as before; and the bridge
 * that carries the state to a copy holds only what egress reads, as it
 * travels in the packet's headroom. */
#include "constvalue.h"
#include "ir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct CopySearch {
    const Type *std;    /* standard_metadata_t (PSA: psa_ingress_output_metadata_t) */
    const char *field;  /* its group: mcast_grp (PSA: multicast_group) */
    bool multicast;     /* something may write a non-zero group */
} CopySearch;

/* A constant 0 (constvalue.h reads it), also through casts (PSA's
 * `(MulticastGroup_t)0` before constant folding). */
static bool is_zero(const Node *e)
{
    while (e->kind == N_CAST && !e->value)
        e = e->expr;
    if (e->kind == N_BOOL)
        return !e->bool_value;
    uint64_t v;
    return const_u64(e, &v) && v == 0;
}

/* Whether writing the place E may change standard_metadata.mcast_grp: the
 * field itself (or a slice of it), or the whole struct. */
static bool writes_mcast_grp(const CopySearch *cs, const Node *e)
{
    while (e && (e->kind == N_SLICE || e->kind == N_PLUS_SLICE))
        e = e->expr;
    if (!e)
        return false;
    if (e->ty && type_equal(e->ty, cs->std))
        return true;
    return e->kind == N_MEMBER && strcmp(e->name, cs->field) == 0 && e->expr &&
           e->expr->ty && type_equal(e->expr->ty, cs->std);
}

static bool find_copies(Node *n, void *ctx)
{
    CopySearch *cs = ctx;
    if (cs->multicast)
        return false;
    /* mark_to_drop's `mcast_grp = 0` (pass_v1model.c) asks for no copy. */
    if (n->kind == N_ASSIGN && writes_mcast_grp(cs, n->lhs) &&
        !(n->op == OP_NONE && is_zero(n->rhs)))
        cs->multicast = true;
    /* An extern function given the field or the struct to write. */
    if (n->kind == N_CALL && n->expr && n->expr->ty) {
        const Type *f = n->expr->ty;
        for (int i = 0; i < n->args.len; i++) {
            const Node *a = n->args.items[i];
            const Param *p = NULL;
            for (int k = 0; k < f->nparams && !p; k++)
                if (a->name ? strcmp(a->name, f->params[k].name) == 0 : k == i)
                    p = &f->params[k];
            if (p && (p->dir == DIR_OUT || p->dir == DIR_INOUT) && writes_mcast_grp(cs, a->expr))
                cs->multicast = true;
        }
    }
    return !cs->multicast;
}

static void visit(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    AstWalker w = {.pre = find_copies, .ctx = ctx};
    ast_walk(code, &w);
}

bool ir_v1model_multicasts(IrProgram *ir)
{
    IrBlock *ingress = ir->arch == ARCH_V1MODEL || ir->arch == ARCH_PSA ? ir_block(ir, "ingress")
                                                                        : NULL;
    if (!ingress || ingress->params.len < 3)
        return false;
    CopySearch cs = {.std = ingress->params.items[2]->ty, .field = "mcast_grp"};
    if (ir->arch == ARCH_PSA)
        return ir_psa_may_set(ir, "ingress", "multicast_group") || ir_v1model_clones(ir);
    ir_walk_code(ir, visit, &cs);
    return cs.multicast;
}

/* Whether some PSA code may set FIELD of the output metadata of the
 * control ROLE ("ingress", "egress") to anything but false or 0
 * (resubmit, multicast_group, clone). */
bool ir_psa_may_set(IrProgram *ir, const char *role, const char *field)
{
    IrBlock *control = ir->arch == ARCH_PSA ? ir_block(ir, role) : NULL;
    if (!control || control->params.len < 4)
        return false;
    CopySearch cs = {.std = control->params.items[3]->ty, .field = field};
    ir_walk_code(ir, visit, &cs);
    return cs.multicast;
}

/* ------------------------------------------------------------ the bridge */

typedef struct Reads {
    IrProgram *ir;
    NodeList slot_decls;        /* block parameters that are meta or std */
    bool std_only;              /* the parser: its meta starts zeroed, as in ingress */
    NodeList visited;           /* actions, functions and tables walked */
    NodeList alias_decls;       /* locals given a whole place of meta or std */
    NodeList alias_places;      /* ... and that place, the same index */
    bool collecting_aliases;    /* the first walk: aliases only, no reads */
    IrBridgeField *fields;
    int nfields, cap;
} Reads;

static const char *slot_of(const Reads *r, const Node *decl)
{
    for (int b = 0; b < r->ir->nblocks; b++) {
        const IrBlock *blk = &r->ir->blocks[b];
        for (int i = 0; i < blk->params.len; i++)
            if (blk->params.items[i] == decl && blk->slots[i])
                return blk->slots[i];
    }
    return NULL;
}

static bool is_slot_decl(const Reads *r, const Node *decl)
{
    for (int i = 0; i < r->slot_decls.len; i++)
        if (r->slot_decls.items[i] == decl)
            return true;
    return false;
}

bool ir_v1model_set_for_copies(const char *slot, const char **path, int npath)
{
    static const char *const own[] = {
        "egress_port", "egress_spec", "egress_rid", "instance_type", "egress_global_timestamp",
        "enq_timestamp", "enq_qdepth", "deq_timedelta", "deq_qdepth"};
    if (strcmp(slot, "std") != 0 || npath != 1)
        return false;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strcmp(path[0], own[i]) == 0)
            return true;
    return false;
}

static void add_field(Reads *r, const char *slot, const char **path, int npath)
{
    if (ir_v1model_set_for_copies(slot, path, npath))
        return;
    if (r->nfields == r->cap) {
        int cap = r->cap ? r->cap * 2 : 8;
        r->fields = arena_realloc(r->ir->arena, r->fields, (size_t)r->cap * sizeof *r->fields,
                                  (size_t)cap * sizeof *r->fields);
        r->cap = cap;
    }
    const char **copy = arena_alloc(r->ir->arena, (size_t)(npath ? npath : 1) * sizeof *copy);
    for (int i = 0; i < npath; i++)
        copy[i] = path[i];
    r->fields[r->nfields++] = (IrBridgeField){.slot = slot, .path = copy, .npath = npath};
}

/* If E is a place in meta or std (a name, or fields of one), record it as
 * read and return true. Only field steps count: the path stops before an
 * index (the whole stack is read) or a method (`isValid`). */
static void walk_reads(Reads *r, Node *code);

static bool record_place_at(Reads *r, Node *e, int depth);

static bool record_place(Reads *r, Node *e)
{
    return record_place_at(r, e, 0);
}

static bool is_alias(const Reads *r, const Node *decl)
{
    for (int i = 0; i < r->alias_decls.len; i++)
        if (r->alias_decls.items[i] == decl)
            return true;
    return false;
}

/* A read of CHAIN (N steps, outermost first) on alias DECL reads the same
 * steps on each place DECL was given. The place's own indexes were read at
 * the copy. Aliases of aliases resolve in turn, DEPTH bounding a cycle. */
static void record_alias_read(Reads *r, const Node *decl, Node **chain, int n, int depth)
{
    enum { MAX_ALIAS_DEPTH = 16 };
    if (r->collecting_aliases)
        return;
    for (int i = 0; i < r->alias_decls.len; i++) {
        if (r->alias_decls.items[i] != decl)
            continue;
        Node *place = r->alias_places.items[i];
        if (depth >= MAX_ALIAS_DEPTH) {
            record_place_at(r, place, depth + 1);   /* whole, without the steps */
            for (int k = 0; k < n; k++)
                if (chain[k]->kind == N_INDEX)
                    walk_reads(r, chain[k]->lhs);
            continue;
        }
        /* Rebuild the steps on a copy rooted at PLACE. */
        Node *e = place;
        for (int k = n - 1; k >= 0; k--) {
            Node *step = arena_alloc(r->ir->arena, sizeof *step);
            *step = *chain[k];
            step->expr = e;
            e = step;
        }
        record_place_at(r, e, depth + 1);
    }
}

static bool record_place_at(Reads *r, Node *e, int depth)
{
    enum { MAX_DEPTH = 64 };
    Node *chain[MAX_DEPTH];
    int n = 0;
    Node *root = e;
    while (root->kind == N_MEMBER || root->kind == N_INDEX) {
        if (n == MAX_DEPTH)
            return false;
        chain[n++] = root;
        root = root->expr;
    }
    if (root->kind != N_NAME)
        return false;
    if (is_alias(r, root->ref)) {
        record_alias_read(r, root->ref, chain, n, depth);
        return true;
    }
    if (!is_slot_decl(r, root->ref))
        return false;
    if (r->collecting_aliases)
        return true;
    const char *slot = slot_of(r, root->ref);
    if (r->std_only && strcmp(slot, "std") != 0)
        return true;
    const char *path[MAX_DEPTH];
    int np = 0;
    const Type *t = root->ty;
    for (int i = n - 1; i >= 0; i--) {
        Node *step = chain[i];
        if (step->kind != N_MEMBER || !t || !type_is_struct_like(t) ||
            !type_field(t, step->name) || t->kind == T_STACK)
            break;
        const Type *ft = type_field(t, step->name)->type;
        if (ft && ft->kind == T_STACK)
            break;   /* a stack is two C fields: its struct goes whole */
        path[np++] = step->name;
        t = ft;
    }
    add_field(r, slot, path, np);
    /* Indexes read what they read. */
    for (int i = 0; i < n; i++)
        if (chain[i]->kind == N_INDEX)
            walk_reads(r, chain[i]->lhs);
    return true;
}

static void walk_once(Reads *r, Node *key, Node *code)
{
    for (int i = 0; i < r->visited.len; i++)
        if (r->visited.items[i] == key)
            return;
    node_list_push(r->ir->arena, &r->visited, key);
    walk_reads(r, code);
}

static void walk_table(Reads *r, IrTable *t)
{
    for (int i = 0; i < r->visited.len; i++)
        if (r->visited.items[i] == t->decl)
            return;
    node_list_push(r->ir->arena, &r->visited, t->decl);
    for (int k = 0; k < t->nkeys; k++)
        walk_reads(r, t->keys[k].expr);
    for (int a = 0; a < t->nactions; a++) {
        walk_once(r, t->actions[a].action->decl, t->actions[a].action->decl->body);
        walk_once(r, t->actions[a].run->decl, t->actions[a].run->decl->body);
    }
    if (t->default_action)
        walk_once(r, t->default_action->decl, t->default_action->decl->body);
    walk_reads(r, t->default_call);
}

/* The root name of place E (fields and indexes of a name), or NULL. */
static const Node *place_root(const Node *e)
{
    while (e && (e->kind == N_MEMBER || e->kind == N_INDEX))
        e = e->expr;
    return e && e->kind == N_NAME ? e : NULL;
}

static bool is_state_place(const Reads *r, const Node *e)
{
    const Node *root = place_root(e);
    return root && (is_slot_decl(r, root->ref) || is_alias(r, root->ref));
}

/* Whether A and B name the same place by the same fields (no indexes). */
static bool same_place(const Node *a, const Node *b)
{
    while (a->kind == N_MEMBER && b->kind == N_MEMBER) {
        if (strcmp(a->name, b->name) != 0)
            return false;
        a = a->expr;
        b = b->expr;
    }
    return a->kind == N_NAME && b->kind == N_NAME && a->ref == b->ref;
}

/* `place = alias` where the alias was only ever given PLACE: the value
 * goes back where it came from, which reads nothing a copy needs (the
 * fields read of either are recorded where they are read). */
static bool is_copy_back(const Reads *r, const Node *lhs, const Node *rhs)
{
    if (rhs->kind != N_NAME || !is_alias(r, rhs->ref))
        return false;
    for (int i = 0; i < r->alias_decls.len; i++)
        if (r->alias_decls.items[i] == rhs->ref && !same_place(lhs, r->alias_places.items[i]))
            return false;
    return true;
}

static void walk_indexes(Reads *r, Node *e)
{
    for (; e && (e->kind == N_MEMBER || e->kind == N_INDEX); e = e->expr)
        if (e->kind == N_INDEX)
            walk_reads(r, e->lhs);
}

static void add_alias(Reads *r, const Node *decl, Node *place)
{
    for (int i = 0; i < r->alias_decls.len; i++)
        if (r->alias_decls.items[i] == decl && r->alias_places.items[i] == place)
            return;
    node_list_push(r->ir->arena, &r->alias_decls, (Node *)decl);
    node_list_push(r->ir->arena, &r->alias_places, place);
}

/* The copy-in of an inlined call, `local = meta.x` or `T local = meta.x`
 * (pass_inline.c): DECL, the local, stands for PLACE, so reading its
 * fields reads the place's fields, not the whole place. Returns true when
 * it is one. */
static bool note_alias(Reads *r, const Node *decl, Node *place)
{
    if (!decl || is_slot_decl(r, decl) || !is_state_place(r, place) ||
        place_root(place)->ref == decl)
        return false;
    if (r->collecting_aliases)
        add_alias(r, decl, place);
    walk_indexes(r, place);
    return true;
}

/* The parameter of action or function DECL that argument A (the I-th)
 * binds, or NULL. */
static const Node *bound_param(const Node *decl, const Node *a, int i)
{
    for (int k = 0; k < decl->params.len; k++) {
        const Node *p = decl->params.items[k];
        if (a->name ? strcmp(a->name, p->name) == 0 : k == i)
            return p;
    }
    return NULL;
}

/* A whole place of meta or std given to an in or inout parameter makes
 * the parameter its alias, as an inlined copy-in does. */
static void walk_call_args(Reads *r, Node *call, const Node *decl)
{
    for (int i = 0; i < call->args.len; i++) {
        Node *a = call->args.items[i];
        Node *e = a->expr ? a->expr : a;
        const Node *p = bound_param(decl, a, i);
        if (p && (p->dir == DIR_IN || p->dir == DIR_INOUT) && is_state_place(r, e)) {
            if (r->collecting_aliases)
                add_alias(r, p, e);
            walk_indexes(r, e);
        } else {
            walk_reads(r, e);
        }
    }
}

static bool find_reads(Node *n, void *ctx)
{
    Reads *r = ctx;
    if (n->kind == N_ASSIGN && n->op == OP_NONE &&
        (is_copy_back(r, n->lhs, n->rhs) || note_alias(r, n->lhs->kind == N_NAME ? n->lhs->ref : NULL, n->rhs))) {
        walk_indexes(r, n->lhs);
        return false;
    }
    if (n->kind == N_VAR && n->expr && note_alias(r, n, n->expr))
        return false;
    if (n->kind == N_NAME || n->kind == N_MEMBER || n->kind == N_INDEX)
        if (record_place(r, n))
            return false;
    if (n->kind == N_ASSIGN && n->op == OP_NONE) {
        /* A whole place written is not read; a slice written reads the
         * rest of its base, and indexes are read. */
        Node *lhs = n->lhs;
        if (lhs->kind == N_SLICE || lhs->kind == N_PLUS_SLICE) {
            walk_reads(r, lhs);
        } else {
            for (Node *e = lhs; e && (e->kind == N_MEMBER || e->kind == N_INDEX); e = e->expr)
                if (e->kind == N_INDEX)
                    walk_reads(r, e->lhs);
            if (!(lhs->kind == N_NAME || lhs->kind == N_MEMBER || lhs->kind == N_INDEX))
                walk_reads(r, lhs);
        }
        walk_reads(r, n->rhs);
        return false;
    }
    if (n->kind == N_CALL && n->expr) {
        Node *callee = n->expr;
        if (callee->kind == N_NAME && callee->ref &&
            (callee->ref->kind == N_ACTION || callee->ref->kind == N_FUNCTION)) {
            walk_once(r, callee->ref, callee->ref->body);
            walk_call_args(r, n, callee->ref);
            return false;
        }
        if (callee->kind == N_MEMBER && callee->expr && callee->expr->ty &&
            callee->expr->ty->kind == T_TABLE) {
            IrTable *t = ir_find_table(r->ir, callee->expr->ty->decl);
            if (t)
                walk_table(r, t);
        }
    }
    return true;
}

static void walk_reads(Reads *r, Node *code)
{
    AstWalker w = {.pre = find_reads, .ctx = r};
    ast_walk(code, &w);
}

static void walk_block(Reads *r, IrBlock *b)
{
    for (int i = 0; i < b->locals.len; i++)
        walk_reads(r, b->locals.items[i]->expr);
    for (int i = 0; i < b->states.len; i++)
        walk_reads(r, b->states.items[i]);
    walk_reads(r, b->body);
}

/* A before B: by slot, then field by field, a path before the longer
 * ones it is a prefix of. */
static int compare_fields(const void *pa, const void *pb)
{
    const IrBridgeField *a = pa, *b = pb;
    int c = strcmp(a->slot, b->slot);
    for (int i = 0; c == 0 && i < a->npath && i < b->npath; i++)
        c = strcmp(a->path[i], b->path[i]);
    return c ? c : a->npath - b->npath;
}

static bool is_prefix(const IrBridgeField *a, const IrBridgeField *b)
{
    if (strcmp(a->slot, b->slot) != 0 || a->npath > b->npath)
        return false;
    for (int i = 0; i < a->npath; i++)
        if (strcmp(a->path[i], b->path[i]) != 0)
            return false;
    return true;
}

/* PSA: what egress gets from ingress is only the normal metadata the
 * ingress deparser wrote and the class of service, and the copy's
 * instance is found by group; egress's headers and metadata start anew
 * (its parser fills them). */
static int psa_bridge(IrProgram *ir, IrBridgeField **out)
{
    static const char *const cos[] = {"class_of_service"}, *const group[] = {"multicast_group"};
    IrBridgeField *f = arena_alloc(ir->arena, 3 * sizeof *f);
    f[0] = (IrBridgeField){"ig_out", (const char **)cos, 1};
    f[1] = (IrBridgeField){"ig_out", (const char **)group, 1};
    int n = 2;
    IrBlock *id = ir_block(ir, "ingressDeparser");
    /* An empty struct has no C member to copy. */
    if (id && id->params.items[3]->ty && id->params.items[3]->ty->nfields)
        f[n++] = (IrBridgeField){"normal_meta", NULL, 0};
    *out = f;
    return n;
}

int ir_v1model_bridge(IrProgram *ir, IrBridgeField **out)
{
    if (ir->arch == ARCH_PSA)
        return psa_bridge(ir, out);
    Reads r = {.ir = ir};
    for (int b = 0; b < ir->nblocks; b++)
        for (int i = 0; i < ir->blocks[b].params.len; i++) {
            const char *slot = ir->blocks[b].slots[i];
            if (slot && (strcmp(slot, "meta") == 0 || strcmp(slot, "std") == 0))
                node_list_push(ir->arena, &r.slot_decls, ir->blocks[b].params.items[i]);
        }
    static const char *const mcast_grp[] = {"mcast_grp"};
    add_field(&r, "std", (const char **)mcast_grp, 1);   /* the copy's rid is by group */
    /* Twice: the aliases first, so that a read before its copy-in in
     * the walk's order is still seen through. */
    for (int pass = 0; pass < 2; pass++) {
        r.collecting_aliases = pass == 0;
        r.std_only = false;
        r.visited.len = 0;
        const char *const roles[] = {"egress", "computeChecksum", "deparser"};
        for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
            if (ir_block(ir, roles[i]))
                walk_block(&r, ir_block(ir, roles[i]));
        r.std_only = true;
        r.visited.len = 0;
        if (ir->parser)
            walk_block(&r, ir->parser);
    }
    /* Each place once, none inside another. */
    qsort(r.fields, (size_t)r.nfields, sizeof *r.fields, compare_fields);
    int n = 0;
    for (int i = 0; i < r.nfields; i++)
        if (n == 0 || !is_prefix(&r.fields[n - 1], &r.fields[i]))
            r.fields[n++] = r.fields[i];
    *out = r.fields;
    return n;
}
