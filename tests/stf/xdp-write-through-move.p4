/* Fields assigned straight into the packet (emit_deparser.c,
 * plan_write_through) when headers also move: a header assigned and then
 * removed leaves no trace (the packet start moves past its bytes); a header
 * assigned before another is pushed in front of it moves with its new
 * value; a header assigned and kept, behind a removed one, moves too. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<4>  op;
    bit<12> id;
    bit<16> type;
}

header new_t {
    bit<16> magic;
}

struct headers_t {
    eth_t eth;
    new_t pushed;
    tag_t tag;
}

parser mv_parser(packet_in packet, out headers_t h) {
    state start {
        packet.extract(h.eth);
        transition select(h.eth.type) {
            0x8100: parse_tag;
            default: accept;
        }
    }

    state parse_tag {
        packet.extract(h.tag);
        transition accept;
    }
}

control mv_ingress(inout headers_t h, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!h.tag.isValid())
            return;
        if (h.tag.op == 1) {
            /* Assigned, then removed: eth takes the tag's type. */
            h.tag.id = 0xfff;
            h.eth.type = h.tag.type;
            h.tag.setInvalid();
        } else if (h.tag.op == 2) {
            /* Assigned, then a header pushed in front of it. */
            h.tag.id = h.tag.id + 1;
            h.eth.src = 0x020000000002;
            h.pushed.setValid();
            h.pushed.magic = 0xbeef;
        }
    }
}

control mv_deparser(in headers_t h, packet_out packet) {
    apply {
        packet.emit(h.eth);
        packet.emit(h.pushed);
        packet.emit(h.tag);
    }
}

xdp(mv_parser(), mv_ingress(), mv_deparser()) main;
