/* Headers that are not whole bytes in the middle of a packet (corpus
 * issue3225): a 3-bit header, then one of 22 bits at bit 3 of its first
 * byte, then a byte-sized one at bit 1 (both reach one byte further than
 * their size in bytes), the payload after them at bit 1. Fields are read
 * across byte boundaries (the control copies them into the last header),
 * a select on the 3-bit field, a header cut short by the packet. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h3_t { bit<3> tag; }
header mid_t { bit<12> a; bit<10> b; }
header last_t { bit<16> w; bit<8> x; }

struct headers_t { eth_t eth; h3_t h3; mid_t mid; last_t last; }
struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x1234: bits;
            default: accept;
        }
    }
    state bits {
        pkt.extract(hdr.h3);
        transition select(hdr.h3.tag) {
            5: mid;
            default: accept;
        }
    }
    state mid {
        pkt.extract(hdr.mid);
        pkt.extract(hdr.last);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.last.isValid()) {
            hdr.last.w = (bit<16>)hdr.mid.a;
            hdr.last.x = hdr.mid.b[9:2];
        }
        if (sm.parser_error == error.PacketTooShort)
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
