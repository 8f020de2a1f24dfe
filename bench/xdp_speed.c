/* xdp_speed: time XDP programs that do the same job on the same packets.
 *
 *   xdp_speed [-n RUNS] [-r REPEAT] P4INFO STF NAME=OBJ...   (200 and 200)
 *
 * Every object is loaded (its maps must be the ones P4INFO describes: the
 * object p4cc generated, and hand-written ones that keep docs/RUNTIME.md's
 * map names and layouts), and the `add` and `setdefault` statements of STF
 * fill each one's tables the same way. Each `packet` statement of STF is a
 * benchmark case:
 *
 *  1. one run of every object (repeat 1) gives its reference verdict, output
 *     port and output bytes; all objects must agree with the first;
 *  2. RUNS times, every object (in alternating order, so both see the same
 *     machine state) runs the packet REPEAT times in one BPF_PROG_TEST_RUN,
 *     whose duration / REPEAT is one sample. The kernel reruns a program on
 *     the buffer the previous repetition left behind, so the verdict, port
 *     and bytes of the last repetition must equal the reference: if they do
 *     not, REPEAT is too large for this program and packet (a TTL runs out,
 *     headroom is used up) and the case fails.
 *
 * Output, one line each, for a script to read:
 *   object NAME xlated BYTES jited BYTES insns PROCESSED
 *   packet LINE NAME median NS p10 NS p90 NS
 * Exit status 0, 1 on any failure, 77 when BPF programs cannot be loaded. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <getopt.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfprog.h"
#include "p4info.h"
#include "runner.h"
#include "stf.h"

#define MAX_OBJECTS 8
#define TEST_IFINDEX 1 /* what p4prog_run uses: lo */

typedef struct {
    const char *name, *path;
    P4Prog prog;
    P4RunResult ref; /* the reference run of the current packet */
    double *samples; /* ns per repetition, one per run */
} Object;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(double *v, int n, int pct)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[(n - 1) * pct / 100];
}

/* Load O and fill its tables from the statements of S bound in B. */
static int setup(Object *o, const P4Info *info, const StfScript *s, const StfBound *b)
{
    char err[512];
    static char log[1 << 20];
    if (p4prog_open(&o->prog, o->path, info, err, sizeof err) < 0 ||
        p4prog_check_maps(&o->prog, err, sizeof err) < 0) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, err);
        return 1;
    }
    log[0] = 0;
    int r = p4prog_load(&o->prog, 4, log, sizeof log, err, sizeof err);
    if (r < 0) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, err);
        return r == -EPERM ? 77 : 1;
    }
    for (size_t i = 0; i < s->nstmts; i++) {
        const StfStmt *x = &s->stmts[i];
        if (x->kind == STF_ADD)
            r = p4prog_table_add(&o->prog, b[i].table, &b[i].entry, err, sizeof err);
        else if (x->kind == STF_SETDEFAULT)
            r = p4prog_table_set_default(&o->prog, b[i].table, b[i].value, err, sizeof err);
        else
            continue;
        if (r < 0) {
            fprintf(stderr, "xdp_speed: %s: %s:%d: %s\n", o->name, s->file, x->pos.line, err);
            return 1;
        }
    }
    struct bpf_prog_info pi;
    __u32 len = sizeof pi;
    memset(&pi, 0, sizeof pi);
    if (bpf_obj_get_info_by_fd(o->prog.prog_fd, &pi, &len)) {
        fprintf(stderr, "xdp_speed: %s: cannot read the program info: %s\n", o->name,
                strerror(errno));
        return 1;
    }
    printf("object %s xlated %u jited %u insns %ld\n", o->name, pi.xlated_prog_len,
           pi.jited_prog_len, p4prog_insns_processed(log));
    return 0;
}

static const char *verdict_name(const P4RunResult *r)
{
    return r->verdict == P4_VERDICT_DROP ? "dropped" : "out";
}

static bool same_result(const P4RunResult *a, const P4RunResult *b)
{
    return a->verdict == b->verdict && a->xdp_action == b->xdp_action &&
           (a->verdict == P4_VERDICT_DROP ||
            (a->port == b->port && a->len == b->len && memcmp(a->data, b->data, a->len) == 0));
}

/* One sample: REPEAT runs of PKT through O; checks the last one against the
 * reference. Returns ns per run, or -1. */
