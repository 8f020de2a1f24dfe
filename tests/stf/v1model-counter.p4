/* v1model's counter, in its old form (an index of bit<32>): count(i)
 * counts in cell i, in a control, in an action, and in each instance of a
 * sub-control (each its own counter, named after the instance), and in a
 * counter passed to a sub-control's parameter; an index past the end
 * counts nothing. The packet test reads the cells back with
 * check_counter. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<8> index;
    bit<8> twice;   /* nonzero: count again through an action */
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

control PerPort(in bit<9> port) {
    counter(8, CounterType.packets) hits;
    apply {
        hits.count((bit<32>)port);
    }
}

control CountThere(in bit<8> index, counter c) {
    apply {
        c.count((bit<32>)index);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    counter(4, CounterType.packets_and_bytes) by_index;
    counter(4, CounterType.packets) passed;
    CountThere() there;
    PerPort() in_port;
    PerPort() out_port;

    action count_again() {
        by_index.count((bit<32>)hdr.probe.index);
    }

    apply {
        by_index.count((bit<32>)hdr.probe.index);
        if (hdr.probe.twice != 0)
            count_again();
        in_port.apply(sm.ingress_port);
        sm.egress_spec = 3;
        out_port.apply(sm.egress_spec);
        there.apply(hdr.probe.index, passed);
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
