#!/usr/bin/env bash
# The generated C API (p4cc --emit=api, the prog.h that p4cc writes beside
# prog.o): for every program under examples/ and tests/stf/ (and the p4ctl
# test program), the header compiles on its own with -Wall -Wextra -Werror
# (and -pedantic, -Wshadow, ...) under gcc and clang; all of them compile
# together in one file (no name clashes between programs); a second run
# writes the same header; the header written beside prog.o is the one
# --emit=api prints. Needs no privileges.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CC=$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
FLAGS=(-std=c11 -pedantic -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
       -Wmissing-prototypes -Wconversion -Iinclude)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compilers=()
for cc in gcc clang; do command -v "$cc" >/dev/null && compilers+=("$cc"); done
if [[ ${#compilers[@]} -eq 0 ]]; then
    echo "skipped: neither gcc nor clang is installed"
    exit 77
fi

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL  $1"; [[ -f ${2:-} ]] && sed 's/^/    /' "$2" | head -20; }

mkdir -p "$work/again"
: >"$work/all.c"
for p4 in examples/*.p4 tests/stf/*.p4 tests/p4rt/cli.p4; do
    name=$(basename "$p4" .p4)
    h=$work/$name.h
    if ! "$P4CC" --emit=api -o "$h" "$p4" >"$work/log" 2>&1; then
        bad "$p4: p4cc --emit=api" "$work/log"
        continue
    fi
    "$P4CC" --emit=api -o "$work/again/$name.h" "$p4" >/dev/null 2>&1
    if cmp -s "$h" "$work/again/$name.h"; then ok; else bad "$p4: a second run writes another header"; fi
    printf '#include "%s.h"\n' "$name" >"$work/tu-$name.c"
    printf '#include "%s.h"\n' "$name" >>"$work/all.c"
    for cc in "${compilers[@]}"; do
        if "$cc" "${FLAGS[@]}" -I"$work" -c "$work/tu-$name.c" -o "$work/tu.o" >"$work/log" 2>&1
        then ok; else bad "$p4: $name.h does not compile with $cc" "$work/log"; fi
    done
done
for cc in "${compilers[@]}"; do
    if "$cc" "${FLAGS[@]}" -I"$work" -c "$work/all.c" -o "$work/all.o" >"$work/log" 2>&1
    then ok; else bad "all headers in one file ($cc)" "$work/log"; fi
done

# p4cc prog.p4 -o prog.o writes the same header as prog.h; --api-header
# moves it, --no-api-header leaves it out.
mkdir -p "$work/full"
if "$P4CC" examples/ipv4_router.p4 -o "$work/full/ipv4_router.o" >"$work/log" 2>&1 &&
    cmp -s "$work/full/ipv4_router.h" "$work/ipv4_router.h"; then ok; else
    bad "p4cc -o prog.o does not write the --emit=api header as prog.h" "$work/log"; fi
rm -f "$work/full/"*
"$P4CC" --no-api-header examples/l2_switch.p4 -o "$work/full/l2.o" >/dev/null 2>&1
if [[ -f $work/full/l2.o && ! -e $work/full/l2.h ]]; then ok; else bad "--no-api-header"; fi
"$P4CC" --api-header "$work/full/api.h" examples/l2_switch.p4 -o "$work/full/l2.o" >/dev/null 2>&1
if [[ -f $work/full/api.h && ! -e $work/full/l2.h ]] && grep -q '^#ifndef API_H$' "$work/full/api.h"
then ok; else bad "--api-header FILE"; fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
