/* Pipelines: opening, loading, pinning under P4RT_PIN_ROOT/NAME, reopening,
 * unloading. See include/p4rt.h. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "internal.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif
#define BPF_FS "/sys/fs/bpf"

int p4rt_need_loaded(const p4rt_pipeline *p)
{
    if (!p->loaded)
        return p4rt_fail(ENOTCONN, "the pipeline is not loaded into the kernel");
    return 0;
}

static void init_maps(P4rtMap *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        m[i] = (P4rtMap){.fd = -1};
}

static p4rt_pipeline *new_pipeline(void)
{
    p4rt_pipeline *p = xcalloc(1, sizeof *p);
    p->prog_fd = p->egress_fd = p->clone_fd = p->clone_orig_fd = -1;
    p->ports.fd = p->tx.fd = p->out.fd = p->mcast.fd = p->mcast_rid.fd = -1;
    p->clone_sessions.fd = p->clone_copies.fd = p->clone_lost.fd = -1;
    p->clone_group_copies.fd = -1;
    p->prog.prog_fd = p->prog.clone_fd = p->prog.clone_orig_fd = -1;
    p->dir_fd = -1;
    return p;
}

static void alloc_maps(p4rt_pipeline *p)
{
    p->tables = xcalloc(p->info.ntables, sizeof *p->tables);
    p->defaults = xcalloc(p->info.ntables, sizeof *p->defaults);
    p->tss = xcalloc(p->info.ntables, sizeof *p->tss);
    p->cache_versions = xcalloc(p->info.ntables, sizeof *p->cache_versions);
    for (size_t i = 0; i < p->info.ntables; i++)
        p->tss[i] = (TssMaps){-1, -1, -1, -1};
    p->counters = xcalloc(p->info.ncounters, sizeof *p->counters);
    p->registers = xcalloc(p->info.nregisters, sizeof *p->registers);
    init_maps(p->registers, p->info.nregisters);
    p->value_sets = xcalloc(p->info.nvalue_sets, sizeof *p->value_sets);
    init_maps(p->value_sets, p->info.nvalue_sets);
    init_maps(p->tables, p->info.ntables);
    init_maps(p->defaults, p->info.ntables);
    init_maps(p->cache_versions, p->info.ntables);
    init_maps(p->counters, p->info.ncounters);
}

static int read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -errno;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n + 1 < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
        if (!buf)
            abort();
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -EIO;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* Parse p4info TEXT into P (which takes TEXT). */
static int take_p4info(p4rt_pipeline *p, const char *path, char *text, size_t len)
{
    p->info_text = text;
    p->info_len = len;
    int r = p4info_parse(path, text, len, &p->info);
    if (r < 0)
        return r;
    alloc_maps(p);
    return 0;
}

static char *default_p4info_path(const char *object)
{
    size_t n = strlen(object);
    char *path = xcalloc(n + 16, 1);
    memcpy(path, object, n + 1);
    if (n >= 2 && strcmp(object + n - 2, ".o") == 0)
        path[n - 2] = '\0';
    strcat(path, ".p4info.json");
    return path;
}

p4rt_pipeline *p4rt_open_p4info(const char *p4info)
{
    P4RT_NONNULL_PTR(p4info);
    char *text = NULL;
    size_t len = 0;
    int r = read_file(p4info, &text, &len);
    if (r < 0) {
        p4rt_fail(-r, "%s: cannot read the p4info: %s", p4info, strerror(-r));
        errno = -r;
        return NULL;
    }
    p4rt_pipeline *p = new_pipeline();
    if (take_p4info(p, p4info, text, len) < 0) {
        p4rt_close(p);
        errno = EINVAL;
        return NULL;
    }
    return p;
}

p4rt_pipeline *p4rt_open(const char *object, const char *p4info)
{
    P4RT_NONNULL_PTR(object);
    char *owned = p4info ? NULL : default_p4info_path(object);
    p4rt_pipeline *p = p4rt_open_p4info(p4info ? p4info : owned);
    free(owned);
    if (!p)
        return NULL;
    int r = p4prog_open(&p->prog, object, &p->info);
    if (r == 0) {
        p->have_obj = true;
        r = p4prog_check_maps(&p->prog, object);
    }
    if (r == 0)
        return p;
    p4rt_close(p);
    errno = -r;
    return NULL;
}

