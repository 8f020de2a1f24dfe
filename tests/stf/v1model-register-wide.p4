/* v1model registers of elements wider than 64 bits (network-order byte
 * arrays) and of structs (their fields packed into one cell, the first
 * most significant): a write in one packet is read back in a later one; a
 * read past the end leaves its destination as it was. */
#define V1MODEL_VERSION 20200408
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

enum bit<8> colour_t { RED = 1, BLUE = 7 }

header probe_t {
    bit<8>   op;      /* 1: store; 2: load; 3: store wide + 1; 4, 5: store, load small */
    bit<8>   index;
    bit<72>  wide;
    bit<16>  a;
    bit<7>   pad;
    bool     b;
    colour_t colour;
    bit<128> big;
}

struct inner_t {
    colour_t colour;
    bit<128> big;
}

struct cell_t {
    bit<16> a;
    bool    b;
    inner_t inner;
}

struct small_t {      /* 8 bits: a register of a struct that packs into a byte */
    bit<4> x;
    bool   y;
    bit<3> z;
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    probe_t    probe;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    register<bit<72>, bit<32>>(4) wide_cells;
    register<cell_t, bit<32>>(4) struct_cells;
    register<bit<16>, bit<32>>(2) narrow_cells;
    register<small_t, bit<32>>(2) small_cells;

    apply {
        sm.egress_spec = sm.ingress_port;
        if (hdr.probe.op == 1) {
            wide_cells.write((bit<32>)hdr.probe.index, hdr.probe.wide);
            cell_t c = { hdr.probe.a, hdr.probe.b, { hdr.probe.colour, hdr.probe.big } };
            struct_cells.write((bit<32>)hdr.probe.index, c);
        } else if (hdr.probe.op == 3) {
            wide_cells.write((bit<32>)hdr.probe.index, hdr.probe.wide + 1);
        } else if (hdr.probe.op == 4) {
            small_t s = { hdr.probe.a[15:12], hdr.probe.a[8:8] == 1, hdr.probe.a[2:0] };
            small_cells.write((bit<32>)hdr.probe.index, s);
        } else if (hdr.probe.op == 5) {
            small_t s = { 4w0xf, true, 3w7 };
            small_cells.read(s, (bit<32>)hdr.probe.index);
            hdr.probe.a = 0;
            hdr.probe.a[15:12] = s.x;
            hdr.probe.a[8:8] = s.y ? 1w1 : 1w0;
            hdr.probe.a[2:0] = s.z;
        } else if (hdr.probe.op == 2) {
            wide_cells.read(hdr.probe.wide, (bit<32>)hdr.probe.index);
            cell_t c = { 16w0xaaaa, true, { colour_t.BLUE, 128w0x55 } };
            struct_cells.read(c, (bit<32>)hdr.probe.index);
            hdr.probe.a = c.a;
            hdr.probe.b = c.b;
            hdr.probe.colour = c.inner.colour;
            hdr.probe.big = c.inner.big;
        }
        bit<16> n;
        narrow_cells.read(n, 0);
        narrow_cells.write(0, n + 1);
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.probe);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
