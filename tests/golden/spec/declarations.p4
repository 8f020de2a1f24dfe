// Spec "Header unions", "Enumeration types", "Extern objects", "Function
// declarations", "Operations on variable-size bit types", "Operations on
// error types", "For statement", "Introducing new types", "Variables",
// "Invoking actions", "Package types": what these declarations and
// operations require.
#include <core.p4>

header a_t { bit<8> x; }
header_union u_t { a_t a; bit<8> raw; }              // only headers
enum bool B { t = true }                             // enums take bit<W> or int<W>
enum bit<8> SE { one = 1, two = SE.one + 1 }         // fine: an earlier member
enum bit<8> Twice { x = 1, x = 2 }                   // a member declared once
type bit<8> T8;

extern Ext {
    void Ext();                                      // a method cannot take it
}

bit<8> fact(in bit<8> n) {
    return n == 0 ? 8w1 : n * fact(n - 1);           // no recursion
}

control pc();
package Pkg(pc p);

control c(in varbit<16> v, in varbit<8> w, out varbit<16> o, in error e, in bit<8> x,
          in T8 t, in int<8> s, out bit<8> r) {
    action two(bit<8> a, bit<8> b) {}
    Ext ext_var;                                     // objects are instantiated
    apply {
        o = w;                                       // varbits of one width only
        bool lt = e < error.NoError;                 // errors only compare for equality
        for (bit<8> i = 0; x; i = i + 1) {}          // the condition is bool
        r = t + x;                                   // a type is not its original type
        r = (bit<8>)(s / s);                         // no / on int<W>
        const int sat = 1 |+| 2;                     // no saturating arithmetic on int
        two(1);                                      // a direct call gives every argument
        Pkg.apply();                                 // packages are only instantiated
        const bit<8> known = x;                      // constants are compile-time known
    }
}

extern pc make_control();                            // calls return values, not controls
