// A program that declares its own ebpfFilter package, with fewer blocks than
// ebpf_model.p4's: lowering must say so, not fail in silence.
#include <core.p4>

parser parse<H>(packet_in packet, out H headers);
package ebpfFilter<H>(parse<H> prs);

header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers_t { eth_t eth; }

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.eth);
        transition accept;
    }
}

ebpfFilter(prs()) main;
