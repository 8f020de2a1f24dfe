/* PSA unicast and drop: a table sends to a port or drops, a packet no
 * entry matches is dropped (ostd.drop starts true), egress drops one
 * EtherType and rewrites the source address of the others; indexed and
 * direct counters and a register count what passes (the register's
 * count goes into the packet; the indexed counter through a sub-control's
 * parameter). */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<32> seen;
}

struct headers_t {
    ethernet_t eth;
    tag_t tag;
}

struct meta_t {
    bit<8> unused;
}

struct empty_t {
}

parser IngressParserImpl(packet_in pkt, out headers_t hdr, inout meta_t meta,
                         in psa_ingress_parser_input_metadata_t istd,
                         in empty_t resubmit_meta, in empty_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.tag);
        transition accept;
    }
}

control CountPort(in PortId_t port, Counter<bit<32>, PortId_t> c)
{
    apply {
        c.count(port);
    }
}

control IngressImpl(inout headers_t hdr, inout meta_t meta,
                    in psa_ingress_input_metadata_t istd,
                    inout psa_ingress_output_metadata_t ostd)
{
    Counter<bit<32>, PortId_t>(8, PSA_CounterType_t.PACKETS_AND_BYTES) in_port;
    DirectCounter<bit<32>>(PSA_CounterType_t.PACKETS) fwd_hits;
    Register<bit<32>, bit<8>>(4) seen;
    CountPort() count_port;

    action forward(PortId_t port) {
        send_to_port(ostd, port);
    }
    action drop() {
        ingress_drop(ostd);
    }
    table fwd {
        key = { hdr.eth.dst: exact; }
        actions = { forward; drop; NoAction; }
        default_action = NoAction();
        psa_direct_counter = fwd_hits;
    }
    apply {
        count_port.apply(istd.ingress_port, in_port);
        bit<8> slot = hdr.eth.dst[7:0];
        /* How many packets to this address's last byte so far. */
        hdr.tag.seen = seen.read(slot) + 1;
        seen.write(slot, hdr.tag.seen);
        fwd.apply();
    }
}

control IngressDeparserImpl(packet_out pkt, out empty_t clone_i2e_meta,
                            out empty_t resubmit_meta, out empty_t normal_meta,
                            inout headers_t hdr, in meta_t meta,
                            in psa_ingress_output_metadata_t istd)
{
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.tag);
    }
}

parser EgressParserImpl(packet_in pkt, out headers_t hdr, inout meta_t meta,
                        in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
                        in empty_t clone_i2e_meta, in empty_t clone_e2e_meta)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control EgressImpl(inout headers_t hdr, inout meta_t meta,
                   in psa_egress_input_metadata_t istd,
                   inout psa_egress_output_metadata_t ostd)
{
    apply {
        if (hdr.eth.type == 0x0bad) {
            egress_drop(ostd);
        } else {
            /* The port egress sees, in the packet. */
            hdr.eth.src = 0xee0000000000 | (bit<48>)(PortIdUint_t)istd.egress_port;
        }
    }
}

control EgressDeparserImpl(packet_out pkt, out empty_t clone_e2e_meta,
                           out empty_t recirculate_meta, inout headers_t hdr,
                           in meta_t meta, in psa_egress_output_metadata_t istd,
                           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        pkt.emit(hdr.eth);
    }
}

IngressPipeline(IngressParserImpl(), IngressImpl(), IngressDeparserImpl()) ip;
EgressPipeline(EgressParserImpl(), EgressImpl(), EgressDeparserImpl()) ep;
PSA_Switch(ip, PacketReplicationEngine(), ep, BufferingQueueingEngine()) main;
