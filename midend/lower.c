/* Lowering: from the checked program to the IR. Finds the architecture's
 * package instance (`main`), takes the parser and controls it names, and
 * lays out their tables, actions and extern instances as data. */
#include "ir.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "constvalue.h"
#include "key_name.h"

#define LOWER_ERROR(ir, node, ...) diag_error((ir)->diag, (node)->loc, __VA_ARGS__)

const char *ir_c_identifier(Arena *arena, const char *name)
{
    char *id = arena_strdup(arena, name);
    for (char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            *p = '_';
    return id;
}

/* Declarations are unique to their instance (each instance of a parser or
 * control has its own copy, lower_control_instance), so a declaration
 * names one object. */
IrTable *ir_find_table(const IrProgram *ir, const Node *decl)
{
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i]->decl == decl)
            return ir->tables[i];
    return NULL;
}

IrAction *ir_find_action(const IrProgram *ir, const Node *decl)
{
    for (int i = 0; i < ir->nactions; i++)
        if (ir->actions[i]->decl == decl)
            return ir->actions[i];
    return NULL;
}

IrExtern *ir_find_extern(const IrProgram *ir, const Node *decl)
{
    for (int i = 0; i < ir->nexterns; i++)
        if (ir->externs[i]->decl == decl)
            return ir->externs[i];
    return NULL;
}

IrInstance *ir_find_instance(const IrProgram *ir, const Node *decl)
{
    for (int i = 0; i < ir->ninstances; i++)
        if (ir->instances[i]->decl == decl)
            return ir->instances[i];
    return NULL;
}

/* Appends ITEM to a growing array of pointers. */
static void *push_ptr(Arena *arena, void *array, int *len, void *item)
{
    void **a = array;
    a = arena_realloc(arena, a, sizeof(void *) * (size_t)*len, sizeof(void *) * (size_t)(*len + 1));
    a[(*len)++] = item;
    return a;
}

/* The action for DECL, created on first use; OWNER is the control that
 * declares it, NULL for a top-level action such as NoAction. */
static IrAction *action_for(IrProgram *ir, Node *decl, const char *owner, IrInstance *instance)
{
    for (int i = 0; i < ir->nactions; i++)
        if (ir->actions[i]->decl == decl && ir->actions[i]->owner == instance)
            return ir->actions[i];
    IrAction *a;
    a = ARENA_NEW(ir->arena, IrAction);
    a->decl = decl;
    a->name = owner ? arena_printf(ir->arena, "%s.%s", owner, decl->name) : decl->name;
    a->c_name = owner ? ir_c_identifier(ir->arena, a->name)
                      : arena_printf(ir->arena, "_%s", decl->name);
    a->id = ir->nactions + 1;
    a->owner = instance;
    ir->actions = push_ptr(ir->arena, ir->actions, &ir->nactions, a);
    return a;
}

static Node *table_property(Node *table, NodeKind kind, const char *name)
{
    for (int i = 0; i < table->items.len; i++) {
        Node *p = table->items.items[i];
        if (p->kind == kind && (!name || (p->name && strcmp(p->name, name) == 0)))
            return p;
    }
    return NULL;
}

/* The bits of a key (or register element) of type T: its width, and 32
 * for enums and errors, which the backend keeps in a u32. */
static int key_width(const Type *t)
{
    if (t && (t->kind == T_ERROR || t->kind == T_ENUM))
        return 32;
    return type_width_bits(t);
}

