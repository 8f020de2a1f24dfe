/* Shifts by a compile-time known amount of a signed type (a constant
 * int<6>, a cast to int<4>, an int<8> literal of 9, which is the width or
 * more): the amount is a non-negative number like any other, on bit<8> and
 * (arithmetic right shift) int<8> values read from the packet. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header values_t {
    bit<8> a;
    int<8> b;
    bit<8> c;
    int<8> d;
}

struct headers_t {
    ethernet_t eth;
    values_t   v;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.v);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    const int<6> two = 2;
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = xin.input_port;
        hdr.v.a = hdr.v.a << two;
        hdr.v.b = hdr.v.b >> (int<4>)3;
        hdr.v.c = hdr.v.c >> 8s9;
        hdr.v.d = hdr.v.d >> 8s9;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.v);
    }
}

xdp(prs(), sw(), dep()) main;
