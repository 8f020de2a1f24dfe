/* lookahead<T>() of a struct holding a header stack, a header and a
 * struct with an array of bit<4> (corpus issue2465-bmv2): every element
 * and header valid, the stack's nextIndex past its last element, the bits
 * in packet order. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header h1 { bit<8> f1; }
header two_t { bit<4> a; bit<12> b; }
struct inner_t { bit<8> x; bit<4>[2] n; }
struct la_t { h1[3] h; two_t t; inner_t i; }
header out_t {
    bit<8> count; bit<8> next; bit<8> valid; bit<4> a; bit<12> b; bit<8> x; bit<4> n0; bit<4> n1;
}

struct headers_t { eth_t eth; h1[3] h; out_t o; }
struct meta_t {
    bit<8> count; bit<8> next; bit<8> valid; bit<4> a; bit<12> b; bit<8> x; bit<4> n0; bit<4> n1;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        la_t l = pkt.lookahead<la_t>();
        meta.next = (bit<8>)l.h.nextIndex;
        meta.valid = (l.h[2].isValid() ? 8w1 : 8w0) | (l.t.isValid() ? 8w2 : 8w0);
        meta.a = l.t.a;
        meta.b = l.t.b;
        meta.x = l.i.x;
        meta.n0 = l.i.n[0];
        meta.n1 = l.i.n[1];
        transition select(l.h[0].f1, l.h[1].f1, l.h[2].f1) {
            (1, _, _) : one;
            (0, 1, _) : two;
            (0, 0, 1) : three;
            default: many;
        }
    }
    state one {
        pkt.extract(hdr.h.next);
        meta.count = 1;
        transition accept;
    }
    state two {
        pkt.extract(hdr.h.next);
        pkt.extract(hdr.h.next);
        meta.count = 2;
        transition accept;
    }
    state three {
        pkt.extract(hdr.h.next);
        pkt.extract(hdr.h.next);
        pkt.extract(hdr.h.next);
        meta.count = 3;
        transition accept;
    }
    state many {
        meta.count = 255;
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout meta_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.o.setValid();
        hdr.o.count = meta.count;
        hdr.o.next = meta.next;
        hdr.o.valid = meta.valid;
        hdr.o.a = meta.a;
        hdr.o.b = meta.b;
        hdr.o.x = meta.x;
        hdr.o.n0 = meta.n0;
        hdr.o.n1 = meta.n1;
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.eth); pkt.emit(hdr.h); pkt.emit(hdr.o); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