static void map_info(P4rtMap *m)
{
    struct bpf_map_info info;
    uint32_t len = sizeof info;
    memset(&info, 0, sizeof info);
    if (m->fd >= 0 && bpf_obj_get_info_by_fd(m->fd, &info, &len) == 0) {
        m->type = info.type;
        m->value_size = info.value_size;
        m->max_entries = info.max_entries;
    }
}

static uint32_t prog_id_of(int fd)
{
    struct bpf_prog_info info;
    uint32_t len = sizeof info;
    memset(&info, 0, sizeof info);
    if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len))
        return 0;
    return info.id;
}

static int get_pinned(const char *name, const char *what, int *fd);

static int obj_map_fd(struct bpf_object *obj, const char *name)
{
    struct bpf_map *m = name ? bpf_object__find_map_by_name(obj, name) : NULL;
    return m ? dup(bpf_map__fd(m)) : -1;
}

int p4rt_map_fd(p4rt_pipeline *p, const char *map)
{
    int r = p4rt_need_loaded(p), fd;
    if (r < 0)
        return r;
    if (p->have_obj) {
        fd = obj_map_fd(p->prog.obj, map);
        return fd >= 0 ? fd : p4rt_fail(ENOENT, "the program has no map %s", map);
    }
    r = get_pinned(p->name, map, &fd);
    return r < 0 ? r : fd;
}

/* After loading from the object: every map's fd, by ELF name. */
static void fds_from_object(p4rt_pipeline *p)
{
    struct bpf_object *obj = p->prog.obj;
    for (size_t i = 0; i < p->info.ntables; i++) {
        p->tables[i].fd = obj_map_fd(obj, p->info.tables[i].map);
        p->defaults[i].fd = obj_map_fd(obj, p->info.tables[i].default_map);
        p->cache_versions[i].fd = obj_map_fd(obj, p->info.tables[i].cache_version_map);
        map_info(&p->tables[i]);
        map_info(&p->defaults[i]);
        map_info(&p->cache_versions[i]);
        const P4iTable *t = &p->info.tables[i];
        if (t->kind == P4I_SLOTS)
            p->tss[i] = (TssMaps){dup(p->tables[i].fd), obj_map_fd(obj, t->masks_map),
                                  obj_map_fd(obj, t->slots_map), obj_map_fd(obj, t->header_map)};
    }
    for (size_t i = 0; i < p->info.ncounters; i++) {
        p->counters[i].fd = obj_map_fd(obj, p->info.counters[i].map);
        map_info(&p->counters[i]);
    }
    for (size_t i = 0; i < p->info.nregisters; i++) {
        p->registers[i].fd = obj_map_fd(obj, p->info.registers[i].map);
        map_info(&p->registers[i]);
    }
    for (size_t i = 0; i < p->info.nvalue_sets; i++) {
        p->value_sets[i].fd = obj_map_fd(obj, p->info.value_sets[i].map);
        map_info(&p->value_sets[i]);
    }
    p->ports.fd = obj_map_fd(obj, p->info.ports_map);
    p->tx.fd = obj_map_fd(obj, p->info.tx_map);
    p->out.fd = obj_map_fd(obj, p->info.out_map);
    map_info(&p->ports);
    map_info(&p->tx);
    map_info(&p->out);
    p->mcast.fd = obj_map_fd(obj, p->info.mcast_map);
    p->mcast_rid.fd = obj_map_fd(obj, p->info.mcast_rid_map);
    if (p->prog.egress_fd >= 0)
        p->egress_fd = dup(p->prog.egress_fd);
    p->clone_sessions.fd = obj_map_fd(obj, p->info.clone_sessions_map);
    p->clone_copies.fd = obj_map_fd(obj, p->info.clone_copies_map);
    p->clone_lost.fd = obj_map_fd(obj, p->info.clone_lost_map);
    p->clone_group_copies.fd = obj_map_fd(obj, p->info.clone_group_copies_map);
    if (p->prog.clone_fd >= 0)
        p->clone_fd = dup(p->prog.clone_fd);
    if (p->prog.clone_orig_fd >= 0)
        p->clone_orig_fd = dup(p->prog.clone_orig_fd);
}
int p4rt_load(p4rt_pipeline *p)
{
    P4RT_NONNULL(p);
    if (!p->have_obj)
        return p4rt_fail(EINVAL, "the pipeline was opened without an object: nothing to load");
    if (p->loaded)
        return p4rt_fail(EALREADY, "the pipeline is already loaded");
    int r = p4prog_load(&p->prog, 0, NULL, 0);
    if (r < 0 && r != -EPERM)
        return p4rt_fail(-r, "cannot load the program: %s (p4ctl verify shows the verifier's "
                             "log)",
                         p4rt_strerror(r));
    if (r < 0)
        return r;
    p->prog_fd = dup(p->prog.prog_fd);
    p->prog_id = prog_id_of(p->prog_fd);
    p->netns_ino = p4rt_netns_here();
    fds_from_object(p);
    p->loaded = true;
    return 0;
}

