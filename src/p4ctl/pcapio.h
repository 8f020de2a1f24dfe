/* Packet capture files, through libpcap: reading a whole file of Ethernet
 * frames (p4ctl run's input), and writing files that appear whole or not
 * at all (a file is written under a temporary name beside its final one
 * and renamed when complete; a directory of them is committed at once).
 * No printing: errors come back as text in ERR. */
#ifndef P4CTL_PCAPIO_H
#define P4CTL_PCAPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t ts_ns;  /* the time stamp, ns since the epoch */
    uint32_t len;    /* the packet's length on the wire */
    uint32_t caplen; /* the bytes in DATA (less than LEN: captured cut short) */
    uint8_t *data;
} PcapPacket;

typedef struct {
    PcapPacket *pkts;
    size_t n;
} PcapList;

/* Every packet of the pcap or pcapng file PATH. Refused with a message
 * naming PATH: a file libpcap cannot read as a capture, one whose link
 * type is not Ethernet, one cut short (a truncated last record), and
 * packets captured cut short (caplen < len: they cannot be replayed).
 * Returns 0, or -1 with ERR set; either way pcapio_free LIST. */
int pcapio_read(const char *path, PcapList *list, char *err, size_t errlen);
void pcapio_free(PcapList *list);

/* A pcap file being written (Ethernet, nanosecond time stamps): its
 * packets go to a temporary file beside PATH, which pcapio_commit renames
 * to PATH once everything is written and flushed. */
typedef struct PcapOut PcapOut;

/* SNAPLEN: the longest packet the file says it holds. NULL with ERR set
 * when the temporary file cannot be made. */
PcapOut *pcapio_create(const char *path, uint32_t snaplen, char *err, size_t errlen);
/* Append a packet: CAPLEN bytes of DATA, of a packet LEN bytes long. */
void pcapio_add(PcapOut *o, uint64_t ts_ns, const uint8_t *data, uint32_t caplen, uint32_t len);
size_t pcapio_count(const PcapOut *o);
/* Flush, check that every write succeeded, rename into place, free O.
 * Returns 0, or -1 with ERR set (the temporary file then removed). */
int pcapio_commit(PcapOut *o, char *err, size_t errlen);
/* Remove the temporary file and free O (NULL: nothing). */
void pcapio_abort(PcapOut *o);

/* A directory of output files (p4ctl test --pcap-dir, p4ctl run --out),
 * replaced as a whole: files are staged in a temporary directory inside
 * DIR, and pcapdir_commit removes DIR's files of the names p4ctl writes
 * (pcapN_in.pcap, pcapN_out.pcap, pcapN_expected.pcap, summary.txt) that
 * this run did not write, then moves the new ones in. DIR is created
 * when it does not exist (its parent must). */
typedef struct PcapDir PcapDir;

PcapDir *pcapdir_open(const char *dir, char *err, size_t errlen);
/* A pcap file NAME (no '/') in the directory; the PcapDir owns it. */
PcapOut *pcapdir_file(PcapDir *d, const char *name, char *err, size_t errlen);
/* A text file NAME holding TEXT. Returns 0, or -1 with ERR set. */
int pcapdir_text(PcapDir *d, const char *name, const char *text, char *err, size_t errlen);
/* Returns 0, or -1 with ERR set (nothing then changed in DIR); frees D. */
int pcapdir_commit(PcapDir *d, char *err, size_t errlen);
/* Drop what was staged and free D (NULL: nothing). */
void pcapdir_abort(PcapDir *d);

/* Whether NAME is a file name pcapdir_commit owns in a directory. */
bool pcapdir_owns(const char *name);

#endif
