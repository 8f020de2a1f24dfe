/* A control instance applied with two different counters for one
 * parameter: the XDP backend binds each parameter to one extern object. */
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; }
struct m_t { }
struct hs_t { h_t h; }

parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control CountThere(in bit<8> index, counter c) {
    apply { c.count((bit<32>)index); }
}
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    counter(4, CounterType.packets) first;
    counter(4, CounterType.packets) second;
    CountThere() there;
    apply {
        there.apply(hdr.h.a, first);
        there.apply(hdr.h.a, second);
    }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
