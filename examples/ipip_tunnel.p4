/* An IP-in-IP tunnel endpoint (RFC 2003) for the xdp_model.p4 architecture.
 *
 * Encapsulation: an IPv4 packet whose destination is routed into a tunnel
 * (longest prefix match in `tunnel_routes`) gets an outer IPv4 header,
 * protocol 4, from this endpoint's address to the remote endpoint, with
 * the inner header's DSCP/ECN byte, the DF flag, TTL 64 and a freshly
 * computed header checksum; the frame grows by 20 bytes. Its Ethernet
 * header is rewritten for the underlay next hop and the frame redirected
 * to the tunnel's port.
 *
 * Decapsulation: an IP-in-IP packet sent to a local tunnel address by a
 * configured remote endpoint (`tunnel_peers`) loses its outer header (the
 * frame shrinks by 20 bytes) and goes to the kernel stack, which routes the
 * inner packet. IP-in-IP from unknown peers to a local tunnel address is
 * dropped. Everything else (not IPv4, not routed into a tunnel, IP-in-IP
 * for other hosts) goes to the kernel untouched.
 *
 * Not handled here: inner packets too large for the underlay MTU (the
 * outer header adds 20 bytes), and IPv4 options in either header. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<48> mac_addr_t;
typedef bit<32> ipv4_addr_t;

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
    ipv4_t     encap;   // the outer header this program adds
    ipv4_t     ipv4;    // the first IPv4 header of the frame
    ipv4_t     inner;   // the header inside an IP-in-IP packet
}

const bit<16> ETHERTYPE_IPV4 = 0x0800;
const bit<8>  PROTO_IPIP = 4;
const bit<3>  FLAG_DF = 2;

parser tunnel_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4 && hdr.ipv4.ihl == 5, error.NoMatch);
        transition select(hdr.ipv4.protocol) {
            PROTO_IPIP: parse_inner;
            default: accept;
        }
    }

    state parse_inner {
        packet.extract(hdr.inner);
        verify(hdr.inner.version == 4 && hdr.inner.ihl == 5, error.NoMatch);
        transition accept;
    }
}

control tunnel_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action to_kernel() {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }

    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }

    /* Wrap the packet in a header from `local_addr` to `remote_addr` and
     * send it to the underlay next hop. */
    action encap(ipv4_addr_t local_addr, ipv4_addr_t remote_addr, bit<32> port,
                 mac_addr_t src_mac, mac_addr_t dst_mac) {
        hdr.encap.setValid();
        hdr.encap.version = 4;
        hdr.encap.ihl = 5;
        hdr.encap.diffserv = hdr.ipv4.diffserv;
        hdr.encap.total_len = hdr.ipv4.total_len + 20;
        hdr.encap.identification = 0;
        hdr.encap.flags = FLAG_DF;
        hdr.encap.frag_offset = 0;
        hdr.encap.ttl = 64;
        hdr.encap.protocol = PROTO_IPIP;
        hdr.encap.src_addr = local_addr;
        hdr.encap.dst_addr = remote_addr;
        hdr.encap.hdr_checksum = ebpf_ipv4_checksum(
            hdr.encap.version, hdr.encap.ihl, hdr.encap.diffserv, hdr.encap.total_len,
            hdr.encap.identification, hdr.encap.flags, hdr.encap.frag_offset,
            hdr.encap.ttl, hdr.encap.protocol, hdr.encap.src_addr, hdr.encap.dst_addr);
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }

    /* Strip the outer header; the inner packet goes to the kernel. */
    action decap() {
        hdr.ipv4.setInvalid();
        to_kernel();
    }

    table tunnel_routes {
        key = { hdr.ipv4.dst_addr : lpm; }
        actions = { encap; to_kernel; drop; }
        default_action = to_kernel();
        size = 1024;
    }

    /* Accepted tunnels: (local tunnel address, remote endpoint). */
    table tunnel_peers {
        key = {
            hdr.ipv4.dst_addr : exact;
            hdr.ipv4.src_addr : exact;
        }
        actions = { decap; drop; }
        default_action = drop();
        size = 256;
    }

    /* Local tunnel addresses: IP-in-IP to any other address is not ours. */
    table local_endpoints {
        key = { hdr.ipv4.dst_addr : exact; }
        actions = { NoAction; }
        default_action = NoAction();
        size = 64;
    }

    apply {
        to_kernel();
        if (!hdr.ipv4.isValid()) {
            return;
        }
        if (hdr.inner.isValid()) {
            if (local_endpoints.apply().hit) {
                tunnel_peers.apply();
            }
        } else {
            tunnel_routes.apply();
        }
    }
}

control tunnel_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.encap);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.inner);
    }
}

xdp(tunnel_parser(), tunnel_ingress(), tunnel_deparser()) main;
