/* An action with 66 parameters (over the 64 that p4info's layout once
 * had room for) of mixed widths, so offsets need alignment padding, as the
 * action of an exact table and of an lpm table. Each parameter lands in its
 * own field of the packet: a wrong offset or size shows in the bytes. */
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
    action fill(bit<8> p0, bit<16> p1, bit<8> p2, bit<32> p3,
                 bit<8> p4, bit<16> p5, bit<8> p6, bit<32> p7,
                 bit<8> p8, bit<16> p9, bit<8> p10, bit<32> p11,
                 bit<8> p12, bit<16> p13, bit<8> p14, bit<32> p15,
                 bit<8> p16, bit<16> p17, bit<8> p18, bit<32> p19,
                 bit<8> p20, bit<16> p21, bit<8> p22, bit<32> p23,
                 bit<8> p24, bit<16> p25, bit<8> p26, bit<32> p27,
                 bit<8> p28, bit<16> p29, bit<8> p30, bit<32> p31,
                 bit<8> p32, bit<16> p33, bit<8> p34, bit<32> p35,
                 bit<8> p36, bit<16> p37, bit<8> p38, bit<32> p39,
                 bit<8> p40, bit<16> p41, bit<8> p42, bit<32> p43,
                 bit<8> p44, bit<16> p45, bit<8> p46, bit<32> p47,
                 bit<8> p48, bit<16> p49, bit<8> p50, bit<32> p51,
                 bit<8> p52, bit<16> p53, bit<8> p54, bit<32> p55,
                 bit<8> p56, bit<16> p57, bit<8> p58, bit<32> p59,
                 bit<8> p60, bit<16> p61, bit<8> p62, bit<32> p63,
                 bit<8> p64, bit<16> p65) {
        hdr.d.f0 = p0;
        hdr.d.f1 = p1;
        hdr.d.f2 = p2;
        hdr.d.f3 = p3;
        hdr.d.f4 = p4;
        hdr.d.f5 = p5;
        hdr.d.f6 = p6;
        hdr.d.f7 = p7;
        hdr.d.f8 = p8;
        hdr.d.f9 = p9;
        hdr.d.f10 = p10;
        hdr.d.f11 = p11;
        hdr.d.f12 = p12;
        hdr.d.f13 = p13;
        hdr.d.f14 = p14;
        hdr.d.f15 = p15;
        hdr.d.f16 = p16;
        hdr.d.f17 = p17;
        hdr.d.f18 = p18;
        hdr.d.f19 = p19;
        hdr.d.f20 = p20;
        hdr.d.f21 = p21;
        hdr.d.f22 = p22;
        hdr.d.f23 = p23;
        hdr.d.f24 = p24;
        hdr.d.f25 = p25;
        hdr.d.f26 = p26;
        hdr.d.f27 = p27;
        hdr.d.f28 = p28;
        hdr.d.f29 = p29;
        hdr.d.f30 = p30;
        hdr.d.f31 = p31;
        hdr.d.f32 = p32;
        hdr.d.f33 = p33;
        hdr.d.f34 = p34;
        hdr.d.f35 = p35;
        hdr.d.f36 = p36;
        hdr.d.f37 = p37;
        hdr.d.f38 = p38;
        hdr.d.f39 = p39;
        hdr.d.f40 = p40;
        hdr.d.f41 = p41;
        hdr.d.f42 = p42;
        hdr.d.f43 = p43;
        hdr.d.f44 = p44;
        hdr.d.f45 = p45;
        hdr.d.f46 = p46;
        hdr.d.f47 = p47;
        hdr.d.f48 = p48;
        hdr.d.f49 = p49;
        hdr.d.f50 = p50;
        hdr.d.f51 = p51;
        hdr.d.f52 = p52;
        hdr.d.f53 = p53;
        hdr.d.f54 = p54;
        hdr.d.f55 = p55;
        hdr.d.f56 = p56;
        hdr.d.f57 = p57;
        hdr.d.f58 = p58;
        hdr.d.f59 = p59;
        hdr.d.f60 = p60;
        hdr.d.f61 = p61;
        hdr.d.f62 = p62;
        hdr.d.f63 = p63;
        hdr.d.f64 = p64;
        hdr.d.f65 = p65;
    }

    table by_type {
        key = { hdr.eth.ether_type : exact; }
        actions = { fill; NoAction; }
        default_action = NoAction();
    }

    table by_src {
        key = { hdr.eth.src : lpm; }
        actions = { fill; NoAction; }
        default_action = NoAction();
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!by_type.apply().hit) {
            by_src.apply();
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.d);
    }
}

xdp(prs(), sw(), dep()) main;
