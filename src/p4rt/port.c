/* Ports: the interfaces a pipeline runs on (p4cc_ports and p4cc_tx
 * entries) and the XDP attachment to each. See include/p4rt.h. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

uint64_t p4rt_netns_here(void)
{
    struct stat st;
    return stat("/proc/self/ns/net", &st) == 0 ? (uint64_t)st.st_ino : 0;
}

/* Which mode P's program is attached in on IFINDEX (AUTO: not ours or not
 * attached); *OTHER gets the id of another program there (0 if none). */
static p4rt_xdp_mode attached_mode(const p4rt_pipeline *p, uint32_t ifindex, uint32_t *other)
{
    LIBBPF_OPTS(bpf_xdp_query_opts, q);
    *other = 0;
    if (bpf_xdp_query((int)ifindex, 0, &q))
        return P4RT_XDP_AUTO;
    if (q.drv_prog_id && q.drv_prog_id == p->prog_id)
        return P4RT_XDP_NATIVE;
    if (q.skb_prog_id && q.skb_prog_id == p->prog_id)
        return P4RT_XDP_GENERIC;
    *other = q.drv_prog_id ? q.drv_prog_id : q.skb_prog_id ? q.skb_prog_id : q.hw_prog_id;
    return P4RT_XDP_AUTO;
}

static int check_netns(const p4rt_pipeline *p)
{
    uint64_t here = p4rt_netns_here();
    if (p->netns_ino && here && here != p->netns_ino)
        return p4rt_fail(EXDEV,
                         "pipeline '%s' was loaded in another network namespace; its ports are "
                         "interfaces there (p4ctl -n NETNS runs in a named namespace)",
                         p->name[0] ? p->name : "(unnamed)");
    return 0;
}

static int need_ports(const p4rt_pipeline *p)
{
    int r = p4rt_need_loaded(p);
    if (r < 0)
        return r;
    if (p->ports.fd < 0 || p->tx.fd < 0)
        return p4rt_fail(ENOTSUP, "the program has no port maps (%s, %s)",
                         p->info.ports_map, p->info.tx_map);
    return 0;
}

int p4rt_port_list(p4rt_pipeline *p, p4rt_port **ports, size_t *nports)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(ports);
    P4RT_NONNULL(nports);
    int r = need_ports(p);
    *ports = NULL;
    *nports = 0;
    if (r < 0)
        return r;
    /* Interface indexes are the pipeline's namespace's: here they would
     * name unrelated interfaces. */
    uint64_t here = p4rt_netns_here();
    bool elsewhere = p->netns_ino && here && here != p->netns_ino;
    size_t n = 0, cap = 8;
    p4rt_port *list = xcalloc(cap, sizeof *list);
    uint32_t key, next, port;
    uint32_t *prev = NULL;
    while (bpf_map_get_next_key(p->ports.fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        if (bpf_map_lookup_elem(p->ports.fd, &key, &port))
            continue;
        if (n == cap) {
            cap *= 2;
            list = realloc(list, cap * sizeof *list);
            if (!list)
                abort();
        }
        p4rt_port *pt = &list[n++];
        memset(pt, 0, sizeof *pt);
        pt->ifindex = key;
        pt->port = port;
        if (elsewhere) {
            snprintf(pt->ifname, sizeof pt->ifname, "(other netns)");
            continue;
        }
        if (!if_indextoname(key, pt->ifname))
            snprintf(pt->ifname, sizeof pt->ifname, "(gone)");
        uint32_t other;
        pt->mode = attached_mode(p, key, &other);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && list[j - 1].port > list[j].port; j--) {
            p4rt_port t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    *ports = list;
    *nports = n;
    return 0;
}

int p4rt_port_drops(p4rt_pipeline *p, uint64_t *dropped)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(dropped);
    uint32_t key = P4RT_OUT_NO_DEVICE, n = 0;
    int r = p4rt_need_loaded(p);
    *dropped = 0;
    if (r < 0)
        return r;
    if (p->out.fd < 0 || p->out.max_entries <= key)
        return p4rt_fail(ENOTSUP, "the program does not count packets for ports without an "
                                  "interface (its %s has no cell %u)",
                         p->info.out_map, key);
    if (bpf_map_lookup_elem(p->out.fd, &key, &n)) {
        int e = errno;
        return p4rt_fail(e, "cannot read %s: %s", p->info.out_map, strerror(e));
    }
    *dropped = n;
    return 0;
}

/* The ifindex of veth NAME's peer (ethtool's statistic peer_ifindex, read
 * through ioctls, which work in the namespace p4ctl entered, where sysfs
 * may show another one's), or 0 when NAME is no veth. */
