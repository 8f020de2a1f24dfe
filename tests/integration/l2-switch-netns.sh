#!/usr/bin/env bash
# examples/l2_switch.p4 as a real switch. Three hosts (network namespaces
# h1, h2, h3, each with one veth "eth0") are wired to a switch namespace
# (interfaces sw1, sw2, sw3); as in the README's walk-through, p4cc compiles
# the program, p4ctl loads the object there, makes the three interfaces
# ports 1 to 3, fills the MAC table and dumps it. Then:
#   - ping crosses the switch between every pair of hosts, and the
#     program's per-port counter counts the frames it forwarded;
#   - changing an entry (h3 -> drop) stops h3's traffic and only h3's;
#   - while h1 pings h2 300 times at 10 ms intervals, h3's entry is changed
#     back and forth and other entries are added and deleted: not one of
#     h1's packets may be lost;
#   - port del and pipeline unload detach the program.
# All of it twice: ports attached in native mode (the hosts' veths then run
# an XDP_PASS program: a frame redirected into a veth in native mode is
# delivered only when the peer runs XDP) and in generic mode.
# Everything the test creates is removed at exit, also when it fails.
# Exit 77 without root, network namespaces, ping or clang.
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
        echo "skipped: '$tool' is not installed (scripts/install-deps installs it)"
        exit 77
    fi
done

tag=$$
sw=p4sw-$tag
hosts=(p4h1-$tag p4h2-$tag p4h3-$tag)
pipe=l2sw-$tag
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
# check DESCRIPTION COMMAND...: the command must succeed.
check() {
    local what=$1
    shift
    if "$@" >"$work/out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/    /' "$work/out"; fi
}
p4ctl() { "$P4CTL" -n "$sw" "$@"; }
mac() { printf '02:00:00:00:00:%02x' "$1"; }
ip_of() { echo "10.77.0.$1"; }
# ping_ok FROM TO [COUNT]: all COUNT (default 3) pings answered.
ping_ok() {
    ip netns exec "${hosts[$1 - 1]}" ping -q -c "${3:-3}" -i 0.05 -W 1 "$(ip_of "$2")" >"$work/ping" 2>&1
}
counter() { # counter PORT: frames the program forwarded to PORT
    p4ctl --json counter get "$pipe" port_frames "$1" | sed -n 's/.*"value": \([0-9]*\).*/\1/p'
}

# A program that passes every frame, for the hosts' side in native mode.
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

# Step 1 of the README: compile (the object is loaded in each mode below).
if ! "$P4CC" examples/l2_switch.p4 -o "$work/l2_switch.o" 2>"$work/out"; then
    echo "FAIL  p4cc examples/l2_switch.p4"; cat "$work/out"; exit 1
fi

# The network: h1, h2, h3 -- sw1, sw2, sw3 in the switch namespace.
build_net() {
    local i
    ip netns add "$sw" || return 1
    for i in 1 2 3; do
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
    # The switch does not flood: hosts know each other's MAC addresses.
    for i in 1 2 3; do
        for j in 1 2 3; do
            [[ $i == "$j" ]] && continue
            ip -n "${hosts[$i - 1]}" neigh replace "$(ip_of "$j")" lladdr "$(mac "$j")" \
                dev eth0 nud permanent
        done
    done
}
if ! build_net 2>"$work/out"; then
    echo "skipped: cannot create network namespaces and veth pairs here: $(head -n 1 "$work/out")"
    exit 77
fi

