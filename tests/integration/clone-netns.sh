#!/usr/bin/env bash
# v1model clone sessions end to end: examples/v1model_mirror.p4 (a patch
# panel with taps) runs in a switch namespace on ports 0 to 3 (veths
# sw0..sw3, whose peers h0..h3 are in a hosts namespace); ports 1 and 2 are
# patched together, port 1 is tapped both ways, and `p4ctl clone` points
# the taps' sessions at the monitor on port 3. A frame in by port 1 must
# leave by port 2 unchanged and reach the monitor once with the ingress
# tap header; one in by port 2 must leave by port 1 and reach the monitor
# with the egress tap header; nothing else comes out. Then the commands'
# output and errors, a session moved to another port (in generic mode
# also to the original's own port) and deleted, the original's and the
# session's ports deleted and added again, 100 frames; in native and in
# generic mode. Then sessions to a multicast group following the group's
# nodes, and a program without clones. Last, with the kernel's BPF
# statistics on, what a clone costs (printed, not checked). Everything the
# test creates is removed at exit. Exit 77 without root, namespaces,
# python3 or clang.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
P4CC=$PWD/$BUILD/p4cc
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl P4CC=$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
BPF_CLANG=${BPF_CLANG:-clang}
FRAMES=$PWD/tests/integration/clone/frames.py

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
sw=p4cl-sw-$tag
hosts=p4cl-h-$tag
pipe=tm-cl-$tag
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
check() {
    local what=$1
    shift
    if "$@" >"$work/out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/    /' "$work/out"; fi
}
same() {
    if [[ $3 == "$2" ]]; then ok "$1"; else
        bad "$1"
        diff <(echo "$2") <(echo "$3") | sed 's/^/    /'
    fi
}
p4ctl() { "$P4CTL" -n "$sw" "$@"; }
fails() {
    local status=$1 msg=$2 got
    shift 2
    got=$(p4ctl "$@" 2>&1)
    local st=$?
    if [[ $st == "$status" && $got == "$msg" ]]; then ok "p4ctl $* fails: $msg"; else
        bad "p4ctl $*: exit $st, '$got'; wanted exit $status, '$msg'"
    fi
}
# A 60-byte frame from host MAC 02:00:00:00:00:0N to 02:00:00:00:00:0M.
frame() { printf '0200000000%02x0200000000%02x0800%092d' "$2" "$1" 0; }
# send FROM COUNT: frames into port FROM (to the other patched port);
# prints what each host port received.
send() {
    local to=$((3 - $1))
    ip netns exec "$hosts" python3 "$FRAMES" "h$1" "$(frame "$1" "$to")" "${2:-1}" h0 h1 h2 h3
}

cat >"$work/pass.c" <<'EOC'
#include <linux/bpf.h>
__attribute__((section("xdp"), used)) int xdp_pass(struct xdp_md *ctx)
{
    (void)ctx;
    return XDP_PASS;
}
__attribute__((section("license"), used)) char _license[] = "GPL";
EOC
multiarch=$("$BPF_CLANG" -print-multiarch 2>/dev/null)
if ! "$BPF_CLANG" -target bpf -O2 ${multiarch:+-I/usr/include/$multiarch} -c "$work/pass.c" \
    -o "$work/pass.o" 2>"$work/out"; then
    echo "skipped: clang cannot build a BPF object here: $(head -n 1 "$work/out")"
    exit 77
fi
if ! "$P4CC" examples/v1model_mirror.p4 -o "$work/mirror.o" 2>"$work/out"; then
    echo "FAIL  p4cc examples/v1model_mirror.p4"; cat "$work/out"; exit 1
fi

build_net() {
    local i
    ip netns add "$sw" && ip netns add "$hosts" || return 1
    for ns in "$sw" "$hosts"; do
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
            net.ipv6.conf.default.disable_ipv6=1
    done
    for i in 0 1 2 3; do
        ip -n "$sw" link add "sw$i" type veth peer name "h$i" netns "$hosts" || return 1
        ip -n "$sw" link set "sw$i" up && ip -n "$hosts" link set "h$i" up || return 1
    done
}
if ! build_net 2>"$work/out"; then
    echo "skipped: cannot create network namespaces and veth pairs here: $(head -n 1 "$work/out")"
    exit 77
