#!/usr/bin/env bash
# examples/ipv4_router_cp.c, a control plane written against the C API that
# p4cc generated for examples/ipv4_router.p4 (build/examples/ipv4_router.h):
# it loads the router itself (-l), fills its next-hop and route tables
# through the typed functions, reads entries back, and p4ctl sees the same
# entries; on a pipeline attached to a veth port, UDP packets a host sends
# to a routed prefix come back to it through the router (XDP_REDIRECT out
# of the port they came in by), and stop when the route is changed to a
# blackhole. Exit 77 without root.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$BUILD/p4ctl
CP=$BUILD/examples/ipv4_router_cp
OBJ=$BUILD/examples/ipv4_router.o
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines needs root"
    exit 77
fi
pipe=rtcp-$$ pipe2=rtcp2-$$ ns=p4rt-rtcp-$$
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    "$P4CTL" pipeline unload "$pipe2" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
expect() { # expect WHAT FILE TEXT: FILE must be TEXT
    if [[ $(cat "$2") == "$3" ]]; then passed=$((passed + 1)); echo "ok    $1"; else
        failed=$((failed + 1)); echo "FAIL  $1"; diff <(echo "$3") "$2" | sed 's/^/    /'; fi
}

# ---- loaded by the example itself, filled and read back through prog.h
if ! "$CP" -l "$OBJ" "$pipe2" >"$work/out" 2>&1; then
    if grep -q 'not permitted' "$work/out"; then echo "skipped: $(tail -n 1 "$work/out")"; exit 77; fi
    echo "FAIL  ipv4_router_cp -l"; cat "$work/out"; exit 1
fi
"$CP" "$pipe2" nexthop 1 2 02:00:00:00:01:02 02:00:00:00:02:01 route 10.0.0.0/8 1 \
    route 10.1.2.0/24 blackhole route 192.168.1.1/32 local \
    show 10.0.0.0/8 show 10.1.2.0/24 show 192.168.1.1/32 >"$work/out" 2>&1
echo "exit $?" >>"$work/out"
expect "typed adds, read back with typed gets" "$work/out" \
"10.0.0.0/8 -> next hop 1: port 2, 02:00:00:00:01:02 -> 02:00:00:00:02:01
10.1.2.0/24 -> blackhole
192.168.1.1/32 -> local
exit 0"
"$P4CTL" table dump "$pipe2" >"$work/out" 2>&1
expect "p4ctl reads what the typed API wrote" "$work/out" \
"router_ingress.routes (lpm, 3 of 4096 entries)
  hdr.ipv4.dst_addr  action                      arguments
  10.0.0.0/8         router_ingress.set_nexthop  id=1
  10.1.2.0/24        router_ingress.blackhole
  192.168.1.1        router_ingress.local
  default: router_ingress.to_kernel (the program's)

router_ingress.nexthops (hash, 1 of 256 entries)
  nexthop  action                  arguments
  1        router_ingress.forward  port=2 src_mac=02:00:00:00:01:02 dst_mac=02:00:00:00:02:01
  default: router_ingress.drop (the program's)"
"$CP" "$pipe2" route 10.0.0.0/8 3 nexthop 1 4 02:00:00:00:01:04 02:00:00:00:04:01 \
    unroute 10.1.2.0/24 show 10.0.0.0/8 show 10.1.2.0/24 >"$work/out" 2>&1
echo "exit $?" >>"$work/out"
expect "modify, delete; a get of a missing entry fails" "$work/out" \
"10.0.0.0/8 -> next hop 3 (not configured: dropped)
$CP: 10.1.2.0/24: table 'router_ingress.routes' has no such entry
exit 1"
"$CP" "$pipe2" show 10.0.0.0/16 >"$work/out" 2>&1
echo "exit $?" >>"$work/out"
expect "a get is exact, not a longest-prefix match" "$work/out" \
"$CP: 10.0.0.0/16: table 'router_ingress.routes' has no such entry
exit 1"
"$CP" -l "$OBJ" "$pipe2" >"$work/out" 2>&1
echo "exit $?" >>"$work/out"
expect "loading under a taken name is refused" "$work/out" \
"$CP: $pipe2: a pipeline named '$pipe2' is already loaded
exit 1"

# ---- traffic: a host behind a veth port sends to a routed prefix
if ! ip netns add "$ns" 2>/dev/null || ! ip -n "$ns" link add r0 type veth peer name h0 2>/dev/null
then
    echo "$passed passed, $failed failed (no network namespaces here: traffic not tried)"
    [[ $failed -eq 0 ]]; exit
fi
# No IPv6: its neighbour discovery would be frames on h0 too.
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
    net.ipv6.conf.r0.disable_ipv6=1 net.ipv6.conf.h0.disable_ipv6=1
ip -n "$ns" link set r0 up
ip -n "$ns" link set h0 up
ip -n "$ns" addr add 10.9.0.2/24 dev h0
r0_mac=$(ip -n "$ns" link show r0 | awk '/link\/ether/ {print $2}')
h0_mac=$(ip -n "$ns" link show h0 | awk '/link\/ether/ {print $2}')
ip -n "$ns" neigh add 10.9.0.1 lladdr "$r0_mac" dev h0
ip -n "$ns" route add 172.16.0.0/12 via 10.9.0.1 dev h0
"$P4CTL" -n "$ns" pipeline load "$pipe" "$OBJ" >/dev/null &&
    "$P4CTL" -n "$ns" --xdp-mode generic port add "$pipe" r0 0 >/dev/null ||
    { echo "FAIL  loading the router onto r0"; exit 1; }
"$CP" "$pipe" nexthop 1 0 "$r0_mac" "$h0_mac" route 172.16.0.0/12 1 nexthops >"$work/out" 2>&1
expect "the next hop back to the host" "$work/out" "next hops:
  1: port 0, $r0_mac -> $h0_mac"
# rx: frames h0 has received; send: five UDP packets from h0 to 172.16.5.5.
rx() { ip -n "$ns" -s link show h0 | awk '/RX:/ { getline; print $2; exit }'; }
send() {
    ip netns exec "$ns" bash -c 'for i in 1 2 3 4 5; do echo hi >/dev/udp/172.16.5.5/9; done' \
        2>/dev/null
    sleep 0.3
}
before=$(rx); send; after=$(rx)
echo "$((after - before))" >"$work/out"
expect "five packets to 172.16/12 come back through the router" "$work/out" 5
"$CP" "$pipe" route 172.16.0.0/12 blackhole >"$work/out" 2>&1
before=$(rx); send; after=$(rx)
echo "$((after - before))" >>"$work/out"
expect "none after the route becomes a blackhole" "$work/out" 0

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
