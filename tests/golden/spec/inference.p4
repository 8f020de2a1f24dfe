// Spec "Method invocations and function calls", "Type specialization":
// type arguments must follow from the arguments: not from '_', an int
// without a width, a don't-care type argument or an untyped struct value.
#include <core.p4>

extern void fill<T>(out T x);
extern void take<T>(in T x);
extern E<T> {
    E();
    void put(in T v);
}

control c(out bit<8> y) {
    E<_>() e;
    apply {
        fill(y);
        fill(_);                          // '_' of no known type
        fill<bit<8>>(_);                  // fine
        take(8w1);
        take(1);                          // no width
        e.put(1);                         // T is '_'
        take({ a = y, b = y });           // no struct type
        take((bit<4>)1);
    }
}
