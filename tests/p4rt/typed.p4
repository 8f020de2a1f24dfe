/* The program tests/unit/test_api.c drives through its generated C API
 * (typed.h): keys of every match kind, a key wider than 64 bits (an IPv6
 * address), a bool key, an array table, a counter, registers and a value
 * set. Loaded and filled, never sent packets. */
#include <core.p4>
#include <xdp_model.p4>

header ipv6_t {
    bit<8>   next;
    bit<16>  port;
    bit<64>  flow;
    bit<128> src;
    bit<128> dst;
}

struct headers_t {
    ipv6_t ipv6;
}

parser prs(packet_in pkt, out headers_t hdr) {
    value_set<bit<12>>(2) next_headers;

    state start {
        pkt.extract(hdr.ipv6);
        transition select((bit<12>)hdr.ipv6.next) {
            next_headers: accept;
            default: reject;
        }
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(32w4, false) hits;
    Register<bool, bit<8>>(2, true) enabled;
    Register<bit<12>, bit<32>>(3) vlan;

    action rewrite(bit<48> addr, bit<16> port) { hdr.ipv6.flow = (bit<64>)addr; hdr.ipv6.port = port; }
    action tag(bit<12> v) { vlan.write(0, v); }
    action deny() { xout.output_action = xdp_action.XDP_DROP; }

    table routes6 {
        key = { hdr.ipv6.next : exact; hdr.ipv6.dst : lpm; }
        actions = { rewrite; deny; }
        default_action = deny();
    }

    table acl6 {
        key = {
            hdr.ipv6.flow : ternary;
            hdr.ipv6.next : optional;
            hdr.ipv6.port : range;
            hdr.ipv6.isValid() : exact @name("valid");
        }
        actions = { tag; deny; NoAction; }
        default_action = NoAction();
        size = 16;
    }

    table by_port {
        key = { hdr.ipv6.port : exact; }
        actions = { tag; NoAction; }
        implementation = array_table(8);
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (enabled.read(0)) {
            routes6.apply();
            acl6.apply();
            by_port.apply();
            hits.increment(0);
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply { pkt.emit(hdr.ipv6); }
}

xdp(prs(), sw(), dep()) main;
