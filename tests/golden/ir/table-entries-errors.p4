/* Table keys and entries the XDP backend refuses (or warns about):
 * priorities beyond its 32 bits, given or computed (spec "Entry
 * priorities": an error when larger than the maximum supported value), a
 * malformed p4c @priority, @priority where it means nothing, and a key
 * wider than the control plane writes. */
#include <core.p4>
#include <xdp_model.p4>

header h_t {
    bit<16>  t;
    bit<520> huge;
}

struct headers_t {
    h_t h;
}

parser prs(packet_in p, out headers_t hdr) {
    state start {
        p.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action a(bit<8> v) { hdr.h.t[7:0] = v; }

    table given {
        key = { hdr.h.t : ternary; }
        actions = { a; }
        entries = {
            priority=4294967296: 1 : a(1);
        }
    }

    table computed {
        key = { hdr.h.t : ternary; }
        actions = { a; }
        largest_priority_wins = false;
        entries = {
            priority=4294967295: 1 : a(1);
            2 : a(2);
        }
    }

    table annotated {
        key = { hdr.h.t : ternary; }
        actions = { a; }
        const entries = {
            1 : a(1) @priority(-1);
            2 : a(2) @priority(high);
        }
    }

    table ignored {
        key = { hdr.h.t : ternary; }
        actions = { a; }
        entries = {
            1 : a(1) @priority(1);
        }
    }

    table too_wide {
        key = { hdr.h.huge : exact; }
        actions = { a; }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        given.apply();
        computed.apply();
        annotated.apply();
        ignored.apply();
        too_wide.apply();
    }
}

control dep(in headers_t hdr, packet_out p) {
    apply {
        p.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
