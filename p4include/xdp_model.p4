/*
 * xdp_model.p4 -- the XDP switch architecture (p4c-xdp compatible).
 *
 * The program runs as an XDP hook in the kernel driver: a parser, one control
 * block that picks an XDP verdict (and an output port for redirects), and a
 * deparser that writes the possibly modified headers back into the frame.
 * The eBPF filter architecture of ebpf_model.p4 stays available too.
 *
 * The declarations match those of p4c-xdp (and p4c's copy of this file).
 * p4cc adds the match kinds `range` and `optional`; programs written for
 * p4c-xdp do not declare them themselves, so they compile unchanged.
 */

#ifndef _XDP_MODEL_P4
#define _XDP_MODEL_P4

#include <core.p4>
#include <ebpf_model.p4>

/* Extra match kinds (a p4cc extension): `range` matches lo..hi intervals,
 * `optional` is either an exact match or a wildcard. */
match_kind {
    range,
    optional
}

/* The verdict returned to the XDP hook. */
enum xdp_action {
    XDP_ABORTED,  // error: drop the frame and raise the xdp_exception trace
    XDP_DROP,     // drop the frame
    XDP_PASS,     // hand the frame to the kernel network stack
    XDP_TX,       // bounce the frame out of the port it came in on
    XDP_REDIRECT  // transmit on another port (output_port)
}

/* Supplied to the switch control. */
struct xdp_input {
    bit<32> input_port;       // ifindex of the receiving device
}

/* Filled in by the switch control. */
struct xdp_output {
    xdp_action output_action;
    bit<32> output_port;      // used with XDP_REDIRECT
}

/* Full IPv4 header checksum over the given header fields. */
extern bit<16> ebpf_ipv4_checksum(in bit<4> version, in bit<4> ihl, in bit<8> diffserv,
                                  in bit<16> totalLen, in bit<16> identification, in bit<3> flags,
                                  in bit<13> fragOffset, in bit<8> ttl, in bit<8> protocol,
                                  in bit<32> srcAddr, in bit<32> dstAddr);

/* Incremental checksum update (RFC 1624): return csum adjusted for a field
 * that changed from old to new; 16-bit and 32-bit field variants. */
extern bit<16> csum_replace2(in bit<16> csum,
                             in bit<16> old,
                             in bit<16> new);

extern bit<16> csum_replace4(in bit<16> csum,
                             in bit<32> old,
                             in bit<32> new);

/* Thin wrappers over eBPF helpers: send a perf event to user space, and
 * read the kernel monotonic clock in nanoseconds (truncated to 32 bits). */
extern bit<32> BPF_PERF_EVENT_OUTPUT();
extern bit<32> BPF_KTIME_GET_NS();

/* The three programmable blocks. */
parser xdp_parse<H>(packet_in packet, out H headers);
control xdp_switch<H>(inout H headers, in xdp_input imd, out xdp_output omd);
control xdp_deparse<H>(in H headers, packet_out packet);

/* Top-level package: `xdp(prs(), sw(), dep()) main;`. */
package xdp<H>(xdp_parse<H> p, xdp_switch<H> s, xdp_deparse<H> d);

#endif  /* _XDP_MODEL_P4 */
