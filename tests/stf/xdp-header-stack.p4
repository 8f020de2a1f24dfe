/* Header stacks: the parser extracts VLAN tags into hdr.vlan.next while
 * the last tag says another follows (a bounded loop over the state); the
 * control pops a tag when there is one and pushes one when there is not;
 * the deparser emits the stack's valid elements in order. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header vlan_t {
    bit<16> tci;
    bit<16> type;
}

struct headers_t {
    eth_t     eth;
    vlan_t[2] vlan;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x8100: vlan;
            default: accept;
        }
    }
    state vlan {
        p.extract(hdr.vlan.next);
        transition select(hdr.vlan.last.type) {
            0x8100: vlan;
            default: accept;
        }
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (hdr.vlan[0].isValid()) {
            hdr.eth.type = hdr.vlan[0].type;
            hdr.vlan.pop_front(1);
        } else {
            hdr.vlan.push_front(1);
            hdr.vlan[0].setValid();
            hdr.vlan[0].tci = 5;
            hdr.vlan[0].type = hdr.eth.type;
            hdr.eth.type = 0x8100;
        }
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
        p.emit(hdr.vlan);
    }
}

xdp(prs(), sw(), dep()) main;
