/* A header the parser extracts past 2 KiB (after advances by a run-time
 * amount), which the deparser must move (skipped bytes behind it vanish): the
 * deparser writes no header past 2 KiB, so the packet is dropped
 * (aborted). It used to be clamped to offset 0: the header's bytes read
 * from the packet's start, silently. */
#include <core.p4>
#include <xdp_model.p4>

header tag_t { bit<8> v; }
header ethernet_t { bit<48> dst; bit<48> src; bit<16> ether_type; }
header len_t { bit<16> len; }
header word_t { bit<16> value; }

struct headers_t {
    tag_t      tag;
    ethernet_t eth;
    len_t      len;
    word_t     word;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.len);
        /* Twice: one advance takes at most 1500 bytes. */
        pkt.advance((bit<32>)hdr.len.len * 8);
        pkt.advance((bit<32>)hdr.len.len * 8);
        pkt.extract(hdr.word);
        /* Two bytes after the word vanish too: the word moves. */
        pkt.advance(16);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    apply {
        hdr.tag.setValid();
        hdr.tag.v = 0x7e;
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
    }
}

control dprs(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.tag);
        pkt.emit(hdr.eth);
        pkt.emit(hdr.len);
        pkt.emit(hdr.word);
    }
}

xdp(prs(), sw(), dprs()) main;
