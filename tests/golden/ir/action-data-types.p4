// Action data reaches the control plane, which writes numbers and bools:
// an action a table runs cannot take a struct (p4c refuses it when writing
// P4Runtime: corpus issue532.p4); a direct call may pass one.
#include <core.p4>
#include <xdp_model.p4>
header h_t { bit<8> a; bit<8> b; }
struct headers_t { h_t h; }
struct pair_t { bit<8> x; bit<8> y; }
parser prs(packet_in pkt, out headers_t hdr) { state start { pkt.extract(hdr.h); transition accept; } }
control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set(pair_t p) { hdr.h.a = p.x; hdr.h.b = p.y; }
    table t { key = { hdr.h.a : exact; } actions = { set; NoAction; } }
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        t.apply();
        set({ 1, 2 });
    }
}
control dep(in headers_t hdr, packet_out pkt) { apply { pkt.emit(hdr.h); } }
xdp(prs(), sw(), dep()) main;
