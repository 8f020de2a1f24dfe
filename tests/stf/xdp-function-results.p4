/* Functions returning structs and headers (list and struct expressions
 * in `return`), and fields of a call's result: `f(x).field` where the
 * inliner takes the call out first, and inside `&&` and `?:`, where the
 * call stays a C function (midend/pass_inline.c). */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header f_t {
    bit<32> a;
    bit<8>  lo;
    bit<8>  mid;
    bit<8>  both;
    bit<8>  flag;
}

header tag_t {
    bit<8> x;
    bit<8> y;
}

struct pair_t {
    bit<8> x;
    bit<8> y;
}

struct headers_t {
    eth_t eth;
    f_t   f;
    tag_t tag;
}

pair_t split(in bit<32> v) {
    return { v[7:0], v[15:8] };
}

pair_t swapped(in bit<32> v) {
    return { y = v[7:0], x = v[15:8] };
}

tag_t tag_of(in bit<32> v) {
    if (v[31:24] == 0)
        return { 0xaa, 0xbb };
    return { v[31:24], v[23:16] };
}

parser P(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.f);
        transition accept;
    }
}

control C(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.f.lo = split(hdr.f.a).x;
        hdr.f.mid = swapped(hdr.f.a).x;
        hdr.f.both = hdr.f.a > 5 && split(hdr.f.a).y == 2 ? split(hdr.f.a).x : 8w0;
        hdr.f.flag = hdr.f.flag == 1 || tag_of(hdr.f.a).x == 0xaa ? 8w1 : 8w0;
        hdr.tag = tag_of(hdr.f.a);
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control D(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.f);
        pkt.emit(hdr.tag);
    }
}

xdp(P(), C(), D()) main;
