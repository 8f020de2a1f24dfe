/* The calling convention (spec "Calling convention: call by copy in/copy
 * out") on every path a control can call through: an action called
 * directly, a function, a sub-control's apply, a table's action with
 * arguments bound in its actions list, and an exit. Out and inout
 * arguments are evaluated once, before the call, so a run-time index that
 * the callee changes still names the element the copy-in read; two
 * arguments naming one field are copied back left to right; an exit copies
 * back first, also the exit of an action a sub-control's table runs.
 * h.op picks the path; h.idx indexes the stack s. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header h_t {
    bit<8> op;
    bit<8> idx;
    bit<8> f;
    bit<8> g;
}

header s_t {
    bit<8> v;
}

struct headers_t {
    eth_t  eth;
    h_t    h;
    s_t[4] s;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        transition accept;
    }
}

void set_both(inout bit<8> i, inout bit<8> x) {
    i = 1;
    x = 0x77;
}

control Sub(inout bit<8> i, inout bit<8> x) {
    apply {
        i = 1;
        x = 0x77;
    }
}

/* A sub-control inside a sub-control, given one field twice: i's
 * copy-back (1), then x's (0x77). */
control Outer(inout bit<8> f) {
    Sub() inner;
    apply {
        inner.apply(f, f);
    }
}

/* y is copied back when the table's action exits. */
control SubExit(inout bit<8> x, inout bit<8> y) {
    action stop() { exit; }
    table t {
        key = { x : exact; }
        actions = { stop; NoAction; }
        default_action = NoAction();
    }
    apply {
        y = 0x66;
        t.apply();
        y = 0x55;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    bit<8> idx;
    Sub() sub;
    SubExit() sub_exit;
    Outer() outer;

    action set_both_a(inout bit<8> i, inout bit<8> x) {
        i = 1;
        x = 0x77;
    }
    /* With x and y the same field: x's copy-back, then y's. */
    action alias(inout bit<8> x, inout bit<8> y) {
        x = 1;
        y = y + 1;
    }
    action write_and_exit(inout bit<8> x) {
        x = 9;
        exit;
    }
    table bound_alias {
        key = { hdr.h.op : exact; }
        actions = { alias(hdr.h.f, hdr.h.f); NoAction; }
        default_action = NoAction();
    }
    table bound_index {
        key = { hdr.h.op : exact; }
        actions = { set_both_a(idx, hdr.s[idx].v); NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_TX;
        xout.output_port = 0;
        idx = hdr.h.idx;
        if (hdr.h.op == 1) {
            set_both_a(idx, hdr.s[idx].v);
        } else if (hdr.h.op == 2) {
            set_both(idx, hdr.s[idx].v);
        } else if (hdr.h.op == 3) {
            sub.apply(idx, hdr.s[idx].v);
        } else if (hdr.h.op == 4) {
            alias(hdr.h.f, hdr.h.f);
        } else if (hdr.h.op == 5) {
            bound_alias.apply();
        } else if (hdr.h.op == 6) {
            bound_index.apply();
        } else if (hdr.h.op == 7) {
            hdr.h.idx = idx;
            write_and_exit(hdr.h.g);
            hdr.h.g = 0xbb;
        } else if (hdr.h.op == 8) {
            hdr.h.idx = idx;
            sub_exit.apply(hdr.h.f, hdr.h.g);
            hdr.h.g = 0xcc;
        } else if (hdr.h.op == 9) {
            outer.apply(hdr.h.f);
        }
        hdr.h.idx = idx;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
        pkt.emit(hdr.s);
    }
}

xdp(prs(), sw(), dep()) main;
