/* A header stack in a variable of a parser state's own: its next-index
 * stays the variable's own C local, declared with it in the state
 * (emit_parser.c, find_stacks keys stacks by place and gives parser
 * locals to the others only). Before, the stack analysis asked for the
 * variable's C name before its declaration was emitted, and the program
 * did not compile ("'loc' is not supported here"). */
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
    h_t a;
}

parser Parse(packet_in pkt, out headers hdr) {
    state start {
        pkt.extract(hdr.eth);
        h_t[2] loc;
        pkt.extract(loc.next);
        pkt.extract(loc.next);
        hdr.a = loc.last;
        hdr.a.v = hdr.a.v + loc[0].v;
        transition accept;
    }
}

control Switch(inout headers hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
    }
}

control Deparse(in headers hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.a);
    }
}

xdp(Parse(), Switch(), Deparse()) main;
