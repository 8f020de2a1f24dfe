#!/usr/bin/env bash
# v1model multicast end to end. tests/integration/multicast/flood.p4 runs in
# a switch namespace on ports 0 to 4 (veths sw0..sw4, whose peers h0..h4 are
# in a hosts namespace); `p4ctl mc` makes group 1 (rid 5 on ports 1 and 2,
# rid 6 on port 3) and group 2 (rid 9 on ports 0 and 4). A frame sent to a
# group (tests/integration/multicast/frames.py) must reach every member
# port exactly once, carrying its rid and port (egress writes them into the
# source MAC), except the port it came in by (egress drops that copy), and
# no other port. Then the commands' output and errors, nodes and groups
# deleted, a member port deleted; p4ctl capture sees the frame in and each
# copy out; all in native and in generic mode. Last,
# with the kernel's BPF statistics on, what a multicast costs: ns per run of
# p4cc_main and per copy of p4cc_egress, against unicast, for 1, 2 and 4
# copies (printed, not checked). Everything the test creates is removed at
# exit. Exit 77 without root, namespaces, python3 or clang.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
P4CC=$PWD/$BUILD/p4cc
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl P4CC=$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
BPF_CLANG=${BPF_CLANG:-clang}
FRAMES=$PWD/tests/integration/multicast/frames.py

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: building network namespaces and attaching XDP programs needs root"
    exit 77
fi
for tool in python3 "$BPF_CLANG"; do
    if ! command -v "$tool" >/dev/null; then
        echo "skipped: '$tool' is not installed"
        exit 77
    fi
done

