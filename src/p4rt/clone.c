/* Clone sessions of v1model programs (docs/RUNTIME.md, "Clone sessions";
 * include/p4rt.h). Session S sending clones to port C is, for each port P
 * of the pipeline and for a dropped original (P4CC_CLONE_DROPPED), a
 * DEVMAP_HASH in p4cc_clones[P4CC_CLONE_KEY(S, P)]: the original's entry
 * (key P: P's interface, p4cc_clone_orig) and the clone's (key
 * P4CC_CLONE_PORT_KEY + C: C's interface, p4cc_clone), which a cloned
 * packet is broadcast through. p4cc_clone_sessions[S] records C, for
 * reading back; it is written last and removed first. */
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <p4cc/clone.h>

#include "internal.h"

#define PORTS 256 /* the P4 ports of p4cc_tx */

/* 0 when P's program clones and is loaded; -ENOTSUP first for one that
 * does not, so a pipeline opened from p4info alone checks requests. */
static int need_clone(const p4rt_pipeline *p)
{
    if (!p->info.clone_copies_map)
        return p4rt_fail(ENOTSUP, "program '%s' has no clone sessions: it never calls clone() "
                                  "or clone_preserving_field_list()",
                         p->info.program ? p->info.program : "?");
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (p->clone_copies.fd < 0 || p->clone_sessions.fd < 0 || p->clone_fd < 0 ||
        p->clone_orig_fd < 0)
        return p4rt_fail(ENOTSUP, "the pipeline has no clone maps (%s, %s) or no clone programs",
                         p->info.clone_copies_map, p->info.clone_sessions_map);
    return 0;
}

static int check_session(uint32_t session)
{
    if (session >= P4CC_CLONE_SESSIONS)
        return p4rt_fail_at(ERANGE, P4RT_AT_NAME, 0, 0, NULL,
                            "clone session %u is out of range: sessions are 0 to %u", session,
                            P4CC_CLONE_SESSIONS - 1);
    return 0;
}

/* The map of one destination: the original's entry (unless DEST is the
 * dropped original's) and the clone's. */
static int make_copies(p4rt_pipeline *p, uint32_t session, uint32_t dest, uint32_t dest_ifindex,
                       uint32_t port, uint32_t ifindex)
{
    char name[16];
    snprintf(name, sizeof name, "p4cc_cl%u", session);
    int fd = bpf_map_create(BPF_MAP_TYPE_DEVMAP_HASH, name, sizeof(uint32_t),
                            sizeof(struct bpf_devmap_val), 2, NULL);
    if (fd < 0)
        return p4rt_fail(errno, "cannot create a map of clone session %u: %s", session,
                         strerror(errno));
    int r = 0;
    uint32_t key = P4CC_CLONE_PORT_KEY + port;
    struct bpf_devmap_val dv = {.ifindex = ifindex, .bpf_prog.fd = p->clone_fd};
    if (bpf_map_update_elem(fd, &key, &dv, BPF_ANY))
        r = -errno;
    dv = (struct bpf_devmap_val){.ifindex = dest_ifindex, .bpf_prog.fd = p->clone_orig_fd};
    if (r == 0 && dest != P4CC_CLONE_DROPPED && bpf_map_update_elem(fd, &dest, &dv, BPF_ANY))
        r = -errno;
    key = P4CC_CLONE_KEY(session, dest);
    if (r == 0 && bpf_map_update_elem(p->clone_copies.fd, &key, &fd, BPF_ANY))
        r = -errno;
    close(fd);
    return r < 0 ? p4rt_fail(-r, "cannot fill a map of clone session %u: %s", session,
                             strerror(-r))
                 : 0;
}

/* The maps of SESSION for clones to PORT, one per port with an interface
 * now and for the dropped original; those of ports without one go. */
static int set_session(p4rt_pipeline *p, uint32_t session, uint32_t port)
{
    uint32_t ifindex;
    uint64_t here = p4rt_netns_here();
    if (p->netns_ino && here && here != p->netns_ino)
        return p4rt_fail(EXDEV, "pipeline '%s' was loaded in another network namespace; its "
                                "ports are interfaces there",
                         p->name[0] ? p->name : "(unnamed)");
    if (bpf_map_lookup_elem(p->tx.fd, &port, &ifindex))
        return p4rt_fail(ENODEV, "port %u has no interface (p4ctl port add gives it one)", port);
    int r = make_copies(p, session, P4CC_CLONE_DROPPED, 0, port, ifindex);
    for (uint32_t dest = 0; dest < PORTS && r == 0; dest++) {
        uint32_t dest_ifindex;
        if (bpf_map_lookup_elem(p->tx.fd, &dest, &dest_ifindex) == 0) {
            r = make_copies(p, session, dest, dest_ifindex, port, ifindex);
        } else {
            uint32_t key = P4CC_CLONE_KEY(session, dest);
            bpf_map_delete_elem(p->clone_copies.fd, &key);
        }
    }
    struct p4cc_clone_session rec = {.port = port, .ifindex = ifindex};
    if (r == 0 && bpf_map_update_elem(p->clone_sessions.fd, &session, &rec, BPF_ANY))
        r = p4rt_fail(errno, "cannot record clone session %u: %s", session, strerror(errno));
    return r;
}

