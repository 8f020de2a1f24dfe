/* Capture files through libpcap; see pcapio.h. */
#include "pcapio.h"

#include <dirent.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void *xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size);
    if (!q)
        abort();
    return q;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    return s;
}

/* ----------------------------------------------------------------- reading */

/* Why libpcap would not open PATH, in words that say what the file is. */
static void open_error(const char *path, const char *ebuf, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0)
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        snprintf(err, errlen, "%s: is a directory, not a capture file", path);
    else if (strstr(ebuf, "truncated"))
        snprintf(err, errlen, "%s: cut short: not even a whole pcap file header (libpcap: %s)",
                 path, ebuf);
    else
        snprintf(err, errlen, "%s: not a pcap or pcapng file (libpcap: %s)", path, ebuf);
}

int pcapio_read(const char *path, PcapList *list, char *err, size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    memset(list, 0, sizeof *list);
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    if (!p) {
        open_error(path, ebuf, err, errlen);
        return -1;
    }
    int dlt = pcap_datalink(p), r, status = 0;
    if (dlt != DLT_EN10MB) {
        const char *name = pcap_datalink_val_to_name(dlt);
        const char *what = pcap_datalink_val_to_description(dlt);
        snprintf(err, errlen, "%s: link type %s (%s), not Ethernet: only Ethernet frames "
                              "can be run through a program",
                 path, name ? name : "unknown", what ? what : "unknown");
        pcap_close(p);
        return -1;
    }
    struct pcap_pkthdr *h;
    const u_char *bytes;
    size_t room = 0;
    while ((r = pcap_next_ex(p, &h, &bytes)) == 1) {
        if (h->caplen < h->len) {
            snprintf(err, errlen, "%s: packet %zu was captured cut short (%u of its %u bytes, "
                                  "a snap length of %d): it cannot be run whole",
                     path, list->n + 1, h->caplen, h->len, pcap_snapshot(p));
            status = -1;
            break;
        }
        if (list->n == room) {
            room = room ? room * 2 : 64;
            list->pkts = realloc(list->pkts, room * sizeof *list->pkts);
            if (!list->pkts)
                abort();
        }
        PcapPacket *k = &list->pkts[list->n++];
        /* With nanosecond precision, tv_usec holds nanoseconds. */
        k->ts_ns = (uint64_t)h->ts.tv_sec * 1000000000u + (uint64_t)h->ts.tv_usec;
        k->len = h->len;
        k->caplen = h->caplen;
        k->data = xcalloc(h->caplen, 1);
        memcpy(k->data, bytes, h->caplen);
    }
    if (status == 0 && r == PCAP_ERROR) {
        snprintf(err, errlen, "%s: cut short after %zu whole packets (libpcap: %s)", path,
                 list->n, pcap_geterr(p));
        status = -1;
    }
    pcap_close(p);
    return status;
}

void pcapio_free(PcapList *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->pkts[i].data);
    free(list->pkts);
    memset(list, 0, sizeof *list);
}

/* ----------------------------------------------------------------- writing */

struct PcapOut {
    char *path, *tmp;
    pcap_t *dead;
    pcap_dumper_t *dumper;
    FILE *f;
    size_t count;
};

static void out_free(PcapOut *o)
{
    free(o->path);
    free(o->tmp);
    free(o);
}

PcapOut *pcapio_create(const char *path, uint32_t snaplen, char *err, size_t errlen)
{
    PcapOut *o = xcalloc(1, sizeof *o);
    const char *slash = strrchr(path, '/');
    o->path = xasprintf("%s", path);
    o->tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
                   : xasprintf(".%s.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        out_free(o);
        return NULL;
    }
    /* mkstemp makes the file 0600; a capture is as readable as any file. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "wb"))) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        out_free(o);
        return NULL;
    }
    o->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, (int)snaplen,
                                                   PCAP_TSTAMP_PRECISION_NANO);
    o->dumper = o->dead ? pcap_dump_fopen(o->dead, o->f) : NULL;
    if (!o->dumper) {
        snprintf(err, errlen, "cannot write %s: %s", path,
                 o->dead ? pcap_geterr(o->dead) : "libpcap cannot make a pcap writer");
        if (o->dead)
            pcap_close(o->dead);
        fclose(o->f);
        unlink(o->tmp);
        out_free(o);
        return NULL;
    }
    return o;
}

void pcapio_add(PcapOut *o, uint64_t ts_ns, const uint8_t *data, uint32_t caplen, uint32_t len)
{
    struct pcap_pkthdr h = {.caplen = caplen, .len = len};
    h.ts.tv_sec = (time_t)(ts_ns / 1000000000u);
    h.ts.tv_usec = (suseconds_t)(ts_ns % 1000000000u); /* nanoseconds in a NANO file */
    pcap_dump((u_char *)o->dumper, &h, data);
    o->count++;
}

size_t pcapio_count(const PcapOut *o)
{
    return o->count;
}

