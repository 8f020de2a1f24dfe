/* Inlined calls (midend/pass_inline.c) keep the calling convention: copy-in
 * and copy-out left to right when two arguments name one field, an in
 * argument read before the body writes its field, arguments evaluated left
 * to right when one of them changes another, an out header the callee never
 * writes comes back invalid, copy-out before the result is assigned, copy-out
 * also when the action exits (from a nested call too), and return inside
 * nested ifs in functions, with and without a flag, and a call computed
 * before the expression that uses it. Header after Ethernet:
 * op a b r1 r2 r3 (a byte each), then a 2-byte trailer. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8> op;
    bit<8> a;
    bit<8> b;
    bit<8> r1;
    bit<8> r2;
    bit<8> r3;
}

header trailer_t {
    bit<16> v;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
    trailer_t  trailer;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        pkt.extract(hdr.trailer);
        transition accept;
    }
}

/* Both branches of the outer if may fall through: the rest runs under a flag. */
bit<8> classify(in bit<8> v) {
    if (v > 10) {
        if (v > 100) {
            return 3;
        }
    } else {
        if (v == 0) {
            return 0;
        }
    }
    if (v == 5) {
        return 5;
    }
    return 1;
}

/* The then-branch always returns: the rest moves into the else-branch. */
bit<8> sign(in bit<8> v) {
    if (v >= 128) {
        if (v == 255) {
            return 0xff;
        }
        return 0x80;
    }
    return 0x01;
}

bool small(in bit<8> v) {
    if (v < 16) {
        return true;
    }
    return false;
}

bit<8> inc(inout bit<8> v) {
    v = v + 1;
    return v + 10;
}

void scale(inout bit<8> p, inout bit<8> q) {
    p = p + 1;
    q = q * 2;
}

bit<8> first(in bit<8> x, in bit<8> y) {
    return x;
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action keep_in(in bit<8> v) {
        hdr.h.a = 1;
        hdr.h.b = v;
    }

    action forget(out trailer_t t) {
    }

    action stop(in bit<8> code, inout bit<8> r) {
        r = code;
        exit;
    }

    action stop_nested(inout bit<8> r) {
        r = r + 1;
        stop(0x50, hdr.h.r3);
        r = 0xee;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        bit<8> op = hdr.h.op;
        if (op == 1) {
            /* Aliasing: p and q both copy a in; q's copy-out is last. */
            scale(hdr.h.a, hdr.h.a);
        } else if (op == 2) {
            /* v is a's value at the call, not the 1 the body writes. */
            keep_in(hdr.h.a);
        } else if (op == 3) {
            /* inc(a) changes a after x has taken its value. */
            hdr.h.r1 = first(hdr.h.a, inc(hdr.h.a));
        } else if (op == 4) {
            /* Copy-out of v, then the result assigned to a. */
            hdr.h.a = inc(hdr.h.a);
        } else if (op == 5) {
            forget(hdr.trailer);
        } else if (op == 6) {
            stop(0x66, hdr.h.r1);
            hdr.h.r2 = 0xbb;
        } else if (op == 7) {
            stop_nested(hdr.h.r2);
            hdr.h.r1 = 0xbb;
        } else if (op == 8) {
            hdr.h.r1 = classify(hdr.h.a);
            bit<8> s = sign(hdr.h.b);
            hdr.h.r2 = s;
            bit<8> c = classify(hdr.h.b);
            if (c == 5) {
                hdr.h.r3 = 0x55;
                return;
            }
        } else if (op == 9) {
            if (small(hdr.h.a)) {
                hdr.h.r1 = 0x11;
            } else {
                hdr.h.r1 = 0x22;
            }
        } else if (op == 10) {
            /* inc runs before the addition reads a. */
            hdr.h.r1 = inc(hdr.h.a) + hdr.h.a;
            if (small(hdr.h.b) && hdr.h.b != 0) {
                hdr.h.r2 = 0x33;
            }
        }
        hdr.h.r3 = hdr.h.r3 | 0x80;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
        pkt.emit(hdr.trailer);
    }
}

xdp(prs(), sw(), dep()) main;
