/* The packets of a run per port, written as capture files with p4c's
 * names (pcap{PORT}_in.pcap, pcap{PORT}_out.pcap, and for p4ctl test
 * pcap{PORT}_expected.pcap), so that a run can be opened in tcpdump or
 * Wireshark and an STF test's packets replayed with p4ctl run. */
#ifndef P4CTL_PORTCAP_H
#define P4CTL_PORTCAP_H

#include <stddef.h>
#include <stdint.h>

typedef enum { PORTCAP_IN, PORTCAP_OUT, PORTCAP_EXPECTED, PORTCAP_KINDS } PortcapKind;

typedef struct Portcap Portcap;

Portcap *portcap_new(void);
void portcap_free(Portcap *c);

/* Record a packet of kind K on PORT (copied). */
void portcap_add(Portcap *c, PortcapKind k, uint32_t port, uint64_t ts_ns, const uint8_t *data,
                 size_t len);
/* Make PORT one that gets files even with no packets (an input port of
 * p4ctl run, whose empty pcapN_out.pcap says that nothing came out). */
void portcap_port(Portcap *c, uint32_t port);

/* How many packets of kind K were recorded on PORT. */
size_t portcap_count(const Portcap *c, PortcapKind k, uint32_t port);
/* The ports recorded, ascending (N of them; valid until the next call). */
const uint32_t *portcap_ports(Portcap *c, size_t *n);

/* Write, for every port recorded, a file of each kind in KINDS (a bit
 * set of 1 << PortcapKind) into DIR, plus SUMMARY as summary.txt when it
 * is not NULL; replaces earlier results there as a whole (pcapio.h's
 * PcapDir). Returns 0, or -1 with ERR set and nothing changed. */
int portcap_write(const Portcap *c, const char *dir, unsigned kinds, const char *summary,
                  char *err, size_t errlen);

#endif
