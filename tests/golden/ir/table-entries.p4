/* How tables without a key and tables' entries lower: a table without a
 * key (or with `key = {}`, or an array_table(1)) is kind keyless, size 0;
 * two lpm fields make a tuple-space search; const entries of an lpm
 * table are kept longest prefix first, those with p4c's @priority
 * smallest number first; initial entries get the priorities the spec
 * computes ("Entry priorities"), as the data plane compares them (larger
 * wins: 2^32 - 1 - P when the smallest wins). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    eth_t eth;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action a(bit<8> v) { hdr.eth.type[7:0] = v; }

    table none { actions = { a; } default_action = a(1); size = 64; }
    table empty { key = {} actions = { a; NoAction; } }
    table one { actions = { a; } implementation = array_table(1); }

    table two_lpm {
        key = { hdr.eth.dst : lpm; hdr.eth.src : lpm; }
        actions = { a; }
    }

    table prefixes {
        key = { hdr.eth.dst : lpm; hdr.eth.type : exact; }
        actions = { a; }
        const entries = {
            (_, 1) : a(0);
            (0x0a0000000000 &&& 0xff0000000000, 1) : a(8);
            (0x0a0b0c0d0e0f, 1) : a(48);
            (0x0a0b00000000 &&& 0xffff00000000, 1) : a(16);
        }
    }

    table annotated {
        key = { hdr.eth.type : ternary; }
        actions = { a; }
        const entries = {
            0x1111 &&& 0xf : a(1) @priority(3);
            0x1181 : a(2);
            0x1181 &&& 0xf00f : a(3) @priority(1);
        }
    }

    table smallest {
        key = { hdr.eth.type : ternary; }
        actions = { a; }
        largest_priority_wins = false;
        priority_delta = 10;
        entries = {
            priority=10: 1 : a(1);
            2 : a(2);
            priority=5: 3 : a(3);
            4 : a(4);
        }
    }

    table largest {
        key = { hdr.eth.type : ternary; }
        actions = { a; }
        priority_delta = 3;
        entries = {
            1 : a(1);
            2 : a(2);
            3 : a(3);
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        none.apply();
        empty.apply();
        one.apply();
        two_lpm.apply();
        prefixes.apply();
        annotated.apply();
        smallest.apply();
        largest.apply();
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
    }
}

xdp(prs(), sw(), dep()) main;
