// Spec "Calling convention" ("Optional parameters"), "Arbitrary-precision
// integers", "Extern objects" and the tables' "Actions": what parameters
// may be and how they are bound.
#include <core.p4>

extern void opt(@optional in bit<8> a, in bit<8> b = 1);
extern void bad_opt(@optional in bit<8> a = 2);      // no default for @optional
bit<8> by_int(in int x) { return 8w1; }               // int takes no direction
control with_int(in int x);

extern E {
    E();
    abstract void f(in bit<8> a);
    abstract void f(in bit<8> a, in bit<8> b);       // abstract methods do not overload
}

control c(inout bit<8> z) {
    action b(inout bit<8> x, bit<8> d) { x = d; }
    table t {
        actions = { b(z, 3); }                       // d is action data
    }
    apply {
        opt(a = 1, b = 2);                           // fine
        opt(1, 2);                                   // must be named
        b(z, 4);                                     // fine: a direct call binds all
    }
}
