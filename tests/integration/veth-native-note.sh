#!/usr/bin/env bash
# Native XDP on a veth whose peer runs no XDP program drops the frames
# redirected into it (issue 17): `port add` in native mode says so, naming
# the peer; it says nothing once the peer has a program, nor in generic
# mode. Veths in a network namespace of the test's own.
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
ns=veth-note-$tag
pipe=veth-note-$tag
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null ||
    ! ip -n "$ns" link add v0 type veth peer name v1 2>/dev/null ||
    ! ip -n "$ns" link add w0 type veth peer name w1 2>/dev/null; then
    echo "skipped: cannot create a network namespace with veth pairs here"
    exit 77
fi
for dev in v0 v1 w0 w1; do ip -n "$ns" link set "$dev" up; done

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL  $*"
    sed 's/^/      /' "$work/out"
}
expect() {
    local want=$1 what=$2
    shift 3
    "$@" >"$work/out" 2>&1
    local got=$?
    if [[ $got -eq $want ]]; then ok; else bad "$what: exit status $got, not $want"; fi
}
has() { if grep -qF -- "$2" "$work/out"; then ok; else bad "$1: no '$2'"; fi; }
hasnt() { if grep -qF -- "$2" "$work/out"; then bad "$1: '$2'"; else ok; fi; }
inns() { "$P4CTL" -n "$ns" "$@"; }

if ! "$BUILD/p4cc" -o "$work/l2.o" examples/l2_switch.p4 2>"$work/out"; then
    bad "compiling examples/l2_switch.p4"
    exit 1
fi
if ! inns pipeline load "$pipe" "$work/l2.o" >"$work/out" 2>&1; then
    if grep -q 'not permitted' "$work/out"; then
        echo "skipped: $(tail -n 1 "$work/out")"
        exit 77
    fi
    bad "pipeline load"
    exit 1
fi

# v1 has no program: adding v0 natively warns, naming v1.
expect 0 "native port add of v0" -- inns --xdp-mode native port add "$pipe" v0 1
has "native port add of v0" "its peer 'v1' has no XDP program"
# Generic mode: frames go through the peer's stack, no warning.
expect 0 "generic port add of w0" -- inns --xdp-mode generic port add "$pipe" w0 2
hasnt "generic port add of w0" "has no XDP program"
# v1 joins the switch (its peer v0 has a program): no warning.
expect 0 "native port add of v1" -- inns --xdp-mode native port add "$pipe" v1 3
hasnt "native port add of v1" "has no XDP program"
# v0 again, now that v1 runs the program: no warning.
expect 0 "port del v0" -- inns port del "$pipe" v0
expect 0 "native port add of v0 again" -- inns --xdp-mode native port add "$pipe" v0 1
hasnt "native port add of v0 again" "has no XDP program"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
