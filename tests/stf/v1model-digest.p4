/* v1model's digest: a struct of every kind of field a digest may hold
 * (wide, nested, bool, enums, error, a new type, a negative int), sent
 * from an action and changed after the call (the digest keeps the values
 * at the call); a header and a header that may be invalid; a dropped
 * packet still sends its digests. The STF checks that the packets go on
 * as before; tests/unit/test_digest.c reads the digests. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t { bit<48> dst; bit<48> src; bit<16> type; }
header tag_t { bit<8> kind; bit<128> big; }
struct headers { ethernet_t eth; tag_t tag; }
enum color_t { RED, GREEN }
enum bit<8> ser_t { A = 5, B = 7 }
type bit<16> port_id_t;
struct inner_t { bit<3> x; bool b; }
@name("learn") struct learn_t {
    bit<48> mac;
    bit<9> port;
    bit<128> big;
    inner_t inner;
    color_t c;
    ser_t s;
    error e;
    port_id_t p;
    int<12> neg;
}
struct meta_t { learn_t l; }

parser P(packet_in pk, out headers h, inout meta_t m, inout standard_metadata_t sm) {
    state start {
        pk.extract(h.eth);
        transition select(h.eth.type) { 0x1234: tag; default: accept; }
    }
    state tag { pk.extract(h.tag); transition accept; }
}
control VC(inout headers h, inout meta_t m) { apply { } }
control I(inout headers h, inout meta_t m, inout standard_metadata_t sm) {
    action learn(port_id_t p) {
        m.l.mac = h.eth.src;
        m.l.port = sm.ingress_port;
        m.l.big = h.tag.big;
        m.l.inner.x = 5;
        m.l.inner.b = true;
        m.l.c = color_t.GREEN;
        m.l.s = ser_t.B;
        m.l.e = error.PacketTooShort;
        m.l.p = p;
        m.l.neg = -3;
        digest(1, m.l);
        m.l.mac = 0;
    }
    table learning {
        key = { h.eth.type: exact; }
        actions = { learn; NoAction; }
        const default_action = learn((port_id_t)16w77);
    }
    apply {
        learning.apply();
        if (m.l.mac == 0)
            digest<ethernet_t>(2, h.eth);
        digest<tag_t>(3, h.tag);
        sm.egress_spec = 1;
        if (h.eth.type == 0xdead)
            mark_to_drop(sm);
    }
}
control E(inout headers h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control CC(inout headers h, inout meta_t m) { apply { } }
control D(packet_out pk, in headers h) { apply { pk.emit(h.eth); pk.emit(h.tag); } }
V1Switch(P(), VC(), I(), E(), CC(), D()) main;
