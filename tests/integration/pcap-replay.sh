#!/usr/bin/env bash
# Capture files of p4ctl test and p4ctl run, and replaying an STF test.
#   - `p4ctl test --pcap-dir` writes pcapPORT_{in,out,expected}.pcap for the
#     examples whose STF fills the tables first (ipv4_router, vlan,
#     ipip_tunnel): tcpdump reads every file, each holds the packets of the
#     STF's lines for its port (bytes and the line as the time stamp);
#   - `p4ctl run` replays the pcapPORT_in.pcap files through the program,
#     its tables filled from a batch file made of the STF's adds: every
#     pcapPORT_out.pcap is byte for byte the one of the STF run, and the
#     summary counts what the STF says;
#   - a multicast test, run on veths in a network namespace, writes its
#     files too;
#   - a failing test still writes its files (expected and actual differ);
#   - bad input: files that are no capture, cut short or of another link
#     type, a port out of range, wrong options and table files: a clear
#     message, a non-zero exit and the output directory untouched.
# Exit 77 without root (BPF), tcpdump or python3.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CTL=$PWD/$BUILD/p4ctl
[[ $BUILD == /* ]] && P4CTL=$BUILD/p4ctl
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}

if [[ $(id -u) -ne 0 ]]; then
    echo "skipped: loading BPF programs needs root"
    exit 77
fi
for tool in tcpdump python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "skipped: '$tool' is not installed (scripts/install-deps installs it)"
        exit 77
    fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }

# pcap_dump FILE: one line per packet, "SECONDS HEX", read by a parser of
# the format's own (p4ctl writes nanosecond pcap).
pcap_dump() {
    python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
magic = struct.unpack("<I", data[:4])[0]
assert magic in (0xa1b23c4d, 0xa1b2c3d4), hex(magic)
_, _, _, _, _, snaplen, link = struct.unpack("<IHHiIII", data[:24])
assert link == 1, link  # Ethernet
off = 24
while off < len(data):
    sec, frac, caplen, length = struct.unpack("<IIII", data[off:off + 16])
    assert caplen == length
    print(sec, data[off + 16:off + 16 + caplen].hex())
    off += 16 + caplen
PY
}

# stf_packets STF KIND PORT: "LINE HEX" of the STF's packet (KIND packet) or
# expect (KIND expect, don't-care digits as 0) statements for PORT.
stf_packets() {
    python3 - "$@" <<'PY'
import sys
path, kind, port = sys.argv[1], sys.argv[2], sys.argv[3]
for n, line in enumerate(open(path), 1):
    w = line.split("#")[0].split()
    if len(w) < 3 or w[0] != kind or w[1] != port:
        continue
    digits = "".join(w[2:]).replace("$", "").replace("*", "0").lower()
    print(n, digits + "0" * (len(digits) % 2))
PY
}

# stf_batch STF: the STF's add statements as p4ctl table add lines of
# pipeline "r" (a run's table file names any pipeline).
stf_batch() {
    python3 - "$1" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line.startswith("add "):
        continue
    m = re.match(r"add\s+(\S+)\s+(.*?)\s*(\w+)\((.*)\)\s*$", line)
    table, keys, action, args = m.groups()
    words = ["table", "add", "r", table] + [k.replace(":", "=", 1) for k in keys.split()]
    words.append("action=" + action)
    words += [a.strip().replace(":", "=", 1) for a in args.split(",") if a.strip()]
    print(" ".join(words))
PY
}

for name in ipv4_router vlan ipip_tunnel; do
    p4=examples/$name.p4 stf=examples/$name.stf
    t=$work/$name-test r=$work/$name-run
    if "$P4CTL" test "$p4" "$stf" --pcap-dir "$t" >"$work/out" 2>&1; then
        ok "$name: p4ctl test --pcap-dir"
    else
        bad "$name: p4ctl test --pcap-dir"; sed 's/^/    /' "$work/out"; continue
    fi
    # Every file read by tcpdump; each port's files hold the STF's packets.
    ports=$(awk '$1 == "packet" || $1 == "expect" { print $2 }' "$stf" | sort -un)
    for port in $ports; do
        for kind in in out expected; do
            f=$t/pcap${port}_$kind.pcap
            if ! tcpdump -r "$f" -nn >"$work/tcpdump" 2>&1; then
                bad "$name: tcpdump -r pcap${port}_$kind.pcap"; sed 's/^/    /' "$work/tcpdump"
            fi
        done
        pcap_dump "$t/pcap${port}_in.pcap" >"$work/got"
        stf_packets "$stf" packet "$port" >"$work/want"
        if cmp -s "$work/got" "$work/want"; then ok "$name: pcap${port}_in.pcap holds the STF's packets for port $port"
        else bad "$name: pcap${port}_in.pcap"; diff "$work/want" "$work/got" | sed 's/^/    /'; fi
        pcap_dump "$t/pcap${port}_expected.pcap" >"$work/got"
        stf_packets "$stf" expect "$port" >"$work/want"
        if cmp -s "$work/got" "$work/want"; then ok "$name: pcap${port}_expected.pcap holds the STF's expects"
        else bad "$name: pcap${port}_expected.pcap"; diff "$work/want" "$work/got" | sed 's/^/    /'; fi
        # The test passed: as many packets came out as were expected.
        n_out=$(pcap_dump "$t/pcap${port}_out.pcap" | wc -l)
        n_exp=$(wc -l <"$work/want")
        [[ $n_out == "$n_exp" ]] && ok "$name: $n_out packets out of port $port" ||
            bad "$name: $n_out packets out of port $port, $n_exp expected"
    done

    # The replay: the STF's entries from a batch file, its packets from the
    # test's input files.
    stf_batch "$stf" >"$work/$name.batch"
    ins=()
    for f in "$t"/pcap*_in.pcap; do
        port=${f##*/pcap}
        ins+=(--in "${port%_in.pcap}=$f")
    done
    if "$P4CTL" run "$p4" "${ins[@]}" --table-file "$work/$name.batch" --out "$r" \
        >"$work/summary" 2>&1; then
        ok "$name: p4ctl run ${ins[*]}"
    else
        bad "$name: p4ctl run"; sed 's/^/    /' "$work/summary"; continue
    fi
    same=1
    for f in "$t"/pcap*_out.pcap "$r"/pcap*_out.pcap; do
        base=${f##*/}
        if ! cmp -s "$t/$base" "$r/$base"; then
            same=0
            bad "$name: $base of the replay differs from the STF run's"
            diff <(pcap_dump "$t/$base" 2>&1) <(pcap_dump "$r/$base" 2>&1) | sed 's/^/    /'
        fi
        tcpdump -r "$f" -nn >/dev/null 2>&1 || bad "$name: tcpdump -r $f"
    done
    [[ $same == 1 ]] && ok "$name: every pcapPORT_out.pcap of the replay is the STF run's, byte for byte"
    n_in=$(grep -c '^packet' "$stf")
    if grep -q "^$n_in packets in, " "$r/summary.txt" && cmp -s "$r/summary.txt" "$work/summary"; then
        ok "$name: summary: $(grep 'packets in' "$r/summary.txt")"
    else
        bad "$name: summary (wanted $n_in packets in)"; sed 's/^/    /' "$work/summary"
    fi
done

# ------------------------------------------------- a test on veths (netns)
# Multicast scripts run on a test network of their own: their files too.
stf=tests/stf/v1model-multicast.stf t=$work/multicast-test
"$P4CTL" test tests/stf/v1model-multicast.p4 "$stf" --pcap-dir "$t" >"$work/out" 2>&1
status=$?
if [[ $status == 77 ]]; then
    echo "note: $stf not run here (no network namespaces)"
elif [[ $status != 0 ]]; then
    bad "multicast: p4ctl test --pcap-dir (exit $status)"; sed 's/^/    /' "$work/out"
else
    good_files=1
    for port in $(awk '$1 == "packet" || $1 == "expect" { print $2 }' "$stf" | sort -un); do
        for kind in in out expected; do
            tcpdump -r "$t/pcap${port}_$kind.pcap" -nn >/dev/null 2>&1 ||
                { good_files=0; bad "multicast: tcpdump -r pcap${port}_$kind.pcap"; }
        done
        cmp -s <(pcap_dump "$t/pcap${port}_in.pcap") <(stf_packets "$stf" packet "$port") ||
            { good_files=0; bad "multicast: pcap${port}_in.pcap"; }
        n_out=$(pcap_dump "$t/pcap${port}_out.pcap" | wc -l)
        n_exp=$(stf_packets "$stf" expect "$port" | wc -l)
        [[ $n_out == "$n_exp" ]] ||
            { good_files=0; bad "multicast: $n_out packets out of port $port, $n_exp expected"; }
    done
    [[ $good_files == 1 ]] && ok "multicast (on veths): --pcap-dir files hold every port's packets in and out"
fi

# ---------------------------------------------------- a summary in detail
# ipv4_router's STF: 19 packets; the dropped ones are those of no_packet.
r=$work/ipv4_router-run
stf=examples/ipv4_router.stf
"$P4CTL" --json run examples/ipv4_router.p4 --in 0="$work/ipv4_router-test/pcap0_in.pcap" \
    --in 1="$work/ipv4_router-test/pcap1_in.pcap" --table-file "$work/ipv4_router.batch" \
    --out "$work/json-run" >"$work/json" 2>&1
n_drop=$(grep -c '^no_packet' "$stf")
n_exp=$(grep -c '^expect' "$stf")
if python3 - "$work/json" "$n_drop" "$n_exp" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["dropped"] == int(sys.argv[2]), s
assert s["out"] == int(sys.argv[3]), s
assert s["in"] == s["out"] + s["dropped"], s
assert sum(p["out"] for p in s["ports"]) == s["out"], s
assert sum(d["count"] for d in s["drops"]) == s["dropped"], s
PY
then ok "run --json: $n_exp out and $n_drop dropped, as the STF's expect and no_packet lines say"
else bad "run --json"; sed 's/^/    /' "$work/json"; fi

# ---------------------------------------------------------- a failing test
sed 's/^expect 2 \(..\)/expect 2 ff/' examples/ipv4_router.stf >"$work/wrong.stf"
"$P4CTL" test examples/ipv4_router.p4 "$work/wrong.stf" --pcap-dir "$work/wrong" >"$work/out" 2>&1
status=$?
if [[ $status == 1 ]] && [[ -s $work/wrong/pcap2_out.pcap ]] &&
    ! cmp -s <(pcap_dump "$work/wrong/pcap2_out.pcap") <(pcap_dump "$work/wrong/pcap2_expected.pcap") &&
    pcap_dump "$work/wrong/pcap2_expected.pcap" | grep ' ff' >/dev/null; then
    ok "a failing test writes its files: pcap2_expected.pcap and pcap2_out.pcap differ"
else
    bad "failing test (exit $status)"; sed 's/^/    /' "$work/out"
fi

# ---------------------------------------------------------------- bad input
# Each must fail with the message and leave the output directory as it was.
good=$work/ipv4_router-test/pcap0_in.pcap
before=$(ls -l --time-style=+%s.%N "$r")
# refused STATUS MESSAGE ARGS...: p4ctl ARGS exits STATUS saying MESSAGE.
refused() {
    local want=$1 msg=$2
    shift 2
    "$P4CTL" "$@" >"$work/out" 2>&1
    local status=$?
    if [[ $status == "$want" ]] && grep -qF -- "$msg" "$work/out" &&
        [[ $(ls -l --time-style=+%s.%N "$r") == "$before" ]]; then
        ok "refused ($status): $(head -n 1 "$work/out")"
    else
        bad "p4ctl $* (exit $status, wanted $want and '$msg')"; sed 's/^/    /' "$work/out"
    fi
}
echo "not a capture" >"$work/text.pcap"
refused 1 "$work/text.pcap: not a pcap or pcapng file" \
    run examples/ipv4_router.p4 --in 0="$good" --in 1="$work/text.pcap" --out "$r"
head -c 60 "$good" >"$work/cut.pcap"
refused 1 "$work/cut.pcap: cut short after 0 whole packets" \
    run examples/ipv4_router.p4 --in 0="$work/cut.pcap" --out "$r"
: >"$work/empty.pcap"
refused 1 "$work/empty.pcap: cut short: not even a whole pcap file header" \
    run examples/ipv4_router.p4 --in 0="$work/empty.pcap" --out "$r"
python3 - "$work/raw.pcap" <<'PY'
import struct, sys
pkt = bytes.fromhex("4500001400000000401100000a0000010a000002")
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))  # LINKTYPE_RAW
    f.write(struct.pack("<IIII", 1, 0, len(pkt), len(pkt)) + pkt)
