/* CounterArray in an ebpfFilter program: a dense counter (an array map)
 * incremented per packet, and a sparse one (a hash map) to which add()
 * adds an amount read from the packet. Dropped packets are counted too. */
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8>  idx;
    bit<16> key;
    bit<8>  amount;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control flt(inout headers_t hdr, out bool accept) {
    CounterArray(8, false) per_idx;
    CounterArray(1024, true) per_key;

    apply {
        per_idx.increment((bit<32>)hdr.h.idx);
        per_key.add((bit<32>)hdr.h.key, (bit<32>)hdr.h.amount);
        accept = hdr.h.idx != 7;
    }
}

ebpfFilter(prs(), flt()) main;
