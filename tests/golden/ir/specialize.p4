/* --dump-ir=specialize: one copy of a generic function per distinct
 * instantiation, named after its type arguments; inferred and explicit
 * type arguments give the same copy; a generic function calling another
 * with its own type variable; a specialized generic struct (listed as a
 * type); a header as a type argument. The generic functions are gone. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t { bit<8> a; bit<8> b; bit<16> c; bit<16> d; }
struct box<T> { T value; }
struct headers_t { h_t h; }

parser prs(packet_in p, out headers_t hdr) {
    state start { p.extract(hdr.h); transition accept; }
}

T pick<T>(in bool c, in T a, in T b) { if (c) { return a; } return b; }

void copy<T>(out T dst, in T src) { dst = src; }

/* Calls copy<U> with U still a variable: specialized with each use. */
U through<U>(in U v) {
    U tmp;
    copy<U>(tmp, v);
    return tmp;
}

control ctl(inout headers_t hdr, out bool pass) {
    apply {
        copy(hdr.h.a, pick(hdr.h.c == 0, hdr.h.a, hdr.h.b));
        copy<bit<8>>(hdr.h.b, hdr.h.a);
        box<h_t> b = { hdr.h };
        copy(hdr.h, b.value);
        hdr.h.c = through(hdr.h.d);
        hdr.h.a = through<bit<8>>(hdr.h.b);
        pass = hdr.h.c == 1;
    }
}

ebpfFilter(prs(), ctl()) main;
