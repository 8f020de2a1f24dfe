/* A parser value set of structs (spec "Parser Value Sets"): its element's
 * fields, a nested struct's flattened, are packed into one integer key of
 * the set's HASH map, the first field most significant, and a select on
 * the tuple of keys packs them the same way (docs/RUNTIME.md, "Value
 * sets"). The script adds members field by field (in another order than
 * the struct's) and as the packed number. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header tag_t {
    bit<8> b;
}

struct headers_t {
    ethernet_t eth;
    tag_t tag;
}

struct meta_t {
    bit<1> in_set;
}

struct class_t {
    bit<3> cls;
}

struct member_t {
    bit<16> etype;
    class_t inner;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    value_set<member_t>(4) pvs;

    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.tag);
        transition select(hdr.eth.ether_type, hdr.tag.b[7:5]) {
            pvs: in_set;
            default: accept;
        }
    }
    state in_set {
        m.in_set = 1;
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = m.in_set == 1 ? 9w2 : 9w1;
    }
}

control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t m) { apply { } }

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.tag);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
