/* Specialization of generic functions (spec "Generic functions"): every
 * call of a generic function with concrete type arguments gets a copy of
 * the function made for those arguments, one per distinct instantiation,
 * and calls the copy. The generic functions themselves leave the IR, so no
 * later pass and no backend sees a type variable.
 *
 * Semantic analysis records at each call what the type parameters stand for
 * (the callee's Node.ty: the instantiated function type, type arguments in
 * its args). A copy is the function's tree with every type substituted,
 * named `f<T1, T2>` after its arguments; its own calls of generic
 * functions, now concrete, are specialized in turn. Functions cannot call
 * themselves or a later function, so this ends, and each copy can stand
 * where its generic function stood in the declaration order.
 *
 * Generic parsers and controls are copied the same way, but by lowering,
 * once per instance (ir_specialize_block): their tables and actions are
 * laid out per instance there, so the copy must exist before. */
#include "copy.h"
#include "ir.h"

#include <string.h>

typedef struct Specialization {
    Node *generic;          /* N_FUNCTION with type parameters */
    TypeList args;          /* what they stand for */
    Node *copy;
} Specialization;

typedef struct Specializer {
    IrProgram *ir;
    Specialization *specs;
    int nspecs, cap;
    bool ok;
} Specializer;

/* What the type parameters being replaced stand for in a copy. */
typedef struct Binding {
    const NodeList *vars;   /* the N_TYPE_PARAMs */
    TypeList args;
} Binding;

static void specialize_calls(Specializer *sp, Node *root);

static int type_param_index(const Binding *b, const Node *decl)
{
    for (int i = 0; i < b->vars->len; i++)
        if (b->vars->items[i] == decl)
            return i;
    return -1;
}

/* A type written as one of the type parameters becomes the concrete type's
 * name, so dumps read as P4. */
static Node *replace_type_param(Copier *cp, Node *n)
{
    const Binding *b = cp->ctx;
    int param = n->kind == N_TYPE_NAME ? type_param_index(b, n->ref) : -1;
    if (param < 0)
        return NULL;
    Node *c = ARENA_NEW(cp->arena, Node);
    *c = *n;
    c->ty = b->args.items[param];
    c->name = type_name(cp->arena, c->ty);
    c->ref = NULL;
    return c;
}

static void substitute(Copier *cp, Node *c)
{
    const Binding *b = cp->ctx;
    c->ty = type_substitute(cp->arena, b->vars->items, b->args.items, b->vars->len, c->ty);
}

/* A copier of a generic declaration (signature included) with the types
 * substituted. */
static Copier substituting(Arena *arena, Binding *b)
{
    return (Copier){.arena = arena, .signatures = true, .replace = replace_type_param,
                    .adjust = substitute, .ctx = b};
}

static const char *instance_name(Arena *arena, const Node *generic, TypeList args)
{
    const char *name = arena_printf(arena, "%s<", generic->name);
    for (int i = 0; i < args.len; i++)
        name = arena_printf(arena, "%s%s%s", name, i ? ", " : "", type_name(arena, args.items[i]));
    return arena_printf(arena, "%s>", name);
}

static Node *make_copy(Specializer *sp, Node *generic, TypeList args)
{
    Binding b = {&generic->type_params, args};
    Copier cp = substituting(sp->ir->arena, &b);
    Node *copy = copy_tree(&cp, generic);
    copy->type_params = (NodeList){0};
    copy->name = instance_name(cp.arena, generic, args);
    copy->ty = type_copy(cp.arena, copy->ty);
    copy->ty->type_params = (TypeList){0};
    copy->ty->decl = copy;
    copy_relink(&cp, copy);
    return copy;
}

Node *ir_specialize_block(IrProgram *ir, Node *block, TypeList args)
{
    Binding b = {&block->type->type_params, args};
    Copier cp = substituting(ir->arena, &b);
    Node *copy = copy_tree(&cp, block);
    copy->type->type_params = (NodeList){0};
    if (args.len)
        copy->name = instance_name(cp.arena, block, args);
    copy_relink(&cp, copy);
    return copy;
}

static bool same_args(TypeList a, TypeList b)
{
    if (a.len != b.len)
        return false;
    for (int i = 0; i < a.len; i++)
        if (!type_equal(a.items[i], b.items[i]))
            return false;
    return true;
}

/* The copy of GENERIC for ARGS, made (and its own calls specialized) the
 * first time it is asked for. */
static Node *specialization(Specializer *sp, Node *generic, TypeList args)
{
    for (int i = 0; i < sp->nspecs; i++)
        if (sp->specs[i].generic == generic && same_args(sp->specs[i].args, args))
            return sp->specs[i].copy;
    if (sp->nspecs == sp->cap) {
        sp->cap = sp->cap ? 2 * sp->cap : 8;
        Specialization *grown = arena_alloc(sp->ir->arena, sizeof *grown * (size_t)sp->cap);
        if (sp->nspecs)
            memcpy(grown, sp->specs, sizeof *grown * (size_t)sp->nspecs);
        sp->specs = grown;
    }
    Node *copy = make_copy(sp, generic, args);
    sp->specs[sp->nspecs++] = (Specialization){generic, args, copy};
    specialize_calls(sp, copy->body);
    return copy;
}