static unsigned veth_peer_index(const char *name)
{
    struct ethtool_drvinfo info = {.cmd = ETHTOOL_GDRVINFO};
    struct ifreq ifr = {0};
    unsigned peer = 0;
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
    ifr.ifr_data = (void *)&info;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    if (ioctl(fd, SIOCETHTOOL, &ifr) < 0 || strcmp(info.driver, "veth") != 0 ||
        info.n_stats == 0 || info.n_stats > 4096)
        goto out;
    struct ethtool_gstrings *names = calloc(1, sizeof *names + info.n_stats * ETH_GSTRING_LEN);
    struct ethtool_stats *stats = calloc(1, sizeof *stats + info.n_stats * sizeof(__u64));
    if (names && stats) {
        names->cmd = ETHTOOL_GSTRINGS;
        names->string_set = ETH_SS_STATS;
        names->len = info.n_stats;
        stats->cmd = ETHTOOL_GSTATS;
        stats->n_stats = info.n_stats;
        ifr.ifr_data = (void *)names;
        bool ok = ioctl(fd, SIOCETHTOOL, &ifr) == 0;
        ifr.ifr_data = (void *)stats;
        ok = ok && ioctl(fd, SIOCETHTOOL, &ifr) == 0;
        for (unsigned i = 0; ok && i < info.n_stats; i++)
            if (strncmp((const char *)names->data + i * ETH_GSTRING_LEN, "peer_ifindex",
                        ETH_GSTRING_LEN) == 0)
                peer = (unsigned)stats->data[i];
    }
    free(names);
    free(stats);
out:
    close(fd);
    return peer;
}

/* A frame redirected into a veth in native mode is dropped unless the
 * peer runs an XDP program of its own: say so when the peer is in this
 * namespace (its peer_ifindex names us back) and has none. */
static void note_veth_peer(uint32_t ifindex, const char *ifname, p4rt_port *out)
{
    char peer[IF_NAMESIZE];
    unsigned peer_index = veth_peer_index(ifname);
    uint32_t prog_id = 0;
    if (!peer_index || !if_indextoname(peer_index, peer) || veth_peer_index(peer) != ifindex ||
        bpf_xdp_query_id((int)peer_index, 0, &prog_id) || prog_id)
        return;
    snprintf(out->note, sizeof out->note,
             "veth '%s': its peer '%s' has no XDP program, so frames sent out of it in native "
             "mode are dropped (give '%s' one, even XDP_PASS, or use generic mode)",
             ifname, peer, peer);
}

static int attach(p4rt_pipeline *p, uint32_t ifindex, const char *ifname, p4rt_xdp_mode mode,
                  p4rt_port *out)
{
    uint32_t flags = XDP_FLAGS_UPDATE_IF_NOEXIST;
    if (mode != P4RT_XDP_GENERIC) {
        if (bpf_xdp_attach((int)ifindex, p->prog_fd, flags | XDP_FLAGS_DRV_MODE, NULL) == 0) {
            out->mode = P4RT_XDP_NATIVE;
            note_veth_peer(ifindex, ifname, out);
            return 0;
        }
        int e = errno;
        if (mode == P4RT_XDP_NATIVE || e == EBUSY || e == EEXIST)
            return p4rt_fail(e, "cannot attach to '%s' in native mode: %s", ifname, strerror(e));
        snprintf(out->note, sizeof out->note,
                 "'%s' has no native XDP (%s): attached in generic (SKB) mode", ifname,
                 strerror(e));
    }
    if (bpf_xdp_attach((int)ifindex, p->prog_fd, flags | XDP_FLAGS_SKB_MODE, NULL)) {
        int e = errno;
        return p4rt_fail(e, "cannot attach to '%s' in generic mode: %s", ifname, strerror(e));
    }
    out->mode = P4RT_XDP_GENERIC;
    return 0;
}

