/* Headers the parser finds at a fixed offset are moved by the deparser
 * through constant addresses (emit_parser.c, find_static_offsets); a
 * header behind an optional one is found at 14 or at 18 and must be read
 * where this packet has it. Both move when a header in front of them is
 * removed or added. */
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

header body_t {
    bit<8>  op;
    bit<24> data;
}

struct headers_t {
    eth_t  eth;
    tag_t  tag;
    tag_t  added;
    body_t body;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x8100: tagged;
            0x0101: body;
            default: accept;
        }
    }
    state tagged {
        pkt.extract(hdr.tag);
        transition select(hdr.tag.type) {
            0x0101: body;
            default: accept;
        }
    }
    state body {
        pkt.extract(hdr.body);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!hdr.body.isValid())
            return;
        if (hdr.body.op == 1) {
            /* The tag goes: body (at 18) moves up to 14. */
            if (hdr.tag.isValid())
                hdr.eth.type = hdr.tag.type;
            hdr.tag.setInvalid();
        } else if (hdr.body.op == 2) {
            /* A tag is added in front of the body (at 14 or 18). */
            hdr.added.setValid();
            hdr.added.tci = 0x0fed;
            hdr.added.type = 0x0101;
            if (hdr.tag.isValid())
                hdr.tag.type = 0x8100;
            else
                hdr.eth.type = 0x8100;
        }
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.tag);
        pkt.emit(hdr.added);
        pkt.emit(hdr.body);
    }
}

xdp(P(), C(), D()) main;
