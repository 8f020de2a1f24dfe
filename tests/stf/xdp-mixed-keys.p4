/* Keys that combine match kinds and widths, each table writing its own
 * output byte:
 *
 *   t_all_cp  a bool (exact), bit<12> (lpm), bit<16> (ternary), bit<8>
 *             (range), bit<72> (optional) and bit<48> (exact) in one key,
 *             entries from the control plane with priorities
 *   t_all_c   the same key with const entries: the first match wins; an
 *             lpm component may be a value, a mask or _
 *   t_two_lpm two lpm fields (a tuple-space search, as ternary fields):
 *             the priority decides, not the prefixes
 *   t_lpm     an lpm table whose lpm field comes first in the key, beside a
 *             bit<72> exact field; const entries, the longest prefix
 *             winning whatever their order */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header m_t {
    bit<1>  f;
    bit<3>  pad;
    bit<12> a;
    bit<16> b;
    bit<8>  c;
    bit<72> d;
    bit<48> e;
    bit<8>  o1;
    bit<8>  o2;
    bit<8>  o3;
    bit<8>  o4;
}

struct headers_t {
    ethernet_t eth;
    m_t        m;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.m);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set1(bit<8> v) { hdr.m.o1 = v; }
    action set2(bit<8> v) { hdr.m.o2 = v; }
    action set3(bit<8> v) { hdr.m.o3 = v; }
    action set4(bit<8> v) { hdr.m.o4 = v; }

    table t_all_cp {
        key = {
            hdr.m.f == 1 : exact @name("flag");
            hdr.m.a      : lpm;
            hdr.m.b      : ternary;
            hdr.m.c      : range;
            hdr.m.d      : optional;
            hdr.m.e      : exact;
        }
        actions = { set1; }
        default_action = set1(0xee);
    }

    table t_all_c {
        key = {
            hdr.m.f == 1 : exact @name("flag");
            hdr.m.a      : lpm;
            hdr.m.b      : ternary;
            hdr.m.c      : range;
            hdr.m.d      : optional;
            hdr.m.e      : exact;
        }
        actions = { set2; }
        default_action = set2(0xee);
        const entries = {
            (true, 0x120 &&& 0xff0, 0x0a0b &&& 0xffff, 5 .. 5, 0x010203040506070809, 1) : set2(1);
            (true, 0x1ff, _, 0 .. 3, _, 1) : set2(4);
            (true, 0x100 &&& 0xf00, _, _, _, 1) : set2(2);
            (false, _, _, _, _, 2) : set2(3);
        }
    }

    table t_two_lpm {
        key = { hdr.m.a : lpm; hdr.m.e : lpm; }
        actions = { set3; }
        default_action = set3(0xee);
    }

    table t_lpm {
        key = { hdr.m.a : lpm; hdr.m.d : exact; }
        actions = { set4; }
        default_action = set4(0xee);
        const entries = {
            (0x100 &&& 0xf00, 0x010203040506070809) : set4(1);
            (0x123, 0x010203040506070809) : set4(2);
            (_, 0) : set4(3);
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        t_all_cp.apply();
        t_all_c.apply();
        t_two_lpm.apply();
        t_lpm.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.m);
    }
}

xdp(prs(), sw(), dep()) main;
