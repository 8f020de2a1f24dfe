/* Sub-parsers: the top parser hands the IPv4 part to a parser of its own,
 * applied from one state; the sub-parser's accept returns to the caller,
 * its reject rejects the packet. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header ipv4_t {
    bit<8>  vihl;
    bit<8>  tos;
    bit<16> len;
    bit<32> rest;
    bit<8>  ttl;
    bit<8>  proto;
    bit<16> csum;
    bit<32> src;
    bit<32> dst;
}

header udp_t {
    bit<16> sport;
    bit<16> dport;
    bit<16> len;
    bit<16> csum;
}

struct headers_t {
    eth_t  eth;
    ipv4_t ip;
    udp_t  udp;
}

parser ip_parser(packet_in p, inout headers_t hdr, out bit<8> proto) {
    state start {
        p.extract(hdr.ip);
        proto = hdr.ip.proto;
        transition select(hdr.ip.vihl) {
            0x45: accept;
            default: reject;
        }
    }
}

parser prs(packet_in p, out headers_t hdr) {
    ip_parser() ip;
    bit<8> proto = 0;

    state start {
        p.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x0800: parse_ip;
            default: accept;
        }
    }
    state parse_ip {
        ip.apply(p, hdr, proto);
        transition select(proto) {
            17: parse_udp;
            default: accept;
        }
    }
    state parse_udp {
        p.extract(hdr.udp);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (hdr.udp.isValid()) {
            hdr.udp.dport = 53;
        }
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
        p.emit(hdr.ip);
        p.emit(hdr.udp);
    }
}

xdp(prs(), sw(), dep()) main;
