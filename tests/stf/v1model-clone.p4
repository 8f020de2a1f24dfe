/* v1model clones: a packet carrying a `ctl` header asks for a clone of
 * session ctl.session (I2E in ingress or E2E in egress, with or without
 * field list 1) and leaves by port ctl.port unless dropped. Each clone's
 * egress adds an `info` header with what it sees: instance_type,
 * egress_port, the metadata fields (one in field list 1, keeping its
 * final value of the block that cloned; one not, which the clone sees as
 * 0), the ingress_port its parser saw (as a metadata field, which BMv2
 * resets after a clone's parse: 0) and packet_length. Ingress rewrites the
 * source MAC, which an I2E clone does not carry and an E2E clone does. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

/* op: 1 I2E clone, 2 E2E clone, 3 I2E clone of a packet ingress drops,
 * 4 E2E clone of a packet egress drops, 5 I2E clone with no field list,
 * 6 I2E clone, then another in egress (one clone a packet: not made). */
header ctl_t {
    bit<8> op;
    bit<8> session;
    bit<8> port;
    bit<8> pad;
}

header info_t {
    bit<8>  instance_type;
    bit<8>  egress_port;
    bit<8>  kept;
    bit<8>  lost;
    bit<8>  parser_port;
    bit<8>  pad;
    bit<16> length;
}

struct meta_t {
    @field_list(1)
    bit<8> kept;
    bit<8> lost;
    bit<8> parser_port;
}

struct headers_t {
    ethernet_t ethernet;
    info_t     info;
    ctl_t      ctl;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        meta.parser_port = (bit<8>)sm.ingress_port;
        transition select(hdr.ethernet.ether_type) {
            0x88b5: parse_ctl;
            default: accept;
        }
    }
    state parse_ctl {
        pkt.extract(hdr.ctl);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (!hdr.ctl.isValid()) {
            mark_to_drop(sm);
            exit;
        }
        sm.egress_spec = (bit<9>)hdr.ctl.port;
        meta.kept = 0xaa;
        meta.lost = 0xbb;
        if (hdr.ctl.op == 1 || hdr.ctl.op == 3 || hdr.ctl.op == 6) {
            clone_preserving_field_list(CloneType.I2E, (bit<32>)hdr.ctl.session, 1);
        } else if (hdr.ctl.op == 5) {
            clone(CloneType.I2E, (bit<32>)hdr.ctl.session);
        }
        if (hdr.ctl.op == 3) {
            mark_to_drop(sm);
        }
        hdr.ethernet.src = 0x0000000000ee;
        meta.kept = 0xa1;   /* the clone keeps the value ingress ends with */
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.instance_type == 1 || sm.instance_type == 2) {
            hdr.info.setValid();
            hdr.info.instance_type = (bit<8>)sm.instance_type;
            hdr.info.egress_port = (bit<8>)sm.egress_port;
            hdr.info.kept = meta.kept;
            hdr.info.lost = meta.lost;
            hdr.info.parser_port = meta.parser_port;
            hdr.info.length = (bit<16>)sm.packet_length;
        } else {
            if (hdr.ctl.op == 2 || hdr.ctl.op == 4 || hdr.ctl.op == 6) {
                clone_preserving_field_list(CloneType.E2E, (bit<32>)hdr.ctl.session, 1);
                meta.kept = 0xe2;
            }
            if (hdr.ctl.op == 4) {
                mark_to_drop(sm);
            }
            hdr.ethernet.dst = 0x0000000000dd;
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.info);
        pkt.emit(hdr.ctl);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
