// P4 has no `>>>` operator.
control c(inout bit<8> x) {
    apply {
        x = x >>> 1;
    }
}
