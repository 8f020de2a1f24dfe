/* Which headers are valid changes in the parser, not the control: the
 * parser invalidates a header it extracted. The deparser must then move
 * the headers after it, not leave the frame as parsed
 * (emit_deparser.c validity_unchanged: the setInvalid() sets
 * st->validity_changed). The control changes nothing, and a header the
 * control makes valid on one path only keeps the test at run time. */
#include <core.p4>
#include <xdp_model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

header tag_t {
    bit<8> kind;
    bit<8> value;
}

header pad_t {
    bit<16> bytes;
}

struct headers_t {
    eth_t  eth;
    tag_t  tag;
    pad_t  pad;
    tag_t  tail;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition select(hdr.eth.type) {
            0x88b5: parse_tag;
            0x88b6: parse_pad;
            default: accept;
        }
    }
    state parse_tag {
        p.extract(hdr.tag);
        transition parse_tail;
    }
    /* a pad of 0 bytes is dropped from the frame */
    state parse_pad {
        p.extract(hdr.pad);
        transition select(hdr.pad.bytes) {
            0: drop_pad;
            default: parse_tail;
        }
    }
    state drop_pad {
        hdr.pad.setInvalid();
        transition parse_tail;
    }
    state parse_tail {
        p.extract(hdr.tail);
        transition accept;
    }
}

control ctl(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        /* kind 9: a tag is added in front of the tail */
        if (hdr.tail.isValid() && hdr.tail.kind == 9 && !hdr.tag.isValid()) {
            hdr.tag.setValid();
            hdr.tag.kind = 7;
            hdr.tag.value = hdr.tail.value;
        }
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.eth);
        p.emit(hdr.tag);
        p.emit(hdr.pad);
        p.emit(hdr.tail);
    }
}

xdp(prs(), ctl(), dep()) main;
