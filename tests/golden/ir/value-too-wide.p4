// The XDP backend keeps every value in a per-packet state that clang can
// zero inline only up to 1024 bytes: bit<W>, int<W> and varbit<W> wider
// than 4096 bits are refused where written (the spec allows them; clang
// failed on them before).
#include <core.p4>
#include <xdp_model.p4>

header h_t {
    bit<4096>   widest;       // fine
    bit<100000> f;
    varbit<8192> v;
}
struct headers { h_t h; }

parser P(packet_in p, out headers hd) {
    state start { p.extract(hd.h, 32w0); transition accept; }
}
control C(inout headers hd, in xdp_input xin, out xdp_output xout) {
    apply {
        int<5000> local = 5000s0;
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}
control D(in headers hd, packet_out p) { apply { p.emit(hd.h); } }
xdp(P(), C(), D()) main;
