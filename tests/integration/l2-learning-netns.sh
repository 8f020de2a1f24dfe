#!/usr/bin/env bash
# v1model digests end to end: examples/v1model_l2_learning.p4, a learning
# switch, runs in a switch namespace on ports 0 to 3 (veths sw0..sw3, whose
# peers h0..h3 are in a hosts namespace), its flood group (1) holding every
# port, and its control plane, build/examples/v1model_l2_learning_cp, reads
# its digests. Each host sends a frame from its own MAC address
# (02:00:00:00:00:0N on port N) to an address nobody has: it is flooded to
# the other ports, and the digest it sends has the control plane add the
# address to the switch's tables. Then frames between the hosts reach only
# their destination's port, a learned source sends no more digests (p4ctl
# digest watch sees none), a new source does (seen by p4ctl digest watch,
# text and --json), and an address that moves to another port is moved
# there by the control plane. p4ctl digest list shows the digest and that
# none was lost; unloading the pipeline ends a watch. In native and in generic mode. Everything the test
# creates is removed at exit. Exit 77 without root, namespaces, python3 or
# clang.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
EXAMPLES=$(dirname "$P4CTL")/examples
CP=$EXAMPLES/v1model_l2_learning_cp
OBJ=$EXAMPLES/v1model_l2_learning.o
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
if [[ ! -x $CP || ! -f $OBJ ]]; then
    echo "FAIL  $CP and $OBJ are not built (make)"
    exit 1
fi

