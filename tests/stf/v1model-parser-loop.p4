/* A parser loop that extracts into one header again and again, with no
 * stack to bound it (corpus metrics_test_3): the verifier must accept it
 * and every round must count; a loop that runs off the packet ends in
 * PacketTooShort, and ingress still runs (v1model). Also a slice of a
 * lookahead wider than 64 bits (corpus issue356-bmv2) and a control's int
 * parameter, a compile-time value per apply (corpus issue3394). */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header tag_t { bit<8> kind; bit<8> val; }
header res_t { bit<8> n; bit<8> sum; bit<16> la; bit<8> err; }

struct headers_t { eth_t eth; tag_t tag; res_t res; }
struct metadata_t { bit<8> n; bit<8> sum; bit<16> la; }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        meta.la = pkt.lookahead<bit<112>>()[111:96];
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x88b5: tags;
            default: accept;
        }
    }
    state tags {
        pkt.extract(hdr.tag);
        meta.n = meta.n + 1;
        meta.sum = meta.sum + hdr.tag.val;
        transition select(hdr.tag.kind) {
            1: tags;
            default: accept;
        }
    }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control AddK(inout bit<8> b, int k) {
    apply { b = b + k; }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    AddK() add;
    apply {
        sm.egress_spec = 1;
        hdr.tag.setInvalid();
        hdr.res.setValid();
        add.apply(meta.sum, 100);
        add.apply(meta.n, 16);
        hdr.res.n = meta.n;
        hdr.res.sum = meta.sum;
        hdr.res.la = meta.la;
        hdr.res.err = sm.parser_error == error.PacketTooShort ? 8w1 : 8w0;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.eth); pkt.emit(hdr.res); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