PY
refused 1 "link type RAW (Raw IP), not Ethernet" \
    run examples/ipv4_router.p4 --in 0="$work/raw.pcap" --out "$r"
refused 1 "$work/none.pcap: No such file or directory" \
    run examples/ipv4_router.p4 --in 0="$work/none.pcap" --out "$r"
refused 1 "packet 1, on port 300: port 300 is out of range: ports are 0 to 255" \
    run examples/ipv4_router.p4 --in 0="$good" --in 300="$good" --out "$r"
refused 2 "--in takes PORT=FILE, not '$good'" run examples/ipv4_router.p4 --in "$good" --out "$r"
refused 2 "the port must be a number, not 'x'" run examples/ipv4_router.p4 --in x="$good" --out "$r"
refused 2 "run needs --out DIR" run examples/ipv4_router.p4 --in 0="$good"
refused 2 "run needs the packets to run" run examples/ipv4_router.p4 --out "$r"
refused 2 "--pcap-dir is an option of test, not of run" \
    run examples/ipv4_router.p4 --in 0="$good" --out "$r" --pcap-dir "$r"
printf 'table add r routes hdr.ipv4.dst_addr=10.0.0.0/8 action=set_nexthop id=1\nport add r eth0 1\n' \
    >"$work/ports.batch"
refused 2 "ports.batch:2: a table file for run may only have table, counter, register and value-set lines, not port" \
    run examples/ipv4_router.p4 --in 0="$good" --table-file "$work/ports.batch" --out "$r"
printf 'table add r routes hdr.ipv4.dst_addr=10.0.0.0/8 action=set_nexthop id=1\ntable add q routes hdr.ipv4.dst_addr=10.1.0.0/16 action=set_nexthop id=1\n' \
    >"$work/two.batch"
refused 2 "two.batch:2: pipeline 'q', where the lines before named 'r'" \
    run examples/ipv4_router.p4 --in 0="$good" --table-file "$work/two.batch" --out "$r"
printf 'table add r routes hdr.ipv4.dst_addr=10.0.0.0/8 action=no_such_action\n' >"$work/act.batch"
refused 1 "act.batch:1:" \
    run examples/ipv4_router.p4 --in 0="$good" --table-file "$work/act.batch" --out "$r"
touch "$work/plain"
refused 1 "$work/plain: not a directory" run examples/ipv4_router.p4 --in 0="$good" --out "$work/plain"
refused 1 "$work/plain: not a directory" test examples/ipv4_router.p4 examples/ipv4_router.stf \
    --pcap-dir "$work/plain"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
