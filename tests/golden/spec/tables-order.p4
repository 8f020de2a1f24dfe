// p4c checks a table's entries and default action against the actions it
// has seen, so they come after the actions property; and the implicit
// default action NoAction must be one without parameters (spec "Tables").
action NoAction(bit<8> x) {}
match_kind { exact }

control c(in bit<8> k) {
    action a() {}
    table early {
        key = { k : exact; }
        default_action = a;
        const entries = { 1 : a(); }
        actions = { a; }
    }
    table implicit {
        actions = { a; }
    }
    apply {
        early.apply();
        implicit.apply();
    }
}
