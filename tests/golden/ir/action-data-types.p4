// Action data reaches the control plane, which writes numbers, bools and
// structs of them (field by field: tests/stf/xdp-struct-action-data); a
// header, an enum without a representation or a stack it cannot write. A
// direct call may pass such values.
#include <core.p4>
#include <xdp_model.p4>
header h_t { bit<8> a; bit<8> b; }
struct headers_t { h_t h; }
enum E { e1, e2 }
parser prs(packet_in pkt, out headers_t hdr) { state start { pkt.extract(hdr.h); transition accept; } }
control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set(h_t p) { hdr.h = p; }
    action pick(E e) { if (e == E.e1) { hdr.h.a = 1; } }
    table t { key = { hdr.h.a : exact; } actions = { set; pick; NoAction; } }
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        t.apply();
        set(hdr.h);
        pick(E.e2);
    }
}
control dep(in headers_t hdr, packet_out pkt) { apply { pkt.emit(hdr.h); } }
xdp(prs(), sw(), dep()) main;
