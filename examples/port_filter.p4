/* A packet filter for the ebpf_model.p4 architecture: IPv4 packets pass
 * only when their source address is in the allow table (longest prefix
 * match); everything that is not IPv4 passes untouched. */
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  diffserv;
    bit<16> total_len;
    bit<16> identification;
    bit<3>  flags;
    bit<13> frag_offset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdr_checksum;
    bit<32> src_addr;
    bit<32> dst_addr;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
}

const bit<16> ETHERTYPE_IPV4 = 0x0800;

parser filter_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4, error.NoMatch);
        transition accept;
    }
}

control source_filter(inout headers_t hdr, out bool pass) {
    action allow() {
        pass = true;
    }

    action deny() {
        pass = false;
    }

    table allowed_sources {
        key = { hdr.ipv4.src_addr : lpm; }
        actions = { allow; deny; }
        default_action = deny();
        implementation = hash_table(256);
    }

    apply {
        pass = true;
        if (hdr.ipv4.isValid()) {
            allowed_sources.apply();
        }
    }
}

ebpfFilter(filter_parser(), source_filter()) main;
