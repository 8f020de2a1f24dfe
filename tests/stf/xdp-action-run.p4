/* A switch on a table's action_run, which the backend fuses into the
 * table's dispatch (emit_action_run.c): fall-through labels, the default
 * arm, the arm of the default action on a miss, an action that exits (its
 * arm does not run), and arms `if (c) X else Y` whose dropping branch may
 * or may not run before the action:
 *   fwd, fwd_else: the guard reads a flag the action does not write, so a
 *     dropped packet skips the action;
 *   set_ttl: the guard reads the TTL the action writes: action first;
 *   fwd_exit: the dropping branch may exit first, keeping the action's
 *     verdict: action first.
 * tests/integration/action-run-order.sh checks which order the C has. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ctl_t {
    bit<8> key;
    bit<8> flag;
    bit<8> ttl;
    bit<8> mark;
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
    action to_kernel() {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }
    action fwd(bit<32> port, bit<48> mac) {
        hdr.eth.dst = mac;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }
    action fwd_else(bit<32> port) {
        hdr.c.mark = 0x0e;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }
    action set_ttl(bit<8> ttl) {
        hdr.c.ttl = ttl;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = 4;
    }
    action fwd_exit(bit<32> port) {
        hdr.c.mark = 0xe0;
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }
    action mark_a() { hdr.c.mark = 0xaa; }
    action mark_b() { hdr.c.mark = 0xbb; }
    action leave() {
        hdr.c.mark = 0xee;
        exit;
    }

    table t {
        key = { hdr.c.key : exact; }
        actions = { fwd; fwd_else; set_ttl; fwd_exit; mark_a; mark_b; leave; NoAction; }
        default_action = mark_b();
    }

    apply {
        to_kernel();
        switch (t.apply().action_run) {
            fwd: {
                if (hdr.c.flag == 1) {
                    drop();
                } else {
                    hdr.c.ttl = hdr.c.ttl - 1;
                }
            }
            fwd_else: {
                if (hdr.c.flag != 1) {
                    hdr.c.ttl = hdr.c.ttl + 1;
                } else {
                    drop();
                }
            }
            set_ttl: {
                if (hdr.c.ttl <= 1) {
                    drop();
                } else {
                    hdr.c.mark = 0x11;
                }
            }
            fwd_exit: {
                if (hdr.c.flag == 1) {
                    if (hdr.c.ttl == 0) {
                        exit;
                    }
                    drop();
                }
            }
            mark_a:
            mark_b: {
                hdr.c.ttl = 0x77;
            }
            default: {
                hdr.c.ttl = 0x55;
            }
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
