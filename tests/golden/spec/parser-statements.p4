// Spec "Parser states", "Return statement", "Exit statement", "Switch
// statement": a parser state holds no return, exit or switch; the grammar
// has no place for them.
parser prs(in bit<8> x) {
    state start {
        exit;                                      // not in parsers
        return;
        switch (x) { 1: {} }                       // no switch in parsers
        transition accept;
    }
}

