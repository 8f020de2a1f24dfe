/* PNA unicast, drop and the default: a table sends to a port or drops;
 * a packet no entry matches, for which the main control calls neither
 * send_to_port nor drop_packet, goes to the host (XDP_PASS: the STF
 * harness sees it leave by its input port). The last call wins. An
 * indexed and a direct counter and a register count what passes (the
 * register's count goes into the packet); the tag records the direction
 * (always NET_TO_HOST on XDP) through SelectByDirection and the input
 * port, and a hash of the destination, and a one's complement checksum of
 * the type and the tag. */
#include <core.p4>
#include <pna.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<8>  seen;
    bit<8>  dir;
    bit<16> csum;
}

struct headers_t {
    ethernet_t eth;
    tag_t tag;
}

struct meta_t {
    bit<8> slot;
}

parser MainParserImpl(packet_in pkt, out headers_t hdr, inout meta_t meta,
                      in pna_main_parser_input_metadata_t istd)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.tag);
        transition accept;
    }
}

control PreControlImpl(in headers_t hdr, inout meta_t meta,
                       in pna_pre_input_metadata_t istd,
                       inout pna_pre_output_metadata_t ostd)
{
    apply {
        meta.slot = hdr.eth.dst[7:0];
    }
}

control MainControlImpl(inout headers_t hdr, inout meta_t meta,
                        in pna_main_input_metadata_t istd,
                        inout pna_main_output_metadata_t ostd)
{
    Counter<bit<32>, PortId_t>(8, PNA_CounterType_t.PACKETS_AND_BYTES) in_port;
    DirectCounter<bit<32>>(PNA_CounterType_t.PACKETS) fwd_hits;
    Register<bit<8>, bit<8>>(8) seen;
    InternetChecksum() ck;

    action forward(PortId_t port) {
        send_to_port(port);
    }
    action drop() {
        drop_packet();
    }
    action drop_then_send(PortId_t port) {
        drop_packet();
        send_to_port(port);
    }
    table fwd {
        key = { hdr.eth.dst: exact; }
        actions = { forward; drop; drop_then_send; NoAction; }
        default_action = NoAction();
        pna_direct_counter = fwd_hits;
        pna_idle_timeout = PNA_IdleTimeout_t.NO_TIMEOUT;
    }
    apply {
        in_port.count(istd.input_port);
        hdr.tag.seen = seen.read(meta.slot) + 1;
        seen.write(meta.slot, hdr.tag.seen);
        hdr.tag.dir = SelectByDirection(istd.direction, 8w0x11, 8w0x22);
        ck.clear();
        ck.add({hdr.eth.type, hdr.tag.seen, hdr.tag.dir});
        hdr.tag.csum = ck.get();
        fwd.apply();
        if (hdr.eth.type == 0x0bad) {
            send_to_port((PortId_t)3);
            drop_packet();
        }
    }
}

control MainDeparserImpl(packet_out pkt, in headers_t hdr, in meta_t meta,
                         in pna_main_output_metadata_t ostd)
{
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.tag);
    }
}

PNA_NIC(MainParserImpl(), PreControlImpl(), MainControlImpl(), MainDeparserImpl()) main;