/* Every map of SESSION out: clones stop at once. */
static void drop_maps(p4rt_pipeline *p, uint32_t session)
{
    for (uint32_t dest = 0; dest <= P4CC_CLONE_DROPPED; dest++) {
        if (dest == PORTS)
            dest = P4CC_CLONE_DROPPED;
        uint32_t key = P4CC_CLONE_KEY(session, dest);
        bpf_map_delete_elem(p->clone_copies.fd, &key);
    }
}

void p4rt_clone_ports_changed(p4rt_pipeline *p)
{
    if (p->clone_copies.fd < 0 || p->clone_sessions.fd < 0 || p->clone_fd < 0 ||
        p->clone_orig_fd < 0)
        return;
    /* The sessions first: setting one rewrites its record, which moves
     * it in the hash map's walk. */
    p4rt_clone_session *all;
    size_t n;
    if (p4rt_clone_session_list(p, &all, &n) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        uint32_t ifindex;
        if (bpf_map_lookup_elem(p->tx.fd, &all[i].port, &ifindex))
            drop_maps(p, all[i].session);   /* its port is gone: no clones */
        else
            set_session(p, all[i].session, all[i].port);
    }
    free(all);
}

static int change(p4rt_pipeline *p, uint32_t session, uint32_t port, bool exists)
{
    P4RT_NONNULL(p);
    int r;
    if (port >= PORTS)
        return p4rt_fail(ERANGE, "port %u is out of range: ports are 0 to %u", port, PORTS - 1);
    if ((r = check_session(session)) < 0 || (r = need_clone(p)) < 0 ||
        (r = p4rt_lock(p, true)) < 0)
        return r;
    struct p4cc_clone_session rec;
    bool found = bpf_map_lookup_elem(p->clone_sessions.fd, &session, &rec) == 0;
    if (found && !exists)
        r = p4rt_fail_at(EEXIST, P4RT_AT_NAME, 0, 0, NULL, "clone session %u exists (port %u)",
                         session, rec.port);
    else if (!found && exists)
        r = p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "there is no clone session %u",
                         session);
    else if ((r = set_session(p, session, port)) < 0 && !found)
        drop_maps(p, session);   /* a failed add leaves nothing */
    p4rt_unlock(p);
    return r;
}

int p4rt_clone_session_add(p4rt_pipeline *p, uint32_t session, uint32_t port)
{
    return change(p, session, port, false);
}

int p4rt_clone_session_modify(p4rt_pipeline *p, uint32_t session, uint32_t port)
{
    return change(p, session, port, true);
}

int p4rt_clone_session_delete(p4rt_pipeline *p, uint32_t session)
{
    P4RT_NONNULL(p);
    int r;
    if ((r = check_session(session)) < 0 || (r = need_clone(p)) < 0 ||
        (r = p4rt_lock(p, true)) < 0)
        return r;
    if (bpf_map_delete_elem(p->clone_sessions.fd, &session))
        r = errno == ENOENT ? p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL,
                                           "there is no clone session %u", session)
                            : p4rt_fail(errno, "cannot delete clone session %u: %s", session,
                                        strerror(errno));
    else
        drop_maps(p, session);
    p4rt_unlock(p);
    return r;
}

int p4rt_clone_session_get(p4rt_pipeline *p, uint32_t session, p4rt_clone_session *out)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(out);
    int r;
    if ((r = check_session(session)) < 0 || (r = need_clone(p)) < 0)
        return r;
    struct p4cc_clone_session rec;
    if (bpf_map_lookup_elem(p->clone_sessions.fd, &session, &rec))
        return p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "there is no clone session %u",
                            session);
    *out = (p4rt_clone_session){.session = session, .port = rec.port, .ifindex = rec.ifindex};
    return 0;
}

static int by_session(const void *a, const void *b)
{
    const p4rt_clone_session *x = a, *y = b;
    return x->session < y->session ? -1 : x->session > y->session;
}

int p4rt_clone_session_list(p4rt_pipeline *p, p4rt_clone_session **sessions, size_t *n)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(sessions);
    P4RT_NONNULL(n);
    int r;
    *sessions = NULL;
    *n = 0;
    if ((r = need_clone(p)) < 0)
        return r;
    size_t cap = 8;
    p4rt_clone_session *s = xcalloc(cap, sizeof *s);
    uint32_t key, next, *prev = NULL;
    while (bpf_map_get_next_key(p->clone_sessions.fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        struct p4cc_clone_session rec;
        if (bpf_map_lookup_elem(p->clone_sessions.fd, &key, &rec))
            continue;
        if (*n == cap) {
            cap *= 2;
            s = realloc(s, cap * sizeof *s);
            if (!s)
                abort();
        }
        s[(*n)++] = (p4rt_clone_session){.session = key, .port = rec.port, .ifindex = rec.ifindex};
    }
    qsort(s, *n, sizeof *s, by_session);
    *sessions = s;
    return 0;
}

int p4rt_clone_lost(p4rt_pipeline *p, uint64_t *count)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(count);
    int r;
    *count = 0;
    if ((r = need_clone(p)) < 0)
        return r;
    uint32_t zero = 0;
    if (p->clone_lost.fd < 0 || bpf_map_lookup_elem(p->clone_lost.fd, &zero, count))
        return p4rt_fail(errno ? errno : ENOENT, "cannot read the lost clones' count");
    return 0;
}
