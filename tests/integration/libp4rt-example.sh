#!/usr/bin/env bash
# examples/l2_switch_cp.c, a control plane in C linked with libp4rt.so,
# fills the MAC table of a pipeline that p4ctl loaded, and p4ctl reads back
# what it wrote; a wrong entry is refused with libp4rt's message.
# Exit 77 without root.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$BUILD/p4ctl
CP=$BUILD/examples/l2_switch_cp
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines needs root"
    exit 77
fi
pipe=cpex-$$
work=$(mktemp -d)
cleanup() {
    "$P4CTL" pipeline unload "$pipe" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
if ! "$P4CTL" pipeline load "$pipe" examples/l2_switch.p4 >"$work/out" 2>&1; then
    if grep -q 'not permitted' "$work/out"; then echo "skipped: $(tail -n 1 "$work/out")"; exit 77; fi
    echo "FAIL  pipeline load"; cat "$work/out"; exit 1
fi

passed=0 failed=0
expect() { # expect WHAT FILE TEXT: FILE must be TEXT
    if [[ $(cat "$2") == "$3" ]]; then passed=$((passed + 1)); echo "ok    $1"; else
        failed=$((failed + 1)); echo "FAIL  $1"; diff <(echo "$3") "$2" | sed 's/^/    /'; fi
}

"$CP" "$pipe" 02:00:00:00:00:01=1 02:00:00:00:00:02=2 >"$work/out" 2>&1
expect "l2_switch_cp adds two entries" "$work/out" "switch_ingress.mac_table:
  02:00:00:00:00:01 -> switch_ingress.forward port=1
  02:00:00:00:00:02 -> switch_ingress.forward port=2
switch_ingress.port_frames:"
"$CP" "$pipe" 02:00:00:00:00:02=3 >"$work/out" 2>&1
expect "l2_switch_cp changes one" "$work/out" "switch_ingress.mac_table:
  02:00:00:00:00:01 -> switch_ingress.forward port=1
  02:00:00:00:00:02 -> switch_ingress.forward port=3
switch_ingress.port_frames:"
"$P4CTL" table get "$pipe" mac_table dst_addr=02:00:00:00:00:02 >"$work/out" 2>&1
expect "p4ctl reads what it wrote" "$work/out" "hdr.ethernet.dst_addr  action                  arguments
02:00:00:00:00:02      switch_ingress.forward  port=3"
"$CP" "$pipe" 02:00:00:00:00:03=0x100000000 >"$work/out" 2>&1
echo "exit $?" >>"$work/out"
expect "a value too wide is refused" "$work/out" \
    "$CP: 02:00:00:00:00:03=0x100000000: port=0x100000000: value 0x100000000 does not fit in parameter 'port' (bit<32>)
exit 1"
"$CP" nosuch-pipeline-$$ >"$work/out" 2>&1
expect "an unknown pipeline is refused" "$work/out" \
    "$CP: no pipeline named 'nosuch-pipeline-$$' is loaded (nothing at /sys/fs/bpf/p4cc/nosuch-pipeline-$$)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
