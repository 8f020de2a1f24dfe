/* Generic functions called from everywhere code can be: a parser's select
 * expression, an action (with an action parameter as argument), a plain
 * function, and the control; the generic function has a local of a generic
 * struct over its own type variable. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t {
    bit<8>  a;
    bit<8>  b;
    bit<16> c;
}

struct headers_t {
    h_t h;
}

struct meta<T> {
    T x;
}

T id<T>(in T v) {
    meta<T> m = { v };
    return m.x;
}

bit<8> plain(in bit<8> v) {
    return id(v);
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.h);
        transition select(id(hdr.h.a)) {
            1: accept;
            default: reject;
        }
    }
}

control ctl(inout headers_t hdr, out bool pass) {
    action act(bit<16> v) {
        hdr.h.c = id(v);
    }

    table t {
        key = { hdr.h.b : exact; }
        actions = { act; NoAction; }
        default_action = act(16w5);
    }

    apply {
        t.apply();
        pass = plain(hdr.h.b) == 2 && hdr.h.c == 5;
    }
}

ebpfFilter(prs(), ctl()) main;
