/* An exact table keyed on 66 fields (over the 64 that p4info's key layout
 * once had room for, and the 36 key columns and 32 columns that p4ctl's
 * table dump printed) of mixed widths, so key offsets need alignment
 * padding. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header data_t {
    bit<8> f0;
    bit<16> f1;
    bit<8> f2;
    bit<32> f3;
    bit<8> f4;
    bit<16> f5;
    bit<8> f6;
    bit<32> f7;
    bit<8> f8;
    bit<16> f9;
    bit<8> f10;
    bit<32> f11;
    bit<8> f12;
    bit<16> f13;
    bit<8> f14;
    bit<32> f15;
    bit<8> f16;
    bit<16> f17;
    bit<8> f18;
    bit<32> f19;
    bit<8> f20;
    bit<16> f21;
    bit<8> f22;
    bit<32> f23;
    bit<8> f24;
    bit<16> f25;
    bit<8> f26;
    bit<32> f27;
    bit<8> f28;
    bit<16> f29;
    bit<8> f30;
    bit<32> f31;
    bit<8> f32;
    bit<16> f33;
    bit<8> f34;
    bit<32> f35;
    bit<8> f36;
    bit<16> f37;
    bit<8> f38;
    bit<32> f39;
    bit<8> f40;
    bit<16> f41;
    bit<8> f42;
    bit<32> f43;
    bit<8> f44;
    bit<16> f45;
    bit<8> f46;
    bit<32> f47;
    bit<8> f48;
    bit<16> f49;
    bit<8> f50;
    bit<32> f51;
    bit<8> f52;
    bit<16> f53;
    bit<8> f54;
    bit<32> f55;
    bit<8> f56;
    bit<16> f57;
    bit<8> f58;
    bit<32> f59;
    bit<8> f60;
    bit<16> f61;
    bit<8> f62;
    bit<32> f63;
    bit<8> f64;
    bit<16> f65;
}

struct headers_t {
    ethernet_t eth;
    data_t     d;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.d);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action tag(bit<16> type) {
        hdr.eth.ether_type = type;
    }

    table by_fields {
        key = {
            hdr.d.f0 : exact;
            hdr.d.f1 : exact;
            hdr.d.f2 : exact;
            hdr.d.f3 : exact;
            hdr.d.f4 : exact;
            hdr.d.f5 : exact;
            hdr.d.f6 : exact;
            hdr.d.f7 : exact;
            hdr.d.f8 : exact;
            hdr.d.f9 : exact;
            hdr.d.f10 : exact;
            hdr.d.f11 : exact;
            hdr.d.f12 : exact;
            hdr.d.f13 : exact;
            hdr.d.f14 : exact;
            hdr.d.f15 : exact;
            hdr.d.f16 : exact;
            hdr.d.f17 : exact;
            hdr.d.f18 : exact;
            hdr.d.f19 : exact;
            hdr.d.f20 : exact;
            hdr.d.f21 : exact;
            hdr.d.f22 : exact;
            hdr.d.f23 : exact;
            hdr.d.f24 : exact;
            hdr.d.f25 : exact;
            hdr.d.f26 : exact;
            hdr.d.f27 : exact;
            hdr.d.f28 : exact;
            hdr.d.f29 : exact;
            hdr.d.f30 : exact;
            hdr.d.f31 : exact;
            hdr.d.f32 : exact;
            hdr.d.f33 : exact;
            hdr.d.f34 : exact;
            hdr.d.f35 : exact;
            hdr.d.f36 : exact;
            hdr.d.f37 : exact;
            hdr.d.f38 : exact;
            hdr.d.f39 : exact;
            hdr.d.f40 : exact;
            hdr.d.f41 : exact;
            hdr.d.f42 : exact;
            hdr.d.f43 : exact;
            hdr.d.f44 : exact;
            hdr.d.f45 : exact;
            hdr.d.f46 : exact;
            hdr.d.f47 : exact;
            hdr.d.f48 : exact;
            hdr.d.f49 : exact;
            hdr.d.f50 : exact;
            hdr.d.f51 : exact;
            hdr.d.f52 : exact;
            hdr.d.f53 : exact;
            hdr.d.f54 : exact;
            hdr.d.f55 : exact;
            hdr.d.f56 : exact;
            hdr.d.f57 : exact;
            hdr.d.f58 : exact;
            hdr.d.f59 : exact;
            hdr.d.f60 : exact;
            hdr.d.f61 : exact;
            hdr.d.f62 : exact;
            hdr.d.f63 : exact;
            hdr.d.f64 : exact;
            hdr.d.f65 : exact;
        }
        actions = { tag; NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        by_fields.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.d);
    }
}

xdp(prs(), sw(), dep()) main;
