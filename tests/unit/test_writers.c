/* Concurrent writers of one pinned pipeline (docs/RUNTIME.md,
 * "Concurrency"): tests/p4rt/writers.p4 loaded and pinned, then six
 * writers at once, each with ids of its own: two `p4ctl batch` runs, two
 * shell loops of single `p4ctl table` commands, a child process and a
 * thread of this one on libp4rt (each its own handle). Each adds entries
 * to a ternary table (32 masks; ranges that are masks, single values and
 * ranges of the linear stage), an lpm table (prefixes of 3 lengths) and an
 * exact table, modifies some and deletes others. Afterwards the tables
 * hold exactly what the writers left (dumps count it), a packet finds
 * every entry and misses every deleted one, the same after the program is
 * replaced (p4rt_replace carries every entry over; the old handle gets
 * -ESTALE), and deleting
 * every entry empties the ternary table's bookkeeping (no entry count or
 * mask lost). Needs root (BPF): without it prints why and exits 77. */
#include <bpf/bpf.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "internal.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif
#define MISS 0xffff
#define NWRITERS 6
#define PER_WRITER 150 /* ids per writer; the shell loops use fewer */
#define SHELL_IDS 24
#define MAX_ID (NWRITERS * PER_WRITER)
#define MODIFIED 30000 /* a modified entry's id: its own plus this */

enum { BATCH, SHELL, CHILD, THREAD };
static const int kind[NWRITERS] = {BATCH, SHELL, CHILD, BATCH, SHELL, THREAD};

static char dir[64], name[64];

/* ------------------------------------------------------------ the entries */

/* Entry G (1 .. MAX_ID) of each table, as p4ctl words, and a packet that
 * only it matches. Every ternary entry matches G exactly in the key's top
 * 16 bits, so entries never overlap, whatever their masks. */
typedef struct {
    char tkey[40], tport[24], lkey[24], ekey[16];
    uint32_t pkt_tkey, pkt_lkey, pkt_ekey;
    uint16_t pkt_tport;
} Entry;

static void entry_of(unsigned g, Entry *e)
{
    uint32_t mask_low = (g % 32) * 0x0841u; /* 32 masks */
    uint32_t value_low = (g * 0x9e37u) & mask_low;
    snprintf(e->tkey, sizeof e->tkey, "0x%08x&&&0x%08x", g << 16 | value_low,
             0xffff0000u | mask_low);
    e->pkt_tkey = g << 16 | value_low | (~mask_low & 0x5555u);
    switch (g % 6) {
    case 0:
    case 3:
        snprintf(e->tport, sizeof e->tport, "*");
        e->pkt_tport = 7;
        break;
    case 1:
    case 4: { /* not one block: the linear stage */
        unsigned lo = 100 + g % 50, hi = lo + 300 + g % 7;
        snprintf(e->tport, sizeof e->tport, "%u..%u", lo, hi);
        e->pkt_tport = (uint16_t)(lo + 1);
        break;
    }
    case 2:
        snprintf(e->tport, sizeof e->tport, "1024..2047");
        e->pkt_tport = 1500;
        break;
    default:
        snprintf(e->tport, sizeof e->tport, "%u", 4000 + g % 100);
        e->pkt_tport = (uint16_t)(4000 + g % 100);
        break;
    }
    uint32_t base = 10u << 24 | g << 8;
    static const unsigned len[3] = {24, 28, 32}, host[3] = {0x00, 0x10, 0x21},
                          probe[3] = {0x99, 0x15, 0x21};
    snprintf(e->lkey, sizeof e->lkey, "10.%u.%u.%u/%u", g >> 8 & 255, g & 255, host[g % 3],
             len[g % 3]);
    e->pkt_lkey = base | probe[g % 3];
    e->pkt_ekey = 0x01000000u | g;
    snprintf(e->ekey, sizeof e->ekey, "%u", e->pkt_ekey);
}

/* What a writer does with its id G: add the three entries, modify them
 * when G % 7 == 3, delete them when G % 5 == 4. */
static bool modified(unsigned g) { return g % 7 == 3; }
static bool deleted(unsigned g) { return g % 5 == 4; }

