/* A network for packet tests that must run on the path real traffic takes
 * (multicast: this kernel cannot run redirects under BPF_PROG_TEST_RUN's
 * live frames): a private network namespace, entered by this thread, with
 * a veth pair per P4 port: "portN", which the pipeline runs on, and
 * "hostN", where the test sends the port's packets in and sees what leaves
 * the port. The namespace goes away with its veths when testnet_close
 * leaves it. */
#ifndef P4CTL_TESTNET_H
#define P4CTL_TESTNET_H

#include <stddef.h>
#include <stdint.h>

#include "p4rt.h"

typedef struct TestNet TestNet;

/* Enter a new network namespace and make a veth pair per port of PORTS
 * (N of them, each < 65536; duplicates allowed). NULL with ERR set when
 * that is not possible; *NOT_PERMITTED then tells missing privileges. */
TestNet *testnet_open(const uint32_t *ports, size_t n, char *err, size_t err_size,
                      int *not_permitted);

/* Make every portN port N of P, attached natively. 0, or -1 with ERR. */
int testnet_attach(TestNet *t, p4rt_pipeline *p, char *err, size_t err_size);

/* Send LEN bytes into port PORT (from hostN). 0, or -1 with ERR. */
int testnet_send(TestNet *t, uint32_t port, const uint8_t *pkt, size_t len, char *err,
                 size_t err_size);

/* The next packet that left a port, waiting up to TIMEOUT_MS: 1 with
 * *PORT, *DATA (malloc'ed) and *LEN; 0 when none came; -1 with ERR. */
int testnet_recv(TestNet *t, int timeout_ms, uint32_t *port, uint8_t **data, size_t *len,
                 char *err, size_t err_size);

/* Back to the namespace the thread was in; the test's one disappears. */
void testnet_close(TestNet *t);

#endif
