#!/usr/bin/env bash
# Privileges and errors as p4ctl reports them (issue 17):
#   - `pipeline list` by a user who may not read the pins: exit 77 and why,
#     not an empty list with exit 0;
#   - --json: a failed command prints {"error": "..."} on stdout (as bpftool
#     does), whatever failed: usage, a missing pipeline, a file that is no
#     BPF object (in libbpf's words, not "Unknown error 4001");
#   - capabilities (setpriv --bounding-set): with CAP_BPF and CAP_NET_ADMIN
#     only, the verifier refuses examples/acl_firewall.p4 ("... prohibited
#     for !root"): verify and pipeline load say CAP_PERFMON is missing and
#     exit 77; with CAP_PERFMON too, the program loads and a port is added
#     (a veth in a network namespace of the test's own).
# Exit 77 without root.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: changing users and capabilities needs root"
    exit 77
fi
tag=$$
pipe=rel-caps-$tag
ns=rel-caps-$tag
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
    "$P4CTL" -n "$ns" pipeline unload "$pipe" >/dev/null 2>&1
    "$P4CTL" pipeline unload "$pipe" >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL  $*"
    sed 's/^/      /' "$work/out" "$work/err" 2>/dev/null
}
# expect STATUS TEXT DESCRIPTION -- COMMAND...: COMMAND exits STATUS and
# prints TEXT (stdout or stderr).
expect() {
    local want=$1 text=$2 what=$3
    shift 4
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    if [[ $got -ne $want ]]; then
        bad "$what: exit status $got, not $want"
    elif [[ -n $text ]] && ! grep -qF -- "$text" "$work/out" "$work/err"; then
        bad "$what: no '$text' in the output"
    else
        ok
    fi
}
# json_error DESCRIPTION: stdout of the last expect is one JSON object
# {"error": "..."} whose message is not empty.
json_error() {
    if python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert list(o)==["error"] and o["error"]' \
        "$work/out" 2>/dev/null; then
        ok
    else
        bad "$1: stdout is not a JSON error object"
    fi
}

# ---------------------------------------------------------- unprivileged
if id nobody >/dev/null 2>&1 && [[ -d /sys/fs/bpf ]]; then
    nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
    getent group nogroup >/dev/null || nobody() { setpriv --reuid=nobody --regid=nobody --clear-groups "$@"; }
    expect 77 "run as root" "pipeline list as nobody" -- nobody "$P4CTL" pipeline list
    expect 77 "Permission denied" "--json pipeline list as nobody" -- nobody "$P4CTL" --json pipeline list
    json_error "--json pipeline list as nobody"
fi

# ------------------------------------------------------------------ --json
expect 1 "no pipeline named 'nosuch-$tag'" "--json pipeline show of no pipeline" -- \
    "$P4CTL" --json pipeline show "nosuch-$tag"
json_error "--json pipeline show of no pipeline"
expect 2 "unknown command 'frob'" "--json with an unknown command" -- "$P4CTL" --json frob
json_error "--json with an unknown command"
expect 2 "usage: pipeline load NAME" "--json after the command's words" -- \
    "$P4CTL" pipeline load x --json
json_error "--json after the command's words"
echo 'not an object' >"$work/junk.o"
cp tests/p4rt/router.p4info.json "$work/junk.p4info.json"
expect 1 "BPF object format invalid" "--json load of a file that is no object" -- \
    "$P4CTL" --json pipeline load "$pipe" "$work/junk.o"
json_error "--json load of a file that is no object"
if grep -q "Unknown error" "$work/out" "$work/err"; then bad "libbpf's code not in words"; else ok; fi
# A command that succeeds prints no error object.
expect 0 "[" "--json pipeline list" -- "$P4CTL" --json pipeline list
if grep -q '"error"' "$work/out"; then bad "an error object after success"; else ok; fi

# ------------------------------------------------------------ capabilities
if ! setpriv --bounding-set -all,+bpf,+net_admin true 2>/dev/null; then
    echo "$passed passed, $failed failed (capabilities not tried: setpriv cannot set CAP_BPF)"
    [[ $failed -eq 0 ]]
    exit
fi
if ! "$BUILD/p4cc" -o "$work/acl.o" examples/acl_firewall.p4 2>"$work/err"; then
    echo "FAIL  compiling examples/acl_firewall.p4"
    cat "$work/err"
    exit 1
fi
# Does the verifier need CAP_PERFMON for it here (it does on 6.x kernels)?
capsonly() { setpriv --bounding-set -all,+bpf,+net_admin "$@"; }
withperfmon() { setpriv --bounding-set -all,+bpf,+net_admin,+perfmon "$@"; }
expect 77 "without CAP_PERFMON" "verify with CAP_BPF and CAP_NET_ADMIN only" -- \
    capsonly "$P4CTL" verify "$work/acl.o"
if grep -q "error:" "$work/out" "$work/err"; then bad "verify blames the program"; else ok; fi
expect 77 "CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN" "load with CAP_BPF and CAP_NET_ADMIN only" -- \
    capsonly "$P4CTL" pipeline load "$pipe" "$work/acl.o"
[[ -e /sys/fs/bpf/p4cc/$pipe ]] && bad "a refused load left pins" || ok
expect 0 "verifier accepted" "verify with CAP_PERFMON too" -- withperfmon "$P4CTL" verify "$work/acl.o"
# Load, port add and del, unload: in a namespace with a veth (nsenter as
# root, then setpriv drops the rest).
if ! ip netns add "$ns" 2>/dev/null || ! ip -n "$ns" link add v0 type veth peer name v1 2>/dev/null; then
    echo "$passed passed, $failed failed (no network namespace for port add)"
    [[ $failed -eq 0 ]]
    exit
fi
ip -n "$ns" link set v0 up
ip -n "$ns" link set v1 up
inns() { nsenter --net=/run/netns/"$ns" setpriv --bounding-set -all,+bpf,+net_admin,+perfmon "$@"; }
expect 0 "pipeline $pipe" "load with CAP_PERFMON too" -- inns "$P4CTL" pipeline load "$pipe" "$work/acl.o"
expect 0 "v0" "port add with CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN" -- \
    inns "$P4CTL" port add "$pipe" v0 1
expect 0 "" "port del with the same" -- inns "$P4CTL" port del "$pipe" v0
expect 0 "" "unload with the same" -- inns "$P4CTL" pipeline unload "$pipe"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
