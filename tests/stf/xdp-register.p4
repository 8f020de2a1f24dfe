/* Registers (p4cc's Register<T, I> extern): state carried from one packet
 * to the next. A per-port packet counter (bit<32>, starts at 0), the last
 * tag seen on a port (bit<8>), a bit<64> cell with an initial value, and a
 * bool flag; read in an action and in apply, written from both, indexes
 * out of range read the initial value and write nothing. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header req_t {
    bit<8>  op;       /* 1: count, 2: out-of-range index, 3: add to total */
    bit<8>  tag;      /* written into last_tag; gets the previous one */
    bit<32> count;    /* packets seen on the input port so far (this one included) */
    bit<64> total;    /* the running total (starts at 1000) */
    bit<8>  seen;     /* 1 when a packet was seen before on any port */
}

struct headers_t {
    ethernet_t eth;
    req_t      req;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.req);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    Register<bit<32>, bit<32>>(8) per_port;
    Register<bit<8>, bit<16>>(8) last_tag;
    Register<bit<64>, bit<32>>(1, 1000) total;
    Register<bool, bit<32>>(1) seen_any;

    action count_port() {
        bit<32> n = per_port.read(xin.input_port) + 1;
        per_port.write(xin.input_port, n);
        hdr.req.count = n;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (hdr.req.op == 1) {
            count_port();
        } else if (hdr.req.op == 2) {
            /* Index 8 is past the end: reads 0, the write is dropped. */
            per_port.write(8, 77);
            hdr.req.count = per_port.read(8);
        } else if (hdr.req.op == 3) {
            total.write(0, total.read(0) + (bit<64>)hdr.req.count);
            hdr.req.total = total.read(0);
        }
        bit<8> previous = last_tag.read((bit<16>)xin.input_port);
        last_tag.write((bit<16>)xin.input_port, hdr.req.tag);
        hdr.req.tag = previous;
        hdr.req.seen = seen_any.read(0) ? 8w1 : 8w0;
        seen_any.write(0, true);
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.req);
    }
}

xdp(prs(), sw(), dep()) main;
