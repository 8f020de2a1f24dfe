#!/usr/bin/env bash
# p4cc's exit status and files tell the truth about its output: every
# write and close is checked (/dev/full, standard output on /dev/full, a
# file-size limit standing in for a full disk: exit 1 with "cannot write
# FILE: REASON"); a failed compile leaves no .o, .h or .p4info.json behind
# and an earlier good one untouched; an object that is not a regular file
# (/dev/null, standard output) gets no side files (/dev/null.h); a "clang"
# that succeeds without writing an object is an error. Needs no privileges.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
BUILD=${BUILD:-build}
P4CC=$PWD/$BUILD/p4cc
export P4CC_INCLUDE=${P4CC_INCLUDE:-$PWD/p4include}
PROG=$PWD/examples/l2_switch.p4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL  $1"; [[ -f ${2:-} ]] && sed 's/^/    /' "$2" | head -20; }

# expect_write_error WHAT CMD...: CMD exits 1 and says what it could not write.
expect_write_error() {
    local what=$1
    shift
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    if [[ $status -eq 1 ]] && grep -q "^p4cc: error: cannot write .*: " "$work/err"; then
        ok
    else
        bad "$what: exit status $status, expected 1 with a 'cannot write' message" "$work/err"
    fi
}

# No files but the ones listed (the directory holds only what p4cc wrote).
expect_files() {
    local what=$1 want=$2 have
    have=$(ls -A "$work/d" | tr '\n' ' ')
    if [[ $have == "$want" ]]; then ok; else bad "$what: files left: '$have', expected '$want'"; fi
}

# Each kind of output into /dev/full, by -o and on standard output.
expect_write_error "-S -o /dev/full" "$P4CC" -S "$PROG" -o /dev/full
bash -c '"$1" -S "$2" >/dev/full' _ "$P4CC" "$PROG" 2>"$work/err"
[[ $? -eq 1 ]] && grep -q "cannot write standard output" "$work/err" && ok ||
    bad "-S >/dev/full" "$work/err"
bash -c '"$1" -E "$2" >/dev/full' _ "$P4CC" "$PROG" 2>"$work/err"
[[ $? -eq 1 ]] && grep -q "cannot write standard output" "$work/err" && ok ||
    bad "-E >/dev/full" "$work/err"
expect_write_error "-E -o /dev/full" "$P4CC" -E "$PROG" -o /dev/full
expect_write_error "--emit=p4 -o /dev/full" "$P4CC" --emit=p4 "$PROG" -o /dev/full
expect_write_error "--emit=api -o /dev/full" "$P4CC" --emit=api "$PROG" -o /dev/full
bash -c '"$1" --version >/dev/full' _ "$P4CC" 2>"$work/err"
[[ $? -eq 1 ]] && ok || bad "--version >/dev/full exits 0"

# A full disk: a file-size limit (SIGXFSZ ignored, so a write fails with
# EFBIG). Whatever the stage that fails, nothing half-written stays.
mkdir -p "$work/d"
for kb in 1 4 8 16; do
    rm -f "$work/d/"*
    expect_write_error "a full compile under ulimit -f $kb" \
        bash -c 'trap "" XFSZ; ulimit -f "$1"; exec "$2" "$3" -o "$4"' _ "$kb" "$P4CC" "$PROG" "$work/d/p.o"
    expect_files "ulimit -f $kb" ""
done
# -S into a regular file under the limit: no truncated C either.
rm -f "$work/d/"*
expect_write_error "-S under ulimit -f 4" \
    bash -c 'trap "" XFSZ; ulimit -f 4; exec "$1" -S "$2" -o "$3"' _ "$P4CC" "$PROG" "$work/d/p.c"
expect_files "-S under ulimit -f 4" ""

