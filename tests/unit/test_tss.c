/* Ternary tables as a tuple-space search (docs/RUNTIME.md, "Ternary
 * tables"): tests/tss/updates.p4 compiled by p4cc, loaded through libp4rt,
 * entries changed through its API, packets run with BPF_PROG_TEST_RUN.
 * Priorities across masks, deletes that empty a mask, re-adds, modify,
 * entries that share a value and mask, ranges (linear stage and prefix
 * blocks), clear, another process's view (a pinned reopen), and packets
 * running in a second thread while the mask list is reordered. Needs root
 * (BPF): without it prints why and exits 77 (skipped). */
#include <bpf/bpf.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bpf_permitted.h"
#include "internal.h"
#include "p4rt.h"

#ifndef P4CTL_BUILD
#define P4CTL_BUILD "build"
#endif
#define MISS 0xffff

static char dir[64];
static p4rt_pipeline *pipe_;

/* The id the program writes for KEY and PORT, from prog fd FD. */
static unsigned classify_fd(int fd, uint32_t key, uint16_t port)
{
    uint8_t in[22] = {0}, out[64];
    in[12] = 0x88;
    in[13] = 0xb5;
    for (int i = 0; i < 4; i++)
        in[14 + i] = (uint8_t)(key >> (24 - 8 * i));
    in[18] = (uint8_t)(port >> 8);
    in[19] = (uint8_t)port;
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = in, .data_size_in = sizeof in,
                .data_out = out, .data_size_out = sizeof out, .repeat = 1);
    if (bpf_prog_test_run_opts(fd, &opts) || opts.data_size_out < 22)
        return 0;
    return (unsigned)(out[20] << 8 | out[21]);
}

static unsigned classify(uint32_t key, uint16_t port)
{
    return classify_fd(pipe_->prog_fd, key, port);
}

static int entry(int op, const char *key, const char *port, uint32_t prio, unsigned id)
{
    char idtext[16];
    snprintf(idtext, sizeof idtext, "%u", id);
    p4rt_field keys[] = {{"hdr.probe.key", key}, {"hdr.probe.port", port}};
    p4rt_field args[] = {{"id", idtext}};
    p4rt_entry e = {keys, 2, prio, "set_result", args, 1};
    switch (op) {
    case 'a': return p4rt_table_add(pipe_, "tcam", &e);
    case 'm': return p4rt_table_modify(pipe_, "tcam", &e);
    default: return p4rt_table_delete(pipe_, "tcam", &e);
    }
}

static int count_fn(const p4rt_entry_out *e, void *ctx)
{
    (void)e;
    ++*(int *)ctx;
    return 0;
}

static int count_entries(p4rt_pipeline *p)
{
    int n = 0;
    assert_int_equal(p4rt_table_dump(p, "tcam", count_fn, &n), 0);
    return n;
}

/* The compiled program loaded into PIPE_ (not pinned). */
static int load(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/updates.o", dir);
    pipe_ = p4rt_open(path, NULL);
    if (!pipe_ || p4rt_load(pipe_) < 0) {
        fprintf(stderr, "cannot load: %s\n", p4rt_errmsg());
        return -1;
    }
    return 0;
}

