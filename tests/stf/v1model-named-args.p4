/* Named arguments where the lowering reads positions: the package's
 * blocks given by name in another order (corpus basic_routing-bmv2), and
 * update_checksum's and hash's arguments by name in another order; a new
 * type of a new type hashed as its bits (corpus issue1739-bmv2). */
#include <core.p4>
#include <v1model.p4>

type bit<16> Inner_t;
type Inner_t Outer_t;

header h_t {
    bit<16> a;
    Outer_t b;
    bit<16> sum;
    bit<16> crc;
}

struct headers_t { h_t h; }
struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 2;
        hash(max = 32w0x10000, data = { hdr.h.a, hdr.h.b }, result = hdr.h.crc,
             base = 16w0, algo = HashAlgorithm.crc16);
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }

control MyCompute(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum(checksum = hdr.h.sum, algo = HashAlgorithm.csum16,
                        data = { hdr.h.a, hdr.h.b }, condition = hdr.h.isValid());
    }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.h); }
}

V1Switch(vr = MyVerify(), p = MyParser(), eg = MyEgress(), ig = MyIngress(),
         dep = MyDeparser(), ck = MyCompute()) main;
