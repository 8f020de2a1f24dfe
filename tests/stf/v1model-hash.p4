/* v1model's hash() with each algorithm p4cc computes, over the nine bytes
 * "123456789" (the check input of the CRC catalogues): crc32 0xcbf43926,
 * crc16 (CRC-16/ARC) 0xbb3d, csum16 the ones' complement sum, xor16 the
 * xor of the 16-bit words (the odd byte padded with zero), identity the
 * last 64 bits of the data; and hash()'s base + (hash % max). */
#include <core.p4>
#include <v1model.p4>

header data_t {
    bit<72> text;
}

header out_t {
    bit<32> crc32;
    bit<16> crc16;
    bit<16> csum16;
    bit<16> xor16;
    bit<64> identity;
    bit<16> ranged;
}

struct headers_t {
    data_t data;
    out_t  res;
}

struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.data);
        pkt.extract(hdr.res);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 0;
        hash(hdr.res.crc32, HashAlgorithm.crc32, 32w0, { hdr.data.text }, 64w4294967296);
        hash(hdr.res.crc16, HashAlgorithm.crc16, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.res.csum16, HashAlgorithm.csum16, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.res.xor16, HashAlgorithm.xor16, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.res.identity, HashAlgorithm.identity, 64w0, { hdr.data.text }, 128w0x10000000000000000);
        /* 100 + crc16 % 7: 0xbb3d = 47933 = 7 * 6847 + 4 */
        hash(hdr.res.ranged, HashAlgorithm.crc16, 16w100, { hdr.data.text }, 32w7);
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.data);
        pkt.emit(hdr.res);
    }
}

V1Switch(MyParser(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
