#include <core.p4>

action top() {}
@name("top") action top2() {}

control c() {
    @name(".foo") action a1() {}
    @name(".foo") action a2() {}
    @name("b") action b1() {}
    @name(".c.b") action b2() {}
    @name(".top3") action ok() {}
    apply {}
}

control d() {
    @name("b") action b1() {}
    apply {}
}
