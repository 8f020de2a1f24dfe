/* PNA extern functions the XDP backend does not implement yet: an error
 * at each call; add_entry outside an add-on-miss table's default action,
 * add-on-miss on a table not of exact keys, and two add-on-miss tables
 * sharing a default action, are errors too; the
 * expiry-timer calls are ignored with a warning (no entry ever expires). */
#include <core.p4>
#include <pna.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

struct headers_t {
    ethernet_t eth;
}

struct meta_t {
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t meta,
         in pna_main_parser_input_metadata_t istd)
{
    state start {
        pkt.extract(hdr.eth);
        transition accept;
    }
}

control Pre(in headers_t hdr, inout meta_t meta, in pna_pre_input_metadata_t istd,
            inout pna_pre_output_metadata_t ostd)
{
    apply { }
}

control C(inout headers_t hdr, inout meta_t meta, in pna_main_input_metadata_t istd,
          inout pna_main_output_metadata_t ostd)
{
    action hit() {
        restart_expire_timer();
        set_entry_expire_time((ExpireTimeProfileId_t)1);
    }
    action learn() {
        add_entry(action_name = "hit", action_params = {}, expire_time_profile_id = (ExpireTimeProfileId_t)1);
    }
    table flows {
        key = { hdr.eth.src: ternary; }
        actions = { hit; @defaultonly learn; }
        add_on_miss = true;
        const default_action = learn;
    }
    table flows2 {
        key = { hdr.eth.dst: exact; }
        actions = { hit; @defaultonly learn; }
        add_on_miss = true;
        const default_action = learn;
    }
    table other {
        key = { hdr.eth.src: exact; }
        actions = { hit; learn; }
    }
    apply {
        flows.apply();
        flows2.apply();
        other.apply();
        mirror_packet((MirrorSlotId_t)0, (MirrorSessionId_t)1);
        hdr.eth.dst = (bit<48>)(FlowIdUint_t)allocate_flow_id();
    }
}

control D(packet_out pkt, in headers_t hdr, in meta_t meta, in pna_main_output_metadata_t ostd)
{
    apply {
        pkt.emit(hdr.eth);
    }
}

PNA_NIC(P(), Pre(), C(), D()) main;
