/* Keys wider than 64 bits in every match kind, as const entries compiled
 * into code and as entries the control plane adds. Each table writes its
 * own output byte of the packet (0: it missed, or its default ran).
 *
 *   t_exact_c  exact bit<128>, const entries (with a narrow key beside it)
 *   t_lpm_c    lpm bit<128>, const entries listed shortest prefix first:
 *              the longest matching prefix wins all the same
 *   t_tern_c   ternary bit<128>, const entries: the first match wins
 *   t_range_c  range bit<72>, const entries
 *   t_opt_c    optional bit<128> and exact bit<8>, const entries
 *   t_tern     ternary bit<128> and exact bit<8>, entries from the control
 *              plane, priorities deciding between overlapping ones
 *   t_range    range bit<72>, from the control plane (ranges that are no
 *              power-of-two block, and one that is)
 *   t_opt      optional bit<128>, from the control plane
 *   t_init     ternary bit<128>, initial entries (not const): the program
 *              installs them, the first listed winning
 *   t_lpm_init lpm bit<128> first in the key, then exact bit<8>, initial
 *              entries: the program installs them in the trie */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header k_t {
    bit<8>   sel;
    bit<128> w;
    bit<72>  r;
    bit<8>   o1;
    bit<8>   o2;
    bit<8>   o3;
    bit<8>   o4;
    bit<8>   o5;
    bit<8>   o6;
    bit<8>   o7;
    bit<8>   o8;
    bit<8>   o9;
    bit<8>   o10;
}

struct headers_t {
    ethernet_t eth;
    k_t        k;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.k);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set1(bit<8> v) { hdr.k.o1 = v; }
    action set2(bit<8> v) { hdr.k.o2 = v; }
    action set3(bit<8> v) { hdr.k.o3 = v; }
    action set4(bit<8> v) { hdr.k.o4 = v; }
    action set5(bit<8> v) { hdr.k.o5 = v; }
    action set6(bit<8> v) { hdr.k.o6 = v; }
    action set7(bit<8> v) { hdr.k.o7 = v; }
    action set8(bit<8> v) { hdr.k.o8 = v; }
    action set9(bit<8> v) { hdr.k.o9 = v; }
    action set10(bit<8> v) { hdr.k.o10 = v; }

    table t_exact_c {
        key = { hdr.k.w : exact; hdr.k.sel : exact; }
        actions = { set1; NoAction; }
        const entries = {
            (0x20010db8000000000000000000000001, 1) : set1(1);
            (0x20010db8000000000000000000000002, 1) : set1(2);
            (0xfe800000000000000000000000000001, 2) : set1(3);
        }
        default_action = NoAction;
    }

    table t_lpm_c {
        key = { hdr.k.w : lpm; }
        actions = { set2; }
        const entries = {
            _ : set2(1);
            0x20010db8000000000000000000000000 &&& 0xffffffff000000000000000000000000 : set2(2);
            0x20010db8000100000000000000000000 &&& 0xffffffffffff00000000000000000000 : set2(3);
            0x20010db8000100000000000000000009 : set2(4);
        }
        default_action = set2(0xee);
    }

    table t_tern_c {
        key = { hdr.k.w : ternary; }
        actions = { set3; }
        const entries = {
            0x00000000000000000000000000000001 &&& 0x000000000000000000000000000000ff : set3(1);
            0x20010db8000000000000000000000000 &&& 0xffffffff000000000000000000000000 : set3(2);
            _ : set3(3);
        }
        default_action = set3(0xee);
    }

    table t_range_c {
        key = { hdr.k.r : range; }
        actions = { set4; }
        const entries = {
            0x010000000000000000 .. 0x01ffffffffffffffff : set4(1);
            0x000000000000000100 .. 0x0000000000000001ff : set4(2);
            0xff0000000000000000 : set4(3);
        }
        default_action = set4(0xee);
    }

    table t_opt_c {
        key = { hdr.k.w : optional; hdr.k.sel : exact; }
        actions = { set5; }
        const entries = {
            (0x20010db8000000000000000000000001, 3) : set5(1);
            (_, 3) : set5(2);
        }
        default_action = set5(0xee);
    }

    table t_tern {
        key = { hdr.k.w : ternary; hdr.k.sel : exact; }
        actions = { set6; }
        default_action = set6(0xee);
    }

    table t_range {
        key = { hdr.k.r : range; }
        actions = { set7; }
        default_action = set7(0xee);
    }

    table t_opt {
        key = { hdr.k.w : optional; }
        actions = { set8; }
        default_action = set8(0xee);
    }

    table t_init {
        key = { hdr.k.w : ternary; }
        actions = { set9; }
        entries = {
            0x20010db8000000000000000000000001 : set9(1);
            0x20010db8000000000000000000000000 &&& 0xffffffff000000000000000000000000 : set9(2);
        }
        default_action = set9(0xee);
    }

    table t_lpm_init {
        key = { hdr.k.w : lpm; hdr.k.sel : exact; }
        actions = { set10; }
        entries = {
            (0x20010db8000000000000000000000000 &&& 0xffffffff000000000000000000000000, 1) : set10(1);
            (0x20010db8000100000000000000000000 &&& 0xffffffffffff00000000000000000000, 3) : set10(2);
            (0x20010db8000100000000000000000009, 1) : set10(3);
        }
        default_action = set10(0xee);
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        t_exact_c.apply();
        t_lpm_c.apply();
        t_tern_c.apply();
        t_range_c.apply();
        t_opt_c.apply();
        t_tern.apply();
        t_range.apply();
        t_opt.apply();
        t_init.apply();
        t_lpm_init.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.k);
    }
}

xdp(prs(), sw(), dep()) main;
