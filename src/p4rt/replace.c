/* Replacing a pinned pipeline's program without a gap (p4rt_replace, see
 * include/p4rt.h and docs/RUNTIME.md, "Replacing a program"): the old
 * pipeline's control-plane state is carried into the new program's maps
 * while the old program still runs, every port then switches program in
 * one step, and the new pins take the old ones' place by one rename. All
 * under the old pipeline's lock, so no write to it is lost meanwhile. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* The new pipeline's table of the same P4 name, or NULL. */
static const P4iTable *same_table(const p4rt_pipeline *p, const char *name)
{
    for (size_t i = 0; i < p->info.ntables; i++)
        if (strcmp(p->info.tables[i].n.name, name) == 0)
            return &p->info.tables[i];
    return NULL;
}

/* Whether the key fields of A and B are the same (names, match kinds and
 * widths, in order); else a refusal that names the difference. */
static int same_keys(const P4iTable *a, const P4iTable *b)
{
    if (a->nkeys != b->nkeys)
        return p4rt_fail(EINVAL, "table '%s' has %zu key fields, in the new program %zu",
                         a->n.name, a->nkeys, b->nkeys);
    for (size_t k = 0; k < a->nkeys; k++) {
        const P4iField *x = &a->keys[k], *y = &b->keys[k];
        if (strcmp(x->n.name, y->n.name) != 0)
            return p4rt_fail(EINVAL, "table '%s': key field %zu is '%s', in the new program '%s'",
                             a->n.name, k + 1, x->n.name, y->n.name);
        if (x->match != y->match || x->width != y->width)
            return p4rt_fail(EINVAL,
                             "table '%s': key field '%s' is %s bit<%u>, in the new program %s "
                             "bit<%u>",
                             a->n.name, x->n.name, p4i_match_name(x->match), x->width,
                             p4i_match_name(y->match), y->width);
    }
    return 0;
}

typedef struct {
    p4rt_pipeline *to;
    const char *table;
    size_t n;
} Carry;

static int carry_entry(const p4rt_entry_out *e, void *ctx)
{
    Carry *c = ctx;
    int r = p4rt_table_add(c->to, c->table, &e->e);
    if (r < 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", p4rt_errmsg());
        return p4rt_fail(-r, "cannot carry an entry of table '%s' over: %s", c->table, msg);
    }
    c->n++;
    return 0;
}

static int count_entry(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    ++*(size_t *)ctx;
    return 0;
}

/* FROM's table T's entries and default action into TO. */
static int carry_table(p4rt_pipeline *from, p4rt_pipeline *to, const P4iTable *t,
                       p4rt_replace_info *info)
{
    const P4iTable *nt = same_table(to, t->n.name);
    p4rt_entry_out *def = NULL;
    size_t n = 0;
    int r = t->const_entries ? 0 : p4rt_table_dump(from, t->n.name, count_entry, &n);
    if (r == 0 && !t->default_const && p4rt_table_get_default(from, t->n.name, &def) < 0)
        def = NULL;
    bool own_default = def && !def->is_program_default;
    if (r < 0 || (n == 0 && !own_default)) {
        p4rt_entry_release(def);
        return r;
    }
    if (!nt)
        r = p4rt_fail(ENOENT, "table '%s' has %zu entries%s, and the new program has no such "
                              "table",
                      t->n.name, n, own_default ? " and a default action" : "");
    else if (n && (r = same_keys(t, nt)) == 0) {
        Carry c = {to, t->n.name, 0};
        r = p4rt_table_dump(from, t->n.name, carry_entry, &c);
        info->entries += c.n;
    }
    if (r == 0 && own_default) {
        if ((r = p4rt_table_set_default(to, t->n.name, def->e.action, def->e.args,
                                        def->e.nargs)) < 0) {
            char msg[600];
            snprintf(msg, sizeof msg, "%s", p4rt_errmsg());
            r = p4rt_fail(-r, "cannot carry the default action of table '%s' over: %s",
                          t->n.name, msg);
        }
        info->defaults++;
    }
    p4rt_entry_release(def);
    return r;
}

typedef struct {
    p4rt_pipeline *to;
    const char *set;
    size_t n;
} Members;

static int carry_member(uint64_t value, void *ctx)
{
    Members *m = ctx;
    size_t vi;
    for (vi = 0; vi < m->to->info.nvalue_sets; vi++)
        if (strcmp(m->to->info.value_sets[vi].n.name, m->set) == 0)
            break;
    int r = vi == m->to->info.nvalue_sets
                ? p4rt_fail(ENOENT, "value set '%s' has members, and the new program has no such "
                                    "value set",
                            m->set)
                : p4rt_value_set_add_id(m->to, m->to->info.value_sets[vi].id, value);
    m->n += r == 0;
    return r;
}

