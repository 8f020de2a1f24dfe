// Initializers are for extern instances; an int shifted left stays within
// 2048 bits; entries and default actions keep the arguments the actions
// list binds.
#include <core.p4>
control inner() { apply {} }
control c(inout bit<32> x, inout bit<32> y) {
    inner() i = {};
    action set(inout bit<32> dst, bit<32> v) { dst = v; }
    table t {
        key = { x : exact; }
        actions = { set(x); }
        default_action = set(y, 0);
        const entries = {
            1 : set(x, 1);
        }
    }
    apply {
        x = 1 << 4096;
        t.apply();
    }
}
