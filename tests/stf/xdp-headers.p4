/* Header validity and deparsing (xdp_model.p4): setValid on a header the
 * packet did not have (the packet grows: bpf_xdp_adjust_head), setInvalid
 * on one it had (it shrinks), whole-header copies (validity comes along),
 * isValid, and IPv6 with 128-bit addresses extracted, copied, compared
 * (== and !=), sliced (read and written) and emitted unchanged. The last byte of the Ethernet source address picks the
 * operation. */
#include <core.p4>
#include <xdp_model.p4>

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
    bit<8>  version_ihl;
    bit<8>  diffserv;
    bit<16> total_len;
    bit<32> id_flags_frag;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> checksum;
    bit<32> src;
    bit<32> dst;
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

header addr_t {
    bit<128> a;
}

struct headers_t {
    ethernet_t outer;     /* only ever set by the control */
    ethernet_t eth;
    vlan_t     vlan;
    ipv4_t     ipv4;
    ipv6_t     ipv6;
    addr_t     tmp;       /* scratch, never emitted */
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.ether_type) {
            0x8100: parse_vlan;
            0x0800: parse_ipv4;
            0x86dd: parse_ipv6;
            default: accept;
        }
    }

    state parse_vlan {
        pkt.extract(hdr.vlan);
        transition select(hdr.vlan.ether_type) {
            0x0800: parse_ipv4;
            0x86dd: parse_ipv6;
            default: accept;
        }
    }

    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        transition accept;
    }

    state parse_ipv6 {
        pkt.extract(hdr.ipv6);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<8> op = hdr.eth.src[7:0];
        if (op == 1) {
            /* Push a VLAN tag. */
            if (!hdr.vlan.isValid()) {
                hdr.vlan.setValid();
                hdr.vlan.tci = 0x0064;
                hdr.vlan.ether_type = hdr.eth.ether_type;
                hdr.eth.ether_type = 0x8100;
            }
        } else if (op == 2) {
            /* Pop the VLAN tag. */
            if (hdr.vlan.isValid()) {
                hdr.eth.ether_type = hdr.vlan.ether_type;
                hdr.vlan.setInvalid();
            }
        } else if (op == 3) {
            /* Encapsulate: a copy of the Ethernet header in front. */
            hdr.outer = hdr.eth;
            hdr.outer.dst = 0x0a0b0c0d0e0f;
            hdr.outer.ether_type = 0x88e7;
        } else if (op == 4) {
            /* Drop the IPv4 header, keep its payload. */
            hdr.ipv4.setInvalid();
            hdr.eth.ether_type = 0x0000;
        } else if (op == 5) {
            /* Swap the IPv6 addresses through a 128-bit scratch field. */
            hdr.tmp.a = hdr.ipv6.src;
            hdr.ipv6.src = hdr.ipv6.dst;
            hdr.ipv6.dst = hdr.tmp.a;
        } else if (op == 6) {
            /* Report validity in the destination's last byte. */
            hdr.eth.dst[7:0] = (hdr.vlan.isValid() ? 8w1 : 8w0) |
                               (hdr.ipv4.isValid() ? 8w2 : 8w0) |
                               (hdr.ipv6.isValid() ? 8w4 : 8w0) |
                               (hdr.outer.isValid() ? 8w8 : 8w0) |
                               (hdr.tmp.isValid() ? 8w16 : 8w0);
        } else if (op == 8) {
            /* Compare 128-bit fields. */
            hdr.eth.dst[7:0] = hdr.ipv6.src == hdr.ipv6.dst ? 8w0x77 : 8w0x66;
            hdr.tmp.setValid();
            hdr.tmp.a = hdr.ipv6.dst;
            if (hdr.ipv6.src != hdr.tmp.a)
                hdr.eth.dst[15:8] = 0x55;
        } else if (op == 9) {
            /* Slices of 128-bit fields, read and written, byte-aligned and
             * not. */
            hdr.eth.dst[47:16] = hdr.ipv6.dst[127:96];
            hdr.eth.dst[15:8] = hdr.ipv6.src[67:60];
            hdr.eth.dst[7:0] = hdr.ipv6.src[7:0];
            hdr.ipv6.src[35:28] = 0xab;
            hdr.ipv6.dst[63:0] = hdr.eth.src ++ 16w0xbeef;
        } else if (op == 7) {
            /* Replace IPv4 by a VLAN tag and a copied, changed Ethernet
             * header: 20 bytes out, 18 in. */
            hdr.ipv4.setInvalid();
            hdr.vlan.setValid();
            hdr.vlan.tci = 0x0fff;
            hdr.vlan.ether_type = 0x1234;
            hdr.outer = hdr.eth;
            hdr.outer.ether_type = 0x8100;
            hdr.eth.ether_type = 0x88b5;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.outer);
        pkt.emit(hdr.eth);
        pkt.emit(hdr.vlan);
        pkt.emit(hdr.ipv4);
        pkt.emit(hdr.ipv6);
    }
}

xdp(prs(), sw(), dep()) main;
