/* Tables keyed by 128-bit IPv6 addresses (xdp_model.p4): an lpm table on
 * the destination (prefixes of 32, 48, 64 and 128 bits) and an exact table
 * on the source together with an 8-bit field. Each writes a result byte
 * (the hop limit, the flow-label nibble) so the packet shows which entry
 * matched. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ipv6_t {
    bit<4>   version;
    bit<8>   traffic_class;
    bit<20>  flow_label;
    bit<16>  payload_len;
    bit<8>   next_hdr;
    bit<8>   hop_limit;
    bit<128> src;
    bit<128> dst;
}

struct headers_t {
    ethernet_t eth;
    ipv6_t     ipv6;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.ipv6);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_hop(bit<8> v) { hdr.ipv6.hop_limit = v; }
    action set_class(bit<8> v) { hdr.ipv6.traffic_class = v; }

    table routes6 {
        key = { hdr.ipv6.dst : lpm; }
        actions = { set_hop; NoAction; }
        default_action = NoAction();
        size = 16;
    }

    table sources6 {
        key = {
            hdr.ipv6.src      : exact;
            hdr.ipv6.next_hdr : exact;
        }
        actions = { set_class; NoAction; }
        default_action = NoAction();
        size = 16;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        routes6.apply();
        sources6.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.ipv6);
    }
}

xdp(prs(), sw(), dep()) main;
