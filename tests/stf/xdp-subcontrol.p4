/* A control instantiated twice inside the xdp switch control: each
 * instance has its own table (sw.first.t and sw.second.t), filled
 * separately by the test, and its own local variable; arguments are copied
 * in and out (in, out, inout), also when the sub-control returns early or
 * exits. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<16> k1;
    bit<16> k2;
    bit<8>  r1;
    bit<8>  r2;
    bit<8>  n1;
    bit<8>  n2;
    bit<8>  done;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control Lookup(inout bit<8> val, in bit<16> k, out bit<8> applied) {
    bit<8> count = 0;

    action set(bit<8> v) { val = v; }
    action add_v(bit<8> v) { val = val + v; }
    action stop() {
        val = 0xee;
        exit;
    }

    table t {
        key = { k : exact; }
        actions = { set; add_v; stop; NoAction; }
        default_action = NoAction();
    }

    apply {
        count = count + 1;
        applied = count;
        if (k == 0xffff) {
            val = 0x5a;
            return;
        }
        t.apply();
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    Lookup() first;
    Lookup() second;

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        first.apply(hdr.h.r1, hdr.h.k1, hdr.h.n1);
        second.apply(hdr.h.r2, hdr.h.k2, hdr.h.n2);
        hdr.h.done = 1;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