static int port_add(p4rt_pipeline *p, const char *ifname, long port, p4rt_xdp_mode mode,
                    p4rt_port *out)
{
    int r;
    uint32_t ifindex = if_nametoindex(ifname);
    if (!ifindex)
        return p4rt_fail(ENODEV, "no interface '%s' in this network namespace", ifname);
    uint32_t max = p->tx.max_entries ? p->tx.max_entries : 256;
    if (port >= (long)max)
        return p4rt_fail(ERANGE, "port %ld is out of range: ports are 0 to %u", port, max - 1);

    p4rt_port *list;
    size_t n;
    if ((r = p4rt_port_list(p, &list, &n)) < 0)
        return r;
    for (size_t i = 0; i < n; i++) {
        if (list[i].ifindex == ifindex) {
            r = p4rt_fail(EEXIST, "'%s' is already port %u of the pipeline", ifname,
                          list[i].port);
            free(list);
            return r;
        }
    }
    if (port < 0) {
        for (port = 0; port < (long)max; port++) {
            size_t i;
            for (i = 0; i < n && list[i].port != (uint32_t)port; i++)
                ;
            if (i == n)
                break;
        }
        if (port == (long)max) {
            free(list);
            return p4rt_fail(ENOSPC, "every port number (0 to %u) is taken", max - 1);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            /* A port whose interface was deleted holds its number no more. */
            if (list[i].port == (uint32_t)port && strcmp(list[i].ifname, "(gone)") == 0) {
                bpf_map_delete_elem(p->ports.fd, &list[i].ifindex);
                continue;
            }
            if (list[i].port == (uint32_t)port) {
                r = p4rt_fail(EEXIST, "port %ld is already interface '%s'", port,
                              list[i].ifname);
                free(list);
                return r;
            }
        }
    }
    free(list);

    uint32_t other;
    if (attached_mode(p, ifindex, &other) == P4RT_XDP_AUTO && other)
        return p4rt_fail(EBUSY,
                         "'%s' already runs another XDP program (id %u); detach it first "
                         "(ip link set dev %s xdp off)",
                         ifname, other, ifname);

    uint32_t pnum = (uint32_t)port;
    snprintf(out->ifname, sizeof out->ifname, "%s", ifname);
    out->ifindex = ifindex;
    out->port = pnum;
    if (bpf_map_update_elem(p->tx.fd, &pnum, &ifindex, BPF_ANY)) {
        int e = errno;
        return p4rt_fail(e, "cannot add '%s' to the device map %s: %s", ifname,
                         p->info.tx_map, strerror(e));
    }
    if (bpf_map_update_elem(p->ports.fd, &ifindex, &pnum, BPF_ANY)) {
        int e = errno;
        bpf_map_delete_elem(p->tx.fd, &pnum);
        return p4rt_fail(e, "cannot add '%s' to the port map %s: %s", ifname,
                         p->info.ports_map, strerror(e));
    }
    if ((r = attach(p, ifindex, ifname, mode, out)) < 0) {
        bpf_map_delete_elem(p->ports.fd, &ifindex);
        bpf_map_delete_elem(p->tx.fd, &pnum);
        return r;
    }
    return 0;
}

static int detach(p4rt_pipeline *p, uint32_t ifindex, const char *ifname)
{
    uint32_t other;
    p4rt_xdp_mode m = attached_mode(p, ifindex, &other);
    if (m == P4RT_XDP_AUTO)
        return 0;
    LIBBPF_OPTS(bpf_xdp_attach_opts, opts, .old_prog_fd = p->prog_fd);
    uint32_t flags = XDP_FLAGS_REPLACE |
                     (m == P4RT_XDP_NATIVE ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE);
    if (bpf_xdp_detach((int)ifindex, flags, &opts)) {
        int e = errno;
        return p4rt_fail(e, "cannot detach from '%s': %s", ifname, strerror(e));
    }
    return 0;
}

int p4rt_port_add(p4rt_pipeline *p, const char *ifname, long port, p4rt_xdp_mode mode,
                  p4rt_port *out)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(ifname);
    P4RT_ARG(mode == P4RT_XDP_AUTO || mode == P4RT_XDP_NATIVE || mode == P4RT_XDP_GENERIC,
             "mode %d is none of P4RT_XDP_AUTO, P4RT_XDP_NATIVE and P4RT_XDP_GENERIC", (int)mode);
    p4rt_port tmp;
    int r;
    if (!out)
        out = &tmp;
    memset(out, 0, sizeof *out);
    if ((r = need_ports(p)) < 0 || (r = check_netns(p)) < 0)
        return r;
    /* The checks of the port maps, their writes and the attach are one
     * step to other writers (a second add of the port, an unload). */
    if ((r = p4rt_lock(p, true)) < 0)
        return r;
    r = port_add(p, ifname, port, mode, out);
    if (r == 0)
        p4rt_clone_sessions_refresh(p);
    p4rt_unlock(p);
    return r;
}

