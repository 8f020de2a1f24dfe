// Spec "L-values": what may be assigned (and passed to out and inout
// parameters); "Operations on header stacks": indexes are numbers.
#include <core.p4>

header h_t { bit<8> a; }
enum bit<8> SE { one = 1 }
const bit<8> K = 1;

h_t make() { h_t h = { 1 }; return h; }

control c(in h_t hin, inout h_t hio, in bit<8> x, inout bit<8>[2] arr) {
    apply {
        hin.a = 1;                      // nor a field of an in parameter
        hin.a[3:0] = 1;                 // nor a slice of one
        K = 2;                          // nor a constant
        hio.a[3:0] = 1;                 // fine
        arr[x] = 1;                     // fine: a run-time index into an l-value
        arr[true] = 1;                  // indexes are numbers
    }
}
