/* Generic controls and parsers (spec "Generic controls and parsers"):
 * lowering gives every instance a copy specialized for its type arguments.
 * Map<T> is instantiated for bit<8> and bit<16>: each copy has its own
 * table, keyed by a T, whose action takes a T; Pick<H> is a sub-parser
 * generic in the header it extracts. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header small_t {
    bit<8>  k;
    bit<8>  v;
}

header wide_t {
    bit<16> k;
    bit<16> v;
}

struct headers_t {
    ethernet_t eth;
    small_t    s;
    wide_t     w;
}

parser Pick<H>(packet_in pkt, out H h) {
    state start {
        pkt.extract(h);
        transition accept;
    }
}

parser prs(packet_in pkt, out headers_t hdr) {
    Pick<small_t>() small;
    Pick<wide_t>() wide;

    state start {
        pkt.extract(hdr.eth);
        small.apply(pkt, hdr.s);
        wide.apply(pkt, hdr.w);
        transition accept;
    }
}

/* V becomes the value of K's entry; on a miss, DEFAULT. */
control Map<T>(in T k, inout T v, in T dflt) {
    action set(T value) { v = value; }
    action use_default() { v = dflt; }

    table t {
        key = { k : exact; }
        actions = { set; use_default; }
        default_action = use_default();
    }

    apply {
        t.apply();
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    Map<bit<8>>() m8;
    Map<bit<16>>() m16;

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        m8.apply(hdr.s.k, hdr.s.v, 8w0xee);
        m16.apply(hdr.w.k, hdr.w.v, 16w0xdddd);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.s);
        pkt.emit(hdr.w);
    }
}

xdp(prs(), sw(), dep()) main;
