/* What the XDP backend does not support in a program whose headers are
 * not all whole bytes: each a located error (emit_bits.c). */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h3_t { bit<3> tag; }
header opt_t { bit<8> len; varbit<64> data; }
header ip_t { bit<16> csum; bit<16> len; }

struct headers_t { eth_t eth; h3_t h3; opt_t opt; ip_t ip; }
struct metadata_t { bit<8> n; }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        meta.n = pkt.lookahead<bit<8>>();
        pkt.extract(hdr.h3);
        pkt.advance((bit<32>)meta.n);
        pkt.extract(hdr.opt, (bit<32>)meta.n);
        pkt.extract(hdr.ip);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }
control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply { sm.egress_spec = 1; }
}
control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum_with_payload(true, { hdr.ip.len }, hdr.ip.csum, HashAlgorithm.csum16);
    }
}
control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
