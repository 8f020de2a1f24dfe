// A struct that contains itself, used in a header: one error at the field,
// and the checks of the header that follow must not walk the cycle forever
// (a fuzzer found p4cc overflowing its stack here).
#include <core.p4>

struct looped_t {
    looped_t inner;
    bit<4>   a;
}

header h_t {
    looped_t l;
    bit<4>   b;
}
