/* A learning L2 switch for the v1model architecture. A frame whose source
 * MAC address the switch has not seen on its input port sends the control
 * plane a digest {source address, input port} (v1model's digest); the
 * control plane (v1model_l2_learning_cp.c) then adds the address to both
 * tables: `learned`, so that the source stops sending digests, and
 * `mac_table`, so that frames to it go out of its port alone. A frame to
 * an unknown destination, or to the broadcast address, is flooded: the
 * multicast group the default action names (1 unless the control plane
 * sets another), which the control plane fills with the switch's ports
 * (p4ctl mc); egress drops the copy for the port the frame came in by. */
#include <core.p4>
#include <v1model.p4>

typedef bit<48> mac_addr_t;

const bit<16> FLOOD_GROUP = 1;
const bit<32> INSTANCE_REPLICATION = 5;  /* standard_metadata.instance_type of a copy */

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

struct headers_t {
    ethernet_t ethernet;
}

/* What the control plane learns from: the digest's name is this type's. */
struct mac_learn_t {
    mac_addr_t src_addr;
    bit<9>     ingress_port;
}

struct metadata_t { }

parser switch_parser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t sm) {
    state start {
        packet.extract(hdr.ethernet);
        transition accept;
    }
}

control switch_verify_checksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control switch_ingress(inout headers_t hdr, inout metadata_t meta,
                       inout standard_metadata_t sm) {
    /* An address not yet known on this port: tell the control plane. */
    action learn() {
        digest<mac_learn_t>(1, {hdr.ethernet.src_addr, sm.ingress_port});
    }
    table learned {
        key = {
            hdr.ethernet.src_addr : exact;
            sm.ingress_port       : exact;
        }
        actions = { learn; NoAction; }
        default_action = learn();
        size = 4096;
    }
    action forward(bit<9> port) {
        sm.egress_spec = port;
    }
    action flood(bit<16> group) {
        sm.mcast_grp = group;
    }
    action drop() {
        mark_to_drop(sm);
    }
    table mac_table {
        key = { hdr.ethernet.dst_addr : exact; }
        actions = { forward; flood; drop; }
        default_action = flood(FLOOD_GROUP);
        size = 4096;
    }
    apply {
        if (hdr.ethernet.isValid()) {
            learned.apply();
            mac_table.apply();
        } else {
            drop();
        }
    }
}

control switch_egress(inout headers_t hdr, inout metadata_t meta,
                      inout standard_metadata_t sm) {
    apply {
        /* A flooded frame does not go back where it came from. */
        if (sm.instance_type == INSTANCE_REPLICATION && sm.egress_port == sm.ingress_port) {
            mark_to_drop(sm);
        }
    }
}

control switch_compute_checksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control switch_deparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
    }
}

V1Switch(switch_parser(), switch_verify_checksum(), switch_ingress(), switch_egress(),
         switch_compute_checksum(), switch_deparser()) main;
