#!/usr/bin/env bash
# Extern functions of the program's own, implemented in C: several
# --extern-c files, --extern-dir DIR (DIR/NAME.c per extern function; the
# first directory that has the file wins), and the errors when an
# implementation is missing. Packet tests need root; the compile checks run
# without it.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
T=tests/integration/extern-c
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
check() { # check WHAT CONDITION-EXIT-STATUS
    if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); echo "ok    $1"; else
        failed=$((failed + 1)); echo "FAIL  $1"; fi
}

"$BUILD/p4cc" "$T/prog.p4" -o "$work/a.o" 2> "$work/err"
check "no implementation: fails" $([[ $? -ne 0 ]]; echo $?)
check "no implementation: located error naming both ways to give one" \
    $(grep -q "prog.p4:37:27: error: extern function 'fold16' has no implementation: .*--extern-c FILE or --extern-dir DIR (DIR/fold16.c)" "$work/err"; echo $?)
check "no implementation: the void call too" \
    $(grep -q "prog.p4:38:9: error: extern function 'bump' has no implementation" "$work/err"; echo $?)

"$BUILD/p4cc" --extern-dir "$T/other" "$T/prog.p4" -o "$work/b.o" 2> "$work/err"
check "one of two found: fails" $([[ $? -ne 0 ]]; echo $?)
check "one of two found: the missing one named at its P4 line" \
    $(grep -q "prog.p4:37:[0-9]*: error: .*'fold16'" "$work/err"; echo $?)
check "one of two found: no object written" $([[ ! -e $work/b.o ]]; echo $?)

"$BUILD/p4cc" --extern-c "$work/none.c" "$T/prog.p4" -o "$work/c.o" 2> "$work/err"
check "missing --extern-c file: fails with its name" \
    $([[ $? -ne 0 ]] && grep -q "none.c: No such file" "$work/err"; echo $?)

"$BUILD/p4cc" -S --extern-dir "$T/other" --extern-dir "$T/lib" "$T/prog.p4" -o "$work/d.c"
check "--extern-dir: each function's file included once, first directory first" \
    $([[ $(grep -c '^#include ".*/other/bump.c"' "$work/d.c") -eq 1 &&
         $(grep -c '^#include ".*/lib/fold16.c"' "$work/d.c") -eq 1 &&
         $(grep -c '^#include ".*/lib/bump.c"' "$work/d.c") -eq 0 ]]; echo $?)

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: the packet tests load BPF programs, which needs root"
else
    run() { "$BUILD/p4ctl" "$@" test "$T/prog.p4" "$T/prog.stf" > "$work/log" 2>&1; }
    run --extern-c "$T/lib/fold16.c" --extern-c "$T/lib/bump.c"
    check "two --extern-c files: packets as expected" $?
    run --extern-dir "$T/lib"
    check "--extern-dir: packets as expected" $?
    run --extern-dir "$T/lib" --extern-dir "$T/other"
    check "two directories: the first one's bump" $?
    run --extern-dir "$T/other" --extern-dir "$T/lib"
    check "two directories the other way: bump adds 2, the packets differ" \
        $([[ $? -ne 0 ]] && grep -q "0 passed, 2 failed" "$work/log"; echo $?)
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
