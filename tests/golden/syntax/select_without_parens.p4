// The arguments of `select` go in parentheses.
parser p(in bit<8> x) {
    state start {
        transition select x;
    }
}
