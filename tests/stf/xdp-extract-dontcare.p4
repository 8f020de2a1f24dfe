/* extract<H>(_) (spec "Don't care": an out argument that is discarded):
 * the header's bytes are checked and skipped, a packet too short for them
 * is rejected. The backend once refused it (corpus issue774-4-bmv2). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header skip_t {
    bit<24> x;
}

header b_t {
    bit<8> b;
}

struct headers_t {
    eth_t eth;
    b_t   b;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract<skip_t>(_);
        pkt.extract(hdr.b);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_DROP;
        if (hdr.b.isValid()) {
            hdr.b.b = hdr.b.b + 1;
            xout.output_action = xdp_action.XDP_TX;
        }
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.b);
    }
}

xdp(P(), C(), D()) main;
