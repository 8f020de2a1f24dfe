#include <core.p4>

control c(inout bit<8> v) {
    action a(in bit<8> x) { v = x; }
    table t2 {
        actions = { NoAction; }
    }
    table t {
        actions = { a(t2.apply().hit ? 8w5 : 8w3); NoAction; }
    }
    apply { t.apply(); }
}
