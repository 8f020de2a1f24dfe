/* `p4ctl verify`; see verify.h. */
#include "verify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "p4rt.h"

#define STATS_LOG_SIZE (1u << 20)
#define FULL_LOG_SIZE (64u << 20) /* the kernel keeps the end when it overflows */
#define BPF_LOG_LEVEL1 1
#define BPF_LOG_STATS 4
#define LINE_MAX_SHOWN 240 /* register states can be very long */

char p4ctl_libbpf_warning[512];

/* Lines of the log that are statistics, not the complaint. */
static bool stats_line(const char *s, size_t n)
{
    static const char *const prefixes[] = {"processed ", "verification time", "stack depth",
                                           "max_states_per_insn"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t k = strlen(prefixes[i]);
        if (n >= k && strncmp(s, prefixes[i], k) == 0)
            return true;
    }
    return n == 0;
}

typedef struct {
    const char *s;
    size_t n;
} Span;

/* Split LOG into lines (a view into LOG). */
static Span *split_lines(const char *log, size_t *count)
{
    size_t cap = 64, n = 0;
    Span *lines = malloc(cap * sizeof *lines);
    if (!lines)
        abort();
    for (const char *p = log; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            if (!lines)
                abort();
        }
        lines[n++] = (Span){p, len};
        p += len + (nl ? 1 : 0);
    }
    *count = n;
    return lines;
}

/* The "file:line" of a "; source @ file:line" annotation, or 0 length. */
static Span annotation_place(Span line)
{
    if (line.n < 2 || line.s[0] != ';')
        return (Span){NULL, 0};
    for (size_t i = line.n; i >= 3; i--)
        if (line.s[i - 3] == ' ' && line.s[i - 2] == '@' && line.s[i - 1] == ' ')
            return (Span){line.s + i, line.n - i};
    return (Span){NULL, 0};
}

/* "12: (71) r1 = ..." */
static bool insn_line(Span line)
{
    size_t i = 0;
    while (i < line.n && line.s[i] >= '0' && line.s[i] <= '9')
        i++;
    return i > 0 && i + 2 < line.n && line.s[i] == ':' && line.s[i + 1] == ' ' &&
           line.s[i + 2] == '(';
}

static void report_rejection(const char *label, const char *log, unsigned tail, FILE *out)
{
    size_t n;
    Span *lines = split_lines(log, &n);
    size_t end = n;
    while (end > 0 && stats_line(lines[end - 1].s, lines[end - 1].n))
        end--;
    if (end == 0) {
        fprintf(out, "%s: the verifier left no log\n", label);
        free(lines);
        return;
    }
    /* Start TAIL lines before the end, or earlier to include the last
     * source annotation (which names the P4 line). */
    size_t start = end > tail ? end - tail : 0;
    size_t last_ann = n;
    for (size_t i = end; i-- > 0;) {
        if (annotation_place(lines[i]).n) {
            last_ann = i;
            break;
        }
    }
    if (last_ann < start && end - last_ann <= 4 * (size_t)tail)
        start = last_ann;
    fprintf(out, "%s: the end of the verifier's log:\n", label);
    if (start > 0)
        fprintf(out, "  ...\n");
    for (size_t i = start; i < end; i++) {
        if (lines[i].n > LINE_MAX_SHOWN)
            fprintf(out, "  %.*s ...\n", LINE_MAX_SHOWN, lines[i].s);
        else
            fprintf(out, "  %.*s\n", (int)lines[i].n, lines[i].s);
    }
    /* The complaint: the lines after the last instruction. */
    size_t from = end - 1;
    while (from > start && !insn_line(lines[from - 1]))
        from--;
    if (from < end - 1 && insn_line(lines[from]))
        from++;
    char msg[1024];
    size_t len = 0;
    msg[0] = '\0';
    for (size_t i = from; i < end && i < from + 2 && len < sizeof msg - 1; i++) {
        int w = snprintf(msg + len, sizeof msg - len, "%s%.*s", i > from ? "; " : "",
                         (int)(lines[i].n < 200 ? lines[i].n : 200), lines[i].s);
        len += w > 0 ? (size_t)w : 0;
    }
    if (len >= sizeof msg)
        len = sizeof msg - 1;
    if (last_ann < n) {
        Span place = annotation_place(lines[last_ann]);
        fprintf(out, "%.*s: error: %s\n", (int)place.n, place.s, msg);
    } else {
        fprintf(out, "%s: error: %s\n", label, msg);
    }
    free(lines);
}

int p4ctl_verify(const char *label, const char *obj, unsigned tail, bool verbose, FILE *out)
{
    uint32_t insns;
    char *log = malloc(STATS_LOG_SIZE);
    if (!log)
        abort();
    p4ctl_libbpf_warning[0] = '\0';
    int r = p4rt_verify(obj, BPF_LOG_STATS, log, STATS_LOG_SIZE, &insns);
    if (r == 0) {
        if (insns)
            fprintf(out, "%s: verifier accepted (%u instructions processed)\n", label, insns);
        else
            fprintf(out, "%s: verifier accepted\n", label);
        if (verbose)
            fputs(log, out);
        free(log);
        return 0;
    }
    free(log);
    if (r == -EPERM) {
        fprintf(out, "%s: not verified: %s\n", label, p4rt_errmsg());
        return 77;
    }
    if (r == -ENOENT || r == -ENOEXEC) { /* the object cannot be read */
        fprintf(out, "%s\n", p4rt_errmsg());
        return 1;
    }

    /* Rejected (or something else failed): load again with the whole log,
     * whose end names the failing instruction and its P4 line. */
    char first_err[512];
    snprintf(first_err, sizeof first_err, "%s", p4rt_errmsg());
    log = malloc(FULL_LOG_SIZE);
    if (!log)
        abort();
    p4ctl_libbpf_warning[0] = '\0';
    r = p4rt_verify(obj, BPF_LOG_LEVEL1 | BPF_LOG_STATS, log, FULL_LOG_SIZE, &insns);
    if (r == 0) {
        /* Accepted with the full log after all (should not happen). */
        fprintf(out, "%s: verifier accepted (%u instructions processed)\n", label, insns);
    } else if (log[0]) {
        fprintf(out, "%s: verifier rejected the program (%s)\n", label, first_err);
        report_rejection(label, log, tail, out);
    } else {
        fprintf(out, "%s: cannot load the program: %s\n", label, first_err);
        if (p4ctl_libbpf_warning[0])
            fprintf(out, "  libbpf: %s", p4ctl_libbpf_warning);
    }
    free(log);
    return r == 0 ? 0 : 1;
}