static unsigned first_id(int w) { return (unsigned)w * PER_WRITER + 1; }
static unsigned nids(int w) { return kind[w] == SHELL ? SHELL_IDS : PER_WRITER; }

static bool written(unsigned g)
{
    int w = (int)((g - 1) / PER_WRITER);
    return g >= 1 && g <= MAX_ID && g - first_id(w) < nids(w);
}

/* The p4ctl command for OP ("add", "mod", "del") of table T's entry G. */
static void command(char *buf, size_t size, const char *op, char t, unsigned g)
{
    Entry e;
    entry_of(g, &e);
    unsigned id = strcmp(op, "mod") == 0 ? g + MODIFIED : g;
    char action[48] = "";
    if (strcmp(op, "del") != 0)
        snprintf(action, sizeof action, " action=set_%c id=%u", t, id);
    if (t == 't')
        snprintf(buf, size, "table %s %s tcam hdr.probe.tkey=%s hdr.probe.tport=%s%s priority=%u",
                 op, name, e.tkey, e.tport, action, g);
    else if (t == 'l')
        snprintf(buf, size, "table %s %s routes hdr.probe.lkey=%s%s", op, name, e.lkey, action);
    else
        snprintf(buf, size, "table %s %s hosts hdr.probe.ekey=%s%s", op, name, e.ekey, action);
}

/* A line of F: the command in BUF after PREFIX, its words quoted for
 * the shell when PREFIX is not empty. */
static void put_line(FILE *f, const char *prefix, char *buf)
{
    char *save;
    fputs(prefix, f);
    for (char *wd = strtok_r(buf, " ", &save); wd; wd = strtok_r(NULL, " ", &save))
        fprintf(f, prefix[0] ? " '%s'" : " %s", wd);
    fputc('\n', f);
}

/* Every command of writer W, in order, one a line, each line starting with
 * PREFIX (a shell script's p4ctl). */
static void write_commands(FILE *f, int w, const char *prefix)
{
    char buf[256];
    static const char tables[] = "tle";
    for (unsigned g = first_id(w); g < first_id(w) + nids(w); g++) {
        for (int t = 0; t < 3; t++) {
            command(buf, sizeof buf, "add", tables[t], g);
            put_line(f, prefix, buf);
            if (modified(g)) {
                command(buf, sizeof buf, "mod", tables[t], g);
                put_line(f, prefix, buf);
            }
            if (deleted(g)) {
                command(buf, sizeof buf, "del", tables[t], g);
                put_line(f, prefix, buf);
            }
        }
    }
}

/* ------------------------------------------------------------- writers */

/* Writer W on libp4rt: its commands, split into words, through the text
 * API on a handle of its own. 0, or -1 with the failure printed. */
static int libp4rt_writer(int w)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    write_commands(f, w, "");
    fclose(f);
    p4rt_pipeline *p = p4rt_open_pinned(name);
    int status = p ? 0 : -1;
    for (char *line = strtok(text, "\n"); line && status == 0; line = strtok(NULL, "\n")) {
        char *words[16], *save;
        int n = 0;
        char copy[256];
        snprintf(copy, sizeof copy, "%s", line);
        for (char *wd = strtok_r(copy, " ", &save); wd && n < 16; wd = strtok_r(NULL, " ", &save))
            words[n++] = wd;
        /* table OP NAME TABLE KEY... [action=A id=N] [priority=P] */
        p4rt_field keys[2], args[1];
        p4rt_entry e = {keys, 0, 0, NULL, args, 0};
        for (int i = 4; i < n; i++) {
            char *eq = strchr(words[i], '=');
            *eq = '\0';
            if (strcmp(words[i], "action") == 0)
                e.action = eq + 1;
            else if (strcmp(words[i], "id") == 0)
                args[e.nargs++] = (p4rt_field){"id", eq + 1};
            else if (strcmp(words[i], "priority") == 0)
                e.priority = (uint32_t)strtoul(eq + 1, NULL, 10);
            else
                keys[e.nkeys++] = (p4rt_field){words[i], eq + 1};
        }
        int r = strcmp(words[1], "add") == 0   ? p4rt_table_add(p, words[3], &e)
                : strcmp(words[1], "mod") == 0 ? p4rt_table_modify(p, words[3], &e)
                                               : p4rt_table_delete(p, words[3], &e);
        if (r < 0) {
            fprintf(stderr, "writer %d: %s: %s\n", w, line, p4rt_errmsg());
            status = -1;
        }
    }
    if (!p)
        fprintf(stderr, "writer %d: %s\n", w, p4rt_errmsg());
    p4rt_close(p);
    free(text);
    return status;
}

