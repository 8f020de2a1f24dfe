#!/usr/bin/env bash
# Where the per-packet state lives (ARCHITECTURE.md, emit_program.c and
# compile.c): on the stack when it is small and, in programs with bpf_loop
# callbacks (ternary tables), when the main frame and the callbacks' fit in
# the verifier's 512 bytes together; else in the p4cc_scratch map. Each
# program must also pass the verifier.
# Exit 77 when BPF programs cannot be loaded here (not root).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CC=$BUILD/p4cc
P4CTL=$BUILD/p4ctl
CLANG=${CLANG:-clang}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading BPF programs needs root"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "ok    $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*"; failed=$((failed + 1)); }

# Whether the code of OBJECT's xdp section uses the scratch map.
uses_map() {
    llvm-objdump -r "$1" | awk '/^RELOCATION RECORDS FOR \[xdp\]/ { f = 1; next }
                                /^RELOCATION RECORDS/ { f = 0 } f' | grep -q p4cc_scratch
}

# check P4 stack|map: compiles, the state is where expected, verifies.
check() {
    local p4=$1 want=$2 obj=$work/$(basename "${1%.p4}").o where=stack
    if ! "$P4CC" "$p4" -o "$obj" 2>"$work/log"; then
        fail "$p4: does not compile"; sed 's/^/    /' "$work/log"; return
    fi
    uses_map "$obj" && where=map
    if [[ $where != "$want" ]]; then
        fail "$p4: the state is in the $where, expected the $want"; return
    fi
    if ! "$P4CTL" verify "$obj" >"$work/log" 2>&1; then
        fail "$p4: rejected by the verifier"; tail -n 5 "$work/log" | sed 's/^/    /'; return
    fi
    ok "$p4: state $([[ $want == map ]] && echo "in the map" || echo "on the stack"), verified"
}

# Small states with ternary tables: on the stack.
check examples/acl_firewall.p4 stack
check tests/stf/xdp-ternary-table.p4 stack
check tests/tss/updates.p4 stack

# A small state but a 160-byte ternary key: the frames would not fit.
wide=tests/stf/xdp-ternary-wide-key.p4
check "$wide" map
# The fixture must stay one that needs the map: with the state forced onto
# the stack the verifier refuses the combined frames.
"$P4CC" -S "$wide" -o "$work/wide.c" &&
    "$CLANG" -target bpf -O2 -g -w -I"/usr/include/$("$CLANG" -print-multiarch)" \
        -DP4CC_STATE_ON_STACK=1 -c "$work/wide.c" -o "$work/wide-stack.o" &&
    "$P4CTL" verify "$work/wide-stack.o" >"$work/log" 2>&1
if grep -q 'combined stack size' "$work/log"; then
    ok "$wide: on the stack the verifier refuses the frames"
else
    fail "$wide: with the state on the stack, no 'combined stack size' rejection"
    tail -n 5 "$work/log" | sed 's/^/    /'
fi

# A large state (40 fields of 64 bits) with a ternary table: the map.
{
    echo '#include <core.p4>'
    echo '#include <xdp_model.p4>'
    echo 'header big_t {'
    for i in $(seq 0 39); do echo "    bit<64> f$i;"; done
    echo '}'
    echo 'struct headers_t { big_t b; }'
    echo 'parser prs(packet_in pkt, out headers_t hdr) {'
    echo '    state start { pkt.extract(hdr.b); transition accept; }'
    echo '}'
    echo 'control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {'
    echo '    action set(bit<64> v) { hdr.b.f39 = v; }'
    echo '    table t { key = { hdr.b.f0 : ternary; hdr.b.f1 : range; }'
    echo '              actions = { set; NoAction; } default_action = NoAction(); }'
    echo '    apply { xout.output_action = xdp_action.XDP_PASS; t.apply(); }'
    echo '}'
    echo 'control dep(in headers_t hdr, packet_out pkt) { apply { pkt.emit(hdr.b); } }'
    echo 'xdp(prs(), sw(), dep()) main;'
} >"$work/large-state.p4"
check "$work/large-state.p4" map

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
