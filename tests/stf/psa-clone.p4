/* PSA's clones through v1model's clone sessions: ingress-to-egress clones
 * of the packet as it came in, egress-to-egress ones of what the egress
 * deparser emitted, each with the metadata its deparser writes for it (the
 * egress parser reads it by packet path); a dropped original is still
 * cloned. ctl: op port path meta, then padding to 60 bytes. */
#include <core.p4>
#include <psa.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header ctl_t {
    bit<8> op;      /* 1, 2: I2E clone (2: original dropped); 3, 4: E2E (4: dropped) */
    bit<8> port;    /* the original's port; egress writes the one it sees */
    bit<8> path;    /* egress: 1 normal, 3 I2E clone, 4 E2E clone */
    bit<8> meta;    /* egress: the clone's metadata */
}

struct headers_t {
    ethernet_t eth;
    ctl_t ctl;
}

struct clone_meta_t {
    bit<8> m;
}

struct meta_t {
    bit<8> m;
}

struct empty_t {
}

parser IP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_ingress_parser_input_metadata_t istd, in empty_t resubmit_meta,
          in empty_t recirculate_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.ctl);
        transition accept;
    }
}

control Ing(inout headers_t hdr, inout meta_t meta, in psa_ingress_input_metadata_t istd,
            inout psa_ingress_output_metadata_t ostd)
{
    apply {
        send_to_port(ostd, (PortId_t)(PortIdUint_t)hdr.ctl.port);
        if (hdr.ctl.op == 1 || hdr.ctl.op == 2) {
            ostd.clone = true;
            ostd.clone_session_id = (CloneSessionId_t)5;
        }
        if (hdr.ctl.op == 2)
            ingress_drop(ostd);
        /* The original's change; an I2E clone does not see it. */
        hdr.eth.src = 0x0000000000aa;
    }
}

control ID(packet_out pkt, out clone_meta_t clone_i2e_meta, out empty_t resubmit_meta,
           out empty_t normal_meta, inout headers_t hdr, in meta_t meta,
           in psa_ingress_output_metadata_t istd)
{
    apply {
        if (psa_clone_i2e(istd))
            clone_i2e_meta.m = 0x11;
        pkt.emit(hdr.eth);
        pkt.emit(hdr.ctl);
    }
}

parser EP(packet_in pkt, out headers_t hdr, inout meta_t meta,
          in psa_egress_parser_input_metadata_t istd, in empty_t normal_meta,
          in clone_meta_t clone_i2e_meta, in clone_meta_t clone_e2e_meta)
{
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.ctl);
        transition select(istd.packet_path) {
            PSA_PacketPath_t.CLONE_I2E: i2e;
            PSA_PacketPath_t.CLONE_E2E: e2e;
            default: accept;
        }
    }
    state i2e {
        meta.m = clone_i2e_meta.m;
        transition accept;
    }
    state e2e {
        meta.m = clone_e2e_meta.m;
        transition accept;
    }
}

control Eg(inout headers_t hdr, inout meta_t meta, in psa_egress_input_metadata_t istd,
           inout psa_egress_output_metadata_t ostd)
{
    apply {
        hdr.ctl.port = (bit<8>)(PortIdUint_t)istd.egress_port;
        hdr.ctl.meta = meta.m;
        if (istd.packet_path == PSA_PacketPath_t.CLONE_I2E) {
            hdr.ctl.path = 3;
        } else if (istd.packet_path == PSA_PacketPath_t.CLONE_E2E) {
            hdr.ctl.path = 4;
        } else {
            hdr.ctl.path = 1;
            /* The original's change an E2E clone sees. */
            hdr.eth.dst = 0x0000000000bb;
            if (hdr.ctl.op == 3 || hdr.ctl.op == 4) {
                ostd.clone = true;
                ostd.clone_session_id = (CloneSessionId_t)6;
            }
            if (hdr.ctl.op == 4)
                egress_drop(ostd);
        }
    }
}

control ED(packet_out pkt, out clone_meta_t clone_e2e_meta, out empty_t recirculate_meta,
           inout headers_t hdr, in meta_t meta, in psa_egress_output_metadata_t istd,
           in psa_egress_deparser_input_metadata_t edstd)
{
    apply {
        if (psa_clone_e2e(istd))
            clone_e2e_meta.m = 0x22;
        pkt.emit(hdr.eth);
        pkt.emit(hdr.ctl);
    }
}

PSA_Switch(IngressPipeline(IP(), Ing(), ID()), PacketReplicationEngine(),
           EgressPipeline(EP(), Eg(), ED()), BufferingQueueingEngine()) main;