static void close_map(P4rtMap *m)
{
    if (m->fd >= 0)
        close(m->fd);
    m->fd = -1;
}

static void close_tss(TssMaps *m)
{
    int *fds[] = {&m->hash, &m->masks, &m->slots, &m->header};
    for (size_t i = 0; i < 4; i++) {
        if (*fds[i] >= 0)
            close(*fds[i]);
        *fds[i] = -1;
    }
}

void p4rt_close(p4rt_pipeline *p)
{
    if (!p)
        return;
    p4rt_digests_free(p);
    for (size_t i = 0; p->tables && i < p->info.ntables; i++) {
        close_map(&p->tables[i]);
        close_map(&p->defaults[i]);
        close_map(&p->cache_versions[i]);
        close_tss(&p->tss[i]);
    }
    for (size_t i = 0; p->counters && i < p->info.ncounters; i++)
        close_map(&p->counters[i]);
    for (size_t i = 0; p->registers && i < p->info.nregisters; i++)
        close_map(&p->registers[i]);
    for (size_t i = 0; p->value_sets && i < p->info.nvalue_sets; i++)
        close_map(&p->value_sets[i]);
    close_map(&p->ports);
    close_map(&p->tx);
    close_map(&p->out);
    close_map(&p->mcast);
    close_map(&p->mcast_rid);
    close_map(&p->clone_sessions);
    close_map(&p->clone_copies);
    close_map(&p->clone_lost);
    close_map(&p->clone_group_copies);
    if (p->clone_fd >= 0)
        close(p->clone_fd);
    if (p->clone_orig_fd >= 0)
        close(p->clone_orig_fd);
    if (p->prog_fd >= 0)
        close(p->prog_fd);
    if (p->dir_fd >= 0)
        close(p->dir_fd);
    if (p->egress_fd >= 0)
        close(p->egress_fd);
    if (p->have_obj)
        p4prog_close(&p->prog);
    free(p->tables);
    free(p->defaults);
    free(p->tss);
    free(p->cache_versions);
    free(p->counters);
    free(p->registers);
    free(p->value_sets);
    p4info_free(&p->info);
    free(p->info_text);
    free(p);
}

/* ------------------------------------------------------------- pinning */

static bool valid_name(const char *name)
{
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '-'))
            return false;
    return true;
}

static int check_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= P4RT_NAME_MAX)
        return p4rt_fail(EINVAL, "a pipeline name has 1 to %d characters", P4RT_NAME_MAX - 1);
    /* The BPF file system refuses names with dots. */
    if (!valid_name(name))
        return p4rt_fail(EINVAL,
                         "pipeline name '%s': only letters, digits, '_' and '-' are allowed",
                         name);
    return 0;
}

static int ensure_bpffs(void)
{
    struct statfs st;
    if (statfs(BPF_FS, &st) == 0 && st.f_type == BPF_FS_MAGIC)
        return 0;
    if (mount("bpf", BPF_FS, "bpf", 0, "mode=0700") < 0) {
        int e = errno;
        return p4rt_fail(e, "the BPF file system is not mounted on " BPF_FS
                            " and mounting it failed: %s", strerror(e));
    }
    return 0;
}

