/* Long expressions (made by a script): 120 terms of x + x + ..., 120 of
 * + and - over other operators, 150 comparisons or'ed together. Statements whose C would
 * nest deeper than clang accepts (256 brackets) are split into parts
 * computed before the statement (emit_wide.c, SPLIT_DEPTH); the values
 * must be those of the whole expression. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<32> x;
    bit<32> y;
    bit<16> k;
    bit<32> sum;
    bit<32> mixed;
    bit<8>  member;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<32> x = hdr.h.x;
        bit<32> y = hdr.h.y;
        bit<16> k = hdr.h.k;
        hdr.h.sum = x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
            x + x + x + x + x + x + x + x + x + x + x + x + x + x + x;
        hdr.h.mixed = x + (y ^ 2) + (x & 3) - (y * 4) + (x | 5) + (y - 6) -
            x + (y ^ 8) + (x & 9) - (y * 10) + (x | 11) + (y - 12) -
            x + (y ^ 14) + (x & 15) - (y * 16) + (x | 17) + (y - 18) -
            x + (y ^ 20) + (x & 21) - (y * 22) + (x | 23) + (y - 24) -
            x + (y ^ 26) + (x & 27) - (y * 28) + (x | 29) + (y - 30) -
            x + (y ^ 32) + (x & 33) - (y * 34) + (x | 35) + (y - 36) -
            x + (y ^ 38) + (x & 39) - (y * 40) + (x | 41) + (y - 42) -
            x + (y ^ 44) + (x & 45) - (y * 46) + (x | 47) + (y - 48) -
            x + (y ^ 50) + (x & 51) - (y * 52) + (x | 53) + (y - 54) -
            x + (y ^ 56) + (x & 57) - (y * 58) + (x | 59) + (y - 60) -
            x + (y ^ 62) + (x & 63) - (y * 64) + (x | 65) + (y - 66) -
            x + (y ^ 68) + (x & 69) - (y * 70) + (x | 71) + (y - 72) -
            x + (y ^ 74) + (x & 75) - (y * 76) + (x | 77) + (y - 78) -
            x + (y ^ 80) + (x & 81) - (y * 82) + (x | 83) + (y - 84) -
            x + (y ^ 86) + (x & 87) - (y * 88) + (x | 89) + (y - 90) -
            x + (y ^ 92) + (x & 93) - (y * 94) + (x | 95) + (y - 96) -
            x + (y ^ 98) + (x & 99) - (y * 100) + (x | 101) + (y - 102) -
            x + (y ^ 104) + (x & 105) - (y * 106) + (x | 107) + (y - 108) -
            x + (y ^ 110) + (x & 111) - (y * 112) + (x | 113) + (y - 114) -
            x + (y ^ 116) + (x & 117) - (y * 118) + (x | 119) + (y - 120);
        if (k == 384 || k == 406 || k == 599 || k == 664 || k == 857 || k == 917 ||
            k == 1336 || k == 1454 || k == 1492 || k == 1794 || k == 2165 || k == 2818 ||
            k == 2885 || k == 3054 || k == 3161 || k == 4308 || k == 4647 || k == 5122 ||
            k == 5480 || k == 5633 || k == 6104 || k == 6613 || k == 7445 || k == 7964 ||
            k == 8057 || k == 9303 || k == 9434 || k == 10039 || k == 10090 || k == 10126 ||
            k == 10765 || k == 11290 || k == 14441 || k == 14578 || k == 14703 || k == 14854 ||
            k == 14930 || k == 15222 || k == 15388 || k == 15589 || k == 15934 || k == 16614 ||
            k == 16924 || k == 16965 || k == 18534 || k == 18674 || k == 19204 || k == 19414 ||
            k == 19438 || k == 19795 || k == 19939 || k == 20243 || k == 20303 || k == 20324 ||
            k == 20737 || k == 20931 || k == 20971 || k == 21959 || k == 22793 || k == 23693 ||
            k == 23710 || k == 24200 || k == 24450 || k == 25735 || k == 25842 || k == 26216 ||
            k == 26622 || k == 26839 || k == 27326 || k == 27544 || k == 27730 || k == 29173 ||
            k == 29279 || k == 29727 || k == 29771 || k == 29937 || k == 30205 || k == 30457 ||
            k == 30751 || k == 31135 || k == 31292 || k == 31489 || k == 31605 || k == 32106 ||
            k == 32214 || k == 32394 || k == 32718 || k == 33497 || k == 33866 || k == 34300 ||
            k == 35339 || k == 35504 || k == 36874 || k == 37930 || k == 39236 || k == 39460 ||
            k == 39505 || k == 39572 || k == 39718 || k == 40176 || k == 40999 || k == 41075 ||
            k == 41351 || k == 41616 || k == 41836 || k == 42142 || k == 42610 || k == 42883 ||
            k == 42953 || k == 43104 || k == 43213 || k == 43694 || k == 43740 || k == 43812 ||
            k == 44609 || k == 45011 || k == 45445 || k == 45810 || k == 45829 || k == 46108 ||
            k == 46340 || k == 46372 || k == 46597 || k == 47703 || k == 48359 || k == 48721 ||
            k == 50161 || k == 51292 || k == 51304 || k == 51631 || k == 51724 || k == 51796 ||
            k == 52150 || k == 52930 || k == 53336 || k == 53407 || k == 53543 || k == 54394 ||
            k == 54564 || k == 54589 || k == 55043 || k == 55210 || k == 55261 || k == 55494 ||
            k == 55693 || k == 55977 || k == 56643 || k == 58560 || k == 58771 || k == 58966)
            hdr.h.member = 1;
        else
            hdr.h.member = 0;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
