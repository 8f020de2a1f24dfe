/* Emits under ifs in the deparser (corpus issue887): an emit runs only
 * where its ifs' conditions hold, so a valid header an if leaves out is
 * not in the output and the headers after it move up; conditions read
 * validity and fields (some written straight into the packet by the
 * control), each computed once before the packet moves; headers the
 * control makes valid, and a whole stack, under ifs too. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header a_t { bit<8> v; }
header b_t { bit<16> w; }
header c_t { bit<8> x; }
header h_t { bit<8> v; }

struct headers_t { eth_t eth; a_t a; b_t b; c_t c; h_t[2] s; }
struct meta_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.a);
        transition select(hdr.a.v) {
            0: accept;
            default: parse_b;
        }
    }
    state parse_b {
        pkt.extract(hdr.b);
        transition accept;
    }
}

control MyVerify(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout meta_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.a.v >= 3) {
            hdr.c.setValid();
            hdr.c.x = 0xcc;
        }
        if (hdr.a.v == 5) {
            hdr.s[0].setValid();
            hdr.s[0].v = 0x55;
            hdr.s[1].setValid();
            hdr.s[1].v = 0x56;
        }
        hdr.b.w = hdr.b.w + 1;
        if (hdr.a.v == 6)
            hdr.eth.type = 1;
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout meta_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        if (hdr.eth.type == 1) {
            if (hdr.b.isValid())
                pkt.emit(hdr.b);
        } else {
            pkt.emit(hdr.a);
            if (hdr.c.isValid() && hdr.a.v != 4)
                pkt.emit(hdr.c);
            if (hdr.s[0].isValid())
                pkt.emit(hdr.s);
            pkt.emit(hdr.b);
        }
    }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
