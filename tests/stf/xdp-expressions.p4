/* Expressions on values read from the packet (xdp_model.p4), so nothing is
 * folded at compile time: bit<13> and bit<3> arithmetic wrapping around,
 * complement, saturating |+| and |-|, shifts by constants and by run-time
 * amounts of the width or more, slices and slice assignment,
 * concatenation, casts between widths and signedness (int<8> through
 * int<16> to bit<16> sign-extends; sema rejects the direct int<8> to bit<16>
 * cast, as the spec does), signed comparisons with variables and with
 * constants, arithmetic shift right, signed wrap-around, ?:, and casts
 * between bool and bit<1>. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ops_t {
    bit<8>  a;
    bit<8>  b;
    bit<16> c;
    bit<8>  n;        /* a run-time shift amount */
}

header res_t {
    bit<13> add13;
    bit<3>  add3;
    bit<13> sub13;
    bit<3>  mul3;
    bit<13> mul13;
    bit<3>  sub3;
    bit<13> cpl13;
    bit<3>  cpl3;
    bit<8>  sat_add;
    bit<8>  sat_sub;
    bit<16> sat16;
    bit<8>  shl_const;
    bit<8>  shr_const;
    bit<8>  shl_var;
    bit<8>  shr_var;
    bit<8>  slice;
    bit<16> concat;
    bit<16> sext;
    bit<16> zext;
    bit<8>  trunc;
    bit<8>  cmp;
    bit<8>  tern;
    bit<8>  boolv;
    bit<16> slice_asg;
    bit<8>  neg;
    bit<8>  sshr;
    bit<8>  sadd;
    bit<8>  sshr_var;
}

struct headers_t {
    ethernet_t eth;
    ops_t      o;
    res_t      r;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.o);
        pkt.extract(hdr.r);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;

        bit<8>  a = hdr.o.a;
        bit<8>  b = hdr.o.b;
        bit<16> c = hdr.o.c;
        bit<8>  n = hdr.o.n;
        bit<13> c13 = (bit<13>)c;
        bit<3>  a3 = (bit<3>)a;
        bit<3>  b3 = (bit<3>)b;
        int<8>  sa = (int<8>)a;
        int<8>  sb = (int<8>)b;

        hdr.r.add13 = c13 + 13w100;
        hdr.r.add3 = a3 + b3;
        hdr.r.sub13 = (bit<13>)b - (bit<13>)a;
        hdr.r.mul3 = a3 * b3;
        hdr.r.mul13 = c13 * 3;
        hdr.r.sub3 = b3 - 5;
        hdr.r.cpl13 = ~c13;
        hdr.r.cpl3 = ~a3;

        hdr.r.sat_add = a |+| b;
        hdr.r.sat_sub = a |-| b;
        hdr.r.sat16 = c |+| 16w0xf000;

        hdr.r.shl_const = a << 3;
        hdr.r.shr_const = a >> 9;
        hdr.r.shl_var = a << n;
        hdr.r.shr_var = a >> n;

        hdr.r.slice = a[5:2] ++ b[3:0];
        hdr.r.concat = a ++ b;
        hdr.r.sext = (bit<16>)(int<16>)sa;   /* sign-extend, then reinterpret */
        hdr.r.zext = (bit<16>)a;
        hdr.r.trunc = (bit<8>)c;

        hdr.r.cmp = (sa < sb ? 8w0x01 : 8w0) |
                    (sa > sb ? 8w0x02 : 8w0) |
                    (a < b ? 8w0x04 : 8w0) |
                    (sa < 0 ? 8w0x08 : 8w0) |
                    (sa >= -6 ? 8w0x10 : 8w0) |
                    (sb <= 1 ? 8w0x20 : 8w0) |
                    (sa != sb ? 8w0x40 : 8w0);
        hdr.r.tern = c > 0x1000 ? a : b;

        bool top = (bool)a[7:7];
        hdr.r.boolv = ((bit<8>)(bit<1>)top) |
                      ((bit<8>)(bit<1>)(a > b) << 1) |
                      ((bit<8>)(bit<1>)!top << 2) |
                      ((bool)b[0:0] ? 8w0x40 : 8w0);

        hdr.r.slice_asg = c;
        hdr.r.slice_asg[11:4] = a;

        hdr.r.neg = -a;
        hdr.r.sshr = (bit<8>)(sa >> 2);
        hdr.r.sadd = (bit<8>)(sa + sb);
        hdr.r.sshr_var = (bit<8>)(sa >> n);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.o);
        pkt.emit(hdr.r);
    }
}

xdp(prs(), sw(), dep()) main;
