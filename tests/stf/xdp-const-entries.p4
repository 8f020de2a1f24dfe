/* Tables with const entries (xdp_model.p4): exact entries with a const
 * default_action; exact plus ternary keys with masked (&&&), exact and
 * don't-care values, where the first matching entry wins; a range key with
 * overlapping ranges; a non-const default the test changes with
 * setdefault. Results go into the packet. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8>  a;
    bit<16> b;
    bit<8>  r1;
    bit<8>  r2;
    bit<8>  r3;
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
    action set_r1(bit<8> v) { hdr.h.r1 = v; }
    action set_r2(bit<8> v) { hdr.h.r2 = v; }
    action set_r3(bit<8> v) { hdr.h.r3 = v; }

    table by_a {
        key = { hdr.h.a : exact; }
        actions = { set_r1; }
        const default_action = set_r1(0xee);
        const entries = {
            1 : set_r1(0x11);
            2 : set_r1(0x22);
            0xff : set_r1(0xf0);
        }
    }

    table by_ab {
        key = {
            hdr.h.a : exact;
            hdr.h.b : ternary;
        }
        actions = { set_r2; }
        default_action = set_r2(0);
        const entries = {
            (1, 0x1000 &&& 0xf000) : set_r2(1);
            (1, _)                 : set_r2(2);   /* after the masked one */
            (2, 0x0005)            : set_r2(3);   /* a plain value: all bits */
            (3, 0x00f0 &&& 0x00f0) : set_r2(4);
        }
    }

    table by_b {
        key = { hdr.h.b : range; }
        actions = { set_r3; NoAction; }
        default_action = NoAction();
        const entries = {
            0 .. 99    : set_r3(1);
            100 .. 199 : set_r3(2);
            150 .. 300 : set_r3(3);               /* 150..199 go to the entry above */
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        by_a.apply();
        by_ab.apply();
        by_b.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
