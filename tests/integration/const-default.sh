#!/usr/bin/env bash
# A table whose default action is const runs it on a miss without reading
# its default-action map (emit_tables.c); one whose default the control
# plane may change reads the map. Its STF test checks the behaviour.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

if ! "$BUILD/p4cc" -S tests/stf/xdp-const-default.p4 -o "$work/prog.c" 2>"$work/log"; then
    echo "FAIL  tests/stf/xdp-const-default.p4 does not compile"; sed 's/^/    /' "$work/log"
    exit 1
fi
# expect TABLE yes|no: whether the C reads TABLE's default-action value.
expect() {
    local reads=no
    grep -q "value = &sw_$1_default;" "$work/prog.c" && reads=yes
    if [[ $reads == "$2" ]]; then
        echo "ok    $1: default map read: $2"; passed=$((passed + 1))
    else
        echo "FAIL  $1: default map read: $reads, expected $2"; failed=$((failed + 1))
    fi
}
expect t_map no
expect t_wide no
expect t_plain yes
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
