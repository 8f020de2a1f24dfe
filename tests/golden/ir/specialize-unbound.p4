/* A generic function whose type parameter no argument binds cannot be
 * specialized: the call must give the type argument. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t { bit<8> a; }
struct headers_t { h_t h; }

parser prs(packet_in p, out headers_t hdr) {
    state start { p.extract(hdr.h); transition accept; }
}

void scratch<T>() { T unused; }

control ctl(inout headers_t hdr, out bool pass) {
    apply {
        scratch();
        scratch<bit<4>>();
        pass = true;
    }
}

ebpfFilter(prs(), ctl()) main;
