/* A multicast program whose user metadata (176 bytes) is over the 128
 * bytes a copy can carry in front of the packet, while egress reads only
 * two of its fields: through a sub-control's parameter (copied in and
 * back, as inlining does) and through an action's inout parameter bound in
 * a table's actions list. The bridge holds those two fields, not the whole
 * struct (midend/copies.c follows the copies; before, the program did not
 * compile), and each copy sees the values ingress left in them. */
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

struct meta_t {
    bit<48> mark;
    bit<16> kind;
    bit<64> pad0;
    bit<64> pad1;
    bit<64> pad2;
    bit<64> pad3;
    bit<64> pad4;
    bit<64> pad5;
    bit<64> pad6;
    bit<64> pad7;
    bit<64> pad8;
    bit<64> pad9;
    bit<64> pad10;
    bit<64> pad11;
    bit<64> pad12;
    bit<64> pad13;
    bit<64> pad14;
    bit<64> pad15;
    bit<64> pad16;
    bit<64> pad17;
    bit<64> pad18;
    bit<64> pad19;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    apply {
        m.mark = hdr.eth.dst + 1;
        m.kind = hdr.eth.ether_type + 2;
        m.pad0 = 7;
        sm.mcast_grp = 1;
    }
}

control Stamp(inout headers_t h, in meta_t meta) {
    apply {
        h.eth.src = meta.mark;
    }
}

control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    Stamp() stamp;
    action set_kind(inout headers_t h, inout meta_t mm) {
        h.eth.ether_type = mm.kind;
    }
    table kinds {
        key = { sm.egress_port : exact; }
        actions = { set_kind(hdr, m); NoAction; }
        default_action = NoAction();
    }
    apply {
        stamp.apply(hdr, m);
        kinds.apply();
    }
}

control CC(inout headers_t hdr, inout meta_t m) { apply { } }

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
