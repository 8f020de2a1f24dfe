/* Inlining (midend/pass_inline.c), dumped right after the pass: direct
 * calls become blocks with copy-in/copy-out made explicit; in arguments
 * that are constants, or paths the body does not write, are used directly;
 * return becomes structured code (the rest in the other branch, or under a
 * flag); an exit in an inlined action runs the copy-back first (an exit
 * scope). Calls inside expressions are computed before the statement in
 * evaluation order (the right operand of `&&` under an if on the left
 * one). Calls that stay: of an action without parameters. The fully
 * inlined functions leave the IR. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t {
    bit<8> a;
    bit<8> b;
    bit<8> c;
}

struct headers_t {
    h_t h;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.h);
        transition accept;
    }
}

bit<8> pick(in bit<8> x, in bit<8> y) {
    if (x > y) {
        return x;
    }
    return y;
}

bit<8> steps(in bit<8> v) {
    if (v > 10) {
        if (v > 100) {
            return 2;
        }
    } else if (v == 0) {
        return 0;
    }
    return 1;
}

void add(inout bit<8> acc, in bit<8> by) {
    acc = acc + by;
}

control ctl(inout headers_t hdr, out bool pass) {
    action set_b(bit<8> v) {
        hdr.h.a = hdr.h.a + 1;
        hdr.h.b = v;
    }

    action split(in bit<8> x, out bit<8> hi, out bit<8> lo) {
        hi = x >> 4;
        lo = x & 0x0f;
        if (x == 0) {
            exit;
        }
    }

    action done() {
        pass = true;
    }

    apply {
        pass = false;
        set_b(7);
        set_b(hdr.h.c);
        add(hdr.h.c, hdr.h.b);
        split(hdr.h.a, hdr.h.b, hdr.h.c);
        hdr.h.a = pick(hdr.h.b, 3);
        bit<8> s = steps(hdr.h.a);
        if (pick(hdr.h.a, s) == 4) {
            done();
        }
        pass = pass && pick(hdr.h.c, s) == 1;
    }
}

ebpfFilter(prs(), ctl()) main;
