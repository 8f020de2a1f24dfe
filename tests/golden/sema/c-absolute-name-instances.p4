#include <core.p4>

// An absolute @name names one object: a control that declares one cannot
// be instantiated twice. A relative @name is fine (each instance gets its
// own prefix), and so is a single instance.
control Counted() {
    @name(".shared_table") table t { actions = {} }
    apply { t.apply(); }
}

control Relative() {
    @name("local_table") table t { actions = {} }
    apply { t.apply(); }
}

control Once() {
    @name(".once_table") table t { actions = {} }
    apply { t.apply(); }
}

control Top() {
    Counted() first;
    Relative() r1;
    Relative() r2;
    Once() only;
    Counted() second;
    apply {
        first.apply();
        second.apply();
        r1.apply();
        r2.apply();
        only.apply();
    }
}
