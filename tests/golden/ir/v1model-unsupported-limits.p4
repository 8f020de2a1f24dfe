// What stays a located error next to the lifted limits of deparser ifs
// and `+:` slices: a deparser that does more than emit under ifs whose
// conditions only read (here it reads a register), and `e[L +: W]` with
// L known only at run time, read or assigned.
#include <core.p4>
#include <v1model.p4>
header h_t { bit<8> a; }
struct headers_t { h_t h; h_t[2] s; }
struct meta_t { }
parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control VC(inout headers_t hdr, inout meta_t m) { apply { } }
control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    action set(bit<8> v) { hdr.h.a = v; }
    table t { key = { hdr.h.a: exact; } actions = { set; } }
    apply {
        t.apply();
        hdr.h.a = hdr.h.a[hdr.h.a[2:0] +: 4] ++ 4w0;
        hdr.h.a[hdr.h.a[1:0] +: 2] = 1;
    }
}
control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t m) { apply { } }
control D(packet_out pkt, in headers_t hdr) {
    register<bit<8>>(1) r;
    apply {
        bit<8> x;
        r.read(x, 0);
        if (x == 1)
            pkt.emit(hdr.h);
    }
}
V1Switch(P(), VC(), I(), E(), CC(), D()) main;
