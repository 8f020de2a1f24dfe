/* A PSA extern use the XDP backend does not compile yet (midend/pass_psa.c):
 * a colour-aware meter, an error where it is used; and one control
 * parameter given two extern objects (extern_params.c). */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    ethernet_t eth;
}

struct empty_t {
}

parser IP(packet_in pkt, out headers_t hdr, inout empty_t meta,
          in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta,
          in empty_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Count(inout headers_t hdr, Counter<bit<32>, bit<8>> c)
{
    apply {
        c.count(hdr.eth.dst[7:0]);
    }
}

control Ing(inout headers_t hdr, inout empty_t meta, in psa_ingress_input_metadata_t istd,
            inout psa_ingress_output_metadata_t ostd)
{
    Meter<bit<8>>(4, PSA_MeterType_t.BYTES) meter;
    Counter<bit<32>, bit<8>>(256, PSA_CounterType_t.PACKETS) counter;
    Counter<bit<32>, bit<8>>(256, PSA_CounterType_t.PACKETS) other;
    Count() count;

    apply {
        if (meter.execute(0, PSA_MeterColor_t.YELLOW) == PSA_MeterColor_t.RED)
            return;
        count.apply(hdr, counter);
        count.apply(hdr, other);
    }
}

control ID(packet_out pkt, out empty_t clone_i2e_meta, out empty_t resubmit_meta,
           out empty_t normal_meta, inout headers_t hdr, in empty_t meta,
           in psa_ingress_output_metadata_t istd)
{
    apply {
        pkt.emit(hdr.eth);
    }
}

parser EP(packet_in pkt, out headers_t hdr, inout empty_t meta,
          in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
          in empty_t clone_i2e_meta, in empty_t clone_e2e_meta)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Eg(inout headers_t hdr, inout empty_t meta, in psa_egress_input_metadata_t istd,
           inout psa_egress_output_metadata_t ostd)
{
    apply {
    }
}

control ED(packet_out pkt, out empty_t clone_e2e_meta, out empty_t recirculate_meta,
           inout headers_t hdr, in empty_t meta, in psa_egress_output_metadata_t istd,
           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        if (psa_recirculate(istd, edstd))
            recirculate_meta = {};
        pkt.emit(hdr.eth);
    }
}

PSA_Switch(IngressPipeline(IP(), Ing(), ID()), PacketReplicationEngine(),
           EgressPipeline(EP(), Eg(), ED()), BufferingQueueingEngine()) main;
