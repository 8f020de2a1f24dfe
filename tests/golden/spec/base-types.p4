// Spec "Base types": widths, int values (compile-time only), bool and
// strings, and literals.
#include <core.p4>

const bit<-1 + 0> neg = 0;              // widths are non-negative
const int<0> none = 0;                  // int<W> needs W >= 1
typedef varbit<-2> vneg;
const int<8> zero_width = 0s5;          // an int<0> literal
const bit<8> wraps = 8w0x1FF;           // a warning: it wraps around

control c(in bool b, in bit<8> x, out bit<8> y) {
    apply {
        int n = 5;                      // int values are compile-time known
        y = b + 1;                      // no arithmetic on bool
        if (x) {}                       // a condition is bool
        y = (bit<8>)(b & b);            // no bitwise operators on bool
        y = x + "s";
    }
}
