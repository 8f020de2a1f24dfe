/* An IPv4 router for the xdp_model.p4 architecture.
 *
 * The destination address is looked up in a routing table (longest prefix
 * match) that yields a next-hop id; the next-hop table gives the output
 * port and the Ethernet addresses of the link to the next hop. A forwarded
 * packet gets its MAC addresses rewritten, its TTL decremented and its
 * header checksum updated incrementally (RFC 1624), then is redirected to
 * the port.
 *
 * Everything the fast path does not handle goes to the kernel stack
 * (XDP_PASS): non-IPv4 frames (ARP, IPv6, ...), IPv4 headers with options,
 * addresses of the router itself (routes with action `local`) and
 * destinations with no route. Packets whose TTL would expire are dropped
 * here (a full router would answer with ICMP Time Exceeded, which is the
 * kernel's job); so are malformed headers and routes marked `blackhole`. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<48> mac_addr_t;
typedef bit<32> ipv4_addr_t;
typedef bit<16> nexthop_id_t;

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

header ipv4_t {
    bit<4>      version;
    bit<4>      ihl;
    bit<8>      diffserv;
    bit<16>     total_len;
    bit<16>     identification;
    bit<3>      flags;
    bit<13>     frag_offset;
    bit<8>      ttl;
    bit<8>      protocol;
    bit<16>     hdr_checksum;
    ipv4_addr_t src_addr;
    ipv4_addr_t dst_addr;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
}

const bit<16> ETHERTYPE_IPV4 = 0x0800;

parser router_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        /* Not IPv4 after all, or a header shorter than the minimum: a
         * malformed packet, rejected (dropped). */
        verify(hdr.ipv4.version == 4 && hdr.ipv4.ihl >= 5, error.NoMatch);
        transition accept;
    }
}

control router_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    /* Set by the routing table for the next-hop table. */
    nexthop_id_t nexthop = 0;

    action to_kernel() {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }

    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }

    /* Routing table actions. */
    action set_nexthop(nexthop_id_t id) {
        nexthop = id;
    }

    action local() {
        to_kernel();
    }

    action blackhole() {
        drop();
    }

    table routes {
        key = { hdr.ipv4.dst_addr : lpm; }
        actions = { set_nexthop; local; blackhole; to_kernel; }
        default_action = to_kernel();
        size = 4096;
    }

    /* Next-hop action: rewrite the Ethernet header for the link to the next
     * hop, decrement the TTL (the caller checked it is at least 2) and
     * update the checksum for the changed 16-bit word (TTL, protocol). */
    action forward(bit<32> port, mac_addr_t src_mac, mac_addr_t dst_mac) {
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        bit<16> old_word = hdr.ipv4.ttl ++ hdr.ipv4.protocol;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        hdr.ipv4.hdr_checksum = csum_replace2(hdr.ipv4.hdr_checksum, old_word,
                                              hdr.ipv4.ttl ++ hdr.ipv4.protocol);
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }

    table nexthops {
        key = { nexthop : exact; }
        actions = { forward; drop; }
        /* A route to a next hop that is not (or no longer) configured. */
        default_action = drop();
        size = 256;
    }

    apply {
        to_kernel();
        if (!hdr.ipv4.isValid() || hdr.ipv4.ihl != 5) {
            return;
        }
        switch (routes.apply().action_run) {
            set_nexthop: {
                if (hdr.ipv4.ttl <= 1) {
                    drop();
                } else {
                    nexthops.apply();
                }
            }
        }
    }
}

control router_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
    }
}

xdp(router_parser(), router_ingress(), router_deparser()) main;
