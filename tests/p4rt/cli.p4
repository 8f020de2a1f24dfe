/* The program the p4ctl control-plane tests load (tests/integration/
 * p4ctl-commands.sh): one table of each kind (exact on a MAC address, lpm
 * on an IPv4 address, ternary with a range key, an array table, one without
 * a key), a counter and two registers. It is loaded and filled, never sent packets. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header ipv4_t {
    bit<8>  ttl;
    bit<8>  protocol;
    bit<32> srcAddr;
    bit<32> dstAddr;
    bit<16> dstPort;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.ipv4);
        transition accept;
    }
}

control ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(32w8, false) port_packets;
    Register<bit<16>, bit<32>>(4) last_len;
    Register<bit<48>, bit<8>>(2, 48w0x020000000001) gateway_mac;

    action forward(bit<9> port, bit<48> dmac) {
        xout.output_action = xdp_action.XDP_REDIRECT;
        xout.output_port = (bit<32>)port;
        hdr.ethernet.dstAddr = dmac;
        port_packets.increment((bit<32>)port);
    }
    action drop() { xout.output_action = xdp_action.XDP_DROP; }
    action learn() { hdr.ipv4.ttl = 1; }
    action allow(bit<32> tag) { hdr.ipv4.srcAddr = tag; }
    action mark(bit<8> v) { hdr.ipv4.ttl = v; }

    table smac {
        key = { hdr.ethernet.srcAddr : exact; }
        actions = { learn; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    table ipv4_lpm {
        key = { hdr.ipv4.dstAddr : lpm; }
        actions = { forward; drop; }
        default_action = drop();
        size = 64;
    }

    table acl {
        key = {
            hdr.ipv4.srcAddr  : ternary;
            hdr.ipv4.protocol : exact;
            hdr.ipv4.dstPort  : range;
        }
        actions = { allow; drop; }
        default_action = allow(0);
        size = 8;
    }

    table marks {
        key = { hdr.ipv4.ttl : exact; }
        actions = { mark; NoAction; }
        implementation = array_table(16);
        default_action = NoAction();
    }

    table stamp {
        actions = { mark; NoAction; }
        default_action = mark(1);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        smac.apply();
        ipv4_lpm.apply();
        acl.apply();
        marks.apply();
        stamp.apply();
        last_len.write(0, hdr.ipv4.dstPort);
        hdr.ethernet.dstAddr = gateway_mac.read(0);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.ipv4);
    }
}

xdp(prs(), ingress(), dep()) main;
