/* Clone sessions of v1model programs (docs/RUNTIME.md, "Clone sessions";
 * include/p4rt.h). Session S sending clones to port C is, for each port P
 * of the pipeline and for a dropped original (P4CC_CLONE_DROPPED), a
 * DEVMAP_HASH in p4cc_clones[P4CC_CLONE_KEY(S, P)]: the original's entry
 * (key P: P's interface, p4cc_clone_orig) and the clone's (key
 * P4CC_CLONE_PORT_KEY + C: C's interface, p4cc_clone), which a cloned
 * packet is broadcast through; a session to a multicast group has a
 * clone's entry per member, in p4cc_clones_mc. p4cc_clone_sessions[S]
 * records C or the group; it is written last and removed first. */
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

/* Where a session's clones go: a port (its interface), or the members of
 * a multicast group (each port and its interface). */
typedef struct Targets {
    uint32_t group;    /* 0: a port */
    uint32_t *ports, *ifindex;
    size_t n;
} Targets;

/* The map of one destination: the original's entry (unless DEST is the
 * dropped original's) and the clones'; in p4cc_clones, or for a group in
 * p4cc_clones_mc (the other outer map loses its map for the key). */
static int make_copies(p4rt_pipeline *p, uint32_t session, uint32_t dest, uint32_t dest_ifindex,
                       const Targets *t)
{
    char name[16];
    snprintf(name, sizeof name, "p4cc_cl%u", session);
    int outer = t->group ? p->clone_group_copies.fd : p->clone_copies.fd;
    int other = t->group ? p->clone_copies.fd : p->clone_group_copies.fd;
    int fd = bpf_map_create(BPF_MAP_TYPE_DEVMAP_HASH, name, sizeof(uint32_t),
                            sizeof(struct bpf_devmap_val),
                            t->group ? P4CC_CLONE_GROUP_COPIES : 2, NULL);
    if (fd < 0)
        return p4rt_fail(errno, "cannot create a map of clone session %u: %s", session,
                         strerror(errno));
    int r = 0;
    for (size_t i = 0; i < t->n && r == 0; i++) {
        uint32_t key = P4CC_CLONE_PORT_KEY + t->ports[i];
        struct bpf_devmap_val dv = {.ifindex = t->ifindex[i], .bpf_prog.fd = p->clone_fd};
        if (bpf_map_update_elem(fd, &key, &dv, BPF_ANY))
            r = -errno;
    }
    struct bpf_devmap_val dv = {.ifindex = dest_ifindex, .bpf_prog.fd = p->clone_orig_fd};
    if (r == 0 && dest != P4CC_CLONE_DROPPED && bpf_map_update_elem(fd, &dest, &dv, BPF_ANY))
        r = -errno;
    uint32_t key = P4CC_CLONE_KEY(session, dest);
    if (r == 0 && bpf_map_update_elem(outer, &key, &fd, BPF_ANY))
        r = -errno;
    if (r == 0 && other >= 0)
        bpf_map_delete_elem(other, &key);
    close(fd);
    return r < 0 ? p4rt_fail(-r, "cannot fill a map of clone session %u: %s", session,
                             strerror(-r))
                 : 0;
}

static void free_targets(Targets *t)
{
    free(t->ports);
    free(t->ifindex);
}

/* The targets of a session to PORT or (PORT unused) to GROUP. */
static int find_targets(p4rt_pipeline *p, uint32_t port, uint32_t group, Targets *t)
{
    *t = (Targets){.group = group};
    if (!group) {
        uint32_t ifindex;
        if (bpf_map_lookup_elem(p->tx.fd, &port, &ifindex))
            return p4rt_fail(ENODEV, "port %u has no interface (p4ctl port add gives it one)",
                             port);
        t->ports = xcalloc(1, sizeof *t->ports);
        t->ifindex = xcalloc(1, sizeof *t->ifindex);
        t->ports[0] = port;
        t->ifindex[0] = ifindex;
        t->n = 1;
        return 0;
    }
    if (p->clone_group_copies.fd < 0)
        return p4rt_fail(ENOTSUP, "program '%s' has no multicast groups: a clone session goes "
                                  "to a port",
                         p->info.program ? p->info.program : "?");
    p4rt_mc_member *m;
    size_t n;
    int r = p4rt_mc_group_get(p, group, &m, &n);
    if (r < 0)
        return r;
    t->ports = xcalloc(n ? n : 1, sizeof *t->ports);
    t->ifindex = xcalloc(n ? n : 1, sizeof *t->ifindex);
    for (size_t i = 0; i < n; i++) {
        t->ports[i] = m[i].port;
        t->ifindex[i] = m[i].ifindex;
    }
    t->n = n;
    free(m);
    return 0;
}

/* The maps of SESSION for clones to PORT or GROUP, one per port with an
 * interface now and for the dropped original; those of ports without one
 * go. */
