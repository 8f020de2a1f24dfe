// Spec "Operations on header stacks": next, last and lastIndex only in
// parsers, last is never an l-value, push_front and pop_front move a
// positive number of elements.
#include <core.p4>

header h_t { bit<8> a; }

parser p(packet_in pkt, inout h_t[4] s, out bit<32> i) {
    state start {
        pkt.extract(s.next);
        s.last.a = 1;                   // last is not an l-value
        i = s.lastIndex;                // fine in a parser
        transition accept;
    }
}

control c(inout h_t[4] s, out bit<32> i) {
    apply {
        i = s.lastIndex;                // only in parsers
        s.push_front(1);
        s.pop_front(0);                 // not positive
    }
}
