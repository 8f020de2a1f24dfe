/* Multicast groups of v1model programs (docs/RUNTIME.md, "Traffic manager:
 * copies"; include/p4rt.h). Group G is two maps the control plane creates
 * and puts in the program's outer maps: a DEVMAP_HASH of the group's ports
 * (port -> {ifindex, the egress function}) in p4cc_mcast[G], and an ARRAY
 * of their rids (port -> egress_rid) in p4cc_mcast_rid[G]. All of a
 * group's state is in them: a node is the ports of one rid. Writes go in
 * the order packets read: rids before ports, so no copy finds its rid
 * missing. */
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <p4cc/copies.h>

#include "internal.h"

#define MAX_RID 0xffffu /* egress_rid is bit<16> */

/* 0 when P's program multicasts and is loaded; a program that does not is
 * -ENOTSUP, checked first, so a pipeline opened from p4info alone checks
 * requests (-ENOTCONN once they are right). */
static int need_mcast(const p4rt_pipeline *p)
{
    if (!p->info.mcast_map)
        return p4rt_fail(ENOTSUP, "program '%s' has no multicast groups: it never sets "
                                  "standard_metadata.mcast_grp",
                         p->info.program ? p->info.program : "?");
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (p->mcast.fd < 0 || p->mcast_rid.fd < 0 || p->egress_fd < 0)
        return p4rt_fail(ENOTSUP, "the pipeline has no multicast maps (%s, %s) or no egress "
                                  "program",
                         p->info.mcast_map, p->info.mcast_rid_map);
    return 0;
}

static int check_group(uint32_t group)
{
    if (group == 0 || group >= P4CC_MCAST_GROUPS)
        return p4rt_fail_at(ERANGE, P4RT_AT_NAME, 0, 0, NULL,
                            "multicast group %u is out of range: groups are 1 to %u", group,
                            P4CC_MCAST_GROUPS - 1);
    return 0;
}

/* The inner map of GROUP in OUTER: its fd, or -ENOENT with the message. */
static int inner_fd(int outer, uint32_t group)
{
    uint32_t id;
    if (bpf_map_lookup_elem(outer, &group, &id))
        return errno == ENOENT
                   ? p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL,
                                  "there is no multicast group %u", group)
                   : p4rt_fail(errno, "cannot read multicast group %u: %s", group,
                               strerror(errno));
    int fd = bpf_map_get_fd_by_id(id);
    if (fd < 0)
        return p4rt_fail(errno, "cannot open the map of multicast group %u: %s", group,
                         strerror(errno));
    return fd;
}

int p4rt_mc_group_create(p4rt_pipeline *p, uint32_t group)
{
    P4RT_NONNULL(p);
    int r;
    if ((r = check_group(group)) < 0 || (r = need_mcast(p)) < 0)
        return r;
    uint32_t id;
    if (bpf_map_lookup_elem(p->mcast.fd, &group, &id) == 0)
        return p4rt_fail_at(EEXIST, P4RT_AT_NAME, 0, 0, NULL, "multicast group %u exists",
                            group);
    char name[16];
    snprintf(name, sizeof name, "p4cc_mc%u", group);
    int ports = bpf_map_create(BPF_MAP_TYPE_DEVMAP_HASH, name, sizeof(uint32_t),
                               sizeof(struct bpf_devmap_val), P4CC_MCAST_PORTS, NULL);
    if (ports < 0)
        return p4rt_fail(errno, "cannot create the port map of multicast group %u: %s", group,
                         strerror(errno));
    snprintf(name, sizeof name, "p4cc_rid%u", group);
    int rids = bpf_map_create(BPF_MAP_TYPE_ARRAY, name, sizeof(uint32_t), sizeof(uint32_t),
                              P4CC_MCAST_PORTS, NULL);
    if (rids < 0) {
        r = p4rt_fail(errno, "cannot create the rid map of multicast group %u: %s", group,
                      strerror(errno));
    } else if (bpf_map_update_elem(p->mcast_rid.fd, &group, &rids, BPF_NOEXIST) ||
               bpf_map_update_elem(p->mcast.fd, &group, &ports, BPF_NOEXIST)) {
        int e = errno;
        r = p4rt_fail(e, "cannot create multicast group %u: %s", group, strerror(e));
        bpf_map_delete_elem(p->mcast_rid.fd, &group);
    }
    /* The outer maps hold the groups now. */
    close(ports);
    if (rids >= 0)
        close(rids);
    return r;
}

