/* Checksum externs of xdp_model.p4 on IPv4 headers: csum_replace2 for a
 * TTL decrement, csum_replace4 for a source-address rewrite (NAT), and a
 * full recomputation with ebpf_ipv4_checksum after several fields change;
 * BPF_KTIME_GET_NS() compiles and runs (its value is not checked). The
 * last byte of the Ethernet source address picks the operation. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
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
    ipv4_t     ipv4;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.ether_type) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }

    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action decrement_ttl() {
        bit<16> old = hdr.ipv4.ttl ++ hdr.ipv4.protocol;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        hdr.ipv4.checksum = csum_replace2(hdr.ipv4.checksum, old,
                                          hdr.ipv4.ttl ++ hdr.ipv4.protocol);
    }

    action rewrite_src(bit<32> addr) {
        hdr.ipv4.checksum = csum_replace4(hdr.ipv4.checksum, hdr.ipv4.src, addr);
        hdr.ipv4.src = addr;
    }

    action recompute() {
        hdr.ipv4.diffserv = 0xb8;
        hdr.ipv4.ttl = 0x20;
        hdr.ipv4.identification = hdr.ipv4.identification + 1;
        hdr.ipv4.checksum = ebpf_ipv4_checksum(
            hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.total_len,
            hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.frag_offset, hdr.ipv4.ttl,
            hdr.ipv4.protocol, hdr.ipv4.src, hdr.ipv4.dst);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<8> op = hdr.eth.src[7:0];
        if (hdr.ipv4.isValid()) {
            if (op == 1) {
                decrement_ttl();
            } else if (op == 2) {
                rewrite_src(0xc0a80a01);
            } else if (op == 3) {
                recompute();
            } else if (op == 4) {
                decrement_ttl();
                rewrite_src(0x0a000063);
            }
        }
        if (op == 5) {
            bit<32> now = BPF_KTIME_GET_NS();
            hdr.eth.dst[31:0] = now;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.ipv4);
    }
}

xdp(prs(), sw(), dep()) main;
