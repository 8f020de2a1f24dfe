/* A table without a default_action has NoAction as its default (spec
 * "Table properties"): a miss runs NoAction, so a switch on action_run
 * takes its NoAction arm, not `default` (corpus
 * gauntlet_exit_combination_15-bmv2 took `default`). */
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
    action mark() { hdr.eth.src = 1; }
    table t {
        key = { hdr.eth.dst : exact; }
        actions = { mark; NoAction; }
    }
    table no_noaction {
        key = { hdr.eth.dst : exact; }
        actions = { mark; }
    }
    apply {
        switch (t.apply().action_run) {
            mark: { hdr.eth.type = 1; }
            NoAction: { hdr.eth.type = 2; }
            default: { hdr.eth.type = 3; }
        }
        switch (no_noaction.apply().action_run) {
            mark: { hdr.eth.dst = 0xa; }
            default: { hdr.eth.dst = 0xb; }
        }
        xout.output_port = 0;
        xout.output_action = xdp_action.XDP_TX;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
    }
}

xdp(P(), C(), D()) main;
