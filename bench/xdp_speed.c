/* xdp_speed: time XDP programs that do the same job on the same packets.
 *
 *   xdp_speed [-n RUNS] [-r REPEAT] [-1] P4INFO STF NAME=OBJ...   (200 and 200)
 *
 * Every object is loaded through libp4rt (its maps must be the ones P4INFO
 * describes: the object p4cc generated, and hand-written ones that keep
 * docs/RUNTIME.md's map names and layouts), and the `add` and `setdefault`
 * statements of STF fill each one's tables as `p4ctl test` does (through
 * libp4rt's table functions). Each `packet` statement of STF is a
 * benchmark case:
 *
 *  1. one run of every object (repeat 1) gives its reference verdict, output
 *     port and output bytes; all objects must agree with the first;
 *  2. the kernel reruns a program on the buffer the previous repetition left
 *     behind (a router's TTL goes down, a tunnel's headers pile up), so the
 *     number of repetitions R is chosen per packet: each object's output is
 *     fed back to it, one run at a time, as long as the verdict, output port
 *     and length stay those of the reference (the same path through the
 *     program), at most REPEAT times. R is the smallest count over the
 *     objects, and the bytes of the R-th chained run are what a run of R
 *     repetitions must leave behind (and the objects must agree on them);
 *  3. RUNS times, every object and an empty XDP program (in alternating
 *     order, so all see the same machine state) run the packet R times in
 *     one BPF_PROG_TEST_RUN, whose duration / R is one sample; the last
 *     repetition's verdict, port and bytes must equal the chained run's.
 *     With R = 1 a sample also holds the kernel's timer reads (some 20-60
 *     ns); the empty program measures that, and the samples are 20 times
 *     as many (such runs are fast: no XDP dispatcher update).
 *
 * With -1, only the packets with R = 1 are timed: one load of a program
 * can sit 10-30 ns above another load of the same object there, so the
 * benchmark takes those again with more loads of each program.
 *
 * Output, one line each, for a script to read:
 *   object NAME xlated BYTES jited BYTES insns PROCESSED
 *   packet LINE NAME median NS p10 NS p90 NS repeat R runs N iqm NS imedian NS
 * (NAME "empty" is the empty program.) Exit status 0, 1 on any failure, 77
 * when BPF programs cannot be loaded. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <getopt.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "p4rt.h"
#include "runner.h"
#include "stf.h"

#define MAX_OBJECTS 16
#define TEST_IFINDEX 1   /* what p4rt_test_run uses: lo */
#define OUT_ROOM 4096    /* output bytes beyond the input's: headers pushed */

/* One run of a packet: libp4rt's verdict and the bytes that came out. */
typedef struct {
    p4rt_test_result r;
    uint8_t *data;
} Run;

typedef struct {
    const char *name, *path;
    p4rt_pipeline *p;
    Run ref;    /* the reference run of the current packet */
    Run expect; /* what R repetitions of it leave behind */
    double *samples; /* ns per repetition, one per run */
} Object;

static void run_free(Run *r)
{
    free(r->data);
    r->data = NULL;
}

/* LEN bytes of PKT through O's program REPEAT times; returns 0, or a
 * negative errno with p4rt_errmsg(). */
static int run(Object *o, uint32_t in_port, const uint8_t *pkt, size_t len, uint32_t repeat,
               Run *out)
{
    out->data = malloc(len + OUT_ROOM);
    if (!out->data)
        abort();
    int r = p4rt_test_run(o->p, in_port, pkt, len, repeat, out->data, len + OUT_ROOM, &out->r);
    if (r < 0)
        run_free(out);
    return r;
}

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

/* The mean of the middle half of the N samples. The kernel reports whole
 * ns per run, so a median moves in 1 ns steps (20% of a 5 ns program);
 * the noise between runs dithers the rounding, and this mean resolves
 * below a nanosecond while ignoring the outer quarters as a median does. */
static double interquartile_mean(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int lo = n / 4, hi = n - n / 4;
    double sum = 0;
    for (int i = lo; i < hi; i++)
        sum += v[i];
    return hi > lo ? sum / (hi - lo) : 0;
}

/* The clock step of N sorted samples: 1 ns after the kernel's division
 * by R, else the clock's own. kvm-clock ticks every 10 ns, read as values
 * 1 ns apart now and then (190 and 191 are one tick), so the step is the
 * spacing of the groups of values that lie within 2 ns of each other, in
 * the middle 80% of the samples (outliers are sparse). */
