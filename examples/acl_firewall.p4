/* An IPv4 firewall over the 5-tuple for the xdp_model.p4 architecture.
 *
 * Two stages:
 *  1. `fixed_rules`, compiled into the program (const entries, the first
 *     listed match wins): infrastructure policy with port ranges that the
 *     control plane cannot change. DHCP passes; TCP/UDP to or from port 0
 *     and to the NetBIOS/SMB ports are dropped. Packets no fixed rule
 *     matches go on to stage 2.
 *  2. `acl`, filled by the control plane: ternary source and destination
 *     addresses (prefixes or any masks), an optional protocol, source and
 *     destination port ranges, and entry priorities (the largest matching
 *     priority wins). No match: denied (default deny).
 *
 * Every rule carries a rule number; `rule_hits` counts packets per rule
 * number, with the default deny counted as rule 0. Permitted packets go to
 * the kernel stack (XDP_PASS), denied ones are dropped. Frames that are not
 * IPv4 (ARP, ...) are outside this firewall's scope and pass. Ports are
 * taken from TCP and UDP headers of first fragments; for other packets
 * (ICMP, later fragments) they are 0 and stage 1 is skipped. */
#include <core.p4>
#include <xdp_model.p4>

typedef bit<32> ipv4_addr_t;
typedef bit<16> rule_t;

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4>      version;
    bit<4>      ihl;
    bit<8>      diffserv;
    bit<16>     total_len;
    bit<16>     identification;
    bit<3>      flags;
    bit<13>     frag_offset;
    bit<8>      ttl;
    bit<8>      protocol;
    bit<16>     hdr_checksum;
    ipv4_addr_t src_addr;
    ipv4_addr_t dst_addr;
}

/* The first four bytes of TCP and UDP headers alike. */
header l4_ports_t {
    bit<16> src_port;
    bit<16> dst_port;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    l4_ports_t ports;
}

const bit<16> ETHERTYPE_IPV4 = 0x0800;
const bit<8>  PROTO_TCP = 6;
const bit<8>  PROTO_UDP = 17;

parser fw_parser(packet_in packet, out headers_t hdr) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4 && hdr.ipv4.ihl == 5, error.NoMatch);
        /* Only the first fragment holds the TCP/UDP header. */
        transition select(hdr.ipv4.frag_offset, hdr.ipv4.protocol) {
            (0, PROTO_TCP): parse_ports;
            (0, PROTO_UDP): parse_ports;
            default: accept;
        }
    }

    state parse_ports {
        packet.extract(hdr.ports);
        transition accept;
    }
}

control fw_ingress(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    CounterArray(32w1024, false) rule_hits;

    bit<16> src_port = 0;
    bit<16> dst_port = 0;

    action permit(rule_t rule) {
        xout.output_action = xdp_action.XDP_PASS;
        rule_hits.increment((bit<32>)rule);
    }

    action deny(rule_t rule) {
        xout.output_action = xdp_action.XDP_DROP;
        rule_hits.increment((bit<32>)rule);
    }

    /* Rule numbers 1-9 belong to the fixed rules. */
    table fixed_rules {
        key = {
            hdr.ipv4.protocol : exact;
            src_port          : range;
            dst_port          : range;
        }
        actions = { permit; deny; NoAction; }
        const entries = {
            (PROTO_UDP, 67 .. 68, 67 .. 68) : permit(1);    // DHCP
            (PROTO_TCP, 0 .. 0, _)          : deny(2);      // port 0 is invalid
            (PROTO_TCP, _, 0 .. 0)          : deny(2);
            (PROTO_UDP, 0 .. 0, _)          : deny(2);
            (PROTO_UDP, _, 0 .. 0)          : deny(2);
            (PROTO_TCP, _, 135 .. 139)      : deny(3);      // NetBIOS
            (PROTO_UDP, _, 135 .. 139)      : deny(3);
            (PROTO_TCP, _, 445 .. 445)      : deny(3);      // SMB
        }
        default_action = NoAction();
    }

    table acl {
        key = {
            hdr.ipv4.src_addr : ternary;
            hdr.ipv4.dst_addr : ternary;
            hdr.ipv4.protocol : optional;
            src_port          : range;
            dst_port          : range;
        }
        actions = { permit; deny; }
        default_action = deny(0);
        size = 1024;
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        if (!hdr.ipv4.isValid()) {
            return;
        }
        if (hdr.ports.isValid()) {
            src_port = hdr.ports.src_port;
            dst_port = hdr.ports.dst_port;
            if (fixed_rules.apply().hit) {
                return;
            }
        }
        acl.apply();
    }
}

control fw_deparser(in headers_t hdr, packet_out packet) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.ports);
    }
}

xdp(fw_parser(), fw_ingress(), fw_deparser()) main;
