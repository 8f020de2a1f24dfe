/* v1model's older forms that keep data instead of a field list index:
 * clone3(type, session, data), resubmit(data) and recirculate(data). The
 * data is a list of metadata fields, the whole user metadata, or `{}`.
 * A packet carrying a `ctl` header (op session port pad) picks the case;
 * whoever sees a clone, resubmitted or recirculated packet writes an
 * `info` header of what it sees: instance_type, egress_port and the two
 * metadata fields (one a list keeps, one not: the latter reads 0). */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

/* op: 1 clone3 of {meta.kept}, 2 clone3 of meta, 3 clone3 of {},
 * 4 clone3 of {meta.kept, sm.egress_port, sm.instance_type},
 * 5 resubmit({meta.kept, meta.lost, sm.instance_type}),
 * 6 recirculate({meta.lost}) from egress. Fields of standard_metadata
 * the traffic manager sets (instance_type, egress_port) are its, not the
 * list's: a resubmitted packet sees instance_type 6. */
header ctl_t {
    bit<8> op;
    bit<8> session;
    bit<8> port;
    bit<8> pad;
}

header info_t {
    bit<8> instance_type;
    bit<8> egress_port;
    bit<8> kept;
    bit<8> lost;
}

struct meta_t {
    bit<8> kept;
    bit<8> lost;
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
    action note() {
        hdr.info.setValid();
        hdr.info.instance_type = (bit<8>)sm.instance_type;
        hdr.info.egress_port = 0;
        hdr.info.kept = meta.kept;
        hdr.info.lost = meta.lost;
    }
    apply {
        if (!hdr.ctl.isValid()) {
            mark_to_drop(sm);
            exit;
        }
        sm.egress_spec = (bit<9>)hdr.ctl.port;
        if (sm.instance_type != 0) {
            note();    /* resubmitted or recirculated: what the list kept */
            exit;
        }
        meta.kept = 0xaa;
        meta.lost = 0xbb;
        if (hdr.ctl.op == 1) {
            clone3(CloneType.I2E, (bit<32>)hdr.ctl.session, { meta.kept });
        } else if (hdr.ctl.op == 2) {
            clone3(CloneType.I2E, (bit<32>)hdr.ctl.session, meta);
        } else if (hdr.ctl.op == 3) {
            clone3(CloneType.I2E, (bit<32>)hdr.ctl.session, {});
        } else if (hdr.ctl.op == 4) {
            clone3(CloneType.I2E, (bit<32>)hdr.ctl.session,
                   { meta.kept, sm.egress_port, sm.instance_type });
        } else if (hdr.ctl.op == 5) {
            resubmit({ meta.kept, meta.lost, sm.instance_type });
        }
        hdr.ethernet.src = 0x0000000000ee;
        meta.kept = 0xa1;   /* a list keeps the value ingress ends with */
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.instance_type == 1) {
            hdr.info.setValid();
            hdr.info.instance_type = (bit<8>)sm.instance_type;
            hdr.info.egress_port = (bit<8>)sm.egress_port;
            hdr.info.kept = meta.kept;
            hdr.info.lost = meta.lost;
        } else if (hdr.ctl.op == 6 && sm.instance_type == 0) {
            meta.lost = 0xe6;
            recirculate({ meta.lost });
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
