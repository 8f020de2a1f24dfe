#!/usr/bin/env bash
# A ternary table at scale (issue 6): 1,000 distinct masks, 10,000 entries
# with distinct priorities, in a table of size 10,000. The program must load
# and pass the verifier, and classify packets as the generator's brute-force
# model says (the highest-priority matching entry, or the default action).
# Program and STF are generated into a temporary directory by
# ternary-scale-gen.py (SEED=N picks another random table).
# Exit 77 when BPF programs cannot be loaded here (not root).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$BUILD/p4ctl
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
ETH='000000000001 000000000002 88b5'

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading BPF programs needs root"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! python3 tests/integration/ternary-scale-gen.py --seed "${SEED:-6}" \
    "$work/tcam.p4" "$work/tcam.stf" >"$work/gen.log"; then
    echo "FAIL  the generator failed"; cat "$work/gen.log"
    exit 1
fi
echo "generated: $(cat "$work/gen.log")"

# Loads and passes the verifier.
if ! "$P4CTL" verify "$work/tcam.p4" >"$work/verify.log" 2>&1; then
    echo "FAIL  p4ctl verify"; tail -n 20 "$work/verify.log"
    exit 1
fi
cat "$work/verify.log"

# Classifies every packet as expected.
start=$EPOCHREALTIME
"$P4CTL" test "$work/tcam.p4" "$work/tcam.stf" >"$work/test.log" 2>&1
status=$?
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
if [[ $status -ne 0 ]]; then
    echo "FAIL  p4ctl test (exit status $status)"; tail -n 40 "$work/test.log"
    exit 1
fi
echo "ok: $(tail -n 1 "$work/test.log") (entries added and packets run in $elapsed s)"

# Information only (no timed assertion): ns per lookup for 1 to 1,000 masks
# of 10 entries, by bench/xdp_speed (BPF_PROG_TEST_RUN, median of RUNS runs
# of REPEAT repetitions): two keys that entries match (the walk may stop
# early), then one that no entry matches (every mask is visited).
SPEED=$BUILD/bench/xdp_speed
if [[ ! -x $SPEED ]]; then
    echo "(no $SPEED: lookup times not measured)"
    exit 0
fi
for masks in 1 10 100 1000; do
    d=$work/m$masks
    mkdir -p "$d"
    python3 tests/integration/ternary-scale-gen.py --seed "${SEED:-6}" --masks "$masks" \
        --per-mask 10 --packets 3 "$d/tcam.p4" "$d/all.stf" >/dev/null || exit 1
    { grep -v '^packet\|^expect' "$d/all.stf"; grep -m 2 '^packet' "$d/all.stf"
      echo "packet 0 $ETH ffffffff 0000"; } >"$d/bench.stf"
    if ! "$BUILD/p4cc" -o "$d/tcam.o" "$d/tcam.p4" >"$d/p4cc.log" 2>&1 ||
        ! "$SPEED" -n "${RUNS:-50}" -r "${REPEAT:-50}" "$d/tcam.p4info.json" "$d/bench.stf" \
            "tss=$d/tcam.o" >"$d/speed.log" 2>&1; then
        echo "FAIL  measuring $masks masks"; cat "$d/p4cc.log" "$d/speed.log"
        exit 1
    fi
    awk -v m="$masks" '$1 == "packet" && $3 == "tss" { ns[n++] = $5 }
        $1 == "packet" && $3 == "empty" { e = $5 }
        END { printf "lookup: %5d masks, %5d entries: hits %s ns, miss %s ns (medians; " \
                     "an empty program: %s ns)\n", m, m * 10, ns[0] " / " ns[1], ns[2], e }' \
        "$d/speed.log"
done
