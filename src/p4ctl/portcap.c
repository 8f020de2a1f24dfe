/* Packets per port, as capture files; see portcap.h. */
#include "portcap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapio.h"

typedef struct {
    uint64_t ts_ns;
    uint8_t *data;
    size_t len;
} Packet;

typedef struct {
    uint32_t port;
    Packet *pkts[PORTCAP_KINDS];
    size_t n[PORTCAP_KINDS];
} Port;

struct Portcap {
    Port *ports; /* ascending by port */
    size_t nports;
    uint32_t *numbers; /* portcap_ports' answer, until the next call */
};

Portcap *portcap_new(void)
{
    Portcap *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    return c;
}

void portcap_free(Portcap *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nports; i++) {
        for (int k = 0; k < PORTCAP_KINDS; k++) {
            for (size_t j = 0; j < c->ports[i].n[k]; j++)
                free(c->ports[i].pkts[k][j].data);
            free(c->ports[i].pkts[k]);
        }
    }
    free(c->ports);
    free(c->numbers);
    free(c);
}

static Port *find(Portcap *c, uint32_t port)
{
    size_t i = 0;
    while (i < c->nports && c->ports[i].port < port)
        i++;
    if (i < c->nports && c->ports[i].port == port)
        return &c->ports[i];
    c->ports = realloc(c->ports, (c->nports + 1) * sizeof *c->ports);
    if (!c->ports)
        abort();
    memmove(&c->ports[i + 1], &c->ports[i], (c->nports - i) * sizeof *c->ports);
    c->nports++;
    memset(&c->ports[i], 0, sizeof c->ports[i]);
    c->ports[i].port = port;
    return &c->ports[i];
}

void portcap_port(Portcap *c, uint32_t port)
{
    find(c, port);
}

void portcap_add(Portcap *c, PortcapKind k, uint32_t port, uint64_t ts_ns, const uint8_t *data,
                 size_t len)
{
    Port *p = find(c, port);
    p->pkts[k] = realloc(p->pkts[k], (p->n[k] + 1) * sizeof *p->pkts[k]);
    uint8_t *copy = malloc(len ? len : 1);
    if (!p->pkts[k] || !copy)
        abort();
    memcpy(copy, data, len);
    p->pkts[k][p->n[k]++] = (Packet){ts_ns, copy, len};
}

size_t portcap_count(const Portcap *c, PortcapKind k, uint32_t port)
{
    for (size_t i = 0; i < c->nports; i++)
        if (c->ports[i].port == port)
            return c->ports[i].n[k];
    return 0;
}

const uint32_t *portcap_ports(Portcap *c, size_t *n)
{
    free(c->numbers);
    c->numbers = calloc(c->nports ? c->nports : 1, sizeof *c->numbers);
    if (!c->numbers)
        abort();
    for (size_t i = 0; i < c->nports; i++)
        c->numbers[i] = c->ports[i].port;
    *n = c->nports;
    return c->numbers;
}

int portcap_write(const Portcap *c, const char *dir, unsigned kinds, const char *summary,
                  char *err, size_t errlen)
{
    static const char *const suffix[PORTCAP_KINDS] = {"in", "out", "expected"};
    PcapDir *d = pcapdir_open(dir, err, errlen);
    if (!d)
        return -1;
    for (size_t i = 0; i < c->nports; i++) {
        const Port *p = &c->ports[i];
        for (int k = 0; k < PORTCAP_KINDS; k++) {
            if (!(kinds & (1u << k)))
                continue;
            char name[64];
            snprintf(name, sizeof name, "pcap%u_%s.pcap", p->port, suffix[k]);
            PcapOut *o = pcapdir_file(d, name, err, errlen);
            if (!o) {
                pcapdir_abort(d);
                return -1;
            }
            for (size_t j = 0; j < p->n[k]; j++)
                pcapio_add(o, p->pkts[k][j].ts_ns, p->pkts[k][j].data,
                           (uint32_t)p->pkts[k][j].len, (uint32_t)p->pkts[k][j].len);
        }
    }
    if (summary && pcapdir_text(d, "summary.txt", summary, err, errlen) < 0) {
        pcapdir_abort(d);
        return -1;
    }
    return pcapdir_commit(d, err, errlen);
}
