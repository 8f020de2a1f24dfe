/* Registers the XDP backend cannot make: elements wider than 64 bits,
 * indexes wider than 32 bits, a size of 0. */
#include <core.p4>
#include <xdp_model.p4>

header h_t { bit<8> a; }
struct hs { h_t h; }

parser prs(packet_in pkt, out hs hdr) { state start { pkt.extract(hdr.h); transition accept; } }

control sw(inout hs hdr, in xdp_input xin, out xdp_output xout) {
    Register<bit<128>, bit<32>>(4) wide;
    Register<bit<8>, bit<64>>(4) far;
    Register<bit<8>, bit<32>>(0) empty;
    apply { xout.output_action = xdp_action.XDP_PASS; }
}

control dep(in hs hdr, packet_out pkt) { apply { pkt.emit(hdr.h); } }

xdp(prs(), sw(), dep()) main;
