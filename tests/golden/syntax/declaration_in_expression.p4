// A type name where an expression is expected.
header h_t { bit<8> a; }
control c(inout bit<8> x) {
    apply {
        x = h_t + 1;
    }
}