static bool lower_keys(IrProgram *ir, IrTable *t, Node *key_prop)
{
    t->kind = TABLE_KEYLESS;
    if (!key_prop || !key_prop->items.len)
        return true;
    t->nkeys = key_prop->items.len;
    t->keys = arena_alloc(ir->arena, sizeof(IrKey) * (size_t)(t->nkeys + 1));
    int lpm = 0, ternary = 0;
    for (int i = 0; i < t->nkeys; i++) {
        Node *el = key_prop->items.items[i];
        IrKey *k = &t->keys[i];
        k->expr = el->expr;
        k->pos = i;
        k->name = key_control_plane_name(ir->arena, el);
        if (!k->name)
            k->name = "key";   /* sema reported it */
        k->width = key_width(el->expr->ty);
        if (k->width <= 0) {
            LOWER_ERROR(ir, el->expr, "a table key of type '%s' is not supported by the XDP backend",
                        type_name(ir->arena, el->expr->ty));
            return false;
        }
        if (k->width > IR_MAX_KEY_BITS) {
            LOWER_ERROR(ir, el->expr, "table keys wider than %d bits are not supported by the XDP "
                                      "backend (this one is %d bits)", IR_MAX_KEY_BITS, k->width);
            return false;
        }
        if (strcmp(el->name, "exact") == 0) {
            k->match = MATCH_EXACT;
        } else if (strcmp(el->name, "lpm") == 0) {
            k->match = MATCH_LPM;
            lpm++;
        } else if (strcmp(el->name, "ternary") == 0) {
            k->match = MATCH_TERNARY;
            ternary++;
        } else if (strcmp(el->name, "range") == 0) {
            k->match = MATCH_RANGE;
            ternary++;
        } else if (strcmp(el->name, "optional") == 0) {
            k->match = MATCH_OPTIONAL;
            ternary++;
        } else {
            LOWER_ERROR(ir, el, "match kind '%s' is not supported by the XDP backend", el->name);
            return false;
        }
    }
    /* A trie matches one prefix: with several, each lpm field is a prefix
     * mask of a tuple-space search, as ternary fields are. */
    t->kind = ternary || lpm > 1 ? TABLE_TERNARY : lpm ? TABLE_LPM : TABLE_HASH;
    if (t->kind == TABLE_LPM) {
        /* The prefix comes last in the trie key: move the lpm field there. */
        for (int i = 0; i < t->nkeys - 1; i++)
            if (t->keys[i].match == MATCH_LPM) {
                IrKey k = t->keys[i];
                memmove(&t->keys[i], &t->keys[i + 1], sizeof(IrKey) * (size_t)(t->nkeys - 1 - i));
                t->keys[t->nkeys - 1] = k;
                break;
            }
    }
    return true;
}

/* The action an action reference or default_action names: one of the
 * control's own (in its instance), or a top-level one. */
static IrAction *referenced_action(IrProgram *ir, Node *name_or_call, Node *control_decl,
                                   const char *control, IrInstance *instance)
{
    Node *name = name_or_call->kind == N_CALL ? name_or_call->expr
               : name_or_call->kind == N_ACTION_REF ? name_or_call->expr : name_or_call;
    if (!name->ref || name->ref->kind != N_ACTION)
        return NULL;
    Node *decl = name->ref;
    bool local = false;
    for (int i = 0; i < control_decl->locals.len && !local; i++)
        local = control_decl->locals.items[i] == decl;
    return action_for(ir, decl, local ? control : NULL, local ? instance : NULL);
}

/* `@p4cc_cache(N)` on a table: an exact-match cache of N results in front
 * of a ternary or lpm lookup (docs/RUNTIME.md, "Lookup cache"). Ignored,
 * with a warning, where the lookup is already one exact match or the
 * entries are compiled into the code. */
#define MAX_CACHE_SIZE (1 << 20)
static bool lower_cache(IrProgram *ir, IrTable *t)
{
    for (int i = 0; i < t->decl->annotations.len; i++) {
        Node *a = t->decl->annotations.items[i];
        if (strcmp(a->name, "p4cc_cache") != 0)
            continue;
        const char *text = a->items.len == 1 ? a->items.items[0]->text : "";
        char *end;
        long n = strtol(text, &end, 10);
        if (a->items.len != 1 || end == text || *end || n < 1 || n > MAX_CACHE_SIZE) {
            LOWER_ERROR(ir, a, "@p4cc_cache takes the number of cached results, from 1 to %d",
                        MAX_CACHE_SIZE);
            return false;
        }
        if ((t->kind != TABLE_TERNARY && t->kind != TABLE_LPM) ||
            (t->entries_const && t->nentries)) {
            diag_warning(ir->diag, a->loc, "@p4cc_cache has no effect on table '%s': only ternary "
                                           "and lpm tables whose entries the control plane fills "
                                           "get a cache", t->name);
            continue;
        }
        t->cache_size = (int)n;
    }
    return true;
}

