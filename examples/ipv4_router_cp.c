/* A control plane for examples/ipv4_router.p4 written against the typed C
 * API that p4cc generates (ipv4_router.h, beside ipv4_router.o): keys and
 * action parameters are C structs, not strings.
 *
 *   ipv4_router_cp [-l PROG.o] PIPELINE COMMAND...
 *
 *   -l PROG.o                        load PROG.o and pin it as PIPELINE first
 *                                    (else PIPELINE must be loaded already,
 *                                    e.g. by p4ctl pipeline load)
 *   nexthop ID PORT SRC_MAC DST_MAC  add or change next hop ID
 *   route A.B.C.D/LEN ID             route a prefix to next hop ID
 *   route A.B.C.D/LEN local|blackhole|kernel
 *   unroute A.B.C.D/LEN              delete a route
 *   show A.B.C.D/LEN                 the route of exactly this prefix
 *   default blackhole|kernel         the action for addresses without a route
 *   nexthops                         every configured next hop (ids 0..255)
 *
 * Commands run in order; the first that fails stops the program with
 * libp4rt's message. Build: cc -I DIR_OF_ipv4_router.h ipv4_router_cp.c
 * $(pkg-config --cflags --libs libp4rt); `make` builds it as
 * build/examples/ipv4_router_cp. */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipv4_router.h"

/* Shorter names for the generated ones (program ipv4_router, control
 * router_ingress). */
typedef ipv4_router_router_ingress_routes_key route_key;
typedef ipv4_router_router_ingress_routes_action_data route_action;
typedef ipv4_router_router_ingress_nexthops_key nexthop_key;
typedef ipv4_router_router_ingress_nexthops_action_data nexthop_action;

static const char *prog;

static int failed(const char *what)
{
    fflush(stdout); /* what was printed so far comes first */
    fprintf(stderr, "%s: %s: %s\n", prog, what, p4rt_errmsg());
    return 1;
}

static int bad_arg(const char *what, const char *arg)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s, not '%s'\n", prog, what, arg);
    return 2;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    *out = strtoul(s, &end, 0);
    return *s && !*end && !errno && *out <= max ? 0 : -1;
}

static int parse_mac(const char *s, uint64_t *mac)
{
    unsigned b[6];
    char extra;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &extra) != 6)
        return -1;
    *mac = 0;
    for (int i = 0; i < 6; i++) {
        if (b[i] > 0xff)
            return -1;
        *mac = *mac << 8 | b[i];
    }
    return 0;
}

static int parse_prefix(const char *s, route_key *key)
{
    char addr[32];
    const char *slash = strchr(s, '/');
    unsigned long len;
    struct in_addr in;
    if (!slash || (size_t)(slash - s) >= sizeof addr || parse_uint(slash + 1, 32, &len) < 0)
        return -1;
    memcpy(addr, s, (size_t)(slash - s));
    addr[slash - s] = '\0';
    if (inet_pton(AF_INET, addr, &in) != 1)
        return -1;
    memset(key, 0, sizeof *key);
    key->hdr_ipv4_dst_addr = ntohl(in.s_addr);
    key->hdr_ipv4_dst_addr_prefix_len = (uint32_t)len;
    return 0;
}

static void print_mac(uint64_t mac)
{
    for (int i = 5; i >= 0; i--)
        printf("%02x%s", (unsigned)(mac >> (8 * i)) & 0xff, i ? ":" : "");
}

/* nexthop ID PORT SRC_MAC DST_MAC: add, or modify when it exists. */
static int cmd_nexthop(p4rt_pipeline *p, char **a)
{
    unsigned long id, port;
    nexthop_key key = {0};
    nexthop_action act = {.action = IPV4_ROUTER_ROUTER_INGRESS_NEXTHOPS_FORWARD};
    if (parse_uint(a[0], UINT16_MAX, &id) < 0)
        return bad_arg("a next-hop id is a number from 0 to 65535", a[0]);
    if (parse_uint(a[1], UINT32_MAX, &port) < 0)
        return bad_arg("a port is a number", a[1]);
    if (parse_mac(a[2], &act.params.forward.src_mac) < 0 ||
        parse_mac(a[3], &act.params.forward.dst_mac) < 0)
        return bad_arg("MAC addresses are written 02:00:00:00:00:01", a[2]);
    key.nexthop = (uint16_t)id;
    act.params.forward.port = (uint32_t)port;
    int r = ipv4_router_router_ingress_nexthops_add(p, &key, &act);
    if (r == -EEXIST)
        r = ipv4_router_router_ingress_nexthops_modify(p, &key, &act);
    return r < 0 ? failed("nexthop") : 0;
}

/* route PREFIX ID|local|blackhole|kernel: add, or modify when it exists. */
static int cmd_route(p4rt_pipeline *p, char **a)
{
    route_key key;
    route_action act = {0};
    unsigned long id;
    if (parse_prefix(a[0], &key) < 0)
        return bad_arg("a route is A.B.C.D/LEN", a[0]);
    if (strcmp(a[1], "local") == 0) {
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_LOCAL;
    } else if (strcmp(a[1], "blackhole") == 0) {
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_BLACKHOLE;
    } else if (strcmp(a[1], "kernel") == 0) {
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_TO_KERNEL;
    } else if (parse_uint(a[1], UINT16_MAX, &id) == 0) {
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_SET_NEXTHOP;
        act.params.set_nexthop.id = (uint16_t)id;
    } else {
        return bad_arg("a route goes to a next-hop id, local, blackhole or kernel", a[1]);
    }
    int r = ipv4_router_router_ingress_routes_add(p, &key, &act);
    if (r == -EEXIST)
        r = ipv4_router_router_ingress_routes_modify(p, &key, &act);
    return r < 0 ? failed(a[0]) : 0;
}

