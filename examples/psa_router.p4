/* The IPv4 router of v1model_router.p4 in PSA, the Portable Switch
 * Architecture, run on XDP: the same tables, the same actions, the same
 * packets forwarded and dropped.
 *
 * The ingress parser checks the header checksum with an InternetChecksum
 * (a bad one is a parser error; ingress drops the packet); ingress looks
 * the destination up in the routing table (longest prefix match, giving
 * a next-hop id) and the next-hop table (the output port and the Ethernet
 * addresses of the link), rewrites the MAC addresses and decrements the
 * TTL; the ingress deparser computes the checksum again. Egress has
 * nothing to do: its parser takes the Ethernet header only. PSA drops a
 * packet that ingress does not send (ostd.drop starts true): no route,
 * options, a TTL that would expire, not IPv4. */
#include <core.p4>
#include <psa.p4>

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

struct metadata_t {
    nexthop_id_t nexthop;
}

struct empty_t { }

error { BadIPv4HeaderChecksum }

const bit<16> ETHERTYPE_IPV4 = 0x0800;

parser RouterParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                    in psa_ingress_parser_input_metadata_t istd,
                    in empty_t resubmit_meta, in empty_t recirculate_meta) {
    InternetChecksum() ck;
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.ihl) {
            5: check_ipv4;
            default: accept;   /* options: ingress drops the packet */
        }
    }
    state check_ipv4 {
        ck.clear();
        ck.add({ hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.total_len,
                 hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.frag_offset, hdr.ipv4.ttl,
                 hdr.ipv4.protocol, hdr.ipv4.hdr_checksum, hdr.ipv4.src_addr,
                 hdr.ipv4.dst_addr });
        verify(ck.get() == 0, error.BadIPv4HeaderChecksum);
        transition accept;
    }
}

control RouterIngress(inout headers_t hdr, inout metadata_t meta,
                      in psa_ingress_input_metadata_t istd,
                      inout psa_ingress_output_metadata_t ostd) {
    action drop() {
        ingress_drop(ostd);
    }
    action set_nexthop(nexthop_id_t id) {
        meta.nexthop = id;
    }
    table routes {
        key = { hdr.ipv4.dst_addr : lpm; }
        actions = { set_nexthop; drop; }
        default_action = drop();
        size = 4096;
    }
    /* Rewrite the Ethernet header for the link to the next hop and
     * decrement the TTL (the caller checked it is at least 2). */
    action forward(PortId_t port, mac_addr_t src_mac, mac_addr_t dst_mac) {
        send_to_port(ostd, port);
        hdr.ethernet.src_addr = src_mac;
        hdr.ethernet.dst_addr = dst_mac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
    }
    table nexthops {
        key = { meta.nexthop : exact; }
        actions = { forward; drop; }
        /* A route to a next hop that is not (or no longer) configured. */
        default_action = drop();
        size = 256;
    }
    apply {
        if (istd.parser_error != error.NoError || !hdr.ipv4.isValid() || hdr.ipv4.ihl != 5 ||
            hdr.ipv4.ttl <= 1) {
            drop();
            return;
        }
        switch (routes.apply().action_run) {
            set_nexthop: {
                nexthops.apply();
            }
        }
    }
}

control RouterIngressDeparser(packet_out packet, out empty_t clone_i2e_meta,
                              out empty_t resubmit_meta, out empty_t normal_meta,
                              inout headers_t hdr, in metadata_t meta,
                              in psa_ingress_output_metadata_t istd) {
    InternetChecksum() ck;
    apply {
        if (hdr.ipv4.isValid()) {
            ck.clear();
            ck.add({ hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.total_len,
                     hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.frag_offset,
                     hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.src_addr, hdr.ipv4.dst_addr });
            hdr.ipv4.hdr_checksum = ck.get();
        }
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
    }
}

parser RouterEgressParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                          in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
                          in empty_t clone_i2e_meta, in empty_t clone_e2e_meta) {
    state start {
        packet.extract(hdr.ethernet);
        transition accept;
    }
}

control RouterEgress(inout headers_t hdr, inout metadata_t meta,
                     in psa_egress_input_metadata_t istd,
                     inout psa_egress_output_metadata_t ostd) {
    apply { }
}

control RouterEgressDeparser(packet_out packet, out empty_t clone_e2e_meta,
                             out empty_t recirculate_meta, inout headers_t hdr,
                             in metadata_t meta, in psa_egress_output_metadata_t istd,
                             in psa_egress_deparser_input_metadata_t edstd) {
    apply {
        packet.emit(hdr.ethernet);
    }
}

IngressPipeline(RouterParser(), RouterIngress(), RouterIngressDeparser()) ip;
EgressPipeline(RouterEgressParser(), RouterEgress(), RouterEgressDeparser()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
