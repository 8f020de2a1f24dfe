/* Two extern functions implemented in C (tests/integration/extern-c.sh). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header data_t {
    bit<32> v;
    bit<16> folded;
    bit<8>  count;
}

struct headers_t {
    eth_t  eth;
    data_t data;
}

/* The high and the low 16 bits of V, exclusive-or'ed. */
extern bit<16> fold16(in bit<32> v);
/* X + 1. */
extern void bump(inout bit<8> x);

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.data);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.data.folded = fold16(hdr.data.v);
        bump(hdr.data.count);
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.data);
    }
}

xdp(P(), C(), D()) main;
