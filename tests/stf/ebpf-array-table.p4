/* A table stored as an eBPF array (implementation = array_table(8)) in an
 * ebpfFilter program: the single exact key is the index; empty slots and
 * indexes past the size miss and run the default action, which the test
 * also changes with setdefault. A hash_table(…) table next to it. */
#include <core.p4>
#include <ebpf_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<8> idx;
    bit<8> val;
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
    action allow() { accept = true; }
    action deny() { accept = false; }
    action at_most(bit<8> limit) { accept = hdr.h.val <= limit; }

    table by_idx {
        key = { hdr.h.idx : exact; }
        actions = { allow; deny; at_most; }
        default_action = deny();
        implementation = array_table(8);
    }

    table by_src {
        key = { hdr.eth.src : exact; }
        actions = { deny; NoAction; }
        default_action = NoAction();
        implementation = hash_table(16);
    }

    apply {
        accept = false;
        by_idx.apply();
        by_src.apply();
    }
}

ebpfFilter(prs(), flt()) main;
