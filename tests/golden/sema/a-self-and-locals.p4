// Types cannot contain themselves; int values are compile-time known, so no
// variable or action parameter has type int; block locals cannot hide
// parameters.
struct List { bit<8> head; List[2] tail; }
extern Box {
    Box();
    void put(Box other);
}
control c(inout bit<8> x) {
    bit<8> y = 1;
    action a(int n) {}
    apply {
        int i = 3;
        bit<8> x = 2;
    }
}
