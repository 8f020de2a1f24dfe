/* A 5-bit header removed (setInvalid) or a 3-bit one added (setValid)
 * in front of it: the payload, which starts at bit 5 of a byte, moves by
 * bits. Removing shifts it 5 bits towards the start (the last byte is
 * padded with zeros); adding shifts it 3 bits the other way, into one
 * more byte. Payloads longer than 8 bytes take the 8-byte steps of
 * p4cc/bits.h as well as single bytes. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h5_t { bit<5> v; }
header h3_t { bit<3> e; }

struct headers_t { eth_t eth; h3_t extra; h5_t h; }
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
        pkt.extract(hdr.h);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.h.isValid() && hdr.h.v == 1) {
            hdr.h.setInvalid();
        } else if (hdr.h.isValid() && hdr.h.v == 2) {
            hdr.extra.setValid();
            hdr.extra.e = 5;
        }
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
