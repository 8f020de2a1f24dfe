// @p4cc_cache: a size from 1 to 2^20 on ternary and lpm tables.
#include <core.p4>
#include <xdp_model.p4>

header h_t { bit<32> a; bit<8> b; }
struct headers_t { h_t h; }

parser P(packet_in pkt, out headers_t hdr) {
    state start { pkt.extract(hdr.h); transition accept; }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set(bit<8> v) { hdr.h.b = v; }
    @p4cc_cache(0)
    table zero { key = { hdr.h.a : ternary; } actions = { set; } }
    @p4cc_cache(2000000)
    table huge { key = { hdr.h.a : lpm; } actions = { set; } }
    @p4cc_cache(many)
    table word { key = { hdr.h.a : lpm; } actions = { set; } }
    @p4cc_cache(16)
    table exact_match { key = { hdr.h.a : exact; } actions = { set; } }
    @p4cc_cache(16)
    table fine { key = { hdr.h.a : lpm; } actions = { set; } }
    apply {
        zero.apply(); huge.apply(); word.apply(); exact_match.apply(); fine.apply();
        xout.output_action = xdp_action.XDP_PASS;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply { pkt.emit(hdr.h); }
}

xdp(P(), C(), D()) main;
