// P4 has no global variables; only constants may be declared at top level.
bit<8> counter;

control c(inout bit<8> x) {
    apply {
        x = counter;
    }
}
