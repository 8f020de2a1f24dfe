// --emit=typed-p4 shows the widths the checker gave unsized literals.
#include <core.p4>
control c(inout bit<8> x, inout bit<16> y) {
    apply {
        x = 5;
        y = y + 1;
        x = x & 0xF0;
    }
}
