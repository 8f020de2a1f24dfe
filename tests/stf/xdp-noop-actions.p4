/* Tables whose actions all do nothing: when only hit/miss is read, the
 * generated code does no default-action lookup and no dispatch
 * (emit_tables.c, actions_are_no_ops); when action_run is read, the action
 * that ran must still be the one the entry or the control plane's default
 * named, even though none of them does anything. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    eth_t eth;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action first() {}
    action second() {}

    table which {
        key = { hdr.eth.type : exact; }
        actions = { first; second; NoAction; }
        default_action = NoAction();
    }

    table known {
        key = { hdr.eth.type : exact; }
        actions = { NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        switch (which.apply().action_run) {
            first: { hdr.eth.src = 1; }
            second: { hdr.eth.src = 2; }
            NoAction: { hdr.eth.src = 3; }
        }
        if (known.apply().hit) {
            hdr.eth.dst = 0xaa;
        } else {
            hdr.eth.dst = 0xbb;
        }
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
    }
}

xdp(P(), C(), D()) main;
