// Functions return a value on every path; a parser reaches accept or
// reject; select keysets call nothing, range bounds are known, and '...'
// ends a select's list.
bit<8> pick(in bool c, in bit<8> a) {
    if (c)
        return a;
}
bit<8> always(in bool c, in bit<8> a) {
    if (c)
        return a;
    else
        return 0;
}
parser loop(in bit<8> v) {
    state start { transition next; }
    state next { transition start; }
}
parser sel(in bit<8> v, in bit<8> w) {
    state start {
        transition select(v) {
            always(true, 1) : accept;
            w .. 8 : accept;
            1 .. 8 : accept;
            default : reject;
        }
    }
    state other {
        transition select(v, ..., w) {
            default : accept;
        }
    }
}