fi

# load MODE: the pipeline on the four ports, patched and tapped.
load() {
    local mode=$1 i
    for i in 0 1 2 3; do
        ip -n "$hosts" link set dev "h$i" xdp off
        [[ $mode == native ]] && ip -n "$hosts" link set dev "h$i" xdp obj "$work/pass.o" sec xdp
    done
    p4ctl pipeline load "$pipe" "$work/mirror.o" &&
        for i in 0 1 2 3; do p4ctl --xdp-mode "$mode" port add "$pipe" "sw$i" "$i" || return 1; done &&
        p4ctl table add "$pipe" patch ingress_port=1 action=forward port=2 &&
        p4ctl table add "$pipe" patch ingress_port=2 action=forward port=1 &&
        p4ctl table add "$pipe" taps ingress_port=1 action=mirror_in session=10 &&
        p4ctl table add "$pipe" egress_taps egress_port=1 action=mirror_out session=20
}

run_mode() {
    local mode=$1
    echo "== ports in $mode mode"
    check "pipeline load, ports, tables ($mode)" load "$mode"
    check "clone add 10 3" p4ctl clone add "$pipe" 10 3
    check "clone add 20 3" p4ctl clone add "$pipe" 20 3
    same "clone list" "session  port
10       3
20       3
clones lost: 0" "$(p4ctl clone list "$pipe" 2>&1)"
    same "clone show --json" '{ "session": 20, "port": 3, "ifindex": '"$(ip netns exec "$sw" cat /sys/class/net/sw3/ifindex)"' }' \
        "$(p4ctl --json clone show "$pipe" 20 2>&1 | tr -s ' \n' ' ' | sed 's/ $//')"
    fails 1 "p4ctl: $pipe: clone session 10 exists (port 3)" clone add "$pipe" 10 2
    fails 1 "p4ctl: $pipe: port 9 has no interface (p4ctl port add gives it one)" \
        clone add "$pipe" 11 9
    fails 1 "p4ctl: $pipe: there is no clone session 11" clone show "$pipe" 11
    fails 1 "p4ctl: $pipe: there is no clone session 11" clone mod "$pipe" 11 2
    fails 1 "p4ctl: $pipe: there is no clone session 11" clone del "$pipe" 11
    fails 2 "p4ctl: clone: the session must be a number from 0 to 32767, not '40000'
Try 'p4ctl --help'." clone add "$pipe" 40000 1
    same "a failed add leaves no session" "session  port
10       3
20       3
clones lost: 0" "$(p4ctl clone list "$pipe" 2>&1)"

    local f12 f21
    f12=$(frame 1 2 | cut -c1-16) f21=$(frame 2 1 | cut -c1-16)
    same "in by port 1: out by port 2, and to the monitor with the ingress tap" "h0 0 
h1 0 
h2 1 $f12
h3 1 7a700101$(frame 1 2 | cut -c1-8)" "$(send 1)"
    same "in by port 2: out by port 1, and to the monitor with the egress tap" "h0 0 
h1 1 $f21
h2 0 
h3 1 7a700201$(frame 2 1 | cut -c1-8)" "$(send 2)"
    check "clone mod 10 0" p4ctl clone mod "$pipe" 10 0
    same "session 10 moved to port 0" "h0 1 7a700101$(frame 1 2 | cut -c1-8)
h1 0 
h2 1 $f12
h3 0 " "$(send 1)"
    # To the original's own port: two frames of one broadcast on one
    # device. Native mode runs one devmap program per device and flush
    # (the first frame's), so only generic mode makes both
    # (docs/RUNTIME.md, "Clone sessions").
    if [[ $mode == generic ]]; then
        check "clone mod 10 2 (the original's own port)" p4ctl clone mod "$pipe" 10 2
        same "session 10 to port 2: the original and its clone both leave by port 2" "h0 0 
h1 0 
h2 2 $f12 7a700101$(frame 1 2 | cut -c1-8)
h3 0 " "$(send 1 | sed -E 's/^(h2 2) (7a[0-9a-f]+) ([0-9a-f]+)$/\1 \3 \2/')"
    fi
    check "clone del 20" p4ctl clone del "$pipe" 20
    same "no egress tap without session 20" "h0 0 
h1 1 $f21
h2 0 
h3 0 " "$(send 2)"
    check "clone mod 10 3" p4ctl clone mod "$pipe" 10 3
    # Ports leaving and coming back: a session follows them, and an
    # original never leaves by an interface that is no longer a port.
    check "port del sw2 (the original's port)" p4ctl port del "$pipe" sw2
    same "port 2 gone: neither the original nor its clone leaves" "h0 0 
h1 0 
h2 0 
h3 0 " "$(send 1)"
    check "port add sw2 2" p4ctl --xdp-mode "$mode" port add "$pipe" sw2 2
    same "port 2 back: the original and its clone" "h0 0 
h1 0 
h2 1 $f12
h3 1 7a700101$(frame 1 2 | cut -c1-8)" "$(send 1)"
    check "port del sw3 (the session's port)" p4ctl port del "$pipe" sw3
    same "port 3 gone: the original alone" "h0 0 
h1 0 
h2 1 $f12
h3 0 " "$(send 1)"
    check "port add sw3 3" p4ctl --xdp-mode "$mode" port add "$pipe" sw3 3
    same "port 3 back: the clone again" "h0 0 
h1 0 
h2 1 $f12
h3 1 7a700101$(frame 1 2 | cut -c1-8)" "$(send 1)"
    same "100 frames in by port 1: 100 out, 100 to the monitor" "h0 0 
h1 0 
h2 100 $f12
h3 100 7a700101$(frame 1 2 | cut -c1-8)" "$(send 1 100)"
    check "pipeline unload $pipe" p4ctl pipeline unload "$pipe"
}

