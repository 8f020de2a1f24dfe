/* p4info ids (tests/integration/p4info-ids.sh): @id annotations, one that
 * is taken twice, one with another kind's top byte, objects of every kind;
 * with -DEXTRA the program gains a table and an action declared before the
 * others, which must not change their ids. */
#include <core.p4>
#include <xdp_model.p4>

header h_t { bit<8> a; bit<16> b; }
struct hs { h_t h; }

parser prs(packet_in pkt, out hs hdr) {
    value_set<bit<16>>(4) kinds;
    state start {
        pkt.extract(hdr.h);
        transition select(hdr.h.b) {
            kinds: accept;
            default: accept;
        }
    }
}

control sw(inout hs hdr, in xdp_input xin, out xdp_output xout) {
#ifdef EXTRA
    action extra() { hdr.h.a = 7; }
    table t0 { key = { hdr.h.b : exact; } actions = { extra; } default_action = extra(); }
#endif
    @id(5) CounterArray(32w4, false) c;
    Register<bit<8>, bit<32>>(2) r;
    @id(0x02000007) action set(bit<8> v) { hdr.h.a = v; }
    action clear() { hdr.h.a = 0; }
    @id(9) table t1 { key = { hdr.h.a : exact; } actions = { set; NoAction; } default_action = NoAction(); }
    @id(9) table t2 { key = { hdr.h.a : exact; } actions = { set; clear; } default_action = clear(); }
    apply {
        xout.output_action = xdp_action.XDP_PASS;
#ifdef EXTRA
        t0.apply();
#endif
        t1.apply();
        t2.apply();
        c.increment(0);
        hdr.h.a = r.read(0);
    }
}

control dep(in hs hdr, packet_out pkt) { apply { pkt.emit(hdr.h); } }

xdp(prs(), sw(), dep()) main;
