/* Assignments to a slice of a slice (spec "Bit-slices": an l-value slice of
 * an l-value slice): x[7:4][2:1] = v writes x[6:5]. The backend once refused
 * them (corpus gauntlet_nested_slice-bmv2). Also in a field wider than 64
 * bits, written byte by byte. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header v_t {
    bit<8>  a;
    bit<16> b;
    bit<72> w;
}

struct headers_t {
    eth_t eth;
    v_t   v;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.v);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        bit<8> n = 8w0xff;
        n[7:4][3:0][3:0] = 4w0;          /* n = 0x0f */
        hdr.v.a = n;
        hdr.v.b[15:8][6:1] = 6w0;        /* bits 14..9 */
        hdr.v.w[71:8][15:4][3:0] = 4w0;  /* bits 15..12 */
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_TX;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.v);
    }
}

xdp(P(), C(), D()) main;
