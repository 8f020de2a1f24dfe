/* Parser transitions for xdp_model.p4: several headers extracted in a row,
 * select on one field and on a tuple, masks (&&&), ranges (..), don't-care
 * (_), default, an explicit reject, verify() with a program error, and
 * truncated packets. Each state sets a bit of meta.path; the control puts
 * the path in a one-byte tag header that the deparser emits in front of the
 * packet, so the output shows the states the parser went through. */
#include <core.p4>
#include <xdp_model.p4>

error { BadVersion }

header tag_t {
    bit<8> path;
}

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header vlan_t {
    bit<3>  pcp;
    bit<1>  dei;
    bit<12> vid;
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

header udp_t {
    bit<16> src_port;
    bit<16> dst_port;
    bit<16> length;
    bit<16> checksum;
}

struct meta_t {
    bit<8> path;
}

struct headers_t {
    tag_t      tag;
    ethernet_t eth;
    vlan_t     vlan;
    ipv4_t     ipv4;
    udp_t      udp;
    meta_t     meta;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        hdr.meta.path = 0x01;
        transition select(hdr.eth.ether_type) {
            0x8100: parse_vlan;
            0x0800: parse_ipv4;
            0x0bad: reject;
            0x0000 .. 0x05ff: llc;          /* an 802.3 length */
            0x8800 &&& 0xff00: ether_88xx;  /* 0x88xx */
            default: accept;
        }
    }

    state llc {
        hdr.meta.path = hdr.meta.path | 0x40;
        transition accept;
    }

    state ether_88xx {
        hdr.meta.path = hdr.meta.path | 0x80;
        transition accept;
    }

    state parse_vlan {
        pkt.extract(hdr.vlan);
        hdr.meta.path = hdr.meta.path | 0x02;
        transition select(hdr.vlan.pcp, hdr.vlan.ether_type) {
            (7, 0x0800): vlan_prio7;      /* both fields */
            (_, 0x0800): parse_ipv4;      /* don't care about the first */
            (4 &&& 4, _): high_prio;      /* pcp 4..7, any type */
            (1 .. 2, 0x86dd): reject;     /* range in a tuple */
            default: accept;
        }
    }

    state vlan_prio7 {
        hdr.meta.path = hdr.meta.path | 0x04;
        transition parse_ipv4;
    }

    state high_prio {
        hdr.meta.path = hdr.meta.path | 0x08;
        transition accept;
    }

    state parse_ipv4 {
        pkt.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4, error.BadVersion);
        hdr.meta.path = hdr.meta.path | 0x10;
        transition select(hdr.ipv4.protocol) {
            17: parse_udp;
            default: accept;
        }
    }

    state parse_udp {
        pkt.extract(hdr.udp);
        hdr.meta.path = hdr.meta.path | 0x20;
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.tag.setValid();
        hdr.tag.path = hdr.meta.path;
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.tag);
        pkt.emit(hdr.eth);
        pkt.emit(hdr.vlan);
        pkt.emit(hdr.ipv4);
        pkt.emit(hdr.udp);
    }
}

xdp(prs(), sw(), dep()) main;
