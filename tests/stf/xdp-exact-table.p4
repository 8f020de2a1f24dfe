/* Exact-match tables (xdp_model.p4): two key fields of different widths,
 * actions with parameters, a default action with arguments that the test
 * replaces with setdefault, switch on action_run, apply().hit and
 * apply().miss, and an action shared by two tables. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header req_t {
    bit<16> id;
    bit<8>  run;      /* which action fwd ran: 1 set_value, 2 to_port, 3 other */
    bit<8>  flags;    /* 1: known hit, 2: blocked missed */
    bit<8>  tag;
    bit<32> value;
}

struct headers_t {
    ethernet_t eth;
    req_t      req;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.req);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_value(bit<32> v, bit<8> tag) {
        hdr.req.value = v;
        hdr.req.tag = tag;
    }

    action to_port(bit<32> port) {
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }

    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
    }

    action mark(bit<8> m) {
        hdr.req.tag = hdr.req.tag + m;
    }

    table fwd {
        key = {
            hdr.eth.dst : exact;
            hdr.req.id  : exact;
        }
        actions = { set_value; to_port; drop; }
        default_action = set_value(0xdef, 0x0d);
        size = 64;
    }

    table known {
        key = { hdr.req.id : exact; }
        actions = { mark; NoAction; }
        default_action = NoAction();
    }

    table blocked {
        key = { hdr.eth.src : exact; }
        actions = { drop; NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        switch (fwd.apply().action_run) {
            set_value: { hdr.req.run = 1; }
            to_port: { hdr.req.run = 2; }
            default: { hdr.req.run = 3; }
        }
        if (known.apply().hit) {
            hdr.req.flags = hdr.req.flags | 1;
        }
        if (blocked.apply().miss) {
            hdr.req.flags = hdr.req.flags | 2;
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.req);
    }
}

xdp(prs(), sw(), dep()) main;
