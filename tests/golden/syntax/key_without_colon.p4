// A key element without its colon: one error, and the table after it still parses.
control c(inout bit<8> x) {
    table t {
        key = { x exact; }
        actions = { }
    }
    apply { }
}
