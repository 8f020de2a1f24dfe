#!/usr/bin/env bash
# p4ctl pipeline replace (docs/RUNTIME.md, "Replacing a program"): two hosts
# (network namespaces, one veth each) ping each other through
# examples/l2_switch.p4 running on the other ends of their veths, in a
# switch namespace. Then, in native and in generic mode:
#   - while h1 pings h2 every 5 ms, the program is replaced 6 times,
#     alternating with a variant (another counter size): not one ping may
#     be lost, and the entries, the default action and the ports carry
#     over, the new program attached on both ports;
#   - the same pings across an unload and a load lose some (so the test
#     can see a gap);
#   - replacing with a program whose table matches its key otherwise, or
#     with one that has no such table, is refused with the reason, and
#     the old program runs on, pings crossing.
# Everything the test creates is removed at exit. Exit 77 without root,
# network namespaces, ping or clang.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$BUILD/p4ctl
P4CC=$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
BPF_CLANG=${BPF_CLANG:-clang}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: building network namespaces and attaching XDP programs needs root"
    exit 77
fi
for tool in ping "$BPF_CLANG"; do
    if ! command -v "$tool" >/dev/null; then
        echo "skipped: '$tool' is not installed"
        exit 77
    fi
done

tag=$$
sw=rel-rsw-$tag
hosts=(rel-rh1-$tag rel-rh2-$tag)
pipe=rel-replace-$tag
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$sw" pipeline unload "$pipe" >/dev/null 2>&1
    for ns in "$sw" "${hosts[@]}"; do ip netns del "$ns" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() {
    local what=$1
    shift
    if "$@" >"$work/out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/    /' "$work/out"; fi
}
p4ctl() { "$P4CTL" -n "$sw" "$@"; }
mac() { printf '02:00:00:00:00:%02x' "$1"; }
ip_of() { echo "10.78.0.$1"; }
ping_ok() {
    ip netns exec "${hosts[$1 - 1]}" ping -q -c 3 -i 0.05 -W 1 "$(ip_of "$2")" >"$work/ping" 2>&1
}
# prog_on DEV: the id of the XDP program on the switch's DEV.
prog_on() { ip -n "$sw" -d link show dev "$1" | sed -n 's/.*prog\/xdp id \([0-9]*\).*/\1/p'; }
prog_id() { p4ctl --json pipeline show "$pipe" | sed -n 's/.*"prog_id": \([0-9]*\).*/\1/p'; }

cat >"$work/pass.c" <<'EOF'
#include <linux/bpf.h>
__attribute__((section("xdp"), used)) int xdp_pass(struct xdp_md *ctx)
{
    (void)ctx;
    return XDP_PASS;
}
__attribute__((section("license"), used)) char _license[] = "GPL";
EOF
multiarch=$("$BPF_CLANG" -print-multiarch 2>/dev/null)
if ! "$BPF_CLANG" -target bpf -O2 ${multiarch:+-I/usr/include/$multiarch} -c "$work/pass.c" \
    -o "$work/pass.o" 2>"$work/out"; then
    echo "skipped: clang cannot build a BPF object here: $(head -n 1 "$work/out")"
    exit 77
fi

# A: the example; B: a variant with the same tables; C: the table's key
# matched ternary; D: a program without the table.
sed 's/CounterArray(32w64, true)/CounterArray(32w128, true)/' examples/l2_switch.p4 >"$work/b.p4"
sed 's/dst_addr : exact;/dst_addr : ternary;/' examples/l2_switch.p4 >"$work/c.p4"
for v in a:examples/l2_switch.p4 b:"$work/b.p4" c:"$work/c.p4" d:examples/ipv4_router.p4; do
    if ! "$P4CC" "${v#*:}" -o "$work/${v%%:*}.o" 2>"$work/out"; then
        echo "FAIL  p4cc ${v#*:}"
        cat "$work/out"
        exit 1
    fi
done

build_net() {
    local i
    ip netns add "$sw" || return 1
    for i in 1 2; do
        local h=${hosts[$i - 1]}
        ip netns add "$h" || return 1
        ip -n "$sw" link add "sw$i" type veth peer name eth0 netns "$h" || return 1
        ip netns exec "$h" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip -n "$h" link set eth0 address "$(mac "$i")"
        ip -n "$h" addr add "$(ip_of "$i")/24" dev eth0
        ip -n "$h" link set lo up
        ip -n "$h" link set eth0 up
        ip -n "$sw" link set "sw$i" up
    done
    ip -n "${hosts[0]}" neigh replace "$(ip_of 2)" lladdr "$(mac 2)" dev eth0 nud permanent
    ip -n "${hosts[1]}" neigh replace "$(ip_of 1)" lladdr "$(mac 1)" dev eth0 nud permanent
}
if ! build_net 2>"$work/out"; then
    echo "skipped: cannot create network namespaces and veth pairs here: $(head -n 1 "$work/out")"
    exit 77
fi

