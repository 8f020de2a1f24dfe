/* Initial (non-const) entries: in the tables from the first packet on,
 * without a control plane, and changeable afterwards. */
#include <core.p4>
#include <xdp_model.p4>
header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
struct headers_t { eth_t eth; }
parser prs(packet_in p, out headers_t hdr) { state start { p.extract(hdr.eth); transition accept; } }
control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action fwd(bit<32> port) { xout.output_action = xdp_action.XDP_REDIRECT; xout.output_port = port; }
    action drop() { xout.output_action = xdp_action.XDP_DROP; }
    table macs { key = { hdr.eth.dst : exact; } actions = { fwd; drop; } default_action = drop();
        entries = { 0x000000000002 : fwd(2); 0x000000000003 : fwd(3); } }
    table types { key = { hdr.eth.type : ternary; } actions = { fwd; drop; } default_action = drop();
        entries = { 0x0800 &&& 0xff00 : fwd(8); } }
    apply { xout.output_action = xdp_action.XDP_PASS; if (!macs.apply().hit) { types.apply(); } }
}
control dep(in headers_t hdr, packet_out p) { apply { p.emit(hdr.eth); } }
xdp(prs(), sw(), dep()) main;
