/* Ternary tables (xdp_model.p4): ternary keys with an exact key, entries
 * with priorities (the largest matching priority wins), masks written as
 * value&&&mask and as don't-care digits, keys left out (wildcards); and a
 * table with a range key and an optional key. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header flow_t {
    bit<32> src;
    bit<16> port;
    bit<8>  proto;
    bit<8>  r1;
    bit<8>  r2;
}

struct headers_t {
    ethernet_t eth;
    flow_t     f;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.f);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action permit(bit<8> code) { hdr.f.r1 = code; }
    action deny() { xout.output_action = xdp_action.XDP_DROP; }
    action set_r2(bit<8> v) { hdr.f.r2 = v; }

    table acl {
        key = {
            hdr.f.src   : ternary;
            hdr.f.port  : ternary;
            hdr.f.proto : exact;
        }
        actions = { permit; deny; }
        default_action = permit(0xee);
        size = 16;
    }

    table cls {
        key = {
            hdr.f.port  : range;
            hdr.f.proto : optional;
        }
        actions = { set_r2; NoAction; }
        default_action = NoAction();
        size = 8;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        acl.apply();
        cls.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.f);
    }
}

xdp(prs(), sw(), dep()) main;
