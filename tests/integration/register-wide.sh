#!/usr/bin/env bash
# p4ctl's register commands on registers wider than 64 bits and of structs
# (tests/stf/v1model-register-wide.p4): get and dump print wide cells in
# hex, set takes a number of any width or FIELD=VALUE for each field of a
# struct, and wrong values are refused. The transcript must match
# tests/p4rt/register-wide.expected; UPDATE=1 rewrites that file. The
# packet side is tests/stf/v1model-register-wide.stf.
# Exit 77 without root (loading BPF programs).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
EXPECTED=tests/p4rt/register-wide.expected
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines needs root"
    exit 77
fi
name=$(printf 'rwd-%07d' $$)
work=$(mktemp -d)
cleanup() {
    "$P4CTL" pipeline unload "$name" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
out=$work/transcript
run() {
    local status
    printf '$ p4ctl %s\n' "$*" | sed "s/$name/NAME/g" >>"$out"
    "$P4CTL" "$@" >"$work/o" 2>&1
    status=$?
    sed -e "s/$name/NAME/g" -e "s/program id [0-9]*/program id N/" "$work/o" >>"$out"
    [[ $status -eq 0 ]] || echo "[exit $status]" >>"$out"
    return 0
}

if ! "$P4CTL" pipeline load "$name" tests/stf/v1model-register-wide.p4 >"$work/o" 2>&1; then
    if grep -q 'not permitted' "$work/o"; then
        echo "skipped: $(tail -n 1 "$work/o")"
        exit 77
    fi
    echo "FAIL  pipeline load:"; cat "$work/o"; exit 1
fi

# bit<72> cells
run register get "$name" wide_cells 1
run register set "$name" wide_cells 1 0xff0102030405060708
run register set "$name" wide_cells 3 4722366482869645213695
run register get "$name" wide_cells 1
run --json register get "$name" wide_cells 3
run register dump "$name" wide_cells
run --json register dump "$name" wide_cells
run register set "$name" wide_cells 2 0x1ff0102030405060708
run register set "$name" wide_cells 2 a=1
run register reset "$name" wide_cells 1
run register dump "$name" wide_cells
# a struct of 153 bits: a, b, inner.colour, inner.big
run register set "$name" struct_cells 0 a=0xbeef b=1 inner.colour=7 inner.big=0x10
run register get "$name" struct_cells 0
run register set "$name" struct_cells 0 a=0xbeef,b=0,inner.colour=7,inner.big=0x10
run register get "$name" struct_cells 0
run register set "$name" struct_cells 0 a=0x1beef b=1 inner.colour=7 inner.big=0
run register set "$name" struct_cells 0 a=1 b=1 inner.colour=7
run register set "$name" struct_cells 0 a=1 a=2 b=1 inner.colour=7 inner.big=0
run register set "$name" struct_cells 0 a=1 c=2
# a struct of 8 bits: x, y, z, read as the packed number
run register set "$name" small_cells 1 x=0xb y=0 z=5
run register get "$name" small_cells 1
run register set "$name" small_cells 1 0x1b5
run register set "$name" small_cells 1 0x0d
run --json register dump "$name" small_cells
# the 16-bit register keeps its plain numbers
run register set "$name" narrow_cells 1 x=1
run register set "$name" narrow_cells 1 7
run register get "$name" narrow_cells 1
run pipeline show "$name"

if [[ ${UPDATE:-0} == 1 ]]; then
    cp "$out" "$EXPECTED"
    echo "updated $EXPECTED"
    exit 0
fi
if ! diff -u "$EXPECTED" "$out"; then
    echo "FAIL  the transcript differs from $EXPECTED (UPDATE=1 rewrites it)"
    exit 1
fi
echo "ok"
