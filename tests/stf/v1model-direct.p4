/* v1model's direct counters and meters, with an indexed counter and
 * meter: a byte counter and a packet meter indexed by the probe, an exact
 * (by_key) and a ternary (acl) table each with a direct counter and a
 * direct meter, and a table of const entries with a direct counter
 * constructed in its property. The packet test shows that the tables
 * still match and run their actions (meters without rates: GREEN);
 * tests/unit/test_v1model_externs.c reads the counts and sets the rates
 * as a control plane does. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<16> key;         /* by_key and acl's key */
    bit<8>  index;       /* sizes', limiter's and fixed's */
    bit<8>  colour;      /* limiter's colour */
    bit<8>  tag;         /* by_key's action data */
    bit<8>  direct;      /* by_key's direct meter colour */
    bit<8>  acl_tag;     /* acl's action data */
    bit<8>  acl_colour;  /* acl's direct meter colour */
    bit<8>  fixed_tag;   /* fixed's action data */
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
    counter<bit<8>>(4, CounterType.bytes) sizes;
    meter<bit<8>>(2, MeterType.packets) limiter;
    direct_counter(CounterType.packets_and_bytes) exact_hits;
    direct_meter<bit<8>>(MeterType.bytes) exact_meter;
    direct_counter(CounterType.packets) acl_hits;
    direct_meter<bit<8>>(MeterType.packets) acl_meter;

    action set_tag(bit<8> tag) {
        hdr.probe.tag = tag;
        exact_meter.read(hdr.probe.direct);
    }
    table by_key {
        key = { hdr.probe.key : exact; }
        actions = { set_tag; NoAction; }
        default_action = NoAction();
        counters = exact_hits;
        meters = exact_meter;
    }

    action set_acl(bit<8> tag) {
        hdr.probe.acl_tag = tag;
        acl_meter.read(hdr.probe.acl_colour);
    }
    table acl {
        key = { hdr.probe.key : ternary; }
        actions = { set_acl; NoAction; }
        default_action = NoAction();
        counters = acl_hits;
        meters = acl_meter;
    }

    action set_fixed(bit<8> tag) {
        hdr.probe.fixed_tag = tag;
    }
    table fixed {
        key = { hdr.probe.index : exact; }
        actions = { set_fixed; NoAction; }
        const entries = {
            1 : set_fixed(0x11);
            2 : set_fixed(0x22);
        }
        counters = direct_counter(CounterType.packets);
    }

    apply {
        sm.egress_spec = sm.ingress_port;
        sizes.count(hdr.probe.index);
        limiter.execute_meter(hdr.probe.index, hdr.probe.colour);
        by_key.apply();
        acl.apply();
        fixed.apply();
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
