/* Calls with inout arguments whose copies can and cannot be left out
 * (midend/pass_inline.c, passed_by_reference). Where nothing else in the
 * call reaches the argument's variable, the callee works on the argument
 * itself; where the body also names it, or another argument reads it, the
 * copy-in/copy-out of the spec ("Calling convention") must show: writes
 * made through the other path are undone by the copy back, and an in
 * argument keeps the value it had at the call. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

struct headers_t {
    ethernet_t eth;
}

struct meta_t {
    bit<16> seen;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

/* Works on its argument alone: the argument itself. */
void bump(inout headers_t h, in bit<48> by) {
    h.eth.src = h.eth.src + by;
}

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    /* Names hdr beside its parameter: the copy back of h undoes the
     * direct write to hdr.eth.dst. */
    action both(inout headers_t h) {
        h.eth.src = 1;
        hdr.eth.dst = 2;
        m.seen = (bit<16>)h.eth.dst;
    }
    /* Its in argument reads the inout one's variable: `old` keeps the
     * value at the call. */
    action keep(inout headers_t h, in bit<16> old) {
        h.eth.ether_type = 0xffff;
        m.seen = old;
    }
    apply {
        sm.egress_spec = 1;
        if (hdr.eth.ether_type == 1) {
            bump(hdr, 0x10);
        } else if (hdr.eth.ether_type == 2) {
            both(hdr);
            hdr.eth.ether_type = m.seen;
        } else if (hdr.eth.ether_type == 3) {
            keep(hdr, hdr.eth.ether_type);
            hdr.eth.src = (bit<48>)m.seen;
        }
    }
}

control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control CC(inout headers_t hdr, inout meta_t m) { apply { } }

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
