// Table properties the XDP backend does not read warn where they are written
// (support_timeout: entries never age out), once even when the control is
// instantiated twice; the ones it reads (size here) do not.
#include <core.p4>
#include <xdp_model.p4>
header h_t { bit<8> f; }
struct headers { h_t h; }
parser P(packet_in p, out headers hd) { state start { p.extract(hd.h); transition accept; } }
control Inner(inout headers hd) {
    action a() {}
    table t {
        key = { hd.h.f : exact; }
        actions = { a; NoAction; }
        support_timeout = true;
        psa_idle_timeout = 1;
        size = 16;
    }
    apply { t.apply(); }
}
control C(inout headers hd, in xdp_input xin, out xdp_output xout) {
    Inner() i1;
    Inner() i2;
    apply { i1.apply(hd); i2.apply(hd); xout.output_action = xdp_action.XDP_PASS; xout.output_port = 0; }
}
control D(in headers hd, packet_out p) { apply { p.emit(hd.h); } }
xdp(P(), C(), D()) main;
