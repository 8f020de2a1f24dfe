/* == and != on varbit fields, headers holding them and header stacks
 * (spec "Operations on varbit", "Operations on headers", stacks element by
 * element). The C compared the arrays' addresses for varbits and stacks
 * (always unequal: corpus equality-varbit-bmv2, equality-bmv2). */
#include <core.p4>
#include <v1model.p4>

header H {
    bit<8>     s;
    varbit<32> v;
}

header R {
    bit<8> bits;
}

struct metadata_t { }

struct headers_t {
    H    h;
    H[2] a;
    R    r;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.h, 32);
        pkt.extract(hdr.a.next, 32);
        pkt.extract(hdr.a.next, 16);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.r.setValid();
        hdr.r.bits = 0;
        if (hdr.h.v == hdr.a[0].v)
            hdr.r.bits = hdr.r.bits | 1;
        if (hdr.h.v != hdr.a[1].v)
            hdr.r.bits = hdr.r.bits | 2;
        if (hdr.h == hdr.a[0])
            hdr.r.bits = hdr.r.bits | 4;
        H[2] tmp;
        tmp[0] = hdr.h;
        tmp[1] = hdr.a[1];
        if (tmp == hdr.a)
            hdr.r.bits = hdr.r.bits | 8;
        if (tmp != hdr.a)
            hdr.r.bits = hdr.r.bits | 16;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.r);
        pkt.emit(hdr.h);
        pkt.emit(hdr.a);
    }
}

V1Switch(MyParser(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
