/* Value sets of structs wider than 64 bits (a hash of the packed
 * element's bytes) and of structs with ternary, lpm, range and optional
 * fields (slots the parser scans): a select case on each, and the
 * members the control plane adds decide which cases match. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<8>  e;
    bit<16> t;
    bit<16> f1;
    bit<8>  f2;
    bit<8>  f3;       /* its low 6 bits are the key */
    bit<8>  f4;       /* its low 5 bits are the key */
    bit<8>  f5;
    bit<8>  result;   /* 1: in wide_set; 2: in masked_set */
}

struct wide_t {        /* 72 bits */
    bit<48> mac;
    bit<8>  e;
    bit<16> t;
}

struct masked_t {
    @match(ternary)  bit<16> f1;
    @match(lpm)      bit<8>  f2;
    @match(exact)    bit<6>  f3;
    @match(range)    bit<5>  f4;
    @match(optional) bit<8>  f5;
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    probe_t    probe;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    value_set<wide_t>(4) wide_set;
    value_set<masked_t>(3) masked_set;

    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.probe);
        transition select(hdr.ethernet.dst, hdr.probe.e, hdr.probe.t) {
            wide_set: in_wide;
            default: check_masked;
        }
    }
    state in_wide {
        hdr.probe.result = 1;
        transition check_masked;
    }
    state check_masked {
        transition select(hdr.probe.f1, hdr.probe.f2, hdr.probe.f3[5:0], hdr.probe.f4[4:0],
                          hdr.probe.f5) {
            masked_set: in_masked;
            default: accept;
        }
    }
    state in_masked {
        hdr.probe.result = hdr.probe.result | 2;
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = sm.ingress_port;
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
