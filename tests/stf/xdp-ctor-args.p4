/* Constructor parameters (spec "Constructor parameters"): each instance's
 * copy of the control has its constructor's values in: numbers, a flag,
 * and a control instance passed to another (which applies it twice); the
 * switch control's own constructor argument, given where the package is
 * instantiated. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> f;
    bit<8> g;
    bit<8> k;
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

control Step(inout bit<8> x);

control Add(inout bit<8> x)(bit<8> amount, bool twice) {
    apply {
        x = x + amount;
        if (twice) {
            x = x + amount;
        }
    }
}

control Double(inout bit<8> x)(Step inner) {
    apply {
        inner.apply(x);
        inner.apply(x);
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout)(bit<8> mark) {
    Add(3, false) add3;
    Add(8w5, true) add10;
    Add(1, false) one;
    Double(one) two;
    apply {
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
        add3.apply(hdr.h.f);
        add10.apply(hdr.h.g);
        two.apply(hdr.h.k);
        hdr.eth.type = hdr.eth.type + (bit<16>)mark;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(8w0x10), dep()) main;
