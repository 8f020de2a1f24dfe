/* v1model clone sessions to a multicast group (BMv2's mirroring_add_mc),
 * in a program that multicasts: a packet carrying a `ctl` header with op
 * 1 goes to port 1 and asks for an I2E clone of session 9; op 2 goes to
 * multicast group ctl.group. Egress writes into ctl what each copy sees:
 * egress_rid, egress_port and instance_type. */
#include <core.p4>
#include <v1model.p4>

header ctl_t {
    bit<8>  op;
    bit<8>  group;
    bit<16> rid;
    bit<8>  port;
    bit<8>  instance_type;
}

struct meta_t { }

struct headers_t {
    ctl_t ctl;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ctl);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (hdr.ctl.op == 1) {
            sm.egress_spec = 1;
            clone(CloneType.I2E, 9);
        } else if (hdr.ctl.op == 2) {
            sm.mcast_grp = (bit<16>)hdr.ctl.group;
        } else {
            mark_to_drop(sm);
        }
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        hdr.ctl.rid = sm.egress_rid;
        hdr.ctl.port = (bit<8>)sm.egress_port;
        hdr.ctl.instance_type = (bit<8>)sm.instance_type;
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ctl);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
