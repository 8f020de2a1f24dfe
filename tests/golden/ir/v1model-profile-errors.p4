/* Action profiles and selectors the XDP backend cannot implement: a
 * selector key without an action_selector, an action_selector without a
 * selector key, a selector key with an action_profile, tables sharing a
 * profile with different actions, a table with entries. */
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
    action a1() { }
    action a2() { }
    action_selector(HashAlgorithm.crc16, 16, 16) sel;
    action_profile(16) prof;
    table no_selector {
        key = { hdr.h.a : exact; hdr.h.b : selector; }
        actions = { a1; }
    }
    table no_key {
        key = { hdr.h.a : exact; }
        actions = { a1; }
        implementation = sel;
    }
    table wrong_kind {
        key = { hdr.h.a : exact; hdr.h.b : selector; }
        actions = { a1; }
        implementation = prof;
    }
    table first {
        key = { hdr.h.a : exact; }
        actions = { a1; }
        implementation = prof;
    }
    table second {
        key = { hdr.h.b : exact; }
        actions = { a2; }
        implementation = prof;
    }
    table with_entries {
        key = { hdr.h.a : exact; }
        actions = { a1; }
        entries = { 1 : a1(); }
        implementation = action_profile(4);
    }
    apply { }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
