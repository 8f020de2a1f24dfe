/* A sub-control's inout struct of 1152 bytes: its copy-in and copy-back
 * are over the 1024 bytes clang copies inline, where it would call memcpy,
 * which BPF does not have (switch_p4_16.p4 of p4c's tests). The copies go
 * in pieces (p4cc_assign_large, include/p4cc/prelude.h); the values that
 * reach the packet show that both copies took every piece. */
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

/* 16 x 8 bytes */
struct block_t {
    bit<64> f0;
    bit<64> f1;
    bit<64> f2;
    bit<64> f3;
    bit<64> f4;
    bit<64> f5;
    bit<64> f6;
    bit<64> f7;
    bit<64> f8;
    bit<64> f9;
    bit<64> f10;
    bit<64> f11;
    bit<64> f12;
    bit<64> f13;
    bit<64> f14;
    bit<64> f15;
}

/* 9 x 128 bytes */
struct meta_t {
    block_t b0; block_t b1; block_t b2; block_t b3; block_t b4;
    block_t b5; block_t b6; block_t b7; block_t b8;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

/* Reads the first and last words it was given, writes others. */
control Shuffle(inout meta_t m) {
    apply {
        m.b8.f15 = m.b0.f0 + 1;
        m.b0.f1 = m.b8.f14 + 2;
        m.b4.f7 = 0x0102030405060708;
    }
}

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    Shuffle() shuffle;
    apply {
        m.b0.f0 = (bit<64>)hdr.eth.dst;
        m.b8.f14 = (bit<64>)hdr.eth.src;
        shuffle.apply(m);
        hdr.eth.dst = (bit<48>)m.b8.f15;
        hdr.eth.src = (bit<48>)m.b0.f1;
        hdr.eth.ether_type = m.b4.f7[15:0];
        sm.egress_spec = 1;
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
