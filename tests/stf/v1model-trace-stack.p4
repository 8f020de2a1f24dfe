/* A hop-by-hop trace in IPv4 options, as the P4 tutorials' MRI exercise
 * does: the parser reads a count and that many 8-byte hop records into a
 * stack; egress pushes one more in front and grows the IPv4 header, whose
 * checksum is recomputed. The deparser moves the headers after the new
 * record; the bytes it saves to move them were unset where clang could
 * not tell they were unused, and it stored a pointer in their place, which
 * the verifier refused (the tutorial's solution did not load). */
#include <core.p4>
#include <v1model.p4>

const bit<5> OPTION_TRACE = 31;
#define HOPS 9

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  tos;
    bit<16> total_len;
    bit<16> id;
    bit<3>  flags;
    bit<13> frag;
    bit<8>  ttl;
    bit<8>  proto;
    bit<16> csum;
    bit<32> src;
    bit<32> dst;
}

header option_t {
    bit<1> copy;
    bit<2> class;
    bit<5> number;
    bit<8> len;
}

header trace_t {
    bit<16> count;
}

header hop_t {
    bit<32> switch_id;
    bit<32> depth;
}

struct headers_t {
    ethernet_t eth;
    ipv4_t ipv4;
    option_t option;
    trace_t trace;
    hop_t[HOPS] hops;
}

struct meta_t {
    bit<16> left;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.ether_type) {
            0x0800: ipv4;
            default: accept;
        }
    }
    state ipv4 {
        pkt.extract(hdr.ipv4);
        verify(hdr.ipv4.ihl >= 5, error.ParserInvalidArgument);
        transition select(hdr.ipv4.ihl) {
            5: accept;
            default: option;
        }
    }
    state option {
        pkt.extract(hdr.option);
        transition select(hdr.option.number) {
            OPTION_TRACE: trace;
            default: accept;
        }
    }
    state trace {
        pkt.extract(hdr.trace);
        m.left = hdr.trace.count;
        transition select(m.left) {
            0: accept;
            default: hop;
        }
    }
    state hop {
        pkt.extract(hdr.hops.next);
        m.left = m.left - 1;
        transition select(m.left) {
            0: accept;
            default: hop;
        }
    }
}

control VC(inout headers_t hdr, inout meta_t m) { apply { } }

control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    action drop() {
        mark_to_drop(sm);
    }
    action forward(bit<48> mac, bit<9> port) {
        sm.egress_spec = port;
        hdr.eth.src = hdr.eth.dst;
        hdr.eth.dst = mac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
    }
    table routes {
        key = { hdr.ipv4.dst : lpm; }
        actions = { forward; drop; NoAction; }
        default_action = drop();
    }
    apply {
        if (hdr.ipv4.isValid())
            routes.apply();
    }
}

control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
    action add_hop(bit<32> id) {
        hdr.trace.count = hdr.trace.count + 1;
        hdr.hops.push_front(1);
        hdr.hops[0].setValid();
        hdr.hops[0].switch_id = id;
        hdr.hops[0].depth = (bit<32>)sm.deq_qdepth;
        hdr.ipv4.ihl = hdr.ipv4.ihl + 2;
        hdr.option.len = hdr.option.len + 8;
        hdr.ipv4.total_len = hdr.ipv4.total_len + 8;
    }
    table hops {
        actions = { add_hop; NoAction; }
        default_action = NoAction();
    }
    apply {
        if (hdr.trace.isValid())
            hops.apply();
    }
}

control CC(inout headers_t hdr, inout meta_t m) {
    apply {
        update_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.tos, hdr.ipv4.total_len,
              hdr.ipv4.id, hdr.ipv4.flags, hdr.ipv4.frag, hdr.ipv4.ttl,
              hdr.ipv4.proto, hdr.ipv4.src, hdr.ipv4.dst },
            hdr.ipv4.csum, HashAlgorithm.csum16);
    }
}

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.ipv4);
        pkt.emit(hdr.option);
        pkt.emit(hdr.trace);
        pkt.emit(hdr.hops);
    }
}

V1Switch(P(), VC(), I(), E(), CC(), D()) main;
