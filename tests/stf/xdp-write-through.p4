/* Header fields assigned while every header stays where the parser found
 * it are stored straight into the packet (emit_deparser.c,
 * plan_write_through). What must still hold: a field of a header that was
 * not extracted is never written into the packet (its bytes are payload);
 * the last of several assignments wins; a field narrower than a byte
 * keeps its neighbours; an assignment in a parser state counts; a field
 * read after it was assigned gives the new value. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header pkt_t {
    bit<3>  a;
    bit<5>  b;
    bit<8>  c;
    bit<4>  d;
    bit<12> e;
    bit<16> f;
}

header opt_t {
    bit<8> x;
    bit<8> y;
}

struct headers_t {
    eth_t eth;
    pkt_t pkt;
    opt_t opt;
}

parser wt_parser(packet_in packet, out headers_t h) {
    state start {
        packet.extract(h.eth);
        transition select(h.eth.type) {
            0x1234: parse_pkt;
            default: accept;
        }
    }

    state parse_pkt {
        packet.extract(h.pkt);
        h.pkt.c = h.pkt.c + 1;
        transition select(h.pkt.a) {
            1: parse_opt;
            default: accept;
        }
    }

    state parse_opt {
        packet.extract(h.opt);
        transition accept;
    }
}

control wt_ingress(inout headers_t h, in xdp_input xin, out xdp_output xout) {
    action twice() {
        h.pkt.f = 0xaaaa;
        h.pkt.f = h.pkt.f + 1;
    }

    action set_d(bit<4> v) {
        h.pkt.d = v;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        h.opt.y = 0xee;
        if (!h.pkt.isValid()) {
            h.eth.src = 0x0a0b0c0d0e0f;
            return;
        }
        if (h.pkt.b == 1) {
            twice();
        } else if (h.pkt.b == 2) {
            set_d(5);
        }
        h.eth.type = h.eth.type + h.pkt.f;
    }
}

control wt_deparser(in headers_t h, packet_out packet) {
    apply {
        packet.emit(h.eth);
        packet.emit(h.pkt);
        packet.emit(h.opt);
    }
}

xdp(wt_parser(), wt_ingress(), wt_deparser()) main;
