/* The pre-control shares the main pipeline's headers and metadata in the
 * XDP backend's per-packet state: other types for them are an error. */
#include <core.p4>
#include <pna.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    ethernet_t eth;
}

struct meta_t {
    bit<8> m;
}

struct pre_meta_t {
    bit<16> other;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t meta,
         in pna_main_parser_input_metadata_t istd)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Pre(in headers_t hdr, inout pre_meta_t meta, in pna_pre_input_metadata_t istd,
            inout pna_pre_output_metadata_t ostd)
{
    apply { }
}

control C(inout headers_t hdr, inout meta_t meta, in pna_main_input_metadata_t istd,
          inout pna_main_output_metadata_t ostd)
{
    action fwd(PortId_t port) {
        send_to_port(port);
    }
    apply {
        fwd((PortId_t)1);
    }
}

control D(packet_out pkt, in headers_t hdr, in meta_t meta, in pna_main_output_metadata_t ostd)
{
    apply {
        pkt.emit(hdr.eth);
    }
}

PNA_NIC(P(), Pre(), C(), D()) main;