int p4rt_mc_group_delete(p4rt_pipeline *p, uint32_t group)
{
    P4RT_NONNULL(p);
    int r;
    if ((r = check_group(group)) < 0 || (r = need_mcast(p)) < 0)
        return r;
    /* Copies stop first; a copy under way finds no rid (0). */
    if (bpf_map_delete_elem(p->mcast.fd, &group))
        return errno == ENOENT ? p4rt_fail_at(ENOENT, P4RT_AT_NAME, 0, 0, NULL,
                                              "there is no multicast group %u", group)
                               : p4rt_fail(errno, "cannot delete multicast group %u: %s", group,
                                           strerror(errno));
    bpf_map_delete_elem(p->mcast_rid.fd, &group);
    p4rt_clone_sessions_refresh(p);   /* sessions to the group send nothing now */
    return 0;
}

/* The members of the group whose maps are PORTS and RIDS, by port. */
static int read_members(int ports, int rids, p4rt_mc_member **out, size_t *n)
{
    size_t cap = 8;
    p4rt_mc_member *m = xcalloc(cap, sizeof *m);
    uint32_t key, next, *prev = NULL;
    struct bpf_devmap_val dv;
    *n = 0;
    while (bpf_map_get_next_key(ports, prev, &next) == 0) {
        key = next;
        prev = &key;
        if (bpf_map_lookup_elem(ports, &key, &dv))
            continue;
        if (*n == cap) {
            cap *= 2;
            m = realloc(m, cap * sizeof *m);
            if (!m)
                abort();
        }
        uint32_t rid = 0;
        bpf_map_lookup_elem(rids, &key, &rid);
        m[(*n)++] = (p4rt_mc_member){.port = key, .rid = rid, .ifindex = dv.ifindex};
    }
    *out = m;
    return 0;
}

static int by_rid_port(const void *a, const void *b)
{
    const p4rt_mc_member *x = a, *y = b;
    if (x->rid != y->rid)
        return x->rid < y->rid ? -1 : 1;
    return x->port < y->port ? -1 : x->port > y->port;
}

int p4rt_mc_group_get(p4rt_pipeline *p, uint32_t group, p4rt_mc_member **members, size_t *n)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(members);
    P4RT_NONNULL(n);
    int r;
    *members = NULL;
    *n = 0;
    if ((r = check_group(group)) < 0 || (r = need_mcast(p)) < 0)
        return r;
    int ports = inner_fd(p->mcast.fd, group);
    if (ports < 0)
        return ports;
    int rids = inner_fd(p->mcast_rid.fd, group);
    if (rids < 0) {
        close(ports);
        return rids;
    }
    r = read_members(ports, rids, members, n);
    qsort(*members, *n, sizeof **members, by_rid_port);
    close(ports);
    close(rids);
    return r;
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int p4rt_mc_group_list(p4rt_pipeline *p, uint32_t **groups, size_t *n)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(groups);
    P4RT_NONNULL(n);
    int r;
    *groups = NULL;
    *n = 0;
    if ((r = need_mcast(p)) < 0)
        return r;
    size_t cap = 8;
    uint32_t *g = xcalloc(cap, sizeof *g);
    uint32_t key, next, *prev = NULL;
    while (bpf_map_get_next_key(p->mcast.fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        if (*n == cap) {
            cap *= 2;
            g = realloc(g, cap * sizeof *g);
            if (!g)
                abort();
        }
        g[(*n)++] = key;
    }
    qsort(g, *n, sizeof *g, by_number);
    *groups = g;
    return 0;
}

