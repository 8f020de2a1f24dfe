/* `const default_action`: a miss runs the compiled-in default without
 * reading the default-action map (the control plane cannot change it), on
 * a table filled at run time (t_map, whose action_run a switch reads), on
 * one with const entries whose action data is too wide for a value struct
 * (t_wide: each entry runs its action in the if-chain), and next to a
 * table whose default may change (t_plain).
 * tests/integration/const-default.sh checks which tables read the map. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ctl_t {
    bit<8>   key;
    bit<8>   a;
    bit<8>   b;
    bit<8>   c;
    bit<128> wide;
}

struct headers_t {
    ethernet_t eth;
    ctl_t      c;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.c);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_a(bit<8> v) { hdr.c.a = v; }
    action set_b(bit<8> v) { hdr.c.b = v; }
    action set_c(bit<8> v) { hdr.c.c = v; }
    action set_wide(bit<128> w) { hdr.c.wide = w; }

    table t_map {
        key = { hdr.c.key : exact; }
        actions = { set_a; }
        const default_action = set_a(0xd1);
    }

    table t_wide {
        key = { hdr.c.key : exact; }
        actions = { set_wide; set_b; }
        const entries = {
            1 : set_wide(0x0102030405060708090a0b0c0d0e0f10);
        }
        const default_action = set_b(0xd2);
    }

    table t_plain {
        key = { hdr.c.key : exact; }
        actions = { set_c; NoAction; }
        default_action = set_c(0xd3);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        switch (t_map.apply().action_run) {
            set_a: {
                if (hdr.c.a == 0xd1) {
                    hdr.c.key = hdr.c.key | 0x80;
                }
            }
        }
        t_wide.apply();
        t_plain.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.c);
    }
}

xdp(prs(), sw(), dep()) main;
