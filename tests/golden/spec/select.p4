// Spec "Select expressions" and "Parser Value Sets": key types, value set
// element types, and (p4c, which folds such selects) the keysets of a
// compile-time known key.
#include <core.p4>

header var_t { varbit<16> v; }
struct pair_t { bit<8> a; bit<8> b; }

parser p(packet_in pkt, out var_t h, in bit<8> x, in pair_t s) {
    value_set<bit<8>>(4) ok_set;
    value_set<pair_t>(4) struct_set;
    value_set<int>(4) int_set;            // no int elements
    state start {
        pkt.extract(h, 16);
        transition select(h.v) {          // no varbit key
            default: next;
        }
    }
    state next {
        transition select(s) {            // no struct key
            default: last;
        }
    }
    state last {
        transition select(8w1) {
            x: accept;                    // a known key needs known keysets
            x &&& 0xf: accept;
            1: reject;
            default: accept;
        }
    }
}
