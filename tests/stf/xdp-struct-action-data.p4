/* Action data of struct type (p4c-xdp's xdp6.p4 has one): the control
 * plane writes each field ("p.a", "p.b", ...) at its place in the C struct
 * of the table's value, padding included: a at 0, b at 4, c at 8, and a
 * nested struct's fields after them. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header out_t {
    bit<8>  a;
    bit<32> b;
    bit<16> c;
    bit<8>  d;
    bit<64> e;
}

struct inner_t {
    bit<8>  d;
    bit<64> e;
}

struct params_t {
    bit<8>  a;
    bit<32> b;
    bit<16> c;
    inner_t inner;
}

struct headers_t {
    ethernet_t eth;
    out_t      o;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.o);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set(params_t p, bit<8> tag) {
        hdr.o.a = p.a ^ tag;
        hdr.o.b = p.b;
        hdr.o.c = p.c;
        hdr.o.d = p.inner.d;
        hdr.o.e = p.inner.e;
    }
    table t {
        key = { hdr.eth.ether_type : exact; }
        actions = { set; NoAction; }
        default_action = NoAction();
    }
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = xin.input_port;
        t.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.o);
    }
}

xdp(prs(), sw(), dep()) main;
