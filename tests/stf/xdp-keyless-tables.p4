/* Tables without a key (spec "Keys": the lookup table is always empty):
 * every apply misses and runs the default action. t_plain's default takes
 * action data and the control plane may change it (setdefault); t_const
 * (`key = {}`) has a const default whose arm a switch on action_run
 * selects; t_array is an array_table(1), as p4c-xdp programs write
 * keyless tables, whose hit is never true; t_noop runs only NoAction and
 * decides a branch by miss. Adding an entry to any of them is an error
 * (tests/p4ctl/keyless-errors.stf). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ctl_t {
    bit<8> a;
    bit<8> b;
    bit<8> c;
    bit<8> d;
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
    action drop() { xout.output_action = xdp_action.XDP_DROP; }
    action mark_d(bit<8> v) { hdr.c.d = hdr.c.d | v; }

    table t_plain {
        actions = { set_a; set_b; drop; }
        default_action = set_a(0x11);
    }

    table t_const {
        key = {}
        actions = { mark_d; }
        const default_action = mark_d(0x20);
        size = 16;
    }

    table t_array {
        actions = { set_a; NoAction; }
        implementation = array_table(1);
        default_action = NoAction;
    }

    table t_noop {
        actions = { NoAction; }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        switch (t_plain.apply().action_run) {
            set_a: { hdr.c.c = hdr.c.c | 0x01; }
            set_b: { hdr.c.c = hdr.c.c | 0x02; }
        }
        if (t_plain.apply().miss) {
            hdr.c.c = hdr.c.c | 0x10;
        }
        switch (t_const.apply().action_run) {
            mark_d: { hdr.c.d = hdr.c.d | 0x01; }
        }
        if (t_array.apply().hit) {
            hdr.c.d = hdr.c.d | 0x80;
        }
        if (!t_noop.apply().hit) {
            hdr.c.d = hdr.c.d | 0x04;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.c);
    }
}

xdp(prs(), sw(), dep()) main;
