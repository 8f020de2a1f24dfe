/* Operators whose C names an operand more than once (|+|, |-|, shifts by
 * a run-time amount) with operands that are not plain fields: each operand
 * is computed once, and the left one before the right one. f() increments
 * its inout argument, so running it twice (as repeating the operand's text
 * did) or reading x after it shows in the packet. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8> a;
    bit<8> b;
    bit<8> c;
    bit<8> n;
    int<8> s;
    bit<8> sum_sat;     /* (a + b) |+| (a + c) */
    bit<8> diff_sat;    /* a |-| (b + c) */
    bit<8> shl;         /* (a + 1) << (n + 1) */
    int<8> sar;         /* (s + s) >> (n & 7) */
    int<8> ssum;        /* (s + 1) |+| s */
    bit<8> x;           /* b, after f() ran (or not) */
    bit<8> hit;         /* a == 0 || (x |+| f(x)) == 2 * b + 1 */
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

bit<8> f(inout bit<8> v) {
    v = v + 1;
    return v;
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
        bit<8> a = hdr.h.a;
        bit<8> b = hdr.h.b;
        bit<8> c = hdr.h.c;
        bit<8> n = hdr.h.n;
        int<8> s = hdr.h.s;
        hdr.h.sum_sat = (a + b) |+| (a + c);
        hdr.h.diff_sat = a |-| (b + c);
        hdr.h.shl = (a + 1) << (n + 1);
        hdr.h.sar = (s + s) >> (n & 7);
        hdr.h.ssum = (s + 1) |+| s;
        bit<8> x = b;
        if (a == 0 || (x |+| f(x)) == 2 * b + 1)
            hdr.h.hit = 1;
        else
            hdr.h.hit = 0;
        hdr.h.x = x;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
