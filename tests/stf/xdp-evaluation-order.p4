/* Calls inside expressions (spec "Expression evaluation order" and
 * "Calling convention"): operands are evaluated left to right, a call's
 * inout argument is written back before the next operand is read, `&&`,
 * `||` and `?:` evaluate a later operand only when they need it, and a
 * function the midend cannot inline (a return inside a loop) still copies
 * its inout argument in and out. h.op picks the case. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> op;
    bit<8> a;
    bit<8> b;
    bit<8> c;
}

struct headers_t {
    eth_t eth;
    h_t   h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

bit<8> bump(inout bit<8> x) {
    x = x + 1;
    return x;
}

/* The index of the first zero nibble from the bottom, shifting t. */
bit<8> zero_nibble(inout bit<16> t) {
    for (bit<8> i = 0; i < 4; i = i + 1) {
        if (t & 0xf == 0) {
            return i;
        }
        t = t >> 4;
    }
    return 0xff;
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
        if (hdr.h.op == 1) {
            hdr.h.c = hdr.h.a + bump(hdr.h.a);
        } else if (hdr.h.op == 2) {
            if (hdr.h.a == 0 && bump(hdr.h.b) == 1) {
                hdr.h.c = 0xaa;
            }
        } else if (hdr.h.op == 3) {
            if (hdr.h.a == 0 || bump(hdr.h.b) == 1) {
                hdr.h.c = 0xbb;
            }
        } else if (hdr.h.op == 4) {
            hdr.h.c = hdr.h.a != 0 ? bump(hdr.h.b) : bump(hdr.h.a);
        } else if (hdr.h.op == 5) {
            hdr.h.c = bump(hdr.h.a) * 16 + bump(hdr.h.a);
        } else if (hdr.h.op == 6) {
            hdr.h.c = zero_nibble(hdr.eth.type);
        } else if (hdr.h.op == 7) {
            hdr.h.c = 0x10;
            hdr.h.c = hdr.h.c + bump(hdr.h.c);
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
