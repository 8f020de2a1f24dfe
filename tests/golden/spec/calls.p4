// Spec appendix "Restrictions on compile time and run time calls": where
// parsers, controls, tables, functions and externs may be called, and no
// recursion.
#include <core.p4>

extern bit<8> random();
bit<8> twice(in bit<8> x) { return x + x; }

const bit<8> TOP = twice(2);            // nothing runs at the top level
const bool OK = static_assert(true);    // except static_assert

parser P();
parser sub() { state start { transition accept; } }
control inner() { apply {} }

parser p()(P s) {
    state start {
        s.apply();                      // fine
        inner.apply();                  // a control, in a parser
        transition accept;
    }
}

control c() {
    action a() {}
    table t2 { actions = { a; } }
    table t {
        key = { t2.apply().hit : exact @name("hit"); }   // fine: keys run at apply
        actions = { a; }
    }
    bool early = t2.apply().hit;        // not in the apply block
    action loop() { loop(); }           // recursion
    apply {
        sub.apply();                    // a parser, in a control
        inner.apply();                  // fine
        t.apply();
    }
}

void f() {
    inner.apply();                      // a control, in a function
}
