/* Saturating arithmetic on 64-bit values, whose exact result does not fit
 * the 64-bit integers the C computes in: bit<64> |+| saturates at
 * 2^64 - 1 (and |-| at 0), int<64> |+| and |-| at -2^63 and 2^63 - 1. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<64> a;
    bit<64> b;
    int<64> sa;
    int<64> sb;
    bit<64> add;    /* a |+| b */
    bit<64> sub;    /* a |-| b */
    int<64> sadd;   /* sa |+| sb */
    int<64> ssub;   /* sa |-| sb */
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.h.add = hdr.h.a |+| hdr.h.b;
        hdr.h.sub = hdr.h.a |-| hdr.h.b;
        hdr.h.sadd = hdr.h.sa |+| hdr.h.sb;
        hdr.h.ssub = hdr.h.sa |-| hdr.h.sb;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
