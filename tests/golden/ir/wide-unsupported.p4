/* What the XDP backend does not compute on values wider than 64 bits:
 * signed int<W>, widths that are not a multiple of 8, a wide select key
 * (division and modulo by a run-time divisor are refused by the checker
 * for every width). A function returning a wide value is inlined, so it
 * compiles. */
#include <core.p4>
#include <xdp_model.p4>

header h_t {
    bit<128> a;
    bit<128> b;
    bit<128> r;
    bit<100> odd;
    bit<4>   pad;
    int<96>  s;
}

struct headers_t {
    h_t h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.h);
        transition select(hdr.h.a + 1) {
            1: accept;
            default: accept;
        }
    }
}

bit<128> twice(in bit<128> x) {
    return x + x;
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.h.s = hdr.h.s + 1;
        hdr.h.odd = hdr.h.odd + 1;
        hdr.h.r = twice(hdr.h.a) + 1;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