static void *thread_writer(void *arg)
{
    return (void *)(intptr_t)libp4rt_writer((int)(intptr_t)arg);
}

/* Start writer W (not THREAD) as a child process; its pid. */
static pid_t start_writer(int w)
{
    char path[128], prefix[128];
    snprintf(path, sizeof path, "%s/writer%d", dir, w);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    /* A shell loop stops at the first command that fails. */
    snprintf(prefix, sizeof prefix, "%s", kind[w] == SHELL ? P4CTL_BUILD "/p4ctl" : "");
    if (kind[w] == SHELL)
        fputs("set -e\n", f);
    write_commands(f, w, prefix);
    fclose(f);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    if (kind[w] == CHILD)
        _exit(libp4rt_writer(w) == 0 ? 0 : 1);
    if (kind[w] == SHELL)
        execl("/bin/sh", "sh", path, (char *)NULL);
    else
        execl(P4CTL_BUILD "/p4ctl", "p4ctl", "batch", path, (char *)NULL);
    _exit(127);
}

/* --------------------------------------------------------------- checks */

static int count_fn(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    ++*(unsigned *)ctx;
    return 0;
}

static unsigned count_entries(p4rt_pipeline *p, const char *table)
{
    unsigned n = 0;
    assert_int_equal(p4rt_table_dump(p, table, count_fn, &n), 0);
    return n;
}

static void put32(uint8_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (24 - 8 * i));
}

/* The ids a packet aimed at entry G gets from the three tables. */
static void classify(p4rt_pipeline *p, unsigned g, unsigned ids[3])
{
    Entry e;
    uint8_t in[34] = {0}, out[64];
    entry_of(g, &e);
    in[12] = 0x88;
    in[13] = 0xb5;
    put32(in + 14, e.pkt_tkey);
    in[18] = (uint8_t)(e.pkt_tport >> 8);
    in[19] = (uint8_t)e.pkt_tport;
    put32(in + 20, e.pkt_lkey);
    put32(in + 24, e.pkt_ekey);
    p4rt_test_result res;
    assert_int_equal(p4rt_test_run(p, 0, in, sizeof in, 1, out, sizeof out, &res), 0);
    assert_int_equal(res.len, sizeof in);
    for (int t = 0; t < 3; t++)
        ids[t] = (unsigned)(out[28 + 2 * t] << 8 | out[29 + 2 * t]);
}

/* A packet aimed at every entry written gets the entry's id from each
 * table (a miss for the deleted ones). */
static void check_packets(p4rt_pipeline *p)
{
    unsigned lost = 0, wrong = 0;
    for (unsigned g = 1; g <= MAX_ID; g++) {
        if (!written(g))
            continue;
        unsigned ids[3], want = deleted(g) ? MISS : modified(g) ? g + MODIFIED : g;
        classify(p, g, ids);
        for (int t = 0; t < 3; t++) {
            if (ids[t] != want) {
                if (ids[t] == MISS)
                    lost++;
                else
                    wrong++;
                if (lost + wrong <= 5)
                    print_error("entry %u of table %d: a packet got %u, wanted %u\n", g, t,
                                ids[t], want);
            }
        }
    }
    assert_int_equal(lost, 0);
    assert_int_equal(wrong, 0);
}