static bool lower_table(IrProgram *ir, Node *decl, Node *control, const char *prefix,
                        IrInstance *instance)
{
    IrTable *t = ARENA_NEW(ir->arena, IrTable);
    t->decl = decl;
    t->owner = instance;
    t->name = arena_printf(ir->arena, "%s.%s", prefix, decl->name);
    t->c_name = ir_c_identifier(ir->arena, t->name);
    t->size = 1024;
    if (!lower_keys(ir, t, table_property(decl, N_PROP_KEY, NULL)))
        return false;
    Node *size = table_property(decl, N_PROP_OTHER, "size");
    if (size)
        t->size = (int)const_long(size->expr, 1024);
    Node *impl = table_property(decl, N_PROP_OTHER, "implementation");
    if (impl && impl->expr->kind == N_CALL && impl->expr->expr->kind == N_TYPE_EXPR) {
        Node *type = impl->expr->expr->type;
        const char *kind = type->kind == N_TYPE_NAME ? type->name : "";
        long n = impl->expr->args.len ? const_long(impl->expr->args.items[0]->expr, t->size)
                                      : t->size;
        t->size = (int)n;
        if (strcmp(kind, "array_table") == 0 && t->kind != TABLE_KEYLESS) {
            if (t->nkeys != 1 || t->keys[0].match != MATCH_EXACT || t->keys[0].width > 32) {
                LOWER_ERROR(ir, impl, "an array_table needs one exact key of at most 32 bits");
                return false;
            }
            t->kind = TABLE_ARRAY;
        }
    }
    if (t->size <= 0)
        t->size = 1;
    if (t->kind == TABLE_KEYLESS)
        t->size = 0;   /* whatever was asked: it never holds an entry */
    Node *actions = table_property(decl, N_PROP_ACTIONS, NULL);
    if (actions) {
        t->nactions = actions->items.len;
        t->actions = arena_alloc(ir->arena, sizeof(IrTableAction) * (size_t)(t->nactions + 1));
        for (int i = 0; i < t->nactions; i++) {
            t->actions[i].ref = actions->items.items[i];
            t->actions[i].action = referenced_action(ir, actions->items.items[i], control, prefix, instance);
            t->actions[i].run = t->actions[i].action;
            if (!t->actions[i].action)
                return false;
        }
    }
    Node *def = table_property(decl, N_PROP_OTHER, "default_action");
    if (def) {
        t->default_call = def->expr;
        t->default_is_const = def->is_const;
        t->default_action = referenced_action(ir, def->expr, control, prefix, instance);
    }
    Node *entries = table_property(decl, N_PROP_ENTRIES, NULL);
    if (entries) {
        t->entries_const = entries->is_const;
        t->nentries = entries->items.len;
        t->entries = arena_alloc(ir->arena, sizeof(IrEntry) * (size_t)(t->nentries + 1));
        for (int i = 0; i < t->nentries; i++) {
            Node *e = entries->items.items[i];
            t->entries[i].keyset = e->expr;
            t->entries[i].priority = e->lhs;
            t->entries[i].call = e->body;
            t->entries[i].decl = e;
            t->entries[i].action = referenced_action(ir, e->body, control, prefix, instance);
        }
        if (!ir_order_entries(ir, t))
            return false;
    }
    if (!lower_cache(ir, t))
        return false;
    ir->tables = push_ptr(ir->arena, ir->tables, &ir->ntables, t);
    return true;
}

static bool lower_control_locals(IrProgram *ir, Node *control, const char *prefix,
                                 IrInstance *instance, NodeList *vars);

typedef struct CtorArgs {
    const NodeList *params;     /* the copy's constructor parameters */
    Node **values;              /* what each stands for */
} CtorArgs;

static bool substitute_ctor_param(Node *n, void *ctx)
{
    const CtorArgs *ca = ctx;
    if (n->kind != N_NAME || !n->ref)
        return true;
    for (int i = 0; i < ca->params->len; i++)
        if (ca->params->items[i] == n->ref) {
            SrcRange loc = n->loc;
            *n = *ca->values[i];
            n->loc = loc;
            return false;
        }
    return true;
}

/* COPY, an instance's own copy of a parser or control, with its constructor
 * parameters replaced by ARGS (spec "Constructor parameters": compile-time
 * values, or instances such as a control or an extern passed in);
 * defaults fill the gaps. False after an error at AT. */
