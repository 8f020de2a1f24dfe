/* A Register in the ebpfFilter architecture (ebpf_model.p4): a packet is
 * accepted only when its first byte differs from the previous packet's,
 * and an initial value makes the very first packet with byte 0x2a look
 * like a repeat. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t {
    bit<8> a;
}

struct headers_t {
    h_t h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.h);
        transition accept;
    }
}

control flt(inout headers_t hdr, out bool accept) {
    Register<bit<8>, bit<32>>(1, 0x2a) previous;

    apply {
        accept = previous.read(0) != hdr.h.a;
        previous.write(0, hdr.h.a);
    }
}

ebpfFilter(prs(), flt()) main;
