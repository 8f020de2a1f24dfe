/* Parser primitives given sizes that are not whole bytes: extract of a
 * varbit header and advance fail with error.ParserInvalidArgument (the
 * spec's optional check, which BMv2 makes); a varbit size past the
 * field's width is error.HeaderTooShort. Ingress writes the parser's error
 * into the packet (corpus test-parserinvalidargument-error-bmv2), and
 * whether the varbit header is valid: an extract that fails leaves it
 * invalid (corpus issue1025-bmv2: it was valid, and emitted). */
#include <core.p4>
#include <v1model.p4>

header eth_t {
    bit<48> dst;
    bit<48> src;
    bit<8>  kind;
    bit<8>  size;
}

header var_t {
    varbit<16> v;
}

struct headers_t {
    eth_t eth;
    var_t var;
}

struct metadata_t { }

parser MyParser(packet_in pkt, out headers_t hdr, inout metadata_t meta,
                inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.eth);
        transition select(hdr.eth.kind) {
            1: skip;
            default: var;
        }
    }
    state var {
        pkt.extract(hdr.var, (bit<32>)hdr.eth.size);
        transition accept;
    }
    state skip {
        pkt.advance((bit<32>)hdr.eth.size);
        transition accept;
    }
}

control NoCheck(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MyIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply {
        sm.egress_spec = 1;
        if (hdr.var.isValid())
            hdr.eth.dst[15:8] = 0xaa;   /* a failed extract leaves it invalid */
        if (sm.parser_error == error.NoError)
            hdr.eth.dst[7:0] = 0;
        else if (sm.parser_error == error.PacketTooShort)
            hdr.eth.dst[7:0] = 1;
        else if (sm.parser_error == error.HeaderTooShort)
            hdr.eth.dst[7:0] = 4;
        else if (sm.parser_error == error.ParserInvalidArgument)
            hdr.eth.dst[7:0] = 6;
        else
            hdr.eth.dst[7:0] = 0xff;
    }
}

control MyEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t sm) {
    apply { }
}

control MyDeparser(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.var);
    }
}

V1Switch(MyParser(), NoCheck(), MyIngress(), MyEgress(), NoCheck(), MyDeparser()) main;
