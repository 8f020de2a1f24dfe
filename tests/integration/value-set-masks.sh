#!/usr/bin/env bash
# p4ctl's value-set commands on sets of members wider than 64 bits and of
# structs with ternary, lpm, range and optional fields
# (tests/stf/v1model-value-set-masks.p4): add, del, dump and clear, each
# field's forms, and wrong members refused. The transcript must match
# tests/p4rt/value-set-masks.expected; UPDATE=1 rewrites that file. The
# packet side is tests/stf/v1model-value-set-masks.stf.
# Exit 77 without root (loading BPF programs).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
EXPECTED=tests/p4rt/value-set-masks.expected
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines needs root"
    exit 77
fi
name=$(printf 'vsm-%07d' $$)
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

if ! "$P4CTL" pipeline load "$name" tests/stf/v1model-value-set-masks.p4 >"$work/o" 2>&1; then
    if grep -q 'not permitted' "$work/o"; then
        echo "skipped: $(tail -n 1 "$work/o")"
        exit 77
    fi
    echo "FAIL  pipeline load:"; cat "$work/o"; exit 1
fi

# wide_set: 72-bit members, by fields or as one number
run value-set add "$name" wide_set mac=00:00:00:00:00:01 e=0x11 t=0x2222
run value-set add "$name" wide_set 0x0a0b0c0d0e0f334455
run value-set add "$name" wide_set 0x0a0b0c0d0e0f334455
run value-set dump "$name" wide_set
run --json value-set dump "$name" wide_set
run value-set add "$name" wide_set 0x1000000000000000000
run value-set add "$name" wide_set mac=1 e=0x111 t=0
run value-set del "$name" wide_set 0x0a0b0c0d0e0f334455
run value-set del "$name" wide_set 0x0a0b0c0d0e0f334455
run value-set add "$name" wide_set 1
run value-set add "$name" wide_set 2
run value-set add "$name" wide_set 3
run value-set add "$name" wide_set 4
run value-set dump "$name" wide_set
run value-set clear "$name" wide_set
run value-set dump "$name" wide_set
# masked_set: ternary, lpm, exact, range and optional fields
run value-set add "$name" masked_set "f1=0x0800&&&0xff00" f2=0x40/2 f3=5 f4=3..7 "f5=*"
run value-set add "$name" masked_set f1=0x1234 f2=0/0 f3=0 f4=0..31 f5=0x77
run value-set add "$name" masked_set f1=0x1234 f2=0/0 f3=0 f4=0..31 f5=0x77
run value-set dump "$name" masked_set
run --json value-set dump "$name" masked_set
run value-set add "$name" masked_set f1=1 f2=2 f3=1..2 f4=3 f5=4
run value-set add "$name" masked_set f1=1 f2=2 f3=1 f4=7..3 f5=4
run value-set add "$name" masked_set f1=1 f2=0x40/9 f3=1 f4=3 f5=4
run value-set add "$name" masked_set f1=1 f2=2 f3=64 f4=3 f5=4
run value-set add "$name" masked_set f1=1 f2=2 f3=1 f4=3 "f5=0x4&&&0xf"
run value-set add "$name" masked_set f1=1 f2=2 f3=1 f4=3
run value-set add "$name" masked_set 0x1234
run value-set add "$name" masked_set f1=1 f2=2 f3=1 f4=3 f5=4
run value-set add "$name" masked_set f1=2 f2=2 f3=1 f4=3 f5=4
run value-set del "$name" masked_set f1=0x1234 f2=0/0 f3=0 f4=0..31 f5=0x77
run value-set del "$name" masked_set f1=0x1234 f2=0/0 f3=0 f4=0..31 f5=0x77
run value-set dump "$name" masked_set
# what dump prints is what add and del take
run value-set del "$name" masked_set "f1=0x800&&&0xff00" f2=0x40/2 f3=0x5 f4=0x3..0x7 "f5=*"
run value-set dump "$name" masked_set
run value-set clear "$name" masked_set
run value-set dump "$name" masked_set
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