/* A program with initial entries inserts them the first time it runs
 * (p4cc_init, docs/RUNTIME.md "Entries"). Where the old one did, its
 * tables, carried over, hold them: the new one must not insert its own on
 * top (a ternary table would hold them twice). */
static int carry_init(const char *name, p4rt_pipeline *to)
{
    struct bpf_map *m = bpf_object__find_map_by_name(to->prog.obj, "p4cc_init");
    char path[P4RT_NAME_MAX + 64];
    uint32_t zero = 0, done = 0;
    snprintf(path, sizeof path, P4RT_PIN_ROOT "/%s/maps/p4cc_init", name);
    int fd = m ? bpf_obj_get(path) : -1;
    int r = 0;
    if (fd >= 0 && bpf_map_lookup_elem(fd, &zero, &done) == 0 && done &&
        bpf_map_update_elem(bpf_map__fd(m), &zero, &done, BPF_ANY)) {
        int e = errno;
        r = p4rt_fail(e, "cannot mark the new program's initial entries inserted: %s",
                      strerror(e));
    }
    if (fd >= 0)
        close(fd);
    return r;
}

/* Everything the control plane wrote into FROM, into TO. */
static int carry_state(p4rt_pipeline *from, p4rt_pipeline *to, p4rt_replace_info *info)
{
    int r = 0;
    for (size_t i = 0; i < from->info.ntables && r == 0; i++)
        r = carry_table(from, to, &from->info.tables[i], info);
    for (size_t i = 0; i < from->info.nvalue_sets && r == 0; i++) {
        Members m = {to, from->info.value_sets[i].n.name, 0};
        r = p4rt_value_set_dump(from, m.set, carry_member, &m);
        info->members += m.n;
    }
    if (r == 0)
        r = carry_init(from->name, to);
    return r < 0 ? r : p4rt_ports_copy(from, to, &info->ports);
}

int p4rt_replace(p4rt_pipeline *p, const char *name, p4rt_replace_info *out)
{
    p4rt_replace_info tmp;
    int r;
    if (!out)
        out = &tmp;
    memset(out, 0, sizeof *out);
    if (!p || !name)
        return p4rt_fail(EINVAL, "p4rt_replace: no %s given", p ? "name" : "pipeline");
    if (!p->have_obj)
        return p4rt_fail(EINVAL, "only a pipeline opened from an object can replace another");
    if (p->name[0])
        return p4rt_fail(EALREADY, "the new pipeline is pinned already (as '%s')", p->name);
    p4rt_pipeline *old = p4rt_open_pinned(name);
    if (!old)
        return -errno;
    if ((r = p4rt_lock(old, true)) < 0) {
        p4rt_close(old);
        return r;
    }
    /* The new pins go to a directory of their own (a name no pipeline
     * can have), then trade places with the old ones. One left by a
     * replace that died is removed first: only a replace of NAME, which
     * holds NAME's lock, makes it. */
    char tmpdir[P4RT_NAME_MAX + 16], path[P4RT_NAME_MAX + 64], tmppath[P4RT_NAME_MAX + 64];
    snprintf(tmpdir, sizeof tmpdir, "%s+replace", name);
    snprintf(path, sizeof path, P4RT_PIN_ROOT "/%s", name);
    snprintf(tmppath, sizeof tmppath, P4RT_PIN_ROOT "/%s", tmpdir);
    p4rt_remove_pins(tmpdir);
    bool pinned = false, switched = false;
    if (!p->loaded && (r = p4rt_load(p)) < 0)
        goto out;
    /* Its ports are the old one's, in the old one's namespace. */
    p->netns_ino = old->netns_ino;
    if ((r = carry_state(old, p, out)) < 0)
        goto out;
    if (mkdir(tmppath, 0700) < 0) {
        int e = errno;
        r = p4rt_fail(e, "cannot create %s: %s", tmppath, strerror(e));
        goto out;
    }
    if ((r = p4rt_pin_into(p, tmpdir)) < 0)
        goto out;
    pinned = true;
    if ((r = p4rt_ports_switch(old, p)) < 0)
        goto out;
    switched = true;
    if (renameat2(AT_FDCWD, tmppath, AT_FDCWD, path, RENAME_EXCHANGE) < 0) {
        int e = errno;
        r = p4rt_fail(e, "cannot put the new pins in the place of the old (%s): %s", path,
                      strerror(e));
        goto out;
    }
    /* The old pins are where the new ones were. */
    p4rt_remove_pins(tmpdir);
    snprintf(p->name, sizeof p->name, "%s", name);
out:
    if (r < 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", p4rt_errmsg());
        if (switched)
            p4rt_ports_switch(p, old);
        if (pinned) {
            close(p->dir_fd);
            p->dir_fd = -1;
        }
        p4rt_remove_pins(tmpdir);
        r = p4rt_fail(-r, "pipeline '%s' not replaced: %s", name, msg);
    }
    p4rt_unlock(old);
    p4rt_close(old);
    return r;
}
