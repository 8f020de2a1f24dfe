/* A table's action whose parameter with a direction is a struct of
 * headers, bound in the actions list (as p4c's
 * gauntlet_switch_nested_table_apply-bmv2.p4): the parameter's slot in the
 * table's value is the one byte p4info gives it (the C had the whole
 * struct there, and p4ctl refused the map, whose values were larger than
 * p4info said). */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

struct headers_t {
    ethernet_t eth;
}

struct meta_t { }

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    action stamp(inout headers_t h) {
        h.eth.src = 0x0000000000aa;
    }
    action fwd(bit<9> port) {
        sm.egress_spec = port;
    }
    table t {
        key = { hdr.eth.ether_type : exact; }
        actions = { stamp(hdr); fwd; }
        default_action = fwd(1);
    }
    apply {
        sm.egress_spec = 1;
        t.apply();
    }
}

control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t m) { apply { } }

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
