/* Longest-prefix-match tables (xdp_model.p4): one with a single 32-bit lpm
 * key (several overlapping prefixes, /0 and non-byte lengths), one with an
 * lpm key written before an exact key (a per-VRF route table). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header route_t {
    bit<8>  vrf;
    bit<32> addr;
    bit<8>  r1;
    bit<8>  r2;
}

struct headers_t {
    ethernet_t eth;
    route_t    rt;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.rt);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_r1(bit<8> nh) { hdr.rt.r1 = nh; }
    action set_r2(bit<8> nh) { hdr.rt.r2 = nh; }
    action miss_r1() { hdr.rt.r1 = 0xee; }

    table routes {
        key = { hdr.rt.addr : lpm; }
        actions = { set_r1; miss_r1; }
        default_action = miss_r1();
        size = 32;
    }

    table vrf_routes {
        key = {
            hdr.rt.addr : lpm;
            hdr.rt.vrf  : exact;
        }
        actions = { set_r2; NoAction; }
        default_action = NoAction();
        size = 32;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        routes.apply();
        vrf_routes.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.rt);
    }
}

xdp(prs(), sw(), dep()) main;
