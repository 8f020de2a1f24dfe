/* Calls the midend and the emitter got wrong (corpus fabric_20190420,
 * issue4057-bmv2, issue1607-bmv2):
 * - a top-level action without parameters called directly, from a control
 *   and from another action (`nop() { NoAction(); }`): the IR lacked the
 *   callee (an internal error), and C needs the callee defined first;
 * - a tuple holding a header stack (its C field was a byte);
 * - a state of more than 1024 bytes, which clang cannot zero with one
 *   memset on BPF: it must still start each packet zeroed. */
#include <core.p4>
#include <v1model.p4>

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
header w_t { bit<64> v; }
header b_t { bit<8> v; }

struct headers_t { eth_t eth; b_t res; }
struct metadata_t {
    w_t[80]         big;      /* 80 x 16 bytes: the state passes 1024 */
    tuple<b_t[2]>   tup;
}

register<bit<8>>(1) marks;

action set_mark() { marks.write(0, 0x5a); }
action nop_then_mark() { NoAction(); set_mark(); }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start { pkt.extract(hdr.eth); transition accept; }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.res.setValid();
        /* Set by the previous packet if the state were not zeroed. */
        hdr.res.v = meta.big[79].isValid() ? 8w0xee : 8w0;
        if (meta.tup[0][1].isValid())
            hdr.res.v = hdr.res.v | 0x40;
        meta.big[79].setValid();
        meta.big[79].v = 1;
        meta.tup[0][1].setValid();
        meta.tup[0][1].v = hdr.eth.type[7:0];
        hdr.res.v = hdr.res.v | meta.tup[0][1].v;
        marks.write(0, 0);
        if (hdr.eth.type == 0x0801)
            nop_then_mark();
        bit<8> m;
        marks.read(m, 0);
        hdr.eth.type = (bit<16>)m;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }
control MyCompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.eth); pkt.emit(hdr.res); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