static double sample(Object *o, uint32_t in_port, const uint8_t *pkt, size_t len, int repeat,
                     int line)
{
    uint32_t ifindex = TEST_IFINDEX, zero = 0, none = 0xffffffffu;
    bpf_map_update_elem(o->prog.ports_fd, &ifindex, &in_port, BPF_ANY);
    if (o->prog.out_fd >= 0)
        bpf_map_update_elem(o->prog.out_fd, &zero, &none, BPF_ANY);
    uint8_t out[4096 + 512];
    struct xdp_md ctx = {.data = 0, .data_end = (uint32_t)len, .ingress_ifindex = TEST_IFINDEX};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = (uint32_t)len,
                .data_out = out, .data_size_out = sizeof out, .ctx_in = &ctx,
                .ctx_size_in = sizeof ctx, .repeat = repeat);
    if (bpf_prog_test_run_opts(o->prog.prog_fd, &opts)) {
        fprintf(stderr, "xdp_speed: %s: BPF_PROG_TEST_RUN failed: %s\n", o->name,
                strerror(errno));
        return -1;
    }
    P4RunResult last = {.data = out, .len = opts.data_size_out, .xdp_action = opts.retval};
    last.verdict = opts.retval == XDP_DROP || opts.retval == XDP_ABORTED ? P4_VERDICT_DROP
                                                                          : P4_VERDICT_OUT;
    last.port = in_port;
    if (opts.retval == XDP_REDIRECT && o->prog.out_fd >= 0)
        bpf_map_lookup_elem(o->prog.out_fd, &zero, &last.port);
    if (!same_result(&last, &o->ref)) {
        fprintf(stderr,
                "xdp_speed: %s, packet of line %d: the last of %d repetitions differs from the "
                "first (%s, XDP action %u, %u bytes; first: %s, XDP action %u, %zu bytes): use "
                "fewer repetitions\n",
                o->name, line, repeat, verdict_name(&last), last.xdp_action, (unsigned)last.len,
                verdict_name(&o->ref), o->ref.xdp_action, o->ref.len);
        return -1;
    }
    return (double)opts.duration; /* the kernel's average over the repetitions */
}

static void usage(void)
{
    fprintf(stderr, "usage: xdp_speed [-n RUNS] [-r REPEAT] P4INFO STF NAME=OBJ...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 200, repeat = 200, c;
    while ((c = getopt(argc, argv, "n:r:")) != -1) {
        if (c == 'n')
            runs = atoi(optarg);
        else if (c == 'r')
            repeat = atoi(optarg);
        else
            usage();
    }
    if (argc - optind < 3 || runs < 1 || repeat < 1 || argc - optind - 2 > MAX_OBJECTS)
        usage();
    const char *info_path = argv[optind], *stf_path = argv[optind + 1];

    char err[512];
    P4Info info;
    if (p4info_load(info_path, &info, err, sizeof err) < 0) {
        fprintf(stderr, "xdp_speed: %s\n", err);
        return 1;
    }
    StfScript script;
    StfBound *bound = NULL;
    if (stf_parse_file(stf_path, &script) == 0)
        bound = stf_bind(&script, &info);
    if (!bound) {
        for (size_t i = 0; i < script.nerrors; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", stf_path, script.errors[i].pos.line,
                    script.errors[i].pos.col, script.errors[i].msg);
        if (script.nerrors == 0)
            fprintf(stderr, "xdp_speed: cannot read %s: %s\n", stf_path, strerror(errno));
        return 1;
    }

    Object objs[MAX_OBJECTS];
    int nobj = 0;
    memset(objs, 0, sizeof objs);
    for (int i = optind + 2; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            usage();
        *eq = 0;
        objs[nobj] = (Object){.name = argv[i], .path = eq + 1};
        objs[nobj].samples = calloc((size_t)runs, sizeof(double));
        int r = setup(&objs[nobj], &info, &script, bound);
        if (r)
            return r;
        nobj++;
    }
    fflush(stdout);

    int status = 0;
    for (size_t i = 0; i < script.nstmts; i++) {
        const StfStmt *x = &script.stmts[i];
        if (x->kind != STF_PACKET)
            continue;
        size_t len = x->bytes.nibbles / 2;
        const uint8_t *pkt = x->bytes.data;
        int line = x->pos.line, errno_out;
        bool ok = true;
        for (int k = 0; k < nobj; k++) {
            if (p4prog_run(&objs[k].prog, x->port, pkt, len, &objs[k].ref, &errno_out, err,
                           sizeof err) < 0) {
                fprintf(stderr, "xdp_speed: %s, packet of line %d: %s\n", objs[k].name, line, err);
                return errno_out == -EPERM ? 77 : 1;
            }
            if (k > 0 && !same_result(&objs[k].ref, &objs[0].ref)) {
                fprintf(stderr,
                        "xdp_speed: packet of line %d: %s and %s do not do the same (%s port "
                        "%u, %zu bytes; %s port %u, %zu bytes)\n",
                        line, objs[0].name, objs[k].name, verdict_name(&objs[0].ref),
                        objs[0].ref.port, objs[0].ref.len, verdict_name(&objs[k].ref),
                        objs[k].ref.port, objs[k].ref.len);
                ok = false;
            }
        }
        for (int r = 0; r < runs && ok; r++) {
            for (int j = 0; j < nobj && ok; j++) {
                int k = r % 2 ? nobj - 1 - j : j; /* alternate the order */
                double ns = sample(&objs[k], x->port, pkt, len, repeat, line);
                if (ns < 0)
                    ok = false;
                objs[k].samples[r] = ns;
            }
        }
        for (int k = 0; k < nobj && ok; k++) {
            double med = percentile(objs[k].samples, runs, 50);
            printf("packet %d %s median %.1f p10 %.1f p90 %.1f\n", line, objs[k].name, med,
                   percentile(objs[k].samples, runs, 10), percentile(objs[k].samples, runs, 90));
        }
        for (int k = 0; k < nobj; k++)
            p4prog_run_free(&objs[k].ref);
        if (!ok)
            status = 1;
        fflush(stdout);
    }
    for (int k = 0; k < nobj; k++) {
        p4prog_close(&objs[k].prog);
        free(objs[k].samples);
    }
    stf_bound_free(bound, script.nstmts);
    stf_free(&script);
    p4info_free(&info);
    return status;
}
