/* A meter's colour goes into a bit<W> with W from 2 to 64 (v1model.p4
 * asks for W >= 2). */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; bit<1> narrow; bit<7> pad; }
struct m_t { }
struct hs_t { h_t h; }

parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    meter<bit<8>>(4, MeterType.packets) m;
    apply { m.execute_meter(hdr.h.a, hdr.h.narrow); }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
