/* PSA's resubmit and recirculation (tail calls of p4cc_main): ingress
 * resubmits packets of EtherType 0x0001 once, with the metadata its
 * deparser writes, and sends those of 0x0002 to PSA_PORT_RECIRCULATE;
 * the egress deparser writes the recirculate metadata (psa_recirculate).
 * The next pass writes its path, its ingress port and that metadata into
 * the packet. probe: path port(4) meta. */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header probe_t {
    bit<8>  path;
    bit<32> port;
    bit<8>  meta;
}

struct headers_t {
    ethernet_t eth;
    probe_t probe;
}

struct resubmit_t {
    bit<8> r;
}

struct recirc_t {
    bit<8> c;
}

struct meta_t {
    bit<8> from_pass;
}

struct empty_t {
}

parser IP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_ingress_parser_input_metadata_t istd, in resubmit_t resubmit_meta,
          in recirc_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.probe);
        transition select(istd.packet_path) {
            PSA_PacketPath_t.RESUBMIT: resubmitted;
            PSA_PacketPath_t.RECIRCULATE: recirculated;
            default: accept;
        }
    }
    state resubmitted {
        meta.from_pass = resubmit_meta.r;
        transition accept;
    }
    state recirculated {
        meta.from_pass = recirculate_meta.c;
        transition accept;
    }
}

control Ing(inout headers_t hdr, inout meta_t meta, in psa_ingress_input_metadata_t istd,
            inout psa_ingress_output_metadata_t ostd)
{
    apply {
        send_to_port(ostd, (PortId_t)2);
        if (istd.packet_path == PSA_PacketPath_t.NORMAL) {
            hdr.probe.path = 0;
            /* Changes a resubmitted packet does not keep. */
            hdr.eth.src = 0xffffffffffff;
            if (hdr.eth.type == 0x0001)
                ostd.resubmit = true;
            else if (hdr.eth.type == 0x0002)
                send_to_port(ostd, PSA_PORT_RECIRCULATE);
            return;
        }
        if (istd.packet_path == PSA_PacketPath_t.RESUBMIT)
            hdr.probe.path = 6;
        else if (istd.packet_path == PSA_PacketPath_t.RECIRCULATE)
            hdr.probe.path = 7;
        hdr.probe.port = (PortIdUint_t)istd.ingress_port;
        hdr.probe.meta = meta.from_pass;
    }
}

control ID(packet_out pkt, out empty_t clone_i2e_meta, out resubmit_t resubmit_meta,
           out empty_t normal_meta, inout headers_t hdr, in meta_t meta,
           in psa_ingress_output_metadata_t istd)
{
    apply {
        if (psa_resubmit(istd))
            resubmit_meta.r = 0x5a;
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
    }
}

parser EP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
          in empty_t clone_i2e_meta, in empty_t clone_e2e_meta)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, in psa_egress_input_metadata_t istd,
           inout psa_egress_output_metadata_t ostd)
{
    apply {
    }
}

control ED(packet_out pkt, out empty_t clone_e2e_meta, out recirc_t recirculate_meta,
           inout headers_t hdr, in meta_t meta, in psa_egress_output_metadata_t istd,
           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        if (psa_recirculate(istd, edstd))
            recirculate_meta.c = 0x77;
        pkt.emit(hdr.eth);
    }
}

PSA_Switch(IngressPipeline(IP(), Ing(), ID()), PacketReplicationEngine(),
           EgressPipeline(EP(), Eg(), ED()), BufferingQueueingEngine()) main;
