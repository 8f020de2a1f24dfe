/* How tables lower: the lpm field moves after the exact one, the default
 * action and const entries are kept as data; keys are named for the
 * control plane by their @name or their text (spec "Keys" in "Control
 * plane names"). */
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
    action fwd(bit<32> port) {
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }
    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
    }
    table routes {
        key = {
            hdr.eth.dst : lpm;
            hdr.eth.type : exact;
        }
        actions = { fwd; drop; }
        default_action = drop();
        size = 64;
    }
    table types {
        key = { hdr.eth.type : exact; }
        actions = { fwd; drop; }
        const entries = {
            0x0800 : fwd(1);
            0x86dd : drop();
        }
    }
    table named {
        key = {
            hdr.eth.src & 0xffff00000000 : ternary;
            hdr.eth.src[7:0] : exact;
            16w0x0800 : exact;
            hdr.eth.isValid() : exact;
            hdr.eth.type + 1 : exact @name("next_type");
        }
        actions = { fwd; drop; }
    }
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        if (!routes.apply().hit) {
            types.apply();
        }
        named.apply();
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
    }
}

xdp(prs(), sw(), dep()) main;
