/* The test network of testnet.h: a private network namespace, veth pairs
 * made with rtnetlink, an XDP_PASS program on the host sides (a frame
 * redirected into a veth in native mode arrives only when the peer runs
 * XDP), and an AF_PACKET socket per host side. */
#include "testnet.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define FRAME_MAX 65536

struct TestNet {
    int home;         /* the namespace to go back to */
    uint32_t *ports;  /* sorted, each once */
    int *socks;       /* per port: AF_PACKET on hostN */
    size_t n;
    int pass_fd;      /* the XDP_PASS program */
    uint8_t *buf;
};

static int fail(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* ------------------------------------------------------------- rtnetlink */

typedef struct {
    struct nlmsghdr h;
    char room[1024];
} NlMsg;

static void *nl_put(NlMsg *m, const void *data, size_t len)
{
    char *at = (char *)&m->h + NLMSG_ALIGN(m->h.nlmsg_len);
    if (data)
        memcpy(at, data, len);
    else
        memset(at, 0, len);
    m->h.nlmsg_len = NLMSG_ALIGN(m->h.nlmsg_len) + (uint32_t)len;
    return at;
}

static struct rtattr *nl_attr(NlMsg *m, int type, const void *data, size_t len)
{
    struct rtattr a = {.rta_len = (unsigned short)RTA_LENGTH(len), .rta_type = (unsigned short)type};
    struct rtattr *at = nl_put(m, &a, sizeof a);
    if (len)
        nl_put(m, data, len);
    return at;
}

/* A nested attribute started at A ends here. */
static void nl_end(NlMsg *m, struct rtattr *a)
{
    a->rta_len = (unsigned short)((char *)&m->h + m->h.nlmsg_len - (char *)a);
}

/* Send M and wait for its acknowledgement: 0 or a negative errno. */
static int nl_talk(int fd, NlMsg *m)
{
    static uint32_t seq;
    m->h.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    m->h.nlmsg_seq = ++seq;
    struct sockaddr_nl to = {.nl_family = AF_NETLINK};
    if (sendto(fd, &m->h, m->h.nlmsg_len, 0, (struct sockaddr *)&to, sizeof to) < 0)
        return -errno;
    char reply[4096];
    ssize_t n = recv(fd, reply, sizeof reply, 0);
    if (n < 0)
        return -errno;
    struct nlmsghdr *r = (struct nlmsghdr *)reply;
    if ((size_t)n < sizeof *r || r->nlmsg_type != NLMSG_ERROR)
        return -EPROTO;
    return ((struct nlmsgerr *)NLMSG_DATA(r))->error;
}

static int make_veth(int fd, const char *name, const char *peer)
{
    NlMsg m = {.h = {.nlmsg_len = NLMSG_LENGTH(0), .nlmsg_type = RTM_NEWLINK,
                     .nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL}};
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
    nl_put(&m, &ifi, sizeof ifi);
    nl_attr(&m, IFLA_IFNAME, name, strlen(name) + 1);
    struct rtattr *info = nl_attr(&m, IFLA_LINKINFO, NULL, 0);
    nl_attr(&m, IFLA_INFO_KIND, "veth", 5);
    struct rtattr *data = nl_attr(&m, IFLA_INFO_DATA, NULL, 0);
    struct rtattr *p = nl_attr(&m, VETH_INFO_PEER, NULL, 0);
    nl_put(&m, &ifi, sizeof ifi);
    nl_attr(&m, IFLA_IFNAME, peer, strlen(peer) + 1);
    nl_end(&m, p);
    nl_end(&m, data);
    nl_end(&m, info);
    return nl_talk(fd, &m);
}

static int set_up(int fd, unsigned ifindex)
{
    NlMsg m = {.h = {.nlmsg_len = NLMSG_LENGTH(0), .nlmsg_type = RTM_NEWLINK}};
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex,
                            .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    nl_put(&m, &ifi, sizeof ifi);
    return nl_talk(fd, &m);
}

/* ---------------------------------------------------------------- network */

/* No IPv6 in the namespace: the kernel would send its own packets
 * (neighbour discovery, MLD) out of the veths. */
static void no_ipv6(void)
{
    const char *const files[] = {"/proc/sys/net/ipv6/conf/all/disable_ipv6",
                                 "/proc/sys/net/ipv6/conf/default/disable_ipv6"};
    for (size_t i = 0; i < 2; i++) {
        int fd = open(files[i], O_WRONLY);
        if (fd >= 0) {
            if (write(fd, "1", 1) < 0) {
                /* No IPv6 to disable. */
            }
            close(fd);
        }
    }
}

static int pass_program(void)
{
    struct bpf_insn insns[] = {
        {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = XDP_PASS},
        {.code = BPF_JMP | BPF_EXIT},
    };
    return bpf_prog_load(BPF_PROG_TYPE_XDP, "p4ctl_pass", "GPL", insns, 2, NULL);
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int build(TestNet *t, char *err, size_t size)
{
    int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (nl < 0)
        return fail(err, size, "cannot open a netlink socket: %s", strerror(errno));
    int r = 0;
    for (size_t i = 0; i < t->n && r == 0; i++) {
        char port[IF_NAMESIZE], host[IF_NAMESIZE];
        snprintf(port, sizeof port, "port%u", t->ports[i]);
        snprintf(host, sizeof host, "host%u", t->ports[i]);
        int e = make_veth(nl, port, host);
        unsigned pi = if_nametoindex(port), hi = if_nametoindex(host);
        if (e == 0 && (!pi || !hi))
            e = -ENODEV;
        if (e == 0)
            e = set_up(nl, pi);
        if (e == 0)
            e = set_up(nl, hi);
        if (e < 0) {
            r = fail(err, size, "cannot make the veth pair %s/%s: %s", port, host, strerror(-e));
            break;
        }
        if (bpf_xdp_attach((int)hi, t->pass_fd, XDP_FLAGS_DRV_MODE, NULL)) {
            r = fail(err, size, "cannot attach XDP_PASS to %s: %s", host, strerror(errno));
            break;
        }
        int s = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
        int one = 1;
        struct sockaddr_ll at = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
                                 .sll_ifindex = (int)hi};
        if (s < 0 || setsockopt(s, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) ||
            bind(s, (struct sockaddr *)&at, sizeof at)) {
            r = fail(err, size, "cannot open a packet socket on %s: %s", host, strerror(errno));
            if (s >= 0)
                close(s);
            break;
        }
        t->socks[i] = s;
    }
    close(nl);
    return r;
}

TestNet *testnet_open(const uint32_t *ports, size_t n, char *err, size_t err_size,
                      int *not_permitted)
{
    TestNet *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    *not_permitted = 0;
    t->pass_fd = -1;
    t->ports = calloc(n ? n : 1, sizeof *t->ports);
    t->socks = calloc(n ? n : 1, sizeof *t->socks);
    t->buf = malloc(FRAME_MAX);
    if (!t->ports || !t->socks || !t->buf)
        abort();
    memcpy(t->ports, ports, n * sizeof *ports);
    qsort(t->ports, n, sizeof *t->ports, by_number);
    for (size_t i = 0; i < n; i++)
        if (t->n == 0 || t->ports[t->n - 1] != t->ports[i])
            t->ports[t->n++] = t->ports[i];
    for (size_t i = 0; i < t->n; i++)
        t->socks[i] = -1;
    t->home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (t->home < 0) {
        fail(err, err_size, "cannot open this thread's network namespace: %s", strerror(errno));
        testnet_close(t);
        return NULL;
    }
    if (unshare(CLONE_NEWNET)) {
        *not_permitted = errno == EPERM;
        fail(err, err_size, "cannot make a network namespace: %s", strerror(errno));
        close(t->home);
        t->home = -1;
        testnet_close(t);
        return NULL;
    }
    no_ipv6();
    t->pass_fd = pass_program();
    if (t->pass_fd < 0) {
        *not_permitted = errno == EPERM;
        fail(err, err_size, "cannot load an XDP_PASS program: %s", strerror(errno));
        testnet_close(t);
        return NULL;
    }
    if (build(t, err, err_size) < 0) {
        testnet_close(t);
        return NULL;
    }
    return t;
}

int testnet_attach(TestNet *t, p4rt_pipeline *p, char *err, size_t err_size)
{
    for (size_t i = 0; i < t->n; i++) {
        char port[IF_NAMESIZE];
        snprintf(port, sizeof port, "port%u", t->ports[i]);
        if (p4rt_port_add(p, port, t->ports[i], P4RT_XDP_NATIVE, NULL) < 0)
            return fail(err, err_size, "port %u: %s", t->ports[i], p4rt_errmsg());
    }
    return 0;
}

int testnet_send(TestNet *t, uint32_t port, const uint8_t *pkt, size_t len, char *err,
                 size_t err_size)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->ports[i] != port)
            continue;
        if (send(t->socks[i], pkt, len, 0) < 0)
            return fail(err, err_size, "cannot send into port %u: %s", port, strerror(errno));
        return 0;
    }
    return fail(err, err_size, "port %u has no interface in the test network", port);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int testnet_recv(TestNet *t, int timeout_ms, uint32_t *port, uint8_t **data, size_t *len,
                 char *err, size_t err_size)
{
    struct pollfd *fds = calloc(t->n ? t->n : 1, sizeof *fds);
    if (!fds)
        abort();
    for (size_t i = 0; i < t->n; i++)
        fds[i] = (struct pollfd){.fd = t->socks[i], .events = POLLIN};
    long end = now_ms() + timeout_ms;
    int r = 0;
    for (;;) {
        long left = end - now_ms();
        int k = poll(fds, t->n, left > 0 ? (int)left : 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            r = fail(err, err_size, "poll: %s", strerror(errno));
            break;
        }
        if (k == 0)
            break;
        for (size_t i = 0; i < t->n && r == 0; i++) {
            if (!(fds[i].revents & POLLIN))
                continue;
            struct sockaddr_ll from;
            socklen_t fl = sizeof from;
            ssize_t got = recvfrom(t->socks[i], t->buf, FRAME_MAX, 0, (struct sockaddr *)&from,
                                   &fl);
            if (got < 0 || from.sll_pkttype == PACKET_OUTGOING)
                continue;
            *port = t->ports[i];
            *len = (size_t)got;
            *data = malloc(*len ? *len : 1);
            if (!*data)
                abort();
            memcpy(*data, t->buf, *len);
            r = 1;
        }
        if (r)
            break;
    }
    free(fds);
    return r;
}

void testnet_close(TestNet *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        if (t->socks[i] >= 0)
            close(t->socks[i]);
    if (t->pass_fd >= 0)
        close(t->pass_fd);
    if (t->home >= 0) {
        if (setns(t->home, CLONE_NEWNET)) {
            /* Nothing to go back to: the process ends with the test. */
        }
        close(t->home);
    }
    free(t->ports);
    free(t->socks);
    free(t->buf);
    free(t);
}
