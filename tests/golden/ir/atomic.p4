// Spec "Concurrency model": a backend that cannot run an @atomic block
// atomically rejects it, with the block named.
#include <core.p4>
#include <xdp_model.p4>
header h_t { bit<8> a; }
struct headers_t { h_t h; }
parser prs(packet_in pkt, out headers_t hdr) { state start { pkt.extract(hdr.h); transition accept; } }
control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        @atomic {
            hdr.h.a = hdr.h.a + 1;
        }
    }
}
control dep(in headers_t hdr, packet_out pkt) { apply { pkt.emit(hdr.h); } }
xdp(prs(), sw(), dep()) main;
