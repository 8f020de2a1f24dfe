/* v1model flooding, for tests/integration/multicast-netns.sh: a frame of
 * EtherType 0x88b5 is copied to the multicast group its destination MAC
 * ends in (02:00:00:00:GG:GG); each copy's egress drops the copy for the
 * port the frame came in by, and writes the copy's egress_rid and
 * egress_port into its source MAC (02:00:00:00:RR:PP), so a receiver sees
 * which node sent it where. Other frames go to port 0, as they are. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

struct meta_t { }

struct headers_t {
    ethernet_t ethernet;
}

parser FloodParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                   inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        transition accept;
    }
}

control FloodVerify(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control FloodIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (hdr.ethernet.ether_type == 0x88b5) {
            sm.mcast_grp = hdr.ethernet.dst[15:0];
        } else {
            sm.egress_spec = 0;
        }
    }
}

control FloodEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.instance_type == 5) {
            if (sm.egress_port == sm.ingress_port) {
                mark_to_drop(sm);
            } else {
                hdr.ethernet.src = 0x020000000000 | ((bit<48>)sm.egress_rid[7:0] << 8) |
                                   (bit<48>)sm.egress_port[7:0];
            }
        }
    }
}

control FloodCompute(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control FloodDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
    }
}

V1Switch(FloodParser(), FloodVerify(), FloodIngress(), FloodEgress(), FloodCompute(),
         FloodDeparser()) main;
