/* Counters by p4info id, for generated code (prog.h): a header from an
 * older compile of a changed program fails here instead of reaching
 * another counter of the same name. */
#include <errno.h>

#include "internal.h"

static const char *counter_name(p4rt_pipeline *p, uint32_t id)
{
    for (size_t i = 0; i < p->info.ncounters; i++)
        if (p->info.counters[i].id == id)
            return p->info.counters[i].n.name;
    p4rt_fail(ENOENT, "the program has no counter with id %u", id);
    return NULL;
}

int p4rt_counter_read_id(p4rt_pipeline *p, uint32_t counter_id, uint32_t index, uint64_t *value)
{
    const char *name = counter_name(p, counter_id);
    *value = 0;
    return name ? p4rt_counter_read(p, name, index, value) : -ENOENT;
}

int p4rt_counter_reset_id(p4rt_pipeline *p, uint32_t counter_id, long index)
{
    const char *name = counter_name(p, counter_id);
    return name ? p4rt_counter_reset(p, name, index) : -ENOENT;
}
