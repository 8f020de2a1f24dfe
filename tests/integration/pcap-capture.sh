#!/usr/bin/env bash
# p4ctl capture on a switch: examples/l2_switch.p4 between three hosts in
# network namespaces (as tests/integration/l2-switch-netns.sh builds them),
# its ports attached in native, then generic mode. While the hosts ping
# each other, and tcpdump on each host's interface records what it sent
# and received:
#   - `--direction in` holds every frame the hosts sent, byte for byte
#     (tcpdump on the switch's ports sees none: XDP acts before it);
#   - `--direction out` holds every frame the hosts received;
#   - `--port 2` (both directions) holds what h2 sent and received;
#   - `-c N` stops by itself after N packets; -v names each packet's
#     direction and port;
#   - tcpdump -r reads every file p4ctl wrote;
#   - a replace of the pipeline ends a capture, keeping its file;
#   - a second capture while one runs, a port the pipeline does not have,
#     a program without capture hooks and a file that cannot be written are
#     refused with a message and nothing written.
# Exit 77 without root, network namespaces, ping, tcpdump, python3 or clang.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
P4CC=$(dirname "$P4CTL")/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
BPF_CLANG=${BPF_CLANG:-clang}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: building network namespaces and attaching XDP programs needs root"
    exit 77
fi
for tool in ping tcpdump python3 "$BPF_CLANG"; do
    if ! command -v "$tool" >/dev/null; then
        echo "skipped: '$tool' is not installed (scripts/install-deps installs it)"
        exit 77
    fi
done

