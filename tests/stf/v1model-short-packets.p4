/* Packets shorter than Ethernet, as BMv2's tests send them: a one-byte
 * header and a two-byte one, the second removed by ingress when the first
 * says so (the deparser then moves the packet's start by two bytes, which
 * the kernel allows only with 14 bytes left: the test runner pads such
 * packets, docs/p4ctl.1). */
#include <core.p4>
#include <v1model.p4>

header tag_t {
    bit<8> t;
}

header word_t {
    bit<16> w;
}

struct headers_t {
    tag_t  tag;
    word_t word;
}

struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.tag);
        pkt.extract(hdr.word);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.tag.t == 0x80) {
            hdr.word.setInvalid();
        } else {
            hdr.word.w = hdr.word.w + 1;
        }
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.tag);
        pkt.emit(hdr.word);
    }
}

V1Switch(MyParser(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
