// Slices with a known start, structure-valued comparisons, select keys.
struct S { bit<8> a; }
parser p(in bit<32> x, in S s) {
    state start {
        bit<8> lo = x[-2 +: 8];
        bit<8> hi = x[30 +: 8];
        bool same = { a = 1 } == { a = 1 };
        bool ok = s == { a = 1 };
        transition select (s) {
            { 1 }: accept;
            default: reject;
        }
    }
}