/* Where map MAP is pinned, relative to the pipeline's directory: bpffs
 * refuses dots in names, so a default action's global data section,
 * .data.T_default, is pinned as maps/T_default. */
static void map_pin_rest(char *buf, size_t size, const char *map)
{
    if (strncmp(map, ".data.", 6) == 0)
        map += 6;
    snprintf(buf, size, "maps/%s", map);
}

static void pin_path(char *buf, size_t size, const char *name, const char *rest)
{
    snprintf(buf, size, P4RT_PIN_ROOT "/%s%s%s", name, rest ? "/" : "", rest ? rest : "");
}


/* Remove P4RT_PIN_ROOT/NAME and what p4rt_pin put in it: the p4info pin
 * first, so that no one opens a pipeline half removed. */
void p4rt_remove_pins(const char *name)
{
    char path[1024], maps[512];
    pin_path(path, sizeof path, name, "p4info");
    unlink(path);
    pin_path(maps, sizeof maps, name, "maps");
    DIR *d = opendir(maps);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", maps, de->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(maps);
    pin_path(path, sizeof path, name, "prog");
    unlink(path);
    pin_path(path, sizeof path, name, "egress");
    unlink(path);
    pin_path(path, sizeof path, name, "clone");
    unlink(path);
    pin_path(path, sizeof path, name, "clone_orig");
    unlink(path);
    pin_path(path, sizeof path, name, NULL);
    rmdir(path);
}

static int pin_fd(int fd, const char *path)
{
    if (bpf_obj_pin(fd, path)) {
        int e = errno;
        return p4rt_fail(e, "cannot pin %s: %s", path, strerror(e));
    }
    return 0;
}

static int pin_meta(p4rt_pipeline *p, const char *path)
{
    P4rtMeta meta = {P4RT_META_MAGIC, (uint32_t)p->info_len, p->netns_ino};
    size_t size = (sizeof meta + p->info_len + 8) / 8 * 8;
    uint8_t *value = xcalloc(1, size);
    memcpy(value, &meta, sizeof meta);
    memcpy(value + sizeof meta, p->info_text, p->info_len);
    int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "p4info", 4, (uint32_t)size, 1, NULL);
    int r = 0;
    uint32_t zero = 0;
    if (fd < 0) {
        int e = errno;
        r = p4rt_fail(e, "cannot create the p4info map (%zu bytes): %s", size, strerror(e));
    } else if (bpf_map_update_elem(fd, &zero, value, BPF_ANY)) {
        int e = errno;
        r = p4rt_fail(e, "cannot write the p4info map: %s", strerror(e));
    } else {
        r = pin_fd(fd, path);
    }
    if (fd >= 0)
        close(fd);
    free(value);
    return r;
}

/* The directory P4RT_PIN_ROOT/DIR, open; -1 with the message set. */
static int open_dir(const char *dir)
{
    char path[512];
    pin_path(path, sizeof path, dir, NULL);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        p4rt_fail(e, "cannot open %s: %s", path, strerror(e));
        errno = e;
    }
    return fd;
}

/* Pin P's maps, program and p4info into P4RT_PIN_ROOT/DIR, which the
 * caller created, holding the directory's lock meanwhile; the p4info
 * last, so that whoever finds it finds the rest. P keeps the directory
 * open (P->dir_fd). */