# fill MODE: the pipeline loaded from A, both ports, both hosts' entries.
fill() {
    p4ctl pipeline load "$pipe" "$work/a.o" >/dev/null &&
        p4ctl --xdp-mode "$1" port add "$pipe" sw1 1 >/dev/null &&
        p4ctl --xdp-mode "$1" port add "$pipe" sw2 2 >/dev/null &&
        p4ctl table add "$pipe" mac_table "dst_addr=$(mac 1)" action=forward port=1 &&
        p4ctl table add "$pipe" mac_table "dst_addr=$(mac 2)" action=forward port=2 &&
        p4ctl table default "$pipe" mac_table action=drop
}

# flood: h1 pings h2 every 5 ms in the background ($flood_pid).
flood() {
    ip netns exec "${hosts[0]}" ping -q -c "$1" -i 0.005 -W 1 "$(ip_of 2)" >"$work/flood" 2>&1 &
    flood_pid=$!
    sleep 0.2
}
# flood_end: wait for the last flood; SENT and RECV are its counts.
flood_end() {
    wait "$flood_pid"
    sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$work/flood")
    recv=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$work/flood")
}

run_mode() {
    local mode=$1 i sent recv
    echo "== ports in $mode mode"
    for i in 1 2; do
        ip -n "${hosts[$i - 1]}" link set dev eth0 xdp off
        [[ $mode == native ]] &&
            ip -n "${hosts[$i - 1]}" link set dev eth0 xdp obj "$work/pass.o" sec xdp
    done
    check "load, ports and entries ($mode)" fill "$mode"
    if ping_ok 1 2; then ok "ping h1 -> h2"; else bad "ping h1 -> h2"; cat "$work/ping"; fi
    p4ctl table dump "$pipe" mac_table >"$work/dump.before"

    flood 500
    local k before
    for ((k = 0; k < 6; k++)); do
        before=$(prog_id)
        local obj=b
        ((k % 2)) && obj=a
        if ! p4ctl pipeline replace "$pipe" "$work/$obj.o" >"$work/out" 2>&1; then
            bad "pipeline replace ($mode, round $k)"
            cat "$work/out"
        fi
        [[ $(prog_id) != "$before" ]] || bad "round $k: the program id did not change"
        sleep 0.1
    done
    flood_end
    echo "    6 replaces while h1 pinged h2: $sent sent, $recv received"
    if [[ $sent -ge 400 && $sent == "$recv" ]]; then
        ok "no ping lost across 6 replaces ($mode)"
    else
        bad "pings across replaces ($mode): $sent sent, $recv received"
    fi
    grep -q 'carried over 2 entries, 1 default action, 0 value-set members, 2 ports' "$work/out" &&
        ok "the replace carried 2 entries, the default action and 2 ports" ||
        { bad "what the replace carried"; cat "$work/out"; }
    p4ctl table dump "$pipe" mac_table >"$work/dump.after"
    if cmp -s "$work/dump.before" "$work/dump.after"; then ok "entries and default unchanged"; else
        bad "entries changed across the replaces"; diff "$work/dump.before" "$work/dump.after"; fi
    local id
    id=$(prog_id)
    [[ $(prog_on sw1) == "$id" && $(prog_on sw2) == "$id" ]] &&
        ok "the new program runs on both ports" ||
        bad "programs on the ports: $(prog_on sw1) $(prog_on sw2), the pipeline's: $id"
    [[ $(p4ctl port list "$pipe" | grep -c "sw[12]") == 2 ]] && ok "port list shows both ports" ||
        bad "port list after the replaces"

    # Refusals: nothing changes.
    local refused
    refused=$(p4ctl pipeline replace "$pipe" "$work/c.o" 2>&1)
    [[ $? == 1 && $refused == *"key field 'hdr.ethernet.dst_addr' is exact bit<48>, in the new program ternary bit<48>"* ]] &&
        ok "a key matched otherwise is refused" || bad "replace with c.o: '$refused'"
    refused=$(p4ctl pipeline replace "$pipe" "$work/d.o" 2>&1)
    [[ $? == 1 && $refused == *"table 'switch_ingress.mac_table' has 2 entries and a default action, and the new program has no such table"* ]] &&
        ok "a program without the table is refused" || bad "replace with d.o: '$refused'"
    [[ $(prog_id) == "$id" && $(prog_on sw1) == "$id" ]] && ok "the old program runs on" ||
        bad "the program changed after a refusal"
    [[ $(ls /sys/fs/bpf/p4cc | grep -c "$pipe") == 1 ]] && ok "no pins left behind" ||
        bad "pins left: $(ls -a /sys/fs/bpf/p4cc)"
    if ping_ok 1 2; then ok "ping h1 -> h2 after the refusals"; else bad "ping after refusals"; fi

    # The gap replace avoids: unload, load, ports and entries again.
    flood 300
    p4ctl pipeline unload "$pipe"
    fill "$mode" >/dev/null
    flood_end
    echo "    unload and load while h1 pinged h2: $sent sent, $recv received"
    [[ $recv -lt $sent ]] && ok "an unload and load lose pings (the test sees gaps)" ||
        bad "no ping lost across unload and load: the flood cannot see a gap"
    check "pipeline unload" p4ctl pipeline unload "$pipe"
}

run_mode native
run_mode generic

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
