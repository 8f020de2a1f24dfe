/* An IPv6 router for the xdp_model.p4 architecture.
 *
 * The 128-bit destination address is looked up in a routing table (longest
 * prefix match) whose entries carry the whole next hop: output port and
 * the Ethernet addresses of the link to it. A forwarded packet gets its MAC
 * addresses rewritten and its hop limit decremented (IPv6 has no header
 * checksum to update) and is redirected to the port.
 *
 * To the kernel stack (XDP_PASS): non-IPv6 frames, destinations with no
 * route, and routes marked `local` (the router's own addresses, multicast
 * such as neighbour discovery). Dropped: packets whose hop limit would
 * expire (the kernel would owe an ICMPv6 Time Exceeded; this fast path
 * just drops), malformed headers and `blackhole` routes. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<48>  mac_addr_t;
typedef bit<128> ipv6_addr_t;

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

header ipv6_t {
    bit<4>      version;
    bit<8>      traffic_class;
    bit<20>     flow_label;
    bit<16>     payload_len;
    bit<8>      next_hdr;
    bit<8>      hop_limit;
    ipv6_addr_t src_addr;
    ipv6_addr_t dst_addr;
}

struct headers_t {
    ethernet_t ethernet;
    ipv6_t     ipv6;
}

const bit<16> ETHERTYPE_IPV6 = 0x86dd;

parser router6_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV6: parse_ipv6;
            default: accept;
        }
    }

    state parse_ipv6 {
        packet.extract(hdr.ipv6);
        verify(hdr.ipv6.version == 6, error.NoMatch);
        transition accept;
    }
}

control router6_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action to_kernel() {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }

    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }

    action local() {
        to_kernel();
    }

    action blackhole() {
        drop();
    }

    /* Forward to a next hop (the hop limit is handled in apply). */
    action forward(bit<32> port, mac_addr_t src_mac, mac_addr_t dst_mac) {
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }

    table routes6 {
        key = { hdr.ipv6.dst_addr : lpm; }
        actions = { forward; local; blackhole; to_kernel; }
        default_action = to_kernel();
        size = 4096;
    }

    apply {
        to_kernel();
        if (!hdr.ipv6.isValid()) {
            return;
        }
        /* Only packets that are forwarded lose a hop; one that arrives
         * with a hop limit of 1 (or 0) cannot go on. */
        switch (routes6.apply().action_run) {
            forward: {
                if (hdr.ipv6.hop_limit <= 1) {
                    drop();
                } else {
                    hdr.ipv6.hop_limit = hdr.ipv6.hop_limit - 1;
                }
            }
        }
    }
}

control router6_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv6);
    }
}

xdp(router6_parser(), router6_ingress(), router6_deparser()) main;
