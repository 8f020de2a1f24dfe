/* update_checksum_with_payload and verify_checksum_with_payload (corpus
 * checksum-l4-bmv2): the UDP checksum over the pseudo header, the UDP
 * header and the payload, the packet's bytes after the parsed headers, of
 * any length (odd ones padded with a zero byte), here after an odd number
 * of field bytes too. */
#include <core.p4>
#include <v1model.p4>

header ipv4_t {
    bit<8>  version_ihl;
    bit<8>  diffserv;
    bit<16> total_len;
    bit<32> id_flags;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdr_checksum;
    bit<32> src_addr;
    bit<32> dst_addr;
}

header udp_t {
    bit<16> src_port;
    bit<16> dst_port;
    bit<16> length;
    bit<16> checksum;
}

header odd_t { bit<8> b; }
header result_t { bit<8> checksum_error; bit<16> odd_sum; }

struct headers_t { ipv4_t ipv4; udp_t udp; odd_t odd; result_t res; }
struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ipv4);
        pkt.extract(hdr.udp);
        transition select(hdr.udp.dst_port) {
            7: odd;
            default: accept;
        }
    }
    state odd { pkt.extract(hdr.odd); transition accept; }
}

control MyVerify(inout headers_t hdr, inout metadata_t meta) {
    apply {
        verify_checksum_with_payload(hdr.udp.isValid() && !hdr.odd.isValid(),
            { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, 8w0, hdr.ipv4.protocol, hdr.udp.length,
              hdr.udp.src_port, hdr.udp.dst_port, hdr.udp.length },
            hdr.udp.checksum, HashAlgorithm.csum16);
    }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.res.setValid();
        hdr.res.checksum_error = (bit<8>)sm.checksum_error;
        hdr.udp.src_port = 4242;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta,
                 inout standard_metadata_t sm) { apply { } }

control MyCompute(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum_with_payload(hdr.udp.isValid() && !hdr.odd.isValid(),
            { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, 8w0, hdr.ipv4.protocol, hdr.udp.length,
              hdr.udp.src_port, hdr.udp.dst_port, hdr.udp.length },
            hdr.udp.checksum, HashAlgorithm.csum16);
        /* Three bytes of fields, then the payload at an odd byte. */
        update_checksum_with_payload(hdr.odd.isValid(), { hdr.odd.b, hdr.udp.length },
            hdr.res.odd_sum, HashAlgorithm.csum16);
    }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.ipv4); pkt.emit(hdr.udp); pkt.emit(hdr.odd); pkt.emit(hdr.res); }
}

V1Switch(MyParser(), MyVerify(), MyIngress(), MyEgress(), MyCompute(), MyDeparser()) main;
