/* Registers: read, write, reset and dump cells of a Register<T, I>'s ARRAY
 * map. A cell holds value ^ initial_value (docs/RUNTIME.md, "Registers"). */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const P4iRegister *find_register(p4rt_pipeline *p, const char *name, size_t *ri)
{
    long a = 0, b = 0, r = P4I_LOOKUP(p->info.registers, p->info.nregisters, name, &a, &b);
    if (r == -2) {
        p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL,
                     "register name '%s' is ambiguous: it could be '%s' or '%s'", name,
                     p->info.registers[a].n.name, p->info.registers[b].n.name);
        return NULL;
    }
    if (r < 0) {
        p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "the program has no register '%s'", name);
        return NULL;
    }
    *ri = (size_t)r;
    return &p->info.registers[r];
}

static const P4iRegister *register_by_id(p4rt_pipeline *p, uint32_t id, size_t *ri)
{
    for (size_t i = 0; i < p->info.nregisters; i++)
        if (p->info.registers[i].id == id) {
            *ri = i;
            return &p->info.registers[i];
        }
    p4rt_fail(ENOENT, "the program has no register with id %u", id);
    return NULL;
}

static int index_ok(const P4iRegister *r, uint64_t index)
{
    if (index >= r->size)
        return p4rt_fail_at(ERANGE, P4RT_AT_INDEX, 0, 0, NULL,
                            "index %llu is out of range for register '%s' (size %u)",
                            (unsigned long long)index, r->n.name, r->size);
    return 0;
}

static int cell_read(const P4iRegister *r, const P4rtMap *m, uint32_t index, uint64_t *value)
{
    uint8_t cell[8] = {0};
    uint64_t v = 0;
    if (bpf_map_lookup_elem(m->fd, &index, cell)) {
        int e = errno;
        return p4rt_fail(e, "cannot read register '%s' cell %u: %s", r->n.name, index,
                         strerror(e));
    }
    switch (r->value_size) {
    case 1: v = cell[0]; break;
    case 2: { uint16_t x; memcpy(&x, cell, 2); v = x; break; }
    case 4: { uint32_t x; memcpy(&x, cell, 4); v = x; break; }
    default: memcpy(&v, cell, 8); break;
    }
    *value = v ^ r->initial;
    return 0;
}

static int cell_write(const P4iRegister *r, const P4rtMap *m, uint32_t index, uint64_t value)
{
    uint8_t cell[8];
    uint64_t v = value ^ r->initial;
    switch (r->value_size) {
    case 1: cell[0] = (uint8_t)v; break;
    case 2: { uint16_t x = (uint16_t)v; memcpy(cell, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; memcpy(cell, &x, 4); break; }
    default: memcpy(cell, &v, 8); break;
    }
    if (bpf_map_update_elem(m->fd, &index, cell, BPF_ANY)) {
        int e = errno;
        return p4rt_fail(e, "cannot write register '%s' cell %u: %s", r->n.name, index,
                         strerror(e));
    }
    return 0;
}

static int value_ok(const P4iRegister *r, uint64_t value)
{
    if (r->width < 64 && value >> r->width)
        return p4rt_fail(ERANGE, "value %llu is too wide for register '%s' (%u bits)",
                         (unsigned long long)value, r->n.name, r->width);
    return 0;
}

int p4rt_register_get_info(p4rt_pipeline *p, const char *reg, p4rt_register_info *info)
{
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    *info = (p4rt_register_info){r->n.name, r->id, r->size, r->width, r->initial};
    return 0;
}

static int read_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                   uint64_t *value)
{
    int e;
    *value = 0;
    if ((e = index_ok(r, index)) < 0 || (e = p4rt_need_loaded(p)) < 0)
        return e;
    return cell_read(r, &p->registers[ri], index, value);
}

static int write_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                    uint64_t value)
{
    int e;
    if ((e = index_ok(r, index)) < 0 || (e = value_ok(r, value)) < 0 ||
        (e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    e = cell_write(r, &p->registers[ri], index, value);
    p4rt_unlock(p);
    return e;
}

int p4rt_register_read(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t *value)
{
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    *value = 0;
    return r ? read_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_write(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t value)
{
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? write_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_read_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t *value)
{
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    *value = 0;
    return r ? read_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_write_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t value)
{
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    return r ? write_at(p, r, ri, index, value) : -ENOENT;
}

static int reset_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, long index)
{
    int e;
    if (index >= 0 && (e = index_ok(r, (uint64_t)index)) < 0)
        return e;
    if ((e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    uint32_t lo = index >= 0 ? (uint32_t)index : 0, hi = index >= 0 ? lo + 1 : r->size;
    for (uint32_t i = lo; i < hi && e == 0; i++)
        e = cell_write(r, &p->registers[ri], i, r->initial);
    p4rt_unlock(p);
    return e;
}

int p4rt_register_reset(p4rt_pipeline *p, const char *reg, long index)
{
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? reset_at(p, r, ri, index) : -ENOENT;
}

int p4rt_register_reset_id(p4rt_pipeline *p, uint32_t reg_id, long index)
{
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    return r ? reset_at(p, r, ri, index) : -ENOENT;
}

int p4rt_register_dump(p4rt_pipeline *p, const char *reg, p4rt_register_fn fn, void *ctx)
{
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    int e = p4rt_need_loaded(p);
    for (uint32_t i = 0; i < r->size && e == 0; i++) {
        uint64_t v;
        if ((e = cell_read(r, &p->registers[ri], i, &v)) == 0)
            e = fn(i, v, ctx);
    }
    return e;
}
