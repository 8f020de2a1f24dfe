// Spec "Keys" (control-plane names): p4cc derives a key's name from its
// text where p4c does (names, fields, constants, indexes, slices, '&',
// isValid()); other keys need @name.
#include <core.p4>
header h_t { bit<8> a; bit<8> b; }
const bit<8> MASK = 0xf0;
control c(in h_t h, in bit<8>[4] arr, in bit<2> i) {
    action nop() {}
    table t {
        key = {
            h.a : exact;
            h.a & MASK : ternary;
            h.a & h.b : ternary;
            arr[i] : exact;
            h.b[3:0] : exact;
            8w7 : exact;
            h.isValid() : exact;
            h.a + h.b : exact @name("sum");
            h.a + h.b : exact;       // needs @name
            (bit<4>)h.a : exact;     // needs @name
            h.a[i +: 2] : exact;     // needs @name
        }
        actions = { nop; }
    }
    apply { t.apply(); }
}