# The last file fails (the header, on /dev/full): the object and the
# p4info, already written, do not appear, and an earlier compile's stay
# as they were.
rm -f "$work/d/"*
"$P4CC" "$PROG" -o "$work/d/p.o" >/dev/null 2>&1
cp "$work/d/p.o" "$work/good.o"
cp "$work/d/p.p4info.json" "$work/good.p4info.json"
echo "/* stale */" >"$work/d/p.p4info.json"
expect_write_error "--api-header /dev/full" "$P4CC" "$PROG" -o "$work/d/q.o" --api-header /dev/full
expect_files "--api-header /dev/full" "p.h p.o p.p4info.json "
expect_write_error "--api-header /dev/full over an earlier object" \
    "$P4CC" "$PROG" -o "$work/d/p.o" --api-header /dev/full
if cmp -s "$work/d/p.o" "$work/good.o" && grep -q stale "$work/d/p.p4info.json"; then ok; else
    bad "a failed compile changed the earlier p.o or p.p4info.json"; fi
expect_files "no temporaries" "p.h p.o p.p4info.json "

# An object that is not a regular file: no side files derived from its name.
rm -f "$work/d/"*
ln -s /dev/null "$work/d/null.o"
if "$P4CC" "$PROG" -o "$work/d/null.o" >/dev/null 2>"$work/err"; then ok; else
    bad "-o a symbolic link to /dev/null" "$work/err"; fi
expect_files "-o a link to /dev/null" "null.o "
# (/dev/null.h itself is not looked at: any p4cc on the machine may write it.)
if "$P4CC" "$PROG" -o /dev/null 2>"$work/err"; then ok; else bad "-o /dev/null" "$work/err"; fi
# A symbolic link to a regular file is one: the side files come.
rm -f "$work/d/"*
: >"$work/real.o"
ln -s "$work/real.o" "$work/d/link.o"
"$P4CC" "$PROG" -o "$work/d/link.o" >/dev/null 2>&1
expect_files "-o a link to a regular file" "link.h link.o link.p4info.json "
# /dev/fd/1 redirected to a file is not (a link into /proc): no
# /dev/fd/1.h. (Not /dev/stdout: a p4cc that got it wrong would leave
# /dev/stdout.h, or let clang replace the link /dev/stdout by a file.)
rm -f "$work/d/"*
(cd "$work/d" && "$P4CC" "$PROG" -o /dev/fd/1 >"$work/d/out.o" 2>"$work/err")
if [[ $? -eq 0 && $(head -c 4 "$work/d/out.o" | od -An -c | tr -d ' ') == '177ELF' ]]; then ok
else bad "-o /dev/fd/1 into a file" "$work/err"; fi
expect_files "-o /dev/fd/1" "out.o "
rm -f "$work/d/"*
(cd "$work/d" && "$P4CC" "$PROG" -o - >"$work/stdout.o" 2>"$work/err")
if [[ $? -eq 0 ]] && [[ $(head -c 4 "$work/stdout.o" | od -An -c | tr -d ' ') == '177ELF' ]]; then ok
else bad "-o - does not write the object to standard output" "$work/err"; fi
expect_files "-o -" ""
# ...unless named: --api-header still writes where it is told.
"$P4CC" "$PROG" -o /dev/null --api-header "$work/d/api.h" >/dev/null 2>&1
expect_files "-o /dev/null --api-header FILE" "api.h "

# A "clang" that exits 0 without writing an object, or writes something else.
rm -f "$work/d/"*
printf '#!/bin/sh\nexit 0\n' >"$work/noop-clang"
printf '#!/bin/sh\nwhile [ "$1" != -o ]; do shift; done; echo junk >"$2"\n' >"$work/junk-clang"
chmod +x "$work/noop-clang" "$work/junk-clang"
for fake in /bin/true "$work/noop-clang" "$work/junk-clang"; do
    "$P4CC" "$PROG" -o "$work/d/p.o" --clang "$fake" >/dev/null 2>"$work/err"
    status=$?
    if [[ $status -eq 1 ]] && grep -q "wrote no BPF object" "$work/err"; then ok; else
        bad "--clang $fake: exit status $status" "$work/err"; fi
    rm -f "$work/d/p.p4cc.c"
    expect_files "--clang $fake" ""
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
