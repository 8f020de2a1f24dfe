#!/usr/bin/env bash
# Value sets end to end: tests/p4rt/value_set.p4 runs on a veth in a network
# namespace of the test's own; frames sent into it count as members of the
# parser's value set or not, as `p4ctl value-set` adds and removes members.
# Then the errors of wrong input. Exit 77 without root.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading pipelines and creating namespaces needs root"
    exit 77
fi
name=vst-$$
ns=p4ctl-vs-$$
work=$(mktemp -d)
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "vst-$$" >/dev/null 2>&1
    "$P4CTL" -n "$ns" pipeline unload "vst-$$s" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>/dev/null ||
    ! ip -n "$ns" link add veth0 type veth peer name veth1 2>/dev/null; then
    echo "skipped: cannot create a network namespace with a veth pair here"
    exit 77
fi
# No IPv6: its router solicitations would be frames of the test's count.
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
    2>/dev/null
ip -n "$ns" link set veth0 up
ip -n "$ns" link set veth1 up

failures=0
fail() {
    echo "FAIL  $*"
    failures=$((failures + 1))
}
p4ctl() { "$P4CTL" -n "$ns" "$@"; }

# send TYPE N: N Ethernet frames of EtherType TYPE (hex) into veth0.
send() {
    ip netns exec "$ns" python3 - "$1" "$2" <<'PY'
import socket, sys
ether_type, count = int(sys.argv[1], 16), int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
frame = bytes.fromhex("020000000001020000000002") + ether_type.to_bytes(2, "big") + bytes(46)
for _ in range(count):
    s.send(frame)
PY
}

# expect WHAT WANT GOT
expect() {
    [[ $3 == "$2" ]] || fail "$1: wanted '$2', got '$3'"
}

cell() {
    p4ctl --json counter get "$name" seen "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])'
}
# sent TYPE N: send N frames of TYPE; prints how many of them counted as
# not members / members ("N/M"). Counting the difference keeps frames the
# kernel may send itself out of it only while it sends none in between.
sent() {
    local a0 a1
    a0=$(cell 0)
    a1=$(cell 1)
    send "$1" "$2"
    printf '%s/%s' "$(($(cell 0) - a0))" "$(($(cell 1) - a1))"
}

if ! p4ctl pipeline load "$name" tests/p4rt/value_set.p4 >"$work/o" 2>&1; then
    if grep -q 'not permitted' "$work/o"; then
        echo "skipped: $(tail -n 1 "$work/o")"
        exit 77
    fi
    echo "FAIL  pipeline load:"; cat "$work/o"; exit 1
fi
p4ctl port add "$name" veth0 >/dev/null || fail "port add"

# An empty set matches nothing.
expect "no members" "3/0" "$(sent 88b5 3)"

p4ctl value-set add "$name" tunnel_types 0x88b5 || fail "add 0x88b5"
expect "0x88b5 a member" "0/2" "$(sent 88b5 2)"
expect "0x0800 not a member" "1/0" "$(sent 0800 1)"

p4ctl value-set add "$name" prs.tunnel_types 2048 || fail "add 2048"
p4ctl value-set add "$name" tunnel_types 0x86dd || fail "add 0x86dd"
p4ctl value-set add "$name" tunnel_types 0x86dd || fail "adding a member again"
expect "dump" "prs.tunnel_types (at most 4 members of 16 bits)
  0x0800
  0x86dd
  0x88b5" "$(p4ctl value-set dump "$name" tunnel_types)"
expect "json dump" '[ 2048, 34525, 34997 ]' \
    "$(p4ctl --json value-set dump "$name" tunnel_types | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["members"]).replace("[", "[ ").replace("]", " ]"))')"
expect "0x0800 a member" "0/1" "$(sent 0800 1)"

p4ctl value-set del "$name" tunnel_types 0x88b5 || fail "del 0x88b5"
expect "0x88b5 removed" "1/0" "$(sent 88b5 1)"

# Errors: each exits 1, says why, and changes nothing.
check_error() {
    local want=$1
    shift
    local got status
    got=$(p4ctl "$@" 2>&1)
    status=$?
    [[ $status -eq 1 ]] || fail "p4ctl $*: exit status $status, wanted 1"
    [[ $got == "p4ctl: NAME: $want" ]] ||
        [[ ${got//$name/NAME} == "p4ctl: NAME: $want" ]] || fail "p4ctl $*: got '$got'"
}
check_error "value 0x10000 does not fit in value set 'prs.tunnel_types' (bit<16>)" \
    value-set add "$name" tunnel_types 0x10000
check_error "0x88b5 is not a member of value set 'prs.tunnel_types'" \
    value-set del "$name" tunnel_types 0x88b5
check_error "the program has no value set 'nosuch' (its value sets: prs.tunnel_types)" \
    value-set add "$name" nosuch 1
check_error "0x1*: don't-care digits ('*') are not allowed here" \
    value-set add "$name" tunnel_types 0x1*
p4ctl value-set add "$name" tunnel_types 1 || fail "add 1"
p4ctl value-set add "$name" tunnel_types 2 || fail "add 2"
check_error "value set 'prs.tunnel_types' is full (4 of 4 members)" \
    value-set add "$name" tunnel_types 3
expect "members after the errors" "0x0001 0x0002 0x0800 0x86dd" \
    "$(p4ctl value-set dump "$name" tunnel_types | tail -n +2 | xargs)"

p4ctl value-set clear "$name" tunnel_types || fail "clear"
expect "cleared" "2/0" "$(sent 0800 2)"
expect "show" "value sets:
  value set         size  width
  prs.tunnel_types  4     16" "$(p4ctl pipeline show "$name" | sed -n '/^value sets:/,$p')"

# A value set of structs (its packets: tests/stf/v1model-value-set-struct.stf):
# members by field, in any order, or packed; dump shows the fields.
sname=${name}s
if p4ctl pipeline load "$sname" tests/stf/v1model-value-set-struct.p4 >"$work/o" 2>&1; then
    p4ctl value-set add "$sname" pvs inner.cls=5 etype=0x800 || fail "add by fields"
    p4ctl value-set add "$sname" pvs 0x436ea || fail "add packed"
    expect "struct dump" "P.pvs (at most 4 members of 19 bits)
  0x04005  etype=0x800 inner.cls=0x5
  0x436ea  etype=0x86dd inner.cls=0x2" "$(p4ctl value-set dump "$sname" pvs)"
    p4ctl value-set del "$sname" pvs etype=0x86dd inner.cls=2 || fail "del by fields"
    name=$sname
    check_error "no value given for field 'inner.cls' of value set 'P.pvs'" \
        value-set add "$sname" pvs etype=1
    check_error "value 9 does not fit in field 'inner.cls' of value set 'P.pvs' (bit<3>)" \
        value-set add "$sname" pvs etype=1 inner.cls=9
    check_error "value set 'P.pvs' has no field 'cls'" value-set add "$sname" pvs etype=1 cls=1
    check_error "field 'etype' of value set 'P.pvs' is given twice" \
        value-set add "$sname" pvs etype=1 etype=2 inner.cls=1
    expect "struct members after the errors" "0x04005 etype=0x800 inner.cls=0x5" \
        "$(p4ctl value-set dump "$sname" pvs | tail -n +2 | xargs)"
    p4ctl pipeline unload "$sname" >/dev/null || fail "unload $sname"
    name=${sname%s}
else
    fail "pipeline load $sname: $(cat "$work/o")"
fi

if [[ $failures -eq 0 ]]; then
    echo "1 passed, 0 failed"
else
    echo "0 passed, 1 failed"
    exit 1
fi
