/* Traces: the hooks a program compiled with p4cc --trace carries (the
 * runtime's <p4cc/trace.h>) switched on through its p4cc_trace variable,
 * their ring buffer read here and its events made into packet traces
 * (trace_decode.c). One trace of a pipeline at a time: the variable names
 * its owner, and a trace whose process died without stopping is taken
 * over. See include/p4rt.h and docs/RUNTIME.md ("Traces"). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <p4cc/trace.h>

#include "internal.h"

#define CONFIG_MAP ".data.p4cc_trace"
#define RING_MAP "p4cc_trace_ring"

struct p4rt_trace {
    int config_fd, ring_fd;
    int dir_fd; /* the pin directory, opened anew: stopping takes the writers' lock */
    char name[P4RT_NAME_MAX + 1]; /* the pipeline's pinned name ("": not pinned) */
    struct ring_buffer *ring;
    TraceDecoder decoder;
    uint64_t lost_before; /* the program's count when the trace started */
    /* The poll under way. */
    p4rt_trace_fn fn;
    void *ctx;
    int stopped;  /* FN's non-zero return */
    bool discard; /* draining what an earlier trace left */
};

static const char *pipeline_name(const p4rt_pipeline *p)
{
    return p->name[0] ? p->name : p->info.program;
}

static int on_event(void *ctx, void *data, size_t size)
{
    p4rt_trace *t = ctx;
    if (t->discard || size < sizeof(struct p4cc_trace_event))
        return 0;
    int r = trace_decode(&t->decoder, data, t->fn, t->ctx);
    if (r) {
        t->stopped = r;
        return -ECANCELED; /* libbpf stops after this event */
    }
    return 0;
}

static void close_fds(p4rt_trace *t)
{
    ring_buffer__free(t->ring);
    if (t->dir_fd >= 0)
        close(t->dir_fd);
    if (t->config_fd >= 0)
        close(t->config_fd);
    if (t->ring_fd >= 0)
        close(t->ring_fd);
    trace_decoder_free(&t->decoder);
    free(t);
}

