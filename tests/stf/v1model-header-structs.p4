/* Headers holding structs of bit fields (spec "Header types"; corpus
 * bvec-hdr-bmv2, metrics_test_4): the packet lays the structs' fields out
 * in order, nested ones too, at bit offsets that need not be whole bytes.
 * Fields before, inside and after the structs are read and written. */
#include <core.p4>
#include <v1model.p4>

struct inner_t { bit<4> lo; bit<4> hi; }
struct pair_t { bit<8> a; inner_t nib; bit<12> b; }

header h_t {
    bit<4>  tag;
    pair_t  p;
    bit<16> after;
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
        sm.egress_spec = 3;
        if (hdr.h.tag == 1) {
            /* Swap the nibbles of the innermost struct; b and after move. */
            bit<4> t = hdr.h.p.nib.lo;
            hdr.h.p.nib.lo = hdr.h.p.nib.hi;
            hdr.h.p.nib.hi = t;
            hdr.h.p.b = hdr.h.p.b + 1;
            hdr.h.after = (bit<16>)hdr.h.p.a;
        } else if (hdr.h.tag == 2) {
            /* A whole struct assigned. */
            hdr.h.p = { 8w0x11, { 4w2, 4w3 }, 12w0x456 };
        }
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.h); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
