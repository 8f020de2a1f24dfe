/* Arithmetic on values wider than 64 bits (xdp_model.p4): bit<128> and
 * bit<72> fields are byte arrays in the generated C, computed by helpers
 * (add/sub with carry, mul modulo 2^W, logic, constant and run-time
 * shifts, comparisons, division and modulo by powers of two), with wide
 * constants, casts between narrow and wide values, concatenation, slices,
 * a wide ternary, wide local and control-level variables, wide action
 * parameters (from a table entry, a default action and a direct call).
 * `op` selects the operation. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header w_t {
    bit<8>   op;
    bit<8>   amt;
    bit<128> a;
    bit<128> b;
    bit<128> r;
    bit<128> r2;
    bit<8>   flags;
}

header v_t {
    bit<72> x;
    bit<72> y;
    bit<72> z;
}

struct headers_t {
    ethernet_t eth;
    w_t        w;
    v_t        v;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.w);
        pkt.extract(hdr.v);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    const bit<128> K = 128w0x0123456789abcdeffedcba9876543210;
    bit<128> acc = 128w0x10000000000000007;

    action add_param(bit<128> v) {
        hdr.w.r = v + hdr.w.a;
        hdr.w.r2 = v;
    }
    action sub_params(in bit<128> x, in bit<128> y) {
        hdr.w.r = x - y;
    }
    table params {
        key = { hdr.w.amt : exact; }
        actions = { add_param; NoAction; }
        default_action = add_param(128w0x80000000000000000000000000000001);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<8> op = hdr.w.op;
        if (op == 1) {
            hdr.w.r = hdr.w.a + hdr.w.b;
            hdr.w.r2 = hdr.w.a - hdr.w.b;
        } else if (op == 2) {
            hdr.w.r = hdr.w.a * hdr.w.b;
            hdr.w.r2 = hdr.w.a * 3 + 1;
        } else if (op == 3) {
            hdr.w.r = hdr.w.a << hdr.w.amt;
            hdr.w.r2 = hdr.w.a >> hdr.w.amt;
        } else if (op == 4) {
            hdr.w.r = hdr.w.a & hdr.w.b;
            hdr.w.r2 = hdr.w.a | hdr.w.b;
        } else if (op == 5) {
            hdr.w.r = hdr.w.a ^ hdr.w.b;
            hdr.w.r2 = ~hdr.w.a;
        } else if (op == 6) {
            hdr.w.r = -hdr.w.a;
            hdr.w.r2 = hdr.w.a |+| hdr.w.b;
        } else if (op == 7) {
            hdr.w.r = hdr.w.a |-| hdr.w.b;
            hdr.w.r2 = K + hdr.w.a;
        } else if (op == 8) {
            bit<8> f = 0;
            if (hdr.w.a < hdr.w.b) { f = f | 1; }
            if (hdr.w.a > hdr.w.b) { f = f | 2; }
            if (hdr.w.a == hdr.w.b) { f = f | 4; }
            if (hdr.w.a != hdr.w.b) { f = f | 8; }
            if (hdr.w.a <= hdr.w.b) { f = f | 16; }
            if (hdr.w.a >= hdr.w.b) { f = f | 32; }
            if (hdr.w.a + 1 > hdr.w.b) { f = f | 64; }
            if (hdr.w.a == K) { f = f | 128; }
            hdr.w.flags = f;
        } else if (op == 9) {
            hdr.w.r = (hdr.w.a << 65) | (hdr.w.b >> 7);
            hdr.w.r2 = (hdr.w.a << 64) ^ (hdr.w.b >> 63);
        } else if (op == 10) {
            hdr.w.r = hdr.w.a[127:64] ++ hdr.w.b[63:0];
            hdr.w.r2 = (bit<128>)hdr.w.amt + (bit<128>)(bit<64>)(hdr.w.a + hdr.w.b);
            hdr.w.flags = (bit<8>)(hdr.w.a + hdr.w.b) ^ (hdr.w.a * hdr.w.b)[15:8];
        } else if (op == 11) {
            hdr.w.r = (bit<128>)hdr.w.a[119:8];
            hdr.w.r2 = hdr.w.a[95:0] ++ hdr.w.b[127:96];
            hdr.w.flags = hdr.w.a[71:64];
        } else if (op == 12) {
            hdr.w.r = 128w0xffffffffffffffffffffffffffffffff;
            hdr.w.r2 = 340282366920938463463374607431768211455 - hdr.w.a;
        } else if (op == 13) {
            hdr.w.r = hdr.w.amt == 1 ? hdr.w.a / 128w0x10000000000000000 : hdr.w.a / 16;
            bit<128> m = hdr.w.a % 128w0x400000000000000000;
            hdr.w.r2 = m;
        } else if (op == 14) {
            acc = acc + hdr.w.a;
            hdr.w.r = acc;
        } else if (op == 15) {
            params.apply();
        } else if (op == 16) {
            sub_params(hdr.w.a, hdr.w.b * 2);
        } else if (op == 20) {
            hdr.v.z = hdr.v.x + hdr.v.y;
        } else if (op == 21) {
            hdr.v.z = hdr.v.x - hdr.v.y;
        } else if (op == 22) {
            hdr.v.z = hdr.v.x * hdr.v.y;
        } else if (op == 23) {
            hdr.v.z = hdr.v.x << hdr.w.amt;
            hdr.w.r = (bit<128>)(hdr.v.x >> hdr.w.amt);
        } else if (op == 24) {
            hdr.v.z = ~hdr.v.x ^ -hdr.v.y;
            hdr.w.flags = (hdr.v.x < hdr.v.y ? 8w1 : 8w0) | (hdr.v.x > hdr.v.y ? 8w2 : 8w0) |
                          (hdr.v.x == hdr.v.y ? 8w4 : 8w0) | (hdr.v.x > 5 ? 8w8 : 8w0) |
                          (7 == hdr.v.y ? 8w16 : 8w0);
        } else if (op == 25) {
            hdr.v.z = hdr.v.x[71:8] ++ hdr.v.y[7:0];
            hdr.w.r = (bit<128>)(hdr.v.x + 72w0x800000000000000001);
        } else if (op == 26) {
            hdr.v.z = (bit<72>)hdr.w.a;
            hdr.w.r = hdr.w.a[63:0] ++ hdr.v.x[63:0];
        }
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.w);
        pkt.emit(hdr.v);
    }
}

xdp(prs(), sw(), dep()) main;
