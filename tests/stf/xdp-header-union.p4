/* Header unions: the parser extracts one of two headers of a union; the
 * control switches the union to the other header; the deparser emits the
 * valid one. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header short_t {
    bit<8> kind;
    bit<8> value;
}

header long_t {
    bit<8>  kind;
    bit<8>  value;
    bit<16> extra;
}

header_union option_t {
    short_t s;
    long_t  l;
}

struct headers_t {
    eth_t    eth;
    option_t opt;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition select(p.lookahead<bit<8>>()) {
            1: parse_short;
            2: parse_long;
            default: accept;
        }
    }
    state parse_short {
        p.extract(hdr.opt.s);
        transition accept;
    }
    state parse_long {
        p.extract(hdr.opt.l);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!hdr.opt.isValid()) {
            xout.output_action = xdp_action.XDP_DROP;
        } else if (hdr.opt.s.isValid()) {
            /* short -> long: the frame grows by 2 bytes */
            bit<8> v = hdr.opt.s.value;
            hdr.opt.l.setValid();
            hdr.opt.l.kind = 2;
            hdr.opt.l.value = v;
            hdr.opt.l.extra = 0xabcd;
        } else {
            /* long -> short: it shrinks by 2 */
            bit<8> v = hdr.opt.l.value;
            hdr.opt.s.setValid();
            hdr.opt.s.kind = 1;
            hdr.opt.s.value = v;
        }
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
        p.emit(hdr.opt);
    }
}

xdp(prs(), sw(), dep()) main;
