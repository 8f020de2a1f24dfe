/* Control flow and actions (xdp_model.p4): direct action calls with in,
 * out and inout arguments (copy-in/copy-out, also with two arguments naming
 * the same field), local variables in apply, in actions and at control
 * level, if/else chains, return and exit in apply, exit in an action run by
 * a table and in an action called from another action, return in an
 * action (leaves only the action). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8> op;
    bit<8> a;
    bit<8> b;
    bit<8> r1;
    bit<8> r2;
    bit<8> r3;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    bit<8> ctl_local = 0x42;

    action add_to(in bit<8> x, inout bit<8> acc) {
        acc = acc + x;
    }

    action split(in bit<8> x, out bit<8> hi, out bit<8> lo) {
        bit<8> t = x;
        hi = t >> 4;
        lo = t & 0x0f;
    }

    action twice(inout bit<8> p, inout bit<8> q) {
        p = p + 1;
        q = q + 10;
    }

    action bump() {
        ctl_local = ctl_local + 1;
    }

    action early_return() {
        if (hdr.h.a == 0) {
            return;
        }
        hdr.h.r2 = 0x99;
    }

    action stop(bit<8> code) {
        hdr.h.r3 = code;
        exit;
    }

    action nested() {
        add_to(1, hdr.h.r2);
        stop(0x77);
        hdr.h.r2 = 0xbb;
    }

    table t {
        key = { hdr.h.op : exact; }
        actions = { stop; nested; NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<8> tmp = hdr.h.a;
        if (hdr.h.op == 1) {
            add_to(hdr.h.b, tmp);
            hdr.h.r1 = tmp;
        } else if (hdr.h.op == 2) {
            split(hdr.h.a, hdr.h.r1, hdr.h.r2);
        } else if (hdr.h.op == 3) {
            hdr.h.r1 = hdr.h.a;
            twice(hdr.h.r1, hdr.h.r1);
        } else if (hdr.h.op == 4) {
            hdr.h.r3 = 4;
            return;
        } else if (hdr.h.op == 5) {
            hdr.h.r3 = 5;
            exit;
        } else if (hdr.h.op == 10) {
            early_return();
            hdr.h.r1 = 0x10;
        } else if (hdr.h.op == 9) {
            bump();
            bump();
            hdr.h.r2 = ctl_local;
        } else {
            t.apply();
        }
        hdr.h.r3 = hdr.h.r3 | 0x80;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
