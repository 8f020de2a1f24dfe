// Spec "Switch statement", "Exit statement" (action_run) and p4c's
// "table application results cannot be compared": what a switch may
// switch on, and where a table's apply result may stand.
#include <core.p4>

enum E { e1, e2 }

control c(in bit<8> x, in E e) {
    action a() {}
    table t { actions = { a; } }
    apply {
        switch (t.apply().action_run) { a: {} }    // fine
        switch (x) { 1: {} }                       // fine
        switch (e) { E.e1: {} }                    // fine
        switch (3) { 3: {} }                       // not an int
        switch (true) { default: {} }              // not a bool
        if (t.apply().action_run == t.apply().action_run) {}
        if (t.apply() == t.apply()) {}
        if (t.apply().hit == t.apply().miss) {}    // fine: bools
    }
}

// Spec "Return statement", "Exit statement", "Switch statement", "For
// statement", "Function declarations" (parsers: spec/parser-statements).
bit<8> f(in bit<8> x) {
    if (x == 0) { return 1; }                      // not on all paths
}

void g() {
    exit;                                          // not in functions
    return 1;                                      // g returns nothing
}

bit<8> h() {
    return;                                        // h returns a value
}

control d(in bit<8> x) {
    action a() {}
    action b() {}
    table t { actions = { a; } }
    apply {
        break;                                     // only in loops
        switch (t.apply().action_run) { b: {} }    // b is not t's action
        switch (x) {
            x: {}                                  // labels are known
            1: {}
            1: {}                                  // twice
        }
        switch (x) { default: {} 2: {} }           // default comes last
    }
}
