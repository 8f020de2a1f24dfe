/* A table whose key is only 'selector' fields matches nothing: it runs its
 * default action, with a warning (corpus issue297-bmv2: its empty key once
 * became a hash map keyed by nothing, which the kernel refused). */
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; }
struct H { h_t h; }
struct M { bit<32> hash1; }

parser P(packet_in pk, out H hdr, inout M meta, inout standard_metadata_t sm) {
    state start { pk.extract(hdr.h); transition accept; }
}
control V(inout H hdr, inout M meta) { apply { } }
control I(inout H hdr, inout M meta, inout standard_metadata_t sm) {
    action drop() { mark_to_drop(sm); }
    table ws {
        key = { meta.hash1 : selector; }
        actions = { drop; NoAction; }
        const default_action = NoAction();
        implementation = action_selector(HashAlgorithm.identity, 32w1024, 32w10);
    }
    apply { ws.apply(); }
}
control E(inout H hdr, inout M meta, inout standard_metadata_t sm) { apply { } }
control C(inout H hdr, inout M meta) { apply { } }
control D(packet_out pk, in H hdr) { apply { pk.emit(hdr.h); } }

V1Switch(P(), V(), I(), E(), C(), D()) main;