int p4rt_mc_node_add(p4rt_pipeline *p, uint32_t group, uint32_t rid, const uint32_t *ports,
                     size_t nports)
{
    P4RT_NONNULL(p);
    P4RT_ARG(ports || !nports, "ports is NULL, with %zu of them", nports);
    int r;
    if ((r = check_group(group)) < 0)
        return r;
    if (rid > MAX_RID)
        return p4rt_fail(ERANGE, "rid %u is out of range: egress_rid is 16 bits (0 to %u)", rid,
                         MAX_RID);
    if (nports == 0)
        return p4rt_fail(EINVAL, "a node of multicast group %u needs at least one port", group);
    for (size_t i = 0; i < nports; i++) {
        if (ports[i] >= P4CC_MCAST_PORTS)
            return p4rt_fail(ERANGE, "port %u is out of range: ports are 0 to %u", ports[i],
                             P4CC_MCAST_PORTS - 1);
        for (size_t k = 0; k < i; k++)
            if (ports[k] == ports[i])
                return p4rt_fail(EEXIST, "port %u is given twice", ports[i]);
    }
    if ((r = need_mcast(p)) < 0)
        return r;
    uint64_t here = p4rt_netns_here();
    if (p->netns_ino && here && here != p->netns_ino)
        return p4rt_fail(EXDEV, "pipeline '%s' was loaded in another network namespace; its "
                                "ports are interfaces there",
                         p->name[0] ? p->name : "(unnamed)");
    /* Every port checked before anything is written. */
    uint32_t *ifindex = xcalloc(nports, sizeof *ifindex);
    for (size_t i = 0; i < nports && r == 0; i++)
        if (bpf_map_lookup_elem(p->tx.fd, &ports[i], &ifindex[i]))
            r = p4rt_fail(ENODEV, "port %u has no interface (p4ctl port add gives it one)",
                          ports[i]);
    int pfd = r < 0 ? -1 : inner_fd(p->mcast.fd, group);
    int rfd = pfd < 0 ? -1 : inner_fd(p->mcast_rid.fd, group);
    if (r == 0 && (pfd < 0 || rfd < 0))
        r = pfd < 0 ? pfd : rfd;
    struct bpf_devmap_val dv;
    for (size_t i = 0; i < nports && r == 0; i++) {
        if (bpf_map_lookup_elem(pfd, &ports[i], &dv) == 0) {
            uint32_t old = 0;
            bpf_map_lookup_elem(rfd, &ports[i], &old);
            r = p4rt_fail(EEXIST, "port %u is in multicast group %u already (rid %u); a port "
                                  "is in a group once",
                          ports[i], group, old);
        }
    }
    size_t done = 0;
    for (; done < nports && r == 0; done++) {
        dv = (struct bpf_devmap_val){.ifindex = ifindex[done], .bpf_prog.fd = p->egress_fd};
        if (bpf_map_update_elem(rfd, &ports[done], &rid, BPF_ANY) ||
            bpf_map_update_elem(pfd, &ports[done], &dv, BPF_NOEXIST)) {
            int e = errno;
            r = p4rt_fail(e, "cannot add port %u to multicast group %u: %s", ports[done], group,
                          strerror(e));
            break;
        }
    }
    /* A failure leaves the group as it was. */
    for (size_t i = 0; r < 0 && i < done; i++)
        bpf_map_delete_elem(pfd, &ports[i]);
    if (r == 0)
        p4rt_clone_sessions_refresh(p);   /* sessions to the group */
    if (pfd >= 0)
        close(pfd);
    if (rfd >= 0)
        close(rfd);
    free(ifindex);
    return r;
}

int p4rt_mc_node_delete(p4rt_pipeline *p, uint32_t group, uint32_t rid)
{
    P4RT_NONNULL(p);
    p4rt_mc_member *m;
    size_t n, gone = 0;
    int r = p4rt_mc_group_get(p, group, &m, &n);
    if (r < 0)
        return r;
    int pfd = inner_fd(p->mcast.fd, group);
    for (size_t i = 0; i < n && pfd >= 0; i++) {
        if (m[i].rid != rid)
            continue;
        if (bpf_map_delete_elem(pfd, &m[i].port) && errno != ENOENT) {
            r = p4rt_fail(errno, "cannot remove port %u from multicast group %u: %s", m[i].port,
                          group, strerror(errno));
            break;
        }
        gone++;
    }
    if (pfd < 0)
        r = pfd;
    else
        close(pfd);
    free(m);
    if (r == 0 && gone == 0)
        r = p4rt_fail(ENOENT, "multicast group %u has no node with rid %u", group, rid);
    if (r == 0)
        p4rt_clone_sessions_refresh(p);
    return r;
}
