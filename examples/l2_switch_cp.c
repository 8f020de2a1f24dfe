/* A control plane for examples/l2_switch.p4, written against libp4rt.
 *
 *   l2_switch_cp PIPELINE MAC=PORT...   add (or change) the MAC table entries,
 *                                       then print the table and the frame
 *                                       counter of every port
 *
 * The pipeline must be loaded already (p4ctl pipeline load PIPELINE
 * examples/l2_switch.p4). Build: cc l2_switch_cp.c $(pkg-config --cflags
 * --libs libp4rt); `make` builds it as build/examples/l2_switch_cp. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <p4rt.h>

#define TABLE "switch_ingress.mac_table"
#define COUNTER "switch_ingress.port_frames"

static int print_entry(const p4rt_entry_out *e, void *ctx)
{
    (void)ctx;
    printf("  %s -> %s", e->e.keys[0].value, e->e.action);
    for (size_t i = 0; i < e->e.nargs; i++)
        printf(" %s=%s", e->e.args[i].name, e->e.args[i].value);
    putchar('\n');
    return 0;
}

static int print_cell(uint32_t index, uint64_t value, void *ctx)
{
    (void)ctx;
    printf("  port %u: %llu frames\n", index, (unsigned long long)value);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PIPELINE MAC=PORT...\n", argv[0]);
        return 2;
    }
    p4rt_pipeline *p = p4rt_open_pinned(argv[1]);
    if (!p) {
        fprintf(stderr, "%s: %s\n", argv[0], p4rt_errmsg());
        return 1;
    }
    int status = 0;
    for (int i = 2; i < argc; i++) {
        char mac[64];
        const char *eq = strchr(argv[i], '=');
        if (!eq || (size_t)(eq - argv[i]) >= sizeof mac) {
            fprintf(stderr, "%s: expected MAC=PORT, not '%s'\n", argv[0], argv[i]);
            status = 2;
            goto out;
        }
        memcpy(mac, argv[i], (size_t)(eq - argv[i]));
        mac[eq - argv[i]] = '\0';
        p4rt_field key[] = {{"hdr.ethernet.dst_addr", mac}};
        p4rt_field args[] = {{"port", eq + 1}};
        p4rt_entry e = {key, 1, 0, "forward", args, 1};
        int r = p4rt_table_add(p, TABLE, &e);
        if (r == -EEXIST)
            r = p4rt_table_modify(p, TABLE, &e);
        if (r < 0) {
            fprintf(stderr, "%s: %s: %s\n", argv[0], argv[i], p4rt_errmsg());
            status = 1;
            goto out;
        }
    }
    printf("%s:\n", TABLE);
    if (p4rt_table_dump(p, TABLE, print_entry, NULL) < 0 ||
        (printf("%s:\n", COUNTER), p4rt_counter_dump(p, COUNTER, print_cell, NULL)) < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], p4rt_errmsg());
        status = 1;
    }
out:
    p4rt_close(p);
    return status;
}
