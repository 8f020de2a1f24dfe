#!/usr/bin/env bash
# Packet traces end to end (docs/RUNTIME.md, "Traces"): p4cc --trace's
# p4info section; `p4ctl test --trace` on examples/ipv4_router.p4, whose
# known packets must show the expected parser states, tables, actions and
# verdicts; on the multicasting examples/v1model_l2_switch.p4, whose copies
# are traced through egress; `p4ctl run --trace`, whose summary gives the
# drops' reasons; and the refusals: an object without hooks, a program
# whose stack has no room for them. Exit 77 without root (BPF).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }

# The p4info names the states, tables and actions with their lines.
if "$BUILD/p4cc" --trace examples/ipv4_router.p4 -o "$work/router.o" 2>"$work/log" &&
    python3 - "$work/router.p4info.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["trace"]
src = "examples/ipv4_router.p4"
assert t["states"] == [{"name": "start", "source": src + ":52"},
                       {"name": "parse_ipv4", "source": src + ":60"}], t["states"]
assert [x["name"] for x in t["tables"]] == ["router_ingress.routes", "router_ingress.nexthops"]
assert {x["name"]: x["source"] for x in t["actions"]}["router_ingress.forward"] == src + ":106"
assert t["errors"][:3] == ["NoError", "PacketTooShort", "NoMatch"], t["errors"]
PY
then
    ok "p4cc --trace: p4info's trace section"
else
    bad "p4cc --trace: p4info's trace section"; sed 's/^/    /' "$work/log"
fi
# Without --trace: no section, no hooks.
"$BUILD/p4cc" examples/ipv4_router.p4 -o "$work/plain.o" 2>/dev/null
if grep -q '"trace"' "$work/plain.p4info.json" || ! grep -q '"value_sets"' "$work/plain.p4info.json"; then
    bad "p4cc without --trace: p4info has a trace section"
else
    ok "p4cc without --trace: no trace section"
fi

# A program whose stack has no room for the hooks: refused, saying why.
if "$BUILD/p4cc" --trace tests/stf/xdp-many-params.p4 -o "$work/many.o" 2>"$work/log" ||
    ! grep -q "with the trace hooks (--trace) this program does not fit the BPF stack" "$work/log"; then
    bad "p4cc --trace on a program without room for the hooks"; sed 's/^/    /' "$work/log"
else
    ok "p4cc --trace: no room on the stack is an error"
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "$passed passed, $failed failed"
    echo "skipped: loading BPF programs needs root"
    [[ $failed -eq 0 ]] || exit 1
    exit 77
fi

# has TEXT FILE WHAT: FILE has the lines of TEXT, in order, one after the other.
has() {
    if python3 -c 'import sys; sys.exit(0 if sys.argv[1] in open(sys.argv[2]).read() else 1)' \
        "$1" "$2"; then
        ok "$3"
    else
        bad "$3"; echo "    wanted:"; printf '%s\n' "$1" | sed 's/^/        /'
    fi
}

S=examples/ipv4_router.p4
"$BUILD/p4ctl" test --trace $S examples/ipv4_router.stf --pcap-dir "$work/pcap" >"$work/out" 2>&1
status=$?
if [[ $status -eq 0 ]] && grep -q "^15 passed, 0 failed" "$work/out"; then
    ok "p4ctl test --trace ipv4_router: the test passes"
else
    bad "p4ctl test --trace ipv4_router: exit $status"; tail -n 5 "$work/out" | sed 's/^/    /'
fi
has "examples/ipv4_router.stf:40: trace of the packet on port 1:
    packet 8: in on port 1, 42 bytes
        parser state start ($S:52)
        parser state parse_ipv4 ($S:60)
        table router_ingress.routes ($S:96): hit -> action router_ingress.set_nexthop ($S:84)
        table router_ingress.nexthops ($S:117): hit -> action router_ingress.forward ($S:106)
        verdict: port 2
examples/ipv4_router.stf:42: trace of the packet on port 1:
    packet 9: in on port 1, 42 bytes
        parser state start ($S:52)
        parser state parse_ipv4 ($S:60)
        table router_ingress.routes ($S:96): hit -> action router_ingress.set_nexthop ($S:84)
        verdict: drop
" "$work/out" "ipv4_router: a routed packet, then one whose TTL expires"
has "        table router_ingress.routes ($S:96): miss -> action router_ingress.to_kernel ($S:73)
        verdict: pass (to the kernel's network stack)" "$work/out" "ipv4_router: no route"
has "        parser state parse_ipv4 ($S:60)
        parser error NoMatch
        verdict: drop" "$work/out" "ipv4_router: version 6 in an IPv4 header"
has "        parser state parse_ipv4 ($S:60)
        parser error PacketTooShort
        verdict: drop" "$work/out" "ipv4_router: a cut header"

# v1model, multicast: the packet to its group, each copy through egress.
V=examples/v1model_l2_switch.p4
"$BUILD/p4ctl" test --trace $V examples/v1model_l2_switch.stf >"$work/v1" 2>&1
status=$?
if [[ $status -eq 0 ]] && grep -q " passed, 0 failed" "$work/v1"; then
    ok "p4ctl test --trace v1model_l2_switch: the test passes"
    has "        table switch_ingress.mac_table ($V:52): miss -> action switch_ingress.flood ($V:46)
        multicast group 1
        verdict: multicast group 1
    packet 2: a multicast copy for port 3, 22 bytes
        parser state start ($V:31)
        copy of multicast group 1, rid 0
        verdict: port 3 (a multicast copy)" "$work/v1" "v1model_l2_switch: flooded, copies traced"
elif [[ $status -eq 77 ]]; then
    echo "skip  v1model_l2_switch: $(tail -n 1 "$work/v1")"
else
    bad "p4ctl test --trace v1model_l2_switch: exit $status"; tail -n 5 "$work/v1" | sed 's/^/    /'
fi

# run --trace: traces per packet, drops by the reasons traces give.
cat >"$work/routes.batch" <<'B'
table add r routes hdr.ipv4.dst_addr=10.0.0.0/8 action=set_nexthop id=1
table add r nexthops nexthop=1 action=forward port=2 src_mac=02:00:00:00:01:02 dst_mac=02:00:00:00:02:01
B
"$BUILD/p4ctl" run --trace $S --in 1="$work/pcap/pcap1_in.pcap" \
    --table-file "$work/routes.batch" --out "$work/replay" >"$work/run" 2>&1
status=$?
[[ $status -eq 0 ]] && ok "p4ctl run --trace: exit 0" || bad "p4ctl run --trace: exit $status"
has "pcap1_in.pcap #1 on port 1 (42 bytes), trace:
    packet 1: in on port 1, 42 bytes
        parser state start ($S:52)" "$work/run" "run --trace: a packet's trace"
has "  dropped 1: parser: error NoMatch in state parse_ipv4 ($S:60)" "$work/run" \
    "run --trace: a drop's reason in the summary"
has "  dropped 1: parser: error NoMatch in state parse_ipv4 ($S:60)" "$work/replay/summary.txt" \
    "run --trace: the reason in summary.txt"

# An object compiled without --trace cannot be traced.
"$BUILD/p4ctl" test --trace "$work/plain.o" examples/ipv4_router.stf >"$work/plain" 2>&1
status=$?
if [[ $status -eq 1 ]] && grep -q "has no trace hooks .*compile it with p4cc --trace" "$work/plain"; then
    ok "p4ctl test --trace on an object without hooks: refused"
else
    bad "p4ctl test --trace on an object without hooks: exit $status"; sed 's/^/    /' "$work/plain"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