int p4rt_pin_into(p4rt_pipeline *p, const char *dir)
{
    char path[512];
    int r = 0, fd = open_dir(dir);
    if (fd < 0)
        return -errno;
    while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
        ;
    pin_path(path, sizeof path, dir, "maps");
    if (mkdir(path, 0700) < 0) {
        int e = errno;
        r = p4rt_fail(e, "cannot create %s: %s", path, strerror(e));
    }
    struct bpf_map *m;
    bpf_object__for_each_map(m, p->prog.obj) {
        /* Of libbpf's own maps only .data.NAME sections: tables' defaults. */
        if (r < 0 || (bpf_map__is_internal(m) && strncmp(bpf_map__name(m), ".data.", 6) != 0))
            continue;
        char rest[300];
        map_pin_rest(rest, sizeof rest, bpf_map__name(m));
        pin_path(path, sizeof path, dir, rest);
        r = pin_fd(bpf_map__fd(m), path);
    }
    pin_path(path, sizeof path, dir, "prog");
    if (r == 0)
        r = pin_fd(p->prog_fd, path);
    pin_path(path, sizeof path, dir, "egress");
    if (r == 0 && p->egress_fd >= 0)
        r = pin_fd(p->egress_fd, path);
    pin_path(path, sizeof path, dir, "clone");
    if (r == 0 && p->clone_fd >= 0)
        r = pin_fd(p->clone_fd, path);
    pin_path(path, sizeof path, dir, "clone_orig");
    if (r == 0 && p->clone_orig_fd >= 0)
        r = pin_fd(p->clone_orig_fd, path);
    pin_path(path, sizeof path, dir, "p4info");
    if (r == 0)
        r = pin_meta(p, path);
    flock(fd, LOCK_UN);
    if (r < 0) {
        close(fd);
        return r;
    }
    p->dir_fd = fd;
    return 0;
}

/* Create the root of the pins (and mount the BPF file system). */
static int make_root(void)
{
    int r = ensure_bpffs();
    if (r < 0)
        return r;
    if (mkdir(P4RT_PIN_ROOT, 0700) < 0 && errno != EEXIST) {
        int e = errno;
        return p4rt_fail(e, "cannot create " P4RT_PIN_ROOT ": %s", strerror(e));
    }
    return 0;
}

int p4rt_pin(p4rt_pipeline *p, const char *name)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(name);
    char path[512];
    int r;
    if ((r = check_name(name)) < 0 || (r = p4rt_need_loaded(p)) < 0)
        return r;
    if (p->name[0])
        return p4rt_fail(EALREADY, "the pipeline is already pinned as '%s'", p->name);
    if (!p->have_obj)
        return p4rt_fail(EINVAL, "only a pipeline loaded from an object can be pinned");
    if ((r = make_root()) < 0)
        return r;
    pin_path(path, sizeof path, name, NULL);
    if (mkdir(path, 0700) < 0) {
        int e = errno;
        if (e == EEXIST)
            return p4rt_fail(EEXIST, "a pipeline named '%s' is already loaded", name);
        return p4rt_fail(e, "cannot create %s: %s", path, strerror(e));
    }
    if ((r = p4rt_pin_into(p, name)) < 0) {
        p4rt_remove_pins(name);
        return r;
    }
    snprintf(p->name, sizeof p->name, "%s", name);
    return 0;
}

static int get_pinned(const char *name, const char *what, int *fd)
{
    char path[512];
    if (!what) {
        *fd = -1;
        return 0;
    }
    char rest[300];
    map_pin_rest(rest, sizeof rest, what);
    pin_path(path, sizeof path, name, rest);
    *fd = bpf_obj_get(path);
    if (*fd < 0) {
        int e = errno;
        return p4rt_fail(e, "pipeline '%s': cannot open %s: %s", name, path, strerror(e));
    }
    return 0;
}

static int pinned_map(const char *name, const char *map, P4rtMap *m)
{
    int r = get_pinned(name, map, &m->fd);
    map_info(m);
    return r;
}

static int pinned_tss(const char *name, const P4iTable *t, int hash, TssMaps *m)
{
    if (t->kind != P4I_SLOTS)
        return 0;
    int r;
    m->hash = dup(hash);
    if ((r = get_pinned(name, t->masks_map, &m->masks)) < 0 ||
        (r = get_pinned(name, t->slots_map, &m->slots)) < 0)
        return r;
    return get_pinned(name, t->header_map, &m->header);
}

/* The pipeline from the pins of NAME, whose directory's lock the caller
 * holds. */
