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
    int n = key_prop->items.len;
    t->keys = arena_alloc(ir->arena, sizeof(IrKey) * (size_t)(n + 1));
    t->selector_keys = arena_alloc(ir->arena, sizeof(IrKey) * (size_t)(n + 1));
    int lpm = 0, ternary = 0;
    for (int i = 0; i < n; i++) {
        Node *el = key_prop->items.items[i];
        bool selector = strcmp(el->name, "selector") == 0;
        IrKey *k = selector ? &t->selector_keys[t->nselector_keys++] : &t->keys[t->nkeys++];
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
        } else if (selector && (ir->arch == ARCH_V1MODEL || ir_portable_arch(ir))) {
            k->match = MATCH_SELECTOR;   /* hashed, not matched */
        } else {
            LOWER_ERROR(ir, el, "match kind '%s' is not supported by the XDP backend", el->name);
            return false;
        }
    }
    if (!t->nkeys) {
        /* Only selector fields: nothing is matched, as in a table without
         * a key (BMv2 would take one entry naming a group). */
        diag_warning(ir->diag, key_prop->loc, "table '%s' has only 'selector' key fields: it "
                     "matches nothing and runs its default action (the XDP backend does not "
                     "take a member or group for it yet)", t->name);
        return true;
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
 * with a warning, where the lookup is already one exact match, the
 * entries are compiled into the code, or a hit updates the entry's direct
 * counter or meter (which a cached copy of the entry cannot). */
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
        if (t->direct_counter || t->direct_meter) {
            diag_warning(ir->diag, a->loc, "@p4cc_cache has no effect on table '%s': its hits "
                                           "update the entry's direct %s", t->name,
                         t->direct_counter ? "counter" : "meter");
            continue;
        }
        t->cache_size = (int)n;
    }
    return true;
}

static bool lower_direct_resource(IrProgram *ir, IrTable *t, const char *property,
                                  IrExternKind kind, IrExtern **out);
static bool lower_implementation(IrProgram *ir, IrTable *t, Node *impl);

/* The table properties the backend reads besides key, actions and
 * entries (lower_table, lower_direct_resource, entries.c). */
static const char *const known_properties[] = {
    "size", "default_action", "implementation", "counters", "meters",
    "largest_priority_wins", "priority_delta", "psa_direct_counter", "psa_direct_meter",
    "psa_implementation", "pna_direct_counter", "pna_direct_meter", "pna_implementation",
};

/* Any other property (support_timeout, psa_idle_timeout, ...) would
 * change nothing in the program: say so rather than drop it in silence.
 * A table of a control instantiated twice is lowered twice; its warnings
 * come once. */
