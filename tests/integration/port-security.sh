#!/usr/bin/env bash
# Frames for a P4 port that no interface backs are dropped and counted
# (docs/RUNTIME.md, "Ports"), never sent out of the interface whose
# ifindex equals the port number. examples/l2_switch.p4 in a network
# namespace of the test's own, ports a0 (1) and b0 (2) in generic mode;
# c0 is no port. Frames sent into a0 (from its peer a1):
#   - to a MAC whose entry says port 2: they leave through b0 (b1 gets them);
#   - to a MAC whose entry says port N, N the ifindex of c0: dropped, c1
#     gets nothing, and `pipeline show` counts them;
#   - after b0 is deleted, frames for port 2 are dropped and counted too
#     (none leaves through a0 or c0).
# Then the same for v1model (examples/v1model_router.p4, b0 made again):
# IPv4 packets routed to port 2 leave through b0, those routed to port N
# (c0's ifindex) are dropped and counted.
# Exit 77 without root or network namespaces.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$BUILD/p4ctl
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: attaching XDP programs and creating namespaces needs root"
    exit 77
fi
tag=$$
ns=rel-psec-$tag
pipe=rel-psec-$tag
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null; then
    echo "skipped: cannot create a network namespace here"
    exit 77
fi
for p in a b c; do
    if ! ip -n "$ns" link add "${p}0" type veth peer name "${p}1" 2>/dev/null; then
        echo "skipped: cannot create veth pairs here"
        exit 77
    fi
    ip -n "$ns" link set "${p}0" up
    ip -n "$ns" link set "${p}1" up
done
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
p4ctl() { "$P4CTL" -n "$ns" "$@"; }
mac() { printf '02:00:00:00:00:%02x' "$1"; }
# rx DEV...: packets the DEVs have received.
rx() {
    local dev n=0
    for dev; do n=$((n + $(ip netns exec "$ns" cat "/sys/class/net/$dev/statistics/rx_packets"))); done
    echo "$n"
}
# send N DST: N frames to MAC DST into a0 (from a1).
send() {
    ip netns exec "$ns" python3 - "$1" "$2" <<'PY'
import socket, sys
count, dst = int(sys.argv[1]), bytes.fromhex(sys.argv[2].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("a1", 0))
for _ in range(count):
    s.send(dst + bytes.fromhex("020000000099") + b"\x88\xb5" + bytes(46))
PY
}
# delivered N DST DEV...: how many of N frames to DST the DEVs received.
delivered() {
    local count=$1 dst=$2 before
    shift 2
    before=$(rx "$@")
    send "$count" "$dst"
    sleep 0.2
    echo $(($(rx "$@") - before))
}
dropped() { p4ctl --json pipeline show "$pipe" | sed -n 's/.*"no_device_drops": \([0-9]*\).*/\1/p'; }

if ! "$BUILD/p4cc" -o "$work/l2.o" examples/l2_switch.p4 2>"$work/err"; then
    echo "FAIL  compiling examples/l2_switch.p4:"
    cat "$work/err"
    exit 1
fi
if ! p4ctl pipeline load "$pipe" "$work/l2.o" >"$work/out" 2>&1; then
    if grep -q 'not permitted' "$work/out"; then
        echo "skipped: $(tail -n 1 "$work/out")"
        exit 77
    fi
    echo "FAIL  pipeline load:"
    cat "$work/out"
    exit 1
fi
c0=$(ip netns exec "$ns" cat /sys/class/net/c0/ifindex)
p4ctl --xdp-mode generic port add "$pipe" a0 1 >/dev/null &&
    p4ctl --xdp-mode generic port add "$pipe" b0 2 >/dev/null &&
    p4ctl table add "$pipe" mac_table "dst_addr=$(mac 2)" action=forward port=2 &&
    p4ctl table add "$pipe" mac_table "dst_addr=$(mac 3)" action=forward port="$c0" ||
    { echo "FAIL  setting the pipeline up"; exit 1; }

