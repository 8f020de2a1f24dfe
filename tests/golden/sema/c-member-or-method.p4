// A field that does not exist is reported as such; a method named without
// a call is reported as a method that must be called.
#include <core.p4>
header ipv4_t { bit<16> len; }
struct H { ipv4_t ipv4; }
control c(inout H h) {
    apply {
        h.ipv4.totalLen = 5;
        bit<16> x = h.ipv4.totalLen;
        h.ipv4.isValid = 1;
    }
}
control E(inout H h);
package top(E e);
top(c()) main;
