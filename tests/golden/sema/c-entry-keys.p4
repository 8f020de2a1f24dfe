#include <core.p4>

control c(in bit<8> k, in bit<8> m) {
    action a(bit<8> x) {}
    table lpm_masks {
        key = { k : lpm; }
        actions = { a; }
        const entries = {
            0x10 &&& 0xF0 : a(1);
            0x10 &&& 0xE1 : a(2);
            0x10 &&& 0x180 : a(3);
            0x10 &&& 0x181 : a(4);
            0x10 &&& 0 : a(5);
        }
    }
    table exact_dups {
        key = { k : exact; m : exact; }
        actions = { a; }
        const entries = {
            (1, 2) : a(1);
            (1, 3) : a(2);
            (1, 0x102) : a(3);
        }
    }
    table repeated_dups {
        key = { k : exact; }
        actions = { a; }
        const entries = {
            5 : a(1);
            7 : a(2);
            0x105 : a(3);   /* 5 as a bit<8> */
            7 : a(4);
            6 : a(5);
            5 : a(6);
        }
    }
    table ternary_dups {
        key = { k : ternary; }
        actions = { a; }
        const entries = {
            1 : a(1);
            1 : a(2);
        }
    }
    apply {}
}
