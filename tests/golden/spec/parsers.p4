// Spec "Parser declarations", "Parser states", "Select expressions",
// "verify", "Parser Value Sets".
#include <core.p4>

parser no_start() {
    state begin { transition accept; }      // a parser needs 'start'
}

parser builtin_states() {
    state start { transition accept; }
    state accept { transition reject; }     // accept and reject are built in
}

parser selects(in bit<8> x, in bool b) {
    value_set<bit<8>>(0) empty_set;         // a positive size
    value_set<bit<8>>(x) runtime_size;      // a known size
    state start {
        transition select(x, b) {
            (1, true): accept;
            (1, 2): accept;                 // 2 is no bool
            1: accept;                      // one value for two keys
            default: nowhere;               // no such state
        }
    }
}

control c(in bool ok) {
    apply {
        verify(ok, error.NoError);          // verify is for parsers
    }
}