static p4rt_pipeline *open_pins(const char *name)
{
    char path[512];
    int r;
    pin_path(path, sizeof path, name, "p4info");
    int fd = bpf_obj_get(path);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT)
            p4rt_fail(e, "no pipeline named '%s' is loaded (nothing at " P4RT_PIN_ROOT "/%s)",
                      name, name);
        else
            p4rt_fail(e, "cannot open pipeline '%s' (%s): %s", name, path, strerror(e));
        errno = e;
        return NULL;
    }
    P4rtMap meta_map = {.fd = fd};
    map_info(&meta_map);
    uint8_t *value = xcalloc(1, meta_map.value_size + 1);
    uint32_t zero = 0;
    P4rtMeta meta;
    p4rt_pipeline *p = NULL;
    if (meta_map.value_size < sizeof meta || bpf_map_lookup_elem(fd, &zero, value)) {
        r = p4rt_fail(EINVAL, "pipeline '%s': cannot read its p4info (%s)", name, path);
        goto out;
    }
    memcpy(&meta, value, sizeof meta);
    if (meta.magic != P4RT_META_MAGIC || meta.len > meta_map.value_size - sizeof meta) {
        r = p4rt_fail(EINVAL, "pipeline '%s': %s is not a p4info pin of libp4rt", name, path);
        goto out;
    }
    char *text = xcalloc(1, meta.len + 1);
    memcpy(text, value + sizeof meta, meta.len);
    p = new_pipeline();
    if ((r = take_p4info(p, path, text, meta.len)) < 0)
        goto out;
    p->netns_ino = meta.netns_ino;
    snprintf(p->name, sizeof p->name, "%s", name);
    pin_path(path, sizeof path, name, "prog");
    p->prog_fd = bpf_obj_get(path);
    if (p->prog_fd < 0) {
        int e = errno;
        r = p4rt_fail(e, "pipeline '%s': cannot open %s: %s", name, path, strerror(e));
        goto out;
    }
    p->prog_id = prog_id_of(p->prog_fd);
    if (p->info.egress_program) {
        pin_path(path, sizeof path, name, "egress");
        p->egress_fd = bpf_obj_get(path);
        if (p->egress_fd < 0) {
            int e = errno;
            r = p4rt_fail(e, "pipeline '%s': cannot open %s: %s", name, path, strerror(e));
            goto out;
        }
    }
    if (p->info.clone_program) {
        pin_path(path, sizeof path, name, "clone");
        p->clone_fd = bpf_obj_get(path);
        pin_path(path, sizeof path, name, "clone_orig");
        p->clone_orig_fd = bpf_obj_get(path);
        if (p->clone_fd < 0 || p->clone_orig_fd < 0) {
            int e = errno;
            r = p4rt_fail(e, "pipeline '%s': cannot open its clone programs (%s): %s", name,
                          path, strerror(e));
            goto out;
        }
    }
    for (size_t i = 0; i < p->info.ntables; i++)
        if ((r = pinned_map(name, p->info.tables[i].map, &p->tables[i])) < 0 ||
            (r = pinned_map(name, p->info.tables[i].default_map, &p->defaults[i])) < 0 ||
            (r = pinned_map(name, p->info.tables[i].cache_version_map,
                            &p->cache_versions[i])) < 0 ||
            (r = pinned_tss(name, &p->info.tables[i], p->tables[i].fd, &p->tss[i])) < 0)
            goto out;
    for (size_t i = 0; i < p->info.ncounters; i++)
        if ((r = pinned_map(name, p->info.counters[i].map, &p->counters[i])) < 0)
            goto out;
    for (size_t i = 0; i < p->info.nregisters; i++)
        if ((r = pinned_map(name, p->info.registers[i].map, &p->registers[i])) < 0)
            goto out;
    for (size_t i = 0; i < p->info.nvalue_sets; i++)
        if ((r = pinned_map(name, p->info.value_sets[i].map, &p->value_sets[i])) < 0)
            goto out;
    if ((r = pinned_map(name, p->info.ports_map, &p->ports)) < 0 ||
        (r = pinned_map(name, p->info.tx_map, &p->tx)) < 0 ||
        (r = pinned_map(name, p->info.mcast_map, &p->mcast)) < 0 ||
        (r = pinned_map(name, p->info.mcast_rid_map, &p->mcast_rid)) < 0 ||
        (r = pinned_map(name, p->info.clone_sessions_map, &p->clone_sessions)) < 0 ||
        (r = pinned_map(name, p->info.clone_copies_map, &p->clone_copies)) < 0 ||
        (r = pinned_map(name, p->info.clone_lost_map, &p->clone_lost)) < 0 ||
        (r = pinned_map(name, p->info.clone_group_copies_map, &p->clone_group_copies)) < 0)
        goto out;
    /* Only test runs read p4cc_out: a hand-written object may have none. */
    if ((r = pinned_map(name, p->info.out_map, &p->out)) < 0 && r != -ENOENT)
        goto out;
    r = 0;
    p->loaded = true;
