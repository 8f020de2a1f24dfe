/* v1model extern objects the XDP backend cannot make: a register of a
 * struct holding a header, of more than 256 bits, of a signed value of more
 * than 64 bits, a counter indexed by bit<64>, a meter of size 0, an
 * action_selector whose groups would hold no member. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; bit<32> b; }
struct pair_t { bit<8> x; h_t y; }
struct m_t { }
struct hs_t { h_t h; }

parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    register<pair_t, bit<8>>(4) pairs;
    register<bit<264>, bit<8>>(4) huge;
    register<int<72>, bit<8>>(4) signed_wide;
    counter<bit<64>>(4, CounterType.packets) far;
    meter<bit<8>>(0, MeterType.packets) empty;
    @max_group_size(0) action_selector(HashAlgorithm.crc16, 16, 16) no_members;
    apply { }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
