/* Control-plane names (spec "Control plane names"): what the control plane
 * calls a program's actions and objects must name one thing. Checked on
 * the whole program after its declarations. */
#include "sema_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer.h"

/* The string of `@name("...")` on DECL, without quotes; NULL when there
 * is none or it is not a single literal. */
static const char *name_annotation(Checker *ck, const Node *decl)
{
    for (int i = 0; i < decl->annotations.len; i++) {
        const Node *ann = decl->annotations.items[i];
        if (strcmp(ann->name, "name") != 0 || ann->is_structured || ann->items.len != 1)
            continue;
        const char *t = ann->items.items[0]->text;
        size_t n = strlen(t);
        if (n >= 2 && t[0] == '"')
            return arena_printf(ck->arena, "%.*s", (int)(n - 2), t + 1);
    }
    return NULL;
}

/* Spec "Control plane names": an action's fully-qualified name is its
 * @name when that starts with '.', else the enclosing control's name (if
 * any), a dot and its @name or its own name. */
static const char *action_cp_name(Checker *ck, const Node *action, const Node *control)
{
    const char *local = name_annotation(ck, action);
    if (local && local[0] == '.')
        return local;
    if (control)
        return arena_printf(ck->arena, ".%s.%s", control->name, local ? local : action->name);
    return arena_printf(ck->arena, ".%s", local ? local : action->name);
}

static const char *printed(Checker *ck, const Node *n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return "";
    print_node(out, n);
    fclose(out);
    const char *copy = arena_strndup(ck->arena, text ? text : "", len);
    free(text);
    return copy;
}

/* Copies of one action (p4c's NoAction_1 beside NoAction, or a P4-14
 * program's `@name(".nop") action nop()` in several controls) are one
 * action to the control plane: the same parameters and body. */
static bool same_action(Checker *ck, const Node *a, const Node *b)
{
    if (a->params.len != b->params.len)
        return false;
    for (int i = 0; i < a->params.len; i++) {
        const Node *p = a->params.items[i], *q = b->params.items[i];
        if (p->dir != q->dir || strcmp(p->name, q->name) != 0 ||
            strcmp(printed(ck, p->type), printed(ck, q->type)) != 0)
            return false;
    }
    return strcmp(printed(ck, a->body), printed(ck, b->body)) == 0;
}

static bool declared_in(const Node *control, const Node *decl)
{
    for (int i = 0; i < control->locals.len; i++)
        if (control->locals.items[i] == decl)
            return true;
    return false;
}

/* Two different actions that one table can run under one control-plane
 * name: the control plane could not say which an entry means. (Different
 * actions of different tables sharing a name never meet: p4cc's p4info
 * names actions after their declarations.) */
static void check_table_action_names(Checker *ck, const Node *control, const Node *table)
{
    const Node *actions = NULL;
    for (int i = 0; i < table->items.len; i++)
        if (table->items.items[i]->kind == N_PROP_ACTIONS)
            actions = table->items.items[i];
    for (int i = 0; actions && i < actions->items.len; i++) {
        Node *ref = actions->items.items[i];
        const Node *a = ref->expr->ref;
        if (!a || a->kind != N_ACTION)
            continue;
        const char *name = action_cp_name(ck, a, declared_in(control, a) ? control : NULL);
        for (int j = 0; j < i; j++) {
            const Node *b = actions->items.items[j]->expr->ref;
            if (!b || b->kind != N_ACTION || b == a ||
                strcmp(name, action_cp_name(ck, b, declared_in(control, b) ? control : NULL)) ||
                same_action(ck, a, b))
                continue;
            ERROR_AT(ck, ref, "table '%s' lists actions '%s' and '%s', which differ but have "
                              "the same control-plane name '%s'", table->name, b->name, a->name,
                     name);
            diag_note(ck->diag, b->loc, "'%s' is declared here", b->name);
            break;
        }
    }
}

static void check_action_names(Checker *ck, Node *program)
{
    for (int i = 0; i < program->items.len; i++) {
        const Node *d = program->items.items[i];
        if (d->kind != N_CONTROL)
            continue;
        for (int j = 0; j < d->locals.len; j++)
            if (d->locals.items[j]->kind == N_TABLE)
                check_table_action_names(ck, d, d->locals.items[j]);
    }
}

/* The first table, action or instance declared in CONTROL whose @name is
 * absolute (starts with '.'), or NULL. */
static const Node *absolutely_named_local(Checker *ck, const Node *control, const char **name)
{
    for (int i = 0; i < control->locals.len; i++) {
        const Node *d = control->locals.items[i];
        if (d->kind != N_TABLE && d->kind != N_ACTION && d->kind != N_INSTANCE)
            continue;
        const char *local = name_annotation(ck, d);
        if (local && local[0] == '.') {
            *name = local;
            return d;
        }
    }
    return NULL;
}

/* The instantiations of CONTROL inside the program's parsers and controls:
 * the first in *FIRST, the second in *SECOND (NULL when there are fewer). */
static void find_instances(const Node *program, const Node *control, const Node **first,
                           const Node **second)
{
    *first = *second = NULL;
    for (int i = 0; i < program->items.len; i++) {
        const Node *block = program->items.items[i];
        if (block->kind != N_CONTROL && block->kind != N_PARSER)
            continue;
        for (int j = 0; j < block->locals.len; j++) {
            const Node *d = block->locals.items[j];
            if (d->kind != N_INSTANCE)
                continue;
            const Node *ref = d->type;
            if (ref->kind == N_TYPE_SPECIALIZED)
                ref = ref->type;
            if (ref->ref != control)
                continue;
            if (!*first) {
                *first = d;
            } else {
                *second = d;
                return;
            }
        }
    }
}

/* Spec "Control plane names": an absolute @name names one object, so the
 * control that declares it cannot be instantiated twice (each instance
 * would have its own table or action under that one name). */
static void check_absolute_names(Checker *ck, Node *program)
{
    for (int i = 0; i < program->items.len; i++) {
        const Node *control = program->items.items[i];
        if (control->kind != N_CONTROL)
            continue;
        const char *name = NULL;
        const Node *named = absolutely_named_local(ck, control, &name);
        if (!named)
            continue;
        const Node *first, *second;
        find_instances(program, control, &first, &second);
        if (!second)
            continue;
        ERROR_AT(ck, second, "'%s' is a second instance of control '%s', whose %s '%s' has the "
                             "absolute control-plane name '%s': two objects would share it",
                 second->name, control->name, named->kind == N_TABLE    ? "table"
                                               : named->kind == N_ACTION ? "action"
                                                                         : "instance",
                 named->name, name);
        diag_note(ck->diag, first->loc, "the first instance is '%s'", first->name);
    }
}

void check_control_plane_names(Checker *ck, Node *program)
{
    check_action_names(ck, program);
    check_absolute_names(ck, program);
}