static bool bind_ctor_args(IrProgram *ir, Node *copy, const NodeList *args, const Node *at)
{
    const NodeList *params = &copy->ctor_params;
    if (!params->len)
        return true;
    Node **values = arena_alloc(ir->arena, sizeof(Node *) * (size_t)(params->len + 1));
    for (int i = 0; i < args->len; i++) {
        const Node *a = args->items[i];
        int p = a->name ? -1 : i;
        for (int j = 0; a->name && j < params->len; j++)
            if (strcmp(params->items[j]->name, a->name) == 0)
                p = j;
        if (p >= 0 && p < params->len)
            values[p] = a->expr;
    }
    for (int p = 0; p < params->len; p++) {
        if (!values[p])
            values[p] = params->items[p]->expr;
        if (!values[p]) {
            LOWER_ERROR(ir, at, "no value for constructor parameter '%s' of '%s'",
                        params->items[p]->name, copy->name);
            return false;
        }
    }
    CtorArgs ca = {params, values};
    AstWalker w = {.pre = substitute_ctor_param, .ctx = &ca};
    ast_walk(copy->body, &w);
    for (int i = 0; i < copy->locals.len; i++)
        ast_walk(copy->locals.items[i], &w);
    for (int i = 0; i < copy->items.len; i++)
        ast_walk(copy->items.items[i], &w);
    return true;
}

/* `Check() c1;` inside a control: the sub-control's objects, per instance. */
static bool lower_control_instance(IrProgram *ir, Node *decl, const char *prefix,
                                   IrInstance *parent)
{
    Node *type = decl->type;
    if (type->kind == N_TYPE_SPECIALIZED)
        type = type->type;
    Node *control = type->ref;
    if (!control || (control->kind != N_CONTROL && control->kind != N_PARSER)) {
        LOWER_ERROR(ir, decl, "instantiating '%s' here is not supported by the XDP backend yet",
                    decl->name);
        return false;
    }
    TypeList args = {0};
    if (control->type->type_params.len) {
        const Type *t = decl->ty;
        for (int i = 0; i < control->type->type_params.len; i++)
            if (!t || i >= t->args.len || t->args.items[i]->kind == T_DONTCARE ||
                type_contains_typevar(t->args.items[i])) {
                LOWER_ERROR(ir, decl, "cannot specialize '%s' for '%s': its type arguments are "
                                      "not all known", control->name, decl->name);
                return false;
            }
        args = t->args;
    }
    /* Each instance gets its own copy of the declaration, so that its
     * tables, actions, variables and parameters are declarations of its
     * own wherever the midend inlines its code. */
    control = ir_specialize_block(ir, control, args);
    if (!bind_ctor_args(ir, control, &decl->args, decl))
        return false;
    IrInstance *inst = ARENA_NEW(ir->arena, IrInstance);
    inst->decl = decl;
    inst->control = control;
    inst->name = arena_printf(ir->arena, "%s.%s", prefix, decl->name);
    inst->c_name = ir_c_identifier(ir->arena, inst->name);
    inst->parent = parent;
    ir->instances = push_ptr(ir->arena, ir->instances, &ir->ninstances, inst);
    return lower_control_locals(ir, control, inst->name, inst, &inst->locals);
}

/* Register<T, I>(size[, initial_value]): T of at most 64 bits, I of at
 * most 32 (the map's key). */