static bool owner_alive(const struct p4cc_trace_config *cfg)
{
    pid_t pid = (pid_t)cfg->owner;
    return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

p4rt_trace *p4rt_trace_start(p4rt_pipeline *p)
{
    uint32_t zero = 0;
    int r;
    P4RT_ARG_PTR(p, "the pipeline is NULL");
    if ((r = p4rt_need_loaded(p)) < 0) {
        errno = -r;
        return NULL;
    }
    p4rt_trace *t = xcalloc(1, sizeof *t);
    t->config_fd = t->ring_fd = t->dir_fd = -1;
    bool locked = false;
    if ((r = trace_decoder_init(&t->decoder, p->info_text, p->info_len)) < 0)
        goto fail;
    t->config_fd = p4rt_map_fd(p, CONFIG_MAP);
    if (t->config_fd < 0 || !t->decoder.names.present) {
        r = t->config_fd == -ENOENT || t->config_fd >= 0
                ? p4rt_fail(ENOTSUP, "pipeline '%s' has no trace hooks (%s): compile it with "
                                     "p4cc --trace and load it again",
                            pipeline_name(p),
                            t->config_fd >= 0 ? "its p4info has no \"trace\"" : CONFIG_MAP)
                : t->config_fd;
        goto fail;
    }
    if ((t->ring_fd = p4rt_map_fd(p, RING_MAP)) < 0) {
        r = t->ring_fd;
        goto fail;
    }
    /* A writer of the pipeline's maps (docs/RUNTIME.md, "Concurrency"):
     * the check for a running trace and the switch are one step. */
    if ((r = p4rt_lock(p, true)) < 0)
        goto fail;
    locked = true;
    if (p->dir_fd >= 0 && (t->dir_fd = openat(p->dir_fd, ".", O_RDONLY | O_DIRECTORY |
                                                               O_CLOEXEC)) < 0) {
        r = p4rt_fail(errno, "cannot open pipeline '%s''s pins: %s", pipeline_name(p),
                      strerror(errno));
        goto fail;
    }
    snprintf(t->name, sizeof t->name, "%s", p->dir_fd >= 0 ? p->name : "");
    struct p4cc_trace_config cfg;
    if (bpf_map_lookup_elem(t->config_fd, &zero, &cfg)) {
        r = p4rt_fail(errno, "cannot read %s: %s", CONFIG_MAP, strerror(errno));
        goto fail;
    }
    if (cfg.on && owner_alive(&cfg)) {
        r = p4rt_fail(EBUSY, "pipeline '%s' is being traced already (by process %u)",
                      pipeline_name(p), cfg.owner);
        goto fail;
    }
    t->ring = ring_buffer__new(t->ring_fd, on_event, t, NULL);
    if (!t->ring) {
        r = p4rt_fail(errno, "cannot read the trace's ring buffer: %s", strerror(errno));
        goto fail;
    }
    /* What a trace whose process died left in the ring is not ours. */
    t->discard = true;
    ring_buffer__consume(t->ring);
    t->discard = false;
    t->lost_before = cfg.lost;
    /* The sequence numbers go on from where they were: packets of this
     * trace never share one with events left from an earlier one. */
    cfg.on = 1;
    cfg.owner = (uint32_t)getpid();
    if (bpf_map_update_elem(t->config_fd, &zero, &cfg, BPF_ANY) == 0) {
        p4rt_unlock(p);
        return t;
    }
    r = p4rt_fail(errno, "cannot switch the trace on (%s): %s", CONFIG_MAP, strerror(errno));
fail:
    if (locked)
        p4rt_unlock(p);
    close_fds(t);
    errno = -r;
    return NULL;
}

int p4rt_trace_poll(p4rt_trace *t, int timeout_ms, p4rt_trace_fn fn, void *ctx)
{
    P4RT_ARG(t && fn, "the trace and the function must not be NULL");
    t->fn = fn;
    t->ctx = ctx;
    t->stopped = 0;
    int n = ring_buffer__poll(t->ring, timeout_ms);
    if (t->stopped)
        return t->stopped;
    /* Nothing came: is the program traced still the pipeline's? */
    if (n == 0 && t->name[0] && !p4rt_dir_current(t->dir_fd, t->name))
        return p4rt_fail(ESTALE, "pipeline '%s' was unloaded or replaced: the program traced "
                                 "no longer runs (trace it again)",
                         t->name);
    if (n < 0)
        return n == -EINTR ? n : p4rt_fail(-n, "reading the trace: %s", strerror(-n));
    return n;
}

int p4rt_trace_flush(p4rt_trace *t, p4rt_trace_fn fn, void *ctx)
{
    P4RT_ARG(t && fn, "the trace and the function must not be NULL");
    return trace_decoder_flush(&t->decoder, fn, ctx);
}

uint64_t p4rt_trace_lost(const p4rt_trace *t)
{
    struct p4cc_trace_config cfg;
    uint32_t zero = 0;
    if (!t || bpf_map_lookup_elem(t->config_fd, &zero, &cfg))
        return 0;
    return cfg.lost - t->lost_before;
}

void p4rt_trace_stop(p4rt_trace *t)
{
    if (!t)
        return;
    struct p4cc_trace_config cfg;
    uint32_t zero = 0;
    /* The writers' lock, as p4rt_lock takes it (this handle's own open
     * directory: the pipeline's handle may be closed by now). */
    while (t->dir_fd >= 0 && flock(t->dir_fd, LOCK_EX) < 0 && errno == EINTR)
        ;
    if (bpf_map_lookup_elem(t->config_fd, &zero, &cfg) == 0) {
        cfg.on = 0;
        cfg.owner = 0;
        bpf_map_update_elem(t->config_fd, &zero, &cfg, BPF_ANY);
    }
    if (t->dir_fd >= 0)
        flock(t->dir_fd, LOCK_UN);
    close_fds(t);
}