static double clock_step(const double *v, int n)
{
    double first = 0, last = 0, prev = 0;
    int groups = 0;
    for (int i = n / 10; i < n - n / 10; i++) {
        if (groups == 0 || v[i] - prev > 2) {
            if (groups == 0)
                first = v[i];
            last = v[i];
            groups++;
        }
        prev = v[i];
    }
    double step = groups > 1 ? (last - first) / (groups - 1) : 1;
    return step > 2 ? step : 1;
}

/* The median of N samples rounded to the clock's steps, read as grouped
 * data: each value W stands for samples spread over one step around it,
 * and the median is placed inside its group by the share of samples it
 * needs from it. A plain median of a 5 ns program can only say 5 or 6
 * (20% apart); this one moves with the samples' mix. */
static double interpolated_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double step = clock_step(v, n);
    double m = v[(n - 1) / 2];
    int below = 0, at = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] < m - step / 2)
            below++;
        else if (v[i] < m + step / 2)
            at++;
    }
    return at ? m - step / 2 + step * (n / 2.0 - below) / at : m;
}

/* Load O and fill its tables from the statements of S bound in B. */
static int setup(Object *o, const char *info_path, const StfScript *s, const StfBound *b)
{
    int r;
    o->p = p4rt_open(o->path, info_path);
    if (!o->p) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, p4rt_errmsg());
        return 1;
    }
    if ((r = p4rt_load(o->p)) < 0) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, p4rt_errmsg());
        return r == -EPERM ? 77 : 1;
    }
    /* Every port gets a device, as on a switch: a port without one drops
     * the packet (docs/RUNTIME.md, "Ports"), which is not the path timed. */
    if (p4rt_test_ports(o->p) < 0) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, p4rt_errmsg());
        return 1;
    }
    for (size_t i = 0; i < s->nstmts; i++) {
        const StfStmt *x = &s->stmts[i];
        if ((x->kind == STF_ADD || x->kind == STF_SETDEFAULT) && stf_apply(o->p, x, &b[i]) < 0) {
            fprintf(stderr, "xdp_speed: %s: %s:%d: %s\n", o->name, s->file, x->pos.line,
                    p4rt_errmsg());
            return 1;
        }
    }
    p4rt_info info;
    struct bpf_prog_info pi;
    __u32 len = sizeof pi;
    memset(&pi, 0, sizeof pi);
    p4rt_get_info(o->p, &info);
    int fd = bpf_prog_get_fd_by_id(info.prog_id);
    if (fd < 0 || bpf_obj_get_info_by_fd(fd, &pi, &len)) {
        fprintf(stderr, "xdp_speed: %s: cannot read the program info: %s\n", o->name,
                strerror(errno));
        return 1;
    }
    close(fd);
    /* verified_insns: the "processed N insns" of the verifier's log. */
    printf("object %s xlated %u jited %u insns %u\n", o->name, pi.xlated_prog_len,
           pi.jited_prog_len, pi.verified_insns);
    return 0;
}

static const char *verdict_name(const Run *r)
{
    return r->r.dropped ? "dropped" : "out";
}

static bool same_result(const Run *a, const Run *b)
{
    return a->r.dropped == b->r.dropped && a->r.xdp_action == b->r.xdp_action &&
           (a->r.dropped || (a->r.port == b->r.port && a->r.len == b->r.len &&
                             memcmp(a->data, b->data, a->r.len) == 0));
}

/* Whether a run that turned IN_LEN bytes into A took the path of the
 * reference run, which turned REF_IN_LEN bytes into REF: the same verdict,
 * port and change of length (a tunnel that decapsulates once and then
 * passes the inner packet on does not). */
static bool same_path(const Run *a, size_t in_len, const Run *ref, size_t ref_in_len)
{
    return a->r.dropped == ref->r.dropped && a->r.xdp_action == ref->r.xdp_action &&
           (a->r.dropped ||
            (a->r.port == ref->r.port && a->r.len - in_len == ref->r.len - ref_in_len));
}

/* Feeds O's reference output (PKT's LEN bytes, run once) back to O, each
 * run's output to the next, as long as every run takes the reference's path,
 * up to MAX runs in all. Leaves the last such run in O->expect; returns how
 * many runs that was, or -1. */
