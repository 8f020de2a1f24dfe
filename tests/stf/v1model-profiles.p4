/* v1model's action profiles and selectors: an exact table (ecmp)
 * implemented by an action selector over two selector fields, and two
 * tables (by_a, exact; by_b, lpm) sharing an action profile. The packet
 * test adds entries with actions of their own, which such tables still
 * take; tests/unit/test_v1model_profiles.c fills members and groups as a
 * control plane does. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<16> dst;     /* ecmp's key */
    bit<16> flow;    /* ecmp's selector fields */
    bit<8>  flow2;
    bit<8>  port;    /* ecmp's action data */
    bit<8>  a;       /* by_a's key */
    bit<32> b;       /* by_b's key */
    bit<8>  tag_a;   /* by_a's action data */
    bit<8>  tag_b;   /* by_b's action data */
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    probe_t    probe;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    @max_group_size(4)
    action_selector(HashAlgorithm.crc16, 64, 16) paths;
    action_profile(16) tags;

    action set_port(bit<8> port) {
        hdr.probe.port = port;
    }
    table ecmp {
        key = {
            hdr.probe.dst   : exact;
            hdr.probe.flow  : selector;
            hdr.probe.flow2 : selector;
        }
        actions = { set_port; NoAction; }
        default_action = NoAction();
        implementation = paths;
    }

    action set_tag(bit<8> tag) {
        hdr.probe.tag_a = tag;
        hdr.probe.tag_b = tag;
    }
    table by_a {
        key = { hdr.probe.a : exact; }
        actions = { set_tag; NoAction; }
        default_action = NoAction();
        implementation = tags;
    }
    table by_b {
        key = { hdr.probe.b : lpm; }
        actions = { set_tag; NoAction; }
        default_action = NoAction();
        implementation = tags;
    }

    apply {
        sm.egress_spec = sm.ingress_port;
        ecmp.apply();
        bit<8> tag = 0xee;
        if (by_a.apply().hit)
            tag = hdr.probe.tag_a;
        by_b.apply();
        hdr.probe.tag_a = tag;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.probe);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
