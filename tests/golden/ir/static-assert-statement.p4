/* A call constant folding evaluates, as a statement (static_assert in a
 * function): dead-code removes it, leaving nothing to run (the backend
 * crashed on the folded literal). */
#include <core.p4>
#include <xdp_model.p4>

header h_t {
    bit<8> a;
}

struct headers_t {
    h_t h;
}

void f() {
    static_assert(static_assert(true, "inner"));
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        f();
        xout.output_action = xdp_action.XDP_PASS;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
