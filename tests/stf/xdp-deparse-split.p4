/* Headers that only the control adds (never extracted) get a copy of the
 * deparser per validity, for the first two of them (emit_deparser.c,
 * emit_deparser_split); the third is tested at run time in every copy.
 * Each combination of added headers, with and without an extracted tag
 * removed in front of the body, must come out in the deparser's order. */
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

header outer_t {
    bit<4>  version;
    bit<4>  kind;
    bit<8>  flags;
    bit<16> id;
}

header body_t {
    bit<8>  op;
    bit<24> data;
}

struct headers_t {
    eth_t   eth;
    outer_t one;
    outer_t two;
    tag_t   tag;
    outer_t three;
    body_t  body;
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
    action add_one(bit<16> id) {
        hdr.one.setValid();
        hdr.one.version = 1;
        hdr.one.kind = 0xa;
        hdr.one.flags = hdr.body.op;
        hdr.one.id = id;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!hdr.body.isValid())
            return;
        /* op bit 0: header one; bit 1: two; bit 2: three; bit 3: the tag goes. */
        if (hdr.body.op & 1 == 1)
            add_one(0x1111);
        if (hdr.body.op & 2 == 2) {
            hdr.two.setValid();
            hdr.two.version = 2;
            hdr.two.kind = 0xb;
            hdr.two.flags = 0x22;
            hdr.two.id = hdr.body.data[15:0];
        }
        if (hdr.body.op & 4 == 4) {
            hdr.three.setValid();
            hdr.three = { 3, 0xc, 0x33, 0x3333 };
        }
        if (hdr.body.op & 8 == 8) {
            hdr.tag.setInvalid();
            hdr.eth.type = 0x0101;
        }
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.one);
        pkt.emit(hdr.two);
        pkt.emit(hdr.tag);
        pkt.emit(hdr.three);
        pkt.emit(hdr.body);
    }
}

xdp(P(), C(), D()) main;
