/* v1model resubmit and recirculate: a packet carrying a `ctl` header is
 * resubmitted (op 1) or recirculated (op 2) until field list 1's counter
 * reaches ctl.limit, then leaves by port 1 with what its last pass saw:
 * the instance type, the counter (kept from pass to pass), a metadata
 * field not in the list (0 on a later pass) and the mark, which ingress
 * writes into the packet before a resubmit (dropped: a resubmitted packet
 * is the one that came in) and egress before a recirculation (kept: a
 * recirculated packet is the one the deparser emitted). Op 3 resubmits
 * forever: the packet is dropped after the kernel's 33 tail calls. */
#include <core.p4>
#include <v1model.p4>

header ctl_t {
    bit<8>  op;
    bit<8>  limit;
    bit<8>  passes;
    bit<8>  other;
    bit<8>  mark;
    bit<8>  instance_type;
    bit<16> length;
}

struct meta_t {
    @field_list(1)
    bit<8> passes;
    bit<8> other;
}

struct headers_t {
    ctl_t ctl;
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

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        hdr.ctl.instance_type = (bit<8>)sm.instance_type;
        hdr.ctl.length = (bit<16>)sm.packet_length;
        hdr.ctl.other = meta.other;
        meta.other = 0x55;
        if (hdr.ctl.op == 3) {
            resubmit_preserving_field_list(1);
        } else if (hdr.ctl.op == 1 && meta.passes < hdr.ctl.limit) {
            meta.passes = meta.passes + 1;
            hdr.ctl.mark = 0xff;
            resubmit_preserving_field_list(1);
        }
        hdr.ctl.passes = meta.passes;
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (hdr.ctl.op == 2 && meta.passes < hdr.ctl.limit) {
            meta.passes = meta.passes + 1;
            hdr.ctl.mark = hdr.ctl.mark + 1;
            recirculate_preserving_field_list(1);
        }
    }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ctl);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