static void test_concurrent_writers(void **state)
{
    (void)state;
    p4rt_pipeline *p = p4rt_open_pinned(name);
    assert_non_null(p);
    pid_t pids[NWRITERS];
    pthread_t thread;
    for (int w = 0; w < NWRITERS; w++) {
        if (kind[w] == THREAD)
            assert_int_equal(pthread_create(&thread, NULL, thread_writer, (void *)(intptr_t)w), 0);
        else
            assert_true((pids[w] = start_writer(w)) > 0);
    }
    for (int w = 0; w < NWRITERS; w++) {
        int status = 0;
        if (kind[w] == THREAD) {
            void *ret;
            pthread_join(thread, &ret);
            status = (int)(intptr_t)ret;
        } else {
            assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        }
        if (status != 0)
            fail_msg("writer %d (kind %d) failed: status %d", w, kind[w], status);
    }

    unsigned expected = 0;
    for (unsigned g = 1; g <= MAX_ID; g++)
        expected += written(g) && !deleted(g);
    assert_int_equal(count_entries(p, "tcam"), expected);
    assert_int_equal(count_entries(p, "routes"), expected);
    assert_int_equal(count_entries(p, "hosts"), expected);
    check_packets(p);

    /* The program replaced by a fresh load of itself: every entry carried
     * over, the old handle refused, packets classified as before. */
    char obj[128];
    snprintf(obj, sizeof obj, "%s/writers.o", dir);
    p4rt_pipeline *q = p4rt_open(obj, NULL);
    p4rt_replace_info carried;
    assert_non_null(q);
    assert_int_equal(p4rt_replace(q, name, &carried), 0);
    assert_int_equal(carried.entries, 3 * expected);
    assert_int_equal(p4rt_table_clear(p, "hosts"), -ESTALE);
    p4rt_close(p);
    p = q;
    assert_int_equal(count_entries(p, "tcam"), expected);
    check_packets(p);

    /* Every entry deleted again: the ternary table's bookkeeping (entry
     * count, slots, masks) must come out empty. */
    static const char *tables[3] = {"tcam", "routes", "hosts"};
    for (unsigned g = 1; g <= MAX_ID; g++) {
        if (!written(g) || deleted(g))
            continue;
        for (int t = 0; t < 3; t++) {
            char buf[256], *words[16], *save;
            int n = 0;
            command(buf, sizeof buf, "del", "tle"[t], g);
            for (char *wd = strtok_r(buf, " ", &save); wd; wd = strtok_r(NULL, " ", &save))
                words[n++] = wd;
            p4rt_field keys[2];
            p4rt_entry e = {keys, 0, 0, NULL, NULL, 0};
            for (int i = 4; i < n; i++) {
                char *eq = strchr(words[i], '=');
                *eq = '\0';
                if (strcmp(words[i], "priority") == 0)
                    e.priority = (uint32_t)strtoul(eq + 1, NULL, 10);
                else
                    keys[e.nkeys++] = (p4rt_field){words[i], eq + 1};
            }
            if (p4rt_table_delete(p, tables[t], &e) < 0)
                fail_msg("deleting entry %u of %s: %s", g, tables[t], p4rt_errmsg());
        }
    }
    for (int t = 0; t < 3; t++)
        assert_int_equal(count_entries(p, tables[t]), 0);
    size_t ti = 0;
    while (strcmp(p->info.tables[ti].n.name, "sw.tcam") != 0)
        ti++;
    struct p4cc_tss_header h;
    uint32_t zero = 0;
    assert_int_equal(bpf_map_lookup_elem(p->tss[ti].header, &zero, &h), 0);
    assert_int_equal(h.nhash, 0);
    assert_int_equal(h.nslots, 0);
    assert_int_equal(h.count[h.active & 1], 0);
    p4rt_close(p);
}

static int setup(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(dir, sizeof dir, "/tmp/test_writers.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(name, sizeof name, "rel-writers-%d", (int)getpid());
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc -o %s/writers.o tests/p4rt/writers.p4", P4CTL_BUILD, dir);
    if (system(cmd) != 0)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/writers.o", dir);
    p4rt_pipeline *p = p4rt_open(cmd, NULL);
    if (!p || p4rt_load(p) < 0 || p4rt_pin(p, name) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        p4rt_close(p);
        return -1;
    }
    p4rt_close(p);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    p4rt_unload(name);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    char why[200];
    if (bpf_permitted(why, sizeof why) == -EPERM) {
        printf("skipped: %s\n", why);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_writers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
