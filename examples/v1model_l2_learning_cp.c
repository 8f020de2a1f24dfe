/* The control plane of examples/v1model_l2_learning.p4, a learning L2
 * switch, written against the typed C API that p4cc generates
 * (v1model_l2_learning.h, beside v1model_l2_learning.o): it watches the
 * switch's mac_learn_t digests and, for each address learned on a port,
 * adds it to both tables: `learned` (the address stops sending digests
 * from that port) and `mac_table` (frames to it go out of that port alone;
 * an address that moved to another port is moved there).
 *
 *   v1model_l2_learning_cp [-l PROG.o] [-c COUNT] [-t SECONDS] PIPELINE
 *
 *   -l PROG.o    load PROG.o and pin it as PIPELINE first (else PIPELINE
 *                must be loaded already, e.g. by p4ctl pipeline load; its
 *                ports and flood group are p4ctl's: port add, mc)
 *   -c COUNT     stop after learning COUNT addresses
 *   -t SECONDS   stop after SECONDS (default: at SIGINT or SIGTERM)
 *
 * Prints a line per address learned or moved. Build: cc -I
 * DIR_OF_v1model_l2_learning.h v1model_l2_learning_cp.c $(pkg-config
 * --cflags --libs libp4rt); `make` builds it as
 * build/examples/v1model_l2_learning_cp. */
#define _POSIX_C_SOURCE 200809L /* getopt, sigaction under -std=c11 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "v1model_l2_learning.h"

/* Shorter names for the generated ones (program v1model_l2_learning,
 * control switch_ingress). */
typedef v1model_l2_learning_switch_ingress_learned_key learned_key;
typedef v1model_l2_learning_switch_ingress_learned_action_data learned_action;
typedef v1model_l2_learning_switch_ingress_mac_table_key mac_key;
typedef v1model_l2_learning_switch_ingress_mac_table_action_data mac_action;
typedef v1model_l2_learning_mac_learn_t_digest learn_digest;

static const char *prog;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

typedef struct {
    p4rt_pipeline *p;
    unsigned long learned, max; /* MAX 0: no limit */
} Learning;

static void mac_text(uint64_t mac, char buf[18])
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", (unsigned)(mac >> 40) & 0xff,
             (unsigned)(mac >> 32) & 0xff, (unsigned)(mac >> 24) & 0xff,
             (unsigned)(mac >> 16) & 0xff, (unsigned)(mac >> 8) & 0xff, (unsigned)mac & 0xff);
}

/* A digest: SRC_ADDR was seen on INGRESS_PORT, which `learned` did not
 * know. Frames sent before the entries are in send the digest again, so
 * an address already where the digest says is not news. */
static int on_learn(const learn_digest *d, void *ctx)
{
    Learning *l = ctx;
    char mac[18];
    mac_text(d->src_addr, mac);
    mac_key mk = {.hdr_ethernet_dst_addr = d->src_addr};
    mac_action now, fwd = {.action = V1MODEL_L2_LEARNING_SWITCH_INGRESS_MAC_TABLE_FORWARD};
    fwd.params.forward.port = d->ingress_port;
    int r = v1model_l2_learning_switch_ingress_mac_table_get(l->p, &mk, &now);
    bool known = r == 0, moved = false;
    if (r < 0 && r != -ENOENT)
        return r;
    bool same = known && now.action == fwd.action && now.params.forward.port == d->ingress_port;
    if (known && now.action == fwd.action && !same) {
        /* Moved: its old port's entry in `learned` would hide a move back. */
        learned_key old = {.hdr_ethernet_src_addr = d->src_addr,
                           .sm_ingress_port = now.params.forward.port};
        r = v1model_l2_learning_switch_ingress_learned_delete(l->p, &old);
        if (r < 0 && r != -ENOENT)
            return r;
        moved = true;
    }
    /* `learned` first: the address stops sending digests. */
    learned_key lk = {.hdr_ethernet_src_addr = d->src_addr, .sm_ingress_port = d->ingress_port};
    learned_action none = {.action = V1MODEL_L2_LEARNING_SWITCH_INGRESS_LEARNED_NOACTION};
    r = v1model_l2_learning_switch_ingress_learned_add(l->p, &lk, &none);
    if (r < 0 && r != -EEXIST)
        return r;
    if (same)
        return 0;
    r = known ? v1model_l2_learning_switch_ingress_mac_table_modify(l->p, &mk, &fwd)
              : v1model_l2_learning_switch_ingress_mac_table_add(l->p, &mk, &fwd);
    if (r < 0)
        return r;
    printf("%s %s on port %u\n", moved ? "moved" : "learned", mac, (unsigned)d->ingress_port);
    fflush(stdout);
    l->learned++;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: %s [-l PROG.o] [-c COUNT] [-t SECONDS] PIPELINE\n", prog);
    return 2;
}

static int parse_count(const char *s, unsigned long *out)
{
    char *end;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return *s && !*end && !errno && *out > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *object = NULL;
    unsigned long max = 0, seconds = 0;
    int opt;
    prog = argv[0];
    while ((opt = getopt(argc, argv, "l:c:t:")) != -1) {
        if (opt == 'l')
            object = optarg;
        else if (opt == 'c' && parse_count(optarg, &max) == 0)
            continue;
        else if (opt == 't' && parse_count(optarg, &seconds) == 0)
            continue;
        else
            return usage();
    }
    if (optind + 1 != argc)
        return usage();
    const char *name = argv[optind];
    p4rt_pipeline *p = NULL;
    if (object) {
        p = p4rt_open(object, NULL);
        if (p && (p4rt_load(p) < 0 || p4rt_pin(p, name) < 0)) {
            p4rt_close(p);
            p = NULL;
        }
    } else {
        p = p4rt_open_pinned(name);
    }
    if (!p) {
        fprintf(stderr, "%s: %s: %s\n", prog, name, p4rt_errmsg());
        return 1;
    }
    Learning l = {.p = p, .max = max};
    v1model_l2_learning_mac_learn_t_watcher w = {on_learn, &l};
    if (v1model_l2_learning_mac_learn_t_watch(p, &w) < 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, name, p4rt_errmsg());
        p4rt_close(p);
        return 1;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL); /* no SA_RESTART: the poll returns */
    sigaction(SIGTERM, &sa, NULL);
    /* Scripts wait for this line: from here on digests are read. */
    fprintf(stderr, "%s: learning on pipeline %s\n", prog, name);
    time_t end = seconds ? time(NULL) + (time_t)seconds : 0;
    int r = 0;
    while (!stop && !(max && l.learned >= max) && !(end && time(NULL) >= end))
        if ((r = p4rt_digest_poll(p, 100)) < 0 && r != -EINTR)
            break;
        else
            r = 0;
    if (r < 0)
        fprintf(stderr, "%s: %s: %s\n", prog, name, p4rt_errmsg());
    uint64_t lost = 0;
    if (p4rt_digest_lost(p, "mac_learn_t", &lost) == 0 && lost)
        fprintf(stderr, "%s: %llu digests lost (the ring was full)\n", prog,
                (unsigned long long)lost);
    p4rt_close(p);
    return r < 0 ? 1 : 0;
}
