/* tests/unit/test_tss.c: a ternary table with a range field, whose
 * entries write their id into the packet, to watch updates take effect. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<32> key;
    bit<16> port;
    bit<16> result;
}

struct headers_t {
    ethernet_t eth;
    probe_t    probe;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_result(bit<16> id) { hdr.probe.result = id; }
    action miss() { hdr.probe.result = 0xffff; }

    table tcam {
        key = {
            hdr.probe.key  : ternary;
            hdr.probe.port : range;
        }
        actions = { set_result; miss; }
        default_action = miss();
        size = 1024;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        tcam.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
    }
}

xdp(prs(), sw(), dep()) main;
