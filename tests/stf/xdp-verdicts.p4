/* xdp_model.p4 verdicts: the first byte after the Ethernet header picks
 * XDP_PASS, XDP_TX, XDP_DROP, XDP_ABORTED or XDP_REDIRECT (to the port in the
 * second byte); the third byte is overwritten so the deparsed packet shows
 * which branch ran. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header verdict_t {
    bit<8> code;
    bit<8> port;
    bit<8> mark;
}

struct headers_t {
    ethernet_t eth;
    verdict_t  v;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.v);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_port = 0;
        if (hdr.v.code == 1) {
            xout.output_action = xdp_action.XDP_PASS;
            hdr.v.mark = 0xa1;
        } else if (hdr.v.code == 2) {
            xout.output_action = xdp_action.XDP_TX;
            hdr.v.mark = 0xa2;
        } else if (hdr.v.code == 3) {
            xout.output_action = xdp_action.XDP_DROP;
        } else if (hdr.v.code == 4) {
            xout.output_action = xdp_action.XDP_REDIRECT;
            xout.output_port = (bit<32>)hdr.v.port;
            hdr.v.mark = 0xa4;
        } else {
            xout.output_action = xdp_action.XDP_ABORTED;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.v);
    }
}

xdp(prs(), sw(), dep()) main;
