/* The deparser writes back only what changed when headers stay where the
 * parser found them, and everything when they do not: a header the parser
 * extracts but the deparser does not emit (the packet start moves), an
 * inner and an outer tag emitted in the other order, a field the parser
 * itself assigns, and a field the control assigns. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<16> tci;
    bit<16> type;
}

struct headers_t {
    eth_t eth;
    tag_t outer;
    tag_t inner;
    tag_t gone;   // extracted, never emitted
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x8100: outer;
            0x88a8: outer;
            0x88b5: gone;
            default: accept;
        }
    }
    state outer {
        pkt.extract(hdr.outer);
        /* The parser's own write: the priority bits are cleared. */
        hdr.outer.tci = hdr.outer.tci & 0x0fff;
        transition select(hdr.outer.type) {
            0x8100: inner;
            default: accept;
        }
    }
    state gone {
        pkt.extract(hdr.gone);
        transition accept;
    }
    state inner {
        pkt.extract(hdr.inner);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (hdr.eth.type == 0x88a8) {
            hdr.eth.src = 0xaaaaaaaaaaaa;
        }
    }
}

/* Two tags come out swapped; `gone` does not come out. */
control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.inner);
        pkt.emit(hdr.outer);
    }
}

xdp(P(), C(), D()) main;
