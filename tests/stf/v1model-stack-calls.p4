/* Header stacks through calls (corpus invalid-hdr-warnings4, issue3001-1):
 * - an action's inout and out parameters of header stack type, inlined
 *   with a copy of the whole stack in and back (elements, validity and
 *   nextIndex; an out one starts all invalid);
 * - such an action that nothing runs, which C could not take, left out;
 * - a function returning a header stack, indexed at the call, and one
 *   returning a header whose isValid() is called on the call itself:
 *   the call is computed before its statement. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h_t { bit<8> v; }

struct headers_t { eth_t eth; h_t[3] s; }
struct meta_t { }

h_t[2] mk(in bit<8> x) {
    h_t[2] r;
    r[1].setValid();
    r[1].v = x;
    return r;
}

h_t pick(in bit<8> x) {
    h_t r;
    if (x > 10) {
        r.setValid();
        r.v = x;
    }
    return r;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.s.next);
        pkt.extract(hdr.s.next);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout meta_t meta,
                  inout standard_metadata_t sm) {
    action bump(inout h_t[3] st, bit<8> d) {
        st.push_front(1);
        st[0].setValid();
        st[0].v = st[1].v + d;
    }
    action clear(out h_t[3] st) {
        st[1].setValid();
        st[1].v = 0x11;
    }
    action unused(inout h_t[3] st) { st[0].v = 0; }
    apply {
        sm.egress_spec = 1;
        if (hdr.eth.type == 1) {
            bump(hdr.s, 5);
        } else if (hdr.eth.type == 2) {
            clear(hdr.s);
        } else {
            if (pick(hdr.s[0].v).isValid())
                hdr.s[1].v = 0x77;
            hdr.s[0].v = mk(hdr.s[0].v + 1)[1].v;
        }
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.eth); pkt.emit(hdr.s); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
