/* Constant folding and dead code: the constant condition keeps one branch,
 * the arithmetic on constants becomes literals wrapped to their widths. */
#include <core.p4>
#include <ebpf_model.p4>

header h_t {
    bit<8> a;
    bit<8> b;
}

struct headers_t {
    h_t h;
}

const bit<8> BASE = 250;
const bool DEBUG = false;

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.h);
        transition accept;
    }
    state unused {
        transition reject;
    }
}

control ctl(inout headers_t hdr, out bool pass) {
    apply {
        hdr.h.a = BASE + 10;
        hdr.h.b = (bit<8>)(16w0x1234 >> 4);
        /* -1 next to a bit<8> is 255 (spec "Implicit casts"): true. */
        if (8w255 == -1) {
            hdr.h.b = hdr.h.b + 1;
        }
        if (DEBUG) {
            hdr.h.a = 0;
        } else {
            pass = hdr.h.a != 3;
        }
        exit;
        pass = false;
    }
}

ebpfFilter(prs(), ctl()) main;
