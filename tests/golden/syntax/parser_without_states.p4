// A parser needs at least one state.
parser p(in bit<8> x) {
}
