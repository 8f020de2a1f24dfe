/* Table keys whose control-plane names have spaces: `hdr.h.b & 0x0f`,
 * named by its text as p4c names it (frontend/key_name.c), and an
 * expression p4c asks a @name for, given one with spaces; the packet test
 * fills the table by those names (STF `add` reads a key name up to the
 * word with its ':'). Also division and modulo by values known only at
 * run time (BPF's unsigned div and mod), a divisor of 0 giving 0 and the
 * dividend. */
#include <core.p4>
#include <v1model.p4>

header h_t {
    bit<8> a;
    bit<8> b;
    bit<8> res;
    bit<8> quot;
    bit<8> rem;
}

struct H {
    h_t h;
}

struct M { }

parser P(packet_in pkt, out H hdr, inout M m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.h);
        transition accept;
    }
}

control VC(inout H hdr, inout M m) { apply { } }

control I(inout H hdr, inout M m, inout standard_metadata_t sm) {
    action set(bit<8> v) {
        hdr.h.res = v;
    }
    action nop() { }
    table sums {
        key = {
            hdr.h.a + hdr.h.b : exact @name("a + b");
            hdr.h.b & 0x0f : ternary;
        }
        actions = { set; nop; }
        default_action = nop();
    }
    apply {
        sm.egress_spec = 1;
        sums.apply();
        hdr.h.quot = hdr.h.a / hdr.h.b;
        hdr.h.rem = hdr.h.a % hdr.h.b;
    }
}

control E(inout H hdr, inout M m, inout standard_metadata_t sm) { apply { } }
control CC(inout H hdr, inout M m) { apply { } }

control D(packet_out pkt, in H hdr) {
    apply {
        pkt.emit(hdr.h);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
