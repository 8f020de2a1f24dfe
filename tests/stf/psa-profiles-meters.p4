/* PSA's ActionSelector and ActionProfile (v1model's machinery: entries
 * with actions of their own here), Meter and DirectMeter (no rates set:
 * every packet is GREEN, the enum value psa.p4 gives it). probe: dst(2)
 * flow(2) port a colour(2). */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header probe_t {
    bit<16> dst;
    bit<16> flow;
    bit<8>  port;
    bit<8>  a;
    bit<8>  colour;
    bit<8>  direct_colour;
}

struct headers_t {
    ethernet_t eth;
    probe_t probe;
}

struct empty_t {
}

parser IP(packet_in pkt, out headers_t hdr, inout empty_t meta,
          in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta,
          in empty_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.probe);
        transition accept;
    }
}

control Ing(inout headers_t hdr, inout empty_t meta, in psa_ingress_input_metadata_t istd,
            inout psa_ingress_output_metadata_t ostd)
{
    ActionSelector(PSA_HashAlgorithm_t.CRC16, 64, 16) paths;
    ActionProfile(16) tags;
    Meter<bit<8>>(4, PSA_MeterType_t.PACKETS) meter;
    DirectMeter(PSA_MeterType_t.BYTES) by_a_meter;

    action set_port(bit<8> port) {
        hdr.probe.port = port;
    }
    action set_a(bit<8> a) {
        hdr.probe.a = a;
        /* The colour as a number: GREEN 1, YELLOW 2, RED 3. */
        PSA_MeterColor_t c = by_a_meter.execute();
        hdr.probe.direct_colour = c == PSA_MeterColor_t.GREEN ? 8w1 :
                                  c == PSA_MeterColor_t.YELLOW ? 8w2 : 8w3;
    }
    table ecmp {
        key = {
            hdr.probe.dst : exact;
            hdr.probe.flow : selector;
        }
        actions = { set_port; }
        psa_implementation = paths;
    }
    table by_a {
        key = { hdr.probe.a : exact; }
        actions = { set_a; }
        psa_implementation = tags;
        psa_direct_meter = by_a_meter;
    }
    apply {
        ecmp.apply();
        by_a.apply();
        PSA_MeterColor_t c = meter.execute((bit<8>)hdr.probe.dst);
        if (c == PSA_MeterColor_t.GREEN)
            hdr.probe.colour = 1;
        else if (c == PSA_MeterColor_t.YELLOW)
            hdr.probe.colour = 2;
        else
            hdr.probe.colour = 3;
        send_to_port(ostd, (PortId_t)(PortIdUint_t)hdr.probe.port);
    }
}

control ID(packet_out pkt, out empty_t clone_i2e_meta, out empty_t resubmit_meta,
           out empty_t normal_meta, inout headers_t hdr, in empty_t meta,
           in psa_ingress_output_metadata_t istd)
{
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.probe);
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
        pkt.emit(hdr.eth);
    }
}

/* Named arguments, in an order of their own. */
PSA_Switch(egress = EgressPipeline(EP(), Eg(), ED()), pre = PacketReplicationEngine(),
           bqe = BufferingQueueingEngine(), ingress = IngressPipeline(IP(), Ing(), ID())) main;