static int set_session(p4rt_pipeline *p, uint32_t session, uint32_t port, uint32_t group)
{
    uint64_t here = p4rt_netns_here();
    if (p->netns_ino && here && here != p->netns_ino)
        return p4rt_fail(EXDEV, "pipeline '%s' was loaded in another network namespace; its "
                                "ports are interfaces there",
                         p->name[0] ? p->name : "(unnamed)");
    Targets t;
    int r = find_targets(p, port, group, &t);
    if (r < 0)
        return r;
    r = make_copies(p, session, P4CC_CLONE_DROPPED, 0, &t);
    for (uint32_t dest = 0; dest < PORTS && r == 0; dest++) {
        uint32_t dest_ifindex;
        if (bpf_map_lookup_elem(p->tx.fd, &dest, &dest_ifindex) == 0) {
            r = make_copies(p, session, dest, dest_ifindex, &t);
        } else {
            uint32_t key = P4CC_CLONE_KEY(session, dest);
            bpf_map_delete_elem(p->clone_copies.fd, &key);
            if (p->clone_group_copies.fd >= 0)
                bpf_map_delete_elem(p->clone_group_copies.fd, &key);
        }
    }
    struct p4cc_clone_session rec = {.port = group ? 0 : port,
                                     .ifindex = group ? 0 : t.ifindex[0], .group = group};
    if (r == 0 && bpf_map_update_elem(p->clone_sessions.fd, &session, &rec, BPF_ANY))
        r = p4rt_fail(errno, "cannot record clone session %u: %s", session, strerror(errno));
    free_targets(&t);
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
        if (p->clone_group_copies.fd >= 0)
            bpf_map_delete_elem(p->clone_group_copies.fd, &key);
    }
}

void p4rt_clone_sessions_refresh(p4rt_pipeline *p)
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
        if (all[i].group ? set_session(p, all[i].session, 0, all[i].group) < 0
                         : bpf_map_lookup_elem(p->tx.fd, &all[i].port, &ifindex) ||
                               set_session(p, all[i].session, all[i].port, 0) < 0)
            drop_maps(p, all[i].session);   /* its port or group is gone: no clones */
    }
    free(all);
}

static int change(p4rt_pipeline *p, uint32_t session, uint32_t port, uint32_t group,
                  bool exists)
{
    P4RT_NONNULL(p);
    int r;
    if (!group && port >= PORTS)
        return p4rt_fail(ERANGE, "port %u is out of range: ports are 0 to %u", port, PORTS - 1);
    if (group && group >= 65536)
        return p4rt_fail(ERANGE, "multicast group %u is out of range: groups are 1 to 65535",
                         group);
    if ((r = check_session(session)) < 0 || (r = need_clone(p)) < 0 ||
        (r = p4rt_lock(p, true)) < 0)
        return r;
    struct p4cc_clone_session rec;
    bool found = bpf_map_lookup_elem(p->clone_sessions.fd, &session, &rec) == 0;
    if (found && !exists)
        r = rec.group ? p4rt_fail_at(EEXIST, P4RT_AT_NAME, 0, 0, NULL,
                                     "clone session %u exists (multicast group %u)", session,
                                     rec.group)
                      : p4rt_fail_at(EEXIST, P4RT_AT_NAME, 0, 0, NULL,
                                     "clone session %u exists (port %u)", session, rec.port);
    else if (!found && exists)
        r = p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL, "there is no clone session %u",
                         session);
    else if ((r = set_session(p, session, port, group)) < 0 && !found)
        drop_maps(p, session);   /* a failed add leaves nothing */
    p4rt_unlock(p);
    return r;
}

int p4rt_clone_session_add(p4rt_pipeline *p, uint32_t session, uint32_t port)
{
    return change(p, session, port, 0, false);
}

int p4rt_clone_session_modify(p4rt_pipeline *p, uint32_t session, uint32_t port)
{
    return change(p, session, port, 0, true);
}

int p4rt_clone_session_add_group(p4rt_pipeline *p, uint32_t session, uint32_t group)
{
    P4RT_ARG(group != 0, "group is 0 (groups are 1 to 65535)%s", "");
    return change(p, session, 0, group, false);
}

int p4rt_clone_session_modify_group(p4rt_pipeline *p, uint32_t session, uint32_t group)
{
    P4RT_ARG(group != 0, "group is 0 (groups are 1 to 65535)%s", "");
    return change(p, session, 0, group, true);
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
    *out = (p4rt_clone_session){.session = session, .port = rec.port, .ifindex = rec.ifindex,
                                .group = rec.group};
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
        s[(*n)++] = (p4rt_clone_session){.session = key, .port = rec.port, .ifindex = rec.ifindex,
                                         .group = rec.group};
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
