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

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
