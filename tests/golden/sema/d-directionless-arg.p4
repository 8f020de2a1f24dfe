// Spec "Calling convention": outside actions, an argument for a
// directionless parameter must be compile-time known.
extern void f<T>(T a);
header h_t { bit<16> x; }
control c(inout h_t h)(bit<16> k) {
    action act(bit<16> d) { f(d); }   // action data: accepted (as p4c)
    apply {
        f(k);
        f(16w1 + k);
        f(h.x);
        act(h.x);
    }
}
