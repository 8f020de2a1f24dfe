#include <core.p4>

struct s { bit<1> f0; bit<1> f1; }
extern bit<1> ext1();
extern bit<1> ext2();

control c() {
    bit<2> tt;
    action a1(in s v) { tt = v.f0 ++ v.f1; }
    action a2(in s v) { tt = v.f1 ++ v.f0; }
    table swapped {
        actions = { a1({f0 = ext1(), f1 = ext2()}); }
        default_action = a1({f1 = ext1(), f0 = ext2()});
    }
    table reordered {
        actions = { a2({f0 = ext1(), f1 = ext2()}); }
        default_action = a2({f1 = ext2(), f0 = ext1()});
    }
    apply {}
}
