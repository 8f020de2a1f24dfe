/* A stack of 17-bit headers extracted in a parser loop (corpus
 * parser-unroll-test3), then a byte-sized header at whatever bit the
 * stack ended. The control pops the first element, so the deparser
 * emits 17 bits fewer: the rest of the packet moves by two bytes and one
 * bit. A fifth element overflows the stack (StackOutOfBounds): the parser
 * stops after the fourth, and what follows is payload. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header sr_t { bit<2> bos; bit<15> port; }
header ip_t { bit<8> ttl; bit<8> proto; bit<16> x; }

struct headers_t { eth_t eth; sr_t[4] sr; ip_t ip; }
struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x1234: route;
            default: accept;
        }
    }
    state route {
        pkt.extract(hdr.sr.next);
        transition select(hdr.sr.last.bos) {
            1: ip;
            default: route;
        }
    }
    state ip {
        pkt.extract(hdr.ip);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.sr[0].isValid()) {
            hdr.ip.x = (bit<16>)hdr.sr[0].port;
            hdr.sr.pop_front(1);
        }
        if (hdr.ip.isValid())
            hdr.ip.ttl = hdr.ip.ttl - 1;
        if (sm.parser_error == error.StackOutOfBounds)
            hdr.eth.type = 0xeeee;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
