/* What a pipeline holds: its program, and the names of its tables,
 * counters and registers. See include/p4rt.h. */
#include "internal.h"

int p4rt_get_info(const p4rt_pipeline *p, p4rt_info *info)
{
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
    return i < p->info.ntables ? p->info.tables[i].n.name : NULL;
}

const char *p4rt_counter_name(const p4rt_pipeline *p, size_t i)
{
    return i < p->info.ncounters ? p->info.counters[i].n.name : NULL;
}

const char *p4rt_register_name(const p4rt_pipeline *p, size_t i)
{
    return i < p->info.nregisters ? p->info.registers[i].n.name : NULL;
}
