/* digest outside ingress: BMv2 sends only the digest ingress asked for,
 * so calls in egress (directly, in its action, in a control it applies)
 * are left out with a warning; ingress's own stays. */
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; }
struct hs_t { h_t h; }
struct m_t { }
struct d_t { bit<8> a; }

control Sub(inout hs_t hdr) {
    apply { digest<d_t>(3, {hdr.h.a}); }
}
parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    apply {
        digest<d_t>(1, {hdr.h.a});
    }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    Sub() sub;
    action late() { digest<d_t>(2, {hdr.h.a}); }
    table t { actions = { late; } default_action = late(); }
    apply {
        digest<d_t>(2, {hdr.h.a});
        t.apply();
        sub.apply(hdr);
    }
}
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
