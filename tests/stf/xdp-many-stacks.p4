/* A parser filling 17 header stacks through .next (the parser keeps each
 * stack's next index in a local of its own, where the backend once had room
 * for 16). The control adds up the second element of every stack and the
 * stacks' lastIndex; the deparser emits Ethernet and the result only. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header item_t {
    bit<16> v;
}

header result_t {
    bit<16> sum;
    bit<16> last;
}

struct headers_t {
    ethernet_t eth;
    item_t[2] s0;
    item_t[2] s1;
    item_t[2] s2;
    item_t[2] s3;
    item_t[2] s4;
    item_t[2] s5;
    item_t[2] s6;
    item_t[2] s7;
    item_t[2] s8;
    item_t[2] s9;
    item_t[2] s10;
    item_t[2] s11;
    item_t[2] s12;
    item_t[2] s13;
    item_t[2] s14;
    item_t[2] s15;
    item_t[2] s16;
    result_t   res;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        transition parse_s0;
    }
    state parse_s0 {
        pkt.extract(hdr.s0.next);
        pkt.extract(hdr.s0.next);
        transition parse_s1;
    }
    state parse_s1 {
        pkt.extract(hdr.s1.next);
        pkt.extract(hdr.s1.next);
        transition parse_s2;
    }
    state parse_s2 {
        pkt.extract(hdr.s2.next);
        pkt.extract(hdr.s2.next);
        transition parse_s3;
    }
    state parse_s3 {
        pkt.extract(hdr.s3.next);
        pkt.extract(hdr.s3.next);
        transition parse_s4;
    }
    state parse_s4 {
        pkt.extract(hdr.s4.next);
        pkt.extract(hdr.s4.next);
        transition parse_s5;
    }
    state parse_s5 {
        pkt.extract(hdr.s5.next);
        pkt.extract(hdr.s5.next);
        transition parse_s6;
    }
    state parse_s6 {
        pkt.extract(hdr.s6.next);
        pkt.extract(hdr.s6.next);
        transition parse_s7;
    }
    state parse_s7 {
        pkt.extract(hdr.s7.next);
        pkt.extract(hdr.s7.next);
        transition parse_s8;
    }
    state parse_s8 {
        pkt.extract(hdr.s8.next);
        pkt.extract(hdr.s8.next);
        transition parse_s9;
    }
    state parse_s9 {
        pkt.extract(hdr.s9.next);
        pkt.extract(hdr.s9.next);
        transition parse_s10;
    }
    state parse_s10 {
        pkt.extract(hdr.s10.next);
        pkt.extract(hdr.s10.next);
        transition parse_s11;
    }
    state parse_s11 {
        pkt.extract(hdr.s11.next);
        pkt.extract(hdr.s11.next);
        transition parse_s12;
    }
    state parse_s12 {
        pkt.extract(hdr.s12.next);
        pkt.extract(hdr.s12.next);
        transition parse_s13;
    }
    state parse_s13 {
        pkt.extract(hdr.s13.next);
        pkt.extract(hdr.s13.next);
        transition parse_s14;
    }
    state parse_s14 {
        pkt.extract(hdr.s14.next);
        pkt.extract(hdr.s14.next);
        transition parse_s15;
    }
    state parse_s15 {
        pkt.extract(hdr.s15.next);
        pkt.extract(hdr.s15.next);
        transition parse_s16;
    }
    state parse_s16 {
        pkt.extract(hdr.s16.next);
        pkt.extract(hdr.s16.next);
        transition parse_result;
    }
    state parse_result {
        pkt.extract(hdr.res);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        hdr.res.sum = hdr.s0[1].v + hdr.s1[1].v + hdr.s2[1].v + hdr.s3[1].v +
                      hdr.s4[1].v + hdr.s5[1].v + hdr.s6[1].v + hdr.s7[1].v +
                      hdr.s8[1].v + hdr.s9[1].v + hdr.s10[1].v + hdr.s11[1].v +
                      hdr.s12[1].v + hdr.s13[1].v + hdr.s14[1].v + hdr.s15[1].v +
                      hdr.s16[1].v;
        hdr.res.last = (bit<16>)hdr.s0.lastIndex + (bit<16>)hdr.s1.lastIndex + (bit<16>)hdr.s2.lastIndex +
                       (bit<16>)hdr.s3.lastIndex + (bit<16>)hdr.s4.lastIndex + (bit<16>)hdr.s5.lastIndex +
                       (bit<16>)hdr.s6.lastIndex + (bit<16>)hdr.s7.lastIndex + (bit<16>)hdr.s8.lastIndex +
                       (bit<16>)hdr.s9.lastIndex + (bit<16>)hdr.s10.lastIndex + (bit<16>)hdr.s11.lastIndex +
                       (bit<16>)hdr.s12.lastIndex + (bit<16>)hdr.s13.lastIndex + (bit<16>)hdr.s14.lastIndex +
                       (bit<16>)hdr.s15.lastIndex + (bit<16>)hdr.s16.lastIndex;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.res);
    }
}

xdp(prs(), sw(), dep()) main;