static bool concrete(const IrProgram *ir, const Node *call, const Node *generic, TypeList args)
{
    for (int i = 0; i < generic->type_params.len; i++) {
        const Type *t = i < args.len ? args.items[i] : NULL;
        if (t && t->kind != T_DONTCARE && !type_contains_typevar(t))
            continue;
        diag_error(ir->diag, call->loc, "cannot specialize generic function '%s': type argument "
                   "'%s' is not known here; give the type arguments", generic->name,
                   generic->type_params.items[i]->name);
        return false;
    }
    return true;
}

static bool visit_call(Node *n, void *ctx)
{
    Specializer *sp = ctx;
    Node *callee = n->kind == N_CALL ? n->expr : NULL;
    if (!callee || callee->kind != N_NAME || !callee->ref || callee->ref->kind != N_FUNCTION ||
        callee->ref->type_params.len == 0)
        return true;
    Node *generic = callee->ref;
    TypeList args = callee->ty && callee->ty->kind == T_FUNCTION ? callee->ty->args
                                                                  : (TypeList){0};
    if (!concrete(sp->ir, n, generic, args)) {
        sp->ok = false;
        return true;
    }
    Node *copy = specialization(sp, generic, args);
    callee->ref = copy;
    callee->name = copy->name;
    callee->ty = copy->ty;
    n->type_args = (NodeList){0};   /* the copy's name carries them */
    return true;
}

static void specialize_calls(Specializer *sp, Node *root)
{
    AstWalker walker = {.pre = visit_call, .ctx = sp};
    ast_walk(root, &walker);
}

static bool is_type_instance(const Type *t)
{
    return t && type_is_struct_like(t) && t->args.len > 0 && !type_contains_typevar(t);
}

static void note_type(IrProgram *ir, const Type *t)
{
    if (!t)
        return;
    if (t->kind == T_STACK) {
        note_type(ir, t->base);
        return;
    }
    if (!type_is_struct_like(t))
        return;
    bool instance = is_type_instance(t);
    for (int i = 0; instance && i < ir->type_instances.len; i++)
        if (type_equal(ir->type_instances.items[i], t))
            return;
    for (int i = 0; i < t->nfields; i++)
        note_type(ir, t->fields[i].type);
    if (!instance)
        return;
    TypeList *list = &ir->type_instances;
    Type **grown = arena_alloc(ir->arena, sizeof(Type *) * (size_t)(list->len + 1));
    if (list->len)
        memcpy(grown, list->items, sizeof(Type *) * (size_t)list->len);
    grown[list->len++] = (Type *)t;
    list->items = grown;
}

static void note_node_type(Node *n, void *ctx)
{
    note_type(ctx, n->ty);
}

/* The specialized structs the program uses, fields before the structs that
 * hold them, so the backend can declare each one once. */
static void collect_type_instances(IrProgram *ir, Node **roots, int nroots)
{
    AstWalker walker = {.post = note_node_type, .ctx = ir};
    for (int i = 0; i < ir->types.len; i++)
        note_type(ir, ir->types.items[i]->ty);
    for (int i = 0; i < nroots; i++)
        ast_walk(roots[i], &walker);
    for (int i = 0; i < ir->ninstances; i++)
        ast_walk(ir->instances[i]->control, &walker);
    for (int i = 0; i < ir->nactions; i++)
        ast_walk(ir->actions[i]->decl, &walker);
    for (int i = 0; i < ir->functions.len; i++)
        ast_walk(ir->functions.items[i], &walker);
}

/* Every copy takes the place of its generic function in the list, in the
 * order the copies were made. */
static void replace_generics(Specializer *sp)
{
    NodeList out = {0};
    for (int i = 0; i < sp->ir->functions.len; i++) {
        Node *f = sp->ir->functions.items[i];
        if (f->type_params.len == 0) {
            node_list_push(sp->ir->arena, &out, f);
            continue;
        }
        for (int s = 0; s < sp->nspecs; s++)
            if (sp->specs[s].generic == f)
                node_list_push(sp->ir->arena, &out, sp->specs[s].copy);
    }
    sp->ir->functions = out;
}

bool pass_specialize(IrProgram *ir)
{
    Specializer sp = {.ir = ir, .ok = true};
    /* The blocks' declarations hold their locals, actions, tables and
     * states; sub-parsers and sub-controls are declarations of their own. */
    Node *roots[IR_MAX_BLOCKS];
    for (int i = 0; i < ir->nblocks; i++)
        specialize_calls(&sp, roots[i] = ir->blocks[i].decl);
    for (int i = 0; i < ir->ninstances; i++)
        specialize_calls(&sp, ir->instances[i]->control);
    for (int i = 0; i < ir->nactions; i++)
        specialize_calls(&sp, ir->actions[i]->decl);
    for (int i = 0; i < ir->functions.len; i++)
        if (ir->functions.items[i]->type_params.len == 0)
            specialize_calls(&sp, ir->functions.items[i]);
    replace_generics(&sp);
    collect_type_instances(ir, roots, ir->nblocks);
    return sp.ok;
}
