/* Digests the XDP backend cannot send: of a tuple (no type name for the
 * control plane), of a struct with no fields, of a struct holding a
 * varbit or a header stack, of a function's result (each field would
 * call it); two types under one @name, and two whose names are one C
 * identifier. */
#include <core.p4>
#include <v1model.p4>

header h_t { bit<8> a; bit<32> b; }
header v_t { bit<8> len; varbit<32> opt; }
struct m_t { }
struct hs_t { h_t h; v_t v; h_t[2] s; }
struct empty_t { }
struct with_varbit_t { v_t v; }
struct with_stack_t { h_t[2] s; }
@name("same") struct one_t { bit<8> x; }
@name("same") struct two_t { bit<16> y; }
@name("a.b") struct dotted_t { bit<8> x; }
struct a_b { bit<8> x; }

one_t make_one(in bit<8> x) { return {x}; }

parser P(packet_in pkt, out hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.h); transition accept; }
}
control V(inout hs_t hdr, inout m_t meta) { apply { } }
control I(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) {
    apply {
        digest(1, {hdr.h.a, hdr.h.b});
        digest<empty_t>(1, {});
        digest<with_varbit_t>(1, {hdr.v});
        digest<with_stack_t>(1, {hdr.s});
        digest<one_t>(1, {hdr.h.a});
        digest<two_t>(1, {(bit<16>)hdr.h.b});
        digest<dotted_t>(1, {hdr.h.a});
        digest<a_b>(1, {hdr.h.a});
        digest<one_t>(1, make_one(hdr.h.a));
    }
}
control E(inout hs_t hdr, inout m_t meta, inout standard_metadata_t sm) { apply { } }
control C(inout hs_t hdr, inout m_t meta) { apply { } }
control D(packet_out pkt, in hs_t hdr) { apply { pkt.emit(hdr.h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
