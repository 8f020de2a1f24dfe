/* v1model's register: cells remember values across packets; a read past
 * the end leaves its destination as it was and a write there is ignored
 * (as in BMv2); int<8> cells read back sign-extended, bool cells toggle;
 * a register declared at the top level is one register that ingress and
 * egress share. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<8>  op;       /* 1: add value to totals[index]; 2: store small in signed_cells[index] */
    bit<8>  index;
    bit<32> value;    /* op 1: the new total; op 2: the cell read back, as int<32> */
    bit<8>  small;
    bit<8>  flag;     /* the toggle before this packet */
    bit<16> seen;     /* packets before this one, as egress reads it */
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    probe_t    probe;
}

register<bit<16>, bit<1>>(1) seen;

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    register<bit<32>, bit<8>>(4) totals;
    register<int<8>, bit<8>>(2) signed_cells;
    register<bool, bit<1>>(1) toggle;

    apply {
        sm.egress_spec = sm.ingress_port;
        if (hdr.probe.op == 1) {
            bit<32> total = 0xdeadbeef;
            totals.read(total, hdr.probe.index);
            total = total + hdr.probe.value;
            totals.write(hdr.probe.index, total);
            hdr.probe.value = total;
        } else if (hdr.probe.op == 2) {
            signed_cells.write(hdr.probe.index, (int<8>)hdr.probe.small);
            int<8> back = 7;
            signed_cells.read(back, hdr.probe.index);
            hdr.probe.value = (bit<32>)(int<32>)back;
        }
        bool t;
        toggle.read(t, 0);
        toggle.write(0, !t);
        hdr.probe.flag = t ? 8w1 : 8w0;
        bit<16> n;
        seen.read(n, 0);
        seen.write(0, n + 1);
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        seen.read(hdr.probe.seen, 0);
        hdr.probe.seen = hdr.probe.seen - 1;
    }
}

control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.probe);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
