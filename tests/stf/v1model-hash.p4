/* v1model's hash() with each algorithm p4cc computes, as BMv2 computes
 * them: over the nine ASCII bytes "123456789" (the check input of the CRC
 * catalogues), crc16 (CRC-16/ARC) is 0xbb3d and crc32 (IEEE 802.3)
 * 0xcbf43926, the catalogue's check values; csum16 is the ones'
 * complement sum and xor16 the xor of the 16-bit words (the odd byte
 * padded with zero); crc16_custom and crc32_custom without a control
 * plane are crc16 and crc32; fields that are not whole bytes are
 * concatenated and padded with zero bits at the end, as BMv2's deparsing
 * of the field list does; identity is BMv2's, the first 8 bytes of that. The result is base + hash % max, and base
 * when max is 0 (BMv2 takes a max of 0 as 1), also when max is 0 only at
 * run time, or 2^64 (BMv2 takes max as 64 bits). */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header data_t {
    bit<72> text;       /* "123456789" */
    bit<4>  nibble;
    bit<4>  max;        /* a run-time max */
}

header result_t {
    bit<16> crc16;
    bit<32> crc32;
    bit<16> crc16_custom;
    bit<32> crc32_custom;
    bit<16> crc16_nibbles;   /* of text and nibble: 76 bits, padded to 10 bytes */
    bit<16> base_only;       /* max 0 */
    bit<16> run_time_max;    /* base + crc16 % max, max from the packet */
    bit<32> identity_text;   /* the first 8 bytes of text, % 2^32 */
    bit<32> identity_nibble; /* nibble, padded to a byte: nibble << 4 */
    bit<32> max_2_64;        /* base */
    bit<16> csum16;
    bit<16> xor16;
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    data_t     data;
    result_t   result;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        pkt.extract(hdr.data);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = sm.ingress_port;
        hdr.result.setValid();
        hash(hdr.result.crc16, HashAlgorithm.crc16, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.result.crc32, HashAlgorithm.crc32, 32w0, { hdr.data.text }, 33w0x100000000);
        hash(hdr.result.crc16_custom, HashAlgorithm.crc16_custom, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.result.crc32_custom, HashAlgorithm.crc32_custom, 32w0, { hdr.data.text },
             33w0x100000000);
        hash(hdr.result.crc16_nibbles, HashAlgorithm.crc16, 16w0, { hdr.data.text, hdr.data.nibble },
             32w65536);
        hash(hdr.result.base_only, HashAlgorithm.crc16, 16w0x1234, { hdr.data.text }, 32w0);
        hash(hdr.result.run_time_max, HashAlgorithm.crc16, 16w0x100, { hdr.data.text },
             hdr.data.max);
        hash(hdr.result.identity_text, HashAlgorithm.identity, 32w0, { hdr.data.text },
             33w0x100000000);
        hash(hdr.result.identity_nibble, HashAlgorithm.identity, 32w0, { hdr.data.nibble },
             33w0x100000000);
        hash(hdr.result.max_2_64, HashAlgorithm.crc32, 32w7, { hdr.data.text },
             65w0x10000000000000000);
        hash(hdr.result.csum16, HashAlgorithm.csum16, 16w0, { hdr.data.text }, 32w65536);
        hash(hdr.result.xor16, HashAlgorithm.xor16, 16w0, { hdr.data.text }, 32w65536);
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
        pkt.emit(hdr.data);
        pkt.emit(hdr.result);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
