// Spec "A note about shifts": the amount is a bit<S> value or a
// compile-time known non-negative number (also of a signed type); an int
// left operand needs a known amount.
control c(inout bit<8> a, in int<4> s, in bit<3> n) {
    const int<4> three = 3;
    apply {
        a = a << three;          // a known signed amount: fine
        a = a >> (int<8>)2;      // fine
        a = a << s;              // a run-time signed amount
        a = a >> -1;             // negative
        a = a << three - 4;      // negative, computed
        a = (bit<8>)(1 << n);    // int shifted by a run-time amount
    }
}