run_mode() {
    local mode=$1 i
    echo "== ports in $mode mode"
    for i in 1 2 3; do
        ip -n "${hosts[$i - 1]}" link set dev eth0 xdp off
        if [[ $mode == native ]]; then
            ip -n "${hosts[$i - 1]}" link set dev eth0 xdp obj "$work/pass.o" sec xdp
        fi
    done

    check "pipeline load $pipe l2_switch.o" p4ctl pipeline load "$pipe" "$work/l2_switch.o"
    for i in 1 2 3; do
        check "port add $pipe sw$i $i ($mode)" p4ctl --xdp-mode "$mode" port add "$pipe" "sw$i" "$i"
        check "entry for h$i's MAC -> port $i" \
            p4ctl table add "$pipe" mac_table "hdr.ethernet.dst_addr=$(mac "$i")" \
            action=forward port="$i"
    done
    n=$(p4ctl table dump "$pipe" mac_table | grep -c 'switch_ingress.forward  port=')
    if [[ $n == 3 ]]; then ok "table dump shows the 3 entries"; else
        bad "table dump shows $n entries, not 3"; fi
    p4ctl pipeline show "$pipe" | sed 's/^/    /'

    # Traffic between every pair, counted per output port.
    for i in 1 2 3; do
        for j in 1 2 3; do
            [[ $i == "$j" ]] && continue
            if ping_ok "$i" "$j"; then ok "ping h$i -> h$j"; else
                bad "ping h$i -> h$j"; sed 's/^/    /' "$work/ping"; fi
        done
    done
    # Each host sent 3 requests to each other host and answered 3 from
    # each: 12 frames left through each port.
    for i in 1 2 3; do
        local n
        n=$(counter "$i")
        if [[ $n == 12 ]]; then ok "counter port_frames[$i] = 12"; else
            bad "counter port_frames[$i] = '$n', expected 12"; fi
    done
    p4ctl counter get "$pipe" port_frames | sed 's/^/    /'
    check "counter reset" p4ctl counter reset "$pipe" port_frames

    # An entry changed: h3's frames dropped, the others' untouched.
    check "table mod: h3 -> drop" \
        p4ctl table mod "$pipe" mac_table "dst_addr=$(mac 3)" action=drop
    if ping_ok 1 3 2; then bad "ping h1 -> h3 after the drop entry got answers"; else
        ok "ping h1 -> h3 is dropped"; fi
    if ping_ok 1 2; then ok "ping h1 -> h2 still crosses"; else bad "ping h1 -> h2 after mod"; fi
    [[ $(counter 3) == 0 ]] && ok "nothing forwarded to port 3" || bad "frames reached port 3"

    # Hitless updates: 300 pings h1 -> h2 while h3's entry flips and other
    # entries come and go.
    ip netns exec "${hosts[0]}" ping -q -c 300 -i 0.01 -W 1 "$(ip_of 2)" >"$work/flood" 2>&1 &
    local pid=$! k=0
    while kill -0 "$pid" 2>/dev/null; do
        k=$((k + 1))
        if ((k % 2)); then
            p4ctl table mod "$pipe" mac_table "dst_addr=$(mac 3)" action=forward port=3
        else
            p4ctl table mod "$pipe" mac_table "dst_addr=$(mac 3)" action=drop
        fi
        p4ctl table add "$pipe" mac_table "dst_addr=$(mac $((100 + k % 50)))" action=forward port=2 \
            2>/dev/null
        p4ctl table del "$pipe" mac_table "dst_addr=$(mac $((100 + (k + 25) % 50)))" 2>/dev/null
    done
    wait "$pid"
    local sent recv
    sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$work/flood")
    recv=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$work/flood")
    echo "    $k rounds of updates while h1 pinged h2: $sent sent, $recv received"
    if [[ $sent == 300 && $recv == 300 && $k -ge 5 ]]; then
        ok "no packet of h1 -> h2 lost during $k rounds of updates"
    else
        bad "h1 -> h2 during updates: $sent sent, $recv received ($k rounds)"
        sed 's/^/    /' "$work/flood"
    fi
    check "table mod: h3 -> port 3 again" \
        p4ctl table mod "$pipe" mac_table "dst_addr=$(mac 3)" action=forward port=3
    if ping_ok 1 3; then ok "ping h1 -> h3 crosses again"; else bad "ping h1 -> h3 after restore"; fi

    # Ports go away.
    check "port del $pipe sw3" p4ctl port del "$pipe" sw3
    if ip -n "$sw" link show sw3 | grep -q 'prog/xdp'; then bad "sw3 still runs XDP"; else
        ok "sw3 runs no XDP program"; fi
    if ping_ok 2 1; then ok "ping h2 -> h1 after port del"; else bad "ping h2 -> h1 after port del"; fi
    check "pipeline unload $pipe" p4ctl pipeline unload "$pipe"
    if ip -n "$sw" link show | grep -q 'prog/xdp'; then bad "XDP left on the switch ports"; else
        ok "no XDP program left on the switch ports"; fi
    [[ -e /sys/fs/bpf/p4cc/$pipe ]] && bad "pins left in /sys/fs/bpf/p4cc/$pipe" ||
        ok "pins removed"
}

run_mode native
run_mode generic
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
