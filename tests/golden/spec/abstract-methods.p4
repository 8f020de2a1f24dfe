// Spec "Instantiations", "Instantiating objects with abstract methods",
// "Package types", "Data extraction" (packet_in), and `main` ("Example
// architecture program").
#include <core.p4>

extern Hook {
    Hook();
    abstract bit<8> run(in bit<8> x);
    void plain();
}

control C();
package Pkg(C c);
control impl() { apply {} }

control c() {
    Hook() missing;                                 // run is not implemented
    Hook() extra = {
        bit<8> run(in bit<8> x) { return x; }
        void plain() {}                             // not abstract
    };
    Hook() mismatch = {
        bit<8> run(out bit<8> x) { x = 1; return x; }   // x must be in
    };
    impl() with_init = { };                         // only externs take initializers
    packet_in() pkt;                                // the architecture makes these
    C() from_type;                                  // a control type is no control
    action a() {
        Hook() h = { bit<8> run(in bit<8> x) { return x; } };   // not in actions
    }
    apply {
        Hook() h2 = { bit<8> run(in bit<8> x) { return x; } };  // not in blocks
    }
}

Pkg(c()) pkg;
const bit<8> main = 1;                              // main is a package instance