run_mode native
run_mode generic

# Sessions to a multicast group (tests/stf/v1model-clone-mc.p4: ctl op 1
# goes to port 1 and is cloned by session 9; egress writes the rid, port
# and instance_type into ctl): a clone to each port of the group, and the
# session follows the group's nodes as they change.
mc_frame() { printf '0100000000000000%084d' 0; }
mc_send() { ip netns exec "$hosts" python3 "$FRAMES" h0 "$(mc_frame)" 1 h1 h2 h3; }
if "$P4CC" tests/stf/v1model-clone-mc.p4 -o "$work/clone-mc.o" 2>"$work/out" &&
    p4ctl pipeline load "$pipe" "$work/clone-mc.o" >"$work/out" 2>&1; then
    for i in 0 1 2 3; do
        p4ctl --xdp-mode generic port add "$pipe" "sw$i" "$i" >/dev/null 2>&1
    done
    check "mc group add 7" p4ctl mc group add "$pipe" 7
    check "mc node add 7 70 2" p4ctl mc node add "$pipe" 7 70 2
    check "clone add 9 mc 7" p4ctl clone add "$pipe" 9 mc 7
    same "clone list: a session to a group" "session  port
9        mc 7
clones lost: 0" "$(p4ctl clone list "$pipe" 2>&1)"
    same "clone show --json: a session to a group" '{ "session": 9, "group": 7 }' \
        "$(p4ctl --json clone show "$pipe" 9 2>&1 | tr -s ' \n' ' ' | sed 's/ $//')"
    same "the original to port 1, a clone to group 7's port 2 with rid 70" "h1 1 0100000001000000
h2 1 0100004602010000
h3 0 " "$(mc_send)"
    check "mc node add 7 71 3" p4ctl mc node add "$pipe" 7 71 3
    same "a node added: its port gets clones too" "h1 1 0100000001000000
h2 1 0100004602010000
h3 1 0100004703010000" "$(mc_send)"
    check "mc node del 7 70" p4ctl mc node del "$pipe" 7 70
    same "a node deleted: its port gets none" "h1 1 0100000001000000
h2 0 
h3 1 0100004703010000" "$(mc_send)"
    check "mc group del 7" p4ctl mc group del "$pipe" 7
    same "the group deleted: the original alone" "h1 1 0100000001000000
h2 0 
h3 0 " "$(mc_send)"
    fails 1 "p4ctl: $pipe: there is no multicast group 8" clone mod "$pipe" 9 mc 8
    p4ctl pipeline unload "$pipe" >/dev/null 2>&1
else
    bad "load tests/stf/v1model-clone-mc.p4"; sed 's/^/    /' "$work/out"
