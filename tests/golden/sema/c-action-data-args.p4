#include <core.p4>

control c(inout bit<8> v, in bit<8> k)(bit<8> cfg) {
    action b(inout bit<8> x, bit<8> data) { x = data; }
    table t {
        key = { k : exact; }
        actions = { b(v); }
        default_action = b(v, k);
        entries = {
            1 : b(v, 2);
            2 : b(v, cfg);
            3 : b(v, v + 1);
        }
    }
    table u {
        actions = { b(v); }
        default_action = b(v, cfg + 1);
    }
    apply { t.apply(); u.apply(); }
}
