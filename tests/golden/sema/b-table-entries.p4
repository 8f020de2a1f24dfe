// Table entries and entry priorities (spec "Entries", "Entry priorities").
#include <core.p4>
control c(in bit<8> x) {
    action a() {}
    table no_key {
        actions = { a; }
        entries = { _ : a(); }
    }
    table late_key {
        const entries = { 1 : a(); }
        key = { x : exact; }
        actions = { a; }
    }
    table prio {
        key = { x : ternary; }
        actions = { a; }
        largest_priority_wins = 1;
        priority_delta = 0;
        const entries = { priority = 3 : 1 &&& 1 : a(); }
    }
    apply {}
}
