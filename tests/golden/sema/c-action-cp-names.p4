// Spec "Control plane names": a table cannot run two different actions
// that the control plane names alike. Copies of one action (same
// parameters and body) are one action to it, and actions of one name in
// different tables never meet in p4cc's control plane (p4info names
// actions after their declarations).
#include <core.p4>

action top() {}
@name("top") action top2() {}

control c(inout bit<8> x) {
    @name(".foo") action a1() { x = 1; }
    @name(".foo") action a2() { x = 2; }
    @name("b") action b1(bit<8> v) { x = v; }
    @name(".c.b") action b2(bit<8> w) { x = w; }
    @name(".NoAction") action NoAction_1() {}
    @name(".nop") action nop() { x = 0; }
    table t1 {
        actions = { a1; a2; }
    }
    table t2 {
        actions = { b1; b2; }
    }
    table t3 {
        actions = { NoAction; NoAction_1; top; top2; nop; }
    }
    apply {
        t1.apply();
        t2.apply();
        t3.apply();
    }
}

control d(inout bit<8> x) {
    @name(".nop") action nop() { x = 1; }
    table t {
        actions = { nop; }
    }
    apply { t.apply(); }
}
