// Spec "Calling convention: call by copy in/copy out" and "Method
// invocations and function calls": directions, l-values, compile-time
// known arguments, defaults, named arguments and '_'.
#include <core.p4>

extern Ext { Ext(bit<8> size); }
extern void fill(out bit<8> x);
extern void opts(in bit<8> a, in bit<8> b = 1, in bit<8> c);
extern void ext_in(in Ext e);                       // an extern object has no direction
control ctor_dir()(in bit<8> n) { apply {} }        // constructor parameters neither
action late_dir(bit<8> data, in bit<8> x) {}        // action data comes last
void defaults(out bit<8> o = 1) {}                  // defaults only for in and none

control c(in bit<8> i, inout bit<8> io, out bit<8> o) {
    Ext(i) runtime_size;                            // constructor arguments are known
    apply {
        i = 1;                                      // in parameters are read-only
        fill(i);                                    // nor passed as out
        fill(io + 1);                               // out needs an l-value
        fill(_);                                    // fine
        opts(1, 2, 3);                              // fine
        opts(a = 1, c = 3);                         // fine: b by default
        opts(1, c = 3);                             // all named or none
        opts(a = 1, a = 2, c = 3);                  // a given twice
        opts(d = 1);                                // no such parameter
        opts(1, 3);                                 // c is missing: b is not last
        ext_in(_);
    }
}
