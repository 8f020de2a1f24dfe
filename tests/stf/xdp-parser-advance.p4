/* Parser features beyond extract and select, for xdp_model.p4: advance by a
 * constant and by a run-time amount (the skipped bytes are not emitted, so
 * they vanish from the packet), lookahead of a whole bit<16> and of a field
 * of a header type, and a value set that the test leaves empty (only the
 * default path can be taken). A one-byte tag in front of the output records
 * the states taken, as in xdp-parser-select. */
#include <core.p4>
#include <xdp_model.p4>

header tag_t {
    bit<8> path;
}

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header len_t {
    bit<8> len;          /* bytes to skip after this header */
}

header word_t {
    bit<16> value;
}

header option_t {
    bit<4>  kind;
    bit<4>  flags;
    bit<16> value;
}

struct meta_t {
    bit<8> path;
}

struct headers_t {
    tag_t      tag;
    ethernet_t eth;
    len_t      len;
    option_t   opt;
    word_t     word;
    meta_t     meta;
}

parser prs(packet_in pkt, out headers_t hdr) {
    value_set<bit<16>>(4) special_types;

    state start {
        pkt.extract(hdr.eth);
        hdr.meta.path = 0x01;
        transition select(hdr.eth.ether_type) {
            special_types: in_set;
            0x0001: skip_const;
            0x0002: skip_runtime;
            0x0003: peek_word;
            0x0004: peek_option;
            default: accept;
        }
    }

    state in_set {
        hdr.meta.path = 0xff;
        transition accept;
    }

    /* Skip 4 bytes, then take a word. */
    state skip_const {
        pkt.advance(32);
        hdr.meta.path = hdr.meta.path | 0x02;
        transition take_word;
    }

    /* Skip as many bytes as the length byte says. */
    state skip_runtime {
        pkt.extract(hdr.len);
        pkt.advance((bit<32>)hdr.len.len * 8);
        hdr.meta.path = hdr.meta.path | 0x04;
        transition take_word;
    }

    /* Look at the next 16 bits without consuming them. */
    state peek_word {
        transition select(pkt.lookahead<bit<16>>()) {
            0xbeef: peeked_beef;
            default: take_word;
        }
    }

    state peeked_beef {
        hdr.meta.path = hdr.meta.path | 0x08;
        transition take_word;
    }

    /* Look at one field of the next header (kind, its first four bits). */
    state peek_option {
        transition select(pkt.lookahead<option_t>().kind) {
            0x5: take_option;
            default: accept;
        }
    }

    state take_option {
        hdr.meta.path = hdr.meta.path | 0x10;
        pkt.extract(hdr.opt);
        transition accept;
    }

    state take_word {
        pkt.extract(hdr.word);
        hdr.meta.path = hdr.meta.path | 0x20;
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.tag.setValid();
        hdr.tag.path = hdr.meta.path;
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.tag);
        pkt.emit(hdr.eth);
        pkt.emit(hdr.len);
        pkt.emit(hdr.opt);
        pkt.emit(hdr.word);
    }
}

xdp(prs(), sw(), dep()) main;
