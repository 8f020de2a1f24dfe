/* Arrays of bit types inside a header and slices `e[L +: W]` (corpus
 * array1): the elements in order in the packet (4-bit ones packed),
 * extracted, read in a select, written with constant and run-time
 * indexes and written back; `+:` slices read and assigned. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header d_t {
    bit<16>    f1;
    bit<4>[2]  nib;
    bit<8>[4]  arr;
    bit<8>     idx;
    bit<16>    f2;
}

struct headers_t { eth_t eth; d_t d; }
struct meta_t { bit<8> m; }

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.d);
        transition select(hdr.d.arr[2]) {
            0xee: mark;
            default: accept;
        }
    }
    state mark {
        meta.m = 1;
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout meta_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.d.arr[0] = hdr.d.f1[0+:8];
        hdr.d.arr[3] = hdr.d.f1[8+:8];
        hdr.d.nib[1] = hdr.d.f1[4+:4];
        hdr.d.arr[hdr.d.idx] = 0x99;
        hdr.d.f2[8+:8] = hdr.d.arr[1];
        if (meta.m == 1)
            hdr.d.f2[0+:4] = 0xa;
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
