/* `/` and `%` of bit<W> values known only at run time (BPF's unsigned div
 * and mod): 8, 16, 32 and 64 bits, a constant divisor that is not a power
 * of two, compound assignments, and a zero divisor, which gives 0 for `/`
 * and the dividend for `%` (as the BPF instructions do). */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header operands_t {
    bit<8>  a8;
    bit<8>  b8;
    bit<16> a16;
    bit<16> b16;
    bit<32> a32;
    bit<32> b32;
    bit<64> a64;
    bit<64> b64;
}

struct headers_t {
    ethernet_t eth;
    operands_t op;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.op);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = xin.input_port;
        operands_t o = hdr.op;
        hdr.op.a8 = o.a8 / o.b8;
        hdr.op.b8 = o.a8 % o.b8;
        hdr.op.a16 = o.a16 / o.b16;
        hdr.op.b16 = o.a16 % 10;
        hdr.op.a32 = o.a32 % o.b32;
        hdr.op.b32 = o.a32 / 1000;
        hdr.op.a64 /= o.b64;
        hdr.op.b64 = o.a64 % o.b64;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.op);
    }
}

xdp(prs(), sw(), dep()) main;
