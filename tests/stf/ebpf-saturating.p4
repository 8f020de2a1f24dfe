/* Saturating arithmetic on int<8>: |+| and |-| clamp to [-128, 127]. */
#include <core.p4>
#include <ebpf_model.p4>
header h_t { int<8> a; int<8> b; int<8> s; int<8> d; }
struct headers_t { h_t h; }
parser prs(packet_in p, out headers_t hdr) { state start { p.extract(hdr.h); transition accept; } }
control ctl(inout headers_t hdr, out bool pass) {
    apply {
        int<8> s = hdr.h.a |+| hdr.h.b;
        int<8> d = hdr.h.a |-| hdr.h.b;
        pass = s == hdr.h.s && d == hdr.h.d;
    }
}
ebpfFilter(prs(), ctl()) main;
