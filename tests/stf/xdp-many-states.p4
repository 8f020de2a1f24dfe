/* A parser of 71 states in a chain, each extracting a header, and a
 * deparser of 71 emits (over the 64 states and 64 emits the deparser's
 * proof that headers stay in place once gave up at: the proof holds, so
 * the deparser writes the assigned fields in place, with no packet move). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header item_t {
    bit<8> a;
    bit<8> b;
}

struct headers_t {
    ethernet_t eth;
    item_t h0;
    item_t h1;
    item_t h2;
    item_t h3;
    item_t h4;
    item_t h5;
    item_t h6;
    item_t h7;
    item_t h8;
    item_t h9;
    item_t h10;
    item_t h11;
    item_t h12;
    item_t h13;
    item_t h14;
    item_t h15;
    item_t h16;
    item_t h17;
    item_t h18;
    item_t h19;
    item_t h20;
    item_t h21;
    item_t h22;
    item_t h23;
    item_t h24;
    item_t h25;
    item_t h26;
    item_t h27;
    item_t h28;
    item_t h29;
    item_t h30;
    item_t h31;
    item_t h32;
    item_t h33;
    item_t h34;
    item_t h35;
    item_t h36;
    item_t h37;
    item_t h38;
    item_t h39;
    item_t h40;
    item_t h41;
    item_t h42;
    item_t h43;
    item_t h44;
    item_t h45;
    item_t h46;
    item_t h47;
    item_t h48;
    item_t h49;
    item_t h50;
    item_t h51;
    item_t h52;
    item_t h53;
    item_t h54;
    item_t h55;
    item_t h56;
    item_t h57;
    item_t h58;
    item_t h59;
    item_t h60;
    item_t h61;
    item_t h62;
    item_t h63;
    item_t h64;
    item_t h65;
    item_t h66;
    item_t h67;
    item_t h68;
    item_t h69;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition s0;
    }
    state s0 {
        pkt.extract(hdr.h0);
        transition s1;
    }
    state s1 {
        pkt.extract(hdr.h1);
        transition s2;
    }
    state s2 {
        pkt.extract(hdr.h2);
        transition s3;
    }
    state s3 {
        pkt.extract(hdr.h3);
        transition s4;
    }
    state s4 {
        pkt.extract(hdr.h4);
        transition s5;
    }
    state s5 {
        pkt.extract(hdr.h5);
        transition s6;
    }
    state s6 {
        pkt.extract(hdr.h6);
        transition s7;
    }
    state s7 {
        pkt.extract(hdr.h7);
        transition s8;
    }
    state s8 {
        pkt.extract(hdr.h8);
        transition s9;
    }
    state s9 {
        pkt.extract(hdr.h9);
        transition s10;
    }
    state s10 {
        pkt.extract(hdr.h10);
        transition s11;
    }
    state s11 {
        pkt.extract(hdr.h11);
        transition s12;
    }
    state s12 {
        pkt.extract(hdr.h12);
        transition s13;
    }
    state s13 {
        pkt.extract(hdr.h13);
        transition s14;
    }
    state s14 {
        pkt.extract(hdr.h14);
        transition s15;
    }
    state s15 {
        pkt.extract(hdr.h15);
        transition s16;
    }
    state s16 {
        pkt.extract(hdr.h16);
        transition s17;
    }
    state s17 {
        pkt.extract(hdr.h17);
        transition s18;
    }
    state s18 {
        pkt.extract(hdr.h18);
        transition s19;
    }
    state s19 {
        pkt.extract(hdr.h19);
        transition s20;
    }
    state s20 {
        pkt.extract(hdr.h20);
        transition s21;
    }
    state s21 {
        pkt.extract(hdr.h21);
        transition s22;
    }
    state s22 {
        pkt.extract(hdr.h22);
        transition s23;
    }
    state s23 {
        pkt.extract(hdr.h23);
        transition s24;
    }
    state s24 {
        pkt.extract(hdr.h24);
        transition s25;
    }
    state s25 {
        pkt.extract(hdr.h25);
        transition s26;
    }
    state s26 {
        pkt.extract(hdr.h26);
        transition s27;
    }
    state s27 {
        pkt.extract(hdr.h27);
        transition s28;
    }
    state s28 {
        pkt.extract(hdr.h28);
        transition s29;
    }
    state s29 {
        pkt.extract(hdr.h29);
        transition s30;
    }
    state s30 {
        pkt.extract(hdr.h30);
        transition s31;
    }
    state s31 {
        pkt.extract(hdr.h31);
        transition s32;
    }
    state s32 {
        pkt.extract(hdr.h32);
        transition s33;
    }
    state s33 {
        pkt.extract(hdr.h33);
        transition s34;
    }
    state s34 {
        pkt.extract(hdr.h34);
        transition s35;
    }
    state s35 {
        pkt.extract(hdr.h35);
        transition s36;
    }
    state s36 {
        pkt.extract(hdr.h36);
        transition s37;
    }
    state s37 {
        pkt.extract(hdr.h37);
        transition s38;
    }
    state s38 {
        pkt.extract(hdr.h38);
        transition s39;
    }
    state s39 {
        pkt.extract(hdr.h39);
        transition s40;
    }
    state s40 {
        pkt.extract(hdr.h40);
        transition s41;
    }
    state s41 {
        pkt.extract(hdr.h41);
        transition s42;
    }
    state s42 {
        pkt.extract(hdr.h42);
        transition s43;
    }
    state s43 {
        pkt.extract(hdr.h43);
        transition s44;
    }
    state s44 {
        pkt.extract(hdr.h44);
        transition s45;
    }
    state s45 {
        pkt.extract(hdr.h45);
        transition s46;
    }
    state s46 {
        pkt.extract(hdr.h46);
        transition s47;
    }
    state s47 {
        pkt.extract(hdr.h47);
        transition s48;
    }
    state s48 {
        pkt.extract(hdr.h48);
        transition s49;
    }
    state s49 {
        pkt.extract(hdr.h49);
        transition s50;
    }
    state s50 {
        pkt.extract(hdr.h50);
        transition s51;
    }
    state s51 {
        pkt.extract(hdr.h51);
        transition s52;
    }
    state s52 {
        pkt.extract(hdr.h52);
        transition s53;
    }
    state s53 {
        pkt.extract(hdr.h53);
        transition s54;
    }
    state s54 {
        pkt.extract(hdr.h54);
        transition s55;
    }
    state s55 {
        pkt.extract(hdr.h55);
        transition s56;
    }
    state s56 {
        pkt.extract(hdr.h56);
        transition s57;
    }
    state s57 {
        pkt.extract(hdr.h57);
        transition s58;
    }
    state s58 {
        pkt.extract(hdr.h58);
        transition s59;
    }
    state s59 {
        pkt.extract(hdr.h59);
        transition s60;
    }
    state s60 {
        pkt.extract(hdr.h60);
        transition s61;
    }
    state s61 {
        pkt.extract(hdr.h61);
        transition s62;
    }
    state s62 {
        pkt.extract(hdr.h62);
        transition s63;
    }
    state s63 {
        pkt.extract(hdr.h63);
        transition s64;
    }
    state s64 {
        pkt.extract(hdr.h64);
        transition s65;
    }
    state s65 {
        pkt.extract(hdr.h65);
        transition s66;
    }
    state s66 {
        pkt.extract(hdr.h66);
        transition s67;
    }
    state s67 {
        pkt.extract(hdr.h67);
        transition s68;
    }
    state s68 {
        pkt.extract(hdr.h68);
        transition s69;
    }
    state s69 {
        pkt.extract(hdr.h69);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.h0.b = hdr.h0.a + 0;
        hdr.h7.b = hdr.h7.a + 7;
        hdr.h14.b = hdr.h14.a + 14;
        hdr.h21.b = hdr.h21.a + 21;
        hdr.h28.b = hdr.h28.a + 28;
        hdr.h35.b = hdr.h35.a + 35;
        hdr.h42.b = hdr.h42.a + 42;
        hdr.h49.b = hdr.h49.a + 49;
        hdr.h56.b = hdr.h56.a + 56;
        hdr.h63.b = hdr.h63.a + 63;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h0);
        pkt.emit(hdr.h1);
        pkt.emit(hdr.h2);
        pkt.emit(hdr.h3);
        pkt.emit(hdr.h4);
        pkt.emit(hdr.h5);
        pkt.emit(hdr.h6);
        pkt.emit(hdr.h7);
        pkt.emit(hdr.h8);
        pkt.emit(hdr.h9);
        pkt.emit(hdr.h10);
        pkt.emit(hdr.h11);
        pkt.emit(hdr.h12);
        pkt.emit(hdr.h13);
        pkt.emit(hdr.h14);
        pkt.emit(hdr.h15);
        pkt.emit(hdr.h16);
        pkt.emit(hdr.h17);
        pkt.emit(hdr.h18);
        pkt.emit(hdr.h19);
        pkt.emit(hdr.h20);
        pkt.emit(hdr.h21);
        pkt.emit(hdr.h22);
        pkt.emit(hdr.h23);
        pkt.emit(hdr.h24);
        pkt.emit(hdr.h25);
        pkt.emit(hdr.h26);
        pkt.emit(hdr.h27);
        pkt.emit(hdr.h28);
        pkt.emit(hdr.h29);
        pkt.emit(hdr.h30);
        pkt.emit(hdr.h31);
        pkt.emit(hdr.h32);
        pkt.emit(hdr.h33);
        pkt.emit(hdr.h34);
        pkt.emit(hdr.h35);
        pkt.emit(hdr.h36);
        pkt.emit(hdr.h37);
        pkt.emit(hdr.h38);
        pkt.emit(hdr.h39);
        pkt.emit(hdr.h40);
        pkt.emit(hdr.h41);
        pkt.emit(hdr.h42);
        pkt.emit(hdr.h43);
        pkt.emit(hdr.h44);
        pkt.emit(hdr.h45);
        pkt.emit(hdr.h46);
        pkt.emit(hdr.h47);
        pkt.emit(hdr.h48);
        pkt.emit(hdr.h49);
        pkt.emit(hdr.h50);
        pkt.emit(hdr.h51);
        pkt.emit(hdr.h52);
        pkt.emit(hdr.h53);
        pkt.emit(hdr.h54);
        pkt.emit(hdr.h55);
        pkt.emit(hdr.h56);
        pkt.emit(hdr.h57);
        pkt.emit(hdr.h58);
        pkt.emit(hdr.h59);
        pkt.emit(hdr.h60);
        pkt.emit(hdr.h61);
        pkt.emit(hdr.h62);
        pkt.emit(hdr.h63);
        pkt.emit(hdr.h64);
        pkt.emit(hdr.h65);
        pkt.emit(hdr.h66);
        pkt.emit(hdr.h67);
        pkt.emit(hdr.h68);
        pkt.emit(hdr.h69);
    }
}

xdp(prs(), sw(), dep()) main;
