/* Generic structs and headers (spec "Generic data types"): each
 * specialization the program uses is one C struct, named after its type
 * arguments; a specialized header is extracted, a specialized struct is a
 * local and a function parameter (through a generic function). */
#include <core.p4>
#include <ebpf_model.p4>

header pair_h<T> {
    T first;
    T second;
}

struct box<T> {
    T value;
    bool set;
}

struct headers_t {
    pair_h<bit<8>>  p8;
    pair_h<bit<16>> p16;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.p8);
        p.extract(hdr.p16);
        transition accept;
    }
}

T unbox<T>(in box<T> b, in T otherwise) {
    if (b.set) {
        return b.value;
    }
    return otherwise;
}

control ctl(inout headers_t hdr, out bool pass) {
    apply {
        box<bit<16>> b16 = { hdr.p16.first, hdr.p8.first == 1 };
        box<pair_h<bit<8>>> bp = { hdr.p8, true };
        pair_h<bit<8>> got = unbox(bp, hdr.p8);
        /* pass when p16.second equals p16.first (if p8.first is 1) or 7. */
        pass = unbox(b16, 16w7) == hdr.p16.second && got.second == hdr.p8.second;
    }
}

ebpfFilter(prs(), ctl()) main;