static bool lower_register(IrProgram *ir, Node *decl, const Type *t, IrExtern *x)
{
    int width = t->args.len == 2 ? key_width(t->args.items[0]) : -1;
    int index_width = t->args.len == 2 ? key_width(t->args.items[1]) : -1;
    if (width <= 0 || width > 64) {
        LOWER_ERROR(ir, decl, "a Register of '%s' is not supported by the XDP backend (elements "
                              "of up to 64 bits are)",
                    t->args.len ? type_name(ir->arena, t->args.items[0]) : "?");
        return false;
    }
    if (index_width <= 0 || index_width > 32) {
        LOWER_ERROR(ir, decl, "a Register index of type '%s' is not supported by the XDP backend "
                              "(indexes of up to 32 bits are)",
                    t->args.len == 2 ? type_name(ir->arena, t->args.items[1]) : "?");
        return false;
    }
    x->kind = EXTERN_REGISTER;
    x->width = width;
    x->size = decl->args.len > 0 ? const_long(decl->args.items[0]->expr, -1) : -1;
    if (x->size <= 0 || x->size > 0x7fffffffL) {
        LOWER_ERROR(ir, decl, "a Register needs a constant size from 1 to 2^31-1");
        return false;
    }
    if (decl->args.len > 1) {
        const Node *init = decl->args.items[1]->expr;
        if (!init->value || (init->value->kind != CV_INT && init->value->kind != CV_BOOL)) {
            LOWER_ERROR(ir, init, "the initial value of a Register must be a constant");
            return false;
        }
        uint64_t v;
        if (!const_value_bits(init->value, width, &v)) {
            LOWER_ERROR(ir, init, "the initial value of a Register must fit in 64 bits");
            return false;
        }
        x->initial = v;
    }
    return true;
}

static bool lower_instance(IrProgram *ir, Node *decl, Node *block, const char *prefix,
                           IrInstance *owner)
{
    Type *t = decl->ty;
    if (!t || t->kind != T_EXTERN) {
        LOWER_ERROR(ir, decl, "instantiating '%s' inside '%s' is not supported by the XDP backend "
                              "yet", t ? type_name(ir->arena, t) : "?", block->name);
        return false;
    }
    IrExtern *x = ARENA_NEW(ir->arena, IrExtern);
    x->decl = decl;
    x->owner = owner;
    x->name = arena_printf(ir->arena, "%s.%s", prefix, decl->name);
    x->c_name = ir_c_identifier(ir->arena, x->name);
    if (strcmp(t->name, "CounterArray") == 0) {
        x->kind = EXTERN_COUNTER_ARRAY;
        x->size = decl->args.len > 0 ? const_long(decl->args.items[0]->expr, 1) : 1;
        x->sparse = decl->args.len > 1 && decl->args.items[1]->expr->kind == N_BOOL &&
                    decl->args.items[1]->expr->bool_value;
    } else if (strcmp(t->name, "Register") == 0) {
        if (!lower_register(ir, decl, t, x))
            return false;
    } else {
        LOWER_ERROR(ir, decl, "extern '%s' is not supported by the XDP backend", t->name);
        return false;
    }
    ir->externs = push_ptr(ir->arena, ir->externs, &ir->nexterns, x);
    return true;
}

static bool lower_value_set(IrProgram *ir, Node *decl, const char *prefix)
{
    const Type *elem = decl->ty && decl->ty->kind == T_SET ? decl->ty->base : NULL;
    int width = elem ? key_width(elem) : -1;
    if (width <= 0 || width > 64) {
        LOWER_ERROR(ir, decl, "value sets of '%s' are not supported by the XDP backend yet",
                    elem ? type_name(ir->arena, elem) : "?");
        return false;
    }
    IrValueSet *vs = ARENA_NEW(ir->arena, IrValueSet);
    vs->decl = decl;
    vs->name = arena_printf(ir->arena, "%s.%s", prefix, decl->name);
    vs->c_name = ir_c_identifier(ir->arena, vs->name);
    vs->size = (int)const_long(decl->expr, 1);
    vs->width = width;
    ir->value_sets = push_ptr(ir->arena, ir->value_sets, &ir->nvalue_sets, vs);
    return true;
}

/* Sorts a parser's or control's local declarations into the IR: variables
 * to VARS, the rest to the program's tables, actions and externs. */
typedef struct DirectCalls {
    IrProgram *ir;
    Node *control;
} DirectCalls;

static bool local_named(const Node *control, const char *name)
{
    for (int i = 0; i < control->locals.len; i++)
        if (control->locals.items[i]->name && strcmp(control->locals.items[i]->name, name) == 0)
            return true;
    return false;
}

/* `T.apply(...)` of a parser or control type T (spec "Direct type
 * invocation") is an anonymous instance of T: it becomes one, named after
 * T (as p4c names it), declared among the control's locals. */
