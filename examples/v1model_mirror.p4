/* A patch panel with taps (v1model): each input port is patched to an
 * output port, and a port can be tapped in either direction. A tapped
 * port's traffic is also sent to a monitor by clone sessions, which the
 * control plane points at the monitor's port (`p4ctl clone add`, or the
 * test's `mirroring_add`): frames coming in by a tapped port are cloned
 * as they arrived (I2E), frames going out by one as they leave (E2E).
 * Each copy for the monitor starts with a tap header saying which way
 * the frame went and by which port. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

/* In front of a monitor's copy. */
header tap_t {
    bit<16> magic;        /* 0x7a70 */
    bit<8>  direction;    /* 1: came in by port, 2: went out by port */
    bit<8>  port;
}

struct headers_t {
    tap_t      tap;
    ethernet_t ethernet;
}

struct meta_t {
    @field_list(1)
    bit<9> tapped_port;   /* kept for the copy: its port */
}

parser MirrorParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                    inout standard_metadata_t standard_metadata) {
    state start {
        pkt.extract(hdr.ethernet);
        transition accept;
    }
}

control MirrorVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MirrorIngress(inout headers_t hdr, inout meta_t meta,
                      inout standard_metadata_t standard_metadata) {
    action forward(bit<9> port) {
        standard_metadata.egress_spec = port;
    }
    action drop() {
        mark_to_drop(standard_metadata);
    }
    table patch {
        key = { standard_metadata.ingress_port: exact; }
        actions = { forward; drop; }
        default_action = drop();
    }

    action mirror_in(bit<32> session) {
        meta.tapped_port = standard_metadata.ingress_port;
        clone_preserving_field_list(CloneType.I2E, session, 1);
    }
    table taps {
        key = { standard_metadata.ingress_port: exact; }
        actions = { mirror_in; NoAction; }
        default_action = NoAction();
    }

    apply {
        patch.apply();
        taps.apply();
    }
}

control MirrorEgress(inout headers_t hdr, inout meta_t meta,
                     inout standard_metadata_t standard_metadata) {
    action mirror_out(bit<32> session) {
        meta.tapped_port = standard_metadata.egress_port;
        clone_preserving_field_list(CloneType.E2E, session, 1);
    }
    table egress_taps {
        key = { standard_metadata.egress_port: exact; }
        actions = { mirror_out; NoAction; }
        default_action = NoAction();
    }

    apply {
        if (standard_metadata.instance_type == 1 || standard_metadata.instance_type == 2) {
            /* A copy for the monitor: 1 is an ingress clone, 2 an egress one. */
            hdr.tap.setValid();
            hdr.tap.magic = 0x7a70;
            hdr.tap.direction = (bit<8>)standard_metadata.instance_type;
            hdr.tap.port = (bit<8>)meta.tapped_port;
        } else {
            egress_taps.apply();
        }
    }
}

control MirrorComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MirrorDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.tap);
        pkt.emit(hdr.ethernet);
    }
}

V1Switch(MirrorParser(), MirrorVerifyChecksum(), MirrorIngress(), MirrorEgress(),
         MirrorComputeChecksum(), MirrorDeparser()) main;
