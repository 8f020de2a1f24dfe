// @defaultonly actions are only default actions; @tableonly never are.
#include <core.p4>
control c(in bit<8> x) {
    action a() {}
    action b() {}
    table t {
        key = { x : exact; }
        actions = { @tableonly a; @defaultonly b; }
        default_action = a;
        const entries = {
            1 : b();
        }
    }
    apply { t.apply(); }
}
