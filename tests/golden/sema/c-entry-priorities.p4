#include <core.p4>

control c(in bit<8> k, in bit<8> m) {
    action a(bit<8> x) {}
    table only_exact {
        key = { k : exact; m : lpm; }
        actions = { a; }
        entries = {
            priority = 3 : (1, 2) : a(1);
        }
    }
    table first_without {
        key = { k : ternary; }
        actions = { a; }
        entries = {
            1 : a(1);
            priority = 5 : 2 : a(2);
        }
    }
    table goes_negative {
        key = { k : ternary; }
        actions = { a; }
        priority_delta = 4;
        entries = {
            priority = 5 : 1 : a(1);
            2 : a(2);
            3 : a(3);
        }
    }
    table smallest_wins {
        key = { k : ternary; }
        actions = { a; }
        largest_priority_wins = false;
        priority_delta = 4;
        entries = {
            priority = 5 : 1 : a(1);
            2 : a(2);
            3 : a(3);
        }
    }
    apply {}
}
