// An error in an included file is reported in that file, and positions
// in this file after the #include are still right.
#include "inc/broken.p4"

control c(inout bit<8> x) {
    apply {
        x = x + ;
    }
}
