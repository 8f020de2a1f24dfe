/* The calling convention through a sub-parser's apply (spec "Invoking a
 * parser from another parser", "Calling convention"): an inout argument
 * with a run-time index is evaluated once, before the call, so the
 * copy-back writes the element the index named then, though the
 * sub-parser changes the index's variable; two arguments naming one field
 * are copied back left to right; a variable declared before the apply is
 * still there after it; the sub-parser's reject rejects the packet. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> idx;
    bit<8> f;
    bit<8> keep;
}

header s_t {
    bit<8> v;
}

struct headers_t {
    eth_t  eth;
    h_t    h;
    s_t[4] s;
}

parser Sub(packet_in pkt, inout bit<8> i, inout bit<8> x) {
    state start {
        i = 1;
        x = 0x77;
        transition select(x) {
            0x77: accept;
            default: reject;
        }
    }
}

parser Alias(packet_in pkt, inout bit<8> x, inout bit<8> y) {
    state start {
        x = 1;
        y = y + 1;
        transition accept;
    }
}

parser prs(packet_in pkt, out headers_t hdr) {
    Sub() sub;
    Alias() alias;
    bit<8> idx = 0;
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        bit<8> before = hdr.h.keep + 1;
        idx = hdr.h.idx;
        sub.apply(pkt, idx, hdr.s[idx].v);
        hdr.h.idx = idx;
        alias.apply(pkt, hdr.h.f, hdr.h.f);
        hdr.h.keep = before;
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
        pkt.emit(hdr.s);
    }
}

xdp(prs(), sw(), dep()) main;
