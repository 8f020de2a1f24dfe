#!/usr/bin/env bash
# Recovering from interfaces and namespaces that went away (issue 17), on
# veths in a network namespace of the test's own, each with one command:
#   - `port list` from another namespace than the pipeline's shows
#     "(other netns)", never the names of unrelated local interfaces that
#     happen to have the same indexes;
#   - a port whose interface was deleted ("(gone)") gives its number to
#     the next `port add`, and `port del NAME NUMBER` removes it;
#   - a pipeline whose namespace was deleted: `pipeline unload` says why
#     it cannot (and names --force), `pipeline unload --force` removes it.
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
ns=rel-recov-$tag
pipe=rel-recov-$tag
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    "$P4CTL" pipeline unload --force "$pipe" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null ||
    ! ip -n "$ns" link add a0 type veth peer name a1 2>/dev/null ||
    ! ip -n "$ns" link add b0 type veth peer name b1 2>/dev/null ||
    ! ip -n "$ns" link add c0 type veth peer name c1 2>/dev/null; then
    echo "skipped: cannot create a network namespace with veth pairs here"
    exit 77
fi
for dev in a0 a1 b0 b1 c0 c1; do ip -n "$ns" link set "$dev" up; done

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL  $*"
    sed 's/^/      /' "$work/out"
}
# expect STATUS DESCRIPTION -- COMMAND...: COMMAND exits STATUS; its
# output (both streams) in $work/out.
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
expect 0 "port add a0" -- inns --xdp-mode generic port add "$pipe" a0 1
expect 0 "port add b0" -- inns --xdp-mode generic port add "$pipe" b0 2

# From this namespace: the namespace's indexes name nothing here.
expect 0 "port list from another namespace" -- "$P4CTL" port list "$pipe"
has "port list from another namespace" "(other netns)"
for idx in $(ip -n "$ns" -o link show | awk -F': ' '$2 ~ /^[ab]0@/ {print $1}'); do
    local_name=$(ip -o link show 2>/dev/null | awk -F': ' -v i="$idx" '$1 == i {sub(/@.*/, "", $2); print $2}')
    if [[ -n $local_name ]]; then
        hasnt "port list from another namespace names a local interface" " $local_name "
    fi
done
expect 0 "port list in the namespace" -- inns port list "$pipe"
has "port list in the namespace" "a0"

# b0 deleted: port 2 is "(gone)", its number free again; c0 takes it.
ip -n "$ns" link del b0
expect 0 "port list after b0 was deleted" -- inns port list "$pipe"
has "port list after b0 was deleted" "(gone)"
expect 0 "port add of a gone port's number" -- inns --xdp-mode generic port add "$pipe" c0 2
expect 0 "port list" -- inns port list "$pipe"
has "port list after c0 took port 2" "c0"
hasnt "port list after c0 took port 2" "(gone)"
# c0 deleted: `port del NAME 2` removes the gone port.
ip -n "$ns" link del c0
expect 0 "port del of a gone port by number" -- inns port del "$pipe" 2
expect 0 "port list" -- inns port list "$pipe"
hasnt "port list after port del 2" "(gone)"
has "port list after port del 2" "a0"
expect 1 "port del of a number that is no port" -- inns port del "$pipe" 7
has "port del of a number that is no port" "'7' is not a port of the pipeline"

# The namespace deleted (a0 with it): unload says why not; --force does.
ip netns del "$ns"
expect 1 "pipeline unload after its namespace was deleted" -- "$P4CTL" pipeline unload "$pipe"
has "pipeline unload after its namespace was deleted" "--force"
expect 0 "pipeline unload --force" -- "$P4CTL" pipeline unload --force "$pipe"
if [[ -e /sys/fs/bpf/p4cc/$pipe ]]; then bad "pins left after unload --force"; else ok; fi
expect 1 "pipeline show after unload --force" -- "$P4CTL" pipeline show "$pipe"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
