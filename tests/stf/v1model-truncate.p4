/* v1model's truncate(length): a packet leaves with at most the smallest
 * length ingress and egress asked for, as BMv2 sends it; a clone starts
 * uncut. A `ctl` header (op a b port) picks the case. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

/* op: 1 ingress truncates to a, 2 ingress to a and egress to b,
 * 3 ingress to a and clones (session 5): the clone is not cut. */
header ctl_t {
    bit<8> op;
    bit<8> a;
    bit<8> b;
    bit<8> port;
}

struct meta_t { }

struct headers_t {
    ethernet_t ethernet;
    ctl_t      ctl;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.ctl);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = (bit<9>)hdr.ctl.port;
        truncate((bit<32>)hdr.ctl.a);
        if (hdr.ctl.op == 3) {
            clone(CloneType.I2E, 5);
        }
        hdr.ethernet.src = 0x0000000000ee;
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (hdr.ctl.op == 2) {
            truncate((bit<32>)hdr.ctl.b);
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.ctl);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