static int chain(Object *o, uint32_t in_port, size_t len, int max)
{
    int n = 1;
    Run cur = o->ref, next;
    cur.data = malloc(o->ref.r.len ? o->ref.r.len : 1);
    if (!cur.data)
        return -1;
    memcpy(cur.data, o->ref.data, o->ref.r.len);
    for (; n < max; n++) {
        if (run(o, in_port, cur.data, cur.r.len, 1, &next) < 0) {
            fprintf(stderr, "xdp_speed: %s: %s\n", o->name, p4rt_errmsg());
            run_free(&cur);
            return -1;
        }
        if (!same_path(&next, cur.r.len, &o->ref, len)) {
            run_free(&next);
            break;
        }
        run_free(&cur);
        cur = next;
    }
    run_free(&o->expect);
    o->expect = cur;
    return n;
}

/* An XDP program that returns XDP_PASS: what a sample costs beyond the
 * program itself. */
static int load_empty(void)
{
    struct bpf_insn insns[] = {
        {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = XDP_PASS},
        {.code = BPF_JMP | BPF_EXIT},
    };
    return bpf_prog_load(BPF_PROG_TYPE_XDP, "bench_empty", "GPL", insns, 2, NULL);
}

/* One sample of the empty program FD: REPEAT runs of PKT, ns per run. */
static double sample_empty(int fd, const uint8_t *pkt, size_t len, int repeat)
{
    uint8_t out[4096 + 512];
    struct xdp_md ctx = {.data = 0, .data_end = (uint32_t)len, .ingress_ifindex = TEST_IFINDEX};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = (uint32_t)len,
                .data_out = out, .data_size_out = sizeof out, .ctx_in = &ctx,
                .ctx_size_in = sizeof ctx, .repeat = repeat);
    if (bpf_prog_test_run_opts(fd, &opts)) {
        fprintf(stderr, "xdp_speed: empty program: BPF_PROG_TEST_RUN failed: %s\n",
                strerror(errno));
        return -1;
    }
    return (double)opts.duration;
}

/* One sample: REPEAT runs of PKT through O; checks the last one against
 * O->expect. Returns ns per run, or -1. */
static double sample(Object *o, uint32_t in_port, const uint8_t *pkt, size_t len, int repeat,
                     int line)
{
    Run last;
    if (run(o, in_port, pkt, len, (uint32_t)repeat, &last) < 0) {
        fprintf(stderr, "xdp_speed: %s: %s\n", o->name, p4rt_errmsg());
        return -1;
    }
    bool same = same_result(&last, &o->expect);
    if (!same)
        fprintf(stderr,
                "xdp_speed: %s, packet of line %d: the last of %d repetitions differs from the "
                "chained runs (%s, XDP action %u, %zu bytes; chained: %s, XDP action %u, %zu "
                "bytes)\n",
                o->name, line, repeat, verdict_name(&last), last.r.xdp_action, last.r.len,
                verdict_name(&o->expect), o->expect.r.xdp_action, o->expect.r.len);
    run_free(&last);
    return same ? (double)last.r.duration : -1; /* the kernel's average over the repetitions */
}

/* The repetitions for packet X: the chained runs of every object (see the
 * top), at most REPEAT. Returns R, or -1 when the objects disagree. */
static int choose_repeat(Object *objs, int nobj, const StfStmt *x, int repeat)
{
    size_t len = x->bytes.nibbles / 2;
    int r = repeat;
    for (int k = 0; k < nobj; k++) {
        int n = chain(&objs[k], x->port, len, repeat);
        if (n < 0)
            return -1;
        r = n < r ? n : r;
    }
    for (int k = 0; k < nobj; k++) {
        if (chain(&objs[k], x->port, len, r) < 0)
            return -1;
        if (k > 0 && !same_result(&objs[k].expect, &objs[0].expect)) {
            fprintf(stderr, "xdp_speed: packet of line %d: %s and %s differ after %d chained runs\n",
                    x->pos.line, objs[0].name, objs[k].name, r);
            return -1;
        }
    }
    return r;
}

/* Benchmark packet X: reference runs, repetitions, then the interleaved
 * samples; prints a line per object. Returns 0, -1 on failure, -77 when
 * BPF programs cannot run. */
