#!/usr/bin/env bash
# The numeric ids of prog.p4info.json (docs/RUNTIME.md, "IDs") for
# tests/p4rt/ids.p4: the kind byte of every kind of object, @id honoured
# (under the object's own kind byte), a taken @id replaced with a warning,
# no id used twice, the same ids on a second compile, and the same ids for
# the same objects when the program gains another table and action. Needs
# clang (p4cc compiles the program), no privileges.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CC=$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a" "$work/b" "$work/x"

passed=0 failed=0
expect() { # expect WHAT ACTUAL WANTED
    if [[ $2 == "$3" ]]; then passed=$((passed + 1)); echo "ok    $1"; else
        failed=$((failed + 1)); echo "FAIL  $1"; diff <(echo "$3") <(echo "$2") | sed 's/^/    /'; fi
}

if ! "$P4CC" tests/p4rt/ids.p4 -o "$work/a/ids.o" 2>"$work/warnings"; then
    echo "FAIL  p4cc tests/p4rt/ids.p4"; cat "$work/warnings"; exit 1
fi
expect "a taken @id is replaced, with a warning" "$(grep -c 'warning' "$work/warnings")
$(head -n 1 "$work/warnings")" "1
tests/p4rt/ids.p4:32:5: warning: @id(9) of 'sw.t2' is taken; a generated id is used instead"

# ids FILE: "kind name 0xID" lines, in p4info order.
ids() {
    python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
seen = set()
for t in d["tables"]:
    print("table", t["name"], "0x%08x" % t["id"])
    for a in t["actions"]:
        if (a["name"], a["id"]) not in seen:
            seen.add((a["name"], a["id"]))
            print("action", a["name"], "0x%08x" % a["id"])
for kind in ("counters", "registers", "value_sets"):
    for o in d[kind]:
        print(kind[:-1], o["name"], "0x%08x" % o["id"])
PY
}
ids "$work/a/ids.p4info.json" >"$work/a/ids"
expect "@id(9) on a table, @id(5) on a counter, @id(0x02000007) on an action" \
    "$(grep -E ' sw\.(t1|c|set) ' "$work/a/ids")" "table sw.t1 0x02000009
action sw.set 0x01000007
counter sw.c 0x12000005"
expect "every id has its kind's top byte" \
    "$(awk '{ print $1, substr($3, 1, 4) }' "$work/a/ids" | sort -u)" "action 0x01
counter 0x12
register 0x16
table 0x02
value_set 0x03"
expect "no id is used twice" "$(awk '{ print $3 }' "$work/a/ids" | sort | uniq -d)" ""
expect "the taken @id got a generated table id" \
    "$(awk '$2 == "sw.t2" { print ($3 != "0x02000009") }' "$work/a/ids")" "1"

"$P4CC" tests/p4rt/ids.p4 -o "$work/b/ids.o" 2>/dev/null
expect "a second compile writes the same p4info" \
    "$(cmp "$work/a/ids.p4info.json" "$work/b/ids.p4info.json" && echo same)" "same"
"$P4CC" -DEXTRA tests/p4rt/ids.p4 -o "$work/x/ids.o" 2>/dev/null
ids "$work/x/ids.p4info.json" >"$work/x/ids"
expect "another table and action leave the others' ids alone" \
    "$(grep -v -E ' sw\.(t0|extra) ' "$work/x/ids" | sort)" "$(sort "$work/a/ids")"
expect "... and get ids of their own" "$(grep -c -E ' sw\.(t0|extra) ' "$work/x/ids")" "2"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
