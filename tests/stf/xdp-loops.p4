/* for loops (spec "For statement"): the 3-clause form with two init
 * declarations and two updates; for-in over a header stack, over a range
 * (both ends included, a run-time end, an empty range, the whole of
 * bit<8>) and over a list; break and continue, also from inside a switch
 * in the loop body (emit_stmt.c, emit_for / emit_for_in). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header head_t {
    bit<8>  cnt;
    bit<8>  n;
    bit<16> h1;
    bit<32> sum;
    bit<16> rsum;
    bit<8>  lsum;
    bit<16> full;
    bit<8>  sw;
}

header elem_t {
    bit<32> x;
}

struct headers_t {
    eth_t     eth;
    head_t    head;
    elem_t[4] stack;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.head);
        transition stack;
    }
    state stack {
        pkt.extract(hdr.stack.next);
        transition select(hdr.stack.lastIndex) {
            3: accept;
            default: stack;
        }
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        for (bit<8> v = 0, bit<16> x = 1; v < hdr.head.cnt; v = v + 1, x = x << 1) {
            hdr.head.h1 = hdr.head.h1 + x;
        }
        for (elem_t e in hdr.stack) {
            hdr.head.sum = hdr.head.sum + e.x;
        }
        for (bit<8> i in 1 .. hdr.head.n) {
            if (i == 3)
                continue;
            if (i == 7)
                break;
            hdr.head.rsum = hdr.head.rsum + (bit<16>)i;
        }
        for (bit<8> i in { 8w1, 8w2, 8w4 }) {
            if (i == 2)
                continue;
            hdr.head.lsum = hdr.head.lsum + i;
        }
        bit<16> count = 0;
        for (bit<8> i in 0 .. 255) {
            count = count + 1;
        }
        hdr.head.full = count;
        for (bit<8> i = 0; i < 10; i = i + 1) {
            switch (i) {
                4: { break; }
                default: { hdr.head.sw = hdr.head.sw + 1; }
            }
        }
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.head);
        pkt.emit(hdr.stack);
    }
}

xdp(P(), C(), D()) main;
