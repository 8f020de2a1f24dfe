/* PSA's two parsers: ingress checks the IPv4 checksum in its parser
 * (InternetChecksum, verify), adds an info header its deparser emits with
 * the checksum recomputed after the TTL change; the egress parser parses
 * that packet again into headers of its own type, and egress updates the
 * checksum incrementally (subtract, add). Also the PSA metadata ingress
 * and egress see, Hash (identity and CRC16), Random, and a digest of the
 * source address of what ingress forwards. */
#include <core.p4>
#include <psa.p4>

error { BadChecksum }

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header ipv4_t {
    bit<8>  version_ihl;
    bit<8>  tos;
    bit<16> len;
    bit<16> id;
    bit<16> frag;
    bit<8>  ttl;
    bit<8>  proto;
    bit<16> csum;
    bit<32> src;
    bit<32> dst;
}

/* What ingress tells egress, in the packet. */
header info_t {
    bit<32> in_port;
    bit<16> crc;
    bit<16> bucket;
    bit<8>  rnd;
    bit<8>  egress_flags;
}

struct ingress_headers_t {
    ethernet_t eth;
    ipv4_t ipv4;
    info_t info;
}

struct egress_headers_t {
    ethernet_t eth;
    info_t info;
    ipv4_t ipv4;
}

struct meta_t {
}

struct learn_t {
    bit<48> src;
    bit<32> port;
}

struct empty_t {
}

parser IngressParserImpl(packet_in pkt, out ingress_headers_t hdr, inout meta_t meta,
                         in psa_ingress_parser_input_metadata_t istd,
                         in empty_t resubmit_meta, in empty_t recirculate_meta)
{
    InternetChecksum() ck;

    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x0800: ipv4;
            default: accept;
        }
    }
    state ipv4 {
        pkt.extract(hdr.ipv4);
        ck.clear();
        ck.add({hdr.ipv4.version_ihl, hdr.ipv4.tos, hdr.ipv4.len, hdr.ipv4.id, hdr.ipv4.frag,
                hdr.ipv4.ttl, hdr.ipv4.proto, hdr.ipv4.src, hdr.ipv4.dst});
        verify(ck.get() == hdr.ipv4.csum, error.BadChecksum);
        transition accept;
    }
}

control IngressImpl(inout ingress_headers_t hdr, inout meta_t meta,
                    in psa_ingress_input_metadata_t istd,
                    inout psa_ingress_output_metadata_t ostd)
{
    Hash<bit<16>>(PSA_HashAlgorithm_t.CRC16) crc;
    Hash<bit<16>>(PSA_HashAlgorithm_t.IDENTITY) id;
    Random<bit<8>>(5, 5) five;

    apply {
        if (istd.parser_error == error.BadChecksum) {
            return;   /* dropped: ostd.drop is still true */
        }
        if (istd.parser_error != error.NoError || istd.packet_path != PSA_PacketPath_t.NORMAL) {
            send_to_port(ostd, (PortId_t)7);
            return;
        }
        if (!hdr.ipv4.isValid())
            return;
        send_to_port(ostd, (PortId_t)(PortIdUint_t)hdr.ipv4.dst[3:0]);
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        hdr.info.setValid();
        hdr.info.in_port = (PortIdUint_t)istd.ingress_port;
        hdr.info.crc = crc.get_hash({hdr.ipv4.src, hdr.ipv4.dst});
        hdr.info.bucket = id.get_hash(16w100, {hdr.ipv4.dst[7:0]}, 16w8);
        hdr.info.rnd = five.read();
        hdr.eth.type = 0x88b5;
    }
}

control IngressDeparserImpl(packet_out pkt, out empty_t clone_i2e_meta,
                            out empty_t resubmit_meta, out empty_t normal_meta,
                            inout ingress_headers_t hdr, in meta_t meta,
                            in psa_ingress_output_metadata_t istd)
{
    InternetChecksum() ck;
    Digest<learn_t>() learn;

    apply {
        if (hdr.info.isValid())
            learn.pack({hdr.eth.src, hdr.info.in_port});
        ck.clear();
        ck.add({hdr.ipv4.version_ihl, hdr.ipv4.tos, hdr.ipv4.len, hdr.ipv4.id, hdr.ipv4.frag,
                hdr.ipv4.ttl, hdr.ipv4.proto, hdr.ipv4.src, hdr.ipv4.dst});
        hdr.ipv4.csum = ck.get();
        pkt.emit(hdr.eth);
        pkt.emit(hdr.info);
        pkt.emit(hdr.ipv4);
    }
}

parser EgressParserImpl(packet_in pkt, out egress_headers_t hdr, inout meta_t meta,
                        in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
                        in empty_t clone_i2e_meta, in empty_t clone_e2e_meta)
{
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x88b5: info;
            default: accept;
        }
    }
    state info {
        pkt.extract(hdr.info);
        pkt.extract(hdr.ipv4);
        transition accept;
    }
}

control EgressImpl(inout egress_headers_t hdr, inout meta_t meta,
                   in psa_egress_input_metadata_t istd,
                   inout psa_egress_output_metadata_t ostd)
{
    InternetChecksum() ck;

    apply {
        if (!hdr.info.isValid())
            return;
        if (istd.packet_path == PSA_PacketPath_t.NORMAL_UNICAST)
            hdr.info.egress_flags = 0x80;
        if (istd.parser_error == error.NoError)
            hdr.info.egress_flags = hdr.info.egress_flags | 0x01;
        /* TTL 0x20, the checksum updated as RFC 1624 does. */
        ck.clear();
        ck.subtract(hdr.ipv4.csum);
        ck.subtract({hdr.ipv4.ttl, hdr.ipv4.proto});
        hdr.ipv4.ttl = 0x20;
        ck.add({hdr.ipv4.ttl, hdr.ipv4.proto});
        hdr.ipv4.csum = ck.get();
    }
}

control EgressDeparserImpl(packet_out pkt, out empty_t clone_e2e_meta,
                           out empty_t recirculate_meta, inout egress_headers_t hdr,
                           in meta_t meta, in psa_egress_output_metadata_t istd,
                           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.info);
        pkt.emit(hdr.ipv4);
    }
}

IngressPipeline(IngressParserImpl(), IngressImpl(), IngressDeparserImpl()) ip;
EgressPipeline(EgressParserImpl(), EgressImpl(), EgressDeparserImpl()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
