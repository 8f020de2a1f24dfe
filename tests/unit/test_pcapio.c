/* Unit tests of p4ctl's capture files (src/p4ctl/pcapio.c): what is written
 * reads back the same (time stamps to the nanosecond, lengths, bytes), a
 * directory is replaced as a whole, and every kind of bad input file is
 * refused with a message that says what is wrong with it. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "pcapio.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_pcapio.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *path(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void write_bytes(const char *file, const void *data, size_t n)
{
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static long file_size(const char *file)
{
    struct stat st;
    return stat(file, &st) == 0 ? (long)st.st_size : -1;
}

static const uint8_t frame1[60] = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00};
static const uint8_t frame2[14] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 0x88, 0xb5};

/* A file written through pcapio reads back packet for packet. */
static void test_round_trip(void **state)
{
    (void)state;
    char err[512];
    PcapOut *o = pcapio_create(path("a.pcap"), 65535, err, sizeof err);
    assert_non_null(o);
    pcapio_add(o, 1700000000123456789ull, frame1, sizeof frame1, sizeof frame1);
    pcapio_add(o, 1700000001000000001ull, frame2, sizeof frame2, sizeof frame2);
    assert_int_equal(pcapio_count(o), 2);
    /* Nothing under the final name until the commit. */
    assert_int_equal(file_size(path("a.pcap")), -1);
    assert_int_equal(pcapio_commit(o, err, sizeof err), 0);

    PcapList l;
    assert_int_equal(pcapio_read(path("a.pcap"), &l, err, sizeof err), 0);
    assert_int_equal(l.n, 2);
    assert_true(l.pkts[0].ts_ns == 1700000000123456789ull);
    assert_true(l.pkts[1].ts_ns == 1700000001000000001ull);
    assert_int_equal(l.pkts[0].len, 60);
    assert_int_equal(l.pkts[0].caplen, 60);
    assert_memory_equal(l.pkts[0].data, frame1, 60);
    assert_int_equal(l.pkts[1].len, 14);
    assert_memory_equal(l.pkts[1].data, frame2, 14);
    pcapio_free(&l);

    /* An empty capture is a capture of no packets. */
    o = pcapio_create(path("empty.pcap"), 65535, err, sizeof err);
    assert_int_equal(pcapio_commit(o, err, sizeof err), 0);
    assert_int_equal(pcapio_read(path("empty.pcap"), &l, err, sizeof err), 0);
    assert_int_equal(l.n, 0);
    pcapio_free(&l);
}

/* An aborted file leaves nothing behind, not even its temporary. */
static void test_abort(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(mkdir(path("ab"), 0777), 0);
    PcapOut *o = pcapio_create(path("ab/x.pcap"), 65535, err, sizeof err);
    assert_non_null(o);
    pcapio_add(o, 1, frame2, sizeof frame2, sizeof frame2);
    pcapio_abort(o);
    assert_int_equal(rmdir(path("ab")), 0); /* empty */

    o = pcapio_create(path("no/such/dir/x.pcap"), 65535, err, sizeof err);
    assert_null(o);
    assert_non_null(strstr(err, "cannot write"));
    assert_non_null(strstr(err, "No such file or directory"));
}

/* pcapio_read's refusals, each naming the file and the reason. */
static void check_refused(const char *file, const char *want)
{
    char err[512] = "";
    PcapList l;
    int r = pcapio_read(file, &l, err, sizeof err);
    if (r != -1 || !strstr(err, want) || !strstr(err, file))
        fail_msg("%s: got %d '%s', wanted '%s'", file, r, err, want);
    pcapio_free(&l);
}

static void test_bad_input(void **state)
{
    (void)state;
    char err[512];
    check_refused(path("missing.pcap"), "No such file or directory");
    check_refused(tmpdir, "is a directory");

    write_bytes(path("text.pcap"), "this is not a capture\n", 22);
    check_refused(path("text.pcap"), "not a pcap or pcapng file");
    write_bytes(path("zero.pcap"), "", 0);
    check_refused(path("zero.pcap"), "cut short: not even a whole pcap file header");

    /* A capture cut in the middle of its second packet. */
    PcapOut *o = pcapio_create(path("whole.pcap"), 65535, err, sizeof err);
    pcapio_add(o, 1, frame1, sizeof frame1, sizeof frame1);
    pcapio_add(o, 2, frame1, sizeof frame1, sizeof frame1);
    assert_int_equal(pcapio_commit(o, err, sizeof err), 0);
    long size = file_size(path("whole.pcap"));
    assert_int_equal(size, 24 + 2 * (16 + 60));
    assert_int_equal(truncate(path("whole.pcap"), size - 10), 0);
    check_refused(path("whole.pcap"), "cut short after 1 whole packets");
    /* ... and in the middle of its record header. */
    assert_int_equal(truncate(path("whole.pcap"), 24 + 16 + 60 + 5), 0);
    check_refused(path("whole.pcap"), "cut short after 1 whole packets");

    /* Another link type: raw IP. */
    pcap_t *dead = pcap_open_dead(DLT_RAW, 65535);
    pcap_dumper_t *d = pcap_dump_open(dead, path("raw.pcap"));
    assert_non_null(d);
    struct pcap_pkthdr h = {.caplen = 20, .len = 20};
    pcap_dump((u_char *)d, &h, frame1);
    pcap_dump_close(d);
    pcap_close(dead);
    check_refused(path("raw.pcap"), "link type RAW");
    check_refused(path("raw.pcap"), "not Ethernet");

    /* Packets captured with a snap length shorter than they were. */
    o = pcapio_create(path("snapped.pcap"), 65535, err, sizeof err);
    pcapio_add(o, 1, frame1, sizeof frame1, sizeof frame1);
    pcapio_add(o, 2, frame1, 20, 1500);
    assert_int_equal(pcapio_commit(o, err, sizeof err), 0);
    check_refused(path("snapped.pcap"), "packet 2 was captured cut short (20 of its 1500 bytes");
}