static void warn_ignored_properties(IrProgram *ir, Node *decl)
{
    for (int i = 0; i < decl->items.len; i++) {
        Node *p = decl->items.items[i];
        if (p->kind != N_PROP_OTHER || !p->name)
            continue;
        bool known = false;
        for (size_t k = 0; k < sizeof known_properties / sizeof *known_properties && !known; k++)
            known = strcmp(p->name, known_properties[k]) == 0;
        /* PNA's add-on-miss: pass_pna.c and the backend read it. */
        known = known || (ir->arch == ARCH_PNA && strcmp(p->name, "add_on_miss") == 0);
        for (int w = 0; w < ir->ignored_props.len && !known; w++) {
            SrcRange at = ir->ignored_props.items[w]->loc;
            known = at.file == p->loc.file && at.line == p->loc.line && at.col == p->loc.col;
        }
        if (known)
            continue;
        diag_warning(ir->diag, p->loc, "table property '%s' is not supported by the XDP backend; "
                     "it is ignored", p->name);
        node_list_push(ir->arena, &ir->ignored_props, p);
    }
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
    warn_ignored_properties(ir, decl);
    if (!lower_keys(ir, t, table_property(decl, N_PROP_KEY, NULL)))
        return false;
    Node *size = table_property(decl, N_PROP_OTHER, "size");
    if (size)
        t->size = (int)const_long(size->expr, 1024);
    Node *impl = table_property(decl, N_PROP_OTHER,
                                ir->arch == ARCH_PSA   ? "psa_implementation"
                                : ir->arch == ARCH_PNA ? "pna_implementation"
                                                       : "implementation");
    if (impl && impl->expr->kind == N_CALL && impl->expr->expr->kind == N_TYPE_EXPR &&
        !ir_portable_arch(ir) && (ir->arch != ARCH_V1MODEL || !impl->expr->ty || impl->expr->ty->kind != T_EXTERN ||
         (strcmp(impl->expr->ty->name, "action_profile") != 0 &&
          strcmp(impl->expr->ty->name, "action_selector") != 0))) {
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
    } else {
        /* The spec ("Table properties"): without a default_action it is
         * NoAction, not const. A miss then runs NoAction, and a switch on
         * action_run takes its NoAction arm, not `default`. */
        for (int i = 0; i < t->nactions; i++)
            if (strcmp(t->actions[i].action->name, "NoAction") == 0) {
                t->default_action = t->actions[i].action;
                t->default_call = t->actions[i].ref;
            }
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
    bool psa = ir->arch == ARCH_PSA, pna = ir->arch == ARCH_PNA;
    if (!lower_implementation(ir, t, impl) ||
        !lower_direct_resource(ir, t, psa ? "psa_direct_counter"
                                      : pna ? "pna_direct_counter" : "counters",
                               EXTERN_DIRECT_COUNTER, &t->direct_counter) ||
        !lower_direct_resource(ir, t, psa ? "psa_direct_meter"
                                      : pna ? "pna_direct_meter" : "meters", EXTERN_DIRECT_METER,
                               &t->direct_meter) ||
        !lower_cache(ir, t))
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

/* Appends the fields of a register's struct element T to X (nested
 * structs flattened, PREFIX before their names): the cell holds them
 * packed, the first most significant, as a value set's element; false
 * after reporting a field that cannot be packed. */
static bool register_fields(IrProgram *ir, IrExtern *x, const Type *t, const char *prefix,
                            const Node *at)
{
    bool ok = true;
    for (int i = 0; i < t->nfields; i++) {
        const Field *f = &t->fields[i];
        const char *name = prefix ? arena_printf(ir->arena, "%s.%s", prefix, f->name) : f->name;
        if (f->type && f->type->kind == T_STRUCT) {
            ok = register_fields(ir, x, f->type, name, at) && ok;
            continue;
        }
        int w = type_width_bits(f->type);
        if (w <= 0) {
            LOWER_ERROR(ir, f->decl ? f->decl : at, "a register's field '%s' of type '%s' is "
                        "not supported by the XDP backend (bit<W>, int<W>, bool and "
                        "serializable enums are)", name, type_name(ir->arena, f->type));
            ok = false;
            continue;
        }
        x->fields = arena_realloc(ir->arena, x->fields,
                                  sizeof(IrValueSetField) * (size_t)x->nfields,
                                  sizeof(IrValueSetField) * (size_t)(x->nfields + 1));
        x->fields[x->nfields++] = (IrValueSetField){name, w, NULL};
        x->width += w;
    }
    return ok;
}

/* Register<T, I>(size[, initial_value]) of ebpf_model.p4 and v1model's
 * register<T, I>(size) or register<T>(size) (index bit<32>): T of at
 * most 256 bits (wider than 64: a byte array), or a struct of such
 * fields packed into one; I of at most 32 bits (the map's key). */
static bool lower_register(IrProgram *ir, Node *at, const Type *t, NodeList *args, IrExtern *x)
{
    const Type *elem = t->args.len >= 1 ? t->args.items[0] : NULL;
    int index_width = t->args.len == 2 ? key_width(t->args.items[1]) : t->args.len == 1 ? 32 : -1;
    int width = key_width(elem);
    if (elem && elem->kind == T_STRUCT) {
        x->is_struct = true;
        if (!register_fields(ir, x, elem, NULL, at))
            return false;
        width = x->width;
    }
    if (width <= 0 || width > 256 || (elem && elem->kind == T_BITS && elem->is_signed &&
                                       width > 64)) {
        LOWER_ERROR(ir, at, "a %s of '%s' is not supported by the XDP backend (elements "
                            "of up to 256 bits are, signed ones of up to 64)", t->name,
                    elem ? type_name(ir->arena, elem) : "?");
        return false;
    }
    /* ebpf_model's Register keeps its methods as C calls of u64 values. */
    if ((width > 64 || x->is_struct) && strcmp(t->name, "Register") == 0) {
        LOWER_ERROR(ir, at, "a Register of '%s' is not supported by the XDP backend (elements "
                            "of up to 64 bits are; v1model's register takes more)",
                    type_name(ir->arena, elem));
        return false;
    }
    if (index_width <= 0 || index_width > 32) {
        LOWER_ERROR(ir, at, "a %s index of type '%s' is not supported by the XDP backend "
                            "(indexes of up to 32 bits are)", t->name,
                    t->args.len == 2 ? type_name(ir->arena, t->args.items[1]) : "?");
        return false;
    }
    x->kind = EXTERN_REGISTER;
    x->width = width;
    x->size = args->len > 0 ? const_long(args->items[0]->expr, -1) : -1;
    if (x->size <= 0 || x->size > 0x7fffffffL) {
        LOWER_ERROR(ir, at, "a %s needs a constant size from 1 to 2^31-1", t->name);
        return false;
    }
    if (args->len > 1) {
        const Node *init = args->items[1]->expr;
        if (!init->value || (init->value->kind != CV_INT && init->value->kind != CV_BOOL)) {
            LOWER_ERROR(ir, init, "the initial value of a Register must be a constant");
            return false;
        }
        uint64_t v;
        if (width > 64 || x->is_struct) {
            LOWER_ERROR(ir, init, "an initial value of a Register of more than 64 bits or of "
                                  "a struct is not supported by the XDP backend");
            return false;
        }
        if (!const_value_bits(init->value, width, &v)) {
            LOWER_ERROR(ir, init, "the initial value of a Register must fit in 64 bits");
            return false;
        }
        x->initial = v;
    }
    return true;
}

/* The CounterType or MeterType argument ARG (`CounterType.packets`). */
static bool lower_unit(IrProgram *ir, const Node *arg, bool meter, IrUnit *unit)
{
    const char *m = arg && arg->kind == N_MEMBER ? arg->name : "";
    if (strcmp(m, "packets") == 0)
        *unit = UNIT_PACKETS;
    else if (strcmp(m, "bytes") == 0)
        *unit = UNIT_BYTES;
    else if (!meter && strcmp(m, "packets_and_bytes") == 0)
        *unit = UNIT_PACKETS_AND_BYTES;
    else {
        LOWER_ERROR(ir, arg, "expected a constant %s here",
                    meter ? "MeterType (packets or bytes)"
                          : "CounterType (packets, bytes or packets_and_bytes)");
        return false;
    }
    return true;
}

/* v1model's counter(size, type), meter(size, type), direct_counter(type)
 * and direct_meter<T>(type). */
static bool lower_v1model_resource(IrProgram *ir, Node *at, const Type *t, NodeList *args,
                                   IrExtern *x)
{
    bool direct = strncmp(t->name, "direct_", 7) == 0;
    bool meter = strstr(t->name, "meter") != NULL;
    x->kind = meter ? (direct ? EXTERN_DIRECT_METER : EXTERN_METER)
                    : (direct ? EXTERN_DIRECT_COUNTER : EXTERN_COUNTER);
    int type_arg = direct ? 0 : 1;
    if (args->len != type_arg + 1)
        return false;   /* sema reported it */
    if (!direct) {
        int index_width = t->args.len == 1 ? key_width(t->args.items[0]) : 32;
        if (index_width <= 0 || index_width > 32) {
            LOWER_ERROR(ir, at, "a %s index of type '%s' is not supported by the XDP backend "
                                "(indexes of up to 32 bits are)", t->name,
                        type_name(ir->arena, t->args.items[0]));
            return false;
        }
        x->size = const_long(args->items[0]->expr, -1);
        if (x->size <= 0 || x->size > 0x7fffffffL) {
            LOWER_ERROR(ir, at, "a %s needs a constant size from 1 to 2^31-1", t->name);
            return false;
        }
    }
    return lower_unit(ir, args->items[type_arg]->expr, meter, &x->unit);
}

/* PSA's (and PNA's) Counter<W, S>(n_counters, type), DirectCounter<W>(type),
 * Meter<S>(n_meters, type) and DirectMeter(type): v1model's counter,
 * direct_counter, meter and direct_meter (counters hold packets and
 * bytes; W is the width the control plane reads them in). */
static bool lower_psa_resource(IrProgram *ir, Node *at, const Type *t, NodeList *args, IrExtern *x)
{
    bool direct = strncmp(t->name, "Direct", 6) == 0;
    bool meter = strstr(t->name, "Meter") != NULL;
    x->kind = meter ? (direct ? EXTERN_DIRECT_METER : EXTERN_METER)
                    : (direct ? EXTERN_DIRECT_COUNTER : EXTERN_COUNTER);
    const char *what = direct ? t->name + 6 : t->name;
    int type_arg = direct ? 0 : 1;
    if (args->len != type_arg + 1)
        return false;   /* sema reported it */
    if (!direct) {
        /* The index type: Counter<W, S>'s second, Meter<S>'s only. */
        const Type *index = t->args.len ? t->args.items[t->args.len - 1] : NULL;
        int index_width = index ? key_width(index) : -1;
        if (index_width <= 0 || index_width > 32) {
            LOWER_ERROR(ir, at, "a %s index of type '%s' is not supported by the XDP backend "
                                "(indexes of up to 32 bits are)", what,
                        index ? type_name(ir->arena, index) : "?");
            return false;
        }
        x->size = const_long(args->items[0]->expr, -1);
        if (x->size <= 0 || x->size > 0x7fffffffL) {
            LOWER_ERROR(ir, at, "a %s needs a constant size from 1 to 2^31-1", what);
            return false;
        }
    }
    const Node *unit = args->items[type_arg]->expr;
    const char *m = unit->kind == N_MEMBER ? unit->name : "";
    if (strcmp(m, "PACKETS") == 0)
        x->unit = UNIT_PACKETS;
    else if (strcmp(m, "BYTES") == 0)
        x->unit = UNIT_BYTES;
    else if (!meter && strcmp(m, "PACKETS_AND_BYTES") == 0)
        x->unit = UNIT_PACKETS_AND_BYTES;
    else {
        const char *arch = ir->arch == ARCH_PNA ? "PNA" : "PSA";
        LOWER_ERROR(ir, unit, "expected a constant %s here",
                    arena_printf(ir->arena, meter ? "%s_MeterType_t (PACKETS or BYTES)"
                                 : "%s_CounterType_t (PACKETS, BYTES or PACKETS_AND_BYTES)",
                                 arch));
        return false;
    }
    return true;
}

/* PSA's (and PNA's) externs that keep no state across packets (a
 * Digest's state is its digest type, midend/digests.c): pass_psa.c turns
 * every use into intrinsics, which need no IrExtern. */
bool ir_psa_stateless_extern(const IrProgram *ir, const Type *t)
{
    static const char *const names[] = {"Hash", "InternetChecksum", "Random", "Digest"};
    for (size_t i = 0; ir_portable_arch(ir) && t && t->kind == T_EXTERN &&
                       i < sizeof names / sizeof *names; i++)
        if (strcmp(t->name, names[i]) == 0)
            return true;
    return false;
}

/* An annotation's single integer argument, or FALLBACK. */
static long annotation_value(const Node *decl, const char *name, long fallback)
{
    for (int i = 0; decl && i < decl->annotations.len; i++) {
        const Node *a = decl->annotations.items[i];
        if (strcmp(a->name, name) != 0 || a->items.len != 1 || !a->items.items[0]->text)
            continue;
        char *end;
        long v = strtol(a->items.items[0]->text, &end, 0);
        if (*end == '\0' && end != a->items.items[0]->text)
            return v;
    }
    return fallback;
}

/* A group of an action selector holds at most this many members unless
 * its @max_group_size says otherwise (the group's map value has room for
 * them all: 4 bytes each). */
enum { DEFAULT_MAX_GROUP_SIZE = 128, MAX_GROUP_SIZE = 4096 };

/* v1model's action_profile(size) and action_selector(algorithm, size,
 * output_width). */
static bool lower_action_profile(IrProgram *ir, Node *at, const Type *t, NodeList *args,
                                 IrExtern *x)
{
    bool selector = strcmp(t->name, "action_selector") == 0 ||
                    strcmp(t->name, "ActionSelector") == 0;
    x->kind = selector ? EXTERN_ACTION_SELECTOR : EXTERN_ACTION_PROFILE;
    int size_arg = selector ? 1 : 0;
    if (args->len <= size_arg)
        return false;   /* sema reported it */
    x->size = const_long(args->items[size_arg]->expr, -1);
    if (x->size <= 0 || x->size > 0x7fffffffL) {
        LOWER_ERROR(ir, at, "an %s needs a constant size from 1 to 2^31-1", t->name);
        return false;
    }
    if (!selector)
        return true;
    x->algorithm = args->items[0]->expr;
    long max = annotation_value(at, "max_group_size", -1);
    if (max == -1)
        max = x->size < DEFAULT_MAX_GROUP_SIZE ? x->size : DEFAULT_MAX_GROUP_SIZE;
    if (max < 1 || max > MAX_GROUP_SIZE) {
        LOWER_ERROR(ir, at, "@max_group_size must be from 1 to %d for the XDP backend",
                    MAX_GROUP_SIZE);
        return false;
    }
    x->max_group_size = (int)max;
    return true;
}

/* The extern instance DECL (an N_INSTANCE, or the table property that
 * constructs one) of type T with constructor arguments ARGS, named NAME.
 * Returns NULL after an error, or, with QUIET, for an extern the backend
 * does not know (a top-level instance only code can reach: its use is the
 * error). */
static IrExtern *lower_extern(IrProgram *ir, Node *decl, const Type *t, NodeList *args,
                              const char *name, IrInstance *owner, bool quiet)
{
    IrExtern *x = ARENA_NEW(ir->arena, IrExtern);
    x->decl = decl;
    x->owner = owner;
    x->name = name;
    x->c_name = ir_c_identifier(ir->arena, x->name);
    bool ok = true;
    if (strcmp(t->name, "CounterArray") == 0) {
        x->kind = EXTERN_COUNTER_ARRAY;
        x->size = args->len > 0 ? const_long(args->items[0]->expr, 1) : 1;
        x->sparse = args->len > 1 && args->items[1]->expr->kind == N_BOOL &&
                    args->items[1]->expr->bool_value;
    } else if (strcmp(t->name, "Register") == 0 ||
               (ir->arch == ARCH_V1MODEL && strcmp(t->name, "register") == 0)) {
        ok = lower_register(ir, decl, t, args, x);
    } else if (ir->arch == ARCH_V1MODEL &&
               (strcmp(t->name, "counter") == 0 || strcmp(t->name, "direct_counter") == 0 ||
                strcmp(t->name, "meter") == 0 || strcmp(t->name, "direct_meter") == 0)) {
        ok = lower_v1model_resource(ir, decl, t, args, x);
    } else if (ir_portable_arch(ir) &&
               (strcmp(t->name, "Counter") == 0 || strcmp(t->name, "DirectCounter") == 0 ||
                strcmp(t->name, "Meter") == 0 || strcmp(t->name, "DirectMeter") == 0)) {
        ok = lower_psa_resource(ir, decl, t, args, x);
    } else if ((ir->arch == ARCH_V1MODEL &&
                (strcmp(t->name, "action_profile") == 0 || strcmp(t->name, "action_selector") == 0)) ||
               (ir_portable_arch(ir) &&
                (strcmp(t->name, "ActionProfile") == 0 || strcmp(t->name, "ActionSelector") == 0))) {
        ok = lower_action_profile(ir, decl, t, args, x);
    } else {
        if (!quiet)
            LOWER_ERROR(ir, decl, "extern '%s' is not supported by the XDP backend", t->name);
        return NULL;
    }
    if (!ok)
        return NULL;
    ir->externs = push_ptr(ir->arena, ir->externs, &ir->nexterns, x);
    return x;
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
    if (ir_psa_stateless_extern(ir, t))
        return true;
    return lower_extern(ir, decl, t, &decl->args,
                        arena_printf(ir->arena, "%s.%s", prefix, decl->name), owner, false);
}

/* Extern instances declared at the top level, which every block shares
 * (v1model programs declare registers and counters there), named as
 * declared. Ones of an extern the backend does not know are left out: an
 * unused one is harmless, a used one an error where it is used. */
static bool lower_global_instances(IrProgram *ir, Node *program)
{
    bool ok = true;
    for (int i = 0; i < program->items.len; i++) {
        Node *d = program->items.items[i];
        if (d->kind != N_INSTANCE || !d->ty || d->ty->kind != T_EXTERN)
            continue;
        int errors = ir->diag->errors;
        lower_extern(ir, d, d->ty, &d->args, d->name, NULL, true);
        ok = ok && ir->diag->errors == errors;
    }
    return ok;
}

/* A table's `counters = c;` or `meters = m;` (or an instance constructed
 * there, `counters = direct_counter(CounterType.packets);`, named after
 * the table): the direct resource of KIND whose cells are the table's
 * entries. */
static bool lower_direct_resource(IrProgram *ir, IrTable *t, const char *property,
                                  IrExternKind kind, IrExtern **out)
{
    Node *p = table_property(t->decl, N_PROP_OTHER, property);
    if (!p)
        return true;
    const char *want = kind == EXTERN_DIRECT_COUNTER ? "direct_counter" : "direct_meter";
    if (ir_portable_arch(ir))
        want = kind == EXTERN_DIRECT_COUNTER ? "DirectCounter" : "DirectMeter";
    else if (ir->arch != ARCH_V1MODEL) {
        LOWER_ERROR(ir, p, "the table property '%s' is not supported by the XDP backend for "
                           "this architecture", property);
        return false;
    }
    Node *e = p->expr;
    IrExtern *x = NULL;
    if (e->kind == N_NAME && e->ref && e->ref->kind == N_INSTANCE) {
        x = ir_find_extern(ir, e->ref);
    } else if (e->kind == N_CALL && e->expr->kind == N_TYPE_EXPR && e->ty &&
               e->ty->kind == T_EXTERN && strcmp(e->ty->name, want) == 0) {
        x = lower_extern(ir, p, e->ty, &e->args, t->name, t->owner, false);
        if (!x)
            return false;
    }
    if (!x || x->kind != kind) {
        LOWER_ERROR(ir, e, "the %s of table '%s' must be a %s", property, t->name, want);
        return false;
    }
    if (x->table) {
        LOWER_ERROR(ir, e, "%s '%s' already belongs to table '%s'; a %s belongs to one table",
                    want, x->name, x->table->name, want);
        return false;
    }
    if (kind == EXTERN_DIRECT_METER && t->kind == TABLE_LPM) {
        LOWER_ERROR(ir, e, "a direct_meter on an lpm table is not supported by the XDP backend: "
                           "its lock would live in the entries of an LPM trie, which the kernel "
                           "does not allow");
        return false;
    }
    x->table = t;
    *out = x;
    return true;
}

/* Whether tables A and B run the same actions in the same order (tables
 * that share an action profile share its members, so their values must
 * be one layout). */
static bool same_actions(const IrTable *a, const IrTable *b)
{
    if (a->nactions != b->nactions)
        return false;
    for (int i = 0; i < a->nactions; i++)
        if (a->actions[i].action != b->actions[i].action || a->actions[i].run != a->actions[i].action ||
            b->actions[i].run != b->actions[i].action)
            return false;
    return true;
}

/* v1model's `implementation = ap;` (or an action_profile or
 * action_selector constructed there, named after the table): IMPL is the
 * property, NULL when there is none. */
static bool lower_implementation(IrProgram *ir, IrTable *t, Node *impl)
{
    Node *e = impl ? impl->expr : NULL;
    IrExtern *x = NULL;
    if (e && e->kind == N_NAME && e->ref && e->ref->kind == N_INSTANCE) {
        x = ir_find_extern(ir, e->ref);
        if (!x || (x->kind != EXTERN_ACTION_PROFILE && x->kind != EXTERN_ACTION_SELECTOR)) {
            LOWER_ERROR(ir, e, "the implementation of table '%s' must be an action_profile or an "
                               "action_selector", t->name);
            return false;
        }
    } else if (e && e->kind == N_CALL && e->ty && e->ty->kind == T_EXTERN &&
               ((ir->arch == ARCH_V1MODEL && (strcmp(e->ty->name, "action_profile") == 0 ||
                                              strcmp(e->ty->name, "action_selector") == 0)) ||
                (ir_portable_arch(ir) && (strcmp(e->ty->name, "ActionProfile") == 0 ||
                                          strcmp(e->ty->name, "ActionSelector") == 0)))) {
        x = lower_extern(ir, impl, e->ty, &e->args, t->name, t->owner, false);
        if (!x)
            return false;
    }
    if (!x) {
        if (t->nselector_keys) {
            LOWER_ERROR(ir, t->selector_keys[0].expr, "a 'selector' key needs an action_selector "
                        "as the table's implementation");
            return false;
        }
        return true;
    }
    if (x->kind == EXTERN_ACTION_SELECTOR && !t->nselector_keys) {
        LOWER_ERROR(ir, e, "table '%s' has an action_selector but no 'selector' key field to hash",
                    t->name);
        return false;
    }
    if (x->kind == EXTERN_ACTION_PROFILE && t->nselector_keys) {
        LOWER_ERROR(ir, t->selector_keys[0].expr, "a 'selector' key needs an action_selector, "
                    "not an action_profile");
        return false;
    }
    if (t->nentries) {
        LOWER_ERROR(ir, impl, "entries of a table with an %s are not supported by the XDP backend",
                    x->kind == EXTERN_ACTION_SELECTOR ? "action_selector" : "action_profile");
        return false;
    }
    if (x->ntables && !same_actions(x->tables[0], t)) {
        LOWER_ERROR(ir, e, "tables '%s' and '%s' share '%s' but not their actions: the XDP backend "
                           "needs the same actions, in the same order and without bound "
                           "arguments, in tables that share an action profile",
                    x->tables[0]->name, t->name, x->name);
        return false;
    }
    if (!x->ntables && !same_actions(t, t)) {
        LOWER_ERROR(ir, e, "the actions of table '%s' bind arguments in its actions list, which "
                           "an action profile's members cannot hold in the XDP backend", t->name);
        return false;
    }
    x->tables = push_ptr(ir->arena, x->tables, &x->ntables, t);
    t->implementation = x;
    return true;
}

/* The match kind a value set's struct field asks for with @match, or NULL. */
static const char *field_match_kind(const Node *field)
{
    for (int i = 0; field && i < field->annotations.len; i++) {
        const Node *a = field->annotations.items[i];
        if (strcmp(a->name, "match") == 0 && a->items.len >= 1)
            return a->items.items[a->items.len - 1]->text;
    }
    return NULL;
}

/* Appends the fields of struct T (nested structs flattened, PREFIX before
 * their names) to VS; false after reporting one the backend cannot pack. */
static bool value_set_fields(IrProgram *ir, IrValueSet *vs, const Type *t, const char *prefix)
{
    bool ok = true;
    for (int i = 0; i < t->nfields; i++) {
        const Field *f = &t->fields[i];
        const char *name = prefix ? arena_printf(ir->arena, "%s.%s", prefix, f->name) : f->name;
        Node *at = f->decl ? f->decl : vs->decl;
        if (f->type && f->type->kind == T_STRUCT) {
            ok = value_set_fields(ir, vs, f->type, name) && ok;
            continue;
        }
        const char *kind = field_match_kind(f->decl);
        int w = key_width(f->type);
        if (kind && strcmp(kind, "exact") == 0)
            kind = NULL;
        bool known = !kind || strcmp(kind, "ternary") == 0 || strcmp(kind, "lpm") == 0 ||
                     strcmp(kind, "range") == 0 || strcmp(kind, "optional") == 0;
        if (!known) {
            LOWER_ERROR(ir, at, "@match(%s) on a field of a value set's element is not supported "
                                "by the XDP backend (exact, ternary, lpm, range and optional "
                                "are)", kind);
            ok = false;
        } else if (kind && w > 64) {
            LOWER_ERROR(ir, at, "@match(%s) on a field of a value set's element wider than 64 "
                                "bits is not supported by the XDP backend yet", kind);
            ok = false;
        } else if (w <= 0) {
            LOWER_ERROR(ir, at, "value set field '%s' of type '%s' is not supported by the XDP "
                                "backend yet", name, type_name(ir->arena, f->type));
            ok = false;
        } else {
            vs->fields = arena_realloc(ir->arena, vs->fields,
                                       sizeof(IrValueSetField) * (size_t)vs->nfields,
                                       sizeof(IrValueSetField) * (size_t)(vs->nfields + 1));
            vs->fields[vs->nfields++] = (IrValueSetField){name, w, kind};
            vs->slots = vs->slots || kind;
            vs->width += w;
        }
    }
    return ok;
}

static bool lower_value_set(IrProgram *ir, Node *decl, const char *prefix)
{
    const Type *elem = decl->ty && decl->ty->kind == T_SET ? decl->ty->base : NULL;
    IrValueSet *vs = ARENA_NEW(ir->arena, IrValueSet);
    vs->decl = decl;
    if (elem && elem->kind == T_STRUCT) {
        if (!value_set_fields(ir, vs, elem, NULL))
            return false;
        /* Slots hold each field apart; a hash key packs them. */
        if (vs->width <= 0 || (!vs->slots && vs->width > 256)) {
            LOWER_ERROR(ir, decl, "value sets of '%s' (%d bits) are not supported by the XDP "
                                  "backend (an element packs into 256 bits at most)",
                        type_name(ir->arena, elem), vs->width);
            return false;
        }
    } else {
        vs->width = elem ? key_width(elem) : -1;
        if (vs->width <= 0 || vs->width > 64) {
            LOWER_ERROR(ir, decl, "value sets of '%s' are not supported by the XDP backend yet",
                        elem ? type_name(ir->arena, elem) : "?");
            return false;
        }
    }
    vs->name = arena_printf(ir->arena, "%s.%s", prefix, decl->name);
    vs->c_name = ir_c_identifier(ir->arena, vs->name);
    vs->size = (int)const_long(decl->expr, 1);
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

/* Argument INDEX of package instance MAIN_DECL, given by position or by
 * the name of the package's parameter INDEX. */
static Node *package_arg(Node *main_decl, int index)
{
    Node *arg = main_decl->args.items[index]->expr;
    const Type *package = main_decl->ty;
    if (main_decl->args.items[index]->name && index < package->nparams)
        for (int i = 0; i < main_decl->args.len; i++) {
            const char *name = main_decl->args.items[i]->name;
            if (name && strcmp(name, package->params[index].name) == 0)
                arg = main_decl->args.items[i]->expr;
        }
    return arg;
}

static Node *block_argument(IrProgram *ir, Node *main_decl, int index, NodeKind kind)
{
    if (index >= main_decl->args.len)
        return NULL;
    /* Named arguments (`V1Switch(p = P(), ig = I(), ...)`) may come in any
     * order: the package's parameter names say which is which. */
    Node *arg = package_arg(main_decl, index);
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

/* PSA_Switch's argument ARG, an IngressPipeline or EgressPipeline: the
 * package instance whose arguments are the blocks, given in place
 * (`IngressPipeline(P(), I(), D())`) or named (`ip`, declared at the top
 * level). NULL after an error. */
static Node *psa_pipeline(IrProgram *ir, Node *arg)
{
    if (arg->kind == N_NAME && arg->ref && arg->ref->kind == N_INSTANCE)
        arg = arg->ref;
    if ((arg->kind == N_INSTANCE || arg->kind == N_CALL) && arg->ty &&
        arg->ty->kind == T_PACKAGE && arg->args.len == 3)
        return arg;
    LOWER_ERROR(ir, arg, "the XDP backend needs an IngressPipeline or EgressPipeline of three "
                         "blocks here");
    return NULL;
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

typedef struct WideCheck {
    IrProgram *ir;
    bool failed;
} WideCheck;

/* Reports each bit<W>, int<W> or varbit<W> type, and each W-bit literal,
 * wider than IR_MAX_VALUE_BITS, where it is written. */
static bool refuse_wide(Node *n, void *ctx)
{
    WideCheck *check = ctx;
    IrProgram *ir = check->ir;
    int width = -1;
    const char *what = NULL;
    if ((n->kind == N_TYPE_BIT || n->kind == N_TYPE_VARBIT) && n->ty &&
        (n->ty->kind == T_BITS || n->ty->kind == T_VARBIT)) {
        width = n->ty->width;
        what = type_name(ir->arena, n->ty);
    } else if (n->kind == N_INT && n->int_lit.width > 0) {
        width = n->int_lit.width;
        what = arena_printf(ir->arena, "a %d-bit literal", width);
    }
    if (width > IR_MAX_VALUE_BITS) {
        LOWER_ERROR(ir, n, "%s is not supported by the XDP backend (values of at most %d bits: "
                    "the per-packet state holding them is zeroed inline, at most 1024 bytes)",
                    what, IR_MAX_VALUE_BITS);
        check->failed = true;
        return false;
    }
    return true;
}

/* A top-level action called directly (`nop();` in a control, or
 * `NoAction();` in another action) rather than through a table: the call
 * of one without parameters stays a call (pass_inline.c), so the IR needs
 * the action. Actions found here may call more: ACTIONS grows while the
 * loop below walks it. */
static bool declare_called_action(Node *n, void *ctx)
{
    IrProgram *ir = ctx;
    if (n->kind == N_CALL && n->expr->kind == N_NAME && n->expr->ref &&
        n->expr->ref->kind == N_ACTION && !ir_find_action(ir, n->expr->ref))
        action_for(ir, n->expr->ref, NULL, NULL);
    return true;
}

static void declare_called_actions(IrProgram *ir)
{
    AstWalker w = {.pre = declare_called_action, .ctx = ir};
    for (int i = 0; i < ir->nblocks; i++)
        ast_walk(ir->blocks[i].decl, &w);
    for (int i = 0; i < ir->ninstances; i++)
        ast_walk(ir->instances[i]->control, &w);
    for (int i = 0; i < ir->functions.len; i++)
        ast_walk(ir->functions.items[i], &w);
    for (int i = 0; i < ir->nactions; i++)
        ast_walk(ir->actions[i]->decl, &w);
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
                                         "(ebpf_model.p4), xdp (xdp_model.p4), V1Switch "
                                         "(v1model.p4), PSA_Switch (psa.p4) and PNA_NIC (pna.p4) "
                                         "architectures, "
                                         "not '%s'", package);
        return NULL;
    }
    /* PSA's blocks come from two packages, PSA_Switch's first and third
     * arguments, three blocks each. */
    Node *psa_pipes[2] = {NULL, NULL};
    if (arch->arch == ARCH_PSA) {
        if (main_decl->args.len != 4) {
            diag_error(diag, main_decl->loc, "the XDP backend's 'PSA_Switch' package takes 4 "
                       "arguments (include psa.p4 for its declaration)");
            return NULL;
        }
        for (int i = 0; i < 2; i++)
            if (!(psa_pipes[i] = psa_pipeline(ir, package_arg(main_decl, 2 * i))))
                return NULL;
    } else if (main_decl->args.len != arch->nblocks) {
        /* A package of the right name declared by the program itself may
         * take fewer blocks than the architecture file's. */
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
    WideCheck check = {ir, false};
    AstWalker wide = {.pre = refuse_wide, .ctx = &check};
    ast_walk(program, &wide);
    if (check.failed)
        return NULL;
    Node *decls[IR_MAX_BLOCKS];
    for (int i = 0; i < arch->nblocks; i++) {
        NodeKind kind = arch->blocks[i].kind == BLOCK_PARSER ? N_PARSER : N_CONTROL;
        decls[i] = arch->arch == ARCH_PSA ? block_argument(ir, psa_pipes[i / 3], i % 3, kind)
                                          : block_argument(ir, main_decl, i, kind);
        if (!decls[i])
            return NULL;
        /* One control given twice (a checksum control as both verify and
         * compute) is two blocks with declarations of their own. */
        for (int j = 0; j < i; j++)
            if (decls[j] == decls[i])
                decls[i] = ir_specialize_block(ir, decls[i], (TypeList){0});
    }
    collect_types(ir, program);
    bool ok = lower_global_instances(ir, program);
    ir->nblocks = arch->nblocks;
    for (int i = 0; i < arch->nblocks && ok; i++) {
        IrBlock *b = &ir->blocks[i];
        ok = lower_block(ir, b, decls[i], &arch->blocks[i]);
        /* PSA: the ingress ones; the backend turns to egress's itself. */
        if (b->kind == BLOCK_PARSER && !ir->parser)
            ir->parser = b;
        else if (b->kind == BLOCK_DEPARSER && !ir->deparser)
            ir->deparser = b;
        else if (!ir->control || strcmp(b->role, "ingress") == 0 ||
                 strcmp(b->role, "mainControl") == 0)
            ir->control = b;
    }
    if (ok)
        declare_called_actions(ir);
    return ok ? ir : NULL;
}
