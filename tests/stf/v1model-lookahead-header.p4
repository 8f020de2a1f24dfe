/* lookahead<H>() of a header and of a struct (spec "Lookahead"): a copy
 * filled from the packet without consuming it, a header valid; a packet
 * too short for it is a parser error. mark_to_drop as the lone statement
 * of an if (not a block) is lowered too (corpus issue1768-bmv2,
 * issue3702-bmv2). */
#include <core.p4>
#include <v1model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<4>  kind;
    bit<12> id;
    bit<8>  len;
}

struct pair_t {
    bit<16> a;
    bit<8>  b;
}

struct headers_t {
    eth_t eth;
    tag_t tag;
}

struct metadata_t {
    bit<16> a;
    bit<8>  b;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        tag_t t = pkt.lookahead<tag_t>();
        pair_t p = pkt.lookahead<pair_t>();
        meta.a = p.a;
        meta.b = p.b;
        transition select(t.kind) {
            1: tagged;
            default: accept;
        }
    }
    state tagged {
        pkt.extract(hdr.tag);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (sm.parser_error != error.NoError)
            mark_to_drop(sm);
        hdr.eth.type = meta.a ^ (bit<16>)meta.b;
        if (hdr.tag.isValid())
            hdr.eth.src = (bit<48>)hdr.tag.id;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.tag);
    }
}

V1Switch(MyParser(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
