/* A struct with one member, written as a list with one element: `{ { a, b } }`
 * is the struct, not its member. Constant folding once replaced such a list by
 * its one element (right only for a key `{ x }` of x's type) and the backend
 * then refused the argument (corpus gauntlet_hdr_in_value-bmv2). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header pair_t {
    bit<8> x;
    bit<8> y;
}

struct outer_t { pair_t p; }
struct inner_t { bit<8> v; }
struct wrap_t  { inner_t i; }

struct headers_t {
    eth_t  eth;
    pair_t pair;
}

bit<8> sum(outer_t o) { return o.p.x + o.p.y; }
bit<8> unwrap(wrap_t w) { return w.i.v; }

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.pair);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.pair.x = sum({ { 8w3, 8w4 } });
        hdr.pair.y = unwrap({ { 8w9 } }) + hdr.pair.y;
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_TX;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.pair);
    }
}

xdp(P(), C(), D()) main;
