/* 40 headers extracted in one state, each with a field the control assigns
 * (over the 32 extracted headers the backend once tracked: the 33rd and on
 * lost their extraction offsets, so the deparser could not prove them in
 * place, and the general deparser's 40 validity tests took the verifier
 * past a million instructions). The first 32 are written straight into
 * the packet, the rest by the deparser in place. */
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
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h0);
        pkt.extract(hdr.h1);
        pkt.extract(hdr.h2);
        pkt.extract(hdr.h3);
        pkt.extract(hdr.h4);
        pkt.extract(hdr.h5);
        pkt.extract(hdr.h6);
        pkt.extract(hdr.h7);
        pkt.extract(hdr.h8);
        pkt.extract(hdr.h9);
        pkt.extract(hdr.h10);
        pkt.extract(hdr.h11);
        pkt.extract(hdr.h12);
        pkt.extract(hdr.h13);
        pkt.extract(hdr.h14);
        pkt.extract(hdr.h15);
        pkt.extract(hdr.h16);
        pkt.extract(hdr.h17);
        pkt.extract(hdr.h18);
        pkt.extract(hdr.h19);
        pkt.extract(hdr.h20);
        pkt.extract(hdr.h21);
        pkt.extract(hdr.h22);
        pkt.extract(hdr.h23);
        pkt.extract(hdr.h24);
        pkt.extract(hdr.h25);
        pkt.extract(hdr.h26);
        pkt.extract(hdr.h27);
        pkt.extract(hdr.h28);
        pkt.extract(hdr.h29);
        pkt.extract(hdr.h30);
        pkt.extract(hdr.h31);
        pkt.extract(hdr.h32);
        pkt.extract(hdr.h33);
        pkt.extract(hdr.h34);
        pkt.extract(hdr.h35);
        pkt.extract(hdr.h36);
        pkt.extract(hdr.h37);
        pkt.extract(hdr.h38);
        pkt.extract(hdr.h39);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.h0.b = hdr.h0.a + 0;
        hdr.h1.b = hdr.h1.a + 1;
        hdr.h2.b = hdr.h2.a + 2;
        hdr.h3.b = hdr.h3.a + 3;
        hdr.h4.b = hdr.h4.a + 4;
        hdr.h5.b = hdr.h5.a + 5;
        hdr.h6.b = hdr.h6.a + 6;
        hdr.h7.b = hdr.h7.a + 7;
        hdr.h8.b = hdr.h8.a + 8;
        hdr.h9.b = hdr.h9.a + 9;
        hdr.h10.b = hdr.h10.a + 10;
        hdr.h11.b = hdr.h11.a + 11;
        hdr.h12.b = hdr.h12.a + 12;
        hdr.h13.b = hdr.h13.a + 13;
        hdr.h14.b = hdr.h14.a + 14;
        hdr.h15.b = hdr.h15.a + 15;
        hdr.h16.b = hdr.h16.a + 16;
        hdr.h17.b = hdr.h17.a + 17;
        hdr.h18.b = hdr.h18.a + 18;
        hdr.h19.b = hdr.h19.a + 19;
        hdr.h20.b = hdr.h20.a + 20;
        hdr.h21.b = hdr.h21.a + 21;
        hdr.h22.b = hdr.h22.a + 22;
        hdr.h23.b = hdr.h23.a + 23;
        hdr.h24.b = hdr.h24.a + 24;
        hdr.h25.b = hdr.h25.a + 25;
        hdr.h26.b = hdr.h26.a + 26;
        hdr.h27.b = hdr.h27.a + 27;
        hdr.h28.b = hdr.h28.a + 28;
        hdr.h29.b = hdr.h29.a + 29;
        hdr.h30.b = hdr.h30.a + 30;
        hdr.h31.b = hdr.h31.a + 31;
        hdr.h32.b = hdr.h32.a + 32;
        hdr.h33.b = hdr.h33.a + 33;
        hdr.h34.b = hdr.h34.a + 34;
        hdr.h35.b = hdr.h35.a + 35;
        hdr.h36.b = hdr.h36.a + 36;
        hdr.h37.b = hdr.h37.a + 37;
        hdr.h38.b = hdr.h38.a + 38;
        hdr.h39.b = hdr.h39.a + 39;
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
    }
}

xdp(prs(), sw(), dep()) main;