tag=$$
sw=p4learn-sw-$tag
hosts=p4learn-h-$tag
pipe=learn-$tag
work=$(mktemp -d)
cleanup() {
    [[ -n ${cp_pid:-} ]] && kill "$cp_pid" 2>/dev/null
    "$P4CTL" -n "$sw" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$sw" 2>/dev/null
    ip netns del "$hosts" 2>/dev/null
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
mac() { printf '02:00:00:00:00:%02x' "$1"; }
# send FROM DST SRC: a frame from host FROM (port FROM) to MAC number DST
# from MAC number SRC; prints, per host, how many frames arrived.
send() {
    local frame
    frame=$(printf '0200000000%02x0200000000%02x88b5' "$2" "$3")$(printf '%092d' 0)
    ip netns exec "$hosts" python3 "$FRAMES" "h$1" "$frame" 1 h0 h1 h2 h3 |
        sed 's/ *$//; s/ 02:.*//'
}
# The hosts' counts when a frame from port FROM is flooded.
flooded() {
    local i
    for i in 0 1 2 3; do echo "h$i $((i == $1 ? 0 : 1))"; done
}
only() {
    local i
    for i in 0 1 2 3; do echo "h$i $((i == $1 ? 1 : 0))"; done
}
# watch_digests OUT [OPTIONS]: p4ctl digest watch in the background, once
# it reads the ring; its pid in $watch_pid.
watch_digests() {
    local out=$1
    shift
    "$P4CTL" -n "$sw" "$@" digest watch "$pipe" mac_learn_t >"$out" 2>"$out.err" &
    watch_pid=$!
    for _ in $(seq 100); do grep -q '^p4ctl: watching' "$out.err" && break; sleep 0.05; done
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

run_mode() {
    local mode=$1 i
    echo "== ports in $mode mode"
    for i in 0 1 2 3; do
        ip -n "$hosts" link set dev "h$i" xdp off
        [[ $mode == native ]] && ip -n "$hosts" link set dev "h$i" xdp obj "$work/pass.o" sec xdp
    done
    check "pipeline load $pipe v1model_l2_learning.o" p4ctl pipeline load "$pipe" "$OBJ"
    for i in 0 1 2 3; do
        check "port add sw$i $i ($mode)" p4ctl --xdp-mode "$mode" port add "$pipe" "sw$i" "$i"
    done
    check "mc group add 1" p4ctl mc group add "$pipe" 1
    check "mc node add 1 0 0 1 2 3" p4ctl mc node add "$pipe" 1 0 0 1 2 3
    same "digest list" "mac_learn_t (id 0x175710df, 0 lost): src_addr:bit<48> ingress_port:bit<9>" \
        "$(p4ctl digest list "$pipe")"

    # The control plane, until it has learned the four hosts.
    timeout 20 "$CP" -c 4 "$pipe" >"$work/cp.out" 2>"$work/cp.err" &
    cp_pid=$!
    for _ in $(seq 100); do grep -q 'learning on pipeline' "$work/cp.err" && break; sleep 0.05; done
    for i in 0 1 2 3; do
        same "host $i to an unknown address: flooded to the other ports" "$(flooded "$i")" \
            "$(send "$i" 0x99 "$i")"
    done
    if wait "$cp_pid"; then ok "the control plane learned four addresses"; else
        bad "the control plane: exit $?"; sed 's/^/    /' "$work/cp.err"
    fi
    cp_pid=
    same "what the control plane learned" "learned $(mac 0) on port 0
learned $(mac 1) on port 1
learned $(mac 2) on port 2
learned $(mac 3) on port 3" "$(cat "$work/cp.out")"
    for i in 0 1 2 3; do
        same "mac_table entry of host $i" "$(mac "$i") switch_ingress.forward port=$i" \
            "$(p4ctl table get "$pipe" mac_table "dst_addr=$(mac "$i")" | tail -n 1 |
               tr -s ' ')"
    done

    # Learned: frames go to their destination's port alone, and their
    # sources send no digests.
    watch_digests "$work/none.out"
    same "host 0 to host 2: port 2 alone" "$(only 2)" "$(send 0 2 0)"
    same "host 3 to host 1: port 1 alone" "$(only 1)" "$(send 3 1 3)"
    same "host 2 to host 0: port 0 alone" "$(only 0)" "$(send 2 0 2)"
    sleep 0.3
    kill -INT "$watch_pid"
    wait "$watch_pid"
    same "learned sources send no digests" "" "$(cat "$work/none.out")"

    # A new source on port 3: a digest, as p4ctl digest watch prints it.
    watch_digests "$work/new.out" -c 1
    send 3 1 0x33 >/dev/null
    wait "$watch_pid"
    same "p4ctl digest watch: a new source" \
        "mac_learn_t src_addr=$(mac 0x33) ingress_port=3" "$(cat "$work/new.out")"
    watch_digests "$work/json.out" --json -c 1
    send 3 1 0x33 >/dev/null
    wait "$watch_pid"
    same "p4ctl --json digest watch: a new source" \
        "{\"digest\":\"mac_learn_t\",\"fields\":{\"src_addr\":\"$(mac 0x33)\",\"ingress_port\":3}}" \
        "$(cat "$work/json.out")"

    # Host 0's address moves to port 1: the control plane moves it.
    timeout 20 "$CP" -c 1 "$pipe" >"$work/cp.out" 2>"$work/cp.err" &
    cp_pid=$!
    for _ in $(seq 100); do grep -q 'learning on pipeline' "$work/cp.err" && break; sleep 0.05; done
    send 1 2 0 >/dev/null
    if wait "$cp_pid"; then ok "the control plane saw the move"; else
        bad "the control plane: exit $?"; sed 's/^/    /' "$work/cp.err"
    fi
    cp_pid=
    same "what the control plane did" "moved $(mac 0) on port 1" "$(cat "$work/cp.out")"
    same "host 2 to host 0's address: port 1 alone" "$(only 1)" "$(send 2 0 2)"
    same "digest list: none lost" \
        "mac_learn_t (id 0x175710df, 0 lost): src_addr:bit<48> ingress_port:bit<9>" \
        "$(p4ctl digest list "$pipe")"
    # Unloading the pipeline ends a watch: its program no longer runs.
    watch_digests "$work/gone.out"
    check "pipeline unload" p4ctl pipeline unload "$pipe"
    wait "$watch_pid"
    same "a watch ends when the pipeline is unloaded (exit 1)" "1 p4ctl: $pipe: pipeline '$pipe' \
was unloaded or replaced: the program watched no longer runs (watch it again)" \
        "$? $(grep -v '^p4ctl: watching' "$work/gone.out.err")"
}

run_mode native
run_mode generic

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