static int setup(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(dir, sizeof dir, "/tmp/test_tss.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    setenv("P4CC_INCLUDE", "p4include", 0);
    snprintf(cmd, sizeof cmd, "%s/p4cc -o %s/updates.o tests/tss/updates.p4", P4CTL_BUILD, dir);
    if (system(cmd) != 0)
        return -1;
    return load();
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    p4rt_close(pipe_);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_priorities_across_masks(void **state)
{
    (void)state;
    assert_int_equal(p4rt_table_clear(pipe_, "tcam"), 0);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 10, 1), 0);
    assert_int_equal(entry('a', "0x0a010000&&&0xffff0000", "*", 20, 2), 0);
    assert_int_equal(entry('a', "0x0a010100&&&0xffffff00", "*", 5, 3), 0);
    assert_int_equal(classify(0x0a010101, 80), 2);  /* 20 beats 10 and 5 */
    assert_int_equal(classify(0x0a020202, 80), 1);
    assert_int_equal(classify(0x0b010101, 80), MISS);
    assert_int_equal(entry('a', "0x0a010000&&&0xffff0000", "*", 20, 9), -EEXIST);
    assert_string_equal(p4rt_errmsg(), "table 'sw.tcam' already has an entry with key "
                                       "hdr.probe.key=0x0a010000&&&0xffff0000 hdr.probe.port=* "
                                       "and priority 20");

    /* The only entry of its mask goes: the mask leaves the list. */
    assert_int_equal(entry('d', "0x0a010000&&&0xffff0000", "*", 20, 0), 0);
    assert_int_equal(classify(0x0a010101, 80), 1);
    assert_int_equal(entry('d', "0x0a010000&&&0xffff0000", "*", 20, 0), -ENOENT);
    assert_string_equal(p4rt_errmsg(), "table 'sw.tcam' has no entry with key "
                                       "hdr.probe.key=0x0a010000&&&0xffff0000 hdr.probe.port=* "
                                       "and priority 20");
    /* Re-added, with another action. */
    assert_int_equal(entry('a', "0x0a010000&&&0xffff0000", "*", 20, 4), 0);
    assert_int_equal(classify(0x0a010101, 80), 4);
    /* Modify, then the lower priorities decide again. */
    assert_int_equal(entry('m', "0x0a000000&&&0xff000000", "*", 10, 7), 0);
    assert_int_equal(entry('d', "0x0a010000&&&0xffff0000", "*", 20, 0), 0);
    assert_int_equal(classify(0x0a010101, 80), 7);
    assert_int_equal(classify(0x0a020202, 80), 7);
    assert_int_equal(entry('m', "0x0a020000&&&0xffff0000", "*", 10, 7), -ENOENT);
    assert_int_equal(count_entries(pipe_), 2);
}

static void test_same_value_and_mask(void **state)
{
    (void)state;
    assert_int_equal(p4rt_table_clear(pipe_, "tcam"), 0);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 10, 1), 0);
    /* Same value and mask, another priority: both are entries. */
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 30, 8), 0);
    assert_int_equal(classify(0x0a010101, 80), 8);
    assert_int_equal(count_entries(pipe_), 2);
    p4rt_entry_out *out;
    p4rt_field keys[] = {{"hdr.probe.key", "0x0a000000&&&0xff000000"}, {"hdr.probe.port", "*"}};
    p4rt_entry e = {keys, 2, 10, NULL, NULL, 0};
    assert_int_equal(p4rt_table_get(pipe_, "tcam", &e, &out), 0);
    assert_string_equal(out->e.args[0].value, "1");
    p4rt_entry_release(out);
    assert_int_equal(entry('d', "0x0a000000&&&0xff000000", "*", 30, 0), 0);
    assert_int_equal(classify(0x0a010101, 80), 1);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 30, 8), 0);
    assert_int_equal(entry('d', "0x0a000000&&&0xff000000", "*", 10, 0), 0);
    assert_int_equal(classify(0x0a010101, 80), 8);
    assert_int_equal(count_entries(pipe_), 1);
}

static int first_port(const p4rt_entry_out *e, void *ctx)
{
    snprintf(ctx, 64, "%s", e->e.keys[1].value);
    return 1;
}

