#!/usr/bin/env bash
# Port commands racing each other (docs/RUNTIME.md, "Concurrency"), 40
# rounds of each, on veths in a network namespace of the test's own:
#   - `port add` racing `pipeline unload`: afterwards either the pipeline
#     is there with the interface as its port, or it is gone and no
#     program is attached to the interface (never a program left attached
#     with its pins gone);
#   - two `port add` of different interfaces as the same P4 port: exactly
#     one succeeds, the other says the port is taken, and exactly one
#     interface runs the program.
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
ns=rel-races-$tag
pipe=rel-races-$tag
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null ||
    ! ip -n "$ns" link add a0 type veth peer name a1 2>/dev/null ||
    ! ip -n "$ns" link add b0 type veth peer name b1 2>/dev/null; then
    echo "skipped: cannot create a network namespace with veth pairs here"
    exit 77
fi
for dev in a0 a1 b0 b1; do ip -n "$ns" link set "$dev" up; done

p4ctl() { "$P4CTL" -n "$ns" "$@"; }
# attached DEV: whether an XDP program runs on DEV.
attached() { ip -n "$ns" -d link show dev "$1" | grep -q 'prog/xdp'; }

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
p4ctl pipeline unload "$pipe"

rounds=40 left_attached=0 both=0 neither=0 bad_message=0
for ((i = 0; i < rounds; i++)); do
    p4ctl pipeline load "$pipe" "$work/l2.o" >/dev/null || exit 1
    p4ctl port add "$pipe" a0 >/dev/null 2>&1 &
    p4ctl pipeline unload "$pipe" 2>/dev/null &
    wait
    if [[ ! -d /sys/fs/bpf/p4cc/$pipe ]] && attached a0; then
        left_attached=$((left_attached + 1))
    fi
    ip -n "$ns" link set a0 xdp off 2>/dev/null
    ip -n "$ns" link set a0 xdpgeneric off 2>/dev/null
    p4ctl pipeline unload "$pipe" >/dev/null 2>&1
done
echo "port add racing pipeline unload: program left attached without its pipeline" \
    "in $left_attached of $rounds rounds"

for ((i = 0; i < rounds; i++)); do
    p4ctl pipeline load "$pipe" "$work/l2.o" >/dev/null || exit 1
    p4ctl port add "$pipe" a0 3 >"$work/a" 2>&1 &
    pa=$!
    p4ctl port add "$pipe" b0 3 >"$work/b" 2>&1 &
    pb=$!
    wait "$pa"
    sa=$?
    wait "$pb"
    sb=$?
    n=0
    attached a0 && n=$((n + 1))
    attached b0 && n=$((n + 1))
    ports=$(p4ctl port list "$pipe" | grep -c '^ *3 ')
    if [[ $((sa + sb)) -eq 0 || $n -eq 2 || $ports -ne 1 ]]; then
        both=$((both + 1))
    elif [[ $sa -ne 0 && $sb -ne 0 || $n -eq 0 ]]; then
        neither=$((neither + 1))
    elif ! grep -q "port 3 is already interface" "$work/a" "$work/b"; then
        bad_message=$((bad_message + 1))
        cat "$work/a" "$work/b"
    fi
    p4ctl pipeline unload "$pipe" >/dev/null || exit 1
done
echo "two port adds as port 3: both took it in $both, neither in $neither," \
    "a wrong message in $bad_message of $rounds rounds"

if [[ $left_attached -eq 0 && $both -eq 0 && $neither -eq 0 && $bad_message -eq 0 ]]; then
    echo "2 passed, 0 failed"
else
    echo "FAIL  port commands race"
    exit 1
fi
