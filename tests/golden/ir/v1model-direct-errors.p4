/* Direct counters and meters the XDP backend cannot attach: a direct
 * meter on an lpm table (its lock would live in an LPM trie's values), a
 * table whose counters are not a direct_counter, a direct_counter on two
 * tables. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; bit<32> b; }
struct m_t { }
struct hs_t { h_t h; }

parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    counter<bit<8>>(4, CounterType.packets) indexed;
    direct_meter<bit<8>>(MeterType.packets) dm;
    direct_counter(CounterType.packets) shared;
    table routes {
        key = { hdr.h.b : lpm; }
        actions = { NoAction; }
        meters = dm;
    }
    table wrong {
        key = { hdr.h.a : exact; }
        actions = { NoAction; }
        counters = indexed;
    }
    table first {
        key = { hdr.h.a : exact; }
        actions = { NoAction; }
        counters = shared;
    }
    table second {
        key = { hdr.h.b : exact; }
        actions = { NoAction; }
        counters = shared;
    }
    apply { routes.apply(); wrong.apply(); first.apply(); second.apply(); }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
