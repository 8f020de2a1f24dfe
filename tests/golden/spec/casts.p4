// Spec "Explicit casts": a type introduced by 'type' converts only to and
// from its original type (an int literal takes its width).
#include <core.p4>

typedef bit<1> b1;
type b1 t1;
type bit<8> t8;

control c(in bit<1> one, in bit<2> two, in t8 v, out t1 r, out bit<8> w, out bit<16> wide) {
    apply {
        r = (t1)one;                    // fine
        r = (t1)1;                      // fine
        r = (t1)two;                    // another width
        w = (bit<8>)v;                  // fine
        wide = (bit<16>)v;              // not the original type
    }
}