/* Entries of DIR besides . and .. (the stage must be gone too). */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* A directory of results is replaced as a whole: files of our names that
 * the new run does not write go, other files stay. */
static void test_directory(void **state)
{
    (void)state;
    char err[512];
    char dir[256];
    snprintf(dir, sizeof dir, "%s", path("out"));
    PcapDir *d = pcapdir_open(dir, err, sizeof err); /* made */
    assert_non_null(d);
    PcapOut *o = pcapdir_file(d, "pcap1_out.pcap", err, sizeof err);
    pcapio_add(o, 5, frame2, sizeof frame2, sizeof frame2);
    assert_non_null(pcapdir_file(d, "pcap3_out.pcap", err, sizeof err));
    assert_int_equal(pcapdir_text(d, "summary.txt", "first\n", err, sizeof err), 0);
    assert_int_equal(pcapdir_commit(d, err, sizeof err), 0);
    assert_int_equal(count_entries(dir), 3);
    write_bytes(path("out/notes.txt"), "mine", 4);

    d = pcapdir_open(dir, err, sizeof err);
    o = pcapdir_file(d, "pcap1_out.pcap", err, sizeof err);
    pcapio_add(o, 6, frame1, sizeof frame1, sizeof frame1);
    pcapio_add(o, 7, frame1, sizeof frame1, sizeof frame1);
    assert_int_equal(pcapdir_text(d, "summary.txt", "second\n", err, sizeof err), 0);
    /* Staged out of sight until the commit. */
    assert_int_equal(file_size(path("out/summary.txt")), 6);
    assert_int_equal(pcapdir_commit(d, err, sizeof err), 0);
    assert_int_equal(file_size(path("out/pcap3_out.pcap")), -1); /* stale: gone */
    assert_int_equal(file_size(path("out/notes.txt")), 4);       /* not ours: kept */
    assert_int_equal(file_size(path("out/summary.txt")), 7);
    assert_int_equal(count_entries(dir), 3);
    PcapList l;
    assert_int_equal(pcapio_read(path("out/pcap1_out.pcap"), &l, err, sizeof err), 0);
    assert_int_equal(l.n, 2);
    pcapio_free(&l);

    /* An aborted run changes nothing. */
    d = pcapdir_open(dir, err, sizeof err);
    o = pcapdir_file(d, "pcap1_out.pcap", err, sizeof err);
    pcapio_add(o, 6, frame1, sizeof frame1, sizeof frame1);
    pcapdir_abort(d);
    assert_int_equal(count_entries(dir), 3);
    assert_int_equal(pcapio_read(path("out/pcap1_out.pcap"), &l, err, sizeof err), 0);
    assert_int_equal(l.n, 2);
    pcapio_free(&l);

    /* Not a directory. */
    assert_null(pcapdir_open(path("out/notes.txt"), err, sizeof err));
    assert_non_null(strstr(err, "not a directory"));
    assert_null(pcapdir_open(path("none/deeper"), err, sizeof err));
    assert_non_null(strstr(err, "cannot make the directory"));
}

static void test_owns(void **state)
{
    (void)state;
    assert_true(pcapdir_owns("pcap0_in.pcap"));
    assert_true(pcapdir_owns("pcap12_out.pcap"));
    assert_true(pcapdir_owns("pcap3_expected.pcap"));
    assert_true(pcapdir_owns("summary.txt"));
    assert_false(pcapdir_owns("pcap_in.pcap"));
    assert_false(pcapdir_owns("pcap1_in.pcapng"));
    assert_false(pcapdir_owns("pcap1x_in.pcap"));
    assert_false(pcapdir_owns("capture.pcap"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_abort),
        cmocka_unit_test(test_bad_input),  cmocka_unit_test(test_directory),
        cmocka_unit_test(test_owns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
