/* Directional arguments bound in a table's actions list (the spec's
 * "Table properties", action references with arguments): an out or inout
 * argument bound to a header field or a local is written by the action the
 * table runs, and the deparser writes the changed field back. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> r1;
    bit<8> r2;
}

struct headers_t {
    eth_t eth;
    h_t   h;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    bit<8> seen = 0;

    action put(out bit<8> r, bit<8> v) {
        r = v;
    }

    action bump(inout bit<8> r, inout bit<8> copy) {
        r = r + 1;
        copy = r;
    }

    table t {
        key = { hdr.eth.type : exact; }
        actions = { put(hdr.h.r1); bump(hdr.h.r2, seen); NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        t.apply();
        if (seen != 0) {
            hdr.eth.dst = (bit<48>)seen;
        }
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(P(), C(), D()) main;
