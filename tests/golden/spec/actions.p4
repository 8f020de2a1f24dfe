// Spec "Actions", "Invoking actions": action parameters, and what an
// action body may not do.
#include <core.p4>

extern Ext { Ext(); }
action top() {}

action with_extern(Ext e) {}                // no extern parameters
action with_int(int n) {}                   // action data has a width

control inner() { apply {} }

control c(inout bit<8> x) {
    inner() i;
    action a() {}
    table t { actions = { a; } }
    action bad() {
        t.apply();                          // no table applies in actions
        i.apply();                          // nor control applies
        bit<8> local = x;                   // fine
    }
    apply {
        top();                              // fine
    }
}

parser p() {
    state start {
        top();                              // actions run in controls
        transition accept;
    }
}

void f() {
    top();                                  // not from functions
}
