/* PNA add-on-miss: a table keyed by the source address learns it from
 * the data plane. Its default action calls add_entry, which inserts an
 * entry for the lookup key with the action `known` and the mark as its
 * data, and sends the packet to port 1; the next packet from that
 * address hits the entry and goes to port 2 with the mark in its tag. */
#include <core.p4>
#include <pna.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<8> mark;
    bit<8> added;
}

struct headers_t {
    ethernet_t eth;
    tag_t tag;
}

struct meta_t {
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
    apply { }
}

control MainControlImpl(inout headers_t hdr, inout meta_t meta,
                        in pna_main_input_metadata_t istd,
                        inout pna_main_output_metadata_t ostd)
{
    bool added = false;

    action known(bit<8> mark) {
        hdr.tag.mark = mark;
        send_to_port((PortId_t)2);
    }
    action learn() {
        added = add_entry(action_name = "known",
                          action_params = {hdr.eth.dst[7:0] + 8w0x40},
                          expire_time_profile_id = (ExpireTimeProfileId_t)0);
        send_to_port((PortId_t)1);
    }
    table sources {
        key = { hdr.eth.src: exact; }
        actions = { known; @defaultonly learn; }
        const default_action = learn;
        add_on_miss = true;
    }
    apply {
        sources.apply();
        hdr.tag.added = added ? 8w1 : 8w0;
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
