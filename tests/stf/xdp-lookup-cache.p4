/* Lookup caches (@p4cc_cache; docs/RUNTIME.md, "Lookup cache") in front
 * of a ternary and an lpm table. Cached hits and misses must follow every
 * change of the entries (the control plane bumps the table's version),
 * the default action is never cached, and with one slot (the lpm table)
 * keys that share it must not take each other's results. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header f_t {
    bit<32> addr;
    bit<8>  r1;
    bit<8>  r2;
}

struct headers_t {
    eth_t eth;
    f_t   f;
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.f);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set1(bit<8> v) { hdr.f.r1 = v; }
    action set2(bit<8> v) { hdr.f.r2 = v; }

    @p4cc_cache(64)
    table tern {
        key = { hdr.f.addr : ternary; }
        actions = { set1; }
        default_action = set1(0xee);
        size = 64;
    }

    @p4cc_cache(1)
    table routes {
        key = { hdr.f.addr : lpm; }
        actions = { set2; }
        default_action = set2(0xdd);
        size = 64;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        tern.apply();
        routes.apply();
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.f);
    }
}

xdp(P(), C(), D()) main;