int pcapio_commit(PcapOut *o, char *err, size_t errlen)
{
    /* pcap_dump reports nothing: a failed write shows in the stream. */
    int bad = pcap_dump_flush(o->dumper) != 0 || ferror(o->f);
    int e = errno;
    if (!bad && fsync(fileno(o->f)) != 0) {
        bad = 1;
        e = errno;
    }
    pcap_dump_close(o->dumper); /* closes the stream */
    pcap_close(o->dead);
    if (!bad && rename(o->tmp, o->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(e ? e : EIO));
        unlink(o->tmp);
    }
    out_free(o);
    return bad ? -1 : 0;
}

void pcapio_abort(PcapOut *o)
{
    if (!o)
        return;
    pcap_dump_close(o->dumper);
    pcap_close(o->dead);
    unlink(o->tmp);
    out_free(o);
}

/* ------------------------------------------------------------ directories */

struct PcapDir {
    char *dir, *stage;
    char **names; /* staged files, by name */
    PcapOut **outs; /* NULL for text files */
    size_t n;
};

bool pcapdir_owns(const char *name)
{
    if (strcmp(name, "summary.txt") == 0)
        return true;
    if (strncmp(name, "pcap", 4) != 0)
        return false;
    const char *p = name + 4;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return strcmp(p, "_in.pcap") == 0 || strcmp(p, "_out.pcap") == 0 ||
           strcmp(p, "_expected.pcap") == 0;
}

PcapDir *pcapdir_open(const char *dir, char *err, size_t errlen)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot make the directory %s: %s", dir, strerror(errno));
        return NULL;
    }
    if (stat(dir, &st) != 0) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a directory", dir);
        return NULL;
    }
    PcapDir *d = xcalloc(1, sizeof *d);
    d->dir = xasprintf("%s", dir);
    d->stage = xasprintf("%s/.p4ctl.XXXXXX", dir);
    if (!mkdtemp(d->stage)) {
        snprintf(err, errlen, "cannot write into %s: %s", dir, strerror(errno));
        free(d->stage);
        free(d->dir);
        free(d);
        return NULL;
    }
    return d;
}

static void add_name(PcapDir *d, const char *name, PcapOut *o)
{
    d->names = realloc(d->names, (d->n + 1) * sizeof *d->names);
    d->outs = realloc(d->outs, (d->n + 1) * sizeof *d->outs);
    if (!d->names || !d->outs)
        abort();
    d->names[d->n] = xasprintf("%s", name);
    d->outs[d->n++] = o;
}

PcapOut *pcapdir_file(PcapDir *d, const char *name, char *err, size_t errlen)
{
    char *path = xasprintf("%s/%s", d->stage, name);
    PcapOut *o = pcapio_create(path, 262144, err, errlen);
    free(path);
    if (o)
        add_name(d, name, o);
    return o;
}

int pcapdir_text(PcapDir *d, const char *name, const char *text, char *err, size_t errlen)
{
    char *path = xasprintf("%s/%s", d->stage, name);
    FILE *f = fopen(path, "w");
    int bad = !f || fputs(text, f) == EOF;
    int e = errno;
    if (f && fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, errlen, "cannot write %s/%s: %s", d->dir, name, strerror(e));
        unlink(path);
    } else {
        add_name(d, name, NULL);
    }
    free(path);
    return bad ? -1 : 0;
}

static bool staged(const PcapDir *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->names[i], name) == 0)
            return true;
    return false;
}

/* Remove what is left in the stage and the stage; free D. */
static void dir_free(PcapDir *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *path = xasprintf("%s/%s", d->stage, d->names[i]);
        unlink(path);
        free(path);
        free(d->names[i]);
    }
    rmdir(d->stage);
    free(d->names);
    free(d->outs);
    free(d->stage);
    free(d->dir);
    free(d);
}

int pcapdir_commit(PcapDir *d, char *err, size_t errlen)
{
    int status = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->outs[i] && status == 0)
            status = pcapio_commit(d->outs[i], err, errlen);
        else if (d->outs[i])
            pcapio_abort(d->outs[i]);
        d->outs[i] = NULL;
    }
    if (status == 0) {
        /* Files of an earlier run that this one did not write would be
         * taken for its results. */
        DIR *dir = opendir(d->dir);
        struct dirent *e;
        while (dir && (e = readdir(dir)) != NULL) {
            if (!pcapdir_owns(e->d_name) || staged(d, e->d_name))
                continue;
            char *path = xasprintf("%s/%s", d->dir, e->d_name);
            if (unlink(path) != 0 && status == 0) {
                snprintf(err, errlen, "cannot remove %s, from an earlier run: %s", path,
                         strerror(errno));
                status = -1;
            }
            free(path);
        }
        if (dir)
            closedir(dir);
    }
    for (size_t i = 0; i < d->n && status == 0; i++) {
        char *from = xasprintf("%s/%s", d->stage, d->names[i]);
        char *to = xasprintf("%s/%s", d->dir, d->names[i]);
        if (rename(from, to) != 0) {
            snprintf(err, errlen, "cannot write %s: %s", to, strerror(errno));
            status = -1;
        }
        free(from);
        free(to);
    }
    dir_free(d);
    return status;
}

void pcapdir_abort(PcapDir *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        pcapio_abort(d->outs[i]);
    dir_free(d);
}
