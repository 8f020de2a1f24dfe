// Type arguments are inferred from the arguments; an int literal gives no
// width, and a type parameter no argument mentions stays unknown.
#include <core.p4>
extern void show<T>(in T value);
extern Pair<A, B> {
    Pair(A first);
    B second();
}
control ctr<H>(inout H hdr);
package top<H1, H2>(ctr<H1> first, @optional ctr<H2> second);
control c(inout bit<8> x) {
    Pair(8w1) p;
    apply {
        show(x);
        show(1);
        verify(x == 1, error.NoError);
    }
}
top(c()) main;