n=$(delivered 5 "$(mac 2)" b1)
[[ $n -ge 5 ]] && ok "frames for port 2 leave through b0" || bad "port 2: b1 got $n of 5"
n=$(delivered 5 "$(mac 3)" c1)
[[ $n == 0 ]] && ok "frames for port $c0 (no port; ifindex of c0) do not leave through c0" ||
    bad "port $c0: c1 got $n of 5 frames meant for a port no interface backs"
[[ $(dropped) == 5 ]] && ok "pipeline show counts the 5 frames dropped" ||
    bad "frames dropped for a port without a device: '$(dropped)', wanted 5"
p4ctl pipeline show "$pipe" | grep -q "5 packets dropped: their port has no interface" &&
    ok "pipeline show says so" || { bad "pipeline show:"; p4ctl pipeline show "$pipe"; }

ip -n "$ns" link del b0
n=$(delivered 5 "$(mac 2)" a1 c1)
[[ $n == 0 && $(dropped) == 10 ]] && ok "after b0 is deleted, frames for port 2 are dropped" ||
    bad "port 2 after b0 was deleted: c1 got $n, dropped '$(dropped)' (wanted 10)"

# ---------------------------------------------------------------- v1model
p4ctl pipeline unload "$pipe" >/dev/null
ip -n "$ns" link add b0 type veth peer name b1 2>/dev/null
ip -n "$ns" link set b0 up
ip -n "$ns" link set b1 up
# send_ip N DST: N IPv4 packets (TTL 64, a correct checksum) to address DST
# into a0 (from a1).
send_ip() {
    ip netns exec "$ns" python3 - "$1" "$2" <<'PY'
import socket, struct, sys
count, dst = int(sys.argv[1]), socket.inet_aton(sys.argv[2])
h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 26, 0, 0, 64, 17, 0, socket.inet_aton("10.0.1.9"), dst)
c = sum(struct.unpack("!10H", h))
c = (c & 0xffff) + (c >> 16)
c = (c & 0xffff) + (c >> 16)
h = h[:10] + struct.pack("!H", ~c & 0xffff) + h[12:]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("a1", 0))
for _ in range(count):
    s.send(bytes.fromhex("020000000001020000000099") + b"\x08\x00" + h + bytes(26))
PY
}
delivered_ip() {
    local count=$1 dst=$2 before
    shift 2
    before=$(rx "$@")
    send_ip "$count" "$dst"
    sleep 0.2
    echo $(($(rx "$@") - before))
}
if ! "$BUILD/p4cc" -o "$work/router.o" examples/v1model_router.p4 2>"$work/err"; then
    echo "FAIL  compiling examples/v1model_router.p4:"
    cat "$work/err"
    exit 1
fi
p4ctl pipeline load "$pipe" "$work/router.o" >/dev/null &&
    p4ctl --xdp-mode generic port add "$pipe" a0 1 >/dev/null &&
    p4ctl --xdp-mode generic port add "$pipe" b0 2 >/dev/null &&
    p4ctl table add "$pipe" routes hdr.ipv4.dst_addr=10.0.2.0/24 action=set_nexthop id=2 &&
    p4ctl table add "$pipe" routes hdr.ipv4.dst_addr=10.0.3.0/24 action=set_nexthop id=3 &&
    p4ctl table add "$pipe" nexthops meta.nexthop=2 action=forward port=2 \
        src_mac="$(mac 1)" dst_mac="$(mac 2)" &&
    p4ctl table add "$pipe" nexthops meta.nexthop=3 action=forward port="$c0" \
        src_mac="$(mac 1)" dst_mac="$(mac 3)" ||
    { echo "FAIL  setting the v1model pipeline up"; exit 1; }
n=$(delivered_ip 5 10.0.2.1 b1)
[[ $n -ge 5 ]] && ok "v1model: packets routed to port 2 leave through b0" ||
    bad "v1model port 2: b1 got $n of 5"
n=$(delivered_ip 5 10.0.3.1 c1)
[[ $n == 0 && $(dropped) == 5 ]] &&
    ok "v1model: packets routed to port $c0 (no port) are dropped and counted" ||
    bad "v1model port $c0: c1 got $n of 5, dropped '$(dropped)' (wanted 5)"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
