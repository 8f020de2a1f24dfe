/* tests/unit/test_writers.c: a ternary table (masks and ranges), an lpm
 * table and an exact table, each writing the id of the entry a packet
 * matched into the packet (0xffff: none), so that every entry that
 * concurrent writers left is found by a packet. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<32> tkey;
    bit<16> tport;
    bit<32> lkey;
    bit<32> ekey;
    bit<16> tid;
    bit<16> lid;
    bit<16> eid;
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
    action set_t(bit<16> id) { hdr.probe.tid = id; }
    action miss_t() { hdr.probe.tid = 0xffff; }
    action set_l(bit<16> id) { hdr.probe.lid = id; }
    action miss_l() { hdr.probe.lid = 0xffff; }
    action set_e(bit<16> id) { hdr.probe.eid = id; }
    action miss_e() { hdr.probe.eid = 0xffff; }

    table tcam {
        key = {
            hdr.probe.tkey  : ternary;
            hdr.probe.tport : range;
        }
        actions = { set_t; miss_t; }
        default_action = miss_t();
        size = 2048;
    }

    table routes {
        key = { hdr.probe.lkey : lpm; }
        actions = { set_l; miss_l; }
        default_action = miss_l();
        size = 2048;
    }

    table hosts {
        key = { hdr.probe.ekey : exact; }
        actions = { set_e; miss_e; }
        default_action = miss_e();
        size = 2048;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        tcam.apply();
        routes.apply();
        hosts.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
    }
}

xdp(prs(), sw(), dep()) main;
