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

/* The u64 functions take cells of up to 64 bits; wider ones travel as
 * bytes (p4rt_register_read_bytes). */
static int narrow(const P4iRegister *r)
{
    if (r->network)
        return p4rt_fail(EINVAL, "register '%s' has %u-bit cells: read and write them as bytes "
                         "or text (p4rt_register_read_bytes, p4rt_register_write_text)",
                         r->n.name, r->width);
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

/* Cell INDEX as a number of P4V_BYTES bytes, big-endian, right-aligned. */
static int cell_get(const P4iRegister *r, const P4rtMap *m, uint32_t index,
                    uint8_t v[P4V_BYTES])
{
    if (!r->network) {
        uint64_t x;
        int e = cell_read(r, m, index, &x);
        p4v_from_u64(v, x);
        return e;
    }
    memset(v, 0, P4V_BYTES);
    if (bpf_map_lookup_elem(m->fd, &index, v + P4V_BYTES - r->value_size)) {
        int e = errno;
        return p4rt_fail(e, "cannot read register '%s' cell %u: %s", r->n.name, index,
                         strerror(e));
    }
    return 0;
}

/* Sets cell INDEX to V (as cell_get gives it; checked to fit). */
static int cell_put(const P4iRegister *r, const P4rtMap *m, uint32_t index,
                    const uint8_t v[P4V_BYTES])
{
    if (!r->network) {
        uint64_t x = 0;
        for (int i = P4V_BYTES - 8; i < P4V_BYTES; i++)
            x = x << 8 | v[i];
        return cell_write(r, m, index, x);
    }
    if (bpf_map_update_elem(m->fd, &index, v + P4V_BYTES - r->value_size, BPF_ANY)) {
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
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    P4RT_NONNULL(info);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    *info = (p4rt_register_info){r->n.name, r->id, r->size, r->width, r->initial,
                                 (uint32_t)r->nfields};
    return 0;
}

static int read_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                   uint64_t *value)
{
    int e;
    *value = 0;
    if ((e = narrow(r)) < 0 || (e = index_ok(r, index)) < 0 || (e = p4rt_need_loaded(p)) < 0)
        return e;
    return cell_read(r, &p->registers[ri], index, value);
}

static int write_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                    uint64_t value)
{
    int e;
    if ((e = narrow(r)) < 0 || (e = index_ok(r, index)) < 0 || (e = value_ok(r, value)) < 0 ||
        (e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    e = cell_write(r, &p->registers[ri], index, value);
    p4rt_unlock(p);
    return e;
}

int p4rt_register_read(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t *value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    *value = 0;
    return r ? read_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_write(p4rt_pipeline *p, const char *reg, uint32_t index, uint64_t value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? write_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_read_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t *value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    *value = 0;
    return r ? read_at(p, r, ri, index, value) : -ENOENT;
}

int p4rt_register_write_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index, uint64_t value)
{
    P4RT_NONNULL(p);
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
    static const uint8_t zero[P4V_BYTES];
    for (uint32_t i = lo; i < hi && e == 0; i++)
        e = r->network ? cell_put(r, &p->registers[ri], i, zero)
                       : cell_write(r, &p->registers[ri], i, r->initial);
    p4rt_unlock(p);
    return e;
}

int p4rt_register_reset(p4rt_pipeline *p, const char *reg, long index)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? reset_at(p, r, ri, index) : -ENOENT;
}

int p4rt_register_reset_id(p4rt_pipeline *p, uint32_t reg_id, long index)
{
    P4RT_NONNULL(p);
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    return r ? reset_at(p, r, ri, index) : -ENOENT;
}

int p4rt_register_dump(p4rt_pipeline *p, const char *reg, p4rt_register_fn fn, void *ctx)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    P4RT_NONNULL(fn);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    int e = narrow(r);
    if (e == 0)
        e = p4rt_need_loaded(p);
    for (uint32_t i = 0; i < r->size && e == 0; i++) {
        uint64_t v;
        if ((e = cell_read(r, &p->registers[ri], i, &v)) == 0)
            e = fn(i, v, ctx);
    }
    return e;
}

