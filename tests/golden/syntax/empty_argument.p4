// Two commas in a row in an argument list.
extern void f(in bit<8> a, in bit<8> b);
control c(inout bit<8> x) {
    apply {
        f(x, , 1);
    }
}
