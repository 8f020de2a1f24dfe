/* A ternary table with a 160-byte key (20 fields of 64 bits) and a
 * per-packet state of about 110 bytes that stays in memory (a header
 * stack read at a run-time index): with the state on the stack, the main
 * frame and the mask callback's frame (which holds a masked copy of the
 * key) pass the verifier's 512 bytes together, so p4cc must put the state
 * in its map (tests/integration/state-placement.sh checks that). Packets
 * check the lookup: Ethernet, then three (a, b) pairs of 64 bits; the
 * table's action writes the EtherType. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header w_t {
    bit<64> a;
    bit<64> b;
}

struct headers_t {
    eth_t  eth;
    w_t[3] w;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.w.next);
        pkt.extract(hdr.w.next);
        pkt.extract(hdr.w.next);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action mark(bit<16> v) { hdr.eth.type = v; }

    table big {
        key = {
            hdr.w[0].a : ternary;
            hdr.w[0].b : ternary;
            hdr.w[1].a : ternary;
            hdr.w[1].b : ternary;
            hdr.w[2].a : ternary;
            hdr.w[2].b : ternary;
            hdr.w[0].a ^ hdr.w[1].a : ternary @name("x0");
            hdr.w[0].b ^ hdr.w[1].b : ternary @name("x1");
            hdr.w[1].a ^ hdr.w[2].a : ternary @name("x2");
            hdr.w[1].b ^ hdr.w[2].b : ternary @name("x3");
            hdr.w[0].a ^ hdr.w[2].a : ternary @name("x4");
            hdr.w[0].b ^ hdr.w[2].b : ternary @name("x5");
            hdr.w[0].a + hdr.w[0].b : ternary @name("x6");
            hdr.w[1].a + hdr.w[1].b : ternary @name("x7");
            hdr.w[0].b - hdr.w[1].a : ternary @name("x8");
            hdr.w[1].b - hdr.w[2].a : ternary @name("x9");
            hdr.w[2].b - hdr.w[0].a : ternary @name("x10");
            hdr.w[0].b - hdr.w[1].a : ternary @name("x11");
            hdr.w[1].b - hdr.w[2].a : ternary @name("x12");
            hdr.w[2].b - hdr.w[0].a : ternary @name("x13");
        }
        actions = { mark; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<64> sel = hdr.w[hdr.eth.type[1:0]].a;
        if (sel != 0)
            big.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.w);
    }
}

xdp(prs(), sw(), dep()) main;