static int cmd_unroute(p4rt_pipeline *p, char **a)
{
    route_key key;
    if (parse_prefix(a[0], &key) < 0)
        return bad_arg("a route is A.B.C.D/LEN", a[0]);
    return ipv4_router_router_ingress_routes_delete(p, &key) < 0 ? failed(a[0]) : 0;
}

static int cmd_show(p4rt_pipeline *p, char **a)
{
    route_key key;
    route_action act;
    if (parse_prefix(a[0], &key) < 0)
        return bad_arg("a route is A.B.C.D/LEN", a[0]);
    if (ipv4_router_router_ingress_routes_get(p, &key, &act) < 0)
        return failed(a[0]);
    printf("%s -> ", a[0]);
    switch (act.action) {
    case IPV4_ROUTER_ROUTER_INGRESS_ROUTES_SET_NEXTHOP: {
        nexthop_key nk = {.nexthop = act.params.set_nexthop.id};
        nexthop_action na;
        printf("next hop %u", (unsigned)nk.nexthop);
        if (ipv4_router_router_ingress_nexthops_get(p, &nk, &na) == 0 &&
            na.action == IPV4_ROUTER_ROUTER_INGRESS_NEXTHOPS_FORWARD) {
            printf(": port %" PRIu32 ", ", na.params.forward.port);
            print_mac(na.params.forward.src_mac);
            printf(" -> ");
            print_mac(na.params.forward.dst_mac);
        } else {
            printf(" (not configured: dropped)");
        }
        break;
    }
    case IPV4_ROUTER_ROUTER_INGRESS_ROUTES_LOCAL: printf("local"); break;
    case IPV4_ROUTER_ROUTER_INGRESS_ROUTES_BLACKHOLE: printf("blackhole"); break;
    case IPV4_ROUTER_ROUTER_INGRESS_ROUTES_TO_KERNEL: printf("kernel"); break;
    }
    putchar('\n');
    return 0;
}

/* default blackhole|kernel: set the routes table's default action. */
static int cmd_default(p4rt_pipeline *p, char **a)
{
    route_action act = {0};
    if (strcmp(a[0], "blackhole") == 0)
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_BLACKHOLE;
    else if (strcmp(a[0], "kernel") == 0)
        act.action = IPV4_ROUTER_ROUTER_INGRESS_ROUTES_TO_KERNEL;
    else
        return bad_arg("the default is blackhole or kernel", a[0]);
    return ipv4_router_router_ingress_routes_set_default(p, &act) < 0 ? failed("default") : 0;
}

/* Every next hop a lookup finds (the table holds at most 256). */
static int cmd_nexthops(p4rt_pipeline *p)
{
    printf("next hops:\n");
    for (uint32_t i = 0; i < IPV4_ROUTER_ROUTER_INGRESS_NEXTHOPS_SIZE; i++) {
        nexthop_key k = {.nexthop = (uint16_t)i};
        nexthop_action na;
        int r = ipv4_router_router_ingress_nexthops_get(p, &k, &na);
        if (r == -ENOENT)
            continue;
        if (r < 0)
            return failed("nexthops");
        printf("  %" PRIu32 ": ", i);
        if (na.action == IPV4_ROUTER_ROUTER_INGRESS_NEXTHOPS_FORWARD) {
            printf("port %" PRIu32 ", ", na.params.forward.port);
            print_mac(na.params.forward.src_mac);
            printf(" -> ");
            print_mac(na.params.forward.dst_mac);
        } else {
            printf("drop");
        }
        putchar('\n');
    }
    return 0;
}

/* Load OBJECT and pin it as NAME; the pipeline stays loaded after exit. */
static p4rt_pipeline *load(const char *object, const char *name)
{
    p4rt_pipeline *p = p4rt_open(object, NULL);
    if (p && (p4rt_load(p) < 0 || p4rt_pin(p, name) < 0)) {
        p4rt_close(p);
        p = NULL;
    }
    return p;
}

static int run(p4rt_pipeline *p, int argc, char **argv)
{
    static const struct {
        const char *name;
        int nargs;
    } cmds[] = {{"nexthop", 4}, {"route", 2}, {"unroute", 1}, {"show", 1}, {"default", 1},
                {"nexthops", 0}};
    for (int i = 0; i < argc;) {
        size_t c = 0;
        while (c < sizeof cmds / sizeof *cmds && strcmp(argv[i], cmds[c].name) != 0)
            c++;
        if (c == sizeof cmds / sizeof *cmds)
            return bad_arg("commands are nexthop, route, unroute, show, default and nexthops",
                           argv[i]);
        if (i + cmds[c].nargs >= argc) {
            fprintf(stderr, "%s: %s needs %d arguments\n", prog, cmds[c].name, cmds[c].nargs);
            return 2;
        }
        char **a = argv + i + 1;
        int r = c == 0 ? cmd_nexthop(p, a) : c == 1 ? cmd_route(p, a) : c == 2 ? cmd_unroute(p, a)
              : c == 3 ? cmd_show(p, a) : c == 4 ? cmd_default(p, a) : cmd_nexthops(p);
        if (r)
            return r;
        i += 1 + cmds[c].nargs;
    }
    return 0;
}

int main(int argc, char **argv)
{
    prog = argv[0];
    const char *object = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-l") == 0) {
        object = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-l PROG.o] PIPELINE COMMAND...\n", prog);
        return 2;
    }
    const char *name = argv[first];
    p4rt_pipeline *p = object ? load(object, name) : p4rt_open_pinned(name);
    if (!p)
        return failed(name);
    int status = run(p, argc - first - 1, argv + first + 1);
    p4rt_close(p);
    return status;
}
