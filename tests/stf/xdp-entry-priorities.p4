/* Which of several matching entries wins (spec "Entries", "Entry
 * priorities"), each table writing its own output byte:
 *
 *   t_small   initial entries with largest_priority_wins = false and
 *             priority_delta = 10: the smallest priority wins; the
 *             priorities not given follow the one before (10, 20, 5, 15,
 *             25), so a later entry can beat an earlier one
 *   t_large   the default convention (the largest wins) with
 *             priority_delta = 5 (100, 95, 200, 195)
 *   t_first   largest_priority_wins = false and no priorities: the first
 *             listed entry wins
 *   t_anno    const entries with p4c's @priority annotation (BMv2's
 *             meaning: the smallest number wins; an entry without one has
 *             its position), as p4c's table-entries-priority-bmv2.p4 */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header p_t {
    bit<8>  e;
    bit<16> t;
    bit<8>  o1;
    bit<8>  o2;
    bit<8>  o3;
    bit<8>  o4;
}

struct headers_t {
    ethernet_t eth;
    p_t        p;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.p);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action s1(bit<8> v) { hdr.p.o1 = v; }
    action s2(bit<8> v) { hdr.p.o2 = v; }
    action s3(bit<8> v) { hdr.p.o3 = v; }
    action s4(bit<8> v) { hdr.p.o4 = v; }

    table t_small {
        key = { hdr.p.e : exact; hdr.p.t : ternary; }
        actions = { s1; }
        default_action = s1(0xee);
        largest_priority_wins = false;
        priority_delta = 10;
        @noWarn("entries_out_of_priority_order")
        entries = {
            priority=10: (1, 0x1111 &&& 0x000f) : s1(1);
                         (1, 0x1000 &&& 0xf000) : s1(2);
            priority=5:  (1, 0x1100 &&& 0xff00) : s1(3);
                         (2, _)                 : s1(4);
                         (2, 0x0002 &&& 0x00ff) : s1(5);
        }
    }

    table t_large {
        key = { hdr.p.e : exact; hdr.p.t : ternary; }
        actions = { s2; }
        default_action = s2(0xee);
        priority_delta = 5;
        @noWarn("entries_out_of_priority_order")
        entries = {
            priority=100: (1, 0x1111 &&& 0x000f) : s2(1);
                          (1, 0x1000 &&& 0xf000) : s2(2);
            priority=200: (1, 0x1100 &&& 0xff00) : s2(3);
                          (1, 0x0f00 &&& 0x0f00) : s2(4);
        }
    }

    table t_first {
        key = { hdr.p.e : exact; hdr.p.t : ternary; }
        actions = { s3; }
        default_action = s3(0xee);
        largest_priority_wins = false;
        entries = {
            (1, 0x00ff &&& 0x00ff) : s3(1);
            (1, _)                 : s3(2);
        }
    }

    table t_anno {
        key = { hdr.p.e : exact; hdr.p.t : ternary; }
        actions = { s4; }
        default_action = s4(0xee);
        const entries = {
            (1, 0x1111 &&& 0xf)    : s4(1) @priority(3);
            (1, 0x1181)            : s4(2);
            (1, 0x1181 &&& 0xf00f) : s4(3) @priority(1);
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        t_small.apply();
        t_large.apply();
        t_first.apply();
        t_anno.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.p);
    }
}

xdp(prs(), sw(), dep()) main;
