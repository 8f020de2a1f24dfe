/* An L2 switch for the xdp_model.p4 architecture: the destination MAC
 * address picks the output port; unknown addresses go to the kernel stack.
 * Frames for a port are redirected there; a per-port counter counts them. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<48> mac_addr_t;

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

struct headers_t {
    ethernet_t ethernet;
}

parser switch_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition accept;
    }
}

control switch_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(32w64, true) port_frames;

    action forward(bit<32> port) {
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = port;
        port_frames.increment(port);
    }

    action to_kernel() {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }

    action drop() {
        xout.output_action = xdp_action.XDP_DROP;
        xout.output_port = 0;
    }

    table mac_table {
        key = { hdr.ethernet.dst_addr : exact; }
        actions = { forward; to_kernel; drop; }
        default_action = to_kernel();
        size = 1024;
    }

    apply {
        if (hdr.ethernet.isValid()) {
            mac_table.apply();
        } else {
            drop();
        }
    }
}

control switch_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
    }
}

xdp(switch_parser(), switch_ingress(), switch_deparser()) main;
