// Spec "Data extraction", "Lookahead", "Data insertion into packets": what
// packet_in and packet_out take, and that parsing happens in parsers.
#include <core.p4>

header fixed_t { bit<8> a; }
header var_t { bit<8> len; varbit<64> opts; }
header two_t { varbit<8> a; varbit<8> b; }
enum E { e1 }
struct hdrs_t { fixed_t f; var_t v; }
struct bits_t { bit<8> a; }

parser p(packet_in pkt, out hdrs_t h, out two_t t, out fixed_t[2] st) {
    state start {
        pkt.extract(h.f);
        pkt.extract(h.v, 32);
        pkt.extract(h.f, 8);              // no varbit field to size
        pkt.extract(t, 8);                // two varbit fields
        pkt.extract(h.v);                 // a varbit field needs a size
        pkt.extract(_);                   // '_' of no known type
        pkt.extract<fixed_t>(_);          // fine: skips a fixed_t
        bit<8> x = pkt.lookahead<bit<8>>();
        var_t v = pkt.lookahead<var_t>(); // not of fixed width
        transition accept;
    }
}

control c(packet_in pkt, packet_out o, in hdrs_t h, in fixed_t[2] st, in bits_t b, in E e) {
    apply {
        pkt.advance(8);                   // only in parsers
        o.emit(h);
        o.emit(st);
        o.emit(h.f.a);                    // a base type
        o.emit(b);                        // a struct of base types
        o.emit(e);
    }
}
