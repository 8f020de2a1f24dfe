/* v1model's action profiles and selectors (docs/RUNTIME.md, "Action
 * profiles and selectors"). A profile's members are table values (an
 * action and its data) in a HASH map by member id; a selector's groups
 * are lists of member ids in another. The entries of a table they
 * implement hold either an action, as in any table, or a reference
 * (include/p4cc/profile.h): the lookup resolves it to the member, through
 * a group by the hash of the table's selector fields, and the table runs
 * the member's action as its own. The tables that share a profile have
 * the same actions (lowering checks it), so one value layout fits all. */
#include "emit.h"

/* The value struct of the profile's members: its first table's. */
static const char *member_type(Emitter *em, const IrExtern *x)
{
    return arena_printf(em->arena, "struct %s_value", x->tables[0]->c_name);
}

static bool is_profile(const IrExtern *x)
{
    return (x->kind == EXTERN_ACTION_PROFILE || x->kind == EXTERN_ACTION_SELECTOR) && x->ntables;
}

void emit_profile_types(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        if (is_profile(x) && x->kind == EXTERN_ACTION_SELECTOR)
            fprintf(em->out, "/* A group of %s: members[0 .. size - 1], in increasing id order. */\n"
                             "struct %s_group {\n    u32 size;\n    u32 members[%d];\n};\n\n",
                    x->name, x->c_name, x->max_group_size);
    }
}

void emit_profile_maps(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        if (!is_profile(x))
            continue;
        fprintf(em->out, "struct {\n    __uint(type, BPF_MAP_TYPE_HASH);\n    __type(key, u32);\n"
                         "    __type(value, %s);\n    __uint(max_entries, %ld);\n"
                         "} %s_members SEC(\".maps\");\n\n", member_type(em, x), x->size, x->c_name);
        if (x->kind == EXTERN_ACTION_SELECTOR)
            fprintf(em->out, "struct {\n    __uint(type, BPF_MAP_TYPE_HASH);\n    __type(key, u32);\n"
                             "    __type(value, struct %s_group);\n    __uint(max_entries, %ld);\n"
                             "} %s_groups SEC(\".maps\");\n\n", x->c_name, x->size, x->c_name);
    }
}

/* The member a reference (CODE, ID) names, or NULL: a group's member is
 * the one at the hash modulo the group's size, as BMv2 chooses it; an
 * empty group, or an id with no member or group, gives none. */
void emit_profile_helpers(Emitter *em)
{
    for (int i = 0; i < em->ir->nexterns; i++) {
        IrExtern *x = em->ir->externs[i];
        if (!is_profile(x))
            continue;
        fprintf(em->out, "static __always_inline %s *p4cc_member_%s(u32 code, u32 id, u64 hash)\n{\n",
                member_type(em, x), x->c_name);
        if (x->kind == EXTERN_ACTION_SELECTOR)
            fprintf(em->out,
                    "    if (code == P4CC_ACTION_GROUP) {\n"
                    "        struct %s_group *group = bpf_map_lookup_elem(&%s_groups, &id);\n"
                    "        if (!group || !group->size)\n            return NULL;\n"
                    "        u32 size = group->size < %d ? group->size : %d;\n"
                    "        u32 index = (u32)(hash %% size);\n"
                    "        /* clang knows index < size and would drop the test; the\n"
                    "         * verifier does not follow %%. */\n"
                    "        asm volatile(\"\" : \"+r\"(index));\n"
                    "        if (index >= %d)\n            return NULL;\n"
                    "        id = group->members[index];\n"
                    "    }\n", x->c_name, x->c_name, x->max_group_size, x->max_group_size,
                    x->max_group_size);
        else
            fputs("    (void)hash;\n    if (code != P4CC_ACTION_MEMBER)\n        return NULL;\n",
                  em->out);
        fprintf(em->out, "    return bpf_map_lookup_elem(&%s_members, &id);\n}\n\n", x->c_name);
    }
}

/* In T's apply, after the lookup: `value`, when it holds a reference,
 * becomes the member it names (NULL: a miss). */
void emit_member_lookup(Emitter *em, IrTable *t)
{
    const IrExtern *x = t->implementation;
    const char *hash = t->selector_hash
                       ? arena_printf(em->arena, "value->action == P4CC_ACTION_GROUP ? %s : 0",
                                      emit_expr(em, t->selector_hash))
                       : "0";
    emit_line(em, "if (value && value->action >= P4CC_ACTION_MEMBER)");
    emit_line(em, "    value = (struct %s_value *)p4cc_member_%s(value->action, value->pad, %s);",
              t->c_name, x->c_name, hash);
}