static void test_ranges(void **state)
{
    (void)state;
    char port[64];
    assert_int_equal(p4rt_table_clear(pipe_, "tcam"), 0);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 10, 1), 0);
    /* Not one block: the linear stage. */
    assert_int_equal(entry('a', "*", "1000..2000", 50, 9), 0);
    assert_int_equal(classify(0x0b000000, 1500), 9);
    assert_int_equal(classify(0x0a000001, 999), 1);
    assert_int_equal(classify(0x0a000001, 2000), 9);
    assert_int_equal(classify(0x0b000000, 2001), MISS);
    /* One block: a mask. */
    assert_int_equal(entry('a', "*", "1024..2047", 60, 10), 0);
    assert_int_equal(classify(0x0b000000, 1500), 10);
    assert_int_equal(classify(0x0b000000, 1010), 9);
    assert_int_equal(p4rt_table_dump(pipe_, "tcam", first_port, port), 1);
    assert_string_equal(port, "1024..2047");
    assert_int_equal(entry('m', "*", "1000..2000", 50, 11), 0);
    assert_int_equal(classify(0x0b000000, 1010), 11);
    assert_int_equal(entry('d', "*", "1024..2047", 60, 0), 0);
    assert_int_equal(classify(0x0b000000, 1500), 11);
    assert_int_equal(entry('d', "*", "1000..2000", 50, 0), 0);
    assert_int_equal(classify(0x0b000000, 1500), MISS);
    assert_int_equal(entry('d', "*", "1000..2000", 50, 0), -ENOENT);
    /* Single values and '*' are masks too. */
    assert_int_equal(entry('a', "*", "80", 5, 12), 0);
    assert_int_equal(classify(0x0b000000, 80), 12);
    assert_int_equal(classify(0x0b000000, 81), MISS);
    assert_int_equal(count_entries(pipe_), 2);
}

static void test_clear_and_pinned_view(void **state)
{
    (void)state;
    char name[64];
    assert_int_equal(entry('a', "0x0c000000&&&0xff000000", "*", 10, 5), 0);
    assert_int_equal(entry('a', "*", "3..9", 7, 6), 0);
    snprintf(name, sizeof name, "test-tss-%d", (int)getpid());
    assert_int_equal(p4rt_pin(pipe_, name), 0);
    /* Another handle sees the same table and changes it for everyone. */
    p4rt_pipeline *other = p4rt_open_pinned(name);
    assert_non_null(other);
    int n = count_entries(pipe_);
    assert_int_equal(count_entries(other), n);
    p4rt_field keys[] = {{"key", "0x0c000000&&&0xff000000"}, {"port", "*"}};
    p4rt_entry e = {keys, 2, 10, NULL, NULL, 0};
    assert_int_equal(p4rt_table_delete(other, "tcam", &e), 0);
    assert_int_equal(classify(0x0c000000, 1), MISS);
    assert_int_equal(count_entries(pipe_), n - 1);
    assert_int_equal(p4rt_table_clear(other, "tcam"), 0);
    assert_int_equal(count_entries(pipe_), 0);
    assert_int_equal(classify(0x0b000000, 5), MISS);
    p4rt_close(other);
    assert_int_equal(p4rt_unload(name), 0);
    /* The handle that pinned it writes no more to what nothing runs. */
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 10, 1), -ESTALE);
    p4rt_close(pipe_);
    assert_int_equal(load(), 0);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 10, 1), 0);
    assert_int_equal(classify(0x0a000001, 5), 1);
}

typedef struct {
    int fd;
    uint32_t key;
    uint16_t port;
    unsigned want;
    atomic_int stop;
    atomic_long runs, wrong;
} Load;

static void *run_packets(void *arg)
{
    Load *l = arg;
    while (!l->stop) {
        if (classify_fd(l->fd, l->key, l->port) != l->want)
            l->wrong++;
        l->runs++;
    }
    return NULL;
}

/* The updates must overlap running packets: on a busy machine the thread
 * may not have run once before a short update loop ends. */
static void start_load(pthread_t *th, Load *l)
{
    assert_int_equal(pthread_create(th, NULL, run_packets, l), 0);
    while (atomic_load(&l->runs) == 0)
        sched_yield();
}

/* Entries of other masks with ever higher priorities move their masks to
 * the front of the list, one copy and flip each, while a second thread
 * runs a packet that an unchanged entry classifies. */
