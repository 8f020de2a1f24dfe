/* varbit: IPv4 options of the length ihl says, extracted with the
 * two-argument extract and emitted back; the TTL changes. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  tos;
    bit<16> len;
    bit<16> id;
    bit<16> frag;
    bit<8>  ttl;
    bit<8>  proto;
    bit<16> csum;
    bit<32> src;
    bit<32> dst;
    varbit<320> options;
}

struct headers_t {
    eth_t  eth;
    ipv4_t ip;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x0800: ip;
            default: accept;
        }
    }
    state ip {
        p.extract(hdr.ip, (bit<32>)(((bit<16>)p.lookahead<bit<8>>()[3:0] - 5) * 32));
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (hdr.ip.isValid()) {
            hdr.ip.ttl = hdr.ip.ttl - 1;
        }
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
        p.emit(hdr.ip);
    }
}

xdp(prs(), sw(), dep()) main;
