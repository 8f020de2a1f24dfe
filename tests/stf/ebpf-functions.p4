/* Functions: a value-returning function with in parameters, and a void
 * function with an inout parameter (copy-in/copy-out). */
#include <core.p4>
#include <ebpf_model.p4>
header h_t { bit<8> a; bit<8> b; bit<16> c; }
struct headers_t { h_t h; }
parser prs(packet_in p, out headers_t hdr) { state start { p.extract(hdr.h); transition accept; } }
bit<8> max(in bit<8> x, in bit<8> y) { if (x > y) { return x; } return y; }
void bump(inout bit<16> v, in bit<16> by) { v = v + by; }
/* Copy-in/copy-out: with both arguments naming one field, the last copy
 * back wins, so twice(x, x) adds 10, not 11. */
void twice(inout bit<8> p, inout bit<8> q) { p = p + 1; q = q + 10; }
control ctl(inout headers_t hdr, out bool pass) {
    apply {
        bump(hdr.h.c, 3);
        twice(hdr.h.a, hdr.h.a);
        pass = max(hdr.h.a, hdr.h.b) == 17 && hdr.h.c == 13;
    }
}
ebpfFilter(prs(), ctl()) main;
