// Spec "L-values": a call's result or a type's member is no l-value; the
// grammar's lvalue has no place for them.
#include <core.p4>

header h_t { bit<8> a; }
enum bit<8> SE { one = 1 }

h_t make() { h_t h = { 1 }; return h; }

control c() {
    apply {
        make().a = 1;
    }
}

control d() {
    apply {
        SE.one = 2;
    }
}
