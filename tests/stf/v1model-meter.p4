/* v1model's meters with no rates set colour every packet GREEN (0), as
 * BMv2's do: execute_meter on an indexed meter, read() of a direct meter
 * in the action of its table's entry. execute_meter with an index past
 * the end, and read() on a miss (the meter did not run), leave the
 * destination as it was. A colour may also go into a serializable enum. Rates and the colours they give are tested in
 * tests/unit/test_v1model_externs.c, which sets them. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<8>  index;
    bit<8>  colour;      /* execute_meter's */
    bit<32> direct;      /* direct meter's read(), in the entry's action */
    bit<8>  hit;
}

enum bit<8> colour_t { GREEN = 0, YELLOW = 1, RED = 2 }

struct metadata_t {
    colour_t colour;
}

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
    meter<bit<8>>(4, MeterType.bytes) by_index;
    direct_meter<bit<32>>(MeterType.packets) per_entry;

    action take_colour() {
        per_entry.read(hdr.probe.direct);
        hdr.probe.hit = 1;
    }
    action missed() {
        per_entry.read(hdr.probe.direct);
        hdr.probe.hit = 0;
    }
    table classify {
        key = { hdr.probe.index : exact; }
        actions = { take_colour; missed; }
        default_action = missed();
        meters = per_entry;
    }

    apply {
        sm.egress_spec = sm.ingress_port;
        meta.colour = (colour_t)hdr.probe.colour;
        by_index.execute_meter(hdr.probe.index, meta.colour);
        hdr.probe.colour = (bit<8>)meta.colour;
        classify.apply();
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