static bool declare_direct_call(Node *n, void *ctx)
{
    DirectCalls *dc = ctx;
    if (n->kind != N_CALL || n->expr->kind != N_MEMBER || strcmp(n->expr->name, "apply") != 0)
        return true;
    Node *target = n->expr->expr;
    if (target->kind != N_TYPE_EXPR || !target->ty ||
        (target->ty->kind != T_CONTROL && target->ty->kind != T_PARSER))
        return true;
    Arena *a = dc->ir->arena;
    Node *inst = ast_new(a, N_INSTANCE, target->loc);
    inst->type = target->type;
    inst->ty = target->ty;
    const char *base = target->ty->decl && target->ty->decl->name ? target->ty->decl->name
                                                                   : target->ty->name;
    inst->name = base;
    for (int k = 1; local_named(dc->control, inst->name); k++)
        inst->name = arena_printf(a, "%s_%d", base, k);
    node_list_push(a, &dc->control->locals, inst);
    Node *name = ast_new(a, N_NAME, target->loc);
    name->name = inst->name;
    name->ref = inst;
    name->ty = inst->ty;
    n->expr->expr = name;
    return true;
}

static bool lower_control_locals(IrProgram *ir, Node *control, const char *prefix,
                                 IrInstance *instance, NodeList *vars)
{
    bool ok = true;
    DirectCalls dc = {ir, control};
    AstWalker direct = {.pre = declare_direct_call, .ctx = &dc};
    ast_walk(control->body, &direct);
    for (int i = 0; control->kind == N_PARSER && i < control->items.len; i++)
        ast_walk(control->items.items[i], &direct);
    for (int i = 0; i < control->locals.len; i++) {
        Node *l = control->locals.items[i];
        switch (l->kind) {
        case N_VAR: case N_CONST:
            node_list_push(ir->arena, vars, l);
            break;
        case N_INSTANCE:
            if (l->ty && (l->ty->kind == T_CONTROL || l->ty->kind == T_PARSER))
                ok = lower_control_instance(ir, l, prefix, instance) && ok;
            else
                ok = lower_instance(ir, l, control, prefix, instance) && ok;
            break;
        case N_ACTION:
            action_for(ir, l, prefix, instance);
            break;
        case N_VALUE_SET:
            ok = lower_value_set(ir, l, prefix) && ok;
            break;
        default:
            break;
        }
    }
    /* Tables after the actions they refer to. */
    bool tables_ok = ok;
    for (int i = 0; ok && i < control->locals.len; i++)
        if (control->locals.items[i]->kind == N_TABLE)
            tables_ok = lower_table(ir, control->locals.items[i], control, prefix, instance) &&
                        tables_ok;
    ok = tables_ok;
    return ok;
}

/* Sorts a block's local declarations into the IR. */
static bool lower_block(IrProgram *ir, IrBlock *block, Node *decl, const IrArchBlock *arch)
{
    block->decl = decl;
    block->name = decl->name;
    block->role = arch->role;
    block->kind = arch->kind;
    block->slots = arch->slots;
    block->params = decl->type->params;
    if (block->params.len != arch->nslots) {
        LOWER_ERROR(ir, decl, "'%s' has %d parameters; the architecture's %s takes %d", decl->name,
                    block->params.len, arch->role, arch->nslots);
        return false;
    }
    bool ok = lower_control_locals(ir, decl, decl->name, NULL, &block->locals);
    if (decl->kind == N_PARSER) {
        for (int i = 0; i < decl->items.len; i++)
            node_list_push(ir->arena, &block->states, decl->items.items[i]);
    } else {
        block->body = decl->body;
    }
    return ok;
}

static Node *block_argument(IrProgram *ir, Node *main_decl, int index, NodeKind kind)
{
    if (index >= main_decl->args.len)
        return NULL;
    Node *arg = main_decl->args.items[index]->expr;
    if (arg->kind != N_CALL || arg->expr->kind != N_TYPE_EXPR) {
        LOWER_ERROR(ir, arg, "the XDP backend needs a parser or control instance here");
        return NULL;
    }
    Node *type = arg->expr->type;
    if (type->kind == N_TYPE_SPECIALIZED)
        type = type->type;
    Node *decl = type->ref;
    if (!decl || decl->kind != kind) {
        LOWER_ERROR(ir, arg, "expected a %s here", kind == N_PARSER ? "parser" : "control");
        return NULL;
    }
    if (arg->args.len || decl->ctor_params.len) {
        /* A copy with the constructor's values in (as for instances). */
        decl = ir_specialize_block(ir, decl, (TypeList){0});
        if (!bind_ctor_args(ir, decl, &arg->args, arg))
            return NULL;
    }
    return decl;
}