fi
fails 1 "p4ctl: no pipeline named '$pipe' is loaded (nothing at /sys/fs/bpf/p4cc/$pipe)" \
    clone list "$pipe"

# A program that never clones has no sessions.
if "$P4CC" examples/v1model_router.p4 -o "$work/router.o" 2>"$work/out" &&
    p4ctl pipeline load "$pipe" "$work/router.o" >"$work/out" 2>&1; then
    fails 1 "p4ctl: $pipe: program 'v1model_router' has no clone sessions: it never calls clone() or clone_preserving_field_list()" \
        clone add "$pipe" 1 0
    fails 1 "p4ctl: $pipe: program 'v1model_router' has no clone sessions: it never calls clone() or clone_preserving_field_list()" \
        clone list "$pipe"
    p4ctl pipeline unload "$pipe" >/dev/null 2>&1
else
    bad "load examples/v1model_router.p4"; sed 's/^/    /' "$work/out"
fi

# What a clone costs, native mode: N frames into a port, the time a
# sender's loop takes (the kernel runs the XDP programs and delivers the
# frames in the softirq after each send, on the sender's CPU), and with
# the kernel's BPF statistics on in a second run, the run time of
# p4cc_main per frame and of p4cc_clone_orig and p4cc_clone per copy.
measure() {
    local n=20000 i
    if ! cc -O2 -o "$work/blast" tests/integration/multicast/blast.c 2>"$work/out"; then
        echo "    (cannot build blast.c: costs not measured)"; return
    fi
    load native >/dev/null || { bad "load for the costs"; return; }
    p4ctl clone add "$pipe" 10 3 >/dev/null
    local have_stats=
    command -v bpftool >/dev/null && have_stats=1
    prog_stat() { # prog_stat PIN: run_time_ns run_cnt
        bpftool prog show pinned "/sys/fs/bpf/p4cc/$pipe/$1" --json |
            python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("run_time_ns",0), j.get("run_cnt",0))'
    }
    echo "    | frames | ns/frame (sender loop) | p4cc_main ns/frame | p4cc_clone_orig ns | p4cc_clone ns |"
    echo "    | --- | --- | --- | --- | --- |"
    local c from
    for c in "port 2 to 1, not tapped: 2" "port 1 to 2, I2E clone to port 3: 1" \
             "port 2 to 1, E2E clone to port 3: 2e"; do
        from=${c##*: }
        if [[ $from == 2e ]]; then from=2; p4ctl clone add "$pipe" 20 3 >/dev/null; fi
        local took
        took=$(ip netns exec "$hosts" "$work/blast" "h$from" "$(frame "$from" $((3 - from)))" "$n" |
            awk '{ print $4 }')
        local main=- orig=- clone=- m0 mc0 o0 oc0 c0 cc0 m1 mc1 o1 oc1 c1 cc1
        if [[ $have_stats ]] && sysctl -qw kernel.bpf_stats_enabled=1; then
            read -r m0 mc0 < <(prog_stat prog)
            read -r o0 oc0 < <(prog_stat clone_orig)
            read -r c0 cc0 < <(prog_stat clone)
            ip netns exec "$hosts" "$work/blast" "h$from" "$(frame "$from" $((3 - from)))" "$n" >/dev/null
            read -r m1 mc1 < <(prog_stat prog)
            read -r o1 oc1 < <(prog_stat clone_orig)
            read -r c1 cc1 < <(prog_stat clone)
            sysctl -qw kernel.bpf_stats_enabled="$stats_was"
            main=$(((m1 - m0) / (mc1 - mc0 > 0 ? mc1 - mc0 : 1)))
            ((oc1 > oc0)) && orig=$(((o1 - o0) / (oc1 - oc0)))
            ((cc1 > cc0)) && clone=$(((c1 - c0) / (cc1 - cc0)))
        fi
        printf '    | %s | %s | %s | %s | %s |\n' "${c%: *}" \
            "$(python3 -c "print('%.0f' % ($took * 1e9 / $n))")" "$main" "$orig" "$clone"
    done
    p4ctl pipeline unload "$pipe" >/dev/null
}
echo "== costs (native mode, kernel BPF statistics)"
measure

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
