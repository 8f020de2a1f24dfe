/* Header stack elements made valid through a run-time index, after a
 * header the parser extracted: that header moves with the packet start,
 * so the deparser must not take it for one still in place. The write
 * analysis (emit_deparser.c) keys headers by place: setValid() on s[i]
 * changes the validity of some element of s (Writes.changed_within), and
 * assigning a whole element s[i] writes its validity as well. Before,
 * both were dropped: every packet that gained an element came out with
 * the Ethernet header one byte off (and, in a program with only the
 * assignment, without the element: a byte short). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> v;
}

struct headers {
    eth_t eth;
    h_t[2] s;
}

parser Parse(packet_in pkt, out headers hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Switch(inout headers hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        bit<1> i = hdr.eth.type[0:0];
        if (hdr.eth.type[8:8] == 0) {
            hdr.s[i].setValid();
            hdr.s[i].v = 0x77;
        } else if (hdr.eth.type[9:9] == 1) {
            h_t tmp;
            tmp.setValid();
            tmp.v = 0x66;
            hdr.s[i] = tmp;
        }
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
    }
}

control Deparse(in headers hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.s);
    }
}

xdp(Parse(), Switch(), Deparse()) main;