/* ---- cells of any width, as bytes or text */

static int bytes_len_ok(const P4iRegister *r, size_t len)
{
    if (len != (r->width + 7) / 8)
        return p4rt_fail(EINVAL, "register '%s' has %u-bit cells: a value is %u bytes, not %zu",
                         r->n.name, r->width, (r->width + 7) / 8, len);
    return 0;
}

static int read_bytes_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                         uint8_t *value, size_t len)
{
    uint8_t v[P4V_BYTES];
    int e;
    if ((e = bytes_len_ok(r, len)) < 0 || (e = index_ok(r, index)) < 0 ||
        (e = p4rt_need_loaded(p)) < 0 || (e = cell_get(r, &p->registers[ri], index, v)) < 0)
        return e;
    memcpy(value, v + P4V_BYTES - len, len);
    return 0;
}

/* Writes V (P4V_BYTES, big-endian) to cell INDEX after checking it fits. */
static int put_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                  const uint8_t v[P4V_BYTES])
{
    int e;
    if ((e = index_ok(r, index)) < 0)
        return e;
    if (p4v_bits(v) > r->width)
        return p4rt_fail(ERANGE, "the value is too wide for register '%s' (%u bits)", r->n.name,
                         r->width);
    if ((e = p4rt_need_loaded(p)) < 0 || (e = p4rt_lock(p, true)) < 0)
        return e;
    e = cell_put(r, &p->registers[ri], index, v);
    p4rt_unlock(p);
    return e;
}

static int write_bytes_at(p4rt_pipeline *p, const P4iRegister *r, size_t ri, uint32_t index,
                          const uint8_t *value, size_t len)
{
    uint8_t v[P4V_BYTES] = {0};
    int e = bytes_len_ok(r, len);
    if (e < 0)
        return e;
    memcpy(v + P4V_BYTES - len, value, len);
    return put_at(p, r, ri, index, v);
}

int p4rt_register_read_bytes(p4rt_pipeline *p, const char *reg, uint32_t index, uint8_t *value,
                             size_t len)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? read_bytes_at(p, r, ri, index, value, len) : -ENOENT;
}

int p4rt_register_write_bytes(p4rt_pipeline *p, const char *reg, uint32_t index,
                              const uint8_t *value, size_t len)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    return r ? write_bytes_at(p, r, ri, index, value, len) : -ENOENT;
}

int p4rt_register_read_bytes_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index,
                                uint8_t *value, size_t len)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    return r ? read_bytes_at(p, r, ri, index, value, len) : -ENOENT;
}

int p4rt_register_write_bytes_id(p4rt_pipeline *p, uint32_t reg_id, uint32_t index,
                                 const uint8_t *value, size_t len)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(value);
    size_t ri;
    const P4iRegister *r = register_by_id(p, reg_id, &ri);
    return r ? write_bytes_at(p, r, ri, index, value, len) : -ENOENT;
}

int p4rt_register_write_text(p4rt_pipeline *p, const char *reg, uint32_t index,
                             const char *value)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    P4Packed pk = {"register", r->n.name, r->width, r->fields, r->nfields};
    uint8_t v[P4V_BYTES];
    int e = p4packed_parse(&pk, value, v);
    return e < 0 ? e : put_at(p, r, ri, index, v);
}

int p4rt_register_get_field(p4rt_pipeline *p, const char *reg, size_t i, const char **name,
                            uint32_t *width)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(reg);
    size_t ri;
    const P4iRegister *r = find_register(p, reg, &ri);
    if (!r)
        return -ENOENT;
    if (i >= r->nfields)
        return p4rt_fail(ENOENT, "register '%s' has no field %zu", r->n.name, i);
    if (name)
        *name = r->fields[i].name;
    if (width)
        *width = r->fields[i].width;
    return 0;
}
