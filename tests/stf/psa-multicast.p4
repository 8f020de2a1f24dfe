/* PSA multicast through v1model's traffic manager: ingress sends to a
 * group (the destination address's last byte) or unicast, its deparser
 * writes the normal metadata the egress parser reads; each copy's egress
 * writes its port, instance (rid), packet path and that metadata into the
 * packet, and drops the copy to port 3. probe: port(4) instance(2) path
 * tag. */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header probe_t {
    bit<32> port;
    bit<16> instance;
    bit<8>  path;
    bit<8>  tag;
}

struct headers_t {
    ethernet_t eth;
    probe_t probe;
}

struct normal_t {
    bit<8> tag;
}

struct meta_t {
    bit<8> tag;
}

struct empty_t {
}

parser IP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta,
          in empty_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control Ing(inout headers_t hdr, inout meta_t meta, in psa_ingress_input_metadata_t istd,
            inout psa_ingress_output_metadata_t ostd)
{
    apply {
        if (hdr.eth.dst[47:40] == 0x01)
            multicast(ostd, (MulticastGroup_t)(MulticastGroupUint_t)hdr.eth.dst[7:0]);
        else
            send_to_port(ostd, (PortId_t)(PortIdUint_t)hdr.eth.dst[7:0]);
        hdr.eth.src = 0x0000000000aa;
        meta.tag = hdr.eth.type[7:0];
    }
}

control ID(packet_out pkt, out empty_t clone_i2e_meta, out empty_t resubmit_meta,
           out normal_t normal_meta, inout headers_t hdr, in meta_t meta,
           in psa_ingress_output_metadata_t istd)
{
    apply {
        normal_meta.tag = meta.tag;
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
    }
}

parser EP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_egress_parser_input_metadata_t istd, in normal_t normal_meta,
          in empty_t clone_i2e_meta, in empty_t clone_e2e_meta)
{
    state start {
        meta.tag = normal_meta.tag;
        pkt.extract(hdr.eth);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, in psa_egress_input_metadata_t istd,
           inout psa_egress_output_metadata_t ostd)
{
    apply {
        hdr.probe.port = (PortIdUint_t)istd.egress_port;
        hdr.probe.instance = (EgressInstanceUint_t)istd.instance;
        if (istd.packet_path == PSA_PacketPath_t.NORMAL_MULTICAST)
            hdr.probe.path = 2;
        else if (istd.packet_path == PSA_PacketPath_t.NORMAL_UNICAST)
            hdr.probe.path = 1;
        hdr.probe.tag = meta.tag;
        if (istd.egress_port == (PortId_t)3)
            egress_drop(ostd);
    }
}

control ED(packet_out pkt, out empty_t clone_e2e_meta, out empty_t recirculate_meta,
           inout headers_t hdr, in meta_t meta, in psa_egress_output_metadata_t istd,
           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
    }
}

PSA_Switch(IngressPipeline(IP(), Ing(), ID()), PacketReplicationEngine(),
           EgressPipeline(EP(), Eg(), ED()), BufferingQueueingEngine()) main;
