/* Generic functions (spec "Generic functions"): the midend's `specialize`
 * pass makes one copy per distinct instantiation. Type arguments inferred
 * and given explicitly, one and two type parameters, a header as a type
 * argument, a generic function calling another with its own type variable,
 * and one instantiation (swap<bit<16>>) shared by an action, the control
 * and another generic function. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header g_t {
    bit<8>  flag;
    bit<8>  a;
    bit<8>  b;
    bit<16> c;
    bit<16> d;
    bit<16> e1;
    bit<16> e2;
    bit<16> last;
}

header p_t {
    bit<8> x;
    bit<8> y;
}

struct headers_t {
    ethernet_t eth;
    g_t        g;
    p_t        p1;
    p_t        p2;
}

T pick<T>(in bool first, in T a, in T b) {
    if (first) {
        return a;
    }
    return b;
}

T id<T>(in T v) {
    return v;
}

void swap<T>(inout T a, inout T b) {
    T tmp = a;
    a = b;
    b = tmp;
}

/* Three swaps are one; LAST gets what X holds at the end. */
void swap_thrice<U>(inout U x, inout U y, out U last) {
    swap(x, y);
    swap<U>(x, y);
    swap(x, y);
    last = x;
}

void set_both<A, B>(out A x, in A vx, out B y, in B vy) {
    x = vx;
    y = vy;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.g);
        pkt.extract(hdr.p1);
        pkt.extract(hdr.p2);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action swap_cd() {
        swap(hdr.g.c, hdr.g.d);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.g.a = pick(hdr.g.flag == 1, hdr.g.a, hdr.g.b);
        hdr.g.c = pick<bit<16>>(hdr.g.flag == 2, hdr.g.c, 16w0xbeef);
        swap(hdr.p1, hdr.p2);
        swap_thrice(hdr.g.e1, hdr.g.e2, hdr.g.last);
        hdr.g.b = id<bit<8>>(8w7) + hdr.g.b;
        swap_cd();
        set_both(hdr.p2.y, hdr.p1.x, hdr.g.d, hdr.g.e2);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.g);
        pkt.emit(hdr.p1);
        pkt.emit(hdr.p2);
    }
}

xdp(prs(), sw(), dep()) main;
