/* A direct action call with 66 inout arguments (over the 64 that once went
 * through temporaries; the rest were passed as pointers to the arguments
 * themselves). The last two name the same field: with copy-in/copy-out,
 * each parameter starts from the field's value and the field ends with the
 * last one's (copied back left to right), where pointers would make the
 * second update see the first. The 128-bit parameter is copied in like
 * the others (the inliner takes wide parameters). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header data_t {
    bit<8> f0;
    bit<8> f1;
    bit<8> f2;
    bit<8> f3;
    bit<8> f4;
    bit<8> f5;
    bit<8> f6;
    bit<8> f7;
    bit<8> f8;
    bit<8> f9;
    bit<8> f10;
    bit<8> f11;
    bit<8> f12;
    bit<8> f13;
    bit<8> f14;
    bit<8> f15;
    bit<8> f16;
    bit<8> f17;
    bit<8> f18;
    bit<8> f19;
    bit<8> f20;
    bit<8> f21;
    bit<8> f22;
    bit<8> f23;
    bit<8> f24;
    bit<8> f25;
    bit<8> f26;
    bit<8> f27;
    bit<8> f28;
    bit<8> f29;
    bit<8> f30;
    bit<8> f31;
    bit<8> f32;
    bit<8> f33;
    bit<8> f34;
    bit<8> f35;
    bit<8> f36;
    bit<8> f37;
    bit<8> f38;
    bit<8> f39;
    bit<8> f40;
    bit<8> f41;
    bit<8> f42;
    bit<8> f43;
    bit<8> f44;
    bit<8> f45;
    bit<8> f46;
    bit<8> f47;
    bit<8> f48;
    bit<8> f49;
    bit<8> f50;
    bit<8> f51;
    bit<8> f52;
    bit<8> f53;
    bit<8> f54;
    bit<8> f55;
    bit<8> f56;
    bit<8> f57;
    bit<8> f58;
    bit<8> f59;
    bit<8> f60;
    bit<8> f61;
    bit<8> f62;
    bit<8> f63;
    bit<8> f64;
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
    action bump(in bit<128> k,
                inout bit<8> p0, inout bit<8> p1, inout bit<8> p2, inout bit<8> p3,
                inout bit<8> p4, inout bit<8> p5, inout bit<8> p6, inout bit<8> p7,
                inout bit<8> p8, inout bit<8> p9, inout bit<8> p10, inout bit<8> p11,
                inout bit<8> p12, inout bit<8> p13, inout bit<8> p14, inout bit<8> p15,
                inout bit<8> p16, inout bit<8> p17, inout bit<8> p18, inout bit<8> p19,
                inout bit<8> p20, inout bit<8> p21, inout bit<8> p22, inout bit<8> p23,
                inout bit<8> p24, inout bit<8> p25, inout bit<8> p26, inout bit<8> p27,
                inout bit<8> p28, inout bit<8> p29, inout bit<8> p30, inout bit<8> p31,
                inout bit<8> p32, inout bit<8> p33, inout bit<8> p34, inout bit<8> p35,
                inout bit<8> p36, inout bit<8> p37, inout bit<8> p38, inout bit<8> p39,
                inout bit<8> p40, inout bit<8> p41, inout bit<8> p42, inout bit<8> p43,
                inout bit<8> p44, inout bit<8> p45, inout bit<8> p46, inout bit<8> p47,
                inout bit<8> p48, inout bit<8> p49, inout bit<8> p50, inout bit<8> p51,
                inout bit<8> p52, inout bit<8> p53, inout bit<8> p54, inout bit<8> p55,
                inout bit<8> p56, inout bit<8> p57, inout bit<8> p58, inout bit<8> p59,
                inout bit<8> p60, inout bit<8> p61, inout bit<8> p62, inout bit<8> p63,
                inout bit<8> p64, inout bit<8> p65) {
        p0 = p0 + k[7:0] + 0;
        p1 = p1 + k[7:0] + 1;
        p2 = p2 + k[7:0] + 2;
        p3 = p3 + k[7:0] + 3;
        p4 = p4 + k[7:0] + 4;
        p5 = p5 + k[7:0] + 5;
        p6 = p6 + k[7:0] + 6;
        p7 = p7 + k[7:0] + 7;
        p8 = p8 + k[7:0] + 8;
        p9 = p9 + k[7:0] + 9;
        p10 = p10 + k[7:0] + 10;
        p11 = p11 + k[7:0] + 11;
        p12 = p12 + k[7:0] + 12;
        p13 = p13 + k[7:0] + 13;
        p14 = p14 + k[7:0] + 14;
        p15 = p15 + k[7:0] + 15;
        p16 = p16 + k[7:0] + 16;
        p17 = p17 + k[7:0] + 17;
        p18 = p18 + k[7:0] + 18;
        p19 = p19 + k[7:0] + 19;
        p20 = p20 + k[7:0] + 20;
        p21 = p21 + k[7:0] + 21;
        p22 = p22 + k[7:0] + 22;
        p23 = p23 + k[7:0] + 23;
        p24 = p24 + k[7:0] + 24;
        p25 = p25 + k[7:0] + 25;
        p26 = p26 + k[7:0] + 26;
        p27 = p27 + k[7:0] + 27;
        p28 = p28 + k[7:0] + 28;
        p29 = p29 + k[7:0] + 29;
        p30 = p30 + k[7:0] + 30;
        p31 = p31 + k[7:0] + 31;
        p32 = p32 + k[7:0] + 32;
        p33 = p33 + k[7:0] + 33;
        p34 = p34 + k[7:0] + 34;
        p35 = p35 + k[7:0] + 35;
        p36 = p36 + k[7:0] + 36;
        p37 = p37 + k[7:0] + 37;
        p38 = p38 + k[7:0] + 38;
        p39 = p39 + k[7:0] + 39;
        p40 = p40 + k[7:0] + 40;
        p41 = p41 + k[7:0] + 41;
        p42 = p42 + k[7:0] + 42;
        p43 = p43 + k[7:0] + 43;
        p44 = p44 + k[7:0] + 44;
        p45 = p45 + k[7:0] + 45;
        p46 = p46 + k[7:0] + 46;
        p47 = p47 + k[7:0] + 47;
        p48 = p48 + k[7:0] + 48;
        p49 = p49 + k[7:0] + 49;
        p50 = p50 + k[7:0] + 50;
        p51 = p51 + k[7:0] + 51;
        p52 = p52 + k[7:0] + 52;
        p53 = p53 + k[7:0] + 53;
        p54 = p54 + k[7:0] + 54;
        p55 = p55 + k[7:0] + 55;
        p56 = p56 + k[7:0] + 56;
        p57 = p57 + k[7:0] + 57;
        p58 = p58 + k[7:0] + 58;
        p59 = p59 + k[7:0] + 59;
        p60 = p60 + k[7:0] + 60;
        p61 = p61 + k[7:0] + 61;
        p62 = p62 + k[7:0] + 62;
        p63 = p63 + k[7:0] + 63;
        p64 = p64 + k[7:0] + 64;
        p65 = p65 + k[7:0] + 65;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bump((bit<128>)hdr.eth.ether_type,
             hdr.d.f0, hdr.d.f1, hdr.d.f2, hdr.d.f3, hdr.d.f4, hdr.d.f5,
             hdr.d.f6, hdr.d.f7, hdr.d.f8, hdr.d.f9, hdr.d.f10, hdr.d.f11,
             hdr.d.f12, hdr.d.f13, hdr.d.f14, hdr.d.f15, hdr.d.f16, hdr.d.f17,
             hdr.d.f18, hdr.d.f19, hdr.d.f20, hdr.d.f21, hdr.d.f22, hdr.d.f23,
             hdr.d.f24, hdr.d.f25, hdr.d.f26, hdr.d.f27, hdr.d.f28, hdr.d.f29,
             hdr.d.f30, hdr.d.f31, hdr.d.f32, hdr.d.f33, hdr.d.f34, hdr.d.f35,
             hdr.d.f36, hdr.d.f37, hdr.d.f38, hdr.d.f39, hdr.d.f40, hdr.d.f41,
             hdr.d.f42, hdr.d.f43, hdr.d.f44, hdr.d.f45, hdr.d.f46, hdr.d.f47,
             hdr.d.f48, hdr.d.f49, hdr.d.f50, hdr.d.f51, hdr.d.f52, hdr.d.f53,
             hdr.d.f54, hdr.d.f55, hdr.d.f56, hdr.d.f57, hdr.d.f58, hdr.d.f59,
             hdr.d.f60, hdr.d.f61, hdr.d.f62, hdr.d.f63, hdr.d.f64, hdr.d.f64);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.d);
    }
}

xdp(prs(), sw(), dep()) main;
