// One bad statement in each of three actions: each is reported, and the
// declarations after them are still parsed.
action a1(inout bit<8> x) {
    x = x + ;
}

action a2(inout bit<8> x) {
    x = (x * 2;
}

action a3(inout bit<8> x) {
    x = x 3;
}

control c(inout bit<8> x) {
    apply {
        a1(x);
        a2(x);
        a3(x);
    }
}
