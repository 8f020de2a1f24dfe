/* PNA recirculate(): the packet the main deparser wrote runs through the
 * pipeline again with the pass number one more; recirculate() wins over
 * send_to_port, drop_packet over recirculate(). */
#include <core.p4>
#include <pna.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<8> pass;
    bit<8> mark;
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
    action again() {
        recirculate();
    }
    action send(PortId_t port) {
        send_to_port(port);
    }
    apply {
        /* Each pass adds its number to the mark, which the deparser
         * writes back for the next. */
        hdr.tag.mark = hdr.tag.mark + 1;
        hdr.tag.pass = (bit<8>)(PassNumberUint_t)istd.pass;
        if (istd.pass == (PassNumber_t)0) {
            again();
            if (hdr.eth.type == 0x0bad)
                drop_packet();
            else
                send((PortId_t)1);   /* recirculate() wins */
        } else {
            send((PortId_t)2);
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