tag=$$
sw=p4mc-sw-$tag
hosts=p4mc-h-$tag
pipe=tm-mc-$tag
work=$(mktemp -d)
stats_was=$(sysctl -n kernel.bpf_stats_enabled 2>/dev/null || echo 0)
cleanup() {
    "$P4CTL" -n "$sw" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$sw" 2>/dev/null
    ip netns del "$hosts" 2>/dev/null
    sysctl -qw kernel.bpf_stats_enabled="$stats_was" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
# check DESCRIPTION COMMAND...: the command must succeed.
check() {
    local what=$1
    shift
    if "$@" >"$work/out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/    /' "$work/out"; fi
}
# same DESCRIPTION WANT GOT
same() {
    if [[ $3 == "$2" ]]; then ok "$1"; else
        bad "$1"
        diff <(echo "$2") <(echo "$3") | sed 's/^/    /'
    fi
}
p4ctl() { "$P4CTL" -n "$sw" "$@"; }
# fails STATUS MESSAGE COMMAND...: the p4ctl command must exit with STATUS
# and print exactly MESSAGE.
fails() {
    local status=$1 msg=$2 got
    shift 2
    got=$(p4ctl "$@" 2>&1)
    local st=$?
    if [[ $st == "$status" && $got == "$msg" ]]; then ok "p4ctl $* fails: $msg"; else
        bad "p4ctl $*: exit $st, '$got'; wanted exit $status, '$msg'"
    fi
}
# flood FROM GROUP [COUNT]: COUNT (default 1) frames into port FROM for
# GROUP; prints per host port what arrived.
flood() {
    local frame
    frame=$(printf '02000000%04x' "$2")02000000009988b5$(printf '%092d' 0)
    ip netns exec "$hosts" python3 "$FRAMES" "h$1" "$frame" "${3:-1}" h0 h1 h2 h3 h4
}

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
if ! "$P4CC" --capture tests/integration/multicast/flood.p4 -o "$work/flood.o" 2>"$work/out"; then
    echo "FAIL  p4cc tests/integration/multicast/flood.p4"; cat "$work/out"; exit 1
fi

build_net() {
    local i
    ip netns add "$sw" && ip netns add "$hosts" || return 1
    for ns in "$sw" "$hosts"; do
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
            net.ipv6.conf.default.disable_ipv6=1
    done
    for i in 0 1 2 3 4; do
        ip -n "$sw" link add "sw$i" type veth peer name "h$i" netns "$hosts" || return 1
        ip -n "$sw" link set "sw$i" up && ip -n "$hosts" link set "h$i" up || return 1
    done
}
if ! build_net 2>"$work/out"; then
    echo "skipped: cannot create network namespaces and veth pairs here: $(head -n 1 "$work/out")"
    exit 77
fi

# The frames a group's members must receive from port FROM: "hN COUNT SRC".
members_of_1='h0 0 
h1 1 02:00:00:00:05:01
h2 1 02:00:00:00:05:02
h3 1 02:00:00:00:06:03
h4 0 '

run_mode() {
    local mode=$1 i
    echo "== ports in $mode mode"
    for i in 0 1 2 3 4; do
        ip -n "$hosts" link set dev "h$i" xdp off
        [[ $mode == native ]] && ip -n "$hosts" link set dev "h$i" xdp obj "$work/pass.o" sec xdp
    done
    check "pipeline load $pipe flood.o" p4ctl pipeline load "$pipe" "$work/flood.o"
    for i in 0 1 2 3 4; do
        check "port add sw$i $i ($mode)" p4ctl --xdp-mode "$mode" port add "$pipe" "sw$i" "$i"
    done
    check "mc group add 1" p4ctl mc group add "$pipe" 1
    check "mc node add 1 5 1 2" p4ctl mc node add "$pipe" 1 5 1 2
    check "mc node add 1 6 3" p4ctl mc node add "$pipe" 1 6 3
    check "mc group add 2" p4ctl mc group add "$pipe" 2
    check "mc node add 2 9 4 0" p4ctl mc node add "$pipe" 2 9 4 0
    check "mc group add 3 (no nodes)" p4ctl mc group add "$pipe" 3
    same "mc group list" "group  rid  ports
1      5    1 2
1      6    3
2      9    0 4
3      -    (none)" "$(p4ctl mc group list "$pipe" 2>&1)"
    same "mc group show --json" '{ "group": 1, "nodes": [ { "rid": 5, "ports": [ 1, 2 ] }, { "rid": 6, "ports": [ 3 ] } ] }' \
        "$(p4ctl --json mc group show "$pipe" 1 2>&1 | tr -s ' \n' ' ' | sed 's/ $//')"
    fails 1 "p4ctl: $pipe: multicast group 1 exists" mc group add "$pipe" 1
    fails 1 "p4ctl: $pipe: port 3 is in multicast group 1 already (rid 6); a port is in a group once" \
        mc node add "$pipe" 1 7 4 3
    fails 1 "p4ctl: $pipe: port 9 has no interface (p4ctl port add gives it one)" \
        mc node add "$pipe" 1 7 9
    fails 1 "p4ctl: $pipe: there is no multicast group 4" mc node add "$pipe" 4 1 1
    fails 1 "p4ctl: $pipe: multicast group 1 has no node with rid 8" mc node del "$pipe" 1 8
    fails 2 "p4ctl: mc: group 0 means no multicast; groups are 1 to 65535
Try 'p4ctl --help'." mc group add "$pipe" 0
    fails 2 "p4ctl: mc: the rid must be a number from 0 to 65535, not '70000'
Try 'p4ctl --help'." mc node add "$pipe" 1 70000 1
    same "a failed node add changes nothing" "$(p4ctl mc group show "$pipe" 1)" "group  rid  ports
1      5    1 2
1      6    3"

    same "group 1 from port 0: once to each member, with its rid and port" \
        "$members_of_1" "$(flood 0 1)"
    # p4ctl capture: the frame in, and each copy as it leaves (p4cc_egress).
    "$P4CTL" -n "$sw" capture "$pipe" -v -w "$work/mc-$mode.pcap" >"$work/cap.log" \
        2>"$work/cap.err" &
    local cap=$!
    for _ in $(seq 100); do grep -q '^p4ctl: capturing' "$work/cap.err" && break; sleep 0.05; done
    flood 0 1 >/dev/null
    kill -INT "$cap"
    wait "$cap" || { bad "p4ctl capture"; sed 's/^/    /' "$work/cap.err"; }
    same "capture of a frame to group 1: in by port 0, a copy out by ports 1, 2 and 3" "in port 0
out port 1 (XDP_REDIRECT)
out port 2 (XDP_REDIRECT)
out port 3 (XDP_REDIRECT)" "$(sed -E 's/^[0-9:.]+ (in|out) +port ([0-9]+), [0-9]+ bytes/\1 port \2/' \
        "$work/cap.log" | sort)"
    command -v tcpdump >/dev/null &&
        same "the capture file: the frame, and the copies with their rid and port" "02:00:00:00:00:99
02:00:00:00:05:01
02:00:00:00:05:02
02:00:00:00:06:03" "$(tcpdump -r "$work/mc-$mode.pcap" -nn -e 2>/dev/null | awk '/^[0-9]/ {print $2}' | sort)"
    same "group 1 from port 1: not back to port 1" "h0 0 
h1 0 
h2 1 02:00:00:00:05:02
h3 1 02:00:00:00:06:03
h4 0 " "$(flood 1 1)"
    same "group 2 from port 0: port 4 only" "h0 0 
h1 0 
h2 0 
h3 0 
h4 1 02:00:00:00:09:04" "$(flood 0 2)"
    local none='h0 0 
h1 0 
h2 0 
h3 0 
h4 0 '
    same "group 3 (no nodes): nothing" "$none" "$(flood 0 3)"
    same "group 7 (none): nothing" "$none" "$(flood 0 7)"
    same "100 frames to group 1: 100 to each member" "h0 0 
h1 100 02:00:00:00:05:01
h2 100 02:00:00:00:05:02
h3 100 02:00:00:00:06:03
h4 0 " "$(flood 0 1 100 | tail -n 5)"

    check "mc node del 1 5" p4ctl mc node del "$pipe" 1 5
    same "group 1 without rid 5: port 3 only" "h0 0 
h1 0 
h2 0 
h3 1 02:00:00:00:06:03
h4 0 " "$(flood 0 1)"
    check "port del sw3" p4ctl port del "$pipe" sw3
    same "group 1 after port 3 left the pipeline: nothing" "$none" "$(flood 0 1)"
    check "mc group del 1" p4ctl mc group del "$pipe" 1
    same "mc group list after del" "group  rid  ports
2      9    0 4
3      -    (none)" "$(p4ctl mc group list "$pipe" 2>&1)"
    same "group 2 still copies" "h0 0 
h1 0 
h2 0 
h3 0 
h4 1 02:00:00:00:09:04" "$(flood 0 2)"
    check "pipeline unload $pipe" p4ctl pipeline unload "$pipe"
    if ip -n "$sw" link show | grep -q 'prog/xdp'; then bad "XDP left on the switch ports"; else
        ok "no XDP program left on the switch ports"; fi
}

run_mode native
run_mode generic

# What copies cost, native mode, N frames into port 0 for each case: the
# time a sender's loop takes (tests/integration/multicast/blast.c; the
# kernel runs the XDP programs and delivers the copies in the softirq after
# each send, on the sender's CPU), what came out of the host ports
# (interface counters), and, with the kernel's BPF statistics on in a
# second run, the run time of p4cc_main per frame and of p4cc_egress per
# copy (the statistics add their own ns to each).
measure() {
    local n=20000 i
    if ! cc -O2 -o "$work/blast" tests/integration/multicast/blast.c 2>"$work/out"; then
        echo "    (cannot build blast.c: costs not measured)"; return
    fi
    for i in 0 1 2 3 4; do
        ip -n "$hosts" link set dev "h$i" xdp off
        ip -n "$hosts" link set dev "h$i" xdp obj "$work/pass.o" sec xdp
    done
    p4ctl pipeline load "$pipe" "$work/flood.o" >/dev/null &&
        for i in 0 1 2 3 4; do p4ctl --xdp-mode native port add "$pipe" "sw$i" "$i" >/dev/null; done
    p4ctl mc group add "$pipe" 10 && p4ctl mc node add "$pipe" 10 1 1
    p4ctl mc group add "$pipe" 11 && p4ctl mc node add "$pipe" 11 1 1 2
    p4ctl mc group add "$pipe" 12 && p4ctl mc node add "$pipe" 12 1 1 2 3 4
    local have_stats=
    command -v bpftool >/dev/null && have_stats=1
    prog_stat() { # prog_stat PIN: run_time_ns run_cnt
        bpftool prog show pinned "/sys/fs/bpf/p4cc/$pipe/$1" --json |
            python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("run_time_ns",0), j.get("run_cnt",0))'
    }
    rx_total() {
        local t=0 c
        for i in 0 1 2 3 4; do
            c=$(ip netns exec "$hosts" cat "/sys/class/net/h$i/statistics/rx_packets")
            t=$((t + c))
        done
        echo "$t"
    }
    echo "    | frames into port 0 | copies | ns/frame (sender loop) | frames out | p4cc_main ns/frame | p4cc_egress ns/copy |"
    echo "    | --- | --- | --- | --- | --- | --- |"
    local c group copies frame want
    for c in "unicast 0 1" "group 10 10 1" "group 11 11 2" "group 12 12 4"; do
        set -- $c
        if [[ $1 == unicast ]]; then
            group=0 copies=1 frame=020000000001020000000099"0800$(printf '%092d' 0)"
            from=h1   # to port 0, out of h0
        else
            group=$3 copies=$4 frame=$(printf '02000000%04x' "$group")02000000009988b5$(printf '%092d' 0)
            from=h0
        fi
        want=$((n * copies))
        local r0 r1 took m0 mc0 m1 mc1 e0 ec0 e1 ec1
        r0=$(rx_total)
        took=$(ip netns exec "$hosts" "$work/blast" "$from" "$frame" "$n" | awk '{ print $4 }')
        sleep 0.2
        r1=$(rx_total)
        local main=- egress=-
        if [[ $have_stats ]] && sysctl -qw kernel.bpf_stats_enabled=1; then
            read -r m0 mc0 < <(prog_stat prog)
            read -r e0 ec0 < <(prog_stat egress)
            ip netns exec "$hosts" "$work/blast" "$from" "$frame" "$n" >/dev/null
            read -r m1 mc1 < <(prog_stat prog)
            read -r e1 ec1 < <(prog_stat egress)
            sysctl -qw kernel.bpf_stats_enabled="$stats_was"
            main=$(((m1 - m0) / (mc1 - mc0 > 0 ? mc1 - mc0 : 1)))
            ((ec1 > ec0)) && egress=$(((e1 - e0) / (ec1 - ec0)))
        fi
        # The sending host's own frame is not counted: only what came out.
        local out=$((r1 - r0))
        printf '    | %s | %d | %s | %d of %d | %s | %s |\n' "${c% * *}" "$copies" \
            "$(python3 -c "print('%.0f' % ($took * 1e9 / $n))")" "$out" "$want" "$main" "$egress"
        ((out * 100 >= want * 95)) || bad "$1: $out frames came out, of $want"
    done
    p4ctl pipeline unload "$pipe" >/dev/null
}
echo "== costs (native mode, kernel BPF statistics)"
measure

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
