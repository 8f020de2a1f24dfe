#!/usr/bin/env bash
# p4ctl prints entries whole, however many arguments and key fields they
# have: an action of 66 parameters (tests/stf/xdp-many-params.p4) as an
# entry and as the default action, through table dump, get and default and
# pipeline show; and an entry of 66 key fields (tests/stf/xdp-many-keys.p4)
# through table dump. Exit 77 without root (loading pipelines).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
P4CTL=$BUILD/p4ctl

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines needs root"
    exit 77
fi
work=$(mktemp -d)
params=long-rows-$$-params keys=long-rows-$$-keys
cleanup() {
    "$P4CTL" pipeline unload "$params" >/dev/null 2>&1
    "$P4CTL" pipeline unload "$keys" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0

for prog in xdp-many-params xdp-many-keys; do
    if ! "$BUILD/p4cc" "tests/stf/$prog.p4" -o "$work/$prog.o" 2>"$work/log"; then
        echo "FAIL  tests/stf/$prog.p4 does not compile"
        sed 's/^/    /' "$work/log"
        exit 1
    fi
done
"$P4CTL" pipeline load "$params" "$work/xdp-many-params.o" >/dev/null || exit 1
"$P4CTL" pipeline load "$keys" "$work/xdp-many-keys.o" >/dev/null || exit 1

# The action arguments and the key fields of the .stf files' entries, as
# NAME=VALUE words.
args=$(sed -n 's/^add by_type .*(\(.*\))$/\1/p' tests/stf/xdp-many-params.stf |
    sed 's/,//g; s/:/=/g')
key_fields=$(sed -n 's/^add by_fields \(.*\) tag(.*/\1/p' tests/stf/xdp-many-keys.stf |
    sed 's/:/=/g')
"$P4CTL" table add "$params" by_type ether_type=0x1234 action=fill $args || exit 1
"$P4CTL" table default "$params" by_src action=fill $args || exit 1
"$P4CTL" table add "$keys" by_fields $key_fields action=tag type=7 || exit 1

# check WHAT OUTPUT WORD: OUTPUT has WORD as a whole word.
check() {
    if grep -qw -- "$3" <<<"$2"; then
        echo "ok    $1"; passed=$((passed + 1))
    else
        echo "FAIL  $1: no '$3' in"; sed 's/^/    /' <<<"$2"; failed=$((failed + 1))
    fi
}
# The last argument as p4ctl prints it, in decimal.
last_arg=${args##* }
last_arg=${last_arg%%=*}=$((${last_arg#*=}))
check "table dump: the entry's last argument" "$("$P4CTL" table dump "$params" by_type)" \
    "$last_arg"
check "table get: the entry's last argument" \
    "$("$P4CTL" table get "$params" by_type ether_type=0x1234)" "$last_arg"
check "table dump: the default's last argument" "$("$P4CTL" table dump "$params" by_src)" \
    "$last_arg"
check "table default: the last argument" "$("$P4CTL" table default "$params" by_src)" "$last_arg"
check "pipeline show: the default's last argument" "$("$P4CTL" pipeline show "$params")" \
    "$last_arg"
# The 66th key field's name heads a column, and its value (in decimal)
# is in the row.
dump=$("$P4CTL" table dump "$keys" by_fields)
check "table dump: the 66th key field's column" "$dump" "hdr.d.f65"
last_key=${key_fields##*=}
check "table dump: the 66th key field's value" "$(tail -n 2 <<<"$dump" | head -n 1)" \
    "$((last_key))"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
