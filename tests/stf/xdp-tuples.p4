/* Tuples (spec "Tuple types"): a local initialized from a list, elements
 * read and written by constant index, copied whole, held in a struct,
 * passed to and returned by a function, and with a 128-bit element; and
 * == / != of tuples, structs and headers (spec "Operations on
 * structs/headers/tuples"), whose results land in ether_type's bits. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header data_t {
    bit<8>   a;
    bit<16>  b;
    bit<8>   c;
    bit<128> w;
}

struct headers_t {
    ethernet_t eth;
    data_t     d;
}

struct holder_t {
    tuple<bit<8>, bit<16>> pair;
    bit<8>                 tag;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.d);
        transition accept;
    }
}

/* Swaps the two elements' roles: (x, y) -> (y[7:0], x ++ x). */
tuple<bit<8>, bit<16>> swap(in tuple<bit<8>, bit<16>> p) {
    return { p[1][7:0], p[0] ++ p[0] };
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        tuple<bit<8>, bit<16>> t = { hdr.d.a, hdr.d.b };
        t[0] = t[0] + 1;
        tuple<bit<8>, bit<16>> u = t;
        u[1] = u[1] | 0x8000;
        holder_t h = { t, 0x5a };
        tuple<bit<8>, bit<16>> s = swap(u);
        hdr.d.a = s[0];
        hdr.d.b = s[1];
        hdr.d.c = h.pair[0] ^ h.tag;
        tuple<bit<128>, bit<8>> wide = { hdr.d.w, hdr.d.c };
        hdr.d.w = wide[0] + 1;

        bit<16> flags = 0;
        if (t == { hdr.d.a + 1, hdr.d.b }) {   /* hdr.d was rewritten: false */
            flags = flags | 1;
        }
        if (u != t) {
            flags = flags | 2;
        }
        holder_t h2 = { t, 0x5a };
        if (h == h2) {
            flags = flags | 4;
        }
        if (h == { u, 0x5a }) {
            flags = flags | 8;
        }
        ethernet_t e2 = hdr.eth;
        if (e2 == hdr.eth) {
            flags = flags | 16;
        }
        e2.src = 0;
        if (e2 != hdr.eth) {
            flags = flags | 32;
        }
        ethernet_t none;
        none.setInvalid();
        ethernet_t none2 = none;
        none2.src = 1;   /* fields of an invalid header do not count */
        if (none == none2) {
            flags = flags | 64;
        }
        if (s == { u[1][7:0], u[0] ++ u[0] }) {
            flags = flags | 128;
        }
        hdr.eth.ether_type = flags;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.d);
    }
}

xdp(prs(), sw(), dep()) main;
