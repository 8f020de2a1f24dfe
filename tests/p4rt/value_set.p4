/* A parser whose select matches a value set the control plane fills
 * (tests/integration/value-set.sh): frames whose EtherType is a member
 * count in cell 1 of `seen`, the others in cell 0; all are dropped. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

struct meta_t {
    bit<32> matched;
}

struct headers_t {
    ethernet_t eth;
    meta_t     meta;
}

parser prs(packet_in pkt, out headers_t hdr) {
    value_set<bit<16>>(4) tunnel_types;

    state start {
        pkt.extract(hdr.eth);
        hdr.meta.matched = 0;
        transition select(hdr.eth.ether_type) {
            tunnel_types: member;
            default: accept;
        }
    }

    state member {
        hdr.meta.matched = 1;
        transition accept;
    }
}

control ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(2, false) seen;

    apply {
        seen.increment(hdr.meta.matched);
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
    }
}

xdp(prs(), ingress(), dep()) main;