/* The port whose P4 number is TEXT (decimal): its ifindex and number. */
static int port_by_number(p4rt_pipeline *p, const char *text, uint32_t *ifindex, uint32_t *port)
{
    char *end;
    if (!*text || strspn(text, "0123456789") != strlen(text))
        return -ENOENT;
    unsigned long want = strtoul(text, &end, 10);
    uint32_t key, next, num, *prev = NULL;
    while (bpf_map_get_next_key(p->ports.fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        if (bpf_map_lookup_elem(p->ports.fd, &key, &num) == 0 && num == want) {
            *ifindex = key;
            *port = num;
            return 0;
        }
    }
    return -ENOENT;
}

static int port_del(p4rt_pipeline *p, const char *ifname)
{
    int r;
    uint32_t ifindex = if_nametoindex(ifname), port;
    if ((!ifindex || bpf_map_lookup_elem(p->ports.fd, &ifindex, &port)) &&
        port_by_number(p, ifname, &ifindex, &port) < 0)
        return p4rt_fail(ENOENT, "'%s' is not a port of the pipeline", ifname);
    char name[IF_NAMESIZE];
    /* An interface that was deleted took the program with it. */
    if (if_indextoname(ifindex, name) && (r = detach(p, ifindex, name)) < 0)
        return r;
    bpf_map_delete_elem(p->ports.fd, &ifindex);
    uint32_t cur;
    if (bpf_map_lookup_elem(p->tx.fd, &port, &cur) == 0 && cur == ifindex)
        bpf_map_delete_elem(p->tx.fd, &port);
    return 0;
}

int p4rt_port_del(p4rt_pipeline *p, const char *ifname)
{
    P4RT_NONNULL(p);
    P4RT_NONNULL(ifname);
    int r;
    if ((r = need_ports(p)) < 0 || (r = check_netns(p)) < 0 || (r = p4rt_lock(p, true)) < 0)
        return r;
    r = port_del(p, ifname);
    if (r == 0)
        p4rt_clone_sessions_refresh(p);
    p4rt_unlock(p);
    return r;
}

int p4rt_detach_ports(p4rt_pipeline *p)
{
    p4rt_port *list;
    size_t n;
    int r;
    if (p->ports.fd < 0 || p->tx.fd < 0)
        return 0;
    if ((r = p4rt_port_list(p, &list, &n)) < 0)
        return r;
    if (n && (r = check_netns(p)) < 0) {
        free(list);
        return r;
    }
    for (size_t i = 0; i < n && r == 0; i++)
        r = detach(p, list[i].ifindex, list[i].ifname);
    free(list);
    return r;
}

int p4rt_ports_copy(p4rt_pipeline *from, p4rt_pipeline *to, size_t *nports)
{
    p4rt_port *list;
    size_t n;
    int r;
    *nports = 0;
    if (from->ports.fd < 0 || from->tx.fd < 0)
        return 0;
    if ((r = p4rt_port_list(from, &list, &n)) < 0)
        return r;
    if (n && (r = check_netns(from)) == 0 && (to->ports.fd < 0 || to->tx.fd < 0))
        r = p4rt_fail(ENOTSUP, "the new program has no port maps (%s, %s) for the %zu ports",
                      to->info.ports_map, to->info.tx_map, n);
    for (size_t i = 0; i < n && r == 0; i++) {
        if (bpf_map_update_elem(to->tx.fd, &list[i].port, &list[i].ifindex, BPF_ANY) ||
            bpf_map_update_elem(to->ports.fd, &list[i].ifindex, &list[i].port, BPF_ANY)) {
            int e = errno;
            r = p4rt_fail(e, "cannot give the new program port %u ('%s'): %s", list[i].port,
                          list[i].ifname, strerror(e));
        }
    }
    free(list);
    *nports = n;
    return r;
}

/* On IFINDEX, attached in MODE, program FROM replaced by TO in one step. */
static int swap_program(uint32_t ifindex, const char *ifname, p4rt_xdp_mode mode,
                        const p4rt_pipeline *from, const p4rt_pipeline *to)
{
    LIBBPF_OPTS(bpf_xdp_attach_opts, opts, .old_prog_fd = from->prog_fd);
    uint32_t flags = XDP_FLAGS_REPLACE |
                     (mode == P4RT_XDP_NATIVE ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE);
    if (bpf_xdp_attach((int)ifindex, to->prog_fd, flags, &opts)) {
        int e = errno;
        return p4rt_fail(e, "cannot replace the program on '%s': %s", ifname, strerror(e));
    }
    return 0;
}

int p4rt_ports_switch(p4rt_pipeline *from, p4rt_pipeline *to)
{
    p4rt_port *list;
    size_t n, done = 0;
    int r;
    if (from->ports.fd < 0 || from->tx.fd < 0)
        return 0;
    if ((r = p4rt_port_list(from, &list, &n)) < 0)
        return r;
    for (; done < n && r == 0; done++)
        if (list[done].mode != P4RT_XDP_AUTO)
            r = swap_program(list[done].ifindex, list[done].ifname, list[done].mode, from, to);
    /* The ports switched before the failure go back, so that FROM runs
     * everywhere as before. */
    if (r < 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", p4rt_errmsg());
        for (size_t i = 0; i + 1 < done; i++)
            if (list[i].mode != P4RT_XDP_AUTO)
                swap_program(list[i].ifindex, list[i].ifname, list[i].mode, to, from);
        r = p4rt_fail(-r, "%s", msg);
    }
    free(list);
    return r;
}
