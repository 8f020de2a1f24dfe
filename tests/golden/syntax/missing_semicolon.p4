// A statement without its `;`.
control c(inout bit<8> x) {
    apply {
        x = 1
        x = 2;
    }
}
