/* Parser transitions for the ebpfFilter architecture (ebpf_model.p4):
 * several headers, select on one field with a mask, a range and default,
 * select on a tuple, reject, verify() with a program error, lookahead,
 * advance and truncated packets. The filter accepts every packet the parser
 * accepts, except IPv4 to 255.255.255.255, so pass/drop shows the parser's
 * decision. */
#include <core.p4>
#include <ebpf_model.p4>

error { BadVersion, BadHeaderLength }

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header vlan_t {
    bit<16> tci;
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
    bit<16> checksum;
    bit<32> src;
    bit<32> dst;
}

struct headers_t {
    ethernet_t eth;
    vlan_t     vlan;
    ipv4_t     ipv4;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.ether_type) {
            0x0800: parse_ipv4;
            0x8100 &&& 0xefff: parse_vlan;   /* 0x8100 and 0x9100 */
            0x0600 .. 0x07ff: reject;
            0x88b5: skip_two;                /* advance over 2 bytes, then IPv4 */
            0x88b6: peek;
            default: accept;
        }
    }

    state parse_vlan {
        pkt.extract(hdr.vlan);
        transition select(hdr.vlan.ether_type) {
            0x0800: parse_ipv4;
            default: reject;
        }
    }

    state skip_two {
        pkt.advance(16);
        transition parse_ipv4;
    }

    /* Accept only when the next byte is 0x45 (an IPv4 header follows). */
    state peek {
        transition select(pkt.lookahead<bit<8>>()) {
            0x45: parse_ipv4;
            default: reject;
        }
    }

    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4, error.BadVersion);
        verify(hdr.ipv4.ihl >= 5, error.BadHeaderLength);
        transition select(hdr.ipv4.protocol, hdr.ipv4.ttl) {
            (_, 0): reject;          /* expired */
            (17, _): accept;
            (6, 1 .. 3): reject;     /* TCP with a small TTL */
            (6, _): accept;
            (1, _): accept;
            default: reject;         /* other protocols */
        }
    }
}

control flt(inout headers_t hdr, out bool accept) {
    apply {
        accept = true;
        if (hdr.ipv4.isValid() && hdr.ipv4.dst == 0xffffffff)
            accept = false;
    }
}

ebpfFilter(prs(), flt()) main;