tag=$$
sw=pcap-sw-$tag
hosts=(pcap-h1-$tag pcap-h2-$tag pcap-h3-$tag)
pipe=pcap-l2-$tag
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    "$P4CTL" -n "$sw" pipeline unload "$pipe" >/dev/null 2>&1
    "$P4CTL" -n "$sw" pipeline unload "$pipe-fixture" >/dev/null 2>&1
    for ns in "$sw" "${hosts[@]}"; do ip netns del "$ns" 2>/dev/null; done
    [[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
p4ctl() { "$P4CTL" -n "$sw" "$@"; }
mac() { printf '02:00:00:00:00:%02x' "$1"; }
ip_of() { echo "10.78.0.$1"; }

cat >"$work/pass.c" <<'EOF'
#include <linux/bpf.h>
__attribute__((section("xdp"), used)) int xdp_pass(struct xdp_md *ctx)
{
    (void)ctx;
    return XDP_PASS;
}
__attribute__((section("license"), used)) char _license[] = "GPL";
EOF
multiarch=$("$BPF_CLANG" -print-multiarch 2>/dev/null)
if ! "$BPF_CLANG" -target bpf -O2 ${multiarch:+-I/usr/include/$multiarch} -c "$work/pass.c" \
    -o "$work/pass.o" 2>"$work/out"; then
    echo "skipped: clang cannot build a BPF object here: $(head -n 1 "$work/out")"
    exit 77
fi
if ! "$P4CC" --capture examples/l2_switch.p4 -o "$work/l2_switch.o" 2>"$work/out"; then
    echo "FAIL  p4cc examples/l2_switch.p4"; cat "$work/out"; exit 1
fi

build_net() {
    local i j
    ip netns add "$sw" || return 1
    for i in 1 2 3; do
        local h=${hosts[$i - 1]}
        ip netns add "$h" || return 1
        ip -n "$sw" link add "sw$i" type veth peer name eth0 netns "$h" || return 1
        ip netns exec "$h" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip -n "$h" link set eth0 address "$(mac "$i")"
        ip -n "$h" addr add "$(ip_of "$i")/24" dev eth0
        ip -n "$h" link set lo up
        ip -n "$h" link set eth0 up
        ip -n "$sw" link set "sw$i" up
    done
    for i in 1 2 3; do
        for j in 1 2 3; do
            [[ $i == "$j" ]] && continue
            ip -n "${hosts[$i - 1]}" neigh replace "$(ip_of "$j")" lladdr "$(mac "$j")" \
                dev eth0 nud permanent
        done
    done
}
if ! build_net 2>"$work/out"; then
    echo "skipped: cannot create network namespaces and veth pairs here: $(head -n 1 "$work/out")"
    exit 77
fi

# icmp_frames FILE [src|dst MAC]: the ICMP frames of a pcap file (from or
# to MAC), one hex line each, sorted (a multiset), read by a parser of the
# format's own.
icmp_frames() {
    python3 - "$@" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
want = None
if len(sys.argv) > 3:
    mac = bytes.fromhex(sys.argv[3].replace(":", ""))
    want = (0 if sys.argv[2] == "dst" else 6, mac)
magic = struct.unpack("<I", data[:4])[0]
assert magic in (0xa1b2c3d4, 0xa1b23c4d), hex(magic)
assert struct.unpack("<I", data[20:24])[0] == 1  # Ethernet
off, frames = 24, []
while off < len(data):
    caplen, length = struct.unpack("<II", data[off + 8:off + 16])
    frame = data[off + 16:off + 16 + caplen]
    off += 16 + caplen
    if want and frame[want[0]:want[0] + 6] != want[1]:
        continue
    if len(frame) > 23 and frame[12:14] == b"\x08\x00" and frame[23] == 1:
        frames.append(frame.hex())
print("\n".join(sorted(frames)))
PY
}

# start_capture NAME ARGS...: p4ctl capture in the background into
# $work/NAME.pcap; returns once it is capturing.
start_capture() {
    local name=$1
    shift
    # Not through the p4ctl function: $! must be p4ctl itself, which the
    # signal goes to.
    "$P4CTL" -n "$sw" capture "$pipe" -w "$work/$name.pcap" "$@" >"$work/$name.log" \
        2>"$work/$name.err" &
    cap_pid=$!
    pids+=("$cap_pid")
    for _ in $(seq 100); do
        grep -q '^p4ctl: capturing' "$work/$name.err" && return 0
        kill -0 "$cap_pid" 2>/dev/null || break
        sleep 0.05
    done
    bad "p4ctl capture $* did not start"; sed 's/^/    /' "$work/$name.err"
    return 1
}

# stop_capture NAME: SIGINT, then its exit status must be 0.
stop_capture() {
    kill -INT "$cap_pid" 2>/dev/null
    if wait "$cap_pid"; then return 0; fi
    bad "p4ctl capture ($1) failed"; sed 's/^/    /' "$work/$1.err"
    return 1
}

# hosts_tcpdump: tcpdump on every host's eth0 into $work/hI.pcap; returns
# once all listen. What a host sent has its MAC address as the source,
# what it received as the destination. --immediate-mode: each packet is
# written as it comes, not when a buffer block fills or times out.
hosts_tcpdump() {
    local i
    for i in 1 2 3; do
        rm -f "$work/h$i.pcap"
        ip netns exec "${hosts[$i - 1]}" tcpdump -i eth0 --immediate-mode -U -w "$work/h$i.pcap" \
            2>"$work/h$i.err" &
        pids+=($!)
        tcpdumps+=($!)
    done
    for i in 1 2 3; do
        for _ in $(seq 100); do
            grep -q 'listening on' "$work/h$i.err" && break
            sleep 0.05
        done
    done
}

stop_tcpdumps() {
    sleep 0.3
    kill -INT "${tcpdumps[@]}" 2>/dev/null
    wait "${tcpdumps[@]}" 2>/dev/null
    tcpdumps=()
}

ping_all() {
    local i j
    for i in 1 2 3; do
        for j in 1 2 3; do
            [[ $i == "$j" ]] && continue
            ip netns exec "${hosts[$i - 1]}" ping -q -c 2 -i 0.05 -W 1 "$(ip_of "$j")" \
                >"$work/ping" 2>&1 || { bad "ping h$i -> h$j"; sed 's/^/    /' "$work/ping"; }
        done
    done
}

# same_frames WHAT CAPTURE SENT|RECEIVED HOST...: the ICMP frames of
# CAPTURE are those the HOSTs (numbers) sent or received, and there are some.
same_frames() {
    local what=$1 capture=$2 which=$3 i
    shift 3
    icmp_frames "$capture" >"$work/got"
    for i in "$@"; do
        icmp_frames "$work/h$i.pcap" "$([[ $which == sent ]] && echo src || echo dst)" "$(mac "$i")"
    done | grep . | sort >"$work/want"
    local n
    n=$(grep -c . "$work/want")
    if [[ $n -gt 0 ]] && cmp -s "$work/got" "$work/want"; then
        ok "$what: the capture holds the $n ICMP frames, byte for byte"
    else
        bad "$what: the capture's ICMP frames ($(grep -c . "$work/got")) are not the hosts' ($n)"
        diff "$work/want" "$work/got" | head -n 10 | sed 's/^/    /'
    fi
}

tcpdumps=()
run_mode() {
    local mode=$1 i
    echo "== ports in $mode mode"
    for i in 1 2 3; do
        ip -n "${hosts[$i - 1]}" link set dev eth0 xdp off
        [[ $mode == native ]] &&
            ip -n "${hosts[$i - 1]}" link set dev eth0 xdp obj "$work/pass.o" sec xdp
    done
    p4ctl pipeline load "$pipe" "$work/l2_switch.o" >/dev/null || { bad "pipeline load"; return; }
    for i in 1 2 3; do
        p4ctl --xdp-mode "$mode" port add "$pipe" "sw$i" "$i" >/dev/null 2>&1 ||
            bad "port add sw$i ($mode)"
        p4ctl table add "$pipe" mac_table "hdr.ethernet.dst_addr=$(mac "$i")" action=forward \
            port="$i" || bad "table add h$i"
    done

    # What the switch receives: every frame the hosts sent.
    start_capture "in-$mode" --direction in -v || return
    hosts_tcpdump
    ip netns exec "$sw" tcpdump -i sw1 --immediate-mode -U -w "$work/sw1-$mode.pcap" 2>"$work/sw1.err" &
    local sw_tcpdump=$!
    pids+=("$sw_tcpdump")
    sleep 0.3
    ping_all
    stop_tcpdumps
    kill -INT "$sw_tcpdump"; wait "$sw_tcpdump" 2>/dev/null
    stop_capture "in-$mode"
    same_frames "$mode, --direction in" "$work/in-$mode.pcap" sent 1 2 3
    # -v: one line per packet, with its direction and input port.
    local lines
    lines=$(grep -c ' in  port [123], ' "$work/in-$mode.log")
    if [[ $lines -ge $(icmp_frames "$work/in-$mode.pcap" | grep -c .) ]] &&
        ! grep -vq ' in  port [123], ' "$work/in-$mode.log"; then
        ok "$mode: -v lists every packet as 'in port N'"
    else
        bad "$mode: -v output"; head -n 5 "$work/in-$mode.log" | sed 's/^/    /'
    fi
    # The kernel's capture point on the switch's port sees none of it.
    local seen
    seen=$(icmp_frames "$work/sw1-$mode.pcap" | grep -c .)
    [[ $seen == 0 ]] && ok "$mode: tcpdump on sw1 saw none of the frames (XDP acts first)" ||
        echo "note: tcpdump on sw1 saw $seen ICMP frames"

    # What the switch sends: every frame the hosts received.
    start_capture "out-$mode" --direction out || return
    hosts_tcpdump
    ping_all
    stop_tcpdumps
    stop_capture "out-$mode"
    same_frames "$mode, --direction out" "$work/out-$mode.pcap" received 1 2 3

    # One port, both directions: what h2 sent and received.
    start_capture "port2-$mode" --port 2 || return
    hosts_tcpdump
    ping_all
    stop_tcpdumps
    stop_capture "port2-$mode"
    icmp_frames "$work/port2-$mode.pcap" >"$work/got"
    { icmp_frames "$work/h2.pcap" src "$(mac 2)"; icmp_frames "$work/h2.pcap" dst "$(mac 2)"; } |
        grep . | sort >"$work/want"
    if [[ -s $work/want ]] && cmp -s "$work/got" "$work/want"; then
        ok "$mode, --port 2: the capture holds the $(wc -l <"$work/want") ICMP frames h2 sent and received"
    else
        bad "$mode, --port 2: the capture's ICMP frames are not h2's"
        diff "$work/want" "$work/got" | head -n 10 | sed 's/^/    /'
    fi

    # -c: stops by itself.
    "$P4CTL" -n "$sw" capture "$pipe" -w "$work/count-$mode.pcap" -c 5 >/dev/null \
        2>"$work/count.err" &
    local count_pid=$!
    pids+=("$count_pid")
    for _ in $(seq 100); do grep -q '^p4ctl: capturing' "$work/count.err" && break; sleep 0.05; done
    ip netns exec "${hosts[0]}" ping -q -c 5 -i 0.05 -W 1 "$(ip_of 2)" >/dev/null 2>&1
    local k=0
    while kill -0 "$count_pid" 2>/dev/null && [[ $k -lt 100 ]]; do sleep 0.05; k=$((k + 1)); done
    if ! kill -0 "$count_pid" 2>/dev/null && wait "$count_pid" &&
        [[ $(tcpdump -r "$work/count-$mode.pcap" 2>/dev/null | wc -l) == 5 ]] &&
        grep -q '^p4ctl: 5 packets captured$' "$work/count.err"; then
        ok "$mode: -c 5 stops after 5 packets"
    else
        bad "$mode: -c 5"; sed 's/^/    /' "$work/count.err"
    fi

    # One capture at a time.
    start_capture "busy-$mode" || return
    if p4ctl capture "$pipe" -w "$work/second.pcap" >"$work/out" 2>&1; then
        bad "a second capture ran"
    elif grep -q "is being captured already (by process $cap_pid)" "$work/out" &&
        [[ ! -e $work/second.pcap ]]; then
        ok "$mode: a second capture is refused: $(head -n 1 "$work/out")"
    else
        bad "second capture's message"; sed 's/^/    /' "$work/out"
    fi
    stop_capture "busy-$mode"

    for f in "$work"/*-"$mode".pcap; do
        if tcpdump -r "$f" -nn >/dev/null 2>"$work/tcpdump.err"; then
            ok "tcpdump -r ${f##*/}: $(tcpdump -r "$f" 2>/dev/null | wc -l) packets"
        else
            bad "tcpdump -r ${f##*/}"; sed 's/^/    /' "$work/tcpdump.err"
        fi
    done
    p4ctl pipeline unload "$pipe" || bad "pipeline unload"
}

run_mode native
run_mode generic

# ------------------------------------------------------------- bad input
p4ctl pipeline load "$pipe" "$work/l2_switch.o" >/dev/null
p4ctl port add "$pipe" sw1 1 >/dev/null 2>&1
p4ctl port add "$pipe" sw3 3 >/dev/null 2>&1
# refused STATUS MESSAGE ARGS...
refused() {
    local want=$1 msg=$2
    shift 2
    rm -f "$work/bad.pcap"
    p4ctl "$@" >"$work/out" 2>&1
    local status=$?
    if [[ $status == "$want" ]] && grep -qF -- "$msg" "$work/out" && [[ ! -e $work/bad.pcap ]] &&
        ! ls -A "$work/nodir" 2>/dev/null | grep -q .; then
        ok "refused ($status): $(head -n 1 "$work/out")"
    else
        bad "p4ctl $* (exit $status, wanted $want and '$msg')"; sed 's/^/    /' "$work/out"
    fi
}
refused 1 "pipeline '$pipe' has no port 2 (its ports: 1, 3)" \
    capture "$pipe" --port 2 -w "$work/bad.pcap"
refused 1 "no pipeline named 'pcap-none-$tag' is loaded" capture "pcap-none-$tag" -w "$work/bad.pcap"
refused 1 "cannot write $work/nodir/x.pcap" capture "$pipe" -w "$work/nodir/x.pcap"
refused 2 "capture needs -w FILE" capture "$pipe"
refused 2 "--direction is in, out or both, not 'sideways'" \
    capture "$pipe" --direction sideways -w "$work/bad.pcap"
refused 2 "-c takes a number of packets (1 or more), not '0'" capture "$pipe" -c 0 -w "$work/bad.pcap"
refused 2 "--port takes a P4 port number, not 'x'" capture "$pipe" --port x -w "$work/bad.pcap"
refused 2 "--in is an option of run, not of capture" capture "$pipe" --in 1=a -w "$work/bad.pcap"
# A capture follows the program it started on: a replace ends it, and what
# it captured is kept.
if start_capture replaced; then
    p4ctl pipeline replace "$pipe" "$work/l2_switch.o" >"$work/out" 2>&1 || bad "pipeline replace"
    k=0
    while kill -0 "$cap_pid" 2>/dev/null && [[ $k -lt 100 ]]; do sleep 0.05; k=$((k + 1)); done
    wait "$cap_pid"
    status=$?
    if [[ $status == 1 ]] &&
        grep -q "pipeline '$pipe' was unloaded or replaced: the program captured no longer runs" \
            "$work/replaced.err" && tcpdump -r "$work/replaced.pcap" >/dev/null 2>&1; then
        ok "a replace ends the capture (exit 1), the file kept: $(tail -n 1 "$work/replaced.err")"
    else
        bad "capture across a replace (exit $status)"; sed 's/^/    /' "$work/replaced.err"
    fi
fi
fixture=$(dirname "$P4CTL")/p4ctl-fixtures/exact.o
if [[ -f $fixture ]]; then
    p4ctl pipeline load "$pipe-fixture" "$fixture" >/dev/null
    refused 1 "pipeline '$pipe-fixture' has no capture hooks" capture "$pipe-fixture" -w "$work/bad.pcap"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
