#!/usr/bin/env bash
# BTF line info of a compiled program points back at the P4 source
# (the #line directives of the generated C, emit_stmt.c): loaded into the
# kernel, `bpftool prog dump xlated linum` names only lines that exist in
# the .p4 file, and the statements of the forward action appear with their
# own lines. Needs root (loading), and bpftool.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading a BPF program needs root"
    exit 77
fi
command -v bpftool >/dev/null || { echo "skipped: no bpftool"; exit 77; }
work=$(mktemp -d)
pin=/sys/fs/bpf/p4cc-line-info-$$
trap 'rm -rf "$work"; rm -f "$pin"' EXIT

passed=0 failed=0
check() { # check WHAT CONDITION-EXIT-STATUS
    if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); echo "ok    $1"; else
        failed=$((failed + 1)); echo "FAIL  $1"; fi
}

src=examples/ipv4_router.p4
"$BUILD/p4cc" "$src" -o "$work/r.o" || { echo "FAIL  p4cc $src"; exit 1; }
bpftool prog load "$work/r.o" "$pin" type xdp || { echo "FAIL  bpftool prog load"; exit 1; }
bpftool prog dump xlated pinned "$pin" linum > "$work/dump" || { echo "FAIL  bpftool dump"; exit 1; }
grep -o "ipv4_router.p4 line_num:[0-9]*" "$work/dump" | sed 's/.*line_num://' | sort -un > "$work/lines"

nlines=$(wc -l < "$src")
check "line info present" $([[ -s $work/lines ]]; echo $?)
check "no line past the end of the file ($nlines lines)" \
    $([[ $(tail -n 1 "$work/lines") -le $nlines ]]; echo $?)
for stmt in 'hdr.ipv4.ttl = hdr.ipv4.ttl - 1;' 'hdr.ethernet.src_addr = src_mac;' \
            'packet.extract(hdr.ipv4);' 'if (hdr.ipv4.ttl <= 1) {'; do
    line=$(grep -nF "$stmt" "$src" | head -n 1 | cut -d: -f1)
    check "'$stmt' (line $line) has instructions" $(grep -qx "$line" "$work/lines"; echo $?)
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
