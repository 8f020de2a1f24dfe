// A for loop in a parser state: one located error, not a cascade of
// syntax errors (the grammar has loops in controls only).
extern packet_in { void extract<T>(out T hdr); }
header h_t { bit<8> a; }
struct hs { h_t h; }
parser p(packet_in pkt, out hs hdr) {
    state start {
        for (bit<8> i = 0; i < 3; i = i + 1) {
            pkt.extract(hdr.h);
        }
        transition accept;
    }
}
