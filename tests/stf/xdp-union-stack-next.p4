/* Extracting into `u.next.m`, a header of the next union of a stack of
 * header unions: each extract takes the next element (the stack's index
 * advances, as for `s.next` of a header stack), and makes that member the
 * union's valid one. */
#include <core.p4>
#include <xdp_model.p4>

header tag_t {
    bit<8> t;
}

header byte_t {
    bit<8> data;
}

header word_t {
    bit<16> data;
}

header_union either_t {
    byte_t b;
    word_t w;
}

struct headers_t {
    tag_t       tag;
    either_t[2] u;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.tag);
        transition select(hdr.tag.t) {
            0: bb;
            1: bw;
            2: wb;
            default: accept;
        }
    }
    state bb {
        pkt.extract(hdr.u.next.b);
        pkt.extract(hdr.u.next.b);
        transition accept;
    }
    state bw {
        pkt.extract(hdr.u.next.b);
        pkt.extract(hdr.u.next.w);
        transition accept;
    }
    state wb {
        pkt.extract(hdr.u.next.w);
        pkt.extract(hdr.u.next.b);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_TX;
        if (hdr.u[0].b.isValid()) {
            hdr.u[0].b.data = 0xaa;
        }
        if (hdr.u[1].w.isValid()) {
            hdr.u[1].w.data = 0xffff;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.tag);
        pkt.emit(hdr.u);
    }
}

xdp(prs(), sw(), dep()) main;
