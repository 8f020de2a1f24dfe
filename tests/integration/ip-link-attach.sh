#!/usr/bin/env bash
# Every example and packet-test program, compiled by p4cc, loads the way an
# operator loads it: `ip link set dev IFACE xdp obj prog.o sec xdp`, here on
# a veth pair inside a network namespace this test creates and removes.
# Exit 77 when the machine cannot do that (not root, no netns support).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CC=$BUILD/p4cc

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: attaching XDP programs needs root"
    exit 77
fi
ns=p4cc-attach-$$
work=$(mktemp -d)
cleanup() {
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null ||
    ! ip -n "$ns" link add veth0 type veth peer name veth1 2>/dev/null; then
    echo "skipped: cannot create a network namespace with a veth pair here"
    exit 77
fi
ip -n "$ns" link set veth0 up
ip -n "$ns" link set veth1 up

passed=0 failed=0
for p4 in examples/*.p4 tests/stf/*.p4; do
    [[ -f $p4 ]] || continue
    obj=$work/$(basename "${p4%.p4}").o
    if ! "$P4CC" "$p4" -o "$obj" 2>"$work/log"; then
        echo "FAIL  $p4: does not compile"; sed 's/^/    /' "$work/log"
        failed=$((failed + 1)); continue
    fi
    if ! ip -n "$ns" link set dev veth0 xdp obj "$obj" sec xdp 2>"$work/log"; then
        echo "FAIL  $p4: ip link refused the object"; tail -n 20 "$work/log" | sed 's/^/    /'
        failed=$((failed + 1)); continue
    fi
    if ip -n "$ns" link show veth0 | grep -q 'prog/xdp'; then
        echo "ok    $p4"
        passed=$((passed + 1))
    else
        echo "FAIL  $p4: no XDP program attached after ip link"
        failed=$((failed + 1))
    fi
    ip -n "$ns" link set dev veth0 xdp off
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
