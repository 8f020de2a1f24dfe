/* Controls in an ebpfFilter program (ebpf_model.p4): an exact table whose
 * actions set the filter's accept parameter (one with a parameter, one
 * that exits), switch on action_run with a case that falls through to the
 * next, a ternary table with priorities, const entries mixing exact and
 * masked keys, and a sub-control instantiated twice with its own lpm table
 * per instance and a bool out parameter (and a bool action parameter). */
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8>  kind;
    bit<8>  a;
    bit<8>  b;
    bit<16> port;
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

control Check(in bit<8> v, out bool ok) {
    action set_ok(bool r) { ok = r; }

    table t {
        key = { v : lpm; }
        actions = { set_ok; NoAction; }
        default_action = NoAction();
        size = 16;
    }

    apply {
        ok = true;
        t.apply();
    }
}

control flt(inout headers_t hdr, out bool accept) {
    Check() check_a;
    Check() check_b;

    action allow() { accept = true; }
    action deny() { accept = false; }
    action allow_if_even(bit<8> mask) { accept = (hdr.h.a & mask) == 0; }
    action allow_and_stop() {
        accept = true;
        exit;
    }

    table by_kind {
        key = { hdr.h.kind : exact; }
        actions = { allow; deny; allow_if_even; allow_and_stop; }
        default_action = deny();
    }

    table by_port {
        key = { hdr.h.port : ternary; }
        actions = { allow; deny; NoAction; }
        default_action = NoAction();
        size = 8;
    }

    table fixed {
        key = {
            hdr.h.kind : exact;
            hdr.h.port : ternary;
        }
        actions = { deny; NoAction; }
        default_action = NoAction();
        const entries = {
            (5, 0x0400 &&& 0xff00) : deny();
            (5, 0x0401)            : NoAction();   /* shadowed by the entry above */
            (6, _)                 : deny();
        }
    }

    apply {
        accept = false;
        switch (by_kind.apply().action_run) {
            allow:
            allow_if_even: {
                by_port.apply();
            }
            allow_and_stop: {
                accept = false;    /* never runs: the action exited */
            }
            default: {
            }
        }
        fixed.apply();
        bool ok_a;
        bool ok_b;
        check_a.apply(hdr.h.a, ok_a);
        check_b.apply(hdr.h.b, ok_b);
        if (!ok_a || !ok_b) {
            accept = false;
        }
    }
}

ebpfFilter(prs(), flt()) main;
