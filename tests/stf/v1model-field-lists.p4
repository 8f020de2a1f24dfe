/* v1model field lists: which user metadata fields a clone and a
 * resubmitted packet keep. @field_list names an index by number or by
 * enum member, on a field (inner.a, inside a struct that has no
 * annotation itself) or on a whole struct (pair); a field may be in
 * several lists. A packet with a `ctl` header asks (op 1) for an I2E
 * clone keeping list Lists.mirror, or (op 2) for a resubmit keeping list
 * 4 (Lists.loop); each pass or clone reports in an `info` header the
 * metadata it started egress (clone) or ingress (resubmit) with. */
#include <core.p4>
#include <v1model.p4>

enum bit<8> Lists {
    mirror = 3,
    loop = 4
}

header ctl_t {
    bit<8> op;
    bit<8> port;
}

header info_t {
    bit<8>  instance_type;
    bit<16> a;
    bit<16> b;
    bit<8>  x;
    bit<8>  y;
    bit<8>  count;
    bit<8>  none;
}

struct inner_t {
    @field_list(Lists.mirror)
    bit<16> a;
    bit<16> b;
}

struct pair_t {
    bit<8> x;
    bit<8> y;
}

struct meta_t {
    inner_t inner;
    @field_list(Lists.mirror, Lists.loop)
    pair_t pair;
    @field_list(4)
    bit<8> count;
    bit<8> none;
}

struct headers_t {
    ctl_t  ctl;
    info_t info;
}

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ctl);
        transition accept;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control report(inout headers_t hdr, in meta_t meta, in standard_metadata_t sm) {
    apply {
        hdr.info.setValid();
        hdr.info.instance_type = (bit<8>)sm.instance_type;
        hdr.info.a = meta.inner.a;
        hdr.info.b = meta.inner.b;
        hdr.info.x = meta.pair.x;
        hdr.info.y = meta.pair.y;
        hdr.info.count = meta.count;
        hdr.info.none = meta.none;
    }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    report() r;
    apply {
        sm.egress_spec = (bit<9>)hdr.ctl.port;
        r.apply(hdr, meta, sm);
        if (sm.instance_type == 0) {
            meta.inner.a = 0xaaaa;
            meta.inner.b = 0xbbbb;
            meta.pair = {0x11, 0x22};
            meta.count = 0x33;
            meta.none = 0x44;
            if (hdr.ctl.op == 1) {
                clone_preserving_field_list(CloneType.I2E, 5, Lists.mirror);
            } else if (hdr.ctl.op == 2) {
                resubmit_preserving_field_list((bit<8>)Lists.loop);
            }
        }
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    report() r;
    apply {
        if (sm.instance_type == 1) {
            r.apply(hdr, meta, sm);
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ctl);
        pkt.emit(hdr.info);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
