/* Captures: the hooks a program compiled with p4cc --capture carries (the runtime's
 * <p4cc/capture.h>) switched on through the program's p4cc_capture
 * variable, and their ring buffer read here. One capture of a pipeline at
 * a time: the variable names its owner, and a capture whose process died
 * without stopping is taken over. See include/p4rt.h and docs/RUNTIME.md
 * ("Captures"). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <p4cc/capture.h>

#include "internal.h"

#define CONFIG_MAP ".data.p4cc_capture"
#define RING_MAP "p4cc_capture_ring"
#define LOST_MAP "p4cc_capture_lost"

struct p4rt_capture {
    int config_fd, ring_fd, lost_fd;
    int dir_fd; /* the pin directory, opened anew: stopping takes the writers' lock */
    char name[P4RT_NAME_MAX + 1]; /* the pipeline's pinned name ("": not pinned) */
    struct ring_buffer *ring;
    uint64_t lost_before;    /* the program's count when the capture started */
    int64_t realtime_offset; /* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
    /* The poll under way. */
    p4rt_packet_fn fn;
    void *ctx;
    int stopped;    /* FN's non-zero return */
    bool discard;   /* draining what an earlier capture left */
};

static int64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const char *pipeline_name(const p4rt_pipeline *p)
{
    return p->name[0] ? p->name : p->info.program;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* -ENOENT, naming P's ports (in order), unless PORT is one of them. */
static int check_port(p4rt_pipeline *p, uint32_t port)
{
    char have[200] = "";
    size_t n = 0, cap = 0, used = 0;
    uint32_t key, next, value, *prev = NULL, *ports = NULL;
    while (bpf_map_get_next_key(p->ports.fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        if (bpf_map_lookup_elem(p->ports.fd, &key, &value))
            continue;
        if (value == port) {
            free(ports);
            return 0;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            if (!(ports = realloc(ports, cap * sizeof *ports)))
                abort();
        }
        ports[n++] = value;
    }
    if (n == 0)
        return p4rt_fail(ENOENT, "pipeline '%s' has no port %u: it has no ports",
                         pipeline_name(p), port);
    qsort(ports, n, sizeof *ports, cmp_u32);
    for (size_t i = 0; i < n && used < sizeof have; i++)
        used += (size_t)snprintf(have + used, sizeof have - used, "%s%u", i ? ", " : "",
                                 ports[i]);
    free(ports);
    return p4rt_fail(ENOENT, "pipeline '%s' has no port %u (its ports: %s)", pipeline_name(p),
                     port, have);
}

static uint64_t lost_count(int fd)
{
    int cpus = libbpf_num_possible_cpus();
    uint64_t total = 0;
    uint32_t zero = 0;
    if (cpus <= 0 || fd < 0)
        return 0;
    uint64_t *per_cpu = xcalloc((size_t)cpus, sizeof *per_cpu);
    if (bpf_map_lookup_elem(fd, &zero, per_cpu) == 0)
        for (int i = 0; i < cpus; i++)
            total += per_cpu[i];
    free(per_cpu);
    return total;
}

static int on_sample(void *ctx, void *data, size_t size)
{
    p4rt_capture *c = ctx;
    const struct p4cc_capture_header *h = data;
    if (c->discard || size < sizeof *h || size < sizeof *h + h->caplen)
        return 0;
    p4rt_packet pkt = {.ts_ns = (uint64_t)((int64_t)h->ts_ns + c->realtime_offset),
                       .direction = h->direction, .port = h->port, .xdp_action = h->action,
                       .len = h->len, .caplen = h->caplen,
                       .data = (const uint8_t *)data + sizeof *h};
    int r = c->fn(&pkt, c->ctx);
    if (r) {
        c->stopped = r;
        return -ECANCELED; /* libbpf stops after this sample */
    }
    return 0;
}

static void close_fds(p4rt_capture *c)
{
    ring_buffer__free(c->ring);
    if (c->dir_fd >= 0)
        close(c->dir_fd);
    if (c->config_fd >= 0)
        close(c->config_fd);
    if (c->ring_fd >= 0)
        close(c->ring_fd);
    if (c->lost_fd >= 0)
        close(c->lost_fd);
    free(c);
}

/* The process that owns a capture running as CFG, if it is alive. */
static bool owner_alive(const struct p4cc_capture_config *cfg)
{
    pid_t pid = (pid_t)cfg->owner;
    return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

p4rt_capture *p4rt_capture_start(p4rt_pipeline *p, const p4rt_capture_opts *opts)
{
    p4rt_capture_opts none = {0};
    const p4rt_capture_opts *o = opts ? opts : &none;
    uint32_t zero = 0;
    int r;
    if ((r = p4rt_need_loaded(p)) < 0) {
        errno = -r;
        return NULL;
    }
    if (o->directions & ~(unsigned)(P4RT_CAPTURE_IN | P4RT_CAPTURE_OUT)) {
        errno = EINVAL;
        p4rt_fail(EINVAL, "directions are P4RT_CAPTURE_IN and P4RT_CAPTURE_OUT");
        return NULL;
    }
    p4rt_capture *c = xcalloc(1, sizeof *c);
    c->config_fd = c->ring_fd = c->lost_fd = c->dir_fd = -1;
    bool locked = false;
    c->config_fd = p4rt_map_fd(p, CONFIG_MAP);
    if (c->config_fd < 0) {
        r = c->config_fd == -ENOENT
                ? p4rt_fail(ENOTSUP, "pipeline '%s' has no capture hooks (%s): compile it "
                                     "with p4cc --capture and load it again",
                            pipeline_name(p), CONFIG_MAP)
                : c->config_fd;
        goto fail;
    }
    if ((c->ring_fd = p4rt_map_fd(p, RING_MAP)) < 0 ||
        (c->lost_fd = p4rt_map_fd(p, LOST_MAP)) < 0) {
        r = c->ring_fd < 0 ? c->ring_fd : c->lost_fd;
        goto fail;
    }
    if (p->ports.fd < 0) {
        r = p4rt_fail(ENOTSUP, "the program has no port map (%s)", p->info.ports_map);
        goto fail;
    }
    /* A writer of the pipeline's maps (docs/RUNTIME.md, "Concurrency"):
     * the check for a running capture and the switch are one step. */
    if ((r = p4rt_lock(p, true)) < 0)
        goto fail;
    locked = true;
    if (p->dir_fd >= 0 && (c->dir_fd = openat(p->dir_fd, ".", O_RDONLY | O_DIRECTORY |
                                                               O_CLOEXEC)) < 0) {
        r = p4rt_fail(errno, "cannot open pipeline '%s''s pins: %s", pipeline_name(p),
                      strerror(errno));
        goto fail;
    }
    snprintf(c->name, sizeof c->name, "%s", p->dir_fd >= 0 ? p->name : "");
    if (o->one_port && (r = check_port(p, o->port)) < 0)
        goto fail;
    struct p4cc_capture_config cfg;
    if (bpf_map_lookup_elem(c->config_fd, &zero, &cfg)) {
        r = p4rt_fail(errno, "cannot read %s: %s", CONFIG_MAP, strerror(errno));
        goto fail;
    }
    if (cfg.directions && owner_alive(&cfg)) {
        r = p4rt_fail(EBUSY, "pipeline '%s' is being captured already (by process %u)",
                      pipeline_name(p), cfg.owner);
        goto fail;
    }
    c->ring = ring_buffer__new(c->ring_fd, on_sample, c, NULL);
    if (!c->ring) {
        r = p4rt_fail(errno, "cannot read the capture's ring buffer: %s", strerror(errno));
        goto fail;
    }
    /* What a capture whose process died left in the ring is not ours. */
    c->discard = true;
    ring_buffer__consume(c->ring);
    c->discard = false;
    c->lost_before = lost_count(c->lost_fd);
    c->realtime_offset = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
    /* The filter first, then the directions, which the program tests: a
     * packet never sees half of it. */
    uint32_t snap = o->snaplen && o->snaplen < P4CC_CAPTURE_SNAP_MAX
                        ? o->snaplen : (uint32_t)P4CC_CAPTURE_SNAP_MAX;
    cfg = (struct p4cc_capture_config){.one_port = o->one_port, .port = o->port,
                                       .snaplen = snap, .owner = (uint32_t)getpid()};
    if (bpf_map_update_elem(c->config_fd, &zero, &cfg, BPF_ANY) == 0) {
        cfg.directions = o->directions ? o->directions : P4CC_CAPTURE_IN | P4CC_CAPTURE_OUT;
        if (bpf_map_update_elem(c->config_fd, &zero, &cfg, BPF_ANY) == 0) {
            p4rt_unlock(p);
            return c;
        }
    }
    r = p4rt_fail(errno, "cannot switch the capture on (%s): %s", CONFIG_MAP, strerror(errno));
fail:
    if (locked)
        p4rt_unlock(p);
    close_fds(c);
    errno = -r;
    return NULL;
}

int p4rt_capture_poll(p4rt_capture *c, int timeout_ms, p4rt_packet_fn fn, void *ctx)
{
    c->fn = fn;
    c->ctx = ctx;
    c->stopped = 0;
    int n = ring_buffer__poll(c->ring, timeout_ms);
    if (c->stopped)
        return c->stopped;
    /* Nothing came: is the program captured still the pipeline's? */
    if (n == 0 && c->name[0] && !p4rt_dir_current(c->dir_fd, c->name))
        return p4rt_fail(ESTALE, "pipeline '%s' was unloaded or replaced: the program captured "
                                 "no longer runs (capture it again)",
                         c->name);
    if (n < 0)
        return n == -EINTR ? n : p4rt_fail(-n, "reading the capture: %s", strerror(-n));
    return n;
}

uint64_t p4rt_capture_lost(const p4rt_capture *c)
{
    return lost_count(c->lost_fd) - c->lost_before;
}

void p4rt_capture_stop(p4rt_capture *c)
{
    if (!c)
        return;
    struct p4cc_capture_config off = {0};
    uint32_t zero = 0;
    /* The writers' lock, as p4rt_lock takes it (this handle's own open
     * directory: the pipeline's handle may be closed by now). */
    while (c->dir_fd >= 0 && flock(c->dir_fd, LOCK_EX) < 0 && errno == EINTR)
        ;
    bpf_map_update_elem(c->config_fd, &zero, &off, BPF_ANY);
    if (c->dir_fd >= 0)
        flock(c->dir_fd, LOCK_UN);
    close_fds(c);
}
