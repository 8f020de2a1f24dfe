/* Action data of const entries (xdp_model.p4): an action whose first
 * parameter is bound in the actions list (in) and whose second comes from
 * the entry, bool and signed parameters, entries of one action with
 * different data, a table whose entries pass a bit<128> argument, and
 * range keys (one value, from 0, inner and top ranges). The defaults are
 * not const: the control plane may change them. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8>   a;
    bit<8>   r1;
    bit<8>   r2;
    bit<8>   r3;
    bit<128> w;
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
    action mix(in bit<8> x, bit<8> v) { hdr.h.r1 = x ^ v; }
    action signed_or_zero(bool use, int<8> d) { hdr.h.r2 = use ? (bit<8>)d : 0; }
    action set_w(bit<128> v) { hdr.h.w = v; }
    action set_r3(bit<8> v) { hdr.h.r3 = v; }

    table t1 {
        key = { hdr.h.a : exact; }
        actions = { mix(hdr.h.a); NoAction; }
        default_action = NoAction();
        const entries = {
            1 : mix(hdr.h.a, 0x10);
            2 : mix(hdr.h.a, 0x20);
        }
    }

    table t2 {
        key = { hdr.h.a : ternary; }
        actions = { signed_or_zero; }
        default_action = signed_or_zero(true, 7);
        const entries = {
            0x01 &&& 0x0f : signed_or_zero(true, -3);
            0x02 &&& 0x0f : signed_or_zero(false, 5);
        }
    }

    table t3 {
        key = { hdr.h.a : exact; }
        actions = { set_w; NoAction; }
        default_action = NoAction();
        const entries = {
            2 : set_w(0x0102030405060708090a0b0c0d0e0f10);
        }
    }

    table t4 {
        key = { hdr.h.a : range; }
        actions = { set_r3; NoAction; }
        default_action = NoAction();
        const entries = {
            5 .. 5       : set_r3(1);
            0 .. 3       : set_r3(2);
            10 .. 20     : set_r3(3);
            0xf0 .. 0xff : set_r3(4);
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        t1.apply();
        t2.apply();
        t3.apply();
        t4.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
