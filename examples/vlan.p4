/* A VLAN edge switch for the xdp_model.p4 architecture: it joins access
 * ports (untagged frames, one VLAN per port) to trunk ports (802.1Q
 * tagged frames).
 *
 * - An untagged frame from an access port gets the port's VLAN tag pushed
 *   (the frame grows by 4 bytes) and goes to the port's trunk.
 * - A tagged frame from a trunk port is looked up by (port, VLAN id): it
 *   either has its tag popped (the frame shrinks by 4 bytes) and goes to
 *   the access port of that VLAN, or goes on tagged to another trunk.
 * Frames from unknown ports or for VLANs a trunk does not carry are
 * dropped, and so are tagged frames arriving on access ports. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<12> vlan_id_t;

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

/* The 802.1Q tag: between the source address and the EtherType of the
 * payload, which moves into the tag. */
header vlan_tag_t {
    bit<3>    pcp;
    bit<1>    dei;
    vlan_id_t vid;
    bit<16>   ether_type;
}

struct headers_t {
    ethernet_t ethernet;
    vlan_tag_t vlan;
}

const bit<16> ETHERTYPE_VLAN = 0x8100;

parser vlan_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_VLAN: parse_vlan;
            default: accept;
        }
    }

    state parse_vlan {
        packet.extract(hdr.vlan);
        transition accept;
    }
}

control vlan_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }

    action forward(bit<32> port) {
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
    }

    /* Access port -> trunk: push a tag (priority 0). */
    action push_tag(vlan_id_t vid, bit<32> trunk_port) {
        hdr.vlan.setValid();
        hdr.vlan.pcp = 0;
        hdr.vlan.dei = 0;
        hdr.vlan.vid = vid;
        hdr.vlan.ether_type = hdr.ethernet.ether_type;
        hdr.ethernet.ether_type = ETHERTYPE_VLAN;
        forward(trunk_port);
    }

    /* Trunk -> access port: pop the tag. */
    action pop_tag(bit<32> access_port) {
        hdr.ethernet.ether_type = hdr.vlan.ether_type;
        hdr.vlan.setInvalid();
        forward(access_port);
    }

    table access_ports {
        key = { xin.input_port : exact; }
        actions = { push_tag; drop; }
        default_action = drop();
        size = 256;
    }

    table trunk_vlans {
        key = {
            xin.input_port : exact;
            hdr.vlan.vid   : exact;
        }
        actions = { pop_tag; forward; drop; }
        default_action = drop();
        size = 4096;
    }

    apply {
        if (hdr.vlan.isValid()) {
            trunk_vlans.apply();
        } else {
            access_ports.apply();
        }
    }
}

control vlan_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.vlan);
    }
}

xdp(vlan_parser(), vlan_ingress(), vlan_deparser()) main;