static void collect_types(IrProgram *ir, Node *program)
{
    for (int i = 0; i < program->items.len; i++) {
        Node *d = program->items.items[i];
        if (d->kind == N_TYPEDEF && d->type && (d->type->kind == N_HEADER ||
                                                d->type->kind == N_STRUCT ||
                                                d->type->kind == N_HEADER_UNION))
            d = d->type;
        switch (d->kind) {
        case N_HEADER: case N_STRUCT: case N_HEADER_UNION: case N_ENUM:
            if (d->type_params.len == 0)
                node_list_push(ir->arena, &ir->types, d);
            break;
        case N_ERROR_DECL:
            for (int j = 0; j < d->items.len; j++)
                node_list_push(ir->arena, &ir->errors, d->items.items[j]);
            break;
        case N_FUNCTION:
            node_list_push(ir->arena, &ir->functions, d);
            break;
        default:
            break;
        }
    }
}

IrProgram *ir_lower(Arena *arena, Diag *diag, Node *program, const char *name)
{
    IrProgram *ir = ARENA_NEW(arena, IrProgram);
    ir->arena = arena;
    ir->diag = diag;
    ir->name = name;
    Node *main_decl = NULL;
    for (int i = 0; i < program->items.len; i++) {
        Node *d = program->items.items[i];
        if (d->kind == N_INSTANCE && strcmp(d->name, "main") == 0)
            main_decl = d;
    }
    if (!main_decl || !main_decl->ty || main_decl->ty->kind != T_PACKAGE) {
        diag_error(diag, program->loc, "the program has no 'main' package instance to compile");
        return NULL;
    }
    const char *package = main_decl->ty->name;
    const IrArchDesc *arch = ir_arch_by_package(package);
    if (!arch) {
        diag_error(diag, main_decl->loc, "the XDP backend compiles programs for the ebpfFilter "
                                         "(ebpf_model.p4), xdp (xdp_model.p4) and V1Switch "
                                         "(v1model.p4) architectures, not '%s'", package);
        return NULL;
    }
    /* A package of the right name declared by the program itself may take
     * fewer blocks than the architecture file's. */
    if (main_decl->args.len != arch->nblocks) {
        const char *roles = "";
        for (int i = 0; i < arch->nblocks; i++)
            roles = arena_printf(arena, "%s%s%s", roles, i ? ", " : "", arch->blocks[i].role);
        diag_error(diag, main_decl->loc, "the XDP backend's '%s' package takes %d blocks (%s); "
                   "'main' gives it %d argument%s (include %s for its declaration)", package,
                   arch->nblocks, roles, main_decl->args.len, main_decl->args.len == 1 ? "" : "s",
                   arch->include);
        return NULL;
    }
    ir->arch = arch->arch;
    Node *decls[IR_MAX_BLOCKS];
    for (int i = 0; i < arch->nblocks; i++) {
        decls[i] = block_argument(ir, main_decl, i,
                                  arch->blocks[i].kind == BLOCK_PARSER ? N_PARSER : N_CONTROL);
        if (!decls[i])
            return NULL;
        /* One control given twice (a checksum control as both verify and
         * compute) is two blocks with declarations of their own. */
        for (int j = 0; j < i; j++)
            if (decls[j] == decls[i])
                decls[i] = ir_specialize_block(ir, decls[i], (TypeList){0});
    }
    collect_types(ir, program);
    bool ok = true;
    ir->nblocks = arch->nblocks;
    for (int i = 0; i < arch->nblocks && ok; i++) {
        IrBlock *b = &ir->blocks[i];
        ok = lower_block(ir, b, decls[i], &arch->blocks[i]);
        if (b->kind == BLOCK_PARSER)
            ir->parser = b;
        else if (b->kind == BLOCK_DEPARSER)
            ir->deparser = b;
        else if (!ir->control || strcmp(b->role, "ingress") == 0)
            ir->control = b;
    }
    return ok ? ir : NULL;
}
