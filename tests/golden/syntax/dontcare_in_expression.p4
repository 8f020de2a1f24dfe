// `_` is allowed as an argument or a keyset, not inside an expression.
control c(inout bit<8> x) {
    apply {
        x = _ + 1;
    }
}