out:
    close(fd);
    free(value);
    if (r < 0) {
        p4rt_close(p);
        errno = -r;
        return NULL;
    }
    return p;
}

p4rt_pipeline *p4rt_open_pinned(const char *name)
{
    P4RT_NONNULL_PTR(name);
    int r = check_name(name);
    if (r < 0) {
        errno = -r;
        return NULL;
    }
    /* The pins are read under the directory's lock, shared, so that no
     * unload or replace changes them meanwhile; one that came between the
     * open and the lock moved the directory: open the name again. */
    for (int tries = 0;; tries++) {
        int fd = open_dir(name);
        if (fd < 0) {
            int e = errno;
            if (e == ENOENT)
                p4rt_fail(e, "no pipeline named '%s' is loaded (nothing at " P4RT_PIN_ROOT
                             "/%s)", name, name);
            errno = e;
            return NULL;
        }
        while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
            ;
        if (!p4rt_dir_current(fd, name)) {
            close(fd);
            if (tries < 100)
                continue;
            p4rt_fail(EAGAIN, "pipeline '%s' is being replaced again and again", name);
            errno = EAGAIN;
            return NULL;
        }
        p4rt_pipeline *p = open_pins(name);
        int e = errno;
        flock(fd, LOCK_UN);
        if (p)
            p->dir_fd = fd;
        else
            close(fd);
        errno = e;
        return p;
    }
}

static int unload(const char *name, bool force)
{
    p4rt_pipeline *p = p4rt_open_pinned(name);
    if (!p)
        return -errno;
    int r = p4rt_lock(p, true);
    if (r == 0 && (r = p4rt_detach_ports(p)) < 0 && force)
        r = 0; /* the pins go all the same */
    if (r == 0)
        p4rt_remove_pins(name);
    p4rt_unlock(p);
    p4rt_close(p);
    return r;
}

int p4rt_unload(const char *name)
{
    P4RT_NONNULL(name);
    return unload(name, false);
}

int p4rt_unload_force(const char *name)
{
    P4RT_NONNULL(name);
    return unload(name, true);
}

/* ----------------------------------------------------- pinned pipelines */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **p4rt_list(void)
{
    size_t n = 0, cap = 8;
    char **names = xcalloc(cap, sizeof *names);
    DIR *d = opendir(P4RT_PIN_ROOT);
    if (!d && errno != ENOENT) {
        /* Not "no pipelines": this process may not look (the directory
         * is root's, mode 0700). */
        int e = errno;
        free(names);
        p4rt_fail(e, "cannot read " P4RT_PIN_ROOT ": %s%s", strerror(e),
                  e == EACCES || e == EPERM ? " (the pinned pipelines are root's: run as root)"
                                            : "");
        errno = e;
        return NULL;
    }
    if (d) {
        struct dirent *de;
        char path[512];
        struct stat st;
        while ((de = readdir(d)) != NULL) {
            /* Not a pipeline: a replace's new pins, before they take
             * their place. */
            if (!valid_name(de->d_name))
                continue;
            pin_path(path, sizeof path, de->d_name, "p4info");
            if (stat(path, &st) < 0)
                continue;
            if (n + 1 >= cap) {
                cap *= 2;
                names = realloc(names, cap * sizeof *names);
                if (!names)
                    abort();
            }
            names[n] = strdup(de->d_name);
            if (!names[n])
                abort();
            n++;
        }
        closedir(d);
    }
    names[n] = NULL;
    qsort(names, n, sizeof *names, cmp_names);
    return names;
}

void p4rt_free_names(char **names)
{
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
}
