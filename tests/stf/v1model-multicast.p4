/* v1model multicast: a packet carrying a `copy` header asks for the group
 * in it; each copy's egress writes into that header what it sees of the
 * copy (egress_rid, egress_port, instance_type, mcast_grp) and a metadata
 * field that the parser sets and ingress changes, so a copy shows that its
 * state is ingress's, not its parser's. Ingress rewrites the source MAC
 * (the copies carry the change); egress drops copies of rid 99. A packet
 * without the header goes to port 1, unicast (instance_type 0). */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header copy_t {
    bit<16> group;
    bit<16> rid;
    bit<16> port;
    bit<32> instance_type;
    bit<16> tag;
}

struct meta_t {
    bit<16> tag;
}

struct headers_t {
    ethernet_t ethernet;
    copy_t     copy;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        meta.tag = 0x1111;
        transition select(hdr.ethernet.ether_type) {
            0x88b5: parse_copy;
            default: accept;
        }
    }
    state parse_copy {
        pkt.extract(hdr.copy);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        hdr.ethernet.src = 0x0000000000ee;
        meta.tag = meta.tag + 1;
        if (hdr.copy.isValid()) {
            sm.mcast_grp = hdr.copy.group;
        } else {
            sm.egress_spec = 1;
        }
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.egress_rid == 99) {
            mark_to_drop(sm);
        } else if (hdr.copy.isValid()) {
            hdr.copy.rid = sm.egress_rid;
            hdr.copy.port = (bit<16>)sm.egress_port;
            hdr.copy.instance_type = sm.instance_type;
            hdr.copy.group = sm.mcast_grp;
            hdr.copy.tag = meta.tag;
        } else {
            hdr.ethernet.dst = (bit<48>)sm.instance_type;
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.copy);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