static void test_reorder_under_load(void **state)
{
    (void)state;
    assert_int_equal(p4rt_table_clear(pipe_, "tcam"), 0);
    assert_int_equal(entry('a', "0x0a010000&&&0xffff0000", "*", 1000, 2), 0);
    assert_int_equal(entry('a', "0x0a000000&&&0xff000000", "*", 999, 1), 0);
    Load l = {.fd = pipe_->prog_fd, .key = 0x0a010101, .port = 80, .want = 2};
    pthread_t th;
    start_load(&th, &l);
    char key[64];
    for (unsigned i = 0; i < 300; i++) {
        /* Bit 31 set: these never match the packet. */
        uint32_t mask = 0x80000000u | (0xffffffffu >> (i % 31 + 1) << (i % 31 + 1) & 0x7fffffffu);
        snprintf(key, sizeof key, "0x%08x&&&0x%08x", 0x80000000u | (i << 8 & mask), mask);
        assert_int_equal(entry('a', key, "*", 2000 + i, 20), 0);
    }
    for (unsigned i = 0; i < 300; i++) {
        uint32_t mask = 0x80000000u | (0xffffffffu >> (i % 31 + 1) << (i % 31 + 1) & 0x7fffffffu);
        snprintf(key, sizeof key, "0x%08x&&&0x%08x", 0x80000000u | (i << 8 & mask), mask);
        assert_int_equal(entry('d', key, "*", 2000 + i, 0), 0);
    }
    l.stop = 1;
    pthread_join(th, NULL);
    printf("reorder under load: %ld packets, %ld misclassified\n", atomic_load(&l.runs), atomic_load(&l.wrong));
    assert_true(l.runs > 0);
    assert_int_equal(l.wrong, 0);
    assert_int_equal(count_entries(pipe_), 2);
}

/* Entries of the linear stage added, deleted (leaving free slots, the
 * last ones given back), re-added into the free slots and modified while
 * a second thread runs a packet that one unchanged slot entry, written
 * between them, classifies. */
static void test_slots_under_load(void **state)
{
    (void)state;
    char port[32];
    assert_int_equal(p4rt_table_clear(pipe_, "tcam"), 0);
    for (unsigned i = 0; i < 20; i++) {
        snprintf(port, sizeof port, "%u..%u", 3001 + 10 * i, 3007 + 10 * i);
        assert_int_equal(entry('a', "*", port, 100 + i, 20), 0);
    }
    assert_int_equal(entry('a', "*", "1000..2000", 50, 3), 0);
    Load l = {.fd = pipe_->prog_fd, .key = 0x0b000000, .port = 1500, .want = 3};
    pthread_t th;
    start_load(&th, &l);
    for (unsigned round = 0; round < 10; round++) {
        for (unsigned i = round % 2; i < 20; i += 2) {
            snprintf(port, sizeof port, "%u..%u", 3001 + 10 * i, 3007 + 10 * i);
            assert_int_equal(entry('d', "*", port, 100 + i, 0), 0);
        }
        for (unsigned i = round % 2; i < 20; i += 2) {
            snprintf(port, sizeof port, "%u..%u", 3001 + 10 * i, 3007 + 10 * i);
            assert_int_equal(entry('a', "*", port, 100 + i, 21), 0);
            assert_int_equal(entry('m', "*", port, 100 + i, 22), 0);
        }
    }
    l.stop = 1;
    pthread_join(th, NULL);
    printf("slots under load: %ld packets, %ld misclassified\n", atomic_load(&l.runs), atomic_load(&l.wrong));
    assert_true(l.runs > 0);
    assert_int_equal(l.wrong, 0);
    assert_int_equal(count_entries(pipe_), 21);
    assert_int_equal(classify(0x0b000000, 3005), 22);
    assert_int_equal(classify(0x0b000000, 1500), 3);
}

int main(void)
{
    char err[256];
    if (bpf_permitted(err, sizeof err) == -EPERM) {
        printf("test_tss: skipped: BPF is not permitted here (%s)\n", err);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_priorities_across_masks),
        cmocka_unit_test(test_same_value_and_mask),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_clear_and_pinned_view),
        cmocka_unit_test(test_reorder_under_load),
        cmocka_unit_test(test_slots_under_load),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
