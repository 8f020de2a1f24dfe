// Valid programs the checker must accept (no diagnostics expected): what
// the spec allows and earlier versions of the checker refused, and what
// p4c accepts beyond the spec's letter (docs/CONFORMANCE.md, "Accepted as
// p4c does").
#include <core.p4>

extern E {
    E();
    bit<8> minSizeInBits<T>(in T data);   // one overload generic: `<` opens type arguments
    bit<8> minSizeInBits();
    void count(int index);
}

struct S { bit<32> b; }
struct Gen<T> { T data; bit<1> valid; }
const Gen<S> folded = (Gen<S>){ data = { b = 0 }, valid = 0 };   // a cast of known values

bit<8> add(bit<8> a, in bit<8> b) { return a + b; }    // directionless function parameter (p4c)
const int masked = 5 & 3;                              // int & int of known values (p4c)

header h_t { bit<8> a; }

control c(inout bit<8> x, in bit<8> y, inout h_t[0] empty, inout tuple<bit<8>, bit<8>> t) {
    E() e;
    const int<4> two = 2;
    @name(".nop") action nop() { x = 0; }
    action data(bit<8> v) { e.count(v); }          // bit<8> given for int (p4c)
    table tt {
        key = { x : exact; }
        actions = { nop; data; }
        const entries = {
            0xa0 &&& 0xf0 : nop();                 // several exact entries at once (spec "Entries")
            1 .. 3 : data(1);
            _ : nop();
        }
    }
    apply {
        x = e.minSizeInBits<bit<32>>(1) + e.minSizeInBits();
        x = x / y + x % y;                         // run-time division
        x = x << two;                              // a known signed shift amount
        t[0] = x;                                  // a tuple element written (p4c)
        tt.apply();
    }
}

control d(inout bit<8> x) {
    @name(".nop") action nop() { x = 1; }          // another .nop: different tables
    table t { actions = { nop; } }
    apply { t.apply(); }
}