static int bench_packet(Object *objs, int nobj, const StfStmt *x, int runs, int repeat,
                        bool only_single, int empty_fd, double *empty_samples)
{
    size_t len = x->bytes.nibbles / 2;
    const uint8_t *pkt = x->bytes.data;
    int line = x->pos.line, status = 0;
    for (int k = 0; k < nobj; k++) {
        int r = run(&objs[k], x->port, pkt, len, 1, &objs[k].ref);
        if (r < 0) {
            fprintf(stderr, "xdp_speed: %s, packet of line %d: %s\n", objs[k].name, line,
                    p4rt_errmsg());
            for (int j = 0; j < k; j++)
                run_free(&objs[j].ref);
            return r == -EPERM ? -77 : -1;
        }
        if (k > 0 && !same_result(&objs[k].ref, &objs[0].ref)) {
            fprintf(stderr,
                    "xdp_speed: packet of line %d: %s and %s do not do the same (%s port "
                    "%u, %zu bytes; %s port %u, %zu bytes)\n",
                    line, objs[0].name, objs[k].name, verdict_name(&objs[0].ref),
                    objs[0].ref.r.port, objs[0].ref.r.len, verdict_name(&objs[k].ref),
                    objs[k].ref.r.port, objs[k].ref.r.len);
            status = -1;
        }
    }
    int r = status ? -1 : choose_repeat(objs, nobj, x, repeat);
    if (r < 0)
        status = -1;
    if (only_single && r > 1)
        runs = 0;   /* not timed in this pass: nothing printed */
    int n = r == 1 ? runs * 20 : runs;
    for (int i = 0; i < n && !status; i++) {
        for (int j = 0; j <= nobj && !status; j++) {
            int k = i % 2 ? nobj - j : j; /* alternate the order; nobj: the empty one */
            double ns = k == nobj ? sample_empty(empty_fd, pkt, len, r)
                                  : sample(&objs[k], x->port, pkt, len, r, line);
            if (ns < 0)
                status = -1;
            else if (k == nobj)
                empty_samples[i] = ns;
            else
                objs[k].samples[i] = ns;
        }
    }
    for (int k = 0; k <= nobj && !status && n > 0; k++) {
        double *v = k == nobj ? empty_samples : objs[k].samples;
        double med = percentile(v, n, 50);
        printf("packet %d %s median %.1f p10 %.1f p90 %.1f repeat %d runs %d iqm %.2f "
               "imedian %.2f\n", line, k == nobj ? "empty" : objs[k].name, med,
               percentile(v, n, 10), percentile(v, n, 90), r, n, interquartile_mean(v, n),
               interpolated_median(v, n));
    }
    for (int k = 0; k < nobj; k++) {
        run_free(&objs[k].ref);
        run_free(&objs[k].expect);
    }
    fflush(stdout);
    return status;
}

static void usage(void)
{
    fprintf(stderr, "usage: xdp_speed [-n RUNS] [-r REPEAT] [-1] P4INFO STF NAME=OBJ...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 200, repeat = 200, c;
    bool only_single = false;
    while ((c = getopt(argc, argv, "n:r:1")) != -1) {
        if (c == 'n')
            runs = atoi(optarg);
        else if (c == 'r')
            repeat = atoi(optarg);
        else if (c == '1')
            only_single = true;
        else
            usage();
    }
    if (argc - optind < 3 || runs < 1 || repeat < 1 || argc - optind - 2 > MAX_OBJECTS)
        usage();
    const char *info_path = argv[optind], *stf_path = argv[optind + 1];

    /* The script is checked against P4INFO before anything is loaded. */
    p4rt_pipeline *desc = p4rt_open_p4info(info_path);
    if (!desc) {
        fprintf(stderr, "xdp_speed: %s\n", p4rt_errmsg());
        return 1;
    }
    StfScript script;
    StfBound *bound = NULL;
    if (stf_parse_file(stf_path, &script) == 0)
        bound = stf_bind(&script, desc);
    p4rt_close(desc);
    if (!bound) {
        stf_print_errors(stderr, &script);
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
        int r = setup(&objs[nobj], info_path, &script, bound);
        if (r)
            return r;
        nobj++;
    }
    fflush(stdout);
    int empty_fd = load_empty();
    if (empty_fd < 0) {
        fprintf(stderr, "xdp_speed: cannot load the empty program: %s\n", strerror(errno));
        return 1;
    }
    double *empty_samples = calloc((size_t)runs * 20, sizeof(double));
    for (int k = 0; k < nobj; k++)
        objs[k].samples = calloc((size_t)runs * 20, sizeof(double));

    int status = 0;
    for (size_t i = 0; i < script.nstmts; i++) {
        const StfStmt *x = &script.stmts[i];
        if (x->kind != STF_PACKET)
            continue;
        int r = bench_packet(objs, nobj, x, runs, repeat, only_single, empty_fd, empty_samples);
        if (r == -77)
            return 77;
        if (r < 0)
            status = 1;
    }
    free(empty_samples);
    for (int k = 0; k < nobj; k++) {
        p4rt_close(objs[k].p);
        free(objs[k].samples);
    }
    stf_bound_free(bound, script.nstmts);
    stf_free(&script);
    return status;
}
