/* Parser loops the verifier could not follow round by round (emit_parser.c,
 * emit_parser_exit and the rounds of a loop that advances a stack): a
 * source route of up to 127 one-byte hops, and up to 16 options of four
 * lengths (a stack of unions). Ingress pops the first hop and sends the
 * packet to the port it names; it writes into the ethernet source how many
 * options the parser found and the sum of their values. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header hop_t {
    bit<1> last;
    bit<7> port;
}

header opt_end_t { bit<8> kind; }
header opt_nop_t { bit<8> kind; }
header opt_pair_t { bit<8> kind; bit<8> value; }
header opt_short_t { bit<8> kind; bit<8> value; bit<16> pad; }
header opt_long_t { bit<8> kind; bit<8> value; bit<48> pad; }

header_union opt_t {
    opt_end_t   end;
    opt_nop_t   nop;
    opt_pair_t  pair;
    opt_short_t short;
    opt_long_t  long;
}

struct headers_t {
    ethernet_t ethernet;
    hop_t[127] hops;
    opt_t[16]  opts;
}

struct meta_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout meta_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x1234: parse_hop;
            0x1235: parse_opt;
            default: accept;
        }
    }
    state parse_hop {
        pkt.extract(hdr.hops.next);
        transition select(hdr.hops.last.last) {
            1: accept;
            default: parse_hop;
        }
    }
    state parse_opt {
        transition select(pkt.lookahead<bit<8>>()) {
            0: parse_end;
            1: parse_nop;
            2: parse_pair;
            3: parse_short;
            4: parse_long;
        }
    }
    state parse_nop {
        pkt.extract(hdr.opts.next.nop);
        transition parse_opt;
    }
    state parse_pair {
        pkt.extract(hdr.opts.next.pair);
        transition parse_opt;
    }
    state parse_end {
        pkt.extract(hdr.opts.next.end);
        transition accept;
    }
    state parse_short {
        pkt.extract(hdr.opts.next.short);
        transition parse_opt;
    }
    state parse_long {
        pkt.extract(hdr.opts.next.long);
        transition parse_opt;
    }
}

control MyVerifyChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.hops[0].isValid()) {
            sm.egress_spec = (bit<9>)hdr.hops[0].port;
            hdr.hops.pop_front(1);
        }
        bit<8> sum = 0;
        bit<8> count = 0;
        for (bit<8> i = 0; i < 16; i = i + 1) {
            if (hdr.opts[i].pair.isValid()) {
                sum = sum + hdr.opts[i].pair.value;
                count = count + 1;
            } else if (hdr.opts[i].short.isValid()) {
                sum = sum + hdr.opts[i].short.value;
                count = count + 1;
            } else if (hdr.opts[i].long.isValid()) {
                sum = sum + hdr.opts[i].long.value;
                count = count + 1;
            } else if (hdr.opts[i].end.isValid() || hdr.opts[i].nop.isValid()) {
                count = count + 1;
            }
        }
        if (count != 0) {
            hdr.ethernet.src[15:8] = count;
            hdr.ethernet.src[7:0] = sum;
        }
    }
}

control MyEgress(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyComputeChecksum(inout headers_t hdr, inout meta_t meta) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.hops);
        pkt.emit(hdr.opts);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(),
         MyDeparser()) main;
