/* What a pipeline holds: its program, its tables and their actions, its
 * counters and registers, as p4info describes them. See include/p4rt.h. */
#include <errno.h>

#include "internal.h"

int p4rt_get_info(const p4rt_pipeline *p, p4rt_info *info)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(info);
    info->name = p->name;
    info->program = p->info.program ? p->info.program : "";
    info->arch = p->info.arch ? p->info.arch : "";
    info->prog_id = p->loaded ? p->prog_id : 0;
    info->ntables = p->info.ntables;
    info->ncounters = p->info.ncounters;
    info->nregisters = p->info.nregisters;
    return 0;
}

const char *p4rt_table_name(const p4rt_pipeline *p, size_t i)
{
    P4RT_NONNULL_PTR(p);
    return i < p->info.ntables ? p->info.tables[i].n.name : NULL;
}

const char *p4rt_counter_name(const p4rt_pipeline *p, size_t i)
{
    P4RT_NONNULL_PTR(p);
    return i < p->info.ncounters ? p->info.counters[i].n.name : NULL;
}

const char *p4rt_register_name(const p4rt_pipeline *p, size_t i)
{
    P4RT_NONNULL_PTR(p);
    return i < p->info.nregisters ? p->info.registers[i].n.name : NULL;
}

static const P4iTable *find_table(p4rt_pipeline *p, const char *name)
{
    return p4e_table(&p->info, name);
}

int p4rt_table_get_info(p4rt_pipeline *p, const char *table, p4rt_table_info *info)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(table);
    P4RT_NONNULL(info);
    const P4iTable *t = find_table(p, table);
    if (!t)
        return -ENOENT;
    *info = (p4rt_table_info){
        .name = t->n.name,
        .id = t->id ? t->id : (uint32_t)(t - p->info.tables) + 1,
        .kind = p4i_kind_name(t->kind),
        .size = t->size,
        .nkeys = t->nkeys,
        .nactions = t->nactions,
        .has_priority = t->kind == P4I_SLOTS,
        .const_entries = t->const_entries,
        .const_default = t->default_const,
    };
    return 0;
}

int p4rt_action_get_info(p4rt_pipeline *p, const char *table, const char *action,
                         p4rt_action_info *info)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(table);
    P4RT_NONNULL(action);
    P4RT_NONNULL(info);
    const P4iTable *t = find_table(p, table);
    if (!t)
        return -ENOENT;
    const P4iAction *a = p4e_action(t, action);
    if (!a)
        return -ENOENT;
    *info = (p4rt_action_info){a->n.name, a->id, a->param_names, a->nparams};
    return 0;
}
