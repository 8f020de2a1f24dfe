// `table` is a keyword and cannot name a variable.
control c(inout bit<8> x) {
    apply {
        bit<8> table = 1;
        x = table;
    }
}
